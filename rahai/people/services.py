"""Writing persons: validation, encryption (by the fields), search keys and audit together."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.core.changes import apply_changes, snapshot
from rahai.people.access import can_edit_person
from rahai.people.models import Person
from rahai.people.search import reindex_person
from rahai.people.validation import (
    normalise_cnic,
    normalise_passport,
    normalise_phones,
    validate_age,
    validate_birth_date,
)

PERSON_FIELDS = [
    "given_name",
    "family_name",
    "father_name",
    "name_urdu",
    "aliases",
    "gender",
    "birth_date",
    "estimated_age",
    "age_estimated_on",
    "cnic",
    "passport_number",
    "phones",
    "address",
    "district",
    "citizenship",
    "languages",
    "education",
    "marital_status",
]


def clean_person_data(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise identifiers and check dates; raise one ValidationError naming every bad field."""
    cleaned = dict(data)
    errors: dict[str, list] = {}

    def attempt(name: str, func):
        if name in cleaned:
            try:
                cleaned[name] = func(cleaned[name])
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.error_list)

    for text_field in ("given_name", "family_name", "father_name", "name_urdu", "address"):
        if text_field in cleaned:
            cleaned[text_field] = " ".join((cleaned[text_field] or "").split())
    if "aliases" in cleaned:
        raw = cleaned["aliases"] or []
        if isinstance(raw, str):
            raw = re.split(r"[,،]", raw)  # the Urdu keyboard types ، for a comma
        cleaned["aliases"] = [" ".join(alias.split()) for alias in raw if alias and alias.strip()]
    attempt("cnic", normalise_cnic)
    attempt("passport_number", normalise_passport)
    attempt("phones", normalise_phones)
    attempt("birth_date", lambda value: (validate_birth_date(value), value)[1])
    attempt("estimated_age", lambda value: (validate_age(value), value)[1])
    if cleaned.get("estimated_age") is not None and not cleaned.get("age_estimated_on"):
        cleaned["age_estimated_on"] = timezone.localdate()
    if "age_estimated_on" in cleaned and isinstance(cleaned["age_estimated_on"], date):
        attempt("age_estimated_on", lambda value: (validate_birth_date(value), value)[1])
    has_name = any(cleaned.get(name) for name in ("given_name", "family_name", "name_urdu"))
    if not has_name and not cleaned.get("aliases"):
        errors.setdefault("given_name", []).append(
            ValidationError(
                _("Give at least a name (in Latin or Urdu script) or an alias."), code="required"
            )
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def person_create(*, user, data: dict[str, Any]) -> Person:
    if not user.works_cases:
        raise PermissionDenied
    cleaned = clean_person_data(data)
    person = Person(owner_id=user.organisation_id, created_by=user)
    for name in PERSON_FIELDS:
        if name in cleaned:
            setattr(person, name, cleaned[name])
    person.save()
    reindex_person(person)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="person",
        object_id=person.pk,
        person_id=person.pk,
        fields=list(snapshot(person, PERSON_FIELDS)),
        details={"changes": snapshot(person, PERSON_FIELDS)},
    )
    return person


@transaction.atomic
def person_update(*, user, person: Person, data: dict[str, Any]) -> dict[str, list]:
    if not can_edit_person(user, person):
        raise PermissionDenied
    merged = {
        name: getattr(person, name)
        for name in ("given_name", "family_name", "name_urdu", "aliases")
    }
    merged.update(data)
    cleaned = clean_person_data(merged)
    changes = {name: cleaned[name] for name in PERSON_FIELDS if name in data}
    if (
        "estimated_age" in data
        and "age_estimated_on" not in data
        and changes["estimated_age"] != person.estimated_age
    ):
        changes["age_estimated_on"] = cleaned.get("age_estimated_on")
    diff = apply_changes(person, changes)
    if diff:
        person.save()
        reindex_person(person)
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type="person",
            object_id=person.pk,
            person_id=person.pk,
            fields=list(diff),
            details={"changes": diff},
        )
    return diff
