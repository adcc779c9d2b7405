"""A case's charges and court hearings over the API.

``/api/cases/{case}/charges`` and ``/api/cases/{case}/hearings`` take the case's reference
(``PB-LHR-2026-000001``) or its id; a charge or hearing itself is ``/api/charges/{id}`` or
``/api/hearings/{id}``. Everything is fetched through ``rahai.justice.access`` (built on
``rahai.cases.access``) and changed through ``rahai.justice.services``: whoever may not see the
case gets a 404, whether or not it exists; whoever may see but not change it, a 403.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from rahai.api.common import InputSchema, Lookups, OrganisationOut, caller, choices, patch_data
from rahai.api.errors import rename_errors
from rahai.api.pagination import Pagination
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.cases.models import Case, RoleKind
from rahai.justice import services
from rahai.justice.access import (
    access_charge,
    access_court_case,
    access_hearing,
    can_charge,
    case_charges,
    case_hearings,
)
from rahai.justice.models import Charge, ChargeStatus, Hearing, Offence, Outcome
from rahai.justice.selectors import offence_label
from rahai.justice.selectors_laws import offence_url

router = Router(tags=["charges and hearings"])

ChargeStatusCode = choices(ChargeStatus)
OutcomeCode = choices(Outcome)
CASE_KEY = "The case's reference (e.g. PB-LHR-2026-000001) or its id."


# --- schemas -------------------------------------------------------------------------------


class SuspectOut(Schema):
    role_id: int = Field(description="The suspect's role in the case.")
    person_id: int
    display_name: str


class ChargedOffenceOut(Schema):
    law: str = Field(description="The law's code, e.g. ptpa-2018.")
    section: str
    title: str
    label: str = Field(description='"PTPA 2018 s.3 — Trafficking in persons".')
    url: str = Field(description="The section on the law page.")


class ChargeOut(Schema):
    id: int
    case: str = Field(description="The case's reference.")
    suspect: SuspectOut
    offence: ChargedOffenceOut
    status: str = Field(description="The stage: fir, investigation, challan, trial, decided…")
    charged_on: date
    fir_number: str
    court: OrganisationOut | None
    court_case_number: str
    special_court: bool
    outcome: str
    outcome_on: date | None
    sentence_years: float | None = Field(description="Years of imprisonment (7.5 = 7½).")
    sentence_fine_rs: int | None
    notes: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_case(obj: Charge) -> str:
        return obj.case.reference

    @staticmethod
    def resolve_suspect(obj: Charge) -> dict:
        role = obj.suspect
        return {
            "role_id": role.pk,
            "person_id": role.person_id,
            "display_name": role.person.display_name,
        }

    @staticmethod
    def resolve_offence(obj: Charge) -> dict:
        offence = obj.offence
        return {
            "law": offence.law.code,
            "section": offence.section,
            "title": offence.title,
            "label": offence_label(offence),
            "url": offence_url(offence),
        }

    @staticmethod
    def resolve_sentence_years(obj: Charge) -> float | None:
        return None if obj.sentence_years is None else float(obj.sentence_years)


class ChargeIn(InputSchema):
    person_id: int = Field(..., description="The suspect: a person with a suspect role here.")
    law: str = Field(..., max_length=40, description="The law's code, e.g. ptpa-2018.")
    section: str = Field(..., max_length=20, description='The section, e.g. "3" or "371-A".')
    charged_on: date
    status: ChargeStatusCode = ChargeStatus.FIR.value
    fir_number: str = Field("", max_length=40)
    notes: str = Field("", max_length=20000)


class ChargePatchIn(InputSchema):
    status: ChargeStatusCode | None = None
    court: int | None = Field(None, description="Organisation id of a court; null for none.")
    court_case_number: str | None = Field(None, max_length=60)
    special_court: bool | None = None
    outcome: OutcomeCode | None = None
    outcome_on: date | None = None
    sentence_years: Decimal | None = Field(
        None, description="Years of imprisonment, to one decimal place (7.5 = 7½)."
    )
    sentence_fine_rs: int | None = Field(None, ge=1)
    notes: str | None = Field(None, max_length=20000)


class HearingOut(Schema):
    id: int
    case: str = Field(description="The case's reference.")
    held_on: date
    court: OrganisationOut | None
    court_case_number: str
    summary: str
    next_on: date | None
    created_at: datetime

    @staticmethod
    def resolve_case(obj: Hearing) -> str:
        return obj.case.reference


class HearingIn(InputSchema):
    held_on: date
    court: int | None = Field(None, description="Organisation id of a court.")
    court_case_number: str = Field("", max_length=60)
    summary: str = Field(
        "", max_length=20000, description="Victims and witnesses by role, never by name."
    )
    next_on: date | None = None


class HearingPatchIn(InputSchema):
    held_on: date | None = None
    court: int | None = None
    court_case_number: str | None = Field(None, max_length=60)
    summary: str | None = Field(None, max_length=20000)
    next_on: date | None = None


# --- helpers -------------------------------------------------------------------------------


_CHARGE_ERROR_NAMES = {"suspect": "person_id", "offence": "section"}


def _audit_view(request: HttpRequest, case: Case, part: str) -> None:
    audit_record(
        actor=caller(request),
        action=AuditAction.VIEW,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        fields=[part],
        ip_address=client_ip(request),
    )


def _offence(law: str, section: str) -> Offence | None:
    return (
        Offence.objects.select_related("law")
        .filter(law__code=law.strip().lower(), section__iexact=section.strip())
        .first()
    )


def _court(data: dict[str, Any]) -> dict[str, Any]:
    if "court" in data:
        lookups = Lookups()
        data["court"] = lookups.organisation("court", data["court"])
        lookups.check()
    return data


def _charge_out(charge: Charge) -> Charge:
    return case_charges(charge.case).get(pk=charge.pk)


# --- charges -------------------------------------------------------------------------------


@router.get(
    "/cases/{case}/charges",
    response=list[ChargeOut],
    summary="A case's charges, by suspect",
    description=CASE_KEY,
)
@paginate(Pagination)
def list_charges(request: HttpRequest, case: str):
    found = access_court_case(caller(request), case)
    _audit_view(request, found, "charges")
    return case_charges(found)


@router.post(
    "/cases/{case}/charges",
    response={201: ChargeOut},
    summary="Charge a suspect of the case under a section of a law",
    description=CASE_KEY,
)
def add_charge(request: HttpRequest, case: str, payload: ChargeIn):
    user = caller(request)
    found = access_court_case(user, case)
    if not can_charge(user, found):
        raise PermissionDenied
    suspect = found.roles.filter(person_id=payload.person_id, role=RoleKind.SUSPECT).first()
    offence = _offence(payload.law, payload.section)
    errors: dict[str, list[str]] = {}
    if suspect is None:
        errors["person_id"] = [gettext("Choose a suspect of this case.")]
    if offence is None:
        errors["section"] = [gettext("No such section of this law in the law page.")]
    if errors:
        raise ValidationError(errors)
    try:
        charge = services.charge_add(
            user=user,
            case=found,
            suspect=suspect,
            offence=offence,
            charged_on=payload.charged_on,
            status=payload.status,
            fir_number=payload.fir_number,
            notes=payload.notes,
        )
    except ValidationError as exc:
        raise rename_errors(exc, _CHARGE_ERROR_NAMES) from None
    return Status(201, _charge_out(charge))


@router.get("/charges/{int:charge_id}", response=ChargeOut, summary="Read a charge")
def get_charge(request: HttpRequest, charge_id: int):
    charge = access_charge(caller(request), charge_id)
    _audit_view(request, charge.case, "charges")
    return charge


@router.patch(
    "/charges/{int:charge_id}",
    response=ChargeOut,
    summary="Record a charge's stage, court and outcome",
    description="An outcome other than pending needs `outcome_on` and sets the stage to "
    "`decided`; a sentence or a fine only with `convicted`. The case's owner, and a "
    "prosecution office the case is shared with, may do this.",
)
def update_charge(request: HttpRequest, charge_id: int, payload: ChargePatchIn):
    user = caller(request)
    charge = access_charge(user, charge_id, write=True)
    data = patch_data(
        payload,
        not_null=("status", "special_court", "outcome"),
        blank_text=("court_case_number", "notes"),
    )
    services.charge_update(user=user, charge=charge, data=_court(data))
    return _charge_out(charge)


@router.delete(
    "/charges/{int:charge_id}",
    response={204: None},
    summary="Remove a charge entered by mistake (only while the court has not decided it)",
)
def remove_charge(request: HttpRequest, charge_id: int):
    user = caller(request)
    charge = access_charge(user, charge_id)
    services.charge_remove(user=user, charge=charge)
    return Status(204, None)


# --- hearings ------------------------------------------------------------------------------


@router.get(
    "/cases/{case}/hearings",
    response=list[HearingOut],
    summary="A case's court hearings, latest first",
    description=CASE_KEY,
)
@paginate(Pagination)
def list_hearings(request: HttpRequest, case: str):
    found = access_court_case(caller(request), case)
    _audit_view(request, found, "hearings")
    return case_hearings(found)


@router.post(
    "/cases/{case}/hearings",
    response={201: HearingOut},
    summary="Record a court hearing of the case",
    description=CASE_KEY,
)
def add_hearing(request: HttpRequest, case: str, payload: HearingIn):
    user = caller(request)
    found = access_court_case(user, case, write=True)
    data = _court(payload.model_dump())
    hearing = services.hearing_add(user=user, case=found, **data)
    return Status(201, case_hearings(found).get(pk=hearing.pk))


@router.patch("/hearings/{int:hearing_id}", response=HearingOut, summary="Change a hearing")
def update_hearing(request: HttpRequest, hearing_id: int, payload: HearingPatchIn):
    user = caller(request)
    hearing = access_hearing(user, hearing_id, write=True)
    data = patch_data(payload, not_null=("held_on",), blank_text=("court_case_number", "summary"))
    services.hearing_update(user=user, hearing=hearing, data=_court(data))
    return case_hearings(hearing.case).get(pk=hearing.pk)
