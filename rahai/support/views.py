"""Support plan pages: a victim's plans, opening one, the plan page, editing and closing it, the
list of plans needing attention, and the survivor's journey. Parsing here; rules in
``services`` and ``access``. The htmx parts of the plan page are in ``views_parts``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.core.forms import apply_service_errors
from rahai.orgs.models import Organisation
from rahai.referrals.access import referral_scope
from rahai.support import selectors, services
from rahai.support.access import (
    access_plan,
    access_victim,
    can_edit_plan,
    can_open_plan,
    journey_subject,
    victim_plans,
)
from rahai.support.forms import CloseForm, DeliveryForm, FollowUpForm, PlanForm, ServiceForm
from rahai.support.journey import build_journey
from rahai.support.models import CheckState, PlanStatus


def form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def plan_list(request):
    """Plans the user may see, overdue follow-ups first."""
    if not request.user.works_cases:
        raise Http404
    status = request.GET.get("status", PlanStatus.OPEN)
    overdue = request.GET.get("overdue") == "1"
    plans = list(selectors.plans_overview(request.user, status=status, overdue=overdue)[:200])
    for plan in plans:
        plan.overdue = plan.is_open and selectors.is_overdue(plan.follow_up_due)
    context = {"plans": plans, "status": status, "overdue": overdue, "statuses": PlanStatus.choices}
    return render(request, "support/plan_list.html", context)


@login_required
def victim_plan(request, case_id: int, person_id: int):
    """A victim's plans in a case; the open one if there is one, else the form to open one."""
    role = access_victim(request.user, case_id, person_id)
    case, person = role.case, role.person
    plans = list(victim_plans(request.user, case, person))
    current = next((plan for plan in plans if plan.is_open), None)
    if current is not None and request.method == "GET":
        return redirect("support:plan", plan_id=current.pk)
    can_open = current is None and can_open_plan(request.user, case)
    form = PlanForm(request.POST if request.method == "POST" else None, owner_id=case.owner_id)
    if request.method == "POST":
        if not can_open:
            raise PermissionDenied
        if form.is_valid():
            try:
                plan = services.plan_create(
                    user=request.user, case=case, person=person, data=form.cleaned_data
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Support plan opened."))
                return redirect("support:plan", plan_id=plan.pk)
    context = {"case": case, "person": person, "plans": plans, "form": form, "can_open": can_open}
    return render(request, "support/victim_plans.html", context)


def plan_context(request, plan, **forms) -> dict:
    """Everything the plan page (or one of its htmx parts) shows to this viewer."""
    user = request.user
    page = selectors.plan_page(user, plan)
    providers = (
        None if plan.viewer_can_edit else Organisation.objects.filter(pk=user.organisation_id)
    )
    referrals = page.referrals if plan.viewer_can_edit else plan.viewer_referrals
    for service in page.services:
        service.can_record = plan.is_open and (
            plan.viewer_can_edit
            or (plan.viewer_can_work and service.provider_id == user.organisation_id)
        )
    return {
        "plan": plan,
        "page": page,
        "subject": plan_subject(user, plan),
        "can_edit": plan.viewer_can_edit and plan.is_open,
        "can_work": plan.viewer_can_work and plan.is_open,
        "own_organisation": user.organisation_id,
        "service_form": forms.get("service_form")
        or ServiceForm(referrals=referrals, providers=providers),
        "delivery_form": DeliveryForm(),
        "follow_up_form": forms.get("follow_up_form")
        or FollowUpForm(organisation_id=user.organisation_id, initial={"by": user.pk}),
        "close_form": forms.get("close_form") or CloseForm(),
        "check_states": CheckState.choices,
    }


def plan_subject(user, plan) -> dict:
    """Whose plan it is, as this viewer may know: the case's viewers see the victim and the
    case; a receiver sees what its referral shares (maybe no name at all)."""
    if plan.viewer_sees_case:
        person = plan.person
        return {
            "case_reference": plan.case.reference,
            "name": person.display_name,
            "name_urdu": person.name_urdu,
        }
    scopes = [referral_scope(user, referral) for referral in plan.viewer_referrals]
    shared = next((scope.person for scope in scopes if scope.person), None)
    return {
        "case_reference": scopes[0].case_reference if scopes else "",
        "name": shared.display_name if shared else "",
        "name_urdu": shared.name_urdu if shared else "",
    }


def audit_plan_view(request, plan) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="support_plan",
        object_id=plan.pk,
        case_id=plan.case_id,
        person_id=plan.person_id,
        ip_address=client_ip(request),
    )


@login_required
def plan_detail(request, plan_id: int):
    plan = access_plan(request.user, plan_id)
    audit_plan_view(request, plan)
    return render(request, "support/plan_detail.html", plan_context(request, plan))


@login_required
def plan_edit(request, plan_id: int):
    plan = access_plan(request.user, plan_id)
    if not can_edit_plan(request.user, plan):
        raise PermissionDenied
    initial = {
        "needs": plan.needs,
        "goals": plan.goals,
        "risk_notes": plan.risk_notes,
        "key_worker": plan.key_worker_id,
        "opened_on": plan.opened_on,
    }
    form = PlanForm(request.POST or None, owner_id=plan.case.owner_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(user=request.user, plan=plan, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Support plan saved."))
            return redirect("support:plan", plan_id=plan.pk)
    return render(request, "support/plan_form.html", {"plan": plan, "form": form})


@login_required
@require_POST
def plan_close(request, plan_id: int):
    plan = access_plan(request.user, plan_id)
    form = CloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.plan_close(user=request.user, plan=plan, note=note)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Support plan closed."))
    return redirect("support:plan", plan_id=plan.pk)


@login_required
def journey(request, case_id: int, person_id: int):
    """The survivor's journey: everything the viewer may see about this victim, in date order.
    Every view is audited as a view of the person's data."""
    subject = journey_subject(request.user, case_id, person_id)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=subject.person_id,
        case_id=subject.case_id,
        person_id=subject.person_id,
        fields=["journey"],
        ip_address=client_ip(request),
    )
    context = {"subject": subject, "journey": build_journey(request.user, subject)}
    return render(request, "support/journey.html", context)
