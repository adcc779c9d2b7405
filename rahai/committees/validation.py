"""Checks the committee services share: texts, and keeping personal data out of the minutes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_TEXT = 20_000

# A case reference as Rahai writes it: province-district-year-number, e.g. PB-LHR-2026-000123.
CASE_REFERENCE = re.compile(r"\b([A-Z]{2}-[A-Z]{3}-\d{4}-\d{6})\b")

# What would identify a person in minutes: a CNIC (with or without dashes), a phone number
# (Pakistani mobile or any long run of digits), a passport number.
_PERSONAL_DATA = [
    re.compile(r"(?<![\d-])\d{5}-\d{7}-\d(?![\d-])"),
    re.compile(r"(?:\+|00)?92[\s-]?3\d{2}[\s-]?\d{7}\b"),
    re.compile(r"\b0?3\d{2}[\s-]\d{7}\b"),
    re.compile(r"(?<![\d-])\d{10,}(?![\d-])"),
    re.compile(r"\b[A-Z]{2}\d{7}\b"),
]


def clean_text(
    value: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT
) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationError(
            {field: [_("This text is too long (at most %(limit)d characters).") % {"limit": limit}]}
        )
    return value


def has_personal_data(text: str) -> bool:
    return any(pattern.search(text) for pattern in _PERSONAL_DATA)


def clean_record_text(
    value: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT
) -> str:
    """A text that goes into the committee's record (minutes, decisions, actions, notes): no
    CNICs, phone or passport numbers. Cases are named by their reference."""
    value = clean_text(value, field, required=required, limit=limit)
    if has_personal_data(value):
        raise ValidationError(
            {
                field: [
                    _(
                        "Committee records must not hold personal data: this text looks like it "
                        "has a CNIC, phone or passport number. Refer to a case by its reference "
                        "(e.g. PB-LHR-2026-000123) instead."
                    )
                ]
            }
        )
    return value


def merge_errors(errors: dict[str, list], exc: ValidationError) -> None:
    for name, messages in exc.message_dict.items():
        errors.setdefault(name, []).extend(messages)
