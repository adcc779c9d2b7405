"""Alerting supervisors: a crisis contact reaches the on-duty supervisor at once."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from rahai.accounts.models import RoleCode, User
from rahai.hotline.choices import ContactClass
from rahai.hotline.models import Alert, Contact, DutyShift


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


def alert_if_crisis(contact: Contact) -> list[Alert]:
    """Within the caller's transaction: in-app alerts now, emails once the report is committed."""
    if contact.contact_class != ContactClass.CRISIS:
        return []
    if Alert.objects.filter(contact=contact, kind="crisis").exists():
        return []
    alerts = [
        Alert.objects.create(user=user, contact=contact, kind="crisis")
        for user in on_duty_supervisors(contact)
    ]
    recipients = [
        (alert.user.email, alert.user.preferred_language) for alert in alerts if alert.user.email
    ]
    reference = contact.reference
    transaction.on_commit(lambda: _send_crisis_emails(reference, recipients))
    return alerts


def _send_crisis_emails(reference: str, recipients: list[tuple[str, str]]) -> None:
    """The email names only the reference code: no narrative, no names, no numbers."""
    base = getattr(settings, "RAHAI_PUBLIC_URL", "").rstrip("/")
    for email, language in recipients:
        with override(language or "en"):
            subject = _("Crisis contact %(reference)s") % {"reference": reference}
            body = _(
                "A crisis contact (%(reference)s) has reached the hotline. Open the triage queue "
                "in Rahai now: %(url)s"
            ) % {"reference": reference, "url": f"{base}/hotline/"}
        send_mail(subject, body, None, [email], fail_silently=True)


def unread_alerts(user):
    return Alert.objects.filter(Q(user=user) & Q(read_at__isnull=True)).select_related("contact")
