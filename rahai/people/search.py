"""Keyed blind indexes for persons: exact identifiers and folded name keys.

Nothing here stores a value in clear: the index holds HMAC digests of normalised CNICs,
phones, passports and name keys (see ``rahai.core.names``).
"""

from __future__ import annotations

import re

from django.db.models import QuerySet

from rahai.core import names
from rahai.core.crypto import blind_index
from rahai.people.models import Person, PersonSearchKey, SearchKeyKind
from rahai.people.validation import normalise_cnic, normalise_passport, normalise_phone


def digest(kind: str, value: str) -> str:
    return blind_index(value, purpose=f"person.{kind}")


def person_search_digests(person: Person) -> set[tuple[str, str]]:
    rows: set[tuple[str, str]] = set()
    for key in names.name_keys(
        person.given_name, person.family_name, person.name_urdu, *(person.aliases or [])
    ):
        rows.add((SearchKeyKind.NAME, digest(SearchKeyKind.NAME, key)))
    for key in names.name_keys(person.father_name):
        rows.add((SearchKeyKind.FATHER, digest(SearchKeyKind.FATHER, key)))
    if person.cnic:
        rows.add((SearchKeyKind.CNIC, digest(SearchKeyKind.CNIC, person.cnic)))
    if person.passport_number:
        rows.add((SearchKeyKind.PASSPORT, digest(SearchKeyKind.PASSPORT, person.passport_number)))
    for phone in person.phones or []:
        rows.add((SearchKeyKind.PHONE, digest(SearchKeyKind.PHONE, phone)))
    return rows


def reindex_person(person: Person) -> None:
    """Bring a person's index rows in line with their current values."""
    wanted = person_search_digests(person)
    existing = set(PersonSearchKey.objects.filter(person=person).values_list("kind", "digest"))
    stale = existing - wanted
    if stale:
        for kind, value in stale:
            PersonSearchKey.objects.filter(person=person, kind=kind, digest=value).delete()
    PersonSearchKey.objects.bulk_create(
        [
            PersonSearchKey(person=person, kind=kind, digest=value)
            for kind, value in wanted - existing
        ]
    )


def classify_query(text: str) -> tuple[str, str]:
    """Guess what a free-text search is: a CNIC, a phone, a case reference or a name."""
    stripped = (text or "").strip()
    compact = re.sub(r"[\s-]", "", stripped)
    if re.fullmatch(r"\d{13}", compact):
        return "cnic", compact
    if re.fullmatch(r"\+?\d{9,15}", compact) or re.fullmatch(r"00\d{9,15}", compact):
        return "phone", stripped
    if re.fullmatch(r"[A-Za-z]{2}-[A-Za-z]{3}-\d{4}-\d{1,6}", stripped):
        return "reference", stripped.upper()
    return "name", stripped


def matching_person_ids(text: str) -> QuerySet | None:
    """Ids of persons matching a search (before any access check); None when not a person search."""
    kind, value = classify_query(text)
    if kind == "cnic":
        try:
            return _ids_for(SearchKeyKind.CNIC, [normalise_cnic(value)])
        except Exception:
            return PersonSearchKey.objects.none().values("person_id")
    if kind == "phone":
        try:
            return _ids_for(SearchKeyKind.PHONE, [normalise_phone(value)])
        except Exception:
            return PersonSearchKey.objects.none().values("person_id")
    if kind == "reference":
        return None
    query = names.parse_query(value)
    if not query.required and not query.father:
        if query.optional:
            query.required = query.optional
        else:
            passport = normalise_passport_or_blank(value)
            return _ids_for(SearchKeyKind.PASSPORT, [passport]) if passport else None
    ids = None
    if query.required:
        ids = _ids_for(SearchKeyKind.NAME, query.required)
    if query.father:
        father_ids = _ids_for(SearchKeyKind.FATHER, query.father)
        ids = father_ids if ids is None else ids.filter(person_id__in=father_ids)
    return ids


def normalise_passport_or_blank(value: str) -> str:
    try:
        return normalise_passport(value)
    except Exception:
        return ""


def _ids_for(kind: str, keys: list[str]) -> QuerySet:
    """Ids of persons holding every one of these keys: one indexed semi-join per key.

    Not GROUP BY person HAVING COUNT(DISTINCT digest) = n, which sorts every index row of a
    common key (a third of all persons carry "mhmd") on each search.
    """
    digests = sorted({digest(kind, key) for key in keys if key})
    if not digests:
        return PersonSearchKey.objects.none().values("person_id")
    ids = PersonSearchKey.objects.filter(kind=kind, digest=digests[0]).values("person_id")
    for value in digests[1:]:
        ids = ids.filter(
            person_id__in=PersonSearchKey.objects.filter(kind=kind, digest=value).values(
                "person_id"
            )
        )
    return ids
