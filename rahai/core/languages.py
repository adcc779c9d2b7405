"""Languages spoken by victims, callers and service providers in Pakistan (ISO 639 codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    URDU = "ur", _("Urdu")
    ENGLISH = "en", _("English")
    PUNJABI = "pa", _("Punjabi")
    SARAIKI = "skr", _("Saraiki")
    SINDHI = "sd", _("Sindhi")
    PASHTO = "ps", _("Pashto")
    BALOCHI = "bal", _("Balochi")
    BRAHUI = "brh", _("Brahui")
    HINDKO = "hno", _("Hindko")
    KASHMIRI = "ks", _("Kashmiri")
    SHINA = "scl", _("Shina")
    PERSIAN = "fa", _("Persian / Dari")
    ARABIC = "ar", _("Arabic")
    BENGALI = "bn", _("Bengali")
    OTHER = "other", _("Other")


def language_labels(codes) -> list[str]:
    labels = dict(Language.choices)
    return [str(labels.get(code, code)) for code in codes or []]
