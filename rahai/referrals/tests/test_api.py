"""Referrals over the API: the same access layer, scope and state machine as the web pages."""

import pytest

pytestmark = pytest.mark.django_db


def _create(client, coord, **overrides):
    world = coord.world
    body = {
        "case": world.case.pk,
        "person": world.victim.pk,
        "to_organisation": coord.shelter_org.pk,
        "service": "shelter",
        "urgency": "emergency",
        "need": "Adult man, safe bed tonight",
        "reason": "Escaped from the kiln",
        "share_identity": True,
        "share_contact": False,
    }
    body.update(overrides)
    return client.post("/api/referrals", body)


def test_the_referrer_sends_and_the_receiver_answers_over_the_api(coord, api_as):
    coord.consent()
    owner = api_as(coord.world.owner)
    response = _create(owner, coord)
    assert response.status_code == 201, response.content
    referral = response.json()
    assert referral["shared"]["person"]["display_name"] == "Muhammad Imran Khan"
    assert referral["case"] == coord.world.case.pk

    shelter = api_as(coord.shelter)
    inbox = shelter.get("/api/referrals", {"box": "in"}).json()
    assert [item["reference"] for item in inbox["items"]] == [referral["reference"]]
    before = shelter.get(f"/api/referrals/{referral['id']}").json()
    assert before["shared"] is None and before["case"] is None
    assert "Imran" not in str(before) and "kiln" not in str(before)
    assert set(before["actions"]) == {"accept", "decline", "request_info"}

    accepted = shelter.post(f"/api/referrals/{referral['id']}/actions", {"action": "accept"})
    assert accepted.status_code == 200
    shared = accepted.json()["shared"]
    assert shared["person"]["display_name"] == "Muhammad Imran Khan"
    assert shared["person"]["phones"] == [] and shared["reason"] == "Escaped from the kiln"
    assert "35202" not in str(accepted.json()) and "Ghafoor" not in str(accepted.json())

    done = shelter.post(
        f"/api/referrals/{referral['id']}/actions", {"action": "complete", "outcome": "Housed"}
    )
    assert done.json()["status"] == "completed" and done.json()["shared"] is None


def test_outsiders_get_404_and_wrong_sides_403(coord, api_as):
    coord.consent()
    referral = _create(api_as(coord.world.owner), coord).json()
    for user in (coord.world.outsider, coord.lawyer, coord.world.analyst):
        client = api_as(user)
        assert client.get(f"/api/referrals/{referral['id']}").status_code == 404
        assert (
            client.post(
                f"/api/referrals/{referral['id']}/actions", {"action": "accept"}
            ).status_code
            == 404
        )
        assert client.get("/api/referrals", {"box": "in"}).json()["count"] == 0
    response = api_as(coord.shelter).post(
        f"/api/referrals/{referral['id']}/actions", {"action": "revoke"}
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_missing_consent_is_a_validation_problem(coord, api_as):
    response = _create(api_as(coord.world.owner), coord)
    assert response.status_code == 422
    assert "consent" in response.json()["errors"]


def test_a_suspect_cannot_be_referred_and_unknown_notes_are_refused(coord, api_as):
    coord.consent(person=coord.suspect)
    response = _create(api_as(coord.world.owner), coord, person=coord.suspect.pk, notes=[999])
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"person", "notes"}


def test_the_outsider_cannot_refer_from_a_case_it_cannot_see(coord, api_as):
    coord.consent()
    assert _create(api_as(coord.world.outsider), coord).status_code == 404
    assert _create(api_as(coord.world.partner), coord).status_code == 403


def test_the_schema_lists_the_referral_paths(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/referrals",
        "/api/referrals/{referral_id}",
        "/api/referrals/{referral_id}/actions",
    } <= set(paths)
