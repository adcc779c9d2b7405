"""Case transfers over the API: the receiver decides from a summary without names."""

import pytest

pytestmark = pytest.mark.django_db

REASON = "Victim was taken to Iran: transnational, FIA's jurisdiction."


def test_a_transfer_is_asked_for_and_accepted_over_the_api(world, fia, api_as):
    owner = api_as(world.owner)
    created = owner.post(
        "/api/transfers",
        {"case": world.case.pk, "to_organisation": fia.organisation.pk, "reason": REASON},
    )
    assert created.status_code == 201, created.content
    transfer = created.json()
    assert transfer["case"] == world.case.pk and transfer["actions"] == ["cancel"]

    receiver = api_as(fia)
    inbox = receiver.get("/api/transfers", {"box": "in"}).json()
    assert [item["id"] for item in inbox["items"]] == [transfer["id"]]
    seen = receiver.get(f"/api/transfers/{transfer['id']}").json()
    assert seen["case"] is None and seen["summary"]["victims"] == 1
    assert set(seen["actions"]) == {"accept", "decline"}
    assert "Imran" not in str(seen) and world.case.reference not in str(seen)

    accepted = receiver.post(f"/api/transfers/{transfer['id']}/actions", {"action": "accept"})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert accepted.json()["case"] == world.case.pk
    assert receiver.get(f"/api/cases/{world.case.pk}").status_code == 200


def test_declining_needs_a_note_and_the_requester_may_cancel(world, fia, api_as):
    owner, receiver = api_as(world.owner), api_as(fia)
    body = {"case": world.case.pk, "to_organisation": fia.organisation.pk, "reason": REASON}
    transfer = owner.post("/api/transfers", body).json()
    url = f"/api/transfers/{transfer['id']}/actions"
    refused = receiver.post(url, {"action": "decline"})
    assert refused.status_code == 422 and "note" in refused.json()["errors"]
    assert receiver.post(url, {"action": "cancel"}).status_code == 403
    cancelled = owner.post(url, {"action": "cancel"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_outsiders_get_404(world, fia, api_as):
    body = {"case": world.case.pk, "to_organisation": fia.organisation.pk, "reason": REASON}
    transfer = api_as(world.owner).post("/api/transfers", body).json()
    for user in (world.outsider, world.analyst):
        client = api_as(user)
        assert client.get(f"/api/transfers/{transfer['id']}").status_code == 404
        assert client.post("/api/transfers", body).status_code == 404
    # The partner sees the case but may not give it away.
    assert api_as(world.partner).post("/api/transfers", body).status_code == 403
