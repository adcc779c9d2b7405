"""Parts of a case over the API: its roles (persons), route events, notes and audit timeline.

Mounted at ``/api/cases`` beside ``rahai.cases.api``. As there, cases are fetched only through
``rahai.cases.access`` and changed only through ``rahai.cases.services``.
"""

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from rahai.api.common import InputSchema, Lookups, OrganisationOut, caller, choices, patch_data
from rahai.api.errors import rename_errors
from rahai.api.pagination import Pagination
from rahai.audit.models import AuditEntry
from rahai.cases import selectors
from rahai.cases.access import access_case
from rahai.cases.api import DistrictCode, _audit_view
from rahai.cases.models import (
    Case,
    CaseRole,
    Event,
    EventType,
    ExploitationType,
    Industry,
    MeansOfControl,
    Note,
    PerpetratorRole,
    RecruiterRelationship,
    RecruitmentMethod,
    RoleKind,
    TraffickingStatus,
    VulnerabilityFactor,
)
from rahai.cases.services import (
    case_role_add,
    case_role_remove,
    case_role_update,
    event_create,
    event_delete,
    event_update,
    note_create,
)
from rahai.people.access import access_person
from rahai.people.api import PersonCreateIn, create_person

router = Router(tags=["case parts"])

RoleKindCode = choices(RoleKind)
TraffickingStatusCode = choices(TraffickingStatus, blank=True)
ExploitationTypeCode = choices(ExploitationType)
MeansOfControlCode = choices(MeansOfControl)
RecruitmentMethodCode = choices(RecruitmentMethod, blank=True)
RecruiterRelationshipCode = choices(RecruiterRelationship, blank=True)
IndustryCode = choices(Industry, blank=True)
PerpetratorRoleCode = choices(PerpetratorRole)
VulnerabilityFactorCode = choices(VulnerabilityFactor)
EventTypeCode = choices(EventType)
CountryCode = Annotated[str, StringConstraints(max_length=20)]


# --- schemas: roles ------------------------------------------------------------------------


class PersonBriefOut(Schema):
    id: int
    display_name: str
    name_urdu: str
    gender: str


class RoleFields(InputSchema):
    trafficking_status: TraffickingStatusCode = ""
    status_decided_by: int | None = Field(None, description="Organisation id.")
    exploitation_types: list[ExploitationTypeCode] = Field(default_factory=list)
    means_of_control: list[MeansOfControlCode] = Field(default_factory=list)
    recruitment_method: RecruitmentMethodCode = ""
    recruiter_relationship: RecruiterRelationshipCode = ""
    age_when_trafficked: int | None = None
    industry: IndustryCode = Field("", description="ISIC revision 4 section.")
    vulnerability_factors: list[VulnerabilityFactorCode] = Field(
        default_factory=list, description="Vulnerability and root-cause factors (victims)."
    )
    perpetrator_roles: list[PerpetratorRoleCode] = Field(default_factory=list)


class RoleCreateIn(RoleFields):
    role: RoleKindCode
    person_id: int | None = Field(None, description="A person you may already see…")
    person: PersonCreateIn | None = Field(None, description="…or a new person to record.")


class RolePatchIn(InputSchema):
    role: RoleKindCode | None = None
    trafficking_status: TraffickingStatusCode | None = None
    status_decided_by: int | None = None
    exploitation_types: list[ExploitationTypeCode] | None = None
    means_of_control: list[MeansOfControlCode] | None = None
    recruitment_method: RecruitmentMethodCode | None = None
    recruiter_relationship: RecruiterRelationshipCode | None = None
    age_when_trafficked: int | None = None
    industry: IndustryCode | None = None
    vulnerability_factors: list[VulnerabilityFactorCode] | None = None
    perpetrator_roles: list[PerpetratorRoleCode] | None = None


_ROLE_BLANK = ("trafficking_status", "recruitment_method", "recruiter_relationship", "industry")
_ROLE_NOT_NULL = (
    "role",
    "exploitation_types",
    "means_of_control",
    "vulnerability_factors",
    "perpetrator_roles",
)


class RoleOut(Schema):
    id: int
    person: PersonBriefOut
    role: str
    trafficking_status: str
    status_decided_by: int | None = Field(description="Organisation id.")
    exploitation_types: list[str]
    means_of_control: list[str]
    recruitment_method: str
    recruiter_relationship: str
    age_when_trafficked: int | None
    industry: str
    vulnerability_factors: list[str]
    perpetrator_roles: list[str]
    created_at: datetime

    @staticmethod
    def resolve_status_decided_by(obj: CaseRole) -> int | None:
        return obj.status_decided_by_id


# --- schemas: events, notes, timeline ------------------------------------------------------


class EventIn(InputSchema):
    event_type: EventTypeCode
    district: DistrictCode | None = Field(
        None, description="District code, for a place in Pakistan."
    )
    country: CountryCode | None = Field(None, description="ISO 3166 alpha-2, for a place abroad.")
    place: str = Field("", max_length=120, description="City, border crossing…")
    occurred_on: date | None = None
    date_is_approximate: bool = False
    description: str = Field("", max_length=20000)
    position: int | None = Field(
        None, ge=1, le=32767, description="Order in the route; default last."
    )
    person_id: int | None = Field(None, description="A person with a role in this case.")


class EventPatchIn(InputSchema):
    event_type: EventTypeCode | None = None
    district: DistrictCode | None = None
    country: CountryCode | None = None
    place: str | None = Field(None, max_length=120)
    occurred_on: date | None = None
    date_is_approximate: bool | None = None
    description: str | None = Field(None, max_length=20000)
    position: int | None = Field(None, ge=1, le=32767)
    person_id: int | None = None


class EventOut(Schema):
    id: int
    position: int
    event_type: str
    district: str | None = Field(description="District code.")
    country: str | None = Field(description="ISO 3166 alpha-2 code.")
    place: str
    place_label: str
    occurred_on: date | None
    date_is_approximate: bool
    description: str
    person_id: int | None

    @staticmethod
    def resolve_district(obj: Event) -> str | None:
        return obj.district.code if obj.district_id else None

    @staticmethod
    def resolve_country(obj: Event) -> str | None:
        return obj.country.code if obj.country_id else None


class NoteIn(InputSchema):
    body: str = Field(..., max_length=40000)


class NoteOut(Schema):
    id: int
    body: str
    author: str = Field(description="Username.")
    organisation: OrganisationOut
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Note) -> str:
        return obj.author.get_username()


class TimelineOut(Schema):
    at: datetime
    actor: str = Field(description="Username.")
    action: str
    object_type: str
    fields: list[str] = Field(description="Names of the fields involved; never their values.")

    @staticmethod
    def resolve_actor(obj: AuditEntry) -> str:
        return obj.actor_label


# --- helpers -------------------------------------------------------------------------------


def _role_data(data: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    if "status_decided_by" in data:
        data["status_decided_by"] = lookups.organisation(
            "status_decided_by", data["status_decided_by"]
        )
    return data


def _get_role(case: Case, role_id: int) -> CaseRole:
    role = case.roles.select_related("person").filter(pk=role_id).first()
    if role is None:
        raise Http404
    role.case = case
    return role


def _get_event(case: Case, event_id: int) -> Event:
    event = case.events.filter(pk=event_id).first()
    if event is None:
        raise Http404
    event.case = case
    return event


def _event_data(case: Case, data: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    if "district" in data:
        data["district"] = lookups.district("district", data["district"])
    if "country" in data:
        data["country"] = lookups.country("country", data["country"])
    if "person_id" in data:
        person_id = data.pop("person_id")
        person = None
        if person_id is not None:
            role = case.roles.select_related("person").filter(person_id=person_id).first()
            if role is None:
                lookups.errors.setdefault("person_id", []).append(
                    gettext("Choose a person who has a role in this case.")
                )
            else:
                person = role.person
        data["person"] = person
    return data


_EVENT_ERROR_NAMES = {"person": "person_id"}


def _events(case: Case):
    return case.events.select_related("district__province", "country").order_by("position", "id")


# --- roles ---------------------------------------------------------------------------------


@router.get(
    "/{int:case_id}/roles", response=list[RoleOut], summary="Persons in a case and their roles"
)
@paginate(Pagination)
def list_roles(request: HttpRequest, case_id: int):
    case = access_case(caller(request), case_id)
    _audit_view(request, case, "roles")
    return case.roles.select_related("person").order_by("role", "id")


@router.post("/{int:case_id}/roles", response={201: RoleOut}, summary="Add a person to a case")
def add_role(request: HttpRequest, case_id: int, payload: RoleCreateIn):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    if (payload.person_id is None) == (payload.person is None):
        raise ValidationError(
            {"person_id": [gettext("Give either person_id or a new person, not both.")]}
        )
    lookups = Lookups()
    data = _role_data(payload.model_dump(exclude={"person_id", "person"}), lookups)
    person = None
    if payload.person_id is not None:
        try:
            person = access_person(user, payload.person_id)
        except Http404:
            lookups.errors.setdefault("person_id", []).append(
                gettext("Choose a person you may see.")
            )
    lookups.check()
    with transaction.atomic():
        if person is None:
            person = create_person(user, payload.person, prefix="person.")
        role = case_role_add(user=user, case=case, person=person, data=data)
    return Status(201, _get_role(case, role.pk))


@router.patch(
    "/{int:case_id}/roles/{int:role_id}", response=RoleOut, summary="Change a person's role"
)
def update_role(request: HttpRequest, case_id: int, role_id: int, payload: RolePatchIn):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    role = _get_role(case, role_id)
    data = patch_data(payload, not_null=_ROLE_NOT_NULL, blank_text=_ROLE_BLANK)
    lookups = Lookups()
    data = _role_data(data, lookups)
    new_kind = data.get("role", role.role)
    if (
        new_kind != role.role
        and case.roles.filter(person_id=role.person_id, role=new_kind).exists()
    ):
        # case_role_update does not check this; the unique constraint would make it a 500.
        lookups.errors.setdefault("role", []).append(
            gettext("This person already has this role in the case.")
        )
    lookups.check()
    case_role_update(user=user, role=role, data=data)
    return _get_role(case, role.pk)


@router.delete(
    "/{int:case_id}/roles/{int:role_id}",
    response={204: None},
    summary="Remove a person from a case",
)
def remove_role(request: HttpRequest, case_id: int, role_id: int):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    case_role_remove(user=user, role=_get_role(case, role_id))
    return Status(204, None)


# --- route events --------------------------------------------------------------------------


@router.get("/{int:case_id}/events", response=list[EventOut], summary="The case's route")
@paginate(Pagination)
def list_events(request: HttpRequest, case_id: int):
    case = access_case(caller(request), case_id)
    _audit_view(request, case, "events")
    return _events(case)


@router.post("/{int:case_id}/events", response={201: EventOut}, summary="Add a route event")
def add_event(request: HttpRequest, case_id: int, payload: EventIn):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    lookups = Lookups()
    data = _event_data(case, payload.model_dump(), lookups)
    lookups.check()
    try:
        event = event_create(user=user, case=case, data=data)
    except ValidationError as exc:
        raise rename_errors(exc, _EVENT_ERROR_NAMES) from None
    return Status(201, _events(case).get(pk=event.pk))


@router.patch(
    "/{int:case_id}/events/{int:event_id}", response=EventOut, summary="Change a route event"
)
def update_event(request: HttpRequest, case_id: int, event_id: int, payload: EventPatchIn):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    event = _get_event(case, event_id)
    data = patch_data(
        payload,
        not_null=("event_type", "date_is_approximate", "position"),
        blank_text=("place", "description"),
    )
    lookups = Lookups()
    data = _event_data(case, data, lookups)
    lookups.check()
    try:
        event_update(user=user, event=event, data=data)
    except ValidationError as exc:
        raise rename_errors(exc, _EVENT_ERROR_NAMES) from None
    return _events(case).get(pk=event.pk)


@router.delete(
    "/{int:case_id}/events/{int:event_id}", response={204: None}, summary="Delete a route event"
)
def delete_event(request: HttpRequest, case_id: int, event_id: int):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    event_delete(user=user, event=_get_event(case, event_id))
    return Status(204, None)


# --- notes and timeline --------------------------------------------------------------------


@router.get(
    "/{int:case_id}/notes", response=list[NoteOut], summary="The case's notes, newest first"
)
@paginate(Pagination)
def list_notes(request: HttpRequest, case_id: int):
    case = access_case(caller(request), case_id)
    _audit_view(request, case, "notes")
    return case.notes.select_related("author", "organisation").order_by("-created_at", "-id")


@router.post(
    "/{int:case_id}/notes", response={201: NoteOut}, summary="Add a note (owner and partners)"
)
def add_note(request: HttpRequest, case_id: int, payload: NoteIn):
    user = caller(request)
    case = access_case(user, case_id)
    note = note_create(user=user, case=case, body=payload.body)
    return Status(201, case.notes.select_related("author", "organisation").get(pk=note.pk))


@router.get(
    "/{int:case_id}/timeline",
    response=list[TimelineOut],
    summary="Changes to the case, newest first (field names only, no values)",
)
@paginate(Pagination)
def case_timeline(request: HttpRequest, case_id: int):
    case = access_case(caller(request), case_id)
    # As the web UI's timeline: changes, not the (many) views and searches.
    return selectors.case_timeline(case, limit=None)
