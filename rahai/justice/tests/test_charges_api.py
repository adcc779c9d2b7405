"""Charges and hearings over the API: by the case's reference or id, errors as problem+json,
and the same 404 for a case one may not see as for one that does not exist."""

import pytest
from django.test import Client

from rahai.accounts.services import api_token_create
from rahai.api.tests.conftest import ApiClient
from rahai.audit.models import AuditEntry
from rahai.justice import services
from rahai.justice.tests.court_world import (
    add_suspect,
    charge,
    days_ago,
    make_court,
    prosecution_office,
)

pytestmark = pytest.mark.django_db


def api(user) -> ApiClient:
    _token, raw = api_token_create(user=user, name="tests")
    return ApiClient(Client(), raw)


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    return response.json()


def charge_body(suspect, **fields) -> dict:
    body = {
        "person_id": suspect.person_id,
        "law": "ptpa-2018",
        "section": "3",
        "charged_on": days_ago(5).isoformat(),
    }
    body.update(fields)
    return body


def test_the_owner_charges_a_suspect_by_the_cases_reference(world):
    suspect = add_suspect(world)
    response = api(world.owner).post(
        f"/api/cases/{world.case.reference}/charges",
        charge_body(suspect, fir_number="123/2026", status="investigation"),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["case"] == world.case.reference
    assert body["suspect"] == {
        "role_id": suspect.pk,
        "person_id": suspect.person_id,
        "display_name": "Rashid Mehmood",
    }
    assert body["offence"] == {
        "law": "ptpa-2018",
        "section": "3",
        "title": "Trafficking in persons",
        "label": "PTPA 2018 s.3 — Trafficking in persons",
        "url": "/laws/#ptpa-2018-3",
    }
    assert (body["status"], body["outcome"], body["fir_number"]) == (
        "investigation",
        "pending",
        "123/2026",
    )


def test_a_section_is_found_whatever_its_case(world):
    suspect = add_suspect(world)
    response = api(world.owner).post(
        f"/api/cases/{world.case.pk}/charges",
        charge_body(suspect, law="ppc-1860", section="371-a"),
    )
    assert response.status_code == 201
    assert response.json()["offence"]["section"] == "371-A"


def test_the_charges_are_listed_by_reference_or_id_and_the_read_is_audited(world):
    charge(world, add_suspect(world))
    client = api(world.owner)
    for key in (world.case.reference, world.case.reference.lower(), str(world.case.pk)):
        body = client.get(f"/api/cases/{key}/charges").json()
        assert body["count"] == 1 and body["items"][0]["offence"]["section"] == "3"
    views = AuditEntry.objects.filter(object_type="case", action="view", fields=["charges"])
    assert views.count() == 3


def test_the_rules_come_back_as_a_validation_problem_with_the_apis_field_names(world):
    suspect = add_suspect(world)
    client = api(world.owner)
    url = f"/api/cases/{world.case.pk}/charges"
    victim = {"person_id": world.victim.pk}
    body = problem(client.post(url, charge_body(suspect, **victim)), 422)
    assert body["errors"] == {"person_id": ["Choose a suspect of this case."]}
    body = problem(client.post(url, charge_body(suspect, law="ppc-1860", section="369-A")), 422)
    assert body["errors"] == {
        "section": ["This section cannot be charged: it is repealed or makes nothing an offence."]
    }
    body = problem(client.post(url, charge_body(suspect, section="99")), 422)
    assert list(body["errors"]) == ["section"]
    assert client.post(url, charge_body(suspect)).status_code == 201
    body = problem(client.post(url, charge_body(suspect)), 422)
    assert body["errors"] == {"section": ["This suspect is already charged under this section."]}
    body = problem(client.post(url, charge_body(suspect, status="nonsense")), 422)
    assert body["errors"] == {"status": ["Choose from the list."]}


def test_the_outcome_is_recorded_with_a_patch(world):
    the_charge = charge(world, add_suspect(world))
    court = make_court()
    client = api(world.owner)
    response = client.patch(
        f"/api/charges/{the_charge.pk}",
        {
            "court": court.pk,
            "court_case_number": "Sessions Case 12/2026",
            "special_court": True,
            "outcome": "convicted",
            "outcome_on": days_ago(1).isoformat(),
            "sentence_years": 7.5,
            "sentence_fine_rs": 100000,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["outcome"], body["sentence_years"]) == (
        "decided",
        "convicted",
        7.5,
    )
    assert body["court"] == {"id": court.pk, "name": "Sessions Court, Lahore"}
    body = problem(client.patch(f"/api/charges/{the_charge.pk}", {"outcome": "acquitted"}), 422)
    assert body["errors"] == {
        "sentence_years": ["A sentence or a fine is recorded only with a conviction."],
        "sentence_fine_rs": ["A sentence or a fine is recorded only with a conviction."],
    }


def test_a_patch_refuses_a_court_that_is_not_a_court_and_an_empty_outcome(world):
    the_charge = charge(world, add_suspect(world))
    client = api(world.owner)
    body = problem(
        client.patch(f"/api/charges/{the_charge.pk}", {"court": world.owner_org.pk}), 422
    )
    assert body["errors"] == {"court": ["Choose an organisation that is a court."]}
    body = problem(client.patch(f"/api/charges/{the_charge.pk}", {"outcome": None}), 422)
    assert body["errors"] == {"outcome": ["This field cannot be empty."]}


def test_a_charge_is_removed_until_the_court_decides_it(world):
    client = api(world.owner)
    the_charge = charge(world, add_suspect(world))
    assert client.delete(f"/api/charges/{the_charge.pk}").status_code == 204
    decided = charge(world, add_suspect(world, given_name="Khalid", family_name="Butt"))
    services.charge_update(
        user=world.owner, charge=decided, data={"outcome": "acquitted", "outcome_on": days_ago(1)}
    )
    problem(client.delete(f"/api/charges/{decided.pk}"), 422)


def test_hearings_are_recorded_and_listed_latest_first(world):
    client = api(world.owner)
    url = f"/api/cases/{world.case.reference}/hearings"
    first = {"held_on": days_ago(30).isoformat(), "summary": "Charge framed."}
    assert client.post(url, {**first, "next_on": days_ago(10).isoformat()}).status_code == 201
    second = {"held_on": days_ago(10).isoformat(), "next_on": days_ago(-5).isoformat()}
    response = client.post(url, {**second, "court": make_court().pk})
    assert response.status_code == 201 and response.json()["court"]["name"]
    items = client.get(url).json()["items"]
    assert [item["held_on"] for item in items] == [
        days_ago(10).isoformat(),
        days_ago(30).isoformat(),
    ]
    body = problem(
        client.post(url, {"held_on": days_ago(1).isoformat(), "next_on": days_ago(2).isoformat()}),
        422,
    )
    assert body["errors"] == {"next_on": ["The next hearing must come after this one."]}


def test_a_hearing_is_changed_with_a_patch(world):
    hearing = services.hearing_add(user=world.owner, case=world.case, held_on=days_ago(3))
    response = api(world.owner).patch(
        f"/api/hearings/{hearing.pk}",
        {"summary": "Adjourned.", "next_on": days_ago(-9).isoformat()},
    )
    assert response.status_code == 200 and response.json()["summary"] == "Adjourned."


# --- who may ---------------------------------------------------------------------------------


@pytest.fixture
def records(world):
    the_charge = charge(world, add_suspect(world))
    hearing = services.hearing_add(user=world.owner, case=world.case, held_on=days_ago(3))
    return the_charge, hearing


def calls(world, records):
    the_charge, hearing = records
    case = world.case.reference
    suspect = the_charge.suspect
    return {
        "list charges": ("get", f"/api/cases/{case}/charges", None),
        "add charge": ("post", f"/api/cases/{case}/charges", charge_body(suspect, section="4")),
        "read charge": ("get", f"/api/charges/{the_charge.pk}", None),
        "record outcome": ("patch", f"/api/charges/{the_charge.pk}", {"status": "trial"}),
        "list hearings": ("get", f"/api/cases/{case}/hearings", None),
        "add hearing": (
            "post",
            f"/api/cases/{case}/hearings",
            {"held_on": days_ago(1).isoformat()},
        ),
        "change hearing": ("patch", f"/api/hearings/{hearing.pk}", {"summary": "x"}),
        "remove charge": ("delete", f"/api/charges/{the_charge.pk}", None),
    }


EXPECTED = {
    # caller: statuses for list charges, add charge, read, record outcome, list hearings,
    # add hearing, change hearing, remove charge
    "owner": (200, 201, 200, 200, 200, 201, 200, 204),
    "partner": (200, 403, 200, 403, 200, 403, 403, 403),
    "supervisor": (200, 403, 200, 403, 200, 403, 403, 403),
    "prosecutor": (200, 403, 200, 200, 200, 201, 200, 403),
    "outsider": (404,) * 8,
    "analyst": (404,) * 8,
    "auditor": (404,) * 8,
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_every_endpoint_against_every_caller(world, records, who):
    if who == "prosecutor":
        _office, user = prosecution_office(world)
    else:
        user = getattr(world, who)
    client = api(user)
    got = tuple(
        client.request(method, path, body).status_code
        for method, path, body in calls(world, records).values()
    )
    assert got == EXPECTED[who], dict(zip(calls(world, records), got, strict=True))


def test_a_hidden_case_looks_exactly_like_a_missing_one(world, records):
    outsider = api(world.outsider)
    hidden = outsider.get(f"/api/cases/{world.case.reference}/charges")
    missing = outsider.get("/api/cases/PB-LHR-1999-999999/charges")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert (
        outsider.patch(f"/api/charges/{records[0].pk}", {"status": "trial"}).content
        == outsider.patch("/api/charges/987654", {"status": "trial"}).content
    )


def test_the_schema_lists_the_endpoints(world, client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/cases/{case}/charges"])
    assert {"get", "post"} <= set(paths["/api/cases/{case}/hearings"])
    assert {"get", "patch", "delete"} <= set(paths["/api/charges/{charge_id}"])
    assert "patch" in paths["/api/hearings/{hearing_id}"]
