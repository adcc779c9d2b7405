"""Referrals over the API: the inbox and outbox, sending a referral from a case, reading one
(the receiver gets only the referral's scope, and only while it is shared), and acting on it.

Referrals are fetched only through ``rahai.referrals.access`` and changed only through
``rahai.referrals.services``; one the caller may not see is a 404, whether or not it exists.
"""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from rahai.api.common import InputSchema, Lookups, OrganisationOut, caller, choices
from rahai.api.pagination import Pagination
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.cases.access import access_case
from rahai.referrals import onward, selectors, services
from rahai.referrals.access import (
    access_referral,
    available_actions,
    onward_notes,
    referable_victims,
    referral_history,
    referral_scope,
)
from rahai.referrals.models import DeclineReason, Referral, ReferralStatus, Urgency
from rahai.services_directory.models import ServiceType

router = Router(tags=["referrals"])

ServiceCode = choices(ServiceType)
UrgencyCode = choices(Urgency)
StatusCode = choices(ReferralStatus)
DeclineReasonCode = choices(DeclineReason)
ActionCode = Literal[
    "accept",
    "decline",
    "request_info",
    "give_info",
    "start",
    "complete",
    "revoke",
    "reassign",
    "review",
    "change_due",
]


# --- schemas -------------------------------------------------------------------------------


class ReferralFilters(Schema):
    box: Literal["in", "out"] = Field(
        "in", description="in: sent to your organisation; out: sent from your organisation's cases."
    )
    status: StatusCode | Literal["open"] | None = Field(
        None, description="A status, or `open` (waiting, accepted, in progress)."
    )
    overdue: bool = False


class ReferralCreateIn(InputSchema):
    case: int = Field(..., description="Id of the case the referral comes from.")
    person: int | None = Field(
        None, description="Id of the victim referred; empty refers the case as a whole."
    )
    to_organisation: int
    service: ServiceCode
    urgency: UrgencyCode = Urgency.NORMAL.value
    due_on: date | None = Field(None, description="When the service is needed by.")
    need: str = Field(
        ...,
        max_length=2000,
        description="Shown to the receiver before it accepts: no names, places or numbers.",
    )
    reason: str = Field("", max_length=10000, description="Shared once accepted.")
    share_identity: bool = True
    share_contact: bool = False
    notes: list[int] = Field(default_factory=list, max_length=50, description="Note ids.")
    override: bool = Field(False, description="Emergency: send without consent.")
    override_reason: str = Field("", max_length=2000)


class ReferralActionIn(InputSchema):
    action: ActionCode
    text: str = Field("", max_length=2000, description="Question, answer, note or reason.")
    reason: DeclineReasonCode | None = Field(None, description="For `decline`.")
    outcome: str = Field("", max_length=10000, description="For `complete`.")
    organisation: int | None = Field(None, description="For `reassign`.")
    justified: bool | None = Field(None, description="For `review`.")
    due_on: date | None = Field(None, description="For `change_due`; empty removes the date.")


class OnwardIn(InputSchema):
    to_organisation: int
    service: ServiceCode
    urgency: UrgencyCode = Urgency.NORMAL.value
    due_on: date | None = None
    need: str = Field(..., max_length=2000, description="Shown before acceptance: no names.")
    reason: str = Field("", max_length=10000, description="Shared once accepted.")
    share_identity: bool = Field(False, description="Only if the received referral shares it.")
    share_contact: bool = Field(False, description="Only if the received referral shares it.")
    notes: list[int] = Field(
        default_factory=list, max_length=50, description="Ids of notes shared with you."
    )
    override: bool = False
    override_reason: str = Field("", max_length=2000)


class ReferralListOut(Schema):
    id: int
    reference: str
    status: str
    service: str
    urgency: str
    from_organisation: OrganisationOut
    to_organisation: OrganisationOut
    district: str = Field(description="District code.")
    sent_at: datetime
    respond_by: datetime
    due_on: date | None
    overdue: bool
    consent_overridden: bool

    @staticmethod
    def resolve_district(obj: Referral) -> str:
        return obj.district.code

    @staticmethod
    def resolve_overdue(obj: Referral) -> bool:
        return selectors.is_overdue(obj)


class SharedPersonOut(Schema):
    display_name: str
    name_urdu: str
    gender: str
    age: str
    languages: list[str]
    district: str
    phones: list[str]
    address: str


class SharedNoteOut(Schema):
    body: str
    created_at: datetime
    organisation: str


class SharedOut(Schema):
    case_reference: str
    person: SharedPersonOut | None
    reason: str
    notes: list[SharedNoteOut]


class HistoryOut(Schema):
    action: str
    at: datetime
    who: str
    organisation: str
    text: str


class ReferralOut(ReferralListOut):
    case: int | None = Field(description="Only for those who may see the case.")
    parent: int | None = Field(description="The referral this one was passed on from.")
    subject_gender: str
    subject_age_band: str
    victims_count: int
    need: str
    consent_required: bool
    override_awaits_review: bool
    decline_reason: str
    outcome: str
    shared: SharedOut | None = Field(
        description="The personal data shared by this referral, when you may see it now."
    )
    history: list[HistoryOut]
    actions: list[str] = Field(description="What you may do now.")

    @staticmethod
    def resolve_parent(obj: Referral) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_case(obj: Referral) -> int | None:
        return obj.case_id if obj.viewer_sees_case else None

    @staticmethod
    def resolve_shared(obj: Referral) -> dict | None:
        scope = obj.api_scope
        if not scope.sharing:
            return None
        return {
            "case_reference": scope.case_reference,
            "person": vars(scope.person) if scope.person else None,
            "reason": scope.reason,
            "notes": [vars(note) for note in scope.notes],
        }

    @staticmethod
    def resolve_history(obj: Referral) -> list[dict]:
        return [vars(item) for item in obj.api_history]

    @staticmethod
    def resolve_actions(obj: Referral) -> list[str]:
        return [name for name, allowed in obj.api_actions.items() if allowed]


# --- helpers -------------------------------------------------------------------------------


def _referral_out(request: HttpRequest, referral_id: int, *, audit: bool) -> Referral:
    """The referral as this caller may see it (redacted for a receiver), with its scope."""
    user = caller(request)
    referral = access_referral(user, referral_id)
    scope = referral_scope(user, referral)
    if audit and scope.sharing:
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            object_type="referral",
            object_id=referral.pk,
            case_id=referral.case_id,
            person_id=referral.person_id if scope.person else None,
            ip_address=client_ip(request),
        )
    referral.api_scope = scope
    referral.api_history = referral_history(user, referral)
    referral.api_actions = available_actions(user, referral)
    return referral


# --- endpoints -----------------------------------------------------------------------------


@router.get("", response=list[ReferralListOut], summary="Your inbox or outbox of referrals")
@paginate(Pagination)
def list_referrals(request: HttpRequest, filters: Query[ReferralFilters]):
    return selectors.referral_box(
        caller(request), filters.box, status=filters.status or "all", overdue=filters.overdue
    )


@router.post("", response={201: ReferralOut}, summary="Refer a victim or a case")
def create_referral(request: HttpRequest, payload: ReferralCreateIn):
    user = caller(request)
    case = access_case(user, payload.case, write=True)
    lookups = Lookups()
    organisation = lookups.organisation("to_organisation", payload.to_organisation)
    errors = dict(lookups.errors)
    person = None
    if payload.person is not None:
        role = referable_victims(user, case).filter(person_id=payload.person).first()
        if role is None:
            errors["person"] = [gettext("Choose a victim of this case.")]
        else:
            person = role.person
    notes = list(case.notes.filter(pk__in=payload.notes))
    if len(notes) != len(set(payload.notes)):
        errors["notes"] = [gettext("Choose notes of this case.")]
    if errors:
        raise ValidationError(errors)
    data = payload.model_dump(exclude={"case", "to_organisation", "person", "notes"})
    data.update(to_organisation=organisation, person=person, notes=notes)
    referral = services.referral_create(user=user, case=case, data=data)
    return Status(201, _referral_out(request, referral.pk, audit=False))


@router.get("/{int:referral_id}", response=ReferralOut, summary="Read a referral (audited)")
def get_referral(request: HttpRequest, referral_id: int):
    return _referral_out(request, referral_id, audit=True)


@router.post(
    "/{int:referral_id}/actions",
    response=ReferralOut,
    summary="Accept, decline, ask, answer, start, complete, revoke, reassign or review",
)
def act_on_referral(request: HttpRequest, referral_id: int, payload: ReferralActionIn):
    user = caller(request)
    referral = access_referral(user, referral_id)
    action = payload.action
    if action == "accept":
        services.referral_accept(user=user, referral=referral, note=payload.text)
    elif action == "decline":
        services.referral_decline(
            user=user, referral=referral, reason=payload.reason or "", text=payload.text
        )
    elif action == "request_info":
        services.referral_request_info(user=user, referral=referral, question=payload.text)
    elif action == "give_info":
        services.referral_give_info(user=user, referral=referral, answer=payload.text)
    elif action == "start":
        services.referral_start(user=user, referral=referral)
    elif action == "complete":
        services.referral_complete(user=user, referral=referral, outcome=payload.outcome)
    elif action == "revoke":
        services.referral_revoke(user=user, referral=referral, reason=payload.text)
    elif action == "reassign":
        lookups = Lookups()
        organisation = lookups.organisation("organisation", payload.organisation)
        if payload.organisation is None:
            lookups.errors["organisation"] = [gettext("This field is required.")]
        lookups.check()
        services.referral_reassign(
            user=user, referral=referral, organisation=organisation, note=payload.text
        )
    elif action == "change_due":
        services.referral_change_due(
            user=user, referral=referral, due_on=payload.due_on, note=payload.text
        )
    elif action == "review":
        if payload.justified is None:
            raise ValidationError({"justified": [gettext("This field is required.")]})
        services.referral_review_override(
            user=user, referral=referral, justified=payload.justified, note=payload.text
        )
    return Status(200, _referral_out(request, referral_id, audit=False))


@router.post(
    "/{int:referral_id}/onward",
    response={201: ReferralOut},
    summary="Pass a referral you received on to another organisation",
)
def refer_onward(request: HttpRequest, referral_id: int, payload: OnwardIn):
    user = caller(request)
    referral = access_referral(user, referral_id)
    lookups = Lookups()
    organisation = lookups.organisation("to_organisation", payload.to_organisation)
    lookups.check()
    notes = list(onward_notes(user, referral).filter(pk__in=payload.notes))
    if len(notes) != len(set(payload.notes)):
        raise ValidationError({"notes": [gettext("Only notes shared with you can be passed on.")]})
    data = payload.model_dump(exclude={"to_organisation", "notes"})
    data.update(to_organisation=organisation, notes=notes)
    child = onward.referral_refer_onward(user=user, referral=referral, data=data)
    return Status(201, _referral_out(request, child.pk, audit=False))
