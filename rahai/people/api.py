"""Persons over the API: search, record, read and change, only through the access layer.

Every read of one person's data is audited, as is every search.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, StringConstraints

from rahai.api.common import InputSchema, Lookups, OrganisationOut, caller, choices, patch_data
from rahai.api.errors import django_validation_errors, rename_errors
from rahai.api.pagination import Pagination
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.cases.access import visible_cases
from rahai.core.languages import Language
from rahai.people.access import access_person, can_edit_person, person_cases, visible_persons
from rahai.people.models import Education, Gender, MaritalStatus, Person
from rahai.people.search import classify_query, matching_person_ids
from rahai.people.services import clean_person_data, person_create, person_update
from rahai.people.validation import format_cnic

router = Router(tags=["persons"])

Name = Annotated[str, StringConstraints(max_length=200)]
ShortText = Annotated[str, StringConstraints(max_length=40)]
LanguageCode = choices(Language)
GenderCode = choices(Gender)
EducationCode = choices(Education)
MaritalStatusCode = choices(MaritalStatus)


# --- input ---------------------------------------------------------------------------------


class PersonCreateIn(InputSchema):
    given_name: Name = ""
    family_name: Name = ""
    father_name: Name = Field("", description="Father's or husband's name.")
    name_urdu: Name = Field("", description="Name in Urdu script.")
    aliases: list[Name] = Field(default_factory=list, max_length=20)
    gender: GenderCode = Gender.UNKNOWN.value
    birth_date: date | None = None
    estimated_age: int | None = None
    age_estimated_on: date | None = None
    cnic: ShortText = Field("", description="13 digits: 12345-1234567-1 or 1234512345671.")
    passport_number: ShortText = ""
    phones: list[ShortText] = Field(
        default_factory=list, max_length=10, description="Any common form; stored as E.164."
    )
    address: str = Field("", max_length=500)
    district: str | None = Field(None, max_length=20, description="District code.")
    citizenship: str | None = Field(None, max_length=20, description="ISO 3166 alpha-2 code.")
    languages: list[LanguageCode] = Field(
        default_factory=list, max_length=10, description="ISO 639 codes from the list of languages."
    )
    education: EducationCode = Education.UNKNOWN.value
    marital_status: MaritalStatusCode = MaritalStatus.UNKNOWN.value


class PersonPatchIn(InputSchema):
    given_name: Name | None = None
    family_name: Name | None = None
    father_name: Name | None = None
    name_urdu: Name | None = None
    aliases: list[Name] | None = Field(None, max_length=20)
    gender: GenderCode | None = None
    birth_date: date | None = None
    estimated_age: int | None = None
    age_estimated_on: date | None = None
    cnic: ShortText | None = None
    passport_number: ShortText | None = None
    phones: list[ShortText] | None = Field(None, max_length=10)
    address: str | None = Field(None, max_length=500)
    district: str | None = Field(None, max_length=20)
    citizenship: str | None = Field(None, max_length=20)
    languages: list[LanguageCode] | None = Field(None, max_length=10)
    education: EducationCode | None = None
    marital_status: MaritalStatusCode | None = None


_TEXT_FIELDS = (
    "given_name",
    "family_name",
    "father_name",
    "name_urdu",
    "cnic",
    "passport_number",
    "address",
)
_NOT_NULL = ("aliases", "gender", "phones", "languages", "education", "marital_status")


class PersonFilters(Schema):
    q: str | None = Field(
        None,
        max_length=200,
        description="Name (Latin or Urdu script), CNIC, phone, passport or case reference.",
    )


class PersonSearchIn(PersonFilters):
    model_config = ConfigDict(extra="forbid")


# --- output --------------------------------------------------------------------------------


class PersonCaseOut(Schema):
    case_id: int
    reference: str
    role_id: int
    role: str


class PersonListOut(Schema):
    id: int
    display_name: str
    given_name: str
    family_name: str
    name_urdu: str
    gender: str
    birth_date: date | None
    estimated_age: int | None
    district: str | None = Field(description="District code.")

    @staticmethod
    def resolve_district(obj: Person) -> str | None:
        return obj.district.code if obj.district_id else None


class PersonOut(PersonListOut):
    father_name: str
    aliases: list[str]
    age_estimated_on: date | None
    cnic: str = Field(description="Formatted 12345-1234567-1.")
    passport_number: str
    phones: list[str] = Field(description="E.164.")
    address: str
    citizenship: str | None = Field(description="ISO 3166 alpha-2 code.")
    languages: list[str]
    education: str
    marital_status: str
    owner: OrganisationOut = Field(description="The organisation that recorded the person.")
    created_at: datetime
    updated_at: datetime
    can_edit: bool
    cases: list[PersonCaseOut] = Field(
        description="Cases you may see in which the person has a role."
    )

    @staticmethod
    def resolve_cnic(obj: Person) -> str:
        return format_cnic(obj.cnic) if obj.cnic else ""

    @staticmethod
    def resolve_citizenship(obj: Person) -> str | None:
        return obj.citizenship.code if obj.citizenship_id else None

    @staticmethod
    def resolve_cases(obj: Person) -> list[dict[str, Any]]:
        return [
            {
                "case_id": role.case_id,
                "reference": role.case.reference,
                "role_id": role.pk,
                "role": role.role,
            }
            for role in obj.visible_roles  # type: ignore[attr-defined]
        ]


# --- helpers used by the cases API too -----------------------------------------------------


def require_case_worker(user) -> None:
    """Only staff who work cases may record persons (analysts and auditors may not)."""
    if not user.works_cases:
        raise PermissionDenied


def _with_places(data: dict[str, Any], lookups: Lookups, *, prefix: str = "") -> dict[str, Any]:
    if "district" in data:
        data["district"] = lookups.district(f"{prefix}district", data["district"])
    if "citizenship" in data:
        data["citizenship"] = lookups.country(f"{prefix}citizenship", data["citizenship"])
    return data


def report_lookup_errors(
    lookups: Lookups, validate: Callable[[], Any], *, prefix: str = ""
) -> None:
    """When a code did not resolve, report it together with the service's own checks."""
    if not lookups.errors:
        return
    errors = dict(lookups.errors)
    try:
        validate()
    except ValidationError as exc:
        for name, messages in django_validation_errors(exc, prefix=prefix.rstrip(".")).items():
            errors.setdefault(name, messages)
    raise ValidationError(errors)


def create_person(user, payload: PersonCreateIn, *, prefix: str = "") -> Person:
    """Record a new person; error field names get ``prefix`` (``person.cnic``)."""
    require_case_worker(user)
    lookups = Lookups()
    data = _with_places(payload.model_dump(), lookups, prefix=prefix)
    report_lookup_errors(lookups, lambda: clean_person_data(data), prefix=prefix)
    try:
        return person_create(user=user, data=data)
    except ValidationError as exc:
        if not prefix:
            raise
        raise rename_errors(exc, {}, prefix=prefix.rstrip(".")) from None


def person_out(user, person: Person) -> Person:
    person.can_edit = can_edit_person(user, person)  # type: ignore[attr-defined]
    person.visible_roles = list(person_cases(user, person))  # type: ignore[attr-defined]
    return person


def _load(user, person_id: int, *, write: bool = False) -> Person:
    person = access_person(user, person_id, write=write)
    # Reload with the related rows the output needs (same visibility rules).
    return (
        visible_persons(user).select_related("district", "citizenship", "owner").get(pk=person.pk)
    )


# --- endpoints -----------------------------------------------------------------------------


def _find_persons(request: HttpRequest, filters: PersonFilters):
    user = caller(request)
    persons = visible_persons(user).select_related("district")
    q = (filters.q or "").strip()
    if q:
        kind, value = classify_query(q)
        if kind == "reference":
            cases = visible_cases(user).filter(reference=value)
            persons = persons.filter(case_roles__case__in=cases).distinct()
        else:
            ids = matching_person_ids(q)
            persons = persons.filter(id__in=ids) if ids is not None else persons.none()
        audit_record(
            actor=user,
            action=AuditAction.SEARCH,
            object_type="person",
            details={"kind": kind, "query": q},
            ip_address=client_ip(request),
        )
    elif user.works_cases:
        # A plain list still shows names: paging through it is recorded as well.
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            object_type="person",
            fields=["list"],
            ip_address=client_ip(request),
        )
    return persons.order_by("-updated_at", "-id")


@router.get("", response=list[PersonListOut], summary="List or search persons you may see")
@paginate(Pagination)
def list_persons(request: HttpRequest, filters: Query[PersonFilters]):
    return _find_persons(request, filters)


@router.post(
    "/search",
    response=list[PersonListOut],
    summary="Search persons, the words in the body",
    description="Same as `GET /api/persons?q=`, with `q` in a JSON body so that names, CNICs "
    "and phones stay out of URLs (and so out of proxy and server logs).",
)
@paginate(Pagination)
def search_persons(request: HttpRequest, payload: PersonSearchIn):
    return _find_persons(request, payload)


@router.post("", response={201: PersonOut}, summary="Record a person (not yet linked to a case)")
def create_person_endpoint(request: HttpRequest, payload: PersonCreateIn):
    user = caller(request)
    person = create_person(user, payload)
    return Status(201, person_out(user, _load(user, person.pk)))


@router.get("/{int:person_id}", response=PersonOut, summary="Read a person (audited)")
def get_person(request: HttpRequest, person_id: int):
    user = caller(request)
    person = _load(user, person_id)
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=person.pk,
        person_id=person.pk,
        ip_address=client_ip(request),
    )
    return person_out(user, person)


@router.patch("/{int:person_id}", response=PersonOut, summary="Change a person")
def update_person(request: HttpRequest, person_id: int, payload: PersonPatchIn):
    user = caller(request)
    person = _load(user, person_id, write=True)
    data = patch_data(payload, not_null=_NOT_NULL, blank_text=_TEXT_FIELDS)
    lookups = Lookups()
    data = _with_places(data, lookups)
    lookups.check()
    person_update(user=user, person=person, data=data)
    return person_out(user, _load(user, person.pk))
