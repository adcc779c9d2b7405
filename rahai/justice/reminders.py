"""The day-before reminder of a court date: to the case staff of the case's organisation and to
the prosecutors of a prosecution office the case is shared with — only those who may see the
case. Run with the referrals' SLA check (``rahai referrals_check_sla``, from cron).

A reminder carries the case reference and a link, never a name. Each is keyed by hearing and
date, so running the sweep again (or twice at once) reminds once; a date the court moves is
reminded again.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.accounts.models import RoleCode, User
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.cases.access import EDIT_ROLES, visible_cases
from rahai.justice.access import latest_of_their_case, system_hearings
from rahai.notifications.kinds import register
from rahai.notifications.services import notify
from rahai.orgs.models import OrganisationKind

KIND = "justice.hearing_tomorrow"
register(KIND, _("A court hearing in case %(reference)s is tomorrow"))


def _hearings():
    return system_hearings(purpose="reminders: court dates tomorrow")


def _recipients(case) -> list[User]:
    shared_with = case.shares.filter(
        revoked_at__isnull=True, organisation__kind=OrganisationKind.PROSECUTION
    ).values("organisation_id")
    staff = User.objects.filter(
        is_active=True, organisation_id=case.owner_id, roles__code__in=EDIT_ROLES
    )
    prosecutors = User.objects.filter(
        is_active=True, organisation_id__in=shared_with, roles__code=RoleCode.PROSECUTOR
    )
    users = {user.pk: user for user in [*staff, *prosecutors]}
    # A restricted case stays with its team: only those who may see it hear of it.
    return [user for user in users.values() if visible_cases(user).filter(pk=case.pk).exists()]


def remind_hearings(*, today: date | None = None) -> int:
    """Remind of tomorrow's court dates (the date each case's latest hearing fixed); return how
    many hearings were reminded of."""
    tomorrow = (today or timezone.localdate()) + timedelta(days=1)
    due = latest_of_their_case(_hearings().filter(next_on=tomorrow)).select_related("case")
    reminded = 0
    for hearing in due:
        case = hearing.case
        sent = notify(
            _recipients(case),
            kind=KIND,
            reference=case.reference,
            link=reverse("cases:detail", args=[case.pk]) + "#court",
            key=f"{KIND}:{hearing.pk}:{tomorrow.isoformat()}",
        )
        reminded += bool(sent)
    if reminded:
        audit_record(
            action=AuditAction.SYSTEM,
            object_type="hearing",
            actor_label="justice_remind_hearings",
            details={"hearings_reminded": reminded},
        )
    return reminded
