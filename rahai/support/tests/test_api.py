"""Support plans over the API: the same access layer, redaction and rules as the web pages,
with problem+json errors."""

import pytest

from rahai.audit.models import AuditAction, AuditEntry
from rahai.referrals import services as referral_services
from rahai.support.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _open(client, support, **overrides):
    world = support.world
    body = {
        "case": world.case.pk,
        "person": world.victim.pk,
        "needs": ["shelter", "psychosocial"],
        "goals": "Back to school in Kasur.",
        "risk_notes": "The recruiter is his uncle.",
        "key_worker": world.owner.pk,
        **overrides,
    }
    return client.post("/api/support/plans", body)


def test_the_owner_runs_a_plan_over_the_api_from_opening_to_closing(support, api_as):
    owner = api_as(support.world.owner)
    response = _open(owner, support)
    assert response.status_code == 201, response.content
    plan = response.json()
    assert (
        plan["case"] == support.world.case.pk
        and plan["risk_notes"] == "The recruiter is his uncle."
    )
    assert [c["state"] for c in plan["checklist"]] == ["todo"] * 6
    assert set(plan["actions"]) == {
        "update",
        "add_service",
        "record_follow_up",
        "mark_checklist",
        "close",
    }
    base = f"/api/support/plans/{plan['id']}"
    service = owner.post(
        f"{base}/services",
        {
            "service": "shelter",
            "provider": support.shelter_org.pk,
            "planned_start": str(days_ago(4)),
        },
    )
    assert service.status_code == 201 and service.json()["status"] == "planned"
    delivered = owner.patch(
        f"{base}/services/{service.json()['id']}",
        {"status": "delivered", "started_on": str(days_ago(4)), "delivered_on": str(days_ago(1))},
    )
    assert delivered.json()["delivered_on"] == str(days_ago(1))
    follow_up = owner.post(
        f"{base}/follow-ups",
        {"method": "phone", "outcome": "Enrolled in class 5.", "next_due": str(days_ago(-30))},
    )
    assert follow_up.status_code == 201 and follow_up.json()["by"] == "owner"
    patched = owner.patch(base, {"needs": ["shelter", "education"], "goals": None})
    assert patched.json()["needs"] == ["shelter", "education"] and patched.json()["goals"] == ""
    checklist = [
        {"item": item, "state": "done"}
        for item in ("services", "accommodation", "legal_status", "survivor_informed")
    ] + [
        {"item": item, "state": "not_applicable", "reason": "Never left Punjab."}
        for item in ("return_follow_up", "contact_consent")
    ]
    closed = owner.post(f"{base}/close", {"note": "At school.", "checklist": checklist})
    assert closed.status_code == 200, closed.content
    assert closed.json()["status"] == "closed" and closed.json()["actions"] == []


def test_closing_too_early_is_a_validation_problem_and_saves_nothing(support, api_as):
    owner = api_as(support.world.owner)
    plan = _open(owner, support).json()
    response = owner.post(
        f"/api/support/plans/{plan['id']}/close",
        {"checklist": [{"item": "accommodation", "state": "not_applicable"}]},
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert "accommodation" in errors and "checklist" in errors
    again = owner.get(f"/api/support/plans/{plan['id']}").json()
    assert again["status"] == "open" and {c["state"] for c in again["checklist"]} == {"todo"}


def test_a_receiver_reads_the_plan_redacted_and_records_its_own_delivery(support, api_as):
    owner = api_as(support.world.owner)
    plan = _open(owner, support).json()
    base = f"/api/support/plans/{plan['id']}"
    owner.post(
        f"{base}/services",
        {
            "service": "legal_aid",
            "provider": support.legal_org.pk,
            "planned_start": str(days_ago(2)),
        },
    )
    shelter = api_as(support.shelter)
    assert shelter.get(base).status_code == 404
    referral = support.refer()
    seen = shelter.get(base).json()
    assert seen["case"] is None and seen["person"] is None and seen["key_worker"] is None
    assert seen["goals"] == "" and seen["risk_notes"] == "" and seen["checklist"] == []
    assert seen["services"] == [] and set(seen["actions"]) == {"add_service", "record_follow_up"}
    assert "uncle" not in str(seen) and "Kasur" not in str(seen)
    listed = shelter.get("/api/support/plans").json()
    assert [item["id"] for item in listed["items"]] == [plan["id"]]
    own = shelter.post(
        f"{base}/services",
        {
            "service": "shelter",
            "provider": support.shelter_org.pk,
            "referral": referral.pk,
            "planned_start": str(days_ago(0)),
            "status": "in_progress",
            "started_on": str(days_ago(0)),
        },
    )
    assert own.status_code == 201 and own.json()["referral"] == referral.reference
    other = shelter.post(
        f"{base}/services",
        {"service": "medical", "provider": support.legal_org.pk, "planned_start": str(days_ago(0))},
    )
    assert other.status_code == 422 and "provider" in other.json()["errors"]
    assert shelter.post(f"{base}/close", {}).status_code == 403
    referral_services.referral_complete(user=support.shelter, referral=referral, outcome="Done")
    assert shelter.get(base).status_code == 404
    assert shelter.get("/api/support/plans").json()["count"] == 0


def test_reading_a_plan_and_a_journey_is_audited(support, api_as):
    owner = api_as(support.world.owner)
    plan = _open(owner, support).json()
    owner.get(f"/api/support/plans/{plan['id']}")
    assert AuditEntry.objects.filter(
        object_type="support_plan", action=AuditAction.VIEW, person_id=support.world.victim.pk
    ).exists()
    world = support.world
    journey = owner.get(f"/api/support/journeys/{world.case.pk}/{world.victim.pk}")
    assert journey.status_code == 200
    assert "Support plan opened" in [item["title"] for item in journey.json()]
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, fields=["journey"]).exists()


def test_outsiders_get_404_and_partners_403(support, api_as):
    owner = api_as(support.world.owner)
    plan = _open(owner, support).json()
    base = f"/api/support/plans/{plan['id']}"
    world = support.world
    for user in (world.outsider, world.analyst, support.lawyer):
        client = api_as(user)
        assert client.get(base).status_code == 404
        assert (
            client.post(f"{base}/follow-ups", {"method": "phone", "outcome": "x"}).status_code
            == 404
        )
        assert (
            client.get(f"/api/support/journeys/{world.case.pk}/{world.victim.pk}").status_code
            == 404
        )
        assert _open(client, support).status_code == 404
    partner = api_as(world.partner)
    assert partner.get(base).status_code == 200
    response = partner.patch(base, {"goals": "x"})
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"


def test_a_second_open_plan_and_unknown_codes_are_validation_problems(support, api_as):
    owner = api_as(support.world.owner)
    assert _open(owner, support).status_code == 201
    second = _open(owner, support)
    assert second.status_code == 422
    bad = _open(owner, support, needs=["investigation"], person=support.second_victim.pk)
    assert bad.status_code == 422 and "needs" in bad.json()["errors"]
