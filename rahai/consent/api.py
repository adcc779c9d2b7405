"""Consent over the API: a person's decisions, recording a new one, withdrawing one.

Consents are read through ``rahai.consent.access`` (whoever may see the person) and written
through ``rahai.consent.services`` (whoever may change the person). Reading them is audited as
a view of the person's data.
"""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from rahai.api.common import InputSchema, Lookups, OrganisationOut, caller, choices
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.consent import services
from rahai.consent.access import access_consent, person_consents
from rahai.consent.models import Consent, ConsentDecision, ConsentPurpose, GivenBy
from rahai.core.languages import Language
from rahai.orgs.models import OrganisationKind
from rahai.people.access import access_person

router = Router(tags=["consent"])


class ConsentIn(InputSchema):
    purpose: choices(ConsentPurpose)
    decision: choices(ConsentDecision)
    organisation: int | None = Field(None, description="For sharing with a named organisation.")
    organisation_kind: choices(OrganisationKind, blank=True) = Field(
        "", description="For sharing with a type of organisation."
    )
    given_by: choices(GivenBy) = GivenBy.SELF.value
    decided_on: date | None = Field(None, description="Default: today.")
    language: choices(Language) = Field(..., description="Language it was explained in.")
    notes: str = Field("", max_length=5000)


class WithdrawIn(InputSchema):
    note: str = Field("", max_length=2000)


class ConsentOut(Schema):
    id: int
    person: int
    purpose: str
    decision: str
    organisation: OrganisationOut | None
    organisation_kind: str
    given_by: str
    decided_on: date
    language: str
    notes: str
    taken_by: str
    taken_by_organisation: OrganisationOut
    created_at: datetime
    withdrawn_at: datetime | None
    withdrawal_note: str
    in_force: bool = Field(description="Not withdrawn (a given decision then permits).")

    @staticmethod
    def resolve_person(obj: Consent) -> int:
        return obj.person_id

    @staticmethod
    def resolve_taken_by(obj: Consent) -> str:
        return obj.taken_by.get_username()

    @staticmethod
    def resolve_in_force(obj: Consent) -> bool:
        return obj.withdrawn_at is None


def _audit_view(request: HttpRequest, person_id: int, consent_ids: list[int]) -> None:
    audit_record(
        actor=caller(request),
        action=AuditAction.VIEW,
        object_type="consent",
        object_id=consent_ids[0] if len(consent_ids) == 1 else None,
        person_id=person_id,
        ip_address=client_ip(request),
        details={"consents": consent_ids},
    )


@router.get(
    "/persons/{int:person_id}/consents",
    response=list[ConsentOut],
    summary="A person's consent decisions, newest first (audited)",
)
def list_consents(request: HttpRequest, person_id: int):
    person = access_person(caller(request), person_id)
    consents = list(person_consents(caller(request), person))
    _audit_view(request, person.pk, [consent.pk for consent in consents])
    return consents


@router.post(
    "/persons/{int:person_id}/consents",
    response={201: ConsentOut},
    summary="Record a consent decision (it supersedes earlier ones for the same purpose)",
)
def record_consent(request: HttpRequest, person_id: int, payload: ConsentIn):
    user = caller(request)
    person = access_person(user, person_id, write=True)
    lookups = Lookups()
    organisation = lookups.organisation("organisation", payload.organisation)
    lookups.check()
    data = payload.model_dump()
    data["organisation"] = organisation
    consent = services.consent_record(user=user, person=person, data=data)
    return Status(201, access_consent(user, consent.pk))


@router.post(
    "/consents/{int:consent_id}/withdraw",
    response=ConsentOut,
    summary="Withdraw a consent: sharing that relied on it stops at once",
)
def withdraw_consent(request: HttpRequest, consent_id: int, payload: WithdrawIn):
    user = caller(request)
    consent = access_consent(user, consent_id, write=True)
    services.consent_withdraw(user=user, consent=consent, note=payload.note)
    return access_consent(user, consent.pk)
