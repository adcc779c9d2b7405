"""Action item pages: the list (yours and your committees'), one action item with its history,
reporting progress (the assignee) and changing it (the secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.committees import selectors, services_actions
from rahai.committees.access import (
    access_action,
    allowed_statuses,
    can_edit_action,
    can_update_action,
)
from rahai.committees.forms import ActionForm, ActionStatusForm
from rahai.committees.models import ActionStatus
from rahai.core.forms import apply_service_errors

TEMPLATE = "committees/action_detail.html"


@login_required
def action_list(request):
    status = request.GET.get("status", "open")
    status = status if status in {"open", "all", *ActionStatus.values} else "open"
    overdue = request.GET.get("overdue") == "1"
    mine = request.GET.get("mine") == "1"
    committee_id = request.GET.get("committee", "")
    actions = selectors.action_list(
        request.user,
        status="" if status == "all" else status,
        overdue=overdue,
        mine=mine,
        committee_id=int(committee_id) if committee_id.isdigit() else None,
    )[:200]
    context = {
        "actions": actions,
        "status": status,
        "statuses": ActionStatus.choices,
        "overdue": overdue,
        "mine": mine,
    }
    return render(request, "committees/action_list.html", context)


def _context(request, action, **overrides) -> dict:
    statuses = allowed_statuses(request.user, action)
    context = {
        "action": action,
        "history": selectors.action_history(action),
        "can_update": can_update_action(request.user, action) and bool(statuses),
        "can_edit": can_edit_action(request.user, action),
        "status_form": ActionStatusForm(statuses=statuses, initial={"status": action.status}),
    }
    context.update(overrides)
    return context


@login_required
def action_detail(request, action_id: int):
    action = access_action(request.user, action_id)
    return render(request, TEMPLATE, _context(request, action))


@login_required
@require_POST
def action_status(request, action_id: int):
    action = access_action(request.user, action_id)
    if not can_update_action(request.user, action):
        raise PermissionDenied
    form = ActionStatusForm(request.POST, statuses=allowed_statuses(request.user, action))
    saved = False
    if form.is_valid():
        try:
            services_actions.action_set_status(
                user=request.user,
                action=action,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
            saved = True
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if saved:
        action = access_action(request.user, action_id)
    overrides = {} if saved else {"status_form": form}
    if request.htmx:
        return render(request, f"{TEMPLATE}#progress", _context(request, action, **overrides))
    if saved:
        messages.success(request, _("Action item updated."))
        return redirect("committees:action_detail", action_id=action.pk)
    return render(request, TEMPLATE, _context(request, action, **overrides))


@login_required
def action_edit(request, action_id: int):
    action = access_action(request.user, action_id)
    if not can_edit_action(request.user, action):
        raise PermissionDenied
    form = ActionForm(
        request.POST or None,
        decisions=selectors.meeting_decisions(action.meeting),
        initial={
            "text": action.text,
            "organisation": action.organisation_id,
            "assigned_person": action.assigned_person,
            "due_on": action.due_on,
            "decision": action.decision_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_actions.action_update(
                user=request.user, action=action, data=dict(form.cleaned_data)
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Action item saved."))
            return redirect("committees:action_detail", action_id=action.pk)
    return render(request, "committees/action_form.html", {"form": form, "action": action})
