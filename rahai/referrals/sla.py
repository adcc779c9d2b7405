"""SLA clocks: referrals waiting too long for an answer, and services past their due date.

``check_sla`` is idempotent: each breach is claimed with a conditional UPDATE (the
healthchecks ``sendalerts`` idea), so running it every few minutes from cron, or twice at
once, alerts once per overdue referral. The claim is reset when the clock restarts
(information given, reassigned).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.referrals import notify
from rahai.referrals.access import system_referrals
from rahai.referrals.models import SHARING, ReferralAction, ReferralStatus


@dataclass
class SlaResult:
    overdue_answers: int = 0
    overdue_services: int = 0

    @property
    def total(self) -> int:
        return self.overdue_answers + self.overdue_services


def _referrals():
    return system_referrals(purpose="SLA check: overdue referrals")


def _alert(referral, kind: str, action: str, recipients) -> None:
    referral.events.create(action=action, receiver_id=referral.to_organisation_id)
    notify.tell(
        recipients, kind, referral, key=f"{kind}:{referral.pk}:{int(referral.sent_at.timestamp())}"
    )


def check_sla(*, now=None) -> SlaResult:
    now = now or timezone.now()
    result = SlaResult()
    waiting = _referrals().filter(
        status=ReferralStatus.SENT, respond_by__lt=now, response_alerted_at__isnull=True
    )
    for referral in waiting.select_related("created_by").iterator():
        with transaction.atomic():
            claimed = (
                _referrals()
                .filter(pk=referral.pk, response_alerted_at__isnull=True)
                .update(response_alerted_at=now)
            )
            if not claimed:
                continue
            receivers = list(notify.organisation_supervisors(referral.to_organisation_id)) or list(
                notify.organisation_staff(referral.to_organisation_id)
            )
            _alert(
                referral,
                "referral.overdue_response",
                ReferralAction.SLA_RESPONSE,
                [*receivers, referral.created_by],
            )
            result.overdue_answers += 1
    late = _referrals().filter(
        status__in=SHARING, due_on__lt=timezone.localdate(now), due_alerted_at__isnull=True
    )
    for referral in late.select_related("created_by", "accepted_by").iterator():
        with transaction.atomic():
            claimed = (
                _referrals()
                .filter(pk=referral.pk, due_alerted_at__isnull=True)
                .update(due_alerted_at=now)
            )
            if not claimed:
                continue
            _alert(
                referral,
                "referral.overdue_service",
                ReferralAction.SLA_DUE,
                [
                    referral.accepted_by,
                    *notify.organisation_supervisors(referral.to_organisation_id),
                    referral.created_by,
                ],
            )
            result.overdue_services += 1
    if result.total:
        audit_record(
            action=AuditAction.SYSTEM,
            object_type="referral",
            actor_label="referrals_check_sla",
            details={
                "overdue_answers": result.overdue_answers,
                "overdue_services": result.overdue_services,
            },
        )
    return result
