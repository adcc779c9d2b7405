"""Files without personal data: an export without personal data numbers its persons afresh
(X1, X2…), so those ids link rows of one file only. Another export's "X1" may be someone else,
and must never be taken for a person imported before. Rows without a dated age stay the same
rows tomorrow."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from rahai.cases.access import visible_cases
from rahai.exchange import services
from rahai.exchange.models import ImportStatus
from rahai.people.access import visible_persons

pytestmark = pytest.mark.django_db


def case(cas_id: str, title: str) -> dict:
    return {
        "cas_Id": cas_id,
        "cas_Status": "Active",
        "rah_CaseTypes": ["trafficking_internal"],
        "rah_OpenedOn": "2026-03-01",
        "rah_District": "LHR",
        "rah_Title": title,
    }


def person(prs_id: str, gender: str, birth_year: int | None = None) -> dict:
    return {
        "prs_Id": prs_id,
        "prs_Gender": gender,
        **({"prs_Birthdate": f"{birth_year}-01-01"} if birth_year else {}),
    }


def victim(cas_id: str, prs_id: str) -> dict:
    return {"cas_Id": cas_id, "prs_Id": prs_id, "vic_TraffickingStatus": "Possible"}


def anonymous_file(cases, persons, victims) -> bytes:
    doc = {
        "standard": "HTCDS",
        "version": "2.0",
        "generator": "Rahai",
        "personalData": False,
        "organisation": [],
        "case": cases,
        "person": persons,
        "victimContext": victims,
        "perpetratorContext": [],
        "otherRole": [],
        "historicEvent": [],
    }
    return json.dumps(doc).encode()


def import_file(user, data: bytes, name: str = "partner.json"):
    batch = services.import_upload(user=user, data=data, filename=name)
    batch = services.import_commit(user=user, batch=batch)
    assert batch.status == ImportStatus.COMMITTED, batch.problems
    return batch


def roles_by_case(user) -> dict[str, set[int]]:
    return {c.title: set(c.roles.values_list("person_id", flat=True)) for c in visible_cases(user)}


def test_a_file_without_personal_data_creates_nobody(world):
    """An export without personal data is for statistics: its persons have no names, so the
    import refuses them rather than filling the case database with nameless people (and its
    pseudonyms, numbered afresh by each export, are never taken for a person id)."""
    data = anonymous_file(
        [case("C1", "Kiln one")], [person("X1", "Female", 1990)], [victim("C1", "X1")]
    )
    batch = services.import_commit(
        user=world.outsider,
        batch=services.import_upload(user=world.outsider, data=data, filename="stats.json"),
    )
    assert batch.status == ImportStatus.FAILED
    assert not visible_persons(world.outsider).exists()
    assert not visible_cases(world.outsider).exists()


def test_an_estimated_age_without_a_date_is_the_same_row_tomorrow(world, monkeypatch):
    # No person id and no opening date: the row is known by its content, and the age is dated
    # on the day of the import.
    data = json.dumps(
        {
            "standard": "HTCDS",
            "version": "2.0",
            "personalData": True,
            "case": [{**case("K-1", "Kiln"), "rah_OpenedOn": ""}],
            "person": [{"prs_Id": "", "prs_FirstName": "Bilal", "rah_EstimatedAge": 14}],
            "victimContext": [victim("K-1", "")],
        }
    ).encode()
    first = import_file(world.outsider, data, "kiln.json")
    assert first.rows_created == 1
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    again = import_file(world.outsider, data, "kiln.json")
    assert again.rows_created == 0 and again.rows_skipped == 1
    assert visible_persons(world.outsider).count() == 1
