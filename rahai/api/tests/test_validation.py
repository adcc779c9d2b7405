"""Bad input is a 422 problem naming each bad field; nothing is saved and no value is echoed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rahai.cases.models import Case, Event
from rahai.people.models import Person

pytestmark = pytest.mark.django_db

TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


def _assert_problem(response, *fields):
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 422 and body["type"] and body["title"] and body["detail"]
    for field in fields:
        assert field in body["errors"], body["errors"]
        assert all(isinstance(message, str) and message for message in body["errors"][field])
    return body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cnic", "35202-123456-1"),
        ("cnic", "05202-1234567-1"),
        ("phones", ["98765"]),
        ("birth_date", TOMORROW),
        ("district", "XYZ"),
        ("citizenship", "QQ"),
    ],
)
def test_bad_person_field_is_refused_by_name_and_nothing_is_saved(world, api_as, field, value):
    before = Person.objects.count()
    response = api_as(world.owner).post("/api/persons", {"given_name": "Shazia", field: value})
    body = _assert_problem(response, field)
    assert Person.objects.count() == before
    assert str(value).strip("[]'") not in response.content.decode(), "input echoed back"
    assert set(body["errors"]) == {field}


def test_every_bad_field_is_reported_at_once(world, api_as):
    response = api_as(world.owner).post(
        "/api/persons",
        {
            "given_name": "Shazia",
            "cnic": "123",
            "phones": ["0300"],
            "birth_date": TOMORROW,
            "district": "ZZZ",
        },
    )
    _assert_problem(response, "cnic", "phones", "birth_date", "district")


def test_person_without_any_name_is_refused(world, api_as):
    _assert_problem(api_as(world.owner).post("/api/persons", {"gender": "female"}), "given_name")


def test_bad_inline_person_on_a_role_names_the_nested_field_and_saves_nothing(world, api_as):
    persons, roles = Person.objects.count(), world.case.roles.count()
    response = api_as(world.owner).post(
        f"/api/cases/{world.case.pk}/roles",
        {
            "role": "victim",
            "person": {
                "given_name": "Rubina",
                "cnic": "1234",
                "birth_date": TOMORROW,
                "district": "NOPE",
            },
        },
    )
    _assert_problem(response, "person.cnic", "person.birth_date", "person.district")
    assert Person.objects.count() == persons and world.case.roles.count() == roles


def test_role_failing_after_the_inline_person_is_created_rolls_the_person_back(world, api_as):
    persons = Person.objects.count()
    response = api_as(world.owner).post(
        f"/api/cases/{world.case.pk}/roles",
        {
            "role": "victim",
            "age_when_trafficked": 130,
            "person": {"given_name": "Rubina"},
        },
    )
    _assert_problem(response, "age_when_trafficked")
    assert Person.objects.count() == persons


def test_role_needs_exactly_one_of_person_id_and_person(world, api_as):
    api = api_as(world.owner)
    url = f"/api/cases/{world.case.pk}/roles"
    _assert_problem(api.post(url, {"role": "witness"}), "person_id")
    _assert_problem(
        api.post(
            url, {"role": "witness", "person_id": world.victim.pk, "person": {"given_name": "X"}}
        ),
        "person_id",
    )


def test_unknown_district_code_on_a_case_is_refused_and_no_case_is_created(world, api_as):
    before = Case.objects.count()
    response = api_as(world.owner).post(
        "/api/cases", {"case_types": ["smuggling"], "district": "ZZZ"}
    )
    _assert_problem(response, "district")
    assert Case.objects.count() == before


def test_case_problems_from_lookups_and_services_are_reported_together(world, api_as):
    response = api_as(world.owner).post(
        "/api/cases",
        {
            "case_types": [],
            "district": "ZZZ",
            "opened_on": TOMORROW,
            "status": "closed",
        },
    )
    _assert_problem(response, "district", "case_types", "opened_on", "closure_reason")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"case_types": ["kidnapping"], "district": "LHR"}, "case_types"),
        ({"case_types": ["smuggling"], "district": "LHR", "status": "open"}, "status"),
        ({"case_types": ["smuggling"], "district": "LHR", "opened_on": "01/02/2026"}, "opened_on"),
        ({"case_types": ["smuggling"]}, "district"),
        ({"case_types": ["smuggling"], "district": "LHR", "colour": "red"}, "colour"),
    ],
)
def test_schema_errors_name_the_field(world, api_as, body, field):
    before = Case.objects.count()
    _assert_problem(api_as(world.owner).post("/api/cases", body), field)
    assert Case.objects.count() == before


def test_event_with_unknown_district_or_country_or_neither_is_refused(world, api_as):
    api = api_as(world.owner)
    url = f"/api/cases/{world.case.pk}/events"
    _assert_problem(api.post(url, {"event_type": "transit", "district": "QQQ"}), "district")
    _assert_problem(api.post(url, {"event_type": "transit", "country": "QQ"}), "country")
    _assert_problem(api.post(url, {"event_type": "transit"}), "district")
    _assert_problem(
        api.post(url, {"event_type": "transit", "district": "LHR", "country": "AE"}), "country"
    )
    _assert_problem(
        api.post(url, {"event_type": "transit", "country": "AE", "occurred_on": TOMORROW}),
        "occurred_on",
    )
    _assert_problem(
        api.post(url, {"event_type": "transit", "country": "AE", "person_id": 999999}), "person_id"
    )
    assert not Event.objects.filter(case=world.case).exists()


def test_patch_cannot_null_a_required_field(world, api_as):
    response = api_as(world.owner).patch(f"/api/cases/{world.case.pk}", {"district": None})
    _assert_problem(response, "district")


def test_patch_with_a_bad_cnic_leaves_the_person_unchanged(world, api_as):
    response = api_as(world.owner).patch(f"/api/persons/{world.victim.pk}", {"cnic": "999"})
    _assert_problem(response, "cnic")
    world.victim.refresh_from_db()
    assert world.victim.cnic == "3520212345671"


def test_empty_note_is_refused(world, api_as):
    _assert_problem(
        api_as(world.owner).post(f"/api/cases/{world.case.pk}/notes", {"body": "  "}), "body"
    )


def test_query_parameters_are_validated_too(world, api_as):
    _assert_problem(api_as(world.owner).get("/api/cases", {"status": "nope"}), "status")
    _assert_problem(api_as(world.owner).get("/api/cases", {"page": 0}), "page")


def test_malformed_json_is_a_400_problem(world, api_as):
    api = api_as(world.owner)
    response = api.client.post(
        "/api/persons",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 400


def test_changing_a_role_into_one_the_person_already_has_is_refused(world, api_as):
    api = api_as(world.owner)
    url = f"/api/cases/{world.case.pk}/roles"
    witness = api.post(url, {"role": "witness", "person_id": world.victim.pk}).json()
    _assert_problem(api.patch(f"{url}/{witness['id']}", {"role": "victim"}), "role")
    _assert_problem(api.post(url, {"role": "victim", "person_id": world.victim.pk}), "role")
