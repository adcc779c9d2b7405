"""Notifying staff: an in-app notification now, an email once the transaction commits.

Emails carry only the reference and a link (console backend by default, SMTP by setting
``RAHAI_EMAIL_BACKEND``): no names, no numbers, no narratives.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from rahai.notifications.kinds import message
from rahai.notifications.models import Notification


def notify(
    users: Iterable, *, kind: str, reference: str = "", link: str = "", key: str = ""
) -> list[Notification]:
    """One notification per user (skipping users who already have one with this ``key``),
    and an email to each of them with an address after commit."""
    created = []
    for user in {user.pk: user for user in users if user is not None and user.is_active}.values():
        if key and Notification.objects.filter(user=user, key=key).exists():
            continue
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        user=user, kind=kind, reference=reference, link=link, key=key
                    )
                )
        except IntegrityError:  # a concurrent run made the same one
            continue
    recipients = [(n.user.email, n.user.preferred_language) for n in created if n.user.email]
    if recipients:
        transaction.on_commit(lambda: _send_emails(kind, reference, link, recipients))
    return created


def _send_emails(kind: str, reference: str, link: str, recipients: list[tuple[str, str]]) -> None:
    base = getattr(settings, "RAHAI_PUBLIC_URL", "").rstrip("/")
    for email, language in recipients:
        with override(language or "en"):
            subject = message(kind, reference)
            body = _("%(message)s\n\nOpen it in Rahai: %(url)s") % {
                "message": subject,
                "url": f"{base}{link}",
            }
        send_mail(
            _("Rahai: %(subject)s") % {"subject": subject}, body, None, [email], fail_silently=True
        )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, notification_ids=None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
