"""The referral state machine. Each step checks who may take it, changes the referral under a
row lock, records its history, audits any sharing or ending of sharing, and notifies.

    sent ─► info_requested ─► sent (information given, clock restarts)
    sent ─► accepted ─► in_progress ─► completed          (receiver)
    sent / info_requested ─► declined                     (receiver)
    any open state ─► revoked                             (referrer)
    any open state or declined ─► sent, to another org    (supervisor: reassign)
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.cases.access import can_edit_case
from rahai.cases.models import Case
from rahai.consent.models import ConsentPurpose
from rahai.consent.services import consent_for
from rahai.people.models import Person
from rahai.referrals import notify
from rahai.referrals.access import (
    can_answer,
    can_manage,
    can_supervise,
    lock_referral,
    may_change_due,
    onward_referrals,
    referable_victims,
    referral_person,
    sharing_active,
)
from rahai.referrals.models import (
    AWAITING_ANSWER,
    ENDED,
    RESPONSE_TIME,
    SHARING,
    AgeBand,
    DeclineReason,
    Referral,
    ReferralAction,
    ReferralStatus,
    Urgency,
)
from rahai.services_directory.models import ServiceType

MAX_TEXT = 10_000


def age_band(person: Person) -> str:
    age = None
    if person.birth_date:
        today = timezone.localdate()
        born = person.birth_date
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    elif person.estimated_age is not None:
        age = person.estimated_age
    if age is None:
        return AgeBand.UNKNOWN
    for band, upper in ((AgeBand.UNDER_9, 8), (AgeBand.CHILD, 17), (AgeBand.YOUNG_ADULT, 29)):
        if age <= upper:
            return band
    return AgeBand.ADULT if age <= 47 else AgeBand.OLDER


def _text(value: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationError({field: [_("This text is too long.")]})
    return value


def _event(referral, action, *, user=None, text: str = "", for_receiver: bool = False) -> None:
    referral.events.create(
        action=action,
        actor=user,
        organisation_id=getattr(user, "organisation_id", None),
        receiver_id=referral.to_organisation_id,
        text=text,
        text_for_receiver=for_receiver,
    )


def _audit(user, referral, action, fields, details=None) -> None:
    audit_record(
        actor=user,
        action=action,
        object_type="referral",
        object_id=referral.pk,
        case_id=referral.case_id,
        person_id=referral.person_id,
        fields=fields,
        details=details,
    )


def _restart_clock(referral: Referral) -> None:
    now = timezone.now()
    referral.sent_at = now
    referral.respond_by = now + RESPONSE_TIME[referral.urgency]
    referral.response_alerted_at = None


def _check_consent(person, organisation, *, override: bool, override_reason: str):
    """The consent the referral relies on, or the override's reason; else a ValidationError."""
    consent = consent_for(person, ConsentPurpose.SHARE_ORGANISATION, organisation)
    if consent is not None and consent.is_given:
        return consent, ""
    if override:
        return None, _text(override_reason, "override_reason", required=True, limit=2000)
    if consent is None:
        message = _(
            "No consent is recorded for sharing this person's data with %(organisation)s. "
            "Record the person's consent on their page, share less, or use the emergency "
            "override."
        )
    else:
        message = _(
            "The person refused sharing their data with %(organisation)s. Share less, or use "
            "the emergency override if their safety depends on it."
        )
    raise ValidationError({"consent": [message % {"organisation": organisation}]})


@transaction.atomic
def referral_create(*, user, case: Case, data: dict[str, Any]) -> Referral:
    """Refer a victim of the case (``person``) or the case itself to ``to_organisation``."""
    if not can_edit_case(user, case):
        raise PermissionDenied
    errors: dict[str, list] = {}
    organisation = data.get("to_organisation")
    if organisation is None or not organisation.active:
        errors["to_organisation"] = [_("Choose the organisation to refer to.")]
    elif organisation.pk == case.owner_id:
        errors["to_organisation"] = [_("The case already belongs to this organisation.")]
    service = data.get("service")
    if service not in ServiceType.values:
        errors["service"] = [_("Choose from the list.")]
    urgency = data.get("urgency") or Urgency.NORMAL
    if urgency not in Urgency.values:
        errors["urgency"] = [_("Choose from the list.")]
    person = data.get("person")
    if person is not None and not referable_victims(user, case).filter(person=person).exists():
        errors["person"] = [_("Choose a victim of this case.")]
    due_on = data.get("due_on")
    if due_on is not None and due_on < timezone.localdate():
        errors["due_on"] = [_("This date is in the past.")]
    notes = list(data.get("notes") or [])
    if any(note.case_id != case.pk for note in notes):
        errors["notes"] = [_("Choose notes of this case.")]
    if person is None and notes:
        errors["notes"] = [_("Notes can only be shared when referring a victim.")]
    if errors:
        raise ValidationError(errors)
    need = _text(data.get("need"), "need", required=True, limit=2000)
    reason = _text(data.get("reason"), "reason")
    share_identity = bool(data.get("share_identity")) and person is not None
    share_contact = bool(data.get("share_contact")) and person is not None
    consent_required = person is not None and (share_identity or share_contact or bool(notes))
    consent, override_reason = None, ""
    if consent_required:
        consent, override_reason = _check_consent(
            person,
            organisation,
            override=bool(data.get("override")),
            override_reason=data.get("override_reason", ""),
        )
    referral = Referral(
        case=case,
        person=person,
        from_organisation_id=case.owner_id,
        to_organisation=organisation,
        service=service,
        offering=data.get("offering"),
        urgency=urgency,
        need=need,
        reason=reason,
        district_id=case.district_id,
        subject_gender=person.gender if person else "",
        subject_age_band=age_band(person) if person else "",
        victims_count=referable_victims(user, case).count(),
        share_identity=share_identity,
        share_contact=share_contact,
        due_on=due_on,
        consent_required=consent_required,
        consent=consent,
        consent_overridden=bool(override_reason),
        override_reason=override_reason,
        override_by=user if override_reason else None,
        created_by=user,
    )
    return send_new(referral, user=user, case=case, notes=notes)


def send_new(referral: Referral, *, user, case: Case, notes, audit_extra=None) -> Referral:
    """Save a new, validated referral: start its clock, give it a reference, record, audit
    and notify (the receiver's staff; the case's supervisors if consent was overridden)."""
    _restart_clock(referral)
    referral.save()
    referral.reference = f"RF-{referral.sent_at.year}-{referral.pk:06d}"
    referral.save(update_fields=["reference"])
    referral.shared_notes.set(notes)
    _event(referral, ReferralAction.SENT, user=user)
    _audit(
        user,
        referral,
        AuditAction.CREATE,
        ["to_organisation", "service", "urgency", "scope"],
        {
            "organisation": referral.to_organisation_id,
            "identity": referral.share_identity,
            "contact": referral.share_contact,
            "notes": [note.pk for note in notes],
            "consent": referral.consent_id,
            "override": referral.consent_overridden,
            **(audit_extra or {}),
        },
    )
    notify.tell(
        notify.organisation_staff(referral.to_organisation_id), "referral.received", referral
    )
    if referral.consent_overridden:
        supervisors = [s for s in notify.case_supervisors(case) if s.pk != user.pk]
        notify.tell(supervisors, "referral.override", referral)
    return referral


def _transition(user, referral, *, check, from_states) -> Referral:
    if not check(user, referral):
        raise PermissionDenied
    locked = lock_referral(referral)
    if locked.status not in from_states:
        raise ValidationError(
            _("This referral is %(status)s; that cannot be done now.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


@transaction.atomic
def referral_request_info(*, user, referral: Referral, question: str) -> Referral:
    question = _text(question, "text", required=True, limit=2000)
    locked = _transition(user, referral, check=can_answer, from_states=AWAITING_ANSWER)
    locked.status = ReferralStatus.INFO_REQUESTED
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, ReferralAction.INFO_REQUESTED, user=user, text=question, for_receiver=True)
    _audit(user, locked, AuditAction.UPDATE, ["status"])
    notify.tell([locked.created_by], "referral.info_requested", locked)
    return locked


@transaction.atomic
def referral_give_info(*, user, referral: Referral, answer: str) -> Referral:
    """The referrer answers; the answer is shown to the receiver before acceptance too."""
    answer = _text(answer, "text", required=True, limit=2000)
    locked = _transition(
        user, referral, check=can_manage, from_states={ReferralStatus.INFO_REQUESTED}
    )
    locked.status = ReferralStatus.SENT
    _restart_clock(locked)
    locked.save(
        update_fields=["status", "sent_at", "respond_by", "response_alerted_at", "updated_at"]
    )
    _event(locked, ReferralAction.INFO_GIVEN, user=user, text=answer, for_receiver=True)
    _audit(user, locked, AuditAction.UPDATE, ["status"])
    notify.tell(notify.organisation_staff(locked.to_organisation_id), "referral.info_given", locked)
    return locked


@transaction.atomic
def referral_accept(*, user, referral: Referral, note: str = "") -> Referral:
    """The receiver takes the referral on: from now on it sees the referral's scope."""
    note = _text(note, "text", limit=2000)
    locked = _transition(user, referral, check=can_answer, from_states=AWAITING_ANSWER)
    locked.status = ReferralStatus.ACCEPTED
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["status", "accepted_at", "accepted_by", "updated_at"])
    _event(locked, ReferralAction.ACCEPTED, user=user, text=note, for_receiver=True)
    _audit(
        user,
        locked,
        AuditAction.SHARE,
        ["status", "scope"],
        {
            "organisation": locked.to_organisation_id,
            "identity": locked.share_identity,
            "contact": locked.share_contact,
            "notes": list(locked.shared_notes.values_list("pk", flat=True)),
            "sharing": sharing_active(locked),
        },
    )
    notify.tell([locked.created_by], "referral.accepted", locked)
    return locked


@transaction.atomic
def referral_decline(*, user, referral: Referral, reason: str, text: str = "") -> Referral:
    if reason not in DeclineReason.values:
        raise ValidationError({"reason": [_("Say why the referral is declined.")]})
    text = _text(text, "text", required=reason == DeclineReason.OTHER, limit=2000)
    locked = _transition(user, referral, check=can_answer, from_states=AWAITING_ANSWER)
    locked.status = ReferralStatus.DECLINED
    locked.decline_reason = reason
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "decline_reason", "closed_at", "updated_at"])
    _event(locked, ReferralAction.DECLINED, user=user, text=text, for_receiver=True)
    _audit(user, locked, AuditAction.UPDATE, ["status", "decline_reason"])
    notify.tell(
        [locked.created_by, *notify.case_supervisors(locked.case)], "referral.declined", locked
    )
    return locked


@transaction.atomic
def referral_start(*, user, referral: Referral) -> Referral:
    locked = _transition(user, referral, check=can_answer, from_states={ReferralStatus.ACCEPTED})
    locked.status = ReferralStatus.IN_PROGRESS
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, ReferralAction.STARTED, user=user)
    _audit(user, locked, AuditAction.UPDATE, ["status"])
    notify.tell([locked.created_by], "referral.started", locked)
    return locked


@transaction.atomic
def referral_complete(*, user, referral: Referral, outcome: str) -> Referral:
    """The service is done: the outcome goes to the referrer and the sharing ends."""
    outcome = _text(outcome, "outcome", required=True)
    locked = _transition(user, referral, check=can_answer, from_states=SHARING)
    locked.status = ReferralStatus.COMPLETED
    locked.outcome = outcome
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    _event(locked, ReferralAction.COMPLETED, user=user)
    _audit(
        user,
        locked,
        AuditAction.UNSHARE,
        ["status", "outcome"],
        {"organisation": locked.to_organisation_id, "changes": {"outcome": [None, outcome]}},
    )
    notify.tell([locked.created_by], "referral.completed", locked)
    return locked


@transaction.atomic
def referral_revoke(*, user, referral: Referral, reason: str = "") -> Referral:
    """The referrer withdraws the referral; whatever the receiver saw, it sees no more."""
    reason = _text(reason, "text", limit=2000)
    open_states = set(ReferralStatus.values) - ENDED
    locked = _transition(user, referral, check=can_manage, from_states=open_states)
    was_sharing = locked.status in SHARING
    locked.status = ReferralStatus.REVOKED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    _event(locked, ReferralAction.REVOKED, user=user, text=reason)
    _audit(
        user,
        locked,
        AuditAction.UNSHARE if was_sharing else AuditAction.UPDATE,
        ["status"],
        {"organisation": locked.to_organisation_id, "reason": reason},
    )
    notify.tell(
        notify.organisation_staff(locked.to_organisation_id), "referral.revoked", locked, link=False
    )
    _end_onward(user, locked)
    return locked


def _end_onward(user, parent: Referral) -> None:
    """What a receiver passed on came from its referral: when that is taken away from it, the
    open onward referrals end too (each audited and its receiver told)."""
    reason = str(_("The referral it was passed on from (%(reference)s) was withdrawn."))
    for child in onward_referrals(parent).exclude(status__in=ENDED).select_for_update():
        was_sharing = child.status in SHARING
        child.status = ReferralStatus.REVOKED
        child.closed_at = timezone.now()
        child.save(update_fields=["status", "closed_at", "updated_at"])
        text = reason % {"reference": parent.reference}
        _event(child, ReferralAction.REVOKED, user=user, text=text, for_receiver=True)
        _audit(
            user,
            child,
            AuditAction.UNSHARE if was_sharing else AuditAction.UPDATE,
            ["status"],
            {"organisation": child.to_organisation_id, "parent": parent.pk},
        )
        notify.tell(
            notify.organisation_staff(child.to_organisation_id),
            "referral.revoked",
            child,
            link=False,
        )
        _end_onward(user, child)


@transaction.atomic
def referral_reassign(*, user, referral: Referral, organisation, note: str = "") -> Referral:
    """A supervisor sends the referral to another organisation, which must accept it afresh.
    The first receiver's access (if any) ends; consent must cover the new receiver."""
    note = _text(note, "text", limit=2000)
    if organisation is None or not organisation.active:
        raise ValidationError({"organisation": [_("Choose the organisation to refer to.")]})
    movable = (set(ReferralStatus.values) - ENDED) | {ReferralStatus.DECLINED}
    locked = _transition(user, referral, check=can_supervise, from_states=movable)
    case = locked.case
    if organisation.pk in (locked.to_organisation_id, case.owner_id):
        raise ValidationError({"organisation": [_("Choose another organisation.")]})
    if locked.consent_required and not locked.consent_overridden:
        person = referral_person(user, locked)
        locked.consent, _reason = _check_consent(
            person, organisation, override=False, override_reason=""
        )
    previous, was_sharing = locked.to_organisation_id, locked.status in SHARING
    locked.to_organisation = organisation
    locked.status = ReferralStatus.SENT
    locked.accepted_at = locked.accepted_by = locked.closed_at = None
    locked.decline_reason = ""
    locked.due_alerted_at = None
    _restart_clock(locked)
    locked.save()
    _event(locked, ReferralAction.REASSIGNED, user=user, text=note)
    _audit(
        user,
        locked,
        AuditAction.UNSHARE if was_sharing else AuditAction.UPDATE,
        ["to_organisation", "status"],
        {"changes": {"to_organisation": [previous, organisation.pk]}, "note": note},
    )
    notify.tell(notify.organisation_staff(previous), "referral.reassigned_away", locked, link=False)
    notify.tell(notify.organisation_staff(organisation.pk), "referral.received", locked)
    _end_onward(user, locked)
    return locked


@transaction.atomic
def referral_change_due(*, user, referral: Referral, due_on, note: str = "") -> Referral:
    """The referrer or the receiver moves the date the service is needed by (or clears it).
    The overdue alert is re-armed for the new date."""
    note = _text(note, "text", limit=2000)
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError({"due_on": [_("This date is in the past.")]})
    locked = _transition(
        user,
        referral,
        check=may_change_due,
        from_states=set(ReferralStatus.values) - ENDED,
    )
    if locked.due_on == due_on:
        raise ValidationError({"due_on": [_("This is already the due date.")]})
    previous = locked.due_on
    locked.due_on = due_on
    locked.due_alerted_at = None
    locked.save(update_fields=["due_on", "due_alerted_at", "updated_at"])
    shown = due_on.isoformat() if due_on else "—"
    text = f"{previous.isoformat() if previous else '—'} → {shown}" + (f"\n{note}" if note else "")
    _event(locked, ReferralAction.DUE_CHANGED, user=user, text=text, for_receiver=True)
    _audit(
        user,
        locked,
        AuditAction.UPDATE,
        ["due_on"],
        {"changes": {"due_on": [str(previous) if previous else None, str(due_on or "") or None]}},
    )
    other_side = (
        notify.organisation_staff(locked.to_organisation_id)
        if user.organisation_id != locked.to_organisation_id
        else [locked.created_by]
    )
    notify.tell(other_side, "referral.due_changed", locked)
    return locked


@transaction.atomic
def referral_review_override(
    *, user, referral: Referral, justified: bool, note: str = ""
) -> Referral:
    """A supervisor (not the one who overrode) judges the emergency override. If it was not
    justified, sharing stops unless the person has since consented."""
    note = _text(note, "text", required=not justified, limit=2000)
    locked = _transition(
        user, referral, check=can_supervise, from_states=set(ReferralStatus.values)
    )
    if not locked.consent_overridden or locked.override_reviewed_at is not None:
        raise ValidationError(_("There is no emergency override waiting for review."))
    if locked.override_by_id == user.pk:
        raise PermissionDenied
    locked.override_justified = justified
    locked.override_reviewed_by = user
    locked.override_reviewed_at = timezone.now()
    locked.override_review_note = note
    locked.save(
        update_fields=[
            "override_justified",
            "override_reviewed_by",
            "override_reviewed_at",
            "override_review_note",
            "updated_at",
        ]
    )
    _event(locked, ReferralAction.OVERRIDE_REVIEWED, user=user, text=note)
    _audit(
        user,
        locked,
        AuditAction.UPDATE,
        ["override_justified"],
        {"changes": {"override_justified": [None, justified]}, "note": note},
    )
    notify.tell([locked.override_by, locked.created_by], "referral.override_reviewed", locked)
    return locked
