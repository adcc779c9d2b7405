"""Who may see a referral or a transfer, and exactly which personal data a referral shares.

The receiving organisation never gets the case: its case page and every person page stay 404.
It gets the referral, and through ``referral_scope`` only what the referrer chose to share
(the referred victim's identity and/or contact details, the reason, selected notes), and only
while the referral is accepted or in progress and the victim's consent (or a standing emergency
override) covers it. Before acceptance it sees what it needs to decide: service, urgency,
district, age band and gender, and the referrer's description of the need — no name. If the
referral was sent without the victim's consent (the emergency override), it sees that and
whether a supervisor has reviewed it, but not the referrer's reason, free text that can name
the victim: ``referral_override`` gives the reason to the sending side, and to the receiver
only while the referral shares the victim's data with it.

Referral objects handed to a receiver are redacted: the encrypted texts it may not read are
blanked, ``referral.case`` raises and ``referral.person`` is None, so no template or API
schema can reach past the scope by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.cases.access import EDIT_ROLES, can_edit_case, visible_cases
from rahai.cases.models import Case, CaseRole, Note, RoleKind
from rahai.consent.models import ConsentPurpose
from rahai.consent.services import has_consent
from rahai.core.languages import language_labels
from rahai.people.models import Person
from rahai.referrals.models import (
    AWAITING_ANSWER,
    ENDED,
    SHARING,
    CaseTransfer,
    Referral,
    ReferralAction,
    ReferralStatus,
    TransferStatus,
)

REDACTED_TEXTS = ("reason", "outcome", "override_reason", "override_review_note")
OVERRIDE_TEXTS = ("override_reason", "override_review_note")


# --- referrals -----------------------------------------------------------------------------


def visible_referrals(user) -> QuerySet[Referral]:
    """Referrals of cases the user may see, referrals sent to the user's organisation, and the
    onward referrals it made from referrals it received."""
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return Referral.objects.none()
    return Referral.objects.filter(
        Q(case_id__in=visible_cases(user).values("id"))
        | Q(to_organisation_id=user.organisation_id)
        | Q(parent__isnull=False, from_organisation_id=user.organisation_id)
    )


def received_referrals(user) -> QuerySet[Referral]:
    return visible_referrals(user).filter(to_organisation_id=user.organisation_id)


def sent_referrals(user) -> QuerySet[Referral]:
    """Referrals of the cases the user's organisation owns (whoever sent them), and those it
    passed on from referrals it received."""
    return visible_referrals(user).filter(
        Q(case_id__in=visible_cases(user).filter(owner_id=user.organisation_id).values("id"))
        | Q(parent__isnull=False, from_organisation_id=user.organisation_id)
    )


def access_referral(user, referral_id) -> Referral:
    """The referral (404 otherwise), redacted for a receiver who does not see the case."""
    try:
        referral = (
            visible_referrals(user)
            .select_related("to_organisation", "from_organisation", "district__province")
            .get(pk=int(referral_id))
        )
    except (Referral.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    referral.viewer_sees_case = visible_cases(user).filter(pk=referral.case_id).exists()
    referral.viewer_is_receiver = is_receiver(user, referral)
    referral.viewer_is_onward_sender = is_onward_sender(user, referral)
    if not referral.viewer_sees_case:
        _redact(referral)
    elif not may_read_override_texts(user, referral):
        # A receiver that also sees the case (a partner it is shared with) still waits for
        # the override's reason until it has accepted: see ``referral_override``.
        for name in OVERRIDE_TEXTS:
            setattr(referral, name, "")
    return referral


def _redact(referral: Referral) -> None:
    for name in REDACTED_TEXTS:
        setattr(referral, name, "")
    Referral.case.field.set_cached_value(referral, None)  # referral.case now raises
    Referral.person.field.set_cached_value(referral, None)  # referral.person is None
    referral._redacted = True


def is_receiver(user, referral: Referral) -> bool:
    return bool(user.works_cases) and user.organisation_id == referral.to_organisation_id


def is_onward_sender(user, referral: Referral) -> bool:
    """The organisation that passed this referral on from one it received."""
    return (
        bool(user.works_cases)
        and referral.parent_id is not None
        and user.organisation_id == referral.from_organisation_id
    )


def can_answer(user, referral: Referral) -> bool:
    """Accept, decline, ask for information, start and complete: the receiver's case staff."""
    return is_receiver(user, referral) and user.has_role(*EDIT_ROLES)


def can_manage(user, referral: Referral) -> bool:
    """Answer questions, change the due date and revoke: the staff who may change the case (its
    owner) and, for an onward referral, the case staff of the organisation that passed it on."""
    if not user.works_cases:
        return False
    if is_onward_sender(user, referral) and user.has_role(*EDIT_ROLES):
        return True
    return can_edit_case(user, _case_of(referral))


def may_change_due(user, referral: Referral) -> bool:
    """The referrer while the referral is open; the receiver once it has taken it on."""
    if referral.status in ENDED:
        return False
    return can_manage(user, referral) or (can_answer(user, referral) and referral.status in SHARING)


def can_refer_onward(user, referral: Referral) -> bool:
    """A receiver that holds the referral's data now may pass the victim on to a third
    organisation (e.g. a shelter to a hospital), sharing at most what it was given."""
    return (
        can_answer(user, referral)
        and referral.status in SHARING
        and referral.reference is not None
        and sharing_active(referral)
    )


def can_supervise(user, referral: Referral) -> bool:
    """Reassign and review an override: a supervisor who may see the case."""
    return (
        user.works_cases
        and user.has_role(RoleCode.SUPERVISOR)
        and visible_cases(user).filter(pk=referral.case_id).exists()
    )


def _case_of(referral: Referral) -> Case:
    if getattr(referral, "_redacted", False):
        return Case.objects.select_related("owner").get(pk=referral.case_id)
    return referral.case


def available_actions(user, referral: Referral) -> dict[str, bool]:
    """Which state-machine steps this user may take on the referral now."""
    status = referral.status
    answer = can_answer(user, referral)
    manage = can_manage(user, referral)
    supervise = can_supervise(user, referral)
    return {
        "accept": answer and status in AWAITING_ANSWER,
        "decline": answer and status in AWAITING_ANSWER,
        "request_info": answer and status in AWAITING_ANSWER,
        "give_info": manage and status == ReferralStatus.INFO_REQUESTED,
        "start": answer and status == ReferralStatus.ACCEPTED,
        "complete": answer and status in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS),
        "revoke": manage and status not in ENDED,
        "reassign": supervise and (status not in ENDED or status == ReferralStatus.DECLINED),
        "review": supervise
        and referral.override_awaits_review
        and referral.override_by_id != user.pk,
        "change_due": may_change_due(user, referral),
        "refer_onward": can_refer_onward(user, referral),
    }


def sharing_active(referral: Referral) -> bool:
    """Whether the scope is shared with the receiver right now."""
    if referral.status not in SHARING:
        return False
    if not referral.consent_required:
        return True
    if referral.consent_overridden and referral.override_justified is not False:
        return True
    person = Person.objects.filter(pk=referral.person_id).first()
    return person is not None and has_consent(
        person, ConsentPurpose.SHARE_ORGANISATION, referral.to_organisation
    )


def may_read_override_texts(user, referral: Referral) -> bool:
    """Whether this viewer reads the emergency override's reason and a supervisor's note on it.

    The sending side does: the case's own staff, the supervisors who review the override, and
    the organisation that sent the referral (also one that passed it on). The receiver does only
    while the referral shares the victim's data with it (it has accepted, and the override was
    not found unjustified), like the rest of the scope: before it accepts, it learns only that
    the referral was sent without consent and whether the override has been reviewed."""
    if not getattr(user, "works_cases", False):
        return False
    if is_receiver(user, referral):
        return sharing_active(referral)
    if user.organisation_id == referral.from_organisation_id:
        return True
    return bool(getattr(referral, "viewer_sees_case", False))


@dataclass(frozen=True)
class OverrideNotice:
    """A referral sent without the victim's consent, as this viewer may see it."""

    review: str  # "waiting", "justified" or "not_justified"
    reason: str = ""  # only for those ``may_read_override_texts`` lets read it
    review_note: str = ""


def referral_override(user, referral: Referral) -> OverrideNotice | None:
    """The emergency override of a referral (``referral`` from ``access_referral``), or None."""
    if not referral.consent_overridden:
        return None
    if referral.override_reviewed_at is None:
        review = "waiting"
    else:
        review = "justified" if referral.override_justified else "not_justified"
    if not may_read_override_texts(user, referral):
        return OverrideNotice(review)
    texts = Referral.objects.only(*OVERRIDE_TEXTS).get(pk=referral.pk)
    return OverrideNotice(review, texts.override_reason, texts.override_review_note)


@dataclass(frozen=True)
class SharedPerson:
    """The referred victim as the scope allows: identity and/or contact, never CNIC, passport,
    father's name or aliases."""

    display_name: str = ""
    name_urdu: str = ""
    gender: str = ""
    age: str = ""
    languages: list[str] = field(default_factory=list)
    district: str = ""
    phones: list[str] = field(default_factory=list)
    address: str = ""


@dataclass(frozen=True)
class SharedNote:
    body: str
    created_at: datetime
    organisation: str


@dataclass(frozen=True)
class ReferralScope:
    sharing: bool = False  # personal data shown to this viewer now
    case_reference: str = ""
    person: SharedPerson | None = None
    reason: str = ""
    notes: list[SharedNote] = field(default_factory=list)


def referral_scope(user, referral: Referral) -> ReferralScope:
    """What this viewer sees of the referred data. The case's own staff see the scope as the
    receiver gets it (so they know what they share); the receiver only while it is active."""
    if getattr(referral, "viewer_sees_case", False):
        return _build_scope(referral)
    if is_receiver(user, referral) and sharing_active(referral):
        return _build_scope(referral)
    if is_onward_sender(user, referral) and _parent_shared_with_sender(referral):
        # It passes on what it holds through the referral it received, while it holds it.
        return _build_scope(referral)
    return ReferralScope()


def _parent_shared_with_sender(referral: Referral) -> bool:
    parent = Referral.objects.filter(pk=referral.parent_id).first()
    return parent is not None and sharing_active(parent)


def _build_scope(referral: Referral) -> ReferralScope:
    full = Referral.objects.select_related("case").get(pk=referral.pk)
    person = None
    if full.person_id and (full.share_identity or full.share_contact):
        person = _shared_person(
            Person.objects.select_related("district").get(pk=full.person_id),
            identity=full.share_identity,
            contact=full.share_contact,
        )
    notes = [
        SharedNote(note.body, note.created_at, str(note.organisation))
        for note in full.shared_notes.select_related("organisation").order_by("created_at")
    ]
    return ReferralScope(
        sharing=True,
        case_reference=full.case.reference,
        person=person,
        reason=full.reason,
        notes=notes,
    )


def _age(person: Person) -> str:
    if person.birth_date:
        today = timezone.localdate()
        born = person.birth_date
        years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return str(years)
    if person.estimated_age is not None:
        return f"~{person.estimated_age}"
    return ""


def _shared_person(person: Person, *, identity: bool, contact: bool) -> SharedPerson:
    values: dict = {}
    if identity:
        values.update(
            display_name=person.display_name,
            name_urdu=person.name_urdu,
            gender=str(person.get_gender_display()),
            age=_age(person),
            languages=language_labels(person.languages),
            district=str(person.district) if person.district_id else "",
        )
    if contact:
        values.update(phones=list(person.phones or []), address=person.address)
    return SharedPerson(**values)


@dataclass(frozen=True)
class HistoryItem:
    action: str
    label: str
    at: datetime
    who: str
    organisation: str
    text: str


def referral_history(user, referral: Referral) -> list[HistoryItem]:
    """The referral's events as this viewer may see them: the case's staff see everything; a
    receiver sees only the events of its own time with the referral, and only the texts meant
    for it (its questions and the answers, its reasons)."""
    events = referral.events.select_related("actor", "organisation").order_by("at", "id")
    # The organisation that passed a referral on is its referrer: it sees the whole history.
    sees_all = getattr(referral, "viewer_sees_case", False) or is_onward_sender(user, referral)
    if not sees_all:
        events = events.filter(receiver_id=user.organisation_id)
    items = []
    reads_override = None
    for event in events:
        own_side = event.organisation_id == user.organisation_id
        show_text = sees_all or event.text_for_receiver
        if show_text and event.action == ReferralAction.OVERRIDE_REVIEWED:
            # The supervisor's note on the override: as the override's reason.
            if reads_override is None:
                reads_override = may_read_override_texts(user, referral)
            show_text = reads_override
        items.append(
            HistoryItem(
                action=event.action,
                label=str(event.get_action_display()),
                at=event.at,
                who=event.actor.get_username() if event.actor and (sees_all or own_side) else "",
                organisation=str(event.organisation) if event.organisation else "",
                text=event.text if show_text else "",
            )
        )
    return items


def referable_victims(user, case: Case) -> QuerySet[CaseRole]:
    """The victims of a case its staff may refer (``case`` came from ``access_case``)."""
    return (
        CaseRole.objects.filter(case_id=case.pk, role=RoleKind.VICTIM)
        .select_related("person")
        .order_by("id")
    )


def lock_referral(referral: Referral) -> Referral:
    """A fresh, unredacted copy locked for a state change (services only, after their checks)."""
    return Referral.objects.select_for_update().get(pk=referral.pk)


def referral_person(user, referral: Referral) -> Person | None:
    """For the case's own staff (services checking consent): the referred person."""
    if not referral.person_id or not visible_cases(user).filter(pk=referral.case_id).exists():
        return None
    return Person.objects.filter(pk=referral.person_id).first()


def onward_source(user, referral: Referral) -> tuple[Referral, Person | None]:
    """For a receiver passing a referral on: the referral it received, unredacted and locked,
    and the referred person (checks ``can_refer_onward`` first)."""
    if not can_refer_onward(user, referral):
        raise PermissionDenied
    parent = lock_referral(referral)
    person = Person.objects.filter(pk=parent.person_id).first() if parent.person_id else None
    return parent, person


def onward_notes(user, referral: Referral):
    """The notes a receiver may pass on: those its referral shares with it, while it does."""
    if not can_refer_onward(user, referral):
        return Note.objects.none()
    shared = Referral.shared_notes.through.objects.filter(referral_id=referral.pk)
    return (
        Note.objects.filter(pk__in=shared.values("note_id"))
        .select_related("organisation")
        .order_by("created_at")
    )


def onward_referrals(referral: Referral) -> QuerySet[Referral]:
    """The referrals passed on from this one (for cascading a revocation)."""
    return Referral.objects.filter(parent_id=referral.pk)


def system_referrals(*, purpose: str) -> QuerySet[Referral]:
    """All referrals, for system jobs (the SLA check); the caller says why."""
    assert purpose, "a system job must say why it reads every referral"
    return Referral.objects.all()


# --- transfers -----------------------------------------------------------------------------


def visible_transfers(user) -> QuerySet[CaseTransfer]:
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return CaseTransfer.objects.none()
    return CaseTransfer.objects.filter(
        Q(case_id__in=visible_cases(user).values("id")) | Q(to_organisation_id=user.organisation_id)
    )


def access_transfer(user, transfer_id) -> CaseTransfer:
    try:
        transfer = (
            visible_transfers(user)
            .select_related("from_organisation", "to_organisation", "requested_by", "decided_by")
            .get(pk=int(transfer_id))
        )
    except (CaseTransfer.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    transfer.viewer_sees_case = visible_cases(user).filter(pk=transfer.case_id).exists()
    if not transfer.viewer_sees_case:
        CaseTransfer.case.field.set_cached_value(transfer, None)  # transfer.case now raises
        transfer._redacted = True
    return transfer


@dataclass(frozen=True)
class TransferSummary:
    """What the receiving organisation sees before it accepts a transfer: no names."""

    case_types: list[str]
    district: str
    opened_year: int
    victims: int
    suspects: int
    restricted: bool


def transfer_summary(transfer: CaseTransfer) -> TransferSummary:
    case = Case.objects.select_related("district__province").get(pk=transfer.case_id)
    roles = CaseRole.objects.filter(case_id=case.pk)
    return TransferSummary(
        case_types=case.get_case_types_display(),
        district=str(case.district),
        opened_year=case.opened_on.year,
        victims=roles.filter(role=RoleKind.VICTIM).count(),
        suspects=roles.filter(role=RoleKind.SUSPECT).count(),
        restricted=case.is_restricted,
    )


def can_decide_transfer(user, transfer: CaseTransfer) -> bool:
    return (
        transfer.status == TransferStatus.REQUESTED
        and user.works_cases
        and user.organisation_id == transfer.to_organisation_id
        and user.has_role(*EDIT_ROLES)
    )


def transfer_case_for_update(user, transfer: CaseTransfer) -> Case:
    """The case to hand over, locked; only for someone who may decide the transfer."""
    if not can_decide_transfer(user, transfer):
        raise PermissionDenied
    return Case.objects.select_for_update().select_related("owner").get(pk=transfer.case_id)
