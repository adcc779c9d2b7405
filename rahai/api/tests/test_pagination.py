"""Every list is paged: ``page`` and ``page_size`` (at most 100)."""

import pytest

from rahai.cases.services import note_create
from rahai.testing import make_case

pytestmark = pytest.mark.django_db


def test_cases_come_in_pages(world, api_as):
    for _ in range(11):
        make_case(world.owner)
    api = api_as(world.owner)
    first = api.get("/api/cases", {"page_size": 5}).json()
    assert first["count"] == 12 and first["page"] == 1 and first["page_size"] == 5
    assert len(first["items"]) == 5
    third = api.get("/api/cases", {"page_size": 5, "page": 3}).json()
    assert len(third["items"]) == 2
    pages = [api.get("/api/cases", {"page_size": 5, "page": n}).json()["items"] for n in (1, 2, 3)]
    ids = [item["id"] for page in pages for item in page]
    assert len(ids) == len(set(ids)) == 12
    beyond = api.get("/api/cases", {"page_size": 5, "page": 9}).json()
    assert beyond["count"] == 12 and beyond["items"] == []


def test_default_page_size_is_the_configured_one(world, api_as, settings):
    body = api_as(world.owner).get("/api/countries").json()
    assert body["page_size"] == min(settings.RAHAI_PAGE_SIZE, 100)
    assert len(body["items"]) == body["page_size"]


def test_page_size_is_capped_at_100(world, api_as):
    body = api_as(world.owner).get("/api/countries", {"page_size": 1000}).json()
    assert body["page_size"] == 100 and len(body["items"]) == 100 and body["count"] > 200


def test_sub_resource_lists_are_paged_too(world, api_as):
    for n in range(3):
        note_create(user=world.owner, case=world.case, body=f"Note {n}")
    body = api_as(world.owner).get(f"/api/cases/{world.case.pk}/notes", {"page_size": 2}).json()
    assert body["count"] == 3 and [n["body"] for n in body["items"]] == ["Note 2", "Note 1"]


@pytest.mark.parametrize("params", [{"page": 0}, {"page_size": 0}, {"page": "two"}])
def test_bad_page_parameters_are_422(world, api_as, params):
    response = api_as(world.owner).get("/api/persons", params)
    assert response.status_code == 422
    assert set(response.json()["errors"]) <= {"page", "page_size"}
