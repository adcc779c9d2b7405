"""A caseworker records a whole case through the API: the case, the victim, the route, a note."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rahai.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _days_ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def test_caseworker_records_case_victim_three_route_events_and_a_note(world, api_as):
    api = api_as(world.owner)

    response = api.post(
        "/api/cases",
        {
            "case_types": ["trafficking_transnational"],
            "district": "lhr",
            "opened_on": _days_ago(3),
            "title": "Young man sent abroad on a false job offer",
            "summary": "Reported by his mother through the hotline.",
            "fir_number": "112/26",
        },
    )
    assert response.status_code == 201, response.content
    case = response.json()
    assert case["reference"].startswith("PB-LHR-")
    assert case["case_types"] == ["trafficking_transnational"]
    assert case["district"] == "LHR" and case["province"] == "PB"
    assert case["owner"] == {"id": world.owner_org.pk, "name": world.owner_org.name}
    assert case["status"] == "active" and case["can_edit"] is True
    case_url = f"/api/cases/{case['id']}"

    response = api.post(
        f"{case_url}/roles",
        {
            "role": "victim",
            "trafficking_status": "possible",
            "exploitation_types": ["forced_labour"],
            "recruitment_method": "job_offer",
            "age_when_trafficked": 19,
            "industry": "F",
            "person": {
                "given_name": "Ali",
                "family_name": "Raza",
                "name_urdu": "علی رضا",
                "father_name": "Ghulam Raza",
                "gender": "male",
                "birth_date": "2006-05-01",
                "cnic": "3520298765431",
                "phones": ["0321-7654321"],
                "district": "LHR",
                "citizenship": "pk",
                "languages": ["ur", "pa"],
            },
        },
    )
    assert response.status_code == 201, response.content
    role = response.json()
    assert role["role"] == "victim" and role["exploitation_types"] == ["forced_labour"]
    person_id = role["person"]["id"]
    assert role["person"]["display_name"] == "Ali Raza"

    route = [
        {
            "event_type": "recruitment",
            "district": "LHR",
            "place": "Shahdara",
            "occurred_on": _days_ago(200),
            "date_is_approximate": True,
        },
        {
            "event_type": "transit",
            "country": "IR",
            "place": "Taftan border crossing",
            "occurred_on": _days_ago(190),
            "person_id": person_id,
        },
        {
            "event_type": "exploitation",
            "country": "TR",
            "place": "Istanbul",
            "description": "Textile workshop, passport withheld.",
        },
    ]
    for event in route:
        response = api.post(f"{case_url}/events", event)
        assert response.status_code == 201, response.content

    response = api.post(f"{case_url}/notes", {"body": "Mother called again; no news."})
    assert response.status_code == 201, response.content
    assert response.json()["author"] == "owner"

    events = api.get(f"{case_url}/events").json()
    assert events["count"] == 3
    assert [e["event_type"] for e in events["items"]] == ["recruitment", "transit", "exploitation"]
    assert [e["position"] for e in events["items"]] == [1, 2, 3]
    assert events["items"][0]["district"] == "LHR" and events["items"][0]["country"] is None
    assert events["items"][1]["country"] == "IR" and events["items"][1]["person_id"] == person_id
    assert events["items"][2]["description"] == "Textile workshop, passport withheld."

    person = api.get(f"/api/persons/{person_id}").json()
    assert person["cnic"] == "35202-9876543-1"
    assert person["phones"] == ["+923217654321"]
    assert person["name_urdu"] == "علی رضا"
    assert person["citizenship"] == "PK" and person["district"] == "LHR"
    assert person["cases"] == [
        {
            "case_id": case["id"],
            "reference": case["reference"],
            "role_id": role["id"],
            "role": "victim",
        }
    ]
    assert person["can_edit"] is True

    notes = api.get(f"{case_url}/notes").json()
    assert [n["body"] for n in notes["items"]] == ["Mother called again; no news."]

    timeline = api.get(f"{case_url}/timeline").json()["items"]
    assert {entry["object_type"] for entry in timeline} >= {"case", "case_role", "event", "note"}
    assert all(
        set(entry) == {"at", "actor", "action", "object_type", "fields"} for entry in timeline
    )
    assert "Textile" not in str(timeline) and "Mother" not in str(timeline)

    created = AuditEntry.objects.filter(case_id=case["id"], action=AuditAction.CREATE)
    assert created.count() == 1 + 1 + 3 + 1  # case, role, three events, note


def test_owner_changes_case_role_event_and_person(world, api_as):
    api = api_as(world.owner)
    case_url = f"/api/cases/{world.case.pk}"

    response = api.patch(
        case_url, {"status": "closed", "closure_reason": "services_completed", "title": None}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "closed" and response.json()["title"] == ""

    role = api.get(f"{case_url}/roles").json()["items"][0]
    response = api.patch(
        f"{case_url}/roles/{role['id']}",
        {"trafficking_status": "actual", "means_of_control": ["debt_bondage"]},
    )
    assert response.status_code == 200, response.content
    assert response.json()["trafficking_status"] == "actual"

    event = api.post(f"{case_url}/events", {"event_type": "recruitment", "district": "KSR"}).json()
    response = api.patch(f"{case_url}/events/{event['id']}", {"district": None, "country": "AE"})
    assert response.status_code == 200, response.content
    assert response.json()["district"] is None and response.json()["country"] == "AE"

    response = api.patch(f"/api/persons/{world.victim.pk}", {"phones": ["+92 300 7654321"]})
    assert response.status_code == 200, response.content
    assert response.json()["phones"] == ["+923007654321"]
    assert response.json()["given_name"] == "Muhammad Imran"


def test_closing_a_case_without_a_reason_is_refused(world, api_as):
    response = api_as(world.owner).patch(f"/api/cases/{world.case.pk}", {"status": "closed"})
    assert response.status_code == 422
    assert "closure_reason" in response.json()["errors"]


def test_owner_shares_a_case_and_the_partner_adds_a_note_but_cannot_edit(world, api_as):
    owner, outsider = api_as(world.owner), api_as(world.outsider)
    case_url = f"/api/cases/{world.case.pk}"
    assert outsider.get(case_url).status_code == 404

    response = owner.post(
        f"{case_url}/shares",
        {"organisation": world.outsider_org.pk, "reason": "Victim moved to Karachi"},
    )
    assert response.status_code == 201, response.content
    share = response.json()
    assert share["organisation"]["id"] == world.outsider_org.pk

    detail = outsider.get(case_url).json()
    assert detail["can_edit"] is False
    assert {s["organisation"]["id"] for s in detail["shares"]} == {
        world.partner_org.pk,
        world.outsider_org.pk,
    }
    assert outsider.post(f"{case_url}/notes", {"body": "Met the family."}).status_code == 201
    assert outsider.patch(case_url, {"title": "x"}).status_code == 403

    assert owner.delete(f"{case_url}/shares/{share['id']}").status_code == 204
    assert outsider.get(case_url).status_code == 404
    assert owner.delete(f"{case_url}/shares/{share['id']}").status_code == 404


def test_sharing_with_the_owning_organisation_is_a_validation_error(world, api_as):
    response = api_as(world.owner).post(
        f"/api/cases/{world.case.pk}/shares", {"organisation": world.owner_org.pk}
    )
    assert response.status_code == 422
    assert "organisation" in response.json()["errors"]


def test_existing_visible_person_can_be_added_to_a_second_case(world, api_as):
    api = api_as(world.owner)
    second = api.post("/api/cases", {"case_types": ["bonded_labour"], "district": "LHR"}).json()
    response = api.post(
        f"/api/cases/{second['id']}/roles", {"role": "witness", "person_id": world.victim.pk}
    )
    assert response.status_code == 201, response.content
    person = api.get(f"/api/persons/{world.victim.pk}").json()
    assert {c["case_id"] for c in person["cases"]} == {world.case.pk, second["id"]}
    # The partner sees the first case only, and so only that role.
    partner_view = api_as(world.partner).get(f"/api/persons/{world.victim.pk}").json()
    assert [c["case_id"] for c in partner_view["cases"]] == [world.case.pk]


def test_removing_a_role_and_an_event(world, api_as):
    api = api_as(world.owner)
    case_url = f"/api/cases/{world.case.pk}"
    role = api.get(f"{case_url}/roles").json()["items"][0]
    event = api.post(f"{case_url}/events", {"event_type": "interception", "district": "LHR"}).json()
    assert api.delete(f"{case_url}/events/{event['id']}").status_code == 204
    assert api.delete(f"{case_url}/roles/{role['id']}").status_code == 204
    assert api.get(f"{case_url}/roles").json()["count"] == 0
    assert api.get(f"{case_url}/events").json()["count"] == 0


def test_reference_data_lists_provinces_districts_and_countries(world, api_as):
    api = api_as(world.analyst)
    provinces = api.get("/api/provinces").json()
    assert {"code": "PB", "name": "Punjab", "name_en": "Punjab", "name_ur": "پنجاب"} in provinces[
        "items"
    ]
    districts = api.get("/api/districts", {"province": "pb", "page_size": 100}).json()
    assert districts["count"] > 20
    assert all(d["province"] == "PB" for d in districts["items"])
    assert "LHR" in {d["code"] for d in districts["items"]}
    countries = api.get("/api/countries", {"page_size": 100, "page": 1}).json()
    assert countries["count"] > 240


def test_reference_names_follow_the_request_language(world, api_as):
    provinces = api_as(world.owner).get("/api/provinces", headers={"Accept-Language": "ur"}).json()
    punjab = next(p for p in provinces["items"] if p["code"] == "PB")
    assert punjab["name"] == "پنجاب"
