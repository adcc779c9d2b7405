"""Onward referral: the receiver of a referral passes the victim on to a third organisation
(a shelter to a hospital, an NGO to a legal-aid clinic) without going back to the case's owner.

The onward referral belongs to the same case and person, is sent by the receiving
organisation, and can share at most what the referral it came from shared with it: the
identity only if that was shared, contact details only if those were, notes only from those.
Consent must cover the new receiver as for any referral. The case's owner sees it in the case's
referrals and is told; when the referral it came from is revoked or reassigned, it ends too.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.referrals import notify
from rahai.referrals.access import onward_source
from rahai.referrals.models import Referral, ReferralAction, Urgency
from rahai.referrals.services import _check_consent, _event, _text, send_new
from rahai.services_directory.models import ServiceType


def _validate(parent: Referral, data: dict[str, Any]) -> dict[str, list]:
    errors: dict[str, list] = {}
    organisation = data.get("to_organisation")
    if organisation is None or not organisation.active:
        errors["to_organisation"] = [_("Choose the organisation to refer to.")]
    elif organisation.pk == parent.to_organisation_id:
        errors["to_organisation"] = [_("Choose another organisation than your own.")]
    elif organisation.pk == parent.case.owner_id:
        errors["to_organisation"] = [
            _("This organisation owns the case: tell it through the referral's outcome.")
        ]
    if data.get("service") not in ServiceType.values:
        errors["service"] = [_("Choose from the list.")]
    if (data.get("urgency") or Urgency.NORMAL) not in Urgency.values:
        errors["urgency"] = [_("Choose from the list.")]
    if data.get("share_identity") and not (parent.person_id and parent.share_identity):
        errors["share_identity"] = [
            _("The referral you received does not share the victim's identity.")
        ]
    if data.get("share_contact") and not (parent.person_id and parent.share_contact):
        errors["share_contact"] = [
            _("The referral you received does not share the victim's contact details.")
        ]
    due_on = data.get("due_on")
    if due_on is not None and due_on < timezone.localdate():
        errors["due_on"] = [_("This date is in the past.")]
    shared = set(parent.shared_notes.values_list("pk", flat=True))
    if any(note.pk not in shared for note in data.get("notes") or []):
        errors["notes"] = [_("Only notes shared with you can be passed on.")]
    return errors


@transaction.atomic
def referral_refer_onward(*, user, referral: Referral, data: dict[str, Any]) -> Referral:
    """Pass the victim of ``referral`` (received by the user's organisation, and accepted) on
    to ``data["to_organisation"]`` for ``data["service"]``."""
    parent, person = onward_source(user, referral)  # checks the user may, and locks
    errors = _validate(parent, data)
    if errors:
        raise ValidationError(errors)
    organisation = data["to_organisation"]
    need = _text(data.get("need"), "need", required=True, limit=2000)
    reason = _text(data.get("reason"), "reason")
    notes = list(data.get("notes") or [])
    share_identity = bool(data.get("share_identity"))
    share_contact = bool(data.get("share_contact"))
    consent_required = person is not None and (share_identity or share_contact or bool(notes))
    consent, override_reason = None, ""
    if consent_required:
        consent, override_reason = _check_consent(
            person,
            organisation,
            override=bool(data.get("override")),
            override_reason=data.get("override_reason", ""),
        )
    child = Referral(
        case_id=parent.case_id,
        person_id=parent.person_id,
        parent=parent,
        from_organisation_id=parent.to_organisation_id,
        to_organisation=organisation,
        service=data["service"],
        offering=data.get("offering"),
        urgency=data.get("urgency") or Urgency.NORMAL,
        need=need,
        reason=reason,
        district_id=parent.district_id,
        subject_gender=parent.subject_gender,
        subject_age_band=parent.subject_age_band,
        victims_count=parent.victims_count,
        share_identity=share_identity,
        share_contact=share_contact,
        due_on=data.get("due_on"),
        consent_required=consent_required,
        consent=consent,
        consent_overridden=bool(override_reason),
        override_reason=override_reason,
        override_by=user if override_reason else None,
        created_by=user,
    )
    send_new(child, user=user, case=parent.case, notes=notes, audit_extra={"parent": parent.pk})
    _event(parent, ReferralAction.ONWARD, user=user, text=child.reference, for_receiver=True)
    notify.tell([parent.created_by], "referral.onward", parent)
    return child
