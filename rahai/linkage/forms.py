from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.linkage.models import Verdict
from rahai.people.forms import PersonForm


class DecisionForm(forms.Form):
    """A reviewer's "same person" / "different people" on two persons (ids only)."""

    a = forms.IntegerField(min_value=1)
    b = forms.IntegerField(min_value=1)
    verdict = forms.ChoiceField(choices=Verdict.choices)
    next = forms.CharField(required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("a") is not None and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Choose two different persons."))
        return data


PERSON_PREFIX = "person"
NAME_FIELDS = ("given_name", "family_name", "name_urdu")


def check_record(post, *, prefix: str = PERSON_PREFIX) -> dict | None:
    """The linkage record for what has been typed so far into a person form (``None`` when
    there is not enough to look for anyone). Fields that do not validate yet are left out."""
    form = PersonForm(post, prefix=prefix)
    form.is_valid()  # partial input: keep whatever fields are valid
    data = form.cleaned_data
    given, family = data.get("given_name", ""), data.get("family_name", "")
    urdu = data.get("name_urdu", "")
    cnic = re.sub(r"\s", "", data.get("cnic", "") or "")
    phones = data.get("phones", "") or ""
    names_typed = any(len((data.get(name) or "").strip()) >= 2 for name in NAME_FIELDS)
    if not (names_typed or len(re.sub(r"\D", "", cnic)) >= 13 or _has_phone(phones)):
        return None
    latin = " ".join(part for part in (given, family) if part)
    birth_date = data.get("birth_date")
    age = data.get("estimated_age")
    district = data.get("district")
    gender = data.get("gender") or ""
    return {
        "given_name": given if latin else "",
        "family_name": family if latin else "",
        "full_name": "" if latin else urdu,
        "father_name": data.get("father_name", ""),
        "gender": "" if gender == "unknown" else gender,
        "birth_date": birth_date.isoformat() if birth_date else "",
        "birth_year": str(timezone.localdate().year - age)
        if age is not None and not birth_date
        else "",
        "id_number": cnic,
        "phone": ";".join(p.strip() for p in re.split(r"[,;،؛\n]+", phones) if p.strip()),
        "address": data.get("address", ""),
        "district": district.name_en if district else "",
    }


def _has_phone(text: str) -> bool:
    return any(len(re.sub(r"\D", "", part)) >= 10 for part in re.split(r"[,;،؛\n]+", text))


def typed_fields(record: dict) -> list[str]:
    """Which linkage columns were given (for the audit log: the kinds, never the values)."""
    return sorted(key for key, value in record.items() if value)
