"""Analysts get aggregates only: every page and API endpoint with personal data denies them.

Rather than a hand-kept list, the test walks the URL resolver for the personal-data sections of
the UI and reads the API's own OpenAPI schema for its paths, so a page or endpoint added later
is covered without anyone remembering to add it here.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

UI_SECTIONS = ("cases/", "persons/", "hotline/", "referrals/", "consent/", "linkage/")
API_SECTIONS = ("/api/cases", "/api/persons", "/api/referrals", "/api/transfers", "/api/contacts")
DENIED = {403, 404, 405}  # 405: a POST-only view refusing a GET shows nothing either


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def ui_routes() -> list[str]:
    routes = [r for r in _walk(get_resolver().url_patterns) if r.startswith(UI_SECTIONS)]
    assert len(routes) > 25, routes  # the walk found the sections
    return routes


def concrete(route: str, ids: dict[str, int]) -> str:
    """A URL for a route: every converter filled with an id that exists (or 1)."""

    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "int":
            return str(ids.get(name, 1))
        return "accept"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route).lstrip("^").rstrip("$")


def world_ids(world) -> dict[str, int]:
    from rahai.cases.models import CaseRole, Event

    role = CaseRole.objects.filter(case=world.case).first()
    event = Event.objects.filter(case=world.case).first()
    return {
        "case_id": world.case.pk,
        "person_id": world.victim.pk,
        "role_id": role.pk if role else 1,
        "event_id": event.pk if event else 1,
        "share_id": world.case.shares.first().pk,
    }


def test_the_analyst_is_denied_every_personal_data_page(world, login):
    from rahai.cases.services import event_create

    event_create(
        user=world.owner,
        case=world.case,
        data={"event_type": "exploitation", "district": world.case.district},
    )
    client = login(world.analyst)
    ids = world_ids(world)
    allowed = []
    for route in ui_routes():
        url = concrete(route, ids)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code not in DENIED:
                allowed.append((method.upper(), url, response.status_code))
    assert allowed == [], allowed


def test_the_analyst_is_denied_every_personal_data_endpoint(world, client):
    from django.test import Client

    from rahai.accounts.services import api_token_create
    from rahai.api.tests.conftest import ApiClient

    schema = client.get("/api/openapi.json").json()
    paths = {path: ops for path, ops in schema["paths"].items() if path.startswith(API_SECTIONS)}
    assert "/api/cases/{case_id}" in paths and "/api/persons/{person_id}" in paths
    ids = world_ids(world)
    _token, raw = api_token_create(user=world.analyst, name="tests")
    api = ApiClient(Client(), raw)
    allowed = []
    for path, operations in paths.items():
        url = re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), 1)), path)
        for method in operations:
            body = {} if method in {"post", "patch", "put"} else None
            if url.endswith("/search"):
                body = {"q": "Muhammad Imran Khan"}  # a search that would find the World's victim
            response = api.request(method, url, body)
            if response.status_code in DENIED:
                continue
            if response.status_code == 422 and method != "get":
                # The body was refused before the access check; send what the endpoint wants?
                # No: a 422 reveals nothing, and the access matrix covers valid bodies.
                continue
            if response.status_code == 200 and (method == "get" or url.endswith("/search")):
                body = response.json()
                items = body.get("items") if isinstance(body, dict) else body
                if items == [] or (isinstance(body, dict) and body.get("count") == 0):
                    continue  # an empty list: nothing seen
            allowed.append((method.upper(), url, response.status_code))
    assert allowed == [], allowed


def test_the_walk_finds_new_pages_by_itself():
    routes = ui_routes()
    assert any(r.startswith("cases/<int:case_id>/") for r in routes)
    assert any(r.startswith("hotline/contacts/") for r in routes)
    assert any(r.startswith("linkage/") for r in routes)
