"""Committees over the API: the same access layer and services as the web pages."""

import pytest

from rahai.committees import services_meetings

pytestmark = pytest.mark.django_db


def test_a_member_lists_and_reads_committees_meetings_and_action_items(dvc, api_as):
    client = api_as(dvc.world.owner)
    listing = client.get("/api/committees").json()
    assert [c["name"] for c in listing["items"]] == ["District Vigilance Committee, Lahore"]
    assert listing["items"][0]["open_actions"] == 2
    committee = client.get(f"/api/committees/{dvc.committee.pk}").json()
    assert committee["district"] == "LHR" and committee["can_edit"] is False
    assert [m["role"] for m in committee["members"]][0] == "chair"
    assert "محمد اشرف" in [m["person_name"] for m in committee["members"]]
    meetings = client.get(f"/api/committees/{dvc.committee.pk}/meetings").json()
    assert [m["id"] for m in meetings["items"]] == [dvc.meeting.pk]
    meeting = client.get(f"/api/committees/meetings/{dvc.meeting.pk}").json()
    assert [a["title"] for a in meeting["agenda"]] == [
        "Bonded labour complaints",
        "Inspection of kilns",
    ]
    assert meeting["quorum"]["recorded"] is False and len(meeting["actions"]) == 2
    actions = client.get("/api/committees/actions", {"committee": dvc.committee.pk}).json()
    assert actions["count"] == 2


def test_the_assignee_reports_progress_over_the_api(dvc, api_as):
    client = api_as(dvc.world.partner)
    action = client.get(f"/api/committees/actions/{dvc.ngo_action.pk}").json()
    assert action["statuses"] == ["open", "in_progress", "done"]
    response = client.post(
        f"/api/committees/actions/{dvc.ngo_action.pk}/status",
        {"status": "in_progress", "note": "Three kilns visited."},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "in_progress"
    assert body["history"][-1]["note"] == "Three kilns visited."
    other = client.post(
        f"/api/committees/actions/{dvc.labour_action.pk}/status", {"status": "done"}
    )
    assert other.status_code == 403
    assert other["Content-Type"] == "application/problem+json"


def test_outsiders_get_404_as_problem_json(dvc, api_as):
    for user in (dvc.world.outsider, dvc.world.analyst):
        client = api_as(user)
        for path in (
            f"/api/committees/{dvc.committee.pk}",
            f"/api/committees/{dvc.committee.pk}/meetings",
            f"/api/committees/meetings/{dvc.meeting.pk}",
            f"/api/committees/actions/{dvc.ngo_action.pk}",
        ):
            response = client.get(path)
            assert response.status_code == 404, path
            assert response["Content-Type"] == "application/problem+json"
        assert client.get("/api/committees").json()["count"] == 0
        assert client.get("/api/committees/actions").json()["count"] == 0
        response = client.post(
            f"/api/committees/actions/{dvc.ngo_action.pk}/status", {"status": "done"}
        )
        assert response.status_code == 404


def test_invalid_status_updates_are_validation_problems(dvc, api_as):
    client = api_as(dvc.world.partner)
    path = f"/api/committees/actions/{dvc.ngo_action.pk}/status"
    assert client.post(path, {"status": "finished"}).json()["errors"]["status"] == [
        "Choose from the list."
    ]
    response = client.post(path, {"status": "dropped", "note": "Not ours"})
    assert response.status_code == 422
    assert response.json()["errors"]["status"] == ["You may not set this action item to dropped."]
    response = client.post(path, {"status": "open", "note": "CNIC 35202-1234567-1"})
    assert response.status_code == 422 and "personal data" in response.json()["errors"]["note"][0]
    assert "35202" not in response.content.decode()


def test_minutes_read_over_the_api_name_cases_by_reference_only(dvc, api_as):
    item = dvc.meeting.agenda_items.first()
    services_meetings.agenda_item_update(
        user=dvc.secretary,
        item=item,
        title=item.title,
        minutes=f"Case {dvc.world.case.reference} discussed.",
    )
    body = api_as(dvc.dvc_analyst).get(f"/api/committees/meetings/{dvc.meeting.pk}").content
    text = body.decode()
    assert dvc.world.case.reference in text
    assert "Imran" not in text and "35202" not in text


def test_the_committee_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/committees",
        "/api/committees/{committee_id}",
        "/api/committees/{committee_id}/meetings",
        "/api/committees/meetings/{meeting_id}",
        "/api/committees/actions",
        "/api/committees/actions/{action_id}",
        "/api/committees/actions/{action_id}/status",
    ):
        assert path in paths, path
