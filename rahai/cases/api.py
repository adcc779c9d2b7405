"""Cases over the API: the list and search, a case itself, and its shares.

Cases are fetched only through ``rahai.cases.access`` and changed only through
``rahai.cases.services``; a case the caller may not see is a 404, whether or not it exists.
The case's roles, route events, notes and timeline are in ``rahai.cases.api_parts``.
"""

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, StringConstraints

from rahai.api.common import InputSchema, Lookups, OrganisationOut, caller, choices, patch_data
from rahai.api.pagination import Pagination
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.cases import selectors
from rahai.cases.access import access_case, can_edit_case
from rahai.cases.models import (
    Case,
    CaseShare,
    CaseStatus,
    CaseType,
    ClosureReason,
    Sensitivity,
)
from rahai.cases.services import (
    case_create,
    case_share,
    case_unshare,
    case_update,
    clean_case_data,
)
from rahai.people.api import report_lookup_errors
from rahai.people.search import classify_query

router = Router(tags=["cases"])

CaseTypeCode = choices(CaseType)
CaseStatusCode = choices(CaseStatus)
ClosureReasonCode = choices(ClosureReason, blank=True)
SensitivityCode = choices(Sensitivity)
DistrictCode = Annotated[str, StringConstraints(max_length=20)]


# --- schemas: cases ------------------------------------------------------------------------


class CaseFilters(Schema):
    case_type: CaseTypeCode | None = None
    status: CaseStatusCode | None = None
    province: str | None = Field(None, max_length=2, description="Province code, e.g. PB.")
    district: str | None = Field(None, max_length=3, description="District code, e.g. LHR.")
    owner: int | None = Field(None, description="Owning organisation id.")
    opened_from: date | None = None
    opened_to: date | None = None
    q: str | None = Field(
        None,
        max_length=200,
        description="Case reference, or a person's name (Latin or Urdu script), CNIC or phone.",
    )


class CaseSearchIn(CaseFilters):
    model_config = ConfigDict(extra="forbid")


class CaseCreateIn(InputSchema):
    case_types: list[CaseTypeCode] = Field(..., max_length=len(CaseType.values))
    district: DistrictCode = Field(..., description="District code, e.g. LHR.")
    opened_on: date | None = Field(None, description="Defaults to today.")
    title: str = Field("", max_length=140, description="No names.")
    summary: str = Field("", max_length=20000)
    fir_number: str = Field("", max_length=40)
    sensitivity: SensitivityCode = Sensitivity.NORMAL.value
    team: int | None = Field(None, description="Team id; required for a restricted case.")
    status: CaseStatusCode = CaseStatus.ACTIVE.value
    closure_reason: ClosureReasonCode = ""


class CasePatchIn(InputSchema):
    case_types: list[CaseTypeCode] | None = Field(None, max_length=len(CaseType.values))
    district: DistrictCode | None = None
    opened_on: date | None = None
    title: str | None = Field(None, max_length=140)
    summary: str | None = Field(None, max_length=20000)
    fir_number: str | None = Field(None, max_length=40)
    sensitivity: SensitivityCode | None = None
    team: int | None = None
    status: CaseStatusCode | None = None
    closure_reason: ClosureReasonCode | None = None


class ShareIn(InputSchema):
    organisation: int = Field(..., description="Organisation id to share with.")
    reason: str = Field("", max_length=300)


class ShareOut(Schema):
    id: int
    organisation: OrganisationOut
    reason: str
    created_at: datetime


class CaseListOut(Schema):
    id: int
    reference: str
    case_types: list[str]
    status: str
    sensitivity: str
    title: str
    opened_on: date
    district: str = Field(description="District code.")
    province: str = Field(description="Province code.")
    owner: OrganisationOut
    updated_at: datetime

    @staticmethod
    def resolve_district(obj: Case) -> str:
        return obj.district.code

    @staticmethod
    def resolve_province(obj: Case) -> str:
        return obj.district.province.code


class CaseOut(CaseListOut):
    closure_reason: str
    team: int | None = Field(description="Team id, for a restricted case.")
    summary: str
    fir_number: str
    created_at: datetime
    can_edit: bool
    shares: list[ShareOut] = Field(description="Organisations the case is shared with now.")

    @staticmethod
    def resolve_team(obj: Case) -> int | None:
        return obj.team_id

    @staticmethod
    def resolve_shares(obj: Case) -> list[CaseShare]:
        return obj.active_shares  # type: ignore[attr-defined]


# --- helpers -------------------------------------------------------------------------------


def _audit_view(request: HttpRequest, case: Case, *parts: str) -> None:
    audit_record(
        actor=caller(request),
        action=AuditAction.VIEW,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        fields=list(parts),
        ip_address=client_ip(request),
    )


def _case_out(user, case: Case) -> Case:
    case = access_case(user, case.pk)  # fresh, with the related rows the output needs
    case.can_edit = can_edit_case(user, case)  # type: ignore[attr-defined]
    case.active_shares = list(  # type: ignore[attr-defined]
        case.shares.filter(revoked_at__isnull=True).select_related("organisation").order_by("id")
    )
    return case


def _case_data(user, data: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    if "district" in data:
        data["district"] = lookups.district("district", data["district"])
    if "team" in data:
        data["team"] = lookups.team("team", data["team"], user)
    return data


# --- cases ---------------------------------------------------------------------------------


def _find_cases(request: HttpRequest, filters: CaseFilters):
    user = caller(request)
    q = (filters.q or "").strip()
    # The web UI's list: a reference matches exactly; a CNIC, phone or name matches the cases
    # whose roles hold a matching person.
    cases = selectors.case_list(
        user,
        selectors.CaseFilters(
            case_type=filters.case_type or "",
            status=filters.status or "",
            province=(filters.province or "").strip().upper(),
            district=(filters.district or "").strip().upper(),
            owner=filters.owner,
            opened_from=filters.opened_from,
            opened_to=filters.opened_to,
            q=q,
        ),
    )
    if q:
        kind, _ = classify_query(q)
        audit_record(
            actor=user,
            action=AuditAction.SEARCH,
            object_type="case",
            details={"kind": kind, "query": q},
            ip_address=client_ip(request),
        )
    return cases


@router.get("", response=list[CaseListOut], summary="List or search cases you may see")
@paginate(Pagination)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]):
    return _find_cases(request, filters)


@router.post(
    "/search",
    response=list[CaseListOut],
    summary="Search cases, the words in the body",
    description="Same filters as `GET /api/cases`, sent as a JSON body so that names, CNICs and "
    "phones stay out of URLs (and so out of proxy and server logs).",
)
@paginate(Pagination)
def search_cases(request: HttpRequest, payload: CaseSearchIn):
    return _find_cases(request, payload)


@router.post("", response={201: CaseOut}, summary="Open a case")
def create_case(request: HttpRequest, payload: CaseCreateIn):
    user = caller(request)
    if not user.works_cases:
        raise PermissionDenied
    lookups = Lookups()
    data = _case_data(user, payload.model_dump(), lookups)
    if data.get("opened_on") is None:
        # case_create would otherwise overwrite its "today" default with None.
        data.pop("opened_on", None)
    report_lookup_errors(
        lookups, lambda: clean_case_data({k: v for k, v in data.items() if k != "district"})
    )
    case = case_create(user=user, data=data)
    return Status(201, _case_out(user, case))


@router.get("/{int:case_id}", response=CaseOut, summary="Read a case (audited)")
def get_case(request: HttpRequest, case_id: int):
    user = caller(request)
    case = access_case(user, case_id)
    _audit_view(request, case)
    return _case_out(user, case)


@router.patch("/{int:case_id}", response=CaseOut, summary="Change a case")
def update_case(request: HttpRequest, case_id: int, payload: CasePatchIn):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    data = patch_data(
        payload,
        not_null=("case_types", "district", "opened_on", "sensitivity", "status"),
        blank_text=("title", "summary", "fir_number", "closure_reason"),
    )
    lookups = Lookups()
    data = _case_data(user, data, lookups)
    lookups.check()
    case_update(user=user, case=case, data=data)
    return _case_out(user, case)


@router.post(
    "/{int:case_id}/shares", response={201: ShareOut}, summary="Share a case with an organisation"
)
def share_case(request: HttpRequest, case_id: int, payload: ShareIn):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    lookups = Lookups()
    organisation = lookups.organisation("organisation", payload.organisation)
    lookups.check()
    share = case_share(user=user, case=case, organisation=organisation, reason=payload.reason)
    return Status(201, share)


@router.delete(
    "/{int:case_id}/shares/{int:share_id}", response={204: None}, summary="Stop sharing a case"
)
def unshare_case(request: HttpRequest, case_id: int, share_id: int):
    user = caller(request)
    case = access_case(user, case_id, write=True)
    if not case.shares.filter(pk=share_id, revoked_at__isnull=True).exists():
        raise Http404
    case_unshare(user=user, case=case, share_id=share_id)
    return Status(204, None)
