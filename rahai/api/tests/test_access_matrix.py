"""Every API endpoint against every kind of caller: owner, partner, supervisor, outsider,
analyst and anonymous. Who may not see a case gets a 404, exactly as for a case that does not
exist; who may see but not change it gets a 403."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rahai.cases.models import RoleKind
from rahai.cases.services import event_create, note_create

pytestmark = pytest.mark.django_db

RECENT = (timezone.localdate() - timedelta(days=30)).isoformat()

# (name, method, path, body, expected status by caller)
# Codes: 200/201/204 success, 403 forbidden, 404 not found, "list" a list holding the world's
# case or victim, "empty" an empty list.
READ = {"owner": 200, "partner": 200, "supervisor": 200, "outsider": 404, "analyst": 404}
OWNER_WRITES = {"partner": 403, "supervisor": 403, "outsider": 404, "analyst": 404}
LIST = {
    "owner": "list",
    "partner": "list",
    "supervisor": "list",
    "outsider": "empty",
    "analyst": "empty",
}
ANY_CASE_WORKER_CREATES = {
    "owner": 201,
    "partner": 201,
    "supervisor": 201,
    "outsider": 201,
    "analyst": 403,
}
REFERENCE = {"owner": 200, "partner": 200, "supervisor": 200, "outsider": 200, "analyst": 200}

ENDPOINTS = [
    ("list cases", "get", "/api/cases", None, LIST),
    ("search cases", "post", "/api/cases/search", {"q": "Imran Khan"}, LIST),
    (
        "create case",
        "post",
        "/api/cases",
        {"case_types": ["smuggling"], "district": "LHR", "opened_on": RECENT},
        ANY_CASE_WORKER_CREATES,
    ),
    ("read case", "get", "/api/cases/{case}", None, READ),
    (
        "change case",
        "patch",
        "/api/cases/{case}",
        {"title": "Renamed"},
        {"owner": 200, **OWNER_WRITES},
    ),
    (
        "share case",
        "post",
        "/api/cases/{case}/shares",
        {"organisation": "{outsider_org}"},
        {"owner": 201, **OWNER_WRITES},
    ),
    (
        "stop sharing",
        "delete",
        "/api/cases/{case}/shares/{share}",
        None,
        {"owner": 204, **OWNER_WRITES},
    ),
    ("list roles", "get", "/api/cases/{case}/roles", None, READ),
    (
        "add role",
        "post",
        "/api/cases/{case}/roles",
        {"role": "witness", "person": {"given_name": "Bashir", "family_name": "Ahmed"}},
        {"owner": 201, **OWNER_WRITES},
    ),
    (
        "change role",
        "patch",
        "/api/cases/{case}/roles/{role}",
        {"trafficking_status": "actual"},
        {"owner": 200, **OWNER_WRITES},
    ),
    (
        "remove role",
        "delete",
        "/api/cases/{case}/roles/{role}",
        None,
        {"owner": 204, **OWNER_WRITES},
    ),
    ("list events", "get", "/api/cases/{case}/events", None, READ),
    (
        "add event",
        "post",
        "/api/cases/{case}/events",
        {"event_type": "transit", "country": "IR", "place": "Taftan"},
        {"owner": 201, **OWNER_WRITES},
    ),
    (
        "change event",
        "patch",
        "/api/cases/{case}/events/{event}",
        {"place": "Shahdara"},
        {"owner": 200, **OWNER_WRITES},
    ),
    (
        "delete event",
        "delete",
        "/api/cases/{case}/events/{event}",
        None,
        {"owner": 204, **OWNER_WRITES},
    ),
    ("list notes", "get", "/api/cases/{case}/notes", None, READ),
    (
        "add note",
        "post",
        "/api/cases/{case}/notes",
        {"body": "Shelter place found."},
        {"owner": 201, "partner": 201, "supervisor": 201, "outsider": 404, "analyst": 404},
    ),
    ("case timeline", "get", "/api/cases/{case}/timeline", None, READ),
    ("list persons", "get", "/api/persons", None, LIST),
    ("search persons", "post", "/api/persons/search", {"q": "Imran Khan"}, LIST),
    ("create person", "post", "/api/persons", {"given_name": "Nasreen"}, ANY_CASE_WORKER_CREATES),
    ("read person", "get", "/api/persons/{person}", None, READ),
    (
        "change person",
        "patch",
        "/api/persons/{person}",
        {"address": "Kasur"},
        {"owner": 200, **OWNER_WRITES},
    ),
    ("list provinces", "get", "/api/provinces", None, REFERENCE),
    ("list districts", "get", "/api/districts?province=PB", None, REFERENCE),
    ("list countries", "get", "/api/countries", None, REFERENCE),
]
CALLERS = ["owner", "partner", "supervisor", "outsider", "analyst"]


def _ids(world) -> dict[str, int]:
    event = event_create(
        user=world.owner,
        case=world.case,
        data={"event_type": "recruitment", "district": world.case.district},
    )
    note_create(user=world.owner, case=world.case, body="First contact through the hotline.")
    return {
        "case": world.case.pk,
        "person": world.victim.pk,
        "role": world.case.roles.get(person=world.victim, role=RoleKind.VICTIM).pk,
        "event": event.pk,
        "share": world.case.shares.get(organisation=world.partner_org).pk,
        "outsider_org": world.outsider_org.pk,
    }


def _fill(value, ids):
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in ids:
            return ids[value[1:-1]]
        return value.format(**ids)
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


def _check(response, expected, world, label):
    if expected in ("list", "empty"):
        assert response.status_code == 200, label
        body = response.json()
        assert set(body) == {"count", "page", "page_size", "items"}, label
        if expected == "empty":
            assert body["count"] == 0 and body["items"] == [], label
        else:
            ids = {item["id"] for item in body["items"]}
            assert world.case.pk in ids or world.victim.pk in ids, label
    else:
        assert response.status_code == expected, (
            f"{label}: {response.status_code} {response.content[:300]}"
        )
        if expected >= 400:
            assert response["Content-Type"].startswith("application/problem+json"), label


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"),
    ENDPOINTS,
    ids=[endpoint[0] for endpoint in ENDPOINTS],
)
def test_each_caller_gets_what_the_access_layer_allows(
    world, api_as, caller, name, method, path, body, expected
):
    ids = _ids(world)
    client = api_as(getattr(world, caller))
    response = client.request(method, _fill(path, ids), _fill(body, ids))
    _check(response, expected[caller], world, f"{caller} {name}")


@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"),
    ENDPOINTS,
    ids=[endpoint[0] for endpoint in ENDPOINTS],
)
def test_anonymous_caller_gets_401_problem_on_every_endpoint(
    world, api_as, name, method, path, body, expected
):
    ids = _ids(world)
    response = api_as(None).request(method, _fill(path, ids), _fill(body, ids))
    assert response.status_code == 401, name
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_auditor_sees_no_cases_or_persons(world, api_as):
    client = api_as(world.auditor)
    assert client.get("/api/cases").json()["count"] == 0
    assert client.get("/api/persons").json()["count"] == 0
    assert client.get(f"/api/cases/{world.case.pk}").status_code == 404
    assert client.get(f"/api/persons/{world.victim.pk}").status_code == 404


def test_partner_loses_access_when_the_share_is_revoked(world, api_as):
    owner, partner = api_as(world.owner), api_as(world.partner)
    share = world.case.shares.get(organisation=world.partner_org)
    assert partner.get(f"/api/cases/{world.case.pk}").status_code == 200
    assert owner.delete(f"/api/cases/{world.case.pk}/shares/{share.pk}").status_code == 204
    assert partner.get(f"/api/cases/{world.case.pk}").status_code == 404
    assert partner.get(f"/api/persons/{world.victim.pk}").status_code == 404
    assert partner.get("/api/cases").json()["count"] == 0


def test_restricted_case_is_hidden_from_owner_colleagues_outside_the_team(world, api_as):
    from rahai.testing import make_user, restricted_team

    colleague = make_user("colleague", world.owner_org, "investigator")
    team = restricted_team(world, world.owner)
    owner = api_as(world.owner)
    response = owner.patch(
        f"/api/cases/{world.case.pk}", {"sensitivity": "restricted", "team": team.pk}
    )
    assert response.status_code == 200, response.content
    assert api_as(colleague).get(f"/api/cases/{world.case.pk}").status_code == 404
    assert api_as(world.partner).get(f"/api/cases/{world.case.pk}").status_code == 404
    assert owner.get(f"/api/cases/{world.case.pk}").status_code == 200


def test_case_cannot_be_restricted_to_a_team_the_user_is_not_on(world, api_as):
    from rahai.testing import restricted_team

    team = restricted_team(world, world.partner)
    response = api_as(world.owner).patch(
        f"/api/cases/{world.case.pk}", {"sensitivity": "restricted", "team": team.pk}
    )
    assert response.status_code == 422
    assert "team" in response.json()["errors"]


def test_sub_resources_of_another_case_are_not_found(world, api_as):
    ids = _ids(world)
    from rahai.testing import make_case

    other = make_case(world.owner)
    owner = api_as(world.owner)
    assert (
        owner.patch(f"/api/cases/{other.pk}/roles/{ids['role']}", {"role": "witness"}).status_code
        == 404
    )
    assert owner.delete(f"/api/cases/{other.pk}/events/{ids['event']}").status_code == 404
    assert owner.delete(f"/api/cases/{other.pk}/shares/{ids['share']}").status_code == 404


def test_role_cannot_link_a_person_the_user_cannot_see(world, api_as):
    from rahai.testing import make_case, make_person

    stranger = make_person(world.outsider, given_name="Hidden", family_name="Person")
    make_case(world.outsider)
    response = api_as(world.owner).post(
        f"/api/cases/{world.case.pk}/roles", {"role": "witness", "person_id": stranger.pk}
    )
    assert response.status_code == 422
    assert "person_id" in response.json()["errors"]
    assert not world.case.roles.filter(person=stranger).exists()
