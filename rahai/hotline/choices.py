"""The hotline's vocabularies: channels, caller types, contact classes (Polaris practice), urgency."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")


class CallerType(models.TextChoices):
    VICTIM = "victim", _("Victim")
    FAMILY = "family", _("Family member")
    PUBLIC = "public", _("Member of the public")
    PROFESSIONAL = "professional", _("Professional")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class ContactClass(models.TextChoices):
    CRISIS = "crisis", _("Crisis (immediate danger)")
    TIP = "tip", _("Tip")
    REFERRAL_REQUEST = "referral_request", _("Referral request")
    INFORMATION_REQUEST = "information_request", _("Information request")
    HIGH_RISK = "high_risk", _("High-risk")
    NON_SUBSTANTIVE = "non_substantive", _("Non-substantive")


# Classes that never enter the case database (they stay countable for statistics).
NON_CASE_CLASSES = frozenset({ContactClass.INFORMATION_REQUEST, ContactClass.NON_SUBSTANTIVE})


class Urgency(models.IntegerChoices):
    """Lower is more urgent; the queue sorts by it."""

    CRITICAL = 1, _("Critical")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")
    LOW = 4, _("Low")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")
