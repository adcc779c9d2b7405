"""Consent over the API: the same access rules as the person page, and every read audited."""

import pytest

from rahai.audit.models import AuditAction, AuditEntry
from rahai.consent.services import has_consent

pytestmark = pytest.mark.django_db


def _body(coord, **overrides):
    body = {
        "purpose": "share_organisation",
        "decision": "given",
        "organisation": coord.shelter_org.pk,
        "language": "ur",
        "notes": "Explained in Urdu with her sister present.",
    }
    body.update(overrides)
    return body


def test_the_owner_records_lists_and_withdraws_consent(coord, api_as):
    victim = coord.world.victim
    client = api_as(coord.world.owner)
    created = client.post(f"/api/persons/{victim.pk}/consents", _body(coord))
    assert created.status_code == 201, created.content
    consent = created.json()
    assert consent["organisation"]["id"] == coord.shelter_org.pk and consent["in_force"]
    assert has_consent(victim, "share_organisation", coord.shelter_org)

    listed = client.get(f"/api/persons/{victim.pk}/consents").json()
    assert [item["id"] for item in listed] == [consent["id"]]
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="consent", person_id=victim.pk
    ).exists()

    withdrawn = client.post(f"/api/consents/{consent['id']}/withdraw", {"note": "Changed mind"})
    assert withdrawn.status_code == 200 and not withdrawn.json()["in_force"]
    assert not has_consent(victim, "share_organisation", coord.shelter_org)


def test_bad_input_is_a_validation_problem_and_nothing_is_saved(coord, api_as):
    victim = coord.world.victim
    client = api_as(coord.world.owner)
    response = client.post(f"/api/persons/{victim.pk}/consents", _body(coord, organisation=None))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "organisation" in response.json()["errors"]
    assert client.get(f"/api/persons/{victim.pk}/consents").json() == []


def test_outsiders_get_404_and_readers_cannot_record(coord, api_as):
    victim = coord.world.victim
    for user in (coord.world.outsider, coord.world.analyst, coord.shelter):
        client = api_as(user)
        assert client.get(f"/api/persons/{victim.pk}/consents").status_code == 404
        assert client.post(f"/api/persons/{victim.pk}/consents", _body(coord)).status_code == 404
    # The partner sees the case (it is shared with it) but may not change the person.
    partner = api_as(coord.world.partner)
    assert partner.get(f"/api/persons/{victim.pk}/consents").status_code == 200
    assert partner.post(f"/api/persons/{victim.pk}/consents", _body(coord)).status_code == 403
