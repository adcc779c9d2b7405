"""Normalising and validating identifiers. Messages are translatable and never echo the value."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_CNIC_SHAPE = re.compile(r"^\d{5}-?\d{7}-?\d$")
_PASSPORT_SHAPE = re.compile(r"^[A-Z0-9]{5,20}$")


def normalise_cnic(value: str) -> str:
    """``35202-1234567-1`` or ``3520212345671`` → ``3520212345671``; raises on anything else."""
    cleaned = re.sub(r"[\s]", "", value or "")
    if not cleaned:
        return ""
    if not _CNIC_SHAPE.match(cleaned):
        raise ValidationError(_("A CNIC has 13 digits, written as 12345-1234567-1."), code="cnic")
    digits = cleaned.replace("-", "")
    if digits[0] == "0":
        raise ValidationError(_("A CNIC cannot start with 0."), code="cnic")
    return digits


def format_cnic(digits: str) -> str:
    return f"{digits[:5]}-{digits[5:12]}-{digits[12]}" if len(digits) == 13 else digits


def normalise_phone(value: str, *, region: str = "PK") -> str:
    """Any common way of writing a phone number → E.164 (``+923001234567``)."""
    cleaned = (value or "").strip()
    if not cleaned:
        return ""
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(_("This is not a phone number."), code="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number is not valid. Pakistani mobiles look like 0300 1234567."),
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phones(values: list[str] | str) -> list[str]:
    if isinstance(values, str):
        values = [part for part in re.split(r"[,;،؛\n]+", values) if part.strip()]
    out: list[str] = []
    for value in values:
        phone = normalise_phone(value)
        if phone and phone not in out:
            out.append(phone)
    return out


def normalise_passport(value: str) -> str:
    cleaned = re.sub(r"[\s-]", "", value or "").upper()
    if cleaned and not _PASSPORT_SHAPE.match(cleaned):
        raise ValidationError(
            _("A passport number has 5 to 20 letters and digits."), code="passport"
        )
    return cleaned


def validate_birth_date(value: date | None) -> None:
    if value is None:
        return
    today = timezone.localdate()
    if value > today:
        raise ValidationError(_("The birth date cannot be in the future."), code="birth_date")
    if value.year < today.year - 120:
        raise ValidationError(_("The birth date is more than 120 years ago."), code="birth_date")


def validate_age(value: int | None) -> None:
    if value is not None and not 0 <= value <= 120:
        raise ValidationError(_("An age must be between 0 and 120."), code="age")


def validate_event_date(value: date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")
