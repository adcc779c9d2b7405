"""In-app notifications: a text key, a reference and a link; never any personal data."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # What happened, as a key into ``rahai.notifications.kinds`` (translated when shown).
    kind = models.CharField(max_length=48)
    # A reference code such as RF-2026-000012: never a name, a number or a narrative.
    reference = models.CharField(max_length=40, blank=True)
    link = models.CharField(max_length=200, blank=True)
    # Makes a notification idempotent: one per user and key (blank: no de-duplication).
    key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="unique_notification_key"
            )
        ]

    @property
    def text(self) -> str:
        from rahai.notifications.kinds import message

        return message(self.kind, self.reference)
