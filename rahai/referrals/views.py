"""Referral pages: the form from a case, the inbox and outbox, and the referral page with its
state-machine actions. Parsing here; rules in ``services`` and ``access``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.cases.access import access_case
from rahai.core.forms import apply_service_errors
from rahai.referrals import onward, selectors, services
from rahai.referrals.access import (
    access_referral,
    available_actions,
    can_refer_onward,
    onward_notes,
    referable_victims,
    referral_history,
    referral_override,
    referral_scope,
)
from rahai.referrals.forms import (
    CompleteForm,
    DeclineForm,
    DueForm,
    OnwardForm,
    ReassignForm,
    ReferralForm,
    ReviewForm,
    TextForm,
)
from rahai.referrals.models import ReferralStatus
from rahai.services_directory.selectors import providers_for


def _require_case_worker(user) -> None:
    if not user.works_cases:
        raise Http404


@login_required
def referral_list(request):
    _require_case_worker(request.user)
    box = request.GET.get("box", "in")
    box = box if box in selectors.BOXES else "in"
    status = request.GET.get("status", "open")
    overdue = request.GET.get("overdue") == "1"
    referrals = list(
        selectors.referral_box(request.user, box, status=status, overdue=overdue)[:200]
    )
    for referral in referrals:
        referral.overdue = selectors.is_overdue(referral)
    context = {
        "box": box,
        "status": status,
        "overdue": overdue,
        "referrals": referrals,
        "statuses": ReferralStatus.choices,
        "transfers": selectors.transfer_box(request.user, box)[:50],
    }
    return render(request, "referrals/referral_list.html", context)


@login_required
def referral_create(request, case_id: int):
    case = access_case(request.user, case_id, write=True)
    victims = list(referable_victims(request.user, case))
    data = request.POST if request.method == "POST" else None
    service = (data or request.GET).get("service", "")
    form = ReferralForm(
        data,
        case=case,
        victims=victims,
        notes=list(case.notes.select_related("organisation")[:50]),
        suggested=providers_for(service, case.district),
        initial={
            "person": request.GET.get("person", str(victims[0].person_id) if victims else ""),
            "service": service,
            "to_organisation": request.GET.get("to_organisation", ""),
        },
    )
    template = "referrals/referral_form.html"
    context = {"case": case, "form": form}
    if request.htmx and request.htmx.trigger_name == "service" and request.method == "GET":
        return render(request, template + "#organisation-field", context)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                user=request.user, case=case, data=form.service_data()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Referral %(reference)s sent.") % {"reference": referral.reference}
            )
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(request, template, context)


@login_required
def referral_detail(request, referral_id: int):
    referral = access_referral(request.user, referral_id)
    scope = referral_scope(request.user, referral)
    if scope.sharing:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            object_type="referral",
            object_id=referral.pk,
            case_id=referral.case_id,
            person_id=referral.person_id if scope.person else None,
            ip_address=client_ip(request),
        )
    context = {
        "referral": referral,
        "scope": scope,
        "override": referral_override(request.user, referral),
        "history": referral_history(request.user, referral),
        "actions": available_actions(request.user, referral),
        "overdue": selectors.is_overdue(referral),
        # Several of these forms have a "text": each its own ids, so each label finds its box.
        "text_form": TextForm(),
        "decline_form": DeclineForm(auto_id="id_decline_%s"),
        "complete_form": CompleteForm(),
        "reassign_form": ReassignForm(auto_id="id_reassign_%s"),
        "review_form": ReviewForm(auto_id="id_review_%s"),
        "due_form": DueForm(initial={"due_on": referral.due_on}, auto_id="id_due_%s"),
        "onward": list(
            selectors.onward_from(request.user, referral).select_related("to_organisation")
        ),
    }
    return render(request, "referrals/referral_detail.html", context)


@login_required
def referral_onward(request, referral_id: int):
    """The receiver passes the referred victim on to a third organisation."""
    referral = access_referral(request.user, referral_id)
    if not can_refer_onward(request.user, referral):
        raise Http404
    form = OnwardForm(
        request.POST if request.method == "POST" else None,
        referral=referral,
        notes=list(onward_notes(request.user, referral)),
        initial={"service": request.GET.get("service", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            child = onward.referral_refer_onward(
                user=request.user, referral=referral, data=form.service_data()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Referral %(reference)s sent.") % {"reference": child.reference}
            )
            return redirect("referrals:detail", referral_id=child.pk)
    return render(request, "referrals/onward_form.html", {"referral": referral, "form": form})


ACTIONS = {
    "accept": (
        TextForm,
        lambda u, r, d: services.referral_accept(user=u, referral=r, note=d["text"]),
    ),
    "decline": (
        DeclineForm,
        lambda u, r, d: services.referral_decline(
            user=u, referral=r, reason=d["reason"], text=d["text"]
        ),
    ),
    "request_info": (
        TextForm,
        lambda u, r, d: services.referral_request_info(user=u, referral=r, question=d["text"]),
    ),
    "give_info": (
        TextForm,
        lambda u, r, d: services.referral_give_info(user=u, referral=r, answer=d["text"]),
    ),
    "start": (TextForm, lambda u, r, d: services.referral_start(user=u, referral=r)),
    "complete": (
        CompleteForm,
        lambda u, r, d: services.referral_complete(user=u, referral=r, outcome=d["outcome"]),
    ),
    "revoke": (
        TextForm,
        lambda u, r, d: services.referral_revoke(user=u, referral=r, reason=d["text"]),
    ),
    "reassign": (
        ReassignForm,
        lambda u, r, d: services.referral_reassign(
            user=u, referral=r, organisation=d["organisation"], note=d["text"]
        ),
    ),
    "change_due": (
        DueForm,
        lambda u, r, d: services.referral_change_due(
            user=u, referral=r, due_on=d["due_on"], note=d["text"]
        ),
    ),
    "review": (
        ReviewForm,
        lambda u, r, d: services.referral_review_override(
            user=u, referral=r, justified=d["justified"], note=d["text"]
        ),
    ),
}
DONE = {
    "accept": gettext_lazy("Referral accepted. The shared data is below until the referral ends."),
    "decline": gettext_lazy("Referral declined."),
    "request_info": gettext_lazy("Question sent."),
    "give_info": gettext_lazy("Information sent; the receiver's clock restarts."),
    "start": gettext_lazy("Marked as in progress."),
    "complete": gettext_lazy("Referral completed. Access to the shared data has ended."),
    "revoke": gettext_lazy("Referral revoked. The receiver no longer sees any of its data."),
    "reassign": gettext_lazy("Referral reassigned."),
    "review": gettext_lazy("Review recorded."),
    "change_due": gettext_lazy("Due date changed; the other side is told."),
}


@login_required
@require_POST
def referral_act(request, referral_id: int, action: str):
    referral = access_referral(request.user, referral_id)
    if action not in ACTIONS:
        raise Http404
    form_class, run = ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        try:
            run(request.user, referral, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, str(DONE[action]))
    return redirect("referrals:detail", referral_id=referral.pk)
