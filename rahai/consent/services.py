"""Recording, withdrawing and looking up consent. Every write is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.consent.access import can_record_consent
from rahai.consent.models import Consent, ConsentDecision, ConsentPurpose, GivenBy
from rahai.core.changes import snapshot
from rahai.core.languages import Language
from rahai.orgs.models import OrganisationKind

CONSENT_FIELDS = [
    "purpose",
    "organisation",
    "organisation_kind",
    "decision",
    "given_by",
    "decided_on",
    "language",
    "notes",
]


def clean_consent_data(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {name: data.get(name) for name in CONSENT_FIELDS if name in data}
    errors: dict[str, list] = {}
    purpose = cleaned.get("purpose")
    choices = {
        "purpose": ConsentPurpose.values,
        "decision": ConsentDecision.values,
        "language": Language.values,
    }
    for name, allowed in choices.items():
        if cleaned.get(name) not in allowed:
            errors[name] = [ValidationError(_("Choose from the list."), code="invalid_choice")]
    cleaned["given_by"] = cleaned.get("given_by") or GivenBy.SELF
    if cleaned["given_by"] not in GivenBy.values:
        errors["given_by"] = [ValidationError(_("Choose from the list."), code="invalid_choice")]
    if purpose == ConsentPurpose.SHARE_ORGANISATION:
        if cleaned.get("organisation") is None:
            errors["organisation"] = [
                ValidationError(_("Name the organisation the data may go to."), code="required")
            ]
        cleaned["organisation_kind"] = ""
    elif purpose == ConsentPurpose.SHARE_KIND:
        if cleaned.get("organisation_kind") not in OrganisationKind.values:
            errors["organisation_kind"] = [
                ValidationError(_("Choose the type of organisation."), code="required")
            ]
        cleaned["organisation"] = None
    else:
        cleaned["organisation"] = None
        cleaned["organisation_kind"] = ""
    decided_on = cleaned.get("decided_on") or timezone.localdate()
    if decided_on > timezone.localdate():
        errors["decided_on"] = [ValidationError(_("This date is in the future."), code="future")]
    cleaned["decided_on"] = decided_on
    cleaned["notes"] = (cleaned.get("notes") or "").strip()
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def consent_record(*, user, person, data: dict[str, Any]) -> Consent:
    """A new decision (given or refused); it supersedes earlier ones for the same purpose."""
    if not can_record_consent(user, person):
        raise PermissionDenied
    cleaned = clean_consent_data(data)
    consent = Consent(
        person=person, taken_by=user, taken_by_organisation_id=user.organisation_id, **cleaned
    )
    consent.save()
    changes = snapshot(consent, CONSENT_FIELDS)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="consent",
        object_id=consent.pk,
        person_id=person.pk,
        fields=list(changes),
        details={"changes": changes},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, user, consent: Consent, note: str = "") -> Consent:
    """The person takes their consent back. Sharing that relied on it stops at once (the
    referral access layer asks ``consent_for`` every time)."""
    if not can_record_consent(user, consent.person):
        raise PermissionDenied
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = user
    consent.withdrawal_note = (note or "").strip()
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="consent",
        object_id=consent.pk,
        person_id=consent.person_id,
        fields=["withdrawn_at", "withdrawal_note"],
        details={"changes": {"withdrawal_note": [None, consent.withdrawal_note]}},
    )
    return consent


def consent_for(person, purpose: str, organisation=None) -> Consent | None:
    """The decision that applies now (given or refused), or None if none was recorded.

    For sharing with an organisation, a decision naming that organisation wins over one about
    its type; within each, the latest decision wins. Withdrawn decisions do not count.
    """
    live = person.consents.filter(withdrawn_at__isnull=True).order_by("-decided_on", "-id")
    if purpose in (ConsentPurpose.SHARE_ORGANISATION, ConsentPurpose.SHARE_KIND):
        if organisation is None:
            raise ValueError("sharing consent is about an organisation")
        named = live.filter(
            purpose=ConsentPurpose.SHARE_ORGANISATION, organisation_id=organisation.pk
        ).first()
        if named is not None:
            return named
        return live.filter(
            purpose=ConsentPurpose.SHARE_KIND, organisation_kind=organisation.kind
        ).first()
    return live.filter(purpose=purpose).first()


def has_consent(person, purpose: str, organisation=None) -> bool:
    consent = consent_for(person, purpose, organisation)
    return consent is not None and consent.is_given
