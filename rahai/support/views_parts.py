"""The plan page's parts, written inline with htmx (each answers with its refreshed part) and as
plain forms without JavaScript (each redirects back to the plan page with a message)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.core.forms import apply_service_errors
from rahai.orgs.models import Organisation
from rahai.referrals.access import access_referral
from rahai.support import services
from rahai.support.access import access_plan, access_service, plan_referrals
from rahai.support.forms import ChecklistForm, DeliveryForm, FollowUpForm, ServiceForm
from rahai.support.views import error_text, form_errors, plan_context

TEMPLATE = "support/plan_detail.html"


def _answer(request, plan, part: str, *, done: str = "", error: str = "", **forms):
    """The refreshed part for htmx; otherwise back to the plan page with a message."""
    if request.htmx:
        context = plan_context(request, plan, **forms)
        # A form sent back with its errors shows them itself, next to the fields.
        context.update(part_done=done, part_error="" if forms else error)
        return render(request, f"{TEMPLATE}#{part}", context)
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect("support:plan", plan_id=plan.pk)


def _working_plan(request, plan_id: int):
    plan = access_plan(request.user, plan_id)
    if not plan.viewer_can_work:
        raise PermissionDenied
    return plan


@login_required
@require_POST
def service_add(request, plan_id: int):
    plan = _working_plan(request, plan_id)
    user = request.user
    form = ServiceForm(
        request.POST,
        referrals=list(plan_referrals(user, plan).select_related("to_organisation"))
        if plan.viewer_can_edit
        else plan.viewer_referrals,
        providers=None
        if plan.viewer_can_edit
        else Organisation.objects.filter(pk=user.organisation_id),
    )
    if form.is_valid():
        try:
            services.service_add(user=user, plan=plan, data=form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _answer(request, plan, "services", done=_("Service added to the plan."))
    return _answer(request, plan, "services", error=form_errors(form), service_form=form)


@login_required
@require_POST
def service_update(request, plan_id: int, service_id: int):
    plan = access_plan(request.user, plan_id)
    service = access_service(request.user, plan, service_id, write=True)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        return _answer(request, plan, "services", error=form_errors(form))
    try:
        services.service_update(user=request.user, service=service, data=form.cleaned_data)
    except ValidationError as exc:
        return _answer(request, plan, "services", error=error_text(exc))
    return _answer(request, plan, "services", done=_("Service updated."))


@login_required
@require_POST
def service_from_referral(request, plan_id: int, referral_id: int):
    """Record a completed referral's outcome as the delivery of its service."""
    plan = access_plan(request.user, plan_id)
    if not plan.viewer_can_edit:
        raise PermissionDenied
    referral = access_referral(request.user, referral_id)
    try:
        services.planned_service_from_referral(user=request.user, plan=plan, referral=referral)
    except ValidationError as exc:
        return _answer(request, plan, "services", error=error_text(exc))
    return _answer(
        request,
        plan,
        "services",
        done=_("Recorded as delivered from referral %(reference)s.")
        % {"reference": referral.reference},
    )


@login_required
@require_POST
def follow_up_add(request, plan_id: int):
    plan = _working_plan(request, plan_id)
    form = FollowUpForm(request.POST, organisation_id=request.user.organisation_id)
    if form.is_valid():
        try:
            services.follow_up_record(user=request.user, plan=plan, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _answer(request, plan, "follow-ups", done=_("Follow-up recorded."))
    return _answer(request, plan, "follow-ups", error=form_errors(form), follow_up_form=form)


@login_required
@require_POST
def checklist_mark(request, plan_id: int):
    plan = access_plan(request.user, plan_id)
    if not plan.viewer_can_edit:
        raise PermissionDenied
    form = ChecklistForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    try:
        services.checklist_mark(
            user=request.user,
            plan=plan,
            item=data["item"],
            state=data["state"],
            reason=data["reason"],
        )
    except ValidationError as exc:
        return _answer(request, plan, "checklist", error=error_text(exc))
    return _answer(request, plan, "checklist", done=_("Checklist saved."))
