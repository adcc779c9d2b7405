"""The one place that decides who may read and write support plans, and what of them.

- The case's viewers (``rahai.cases.access.visible_cases``) read its victims' plans; the staff
  who may change the case (its owner's case staff) change them.
- An organisation with an accepted referral of the victim that is sharing now
  (``rahai.referrals.access.sharing_active``: accepted or in progress, and consent or a standing
  override covers it) reads the plan as a *receiver*: its status, needs and dates, and only the
  services it provides and the follow-ups it made — never the goals, the risks, the closure
  note, the checklist, other providers' services or other organisations' follow-ups. Its case
  staff record delivery of its own services and its own follow-ups. The sharing ends when the
  referral is completed or revoked, or consent is withdrawn: then the plan is a 404 again.
- Everyone else (outsiders, analysts, auditors) gets 404.

Plans handed to a receiver are redacted like referrals: their encrypted texts are blanked,
``plan.case`` raises and ``plan.person`` is None; services write through ``lock_plan``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404

from rahai.cases.access import EDIT_ROLES, access_case, can_edit_case, visible_cases
from rahai.cases.models import Case, CaseRole, RoleKind
from rahai.people.models import Person
from rahai.referrals.access import (
    SharedPerson,
    access_referral,
    received_referrals,
    referral_scope,
    sharing_active,
    visible_referrals,
)
from rahai.referrals.models import SHARING, Referral
from rahai.support.models import (
    UNRESOLVED,
    ClosureCheck,
    FollowUp,
    PlannedService,
    PlanStatus,
    SupportPlan,
)

REDACTED_TEXTS = ("goals", "risk_notes", "closure_note")


# --- who is a receiver ---------------------------------------------------------------------


def _sharing_now(user, case_id, person_id) -> list[Referral]:
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return []
    candidates = received_referrals(user).filter(
        case_id=case_id, person_id=person_id, status__in=SHARING
    )
    return [r for r in candidates.order_by("accepted_at", "id") if sharing_active(r)]


def sharing_referrals(user, case_id, person_id) -> list[Referral]:
    """The referrals of this victim to the user's organisation that share data right now, as
    ``access_referral`` hands them out (redacted unless the user sees the case)."""
    return [access_referral(user, r.pk) for r in _sharing_now(user, case_id, person_id)]


def _receiver_pairs(user) -> set[tuple[int, int]]:
    """(case, victim) of the referrals to the user's organisation that share now and whose
    victim has a plan (the consent check runs only for those)."""
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return set()
    with_plan = SupportPlan.objects.filter(
        case_id=OuterRef("case_id"), person_id=OuterRef("person_id")
    )
    candidates = received_referrals(user).filter(
        Exists(with_plan), status__in=SHARING, person_id__isnull=False
    )
    return {(r.case_id, r.person_id) for r in candidates if sharing_active(r)}


# --- plans ---------------------------------------------------------------------------------


def visible_plans(user) -> QuerySet[SupportPlan]:
    """Plans of victims in cases the user may see, and of victims referred to the user's
    organisation by a referral that shares data now. Annotated with ``viewer_sees_case``."""
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return SupportPlan.objects.none()
    cases = visible_cases(user)
    scope = Q(case_id__in=cases.values("id"))
    for case_id, person_id in _receiver_pairs(user):
        scope |= Q(case_id=case_id, person_id=person_id)
    return SupportPlan.objects.filter(scope).annotate(
        viewer_sees_case=Exists(cases.filter(pk=OuterRef("case_id")))
    )


def access_plan(user, plan_id) -> SupportPlan:
    """The plan (404 otherwise), redacted for a receiver who does not see the case. Carries
    ``viewer_sees_case``, ``viewer_can_edit``, ``viewer_can_work`` and ``viewer_referrals``."""
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        raise Http404
    try:
        plan = SupportPlan.objects.select_related("key_worker", "created_by", "closed_by").get(
            pk=int(plan_id)
        )
    except (SupportPlan.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    plan.viewer_sees_case = visible_cases(user).filter(pk=plan.case_id).exists()
    receiving = sharing_referrals(user, plan.case_id, plan.person_id)
    if not plan.viewer_sees_case:
        if not receiving:  # never referred, not yet accepted, ended, or consent withdrawn
            raise Http404
        _redact(plan)
    plan.viewer_referrals = receiving
    plan.viewer_can_edit = plan.viewer_sees_case and can_edit_case(user, _case_of(plan))
    plan.viewer_can_work = plan.viewer_can_edit or (bool(receiving) and user.has_role(*EDIT_ROLES))
    return plan


def _redact(plan: SupportPlan) -> None:
    for name in REDACTED_TEXTS:
        setattr(plan, name, "")
    SupportPlan.case.field.set_cached_value(plan, None)  # plan.case now raises
    SupportPlan.person.field.set_cached_value(plan, None)  # plan.person is None
    plan._redacted = True


def _case_of(plan: SupportPlan) -> Case:
    if getattr(plan, "_redacted", False):
        return Case.objects.select_related("owner").get(pk=plan.case_id)
    return plan.case


def can_open_plan(user, case: Case) -> bool:
    """Open a plan for a victim of the case: the staff who may change the case."""
    return bool(user.works_cases) and can_edit_case(user, case)


def can_edit_plan(user, plan: SupportPlan) -> bool:
    """Change the plan, any of its services, the checklist; close it: the case's owner staff."""
    return bool(user.works_cases) and can_edit_case(user, _case_of(plan))


def is_plan_receiver(user, plan: SupportPlan) -> bool:
    return bool(_sharing_now(user, plan.case_id, plan.person_id))


def can_work_on_plan(user, plan: SupportPlan) -> bool:
    """Add services and follow-ups: the owner's staff, or a receiver's case staff (for itself)."""
    if can_edit_plan(user, plan):
        return True
    return user.has_role(*EDIT_ROLES) and is_plan_receiver(user, plan)


def can_record_delivery(user, service: PlannedService) -> bool:
    """Change a planned service: the owner's staff, or the provider's staff while it receives."""
    plan = service.plan
    if can_edit_plan(user, plan):
        return True
    return (
        service.provider_id == user.organisation_id
        and user.has_role(*EDIT_ROLES)
        and is_plan_receiver(user, plan)
    )


def lock_plan(plan: SupportPlan) -> SupportPlan:
    """A fresh, unredacted copy locked for a change (services only, after their checks)."""
    return SupportPlan.objects.select_for_update().select_related("case").get(pk=plan.pk)


def lock_service(service: PlannedService) -> PlannedService:
    return PlannedService.objects.select_for_update().get(pk=service.pk)


def checklist_for_update(plan: SupportPlan) -> dict[str, ClosureCheck]:
    """The plan's checklist rows by item, locked (``plan`` came from ``lock_plan``)."""
    rows = ClosureCheck.objects.select_for_update().filter(plan_id=plan.pk).order_by("id")
    return {row.item: row for row in rows}


def unresolved_services(plan: SupportPlan) -> QuerySet[PlannedService]:
    """Services still planned or in progress (for the closure checks; all providers)."""
    return (
        PlannedService.objects.filter(plan_id=plan.pk, status__in=UNRESOLVED)
        .select_related("provider")
        .order_by("planned_start", "id")
    )


def services_of_referral(plan: SupportPlan, referral: Referral) -> QuerySet[PlannedService]:
    return PlannedService.objects.filter(plan_id=plan.pk, referral_id=referral.pk).order_by("id")


def open_plan_of(case: Case, person: Person) -> SupportPlan | None:
    """The victim's open plan in the case (``case`` came from the case access layer)."""
    return SupportPlan.objects.filter(
        case_id=case.pk, person_id=person.pk, status=PlanStatus.OPEN
    ).first()


def plan_person(user, plan: SupportPlan) -> Person | None:
    """For the case's own viewers (services checking consent): the victim."""
    if not visible_cases(user).filter(pk=plan.case_id).exists():
        return None
    return Person.objects.filter(pk=plan.person_id).first()


def system_plans(*, purpose: str) -> QuerySet[SupportPlan]:
    """All plans, for system jobs (the demo loader, statistics); the caller says why."""
    assert purpose, "a system job must say why it reads every support plan"
    return SupportPlan.objects.all().annotate(
        viewer_sees_case=Value(True, output_field=BooleanField())
    )


# --- the parts of a plan -------------------------------------------------------------------


def _sees_all(user, plan: SupportPlan) -> bool:
    """Whether the viewer sees the plan whole (sees its case) or as a receiver."""
    sees = getattr(plan, "viewer_sees_case", None)
    if sees is None:  # a plan that did not come from ``access_plan`` (e.g. just created)
        sees = visible_cases(user).filter(pk=plan.case_id).exists()
    return bool(sees)


def plan_services(user, plan: SupportPlan) -> QuerySet[PlannedService]:
    """The plan's services this viewer may see (``plan`` came from ``access_plan``)."""
    services = PlannedService.objects.filter(plan_id=plan.pk).select_related(
        "provider", "offering", "referral"
    )
    if not _sees_all(user, plan):
        services = services.filter(provider_id=user.organisation_id)
    return services.order_by("planned_start", "id")


def plan_follow_ups(user, plan: SupportPlan) -> QuerySet[FollowUp]:
    follow_ups = FollowUp.objects.filter(plan_id=plan.pk).select_related("by", "organisation")
    if not _sees_all(user, plan):
        follow_ups = follow_ups.filter(organisation_id=user.organisation_id)
    return follow_ups.order_by("-contacted_on", "-id")


def visible_follow_ups(user) -> QuerySet[FollowUp]:
    """Follow-ups this user may see: all of the plans of cases it sees, and its own
    organisation's on plans it receives."""
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return FollowUp.objects.none()
    return FollowUp.objects.filter(plan_id__in=visible_plans(user).values("id")).filter(
        Q(plan__case_id__in=visible_cases(user).values("id"))
        | Q(organisation_id=user.organisation_id)
    )


def plan_checklist(user, plan: SupportPlan) -> QuerySet[ClosureCheck]:
    if not _sees_all(user, plan):
        return ClosureCheck.objects.none()
    return ClosureCheck.objects.filter(plan_id=plan.pk).select_related("marked_by").order_by("id")


def access_service(user, plan: SupportPlan, service_id, *, write: bool = False) -> PlannedService:
    """One of the plan's services this viewer may see; ``write`` checks it may change it."""
    service = plan_services(user, plan).filter(pk=_int(service_id)).first()
    if service is None:
        raise Http404
    service.plan = plan
    if write and not can_record_delivery(user, service):
        raise PermissionDenied
    return service


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def plan_referrals(user, plan: SupportPlan) -> QuerySet[Referral]:
    """Referrals of the plan's victim this viewer may link services to: for the case's viewers
    all of them; for a receiver only those that give it the plan now."""
    if _sees_all(user, plan):
        return visible_referrals(user).filter(case_id=plan.case_id, person_id=plan.person_id)
    ids = [referral.pk for referral in _sharing_now(user, plan.case_id, plan.person_id)]
    return visible_referrals(user).filter(pk__in=ids)


# --- victims of a case ---------------------------------------------------------------------


def case_victims(case: Case) -> QuerySet[CaseRole]:
    """The victims of a case (``case`` came from ``access_case`` or ``editable_cases``)."""
    return (
        CaseRole.objects.filter(case_id=case.pk, role=RoleKind.VICTIM)
        .select_related("person")
        .order_by("id")
    )


def access_victim(user, case_id, person_id, *, write: bool = False) -> CaseRole:
    """A victim's role in a case the user may see (change, with ``write``); otherwise 404/403."""
    case = access_case(user, case_id, write=write)
    role = case_victims(case).filter(person_id=_int(person_id)).first()
    if role is None:
        raise Http404
    role.case = case
    return role


def victim_plans(user, case: Case, person: Person) -> QuerySet[SupportPlan]:
    return (
        visible_plans(user)
        .filter(case_id=case.pk, person_id=person.pk)
        .select_related("key_worker")
        .order_by("-opened_on", "-id")
    )


@dataclass
class JourneySubject:
    """Whose journey a page shows and what the viewer may know of it."""

    case_id: int
    person_id: int
    sees_case: bool
    case: Case | None = None
    role: CaseRole | None = None
    person: Person | None = None
    shared: SharedPerson | None = None  # a receiver: the victim as its referral shares them
    case_reference: str = ""
    referrals: list[Referral] = field(default_factory=list)  # a receiver: its sharing referrals


def journey_subject(user, case_id, person_id) -> JourneySubject:
    """The victim's journey for a case viewer; for a receiver, through its sharing referrals;
    404 for anyone else (and for anyone who is not a victim of the case)."""
    case_id, person_id = _int(case_id), _int(person_id)
    if visible_cases(user).filter(pk=case_id).exists():
        role = access_victim(user, case_id, person_id)
        return JourneySubject(
            case_id=case_id,
            person_id=person_id,
            sees_case=True,
            case=role.case,
            role=role,
            person=role.person,
            case_reference=role.case.reference,
        )
    referrals = sharing_referrals(user, case_id, person_id)
    if not referrals:
        raise Http404
    scopes = [referral_scope(user, referral) for referral in referrals]
    return JourneySubject(
        case_id=case_id,
        person_id=person_id,
        sees_case=False,
        shared=next((scope.person for scope in scopes if scope.person), None),
        case_reference=scopes[0].case_reference,
        referrals=referrals,
    )
