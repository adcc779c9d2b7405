"""Reading referrals and transfers for lists and the home page; always narrowing the access
layer's querysets, never widening them. Lists show no names, for either side."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.cases.access import visible_cases
from rahai.referrals.access import (
    received_referrals,
    sent_referrals,
    visible_referrals,
    visible_transfers,
)
from rahai.referrals.models import (
    AWAITING_ANSWER,
    SHARING,
    CaseTransfer,
    Referral,
    ReferralStatus,
    TransferStatus,
)

BOXES = ("in", "out")


def overdue_q(now=None) -> Q:
    now = now or timezone.now()
    return Q(status=ReferralStatus.SENT, respond_by__lt=now) | Q(
        status__in=SHARING, due_on__lt=timezone.localdate(now)
    )


def referral_box(user, box: str, *, status: str = "", overdue: bool = False) -> QuerySet[Referral]:
    referrals = received_referrals(user) if box == "in" else sent_referrals(user)
    if status == "open":
        referrals = referrals.filter(status__in=AWAITING_ANSWER | SHARING)
    elif status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    if overdue:
        referrals = referrals.filter(overdue_q())
    return referrals.select_related("to_organisation", "from_organisation", "district").order_by(
        "-sent_at", "-id"
    )


def is_overdue(referral: Referral, now=None) -> bool:
    now = now or timezone.now()
    if referral.status == ReferralStatus.SENT and referral.respond_by < now:
        return True
    return bool(
        referral.status in SHARING and referral.due_on and referral.due_on < timezone.localdate(now)
    )


def onward_from(user, referral: Referral) -> QuerySet[Referral]:
    """The referrals passed on from this one that the user may see."""
    return visible_referrals(user).filter(parent_id=referral.pk).order_by("sent_at", "id")


def case_referrals(case) -> QuerySet[Referral]:
    """Referrals of a case (``case`` came from ``access_case``, so its staff see them all)."""
    return case.referrals.select_related("to_organisation").order_by("-sent_at", "-id")


def case_transfers(case) -> QuerySet[CaseTransfer]:
    return case.transfers.select_related("from_organisation", "to_organisation").order_by(
        "-requested_at", "-id"
    )


def transfer_box(user, box: str) -> QuerySet[CaseTransfer]:
    transfers = visible_transfers(user).select_related("from_organisation", "to_organisation")
    if box == "in":
        return transfers.filter(to_organisation_id=user.organisation_id)
    return transfers.filter(from_organisation_id=user.organisation_id)


def home_referrals(user) -> dict:
    """What the home page shows: referrals to answer, overdue ones, overrides to review."""
    if not user.works_cases:
        return {}
    incoming = received_referrals(user).select_related("district")
    overdue = (
        visible_referrals(user)
        .filter(overdue_q())
        .filter(Q(to_organisation_id=user.organisation_id) | Q(case__owner_id=user.organisation_id))
        if not user.has_role(RoleCode.SUPERVISOR)
        else visible_referrals(user).filter(overdue_q())
    )
    context = {
        "referrals_to_answer": incoming.filter(status=ReferralStatus.SENT).order_by("respond_by")[
            :10
        ],
        "referrals_overdue": overdue.select_related("to_organisation").order_by("respond_by")[:10],
        "transfers_to_decide": visible_transfers(user)
        .filter(to_organisation_id=user.organisation_id, status=TransferStatus.REQUESTED)
        .select_related("from_organisation")[:10],
    }
    if user.has_role(RoleCode.SUPERVISOR):
        context["overrides_to_review"] = (
            visible_referrals(user)
            .filter(case_id__in=visible_cases(user).values("id"))
            .filter(consent_overridden=True, override_reviewed_at__isnull=True)
            .exclude(override_by=user)
            .select_related("to_organisation")[:10]
        )
    return context
