"""The one list of languages in Rahai (ISO 639 codes): those spoken by victims, callers and
service providers in Pakistan, and the languages of people trafficked into or through it.

A person's languages, a service offering's, a consent's explanation and a hotline contact's
all come from ``Language``. Codes are stored: never change or remove one (add new ones).
Show a stored code with ``language_label``/``language_labels``: its name in the reader's
language, the code itself when the list does not know it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    # National and provincial languages.
    URDU = "ur", _("Urdu")
    ENGLISH = "en", _("English")
    PUNJABI = "pa", _("Punjabi")
    SARAIKI = "skr", _("Saraiki")
    SINDHI = "sd", _("Sindhi")
    PASHTO = "ps", _("Pashto")
    BALOCHI = "bal", _("Balochi")
    BRAHUI = "brh", _("Brahui")
    HINDKO = "hno", _("Hindko")
    POTHWARI = "phr", _("Pahari-Pothwari")
    GOJRI = "gju", _("Gojri")
    KASHMIRI = "ks", _("Kashmiri")
    # Gilgit-Baltistan and the northern districts of Khyber Pakhtunkhwa.
    SHINA = "scl", _("Shina")
    BALTI = "bft", _("Balti")
    BURUSHASKI = "bsk", _("Burushaski")
    KHOWAR = "khw", _("Khowar")
    WAKHI = "wbl", _("Wakhi")
    KOHISTANI = "mvy", _("Kohistani")
    # Thar and lower Sindh (bonded labour in agriculture and brick kilns).
    DHATKI = "mki", _("Dhatki")
    MARWARI = "mve", _("Marwari")
    PARKARI_KOLI = "kvx", _("Parkari Koli")
    # Refugees, migrants and people trafficked into, through or out of Pakistan.
    PERSIAN = "fa", _("Persian / Dari")
    HAZARAGI = "haz", _("Hazaragi")
    ARABIC = "ar", _("Arabic")
    BENGALI = "bn", _("Bengali")
    ROHINGYA = "rhg", _("Rohingya")
    CHINESE = "zh", _("Chinese")
    OTHER = "other", _("Other")


def language_label(code: str) -> str:
    """A stored language code by name in the active language: "pa" → "Punjabi", "پنجابی"; a
    code the list does not know is shown as it is."""
    try:
        return str(Language(code).label)
    except ValueError:
        return code


def language_labels(codes) -> list[str]:
    """``language_label`` for each code of a list (``None`` or empty: no names)."""
    return [language_label(code) for code in codes or []]
