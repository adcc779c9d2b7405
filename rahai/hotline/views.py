"""Staff pages of the hotline: triage queue, call console, contact page, alerts, accuracy."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.accounts.models import User
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.cases.access import access_case_by_reference
from rahai.cases.forms import CaseForm
from rahai.core.forms import apply_service_errors
from rahai.hotline import selectors, services
from rahai.hotline.access import access_contact, works_hotline
from rahai.hotline.alerts import hotline_alerts, mark_contact_alerts_read, unread_alerts
from rahai.hotline.call_form import MENTION_ROLES, CallForm
from rahai.hotline.choices import ContactClass, Urgency
from rahai.hotline.forms import TriageForm
from rahai.hotline.intake import ReportData
from rahai.hotline.triage import ScreeningAnswers, suggest, suggestion_accuracy


def _require_hotline(user) -> None:
    if not works_hotline(user):
        raise Http404


@login_required
def queue(request):
    _require_hotline(request.user)
    now = timezone.now()
    page = Paginator(selectors.triage_queue(request.user), 50).get_page(request.GET.get("page"))
    rows = [(contact, *selectors.sla_state(contact, now)) for contact in page.object_list]
    context = {"page": page, "rows": rows, "alerts": unread_alerts(request.user)[:10]}
    template = "hotline/queue.html"
    if request.htmx:
        template += "#queue"
    return render(request, template, context)


def _answers_from(form_data, screening) -> ScreeningAnswers:
    return ScreeningAnswers(
        indicators=frozenset(screening),
        immediate_danger=form_data.get("immediate_danger") or "unknown",
        children_involved=form_data.get("children_involved") or "unknown",
        persons_at_risk=form_data.get("persons_at_risk"),
        abroad=bool(form_data.get("country"))
        and getattr(form_data.get("country"), "code", "") != "PK",
        caller_type=form_data.get("caller_type") or "unknown",
        wants_referral=bool(form_data.get("wants_referral")),
        wants_information=bool(form_data.get("wants_information")),
    )


@login_required
def call_new(request):
    _require_hotline(request.user)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = ReportData(
            narrative=data["narrative"],
            district=data["district"],
            country=data["country"],
            place=data["place"],
            when_text=data["when_text"],
            persons_at_risk=data["persons_at_risk"],
            children_involved=data["children_involved"],
            immediate_danger=data["immediate_danger"],
            caller_type=data["caller_type"],
            reporter_name=data["reporter_name"],
            reporter_phone=data["reporter_phone"],
            language=data["language"],
            screening=data["screening"],
            persons_mentioned=form.persons_mentioned(),
            wants_referral=data["wants_referral"],
            wants_information=data["wants_information"],
        )
        try:
            contact = services.call_log(
                user=request.user,
                data=report,
                contact_class=data["contact_class"],
                urgency=data["urgency"],
                case_types=data["case_types"],
                indicators=data["indicators"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Call logged as %(reference)s.") % {"reference": contact.reference}
            )
            return redirect("hotline:contact_detail", contact_id=contact.pk)
    return render(request, "hotline/call.html", {"form": form})


@login_required
@require_POST
def triage_preview(request):
    """htmx: Rahai's suggestion for the call being typed, to prefill the triage fields."""
    _require_hotline(request.user)
    form = CallForm(request.POST)
    form.is_valid()  # partial input is fine: use what is clean
    data = form.cleaned_data
    suggestion = suggest(
        text=data.get("narrative", ""), answers=_answers_from(data, data.get("screening", []))
    )
    return render(
        request,
        "hotline/triage_preview.html",
        {
            "suggestion": suggestion,
            "class_label": ContactClass(suggestion.contact_class).label,
            "urgency_label": Urgency(int(suggestion.urgency)).label,
        },
    )


@login_required
def contact_detail(request, contact_id: int):
    contact = access_contact(request.user, contact_id)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="contact",
        object_id=contact.pk,
        case_id=contact.case_id,
        ip_address=client_ip(request),
    )
    can_act = works_hotline(request.user)
    mark_contact_alerts_read(request.user, contact)
    triage_form = TriageForm(
        initial={
            "contact_class": contact.contact_class or contact.suggested_class,
            "urgency": contact.urgency,
            "case_types": contact.case_types,
            "indicators": contact.indicators,
        }
    )
    roles = dict(MENTION_ROLES)
    mentioned = [
        {**person, "role_label": roles.get(person.get("role"), "")}
        for person in contact.persons_mentioned or []
    ]
    context = {
        "contact": contact,
        "mentioned": mentioned,
        "messages_list": contact.messages.all(),
        "attachments": contact.attachments.all(),
        "triage_form": triage_form,
        "can_act": can_act,
        "sla": selectors.sla_state(contact),
        "colleagues": User.objects.filter(
            organisation_id=request.user.organisation_id, is_active=True
        )
        if can_act
        else [],
        # Loaded after the page (htmx): the linkage check can take a second or two.
        "check_matches": can_act and not contact.case_id,
    }
    return render(request, "hotline/contact_detail.html", context)


@login_required
def contact_matches(request, contact_id: int):
    """The persons already recorded who may be those the contact mentions (a fragment the
    contact page loads after it has opened). Showing them is a view of their data: audited."""
    contact = access_contact(request.user, contact_id)
    if not works_hotline(request.user):
        raise Http404
    matches = selectors.possible_matches(request.user, contact) if not contact.case_id else []
    if matches:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            object_type="contact",
            object_id=contact.pk,
            fields=["possible_matches"],
            details={"persons": [match["person"].pk for match in matches]},
            ip_address=client_ip(request),
        )
    template = "hotline/matches_block.html" if request.htmx else "hotline/matches_page.html"
    return render(request, template, {"contact": contact, "matches": matches})


@login_required
@require_POST
def contact_triage(request, contact_id: int):
    contact = access_contact(request.user, contact_id, write=True)
    form = TriageForm(request.POST)
    if form.is_valid():
        try:
            services.contact_triage_confirm(user=request.user, contact=contact, **form.cleaned_data)
            messages.success(request, _("Triage confirmed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a class and an urgency."))
    return redirect("hotline:contact_detail", contact_id=contact.pk)


@login_required
@require_POST
def contact_assign(request, contact_id: int):
    contact = access_contact(request.user, contact_id, write=True)
    assignee = User.objects.filter(
        pk=request.POST.get("assignee") or 0, organisation_id=request.user.organisation_id
    ).first()
    try:
        services.contact_assign(user=request.user, contact=contact, assignee=assignee)
        messages.success(request, _("Assigned."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("hotline:contact_detail", contact_id=contact.pk)


@login_required
@require_POST
def contact_close(request, contact_id: int):
    contact = access_contact(request.user, contact_id, write=True)
    try:
        services.contact_close(user=request.user, contact=contact)
        messages.success(request, _("Contact closed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("hotline:contact_detail", contact_id=contact.pk)


@login_required
def contact_case(request, contact_id: int):
    """Make a new case from the contact, prefilled; possible existing persons are shown first."""
    contact = access_contact(request.user, contact_id, write=True)
    form = CaseForm(request.POST or None, user=request.user, initial=services.case_prefill(contact))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.contact_create_case(
                user=request.user, contact=contact, data=form.service_data()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Case %(reference)s created from the contact.") % {"reference": case.reference},
            )
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "hotline/contact_case.html",
        {
            "contact": contact,
            "form": form,
            "matches": selectors.possible_matches(request.user, contact),
        },
    )


@login_required
@require_POST
def contact_attach(request, contact_id: int):
    contact = access_contact(request.user, contact_id, write=True)
    try:
        case = access_case_by_reference(request.user, request.POST.get("reference", ""))
        services.contact_attach_to_case(user=request.user, contact=contact, case=case)
    except Http404:
        messages.error(request, _("No case you can see has this reference."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Contact attached to case %(reference)s.") % {"reference": case.reference}
        )
    return redirect("hotline:contact_detail", contact_id=contact.pk)


@login_required
def attachment_download(request, contact_id: int, attachment_id: int):
    contact = access_contact(request.user, contact_id)
    attachment = contact.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="attachment",
        object_id=attachment.pk,
        case_id=contact.case_id,
        ip_address=client_ip(request),
    )
    response = HttpResponse(
        base64.b64decode(attachment.content), content_type=attachment.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="rahai-attachment-{attachment.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def alerts(request):
    _require_hotline(request.user)
    return render(
        request,
        "hotline/alerts.html",
        {"alerts": hotline_alerts(request.user)[:100]},
    )


@login_required
def accuracy(request):
    """How often operators kept Rahai's suggestion: measured from their confirmations."""
    _require_hotline(request.user)
    rows = selectors.triage_confirmations(request.user).values_list(
        "suggested_class",
        "contact_class",
        "suggested_urgency",
        "urgency",
        "suggested_case_types",
        "case_types",
    )
    report = suggestion_accuracy(list(rows))
    labels = dict(ContactClass.choices)
    confusion = [
        (
            labels.get(confirmed, confirmed),
            [(labels.get(suggested, suggested), n) for suggested, n in row.items()],
        )
        for confirmed, row in report.confusion.items()
    ]
    return render(request, "hotline/accuracy.html", {"report": report, "confusion": confusion})
