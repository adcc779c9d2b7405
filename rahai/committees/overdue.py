"""The overdue sweep: one alert per action item past its due date, to the assigned
organisation's staff and the committee's secretariat.

Run with the referrals' SLA check (``rahai referrals_check_sla``, from cron). Like it, each
alert is claimed with a conditional UPDATE, so running twice (or twice at once) alerts once;
the claim is reset when the due date or the owner changes or a closed item is reopened.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.committees import notify
from rahai.committees.access import system_actions
from rahai.committees.models import OPEN_ACTIONS


def _actions():
    return system_actions(purpose="overdue sweep: committee action items past their due date")


def check_overdue_actions(*, now=None) -> int:
    """Alert about newly overdue action items; return how many."""
    today = timezone.localdate(now or timezone.now())
    late = _actions().filter(
        status__in=OPEN_ACTIONS, due_on__lt=today, overdue_alerted_on__isnull=True
    )
    alerted = 0
    for action in late.select_related("committee").iterator():
        with transaction.atomic():
            claimed = (
                _actions()
                .filter(pk=action.pk, overdue_alerted_on__isnull=True)
                .update(overdue_alerted_on=today)
            )
            if not claimed:
                continue
            notify.tell_action(
                [
                    *notify.assignee_staff(action.organisation_id),
                    *notify.secretariat_staff(action.committee),
                ],
                "committee.action_overdue",
                action,
                key=f"committee.action_overdue:{action.pk}:{action.due_on.isoformat()}",
            )
            alerted += 1
    if alerted:
        audit_record(
            action=AuditAction.SYSTEM,
            object_type="committee_action",
            actor_label="committees_check_overdue",
            details={"overdue_actions": alerted},
        )
    return alerted
