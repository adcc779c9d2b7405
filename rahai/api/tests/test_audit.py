"""Reading personal data through the API leaves a trace; a rejected token does too."""

import pytest

from rahai.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def test_reading_a_case_is_audited_as_a_view(world, api_as):
    api_as(world.partner).get(f"/api/cases/{world.case.pk}", headers={"X-Forwarded-For": "1.2.3.4"})
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).get()
    assert entry.actor == world.partner and entry.organisation_id == world.partner_org.pk
    assert entry.object_type == "case" and entry.case_id == world.case.pk
    assert entry.ip_address == "127.0.0.1"


def test_reading_a_person_is_audited_with_the_person(world, api_as):
    api_as(world.owner).get(f"/api/persons/{world.victim.pk}")
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).get()
    assert entry.object_type == "person" and entry.person_id == world.victim.pk
    assert entry.actor == world.owner


@pytest.mark.parametrize("part", ["roles", "events", "notes"])
def test_reading_a_case_part_is_audited(world, api_as, part):
    api_as(world.owner).get(f"/api/cases/{world.case.pk}/{part}")
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).get()
    assert entry.case_id == world.case.pk and entry.fields == [part]


def test_a_refused_read_is_not_audited_as_a_view(world, api_as):
    api_as(world.outsider).get(f"/api/cases/{world.case.pk}")
    api_as(world.outsider).get(f"/api/persons/{world.victim.pk}")
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


def test_changes_through_the_api_are_audited_by_the_services(world, api_as):
    api_as(world.owner).patch(f"/api/cases/{world.case.pk}", {"title": "Kiln, 6 persons"})
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_type="case").get()
    assert entry.fields == ["title"] and entry.actor == world.owner


def test_timeline_lists_changes_with_field_names_only(world, api_as):
    api = api_as(world.owner)
    api.patch(f"/api/cases/{world.case.pk}", {"summary": "Secret detail about the victim"})
    api.get(f"/api/cases/{world.case.pk}")
    items = api.get(f"/api/cases/{world.case.pk}/timeline").json()["items"]
    assert items[0] == {
        **items[0],
        "actor": "owner",
        "action": "update",
        "object_type": "case",
        "fields": ["summary"],
    }
    assert all(item["action"] != "view" for item in items)
    assert "Secret" not in str(items)


def test_rejected_token_is_audited_without_the_token(world, api_as, client):
    bad = "rh_this-is-not-a-real-token-0123456789"
    response = client.get("/api/cases", headers={"Authorization": f"Bearer {bad}"})
    assert response.status_code == 401
    entry = AuditEntry.objects.filter(action=AuditAction.API_AUTH_FAILED).get()
    assert entry.actor is None and entry.ip_address == "127.0.0.1"
    stored = " ".join(
        str(value) for value in (entry.actor_label, entry.object_id, entry.fields, entry.details)
    )
    assert "rh_" not in stored and "0123456789" not in stored


def test_listing_persons_is_audited_even_without_a_search(world, api_as):
    api_as(world.owner).get("/api/persons")
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).get()
    assert entry.object_type == "person" and entry.fields == ["list"] and entry.person_id is None
