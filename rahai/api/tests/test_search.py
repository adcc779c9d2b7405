"""Searching persons and cases by name (Latin or Urdu script), CNIC, phone and reference."""

import pytest

from rahai.audit.models import AuditAction, AuditEntry
from rahai.testing import make_case, make_victim

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_victim(world):
    case = make_case(world.owner, title="Second case")
    return make_victim(
        world.owner,
        case,
        given_name="Nasreen",
        family_name="Bibi",
        name_urdu="نسرین بی بی",
        cnic="35201-7654321-2",
    )


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("query", ["محمد عمران", "عمران خان", "Imran Khan", "imran"])
def test_persons_are_found_by_name_in_either_script(world, api_as, second_victim, query):
    assert _ids(api_as(world.owner).get("/api/persons", {"q": query})) == {world.victim.pk}


@pytest.mark.parametrize("query", ["35202-1234567-1", "3520212345671", " 35202 1234567 1 "])
def test_persons_are_found_by_cnic_however_it_is_written(world, api_as, second_victim, query):
    assert _ids(api_as(world.owner).get("/api/persons", {"q": query})) == {world.victim.pk}


def test_persons_are_found_by_phone(world, api_as, second_victim):
    assert _ids(api_as(world.owner).get("/api/persons", {"q": "+92 300 1234567"})) == {
        world.victim.pk
    }


def test_persons_are_found_by_case_reference(world, api_as, second_victim):
    found = _ids(api_as(world.owner).get("/api/persons", {"q": world.case.reference.lower()}))
    assert found == {world.victim.pk}


def test_cases_are_found_by_urdu_name_cnic_and_reference(world, api_as, second_victim):
    api = api_as(world.owner)
    second_case = second_victim.case_roles.get().case_id
    assert _ids(api.get("/api/cases", {"q": "نسرین"})) == {second_case}
    assert _ids(api.get("/api/cases", {"q": "35202-1234567-1"})) == {world.case.pk}
    assert _ids(api.get("/api/cases", {"q": world.case.reference})) == {world.case.pk}
    assert _ids(api.get("/api/cases", {"q": "Zubair Nobody"})) == set()


def test_search_in_the_body_keeps_words_out_of_the_url(world, api_as, second_victim):
    api = api_as(world.owner)
    assert _ids(api.post("/api/persons/search", {"q": "محمد عمران"})) == {world.victim.pk}
    assert _ids(api.post("/api/cases/search", {"q": "3520212345671", "status": "active"})) == {
        world.case.pk
    }


def test_search_never_reaches_beyond_what_the_user_may_see(world, api_as):
    outsider = api_as(world.outsider)
    assert _ids(outsider.get("/api/persons", {"q": "محمد عمران"})) == set()
    assert _ids(outsider.get("/api/cases", {"q": "35202-1234567-1"})) == set()
    assert _ids(outsider.get("/api/cases", {"q": world.case.reference})) == set()
    assert _ids(api_as(world.analyst).get("/api/persons", {"q": "Imran"})) == set()


def test_each_search_is_audited_with_its_words_encrypted(world, api_as):
    api = api_as(world.owner)
    api.get("/api/cases", {"q": "35202-1234567-1"})
    api.get("/api/persons", {"q": "محمد عمران"})
    case_search, person_search = AuditEntry.objects.filter(action=AuditAction.SEARCH).order_by(
        "seq"
    )
    assert case_search.object_type == "case" and case_search.actor == world.owner
    assert case_search.details == {"kind": "cnic", "query": "35202-1234567-1"}
    assert person_search.object_type == "person"
    assert person_search.details == {"kind": "name", "query": "محمد عمران"}
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT details FROM audit_auditentry WHERE seq = %s", [case_search.seq])
        (stored,) = cursor.fetchone()
    assert "35202" not in stored


def test_case_filters_narrow_the_list(world, api_as):
    other = make_case(world.owner, case_types=["smuggling"], district=world.case.district)
    api = api_as(world.owner)
    assert _ids(api.get("/api/cases", {"case_type": "smuggling"})) == {other.pk}
    assert _ids(api.get("/api/cases", {"province": "PB", "district": "LHR"})) == {
        world.case.pk,
        other.pk,
    }
    assert _ids(api.get("/api/cases", {"province": "SD"})) == set()
    assert _ids(api.get("/api/cases", {"owner": world.owner_org.pk, "status": "active"})) == {
        world.case.pk,
        other.pk,
    }
    assert _ids(api.get("/api/cases", {"opened_from": "2026-03-02"})) == set()
    assert _ids(
        api.get("/api/cases", {"opened_to": "2026-03-01", "opened_from": "2026-03-01"})
    ) == {world.case.pk, other.pk}
