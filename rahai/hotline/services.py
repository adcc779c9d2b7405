"""Staff actions on hotline contacts: log a call, confirm triage, assign, close, make or attach a case."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.cases import services as case_services
from rahai.cases.models import Case, CaseType
from rahai.hotline.access import works_hotline
from rahai.hotline.alerts import alert_if_crisis
from rahai.hotline.choices import NON_CASE_CLASSES, Channel, ContactClass, Urgency
from rahai.hotline.intake import ReportData, _new_contact, clean_report
from rahai.hotline.models import Contact, ContactStatus
from rahai.hotline.triage_apply import sla_due


def _require_hotline(user) -> None:
    if not works_hotline(user):
        raise PermissionDenied


def _clean_triage(
    contact_class: str, urgency: int, case_types: list[str], indicators: list[str]
) -> dict:
    from rahai.hotline.indicators import INDICATOR_CHOICES

    known_indicators = {code for code, _label in INDICATOR_CHOICES}
    errors: dict[str, list] = {}
    if contact_class not in ContactClass.values:
        errors["contact_class"] = [ValidationError(_("Choose a class."))]
    if urgency not in Urgency.values:
        errors["urgency"] = [ValidationError(_("Choose an urgency."))]
    if any(code not in CaseType.values for code in case_types):
        errors["case_types"] = [ValidationError(_("Choose from the list."))]
    if any(code not in known_indicators for code in indicators):
        errors["indicators"] = [ValidationError(_("Choose from the list."))]
    if errors:
        raise ValidationError(errors)
    return {
        "contact_class": contact_class,
        "urgency": int(urgency),
        "case_types": sorted(set(case_types)),
        "indicators": sorted(set(indicators)),
    }


@transaction.atomic
def call_log(
    *,
    user,
    data: ReportData,
    contact_class: str,
    urgency: int,
    case_types: list[str],
    indicators: list[str],
) -> Contact:
    """A phone call logged by the operator while it happens; their triage is the confirmed one."""
    _require_hotline(user)
    data = clean_report(data)
    triage = _clean_triage(contact_class, urgency, case_types, indicators)
    now = timezone.now()
    contact, _pin = _new_contact(channel=Channel.PHONE, data=data, now=now)
    contact.organisation_id = user.organisation_id
    contact.created_by = user
    contact.first_response_at = now
    contact.status = ContactStatus.IN_PROGRESS
    contact.assigned_to = user
    _confirm(contact, user, triage, now)
    contact.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="contact",
        object_id=contact.pk,
        fields=["channel", "contact_class", "narrative"],
    )
    alert_if_crisis(contact)
    return contact


def _confirm(contact: Contact, user, triage: dict, now) -> None:
    for name, value in triage.items():
        setattr(contact, name, value)
    contact.triage_confirmed_by = user
    contact.triage_confirmed_at = now
    contact.sla_due_at = sla_due(contact.received_at, contact.urgency)


@transaction.atomic
def contact_triage_confirm(
    *,
    user,
    contact: Contact,
    contact_class: str,
    urgency: int,
    case_types: list[str],
    indicators: list[str],
) -> dict[str, list]:
    _require_hotline(user)
    triage = _clean_triage(contact_class, urgency, case_types, indicators)
    now = timezone.now()
    before = {name: getattr(contact, name) for name in triage}
    _confirm(contact, user, triage, now)
    if contact.first_response_at is None:
        contact.first_response_at = now
    if contact.status == ContactStatus.NEW:
        contact.status = ContactStatus.IN_PROGRESS
    contact.save()
    diff = {name: [before[name], triage[name]] for name in triage if before[name] != triage[name]}
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="contact",
        object_id=contact.pk,
        case_id=contact.case_id,
        fields=["triage", *diff],
        details={"changes": diff},
    )
    alert_if_crisis(contact)
    return diff


@transaction.atomic
def contact_assign(*, user, contact: Contact, assignee) -> None:
    _require_hotline(user)
    if assignee is not None and assignee.organisation_id != user.organisation_id:
        raise ValidationError({"assignee": [_("Assign to someone at your hotline.")]})
    contact.assigned_to = assignee
    if contact.first_response_at is None:
        contact.first_response_at = timezone.now()
    if contact.status == ContactStatus.NEW:
        contact.status = ContactStatus.IN_PROGRESS
    contact.save(update_fields=["assigned_to", "first_response_at", "status"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="contact",
        object_id=contact.pk,
        fields=["assigned_to"],
    )


@transaction.atomic
def contact_close(*, user, contact: Contact) -> None:
    _require_hotline(user)
    if contact.triage_confirmed_at is None:
        raise ValidationError(_("Confirm the triage before closing the contact."))
    contact.status = ContactStatus.CLOSED
    contact.save(update_fields=["status"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="contact",
        object_id=contact.pk,
        fields=["status"],
    )


def case_prefill(contact: Contact) -> dict[str, Any]:
    """Initial values for the case form, from what the contact told us."""
    return {
        "case_types": contact.case_types or [],
        "district": contact.district_id,
        "opened_on": timezone.localtime(contact.received_at).date()
        if contact.received_at
        else timezone.localdate(),
        "summary": contact.narrative,
        "title": "",
    }


@transaction.atomic
def contact_create_case(*, user, contact: Contact, data: dict[str, Any]) -> Case:
    _require_hotline(user)
    if contact.case_id:
        raise ValidationError(_("This contact is already part of a case."))
    if contact.triage_confirmed_at is None:
        raise ValidationError(_("Confirm the triage before making a case."))
    if contact.contact_class in NON_CASE_CLASSES:
        raise ValidationError(
            _("Information requests and non-substantive contacts do not become cases.")
        )
    case = case_services.case_create(user=user, data=data)
    contact.case = case
    contact.save(update_fields=["case"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="contact",
        object_id=contact.pk,
        case_id=case.pk,
        fields=["case"],
    )
    return case


@transaction.atomic
def contact_attach_to_case(*, user, contact: Contact, case: Case) -> None:
    _require_hotline(user)
    if contact.case_id:
        raise ValidationError(_("This contact is already part of a case."))
    if contact.contact_class in NON_CASE_CLASSES:
        raise ValidationError(
            _("Information requests and non-substantive contacts do not become cases.")
        )
    contact.case = case
    contact.save(update_fields=["case"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="contact",
        object_id=contact.pk,
        case_id=case.pk,
        fields=["case"],
    )
