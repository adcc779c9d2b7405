"""Alerting supervisors: a crisis contact reaches the on-duty supervisor at once.

Alerts are notifications (``rahai.notifications``) of kind ``hotline.crisis``, one per
supervisor and contact: the same header badge, list and email as every other notification.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from rahai.accounts.models import RoleCode, User
from rahai.hotline.choices import ContactClass
from rahai.hotline.models import Contact, DutyShift
from rahai.notifications.kinds import register
from rahai.notifications.models import Notification
from rahai.notifications.services import notify


def on_duty_supervisors(contact: Contact) -> list[User]:
    """Supervisors of the receiving hotline with a shift now; all its supervisors if none."""
    supervisors = User.objects.filter(is_active=True, roles__code=RoleCode.SUPERVISOR)
    if contact.organisation_id:
        supervisors = supervisors.filter(organisation_id=contact.organisation_id)
    now = timezone.now()
    on_duty = supervisors.filter(
        id__in=DutyShift.objects.filter(starts_at__lte=now, ends_at__gt=now).values("user_id")
    )
    chosen = list(on_duty.distinct()) or list(supervisors.distinct())
    return chosen


CRISIS = "hotline.crisis"
register(CRISIS, gettext_lazy("Crisis contact %(reference)s: open it now"))


def crisis_key(contact_id: int) -> str:
    return f"crisis:{contact_id}"


def alert_if_crisis(contact: Contact) -> list[Notification]:
    """Within the caller's transaction: in-app notifications now, emails once the report is
    committed (both name only the reference code: no narrative, no names, no numbers)."""
    if contact.contact_class != ContactClass.CRISIS:
        return []
    return notify(
        on_duty_supervisors(contact),
        kind=CRISIS,
        reference=contact.reference,
        link=reverse("hotline:contact_detail", args=[contact.pk]),
        key=crisis_key(contact.pk),
    )


def unread_alerts(user):
    """The user's unread hotline alerts (crisis contacts), newest first."""
    return Notification.objects.filter(user=user, kind=CRISIS, read_at__isnull=True)


def hotline_alerts(user):
    return Notification.objects.filter(user=user, kind=CRISIS)


def mark_contact_alerts_read(user, contact: Contact) -> int:
    return unread_alerts(user).filter(key=crisis_key(contact.pk)).update(read_at=timezone.now())
