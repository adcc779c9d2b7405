"""Hotline contacts: every report on every channel, its messages, attachments and triage."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.core.fields import EncryptedJSONField, EncryptedTextField
from rahai.core.languages import Language
from rahai.geo.models import Country, District
from rahai.hotline.choices import Answer, CallerType, Channel, ContactClass, Urgency
from rahai.orgs.models import Organisation


class ContactStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("Being handled")
    CLOSED = "closed", _("Closed")


class Contact(models.Model):
    """One report to the hotline; messages on the same thread (SMS, status page) attach to it."""

    reference = models.CharField(_("reference code"), max_length=16, unique=True)
    pin_digest = models.CharField(max_length=64, blank=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("hotline"),
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.URDU
    )
    caller_type = models.CharField(
        _("caller"), max_length=16, choices=CallerType.choices, default=CallerType.UNKNOWN
    )
    anonymous = models.BooleanField(_("anonymous"), default=True)
    # Personal data, encrypted.
    narrative = EncryptedTextField(_("what happened"), blank=True)
    reporter_name = EncryptedTextField(_("reporter's name"), blank=True)
    reporter_phone = EncryptedTextField(_("reporter's phone"), blank=True)
    reporter_email = EncryptedTextField(_("reporter's email"), blank=True)
    persons_mentioned = EncryptedJSONField(_("persons mentioned"), default=list, blank=True)
    # Where and when (not identifying on their own).
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("foreign country"),
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    when_text = models.CharField(_("when"), max_length=120, blank=True)
    persons_at_risk = models.PositiveIntegerField(_("persons at risk"), null=True, blank=True)
    children_involved = models.CharField(
        _("children involved"), max_length=8, choices=Answer.choices, default=Answer.UNKNOWN
    )
    immediate_danger = models.CharField(
        _("in danger right now"), max_length=8, choices=Answer.choices, default=Answer.UNKNOWN
    )
    screening = models.JSONField(_("screening indicators"), default=list, blank=True)
    # Triage: Rahai's suggestion, then the operator's confirmation.
    suggested_class = models.CharField(max_length=24, choices=ContactClass.choices, blank=True)
    suggested_urgency = models.PositiveSmallIntegerField(choices=Urgency.choices, null=True)
    suggested_case_types = models.JSONField(default=list, blank=True)
    suggested_indicators = models.JSONField(default=list, blank=True)
    contact_class = models.CharField(
        _("class"), max_length=24, choices=ContactClass.choices, blank=True, db_index=True
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), choices=Urgency.choices, default=Urgency.NORMAL
    )
    case_types = models.JSONField(_("likely case types"), default=list, blank=True)
    indicators = models.JSONField(_("indicators present"), default=list, blank=True)
    triage_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triage_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Handling.
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ContactStatus.choices,
        default=ContactStatus.NEW,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_contacts",
        verbose_name=_("assigned to"),
    )
    sla_due_at = models.DateTimeField(_("respond by"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("case"),
    )
    # Threading of SMS/WhatsApp conversations: a keyed digest of the sender, never the number.
    sender_digest = models.CharField(max_length=40, blank=True, db_index=True)
    # The web form's one-time key: a form sent again (its answer lost, Send pressed twice) finds
    # the report it already made instead of making a second one.
    submission_key = models.CharField(max_length=40, null=True, blank=True, unique=True)
    last_message_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["urgency", "received_at"]
        verbose_name = _("hotline contact")
        verbose_name_plural = _("hotline contacts")
        indexes = [
            models.Index(fields=["status", "urgency", "received_at"]),
            models.Index(fields=["channel", "sender_digest", "last_message_at"]),
        ]

    def __str__(self) -> str:
        return self.reference


class MessageDirection(models.TextChoices):
    IN = "in", _("Received")
    OUT = "out", _("Sent")


class ContactMessage(models.Model):
    """One message on a contact's thread; ``external_id`` (e.g. Twilio's MessageSid) is unique,
    so a provider's retried delivery never makes a second message or contact."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=3, choices=MessageDirection.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    external_id = models.CharField(max_length=200, null=True, blank=True, unique=True)
    body = EncryptedTextField(blank=True)
    media = EncryptedJSONField(default=list, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class Attachment(models.Model):
    """A photo or document sent with a report, encrypted in the database."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="attachments")
    filename = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = EncryptedTextField(help_text="base64 of the file, encrypted")
    uploaded_at = models.DateTimeField(auto_now_add=True)


class DutyShift(models.Model):
    """Who supervises the hotline when: crisis alerts go to the supervisors on duty."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="duty_shifts",
        verbose_name=_("supervisor"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
