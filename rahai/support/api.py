"""Support plans over the API: plans, their services, follow-ups and closure checklist, and the
survivor's journey; the same access layer and rules as the web pages.

Plans are fetched only through ``rahai.support.access`` and changed only through
``rahai.support.services``. A plan the caller may not see is a 404, whether or not it exists;
a receiving organisation gets the plan redacted to its referral's scope.
"""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from rahai.accounts.models import User
from rahai.api.common import InputSchema, Lookups, OrganisationOut, caller, choices, patch_data
from rahai.api.pagination import Pagination
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.services_directory.models import ServiceOffering, ServiceType
from rahai.support import selectors, services
from rahai.support.access import (
    access_plan,
    access_service,
    access_victim,
    journey_subject,
    plan_referrals,
)
from rahai.support.journey import build_journey
from rahai.support.models import (
    NEEDS,
    ChecklistItem,
    CheckState,
    ContactMethod,
    ServiceStatus,
    SupportPlan,
)

router = Router(tags=["support plans"])

NeedCode = Literal[tuple(str(code) for code in NEEDS)]  # type: ignore[valid-type]
ServiceCode = choices(ServiceType)
ServiceStatusCode = choices(ServiceStatus)
MethodCode = choices(ContactMethod)
ItemCode = choices(ChecklistItem)
StateCode = choices(CheckState)


# --- schemas -------------------------------------------------------------------------------


class PlanFilters(Schema):
    case: int | None = Field(None, description="Only the plans of this case.")
    status: Literal["open", "closed", "all"] = "open"
    overdue: bool = Field(False, description="Only open plans whose next follow-up is overdue.")


class PlanCreateIn(InputSchema):
    case: int
    person: int = Field(..., description="Id of a victim of the case.")
    needs: list[NeedCode] = Field(default_factory=list, max_length=len(NEEDS))
    goals: str = Field("", max_length=10000)
    risk_notes: str = Field("", max_length=10000, description="Never shown to receivers.")
    key_worker: int | None = Field(None, description="User id, of the case's organisation.")
    opened_on: date | None = Field(None, description="Defaults to today.")


class PlanPatchIn(InputSchema):
    needs: list[NeedCode] | None = Field(None, max_length=len(NEEDS))
    goals: str | None = Field(None, max_length=10000)
    risk_notes: str | None = Field(None, max_length=10000)
    key_worker: int | None = None
    opened_on: date | None = None


class PlannedServiceIn(InputSchema):
    service: ServiceCode
    provider: int = Field(..., description="Organisation id; a receiver may name only itself.")
    offering: int | None = Field(None, description="The provider's service directory entry.")
    referral: int | None = Field(None, description="The referral that arranged the service.")
    planned_start: date
    status: ServiceStatusCode = ServiceStatus.PLANNED.value
    started_on: date | None = None
    delivered_on: date | None = None
    outcome: str = Field("", max_length=10000)


class PlannedServicePatchIn(InputSchema):
    planned_start: date | None = None
    status: ServiceStatusCode | None = None
    started_on: date | None = None
    delivered_on: date | None = None
    outcome: str | None = Field(None, max_length=10000)


class DeliveryFromReferralIn(InputSchema):
    referral: int = Field(..., description="A completed referral of the plan's victim.")


class FollowUpContactIn(InputSchema):
    contacted_on: date | None = Field(None, description="Defaults to today.")
    method: MethodCode
    by: int | None = Field(None, description="User id of your organisation; defaults to you.")
    outcome: str = Field(..., max_length=10000)
    next_due: date | None = None


class ChecklistMarkIn(InputSchema):
    item: ItemCode
    state: StateCode
    reason: str = Field("", max_length=2000, description="Required when not applicable.")


class PlanCloseIn(InputSchema):
    note: str = Field("", max_length=2000)
    checklist: list[ChecklistMarkIn] = Field(
        default_factory=list,
        max_length=len(ChecklistItem.values),
        description="Items to settle in the same step; nothing is saved unless the plan closes.",
    )


class PlannedServiceOut(Schema):
    id: int
    service: str
    provider: OrganisationOut
    offering: int | None = Field(description="The provider's directory entry (id).")
    referral: str | None = Field(description="The arranging referral's reference.")
    planned_start: date
    status: str
    started_on: date | None
    delivered_on: date | None
    outcome: str

    @staticmethod
    def resolve_offering(obj) -> int | None:
        return obj.offering_id

    @staticmethod
    def resolve_referral(obj) -> str | None:
        return obj.referral.reference if obj.referral_id else None


class FollowUpContactOut(Schema):
    id: int
    contacted_on: date
    method: str
    by: str
    organisation: OrganisationOut
    outcome: str
    next_due: date | None

    @staticmethod
    def resolve_by(obj) -> str:
        return obj.by.get_username()


class ChecklistItemOut(Schema):
    item: str
    state: str
    reason: str
    marked_by: str | None
    marked_at: datetime | None

    @staticmethod
    def resolve_marked_by(obj) -> str | None:
        return obj.marked_by.get_username() if obj.marked_by_id else None


class PlanListOut(Schema):
    id: int
    case: int | None = Field(description="Only for those who may see the case.")
    person: int | None = Field(description="Only for those who may see the case.")
    status: str
    needs: list[str]
    opened_on: date
    key_worker: str | None = Field(description="Only for those who may see the case.")
    closed_at: datetime | None
    follow_up_due: date | None = Field(description="From the follow-ups you may see.")
    overdue: bool

    @staticmethod
    def resolve_case(obj: SupportPlan) -> int | None:
        return obj.case_id if obj.viewer_sees_case else None

    @staticmethod
    def resolve_person(obj: SupportPlan) -> int | None:
        return obj.person_id if obj.viewer_sees_case else None

    @staticmethod
    def resolve_key_worker(obj: SupportPlan) -> str | None:
        if not obj.viewer_sees_case or not obj.key_worker_id:
            return None  # a receiver sees no one of the other side by name
        return obj.key_worker.get_username()

    @staticmethod
    def resolve_overdue(obj: SupportPlan) -> bool:
        return obj.is_open and selectors.is_overdue(obj.follow_up_due)


class PlanOut(PlanListOut):
    goals: str
    risk_notes: str
    closure_note: str
    services: list[PlannedServiceOut]
    follow_ups: list[FollowUpContactOut]
    checklist: list[ChecklistItemOut]
    suggestions: list[str] = Field(
        description="Completed referrals (references) not yet recorded as a delivery."
    )
    actions: list[str] = Field(description="What you may do now.")

    @staticmethod
    def resolve_services(obj: SupportPlan) -> list:
        return obj.api_services

    @staticmethod
    def resolve_follow_ups(obj: SupportPlan) -> list:
        return obj.api_follow_ups

    @staticmethod
    def resolve_checklist(obj: SupportPlan) -> list:
        return obj.api_checklist


class JourneyItemOut(Schema):
    on: date
    at: datetime | None
    kind: str
    title: str
    detail: str
    who: str


# --- helpers -------------------------------------------------------------------------------


def _plan_out(request: HttpRequest, plan_id: int, *, audit: bool) -> SupportPlan:
    user = caller(request)
    plan = access_plan(user, plan_id)
    if audit:
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            object_type="support_plan",
            object_id=plan.pk,
            case_id=plan.case_id,
            person_id=plan.person_id,
            ip_address=client_ip(request),
        )
    page = selectors.plan_page(user, plan)
    plan.api_services = page.services
    plan.api_follow_ups = page.follow_ups
    plan.api_checklist = page.checklist
    plan.follow_up_due = page.follow_up_due
    plan.suggestions = [referral.reference for referral in page.suggestions]
    open_ = plan.is_open
    allowed = {
        "update": plan.viewer_can_edit and open_,
        "add_service": plan.viewer_can_work and open_,
        "record_follow_up": plan.viewer_can_work and open_,
        "mark_checklist": plan.viewer_can_edit and open_,
        "close": plan.viewer_can_edit and open_,
    }
    plan.actions = [name for name, ok in allowed.items() if ok]
    return plan


def _user(lookups: Lookups, field: str, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    found = User.objects.filter(pk=user_id, is_active=True).first()
    if found is None:
        lookups.errors.setdefault(field, []).append(gettext("Unknown user."))
    return found


# --- endpoints: plans ----------------------------------------------------------------------


@router.get("/plans", response=list[PlanListOut], summary="Support plans you may see")
@paginate(Pagination)
def list_plans(request: HttpRequest, filters: Query[PlanFilters]):
    return selectors.plans_overview(
        caller(request), status=filters.status, overdue=filters.overdue, case_id=filters.case
    )


@router.post("/plans", response={201: PlanOut}, summary="Open a support plan for a victim")
def create_plan(request: HttpRequest, payload: PlanCreateIn):
    user = caller(request)
    role = access_victim(user, payload.case, payload.person, write=True)
    lookups = Lookups()
    data = payload.model_dump(exclude={"case", "person"})
    data["key_worker"] = _user(lookups, "key_worker", payload.key_worker)
    lookups.check()
    plan = services.plan_create(user=user, case=role.case, person=role.person, data=data)
    return Status(201, _plan_out(request, plan.pk, audit=False))


@router.get("/plans/{int:plan_id}", response=PlanOut, summary="Read a support plan (audited)")
def get_plan(request: HttpRequest, plan_id: int):
    return _plan_out(request, plan_id, audit=True)


@router.patch("/plans/{int:plan_id}", response=PlanOut, summary="Change a plan's assessment")
def update_plan(request: HttpRequest, plan_id: int, payload: PlanPatchIn):
    user = caller(request)
    plan = access_plan(user, plan_id)
    data = patch_data(payload, blank_text=("goals", "risk_notes"), not_null=("needs",))
    if "key_worker" in data:
        lookups = Lookups()
        data["key_worker"] = _user(lookups, "key_worker", data["key_worker"])
        lookups.check()
    services.plan_update(user=user, plan=plan, data=data)
    return _plan_out(request, plan_id, audit=False)


@router.post("/plans/{int:plan_id}/close", response=PlanOut, summary="Close a plan")
def close_plan(request: HttpRequest, plan_id: int, payload: PlanCloseIn):
    user = caller(request)
    plan = access_plan(user, plan_id)
    services.plan_close(
        user=user,
        plan=plan,
        note=payload.note,
        checklist=[item.model_dump() for item in payload.checklist],
    )
    return _plan_out(request, plan_id, audit=False)


@router.post(
    "/plans/{int:plan_id}/checklist", response=ChecklistItemOut, summary="Mark a checklist item"
)
def mark_checklist(request: HttpRequest, plan_id: int, payload: ChecklistMarkIn):
    user = caller(request)
    plan = access_plan(user, plan_id)
    return services.checklist_mark(
        user=user, plan=plan, item=payload.item, state=payload.state, reason=payload.reason
    )


# --- endpoints: services and follow-ups ----------------------------------------------------


@router.post(
    "/plans/{int:plan_id}/services", response={201: PlannedServiceOut}, summary="Plan a service"
)
def add_service(request: HttpRequest, plan_id: int, payload: PlannedServiceIn):
    user = caller(request)
    plan = access_plan(user, plan_id)
    if not plan.viewer_can_work:
        raise PermissionDenied
    lookups = Lookups()
    data = payload.model_dump()
    data["provider"] = lookups.organisation("provider", payload.provider)
    data["offering"] = None
    if payload.offering is not None:
        data["offering"] = ServiceOffering.objects.filter(pk=payload.offering).first()
        if data["offering"] is None:
            lookups.errors["offering"] = [gettext("Unknown directory entry.")]
    data["referral"] = None
    if payload.referral is not None:
        data["referral"] = plan_referrals(user, plan).filter(pk=payload.referral).first()
        if data["referral"] is None:
            lookups.errors["referral"] = [gettext("Choose a referral of this victim.")]
    lookups.check()
    service = services.service_add(user=user, plan=plan, data=data)
    return Status(201, access_service(user, plan, service.pk))


@router.patch(
    "/plans/{int:plan_id}/services/{int:service_id}",
    response=PlannedServiceOut,
    summary="Record progress or delivery of a service",
)
def update_service(
    request: HttpRequest, plan_id: int, service_id: int, payload: PlannedServicePatchIn
):
    user = caller(request)
    plan = access_plan(user, plan_id)
    service = access_service(user, plan, service_id, write=True)
    data = patch_data(payload, blank_text=("outcome",), not_null=("status", "planned_start"))
    services.service_update(user=user, service=service, data=data)
    return access_service(user, plan, service_id)


@router.post(
    "/plans/{int:plan_id}/services/from-referral",
    response={201: PlannedServiceOut},
    summary="Record a completed referral's outcome as the service's delivery",
)
def service_from_referral(request: HttpRequest, plan_id: int, payload: DeliveryFromReferralIn):
    user = caller(request)
    plan = access_plan(user, plan_id)
    if not plan.viewer_can_edit:
        raise PermissionDenied
    referral = plan_referrals(user, plan).filter(pk=payload.referral).first()
    if referral is None:
        raise ValidationError({"referral": [gettext("Choose a referral of this victim.")]})
    service = services.planned_service_from_referral(user=user, plan=plan, referral=referral)
    return Status(201, access_service(user, plan, service.pk))


@router.post(
    "/plans/{int:plan_id}/follow-ups",
    response={201: FollowUpContactOut},
    summary="Record a follow-up",
)
def add_follow_up(request: HttpRequest, plan_id: int, payload: FollowUpContactIn):
    user = caller(request)
    plan = access_plan(user, plan_id)
    lookups = Lookups()
    data = payload.model_dump()
    data["by"] = _user(lookups, "by", payload.by)
    lookups.check()
    return Status(201, services.follow_up_record(user=user, plan=plan, data=data))


# --- the journey ---------------------------------------------------------------------------


@router.get(
    "/journeys/{int:case_id}/{int:person_id}",
    response=list[JourneyItemOut],
    summary="A victim's journey in a case, in date order (audited)",
)
def get_journey(request: HttpRequest, case_id: int, person_id: int):
    user = caller(request)
    subject = journey_subject(user, case_id, person_id)
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=subject.person_id,
        case_id=subject.case_id,
        person_id=subject.person_id,
        fields=["journey"],
        ip_address=client_ip(request),
    )
    return build_journey(user, subject).items
