"""Reading support plans for pages and the API; always narrowing the access layer's querysets,
never widening them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import DateField, OuterRef, Subquery
from django.utils import timezone

from rahai.referrals.models import Referral, ReferralStatus
from rahai.support.access import (
    can_edit_plan,
    plan_checklist,
    plan_follow_ups,
    plan_referrals,
    plan_services,
    visible_follow_ups,
    visible_plans,
)
from rahai.support.models import FollowUp, PlanStatus, ServiceStatus, SupportPlan


def next_follow_up_due(follow_ups: list[FollowUp]) -> date | None:
    """When the next contact is due: what the latest follow-up set (None without one)."""
    latest = max(follow_ups, key=lambda f: (f.contacted_on, f.pk), default=None)
    return latest.next_due if latest is not None else None


def is_overdue(due: date | None, *, today: date | None = None) -> bool:
    return due is not None and due < (today or timezone.localdate())


def plans_overview(user, *, status: str = PlanStatus.OPEN, overdue: bool = False, case_id=None):
    """Plans the user may see, with ``follow_up_due`` (from the follow-ups the user may see)
    and the overdue ones first."""
    latest = (
        visible_follow_ups(user)
        .filter(plan_id=OuterRef("pk"))
        .order_by("-contacted_on", "-id")
        .values("next_due")[:1]
    )
    plans = visible_plans(user).annotate(follow_up_due=Subquery(latest, output_field=DateField()))
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    if case_id is not None:
        plans = plans.filter(case_id=case_id)
    if overdue:
        plans = plans.filter(follow_up_due__lt=timezone.localdate(), status=PlanStatus.OPEN)
    return plans.select_related("key_worker").order_by("follow_up_due", "-opened_on", "-id")


@dataclass
class PlanPage:
    services: list
    follow_ups: list
    checklist: list
    follow_up_due: date | None
    overdue: bool
    suggestions: list[Referral]
    referrals: list[Referral]


def delivery_suggestions(user, plan: SupportPlan, services: list) -> list[Referral]:
    """Completed referrals of the victim whose outcome is not yet recorded as a delivery: the
    plan page offers to record each (``planned_service_from_referral``)."""
    if not plan.is_open or not can_edit_plan(user, plan):
        return []
    delivered = {
        s.referral_id for s in services if s.referral_id and s.status == ServiceStatus.DELIVERED
    }
    completed = plan_referrals(user, plan).filter(status=ReferralStatus.COMPLETED)
    return [
        referral
        for referral in completed.select_related("to_organisation").order_by("closed_at", "id")
        if referral.pk not in delivered
    ]


def plan_page(user, plan: SupportPlan) -> PlanPage:
    services = list(plan_services(user, plan))
    follow_ups = list(plan_follow_ups(user, plan))
    due = next_follow_up_due(follow_ups) if plan.is_open else None
    return PlanPage(
        services=services,
        follow_ups=follow_ups,
        checklist=list(plan_checklist(user, plan)),
        follow_up_due=due,
        overdue=is_overdue(due),
        suggestions=delivery_suggestions(user, plan, services),
        # For the owner's staff only (the service form's choices); a receiver's are redacted
        # on the plan itself (``plan.viewer_referrals``).
        referrals=list(plan_referrals(user, plan).select_related("to_organisation"))
        if getattr(plan, "viewer_can_edit", False)
        else [],
    )
