"""The law for API clients: GET /api/laws and GET /api/offences, read-only, any signed-in user
or API token (like the other reference data), never anonymous."""

import pytest

from rahai.accounts.services import api_token_create
from rahai.justice.reference import law_rows

pytestmark = pytest.mark.django_db


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_laws_come_with_their_offences(world, login):
    laws = items(login(world.analyst).get("/api/laws", {"page_size": 100}))
    assert [law["code"] for law in laws] == [row["code"] for row in law_rows()]
    ptpa = laws[0]
    assert ptpa["citation"] == "Act XXXIV of 2018" and ptpa["province"] is None
    assert ptpa["theme"] == "trafficking"
    section_3 = next(o for o in ptpa["offences"] if o["section"] == "3")
    assert section_3["penalty"].startswith("Up to 7 years")
    assert section_3["max_years"] == 7.0 and section_3["max_fine_rs"] == 1_000_000
    assert section_3["url"] == "/laws/#ptpa-2018-3" and section_3["law"] == "ptpa-2018"
    sindh = next(law for law in laws if law["code"] == "sindh-blsaa-2015")
    assert sindh["province"] == "SD" and sindh["offences"] == []


def test_laws_can_be_filtered_by_theme(world, login):
    laws = items(login(world.owner).get("/api/laws", {"theme": "smuggling"}))
    assert [law["code"] for law in laws] == ["psma-2018"]
    assert login(world.owner).get("/api/laws", {"theme": "nonsense"}).status_code == 422


def test_offences_filter_to_those_that_can_be_charged(world, login):
    client = login(world.owner)
    chargeable = items(client.get("/api/offences", {"chargeable": "true", "page_size": 100}))
    assert chargeable and all(offence["chargeable"] for offence in chargeable)
    keys = {(o["law"], o["section"]) for o in chargeable}
    assert ("ptpa-2018", "3") in keys
    assert ("ppc-1860", "369-A") not in keys and ("ptpa-2018", "6") not in keys
    others = items(client.get("/api/offences", {"chargeable": "false", "page_size": 100}))
    assert ("ppc-1860", "369-A") in {(o["law"], o["section"]) for o in others}
    assert not any(offence["chargeable"] for offence in others)


def test_offences_are_searched_like_the_law_page(world, login):
    client = login(world.owner)
    found = items(client.get("/api/offences", {"q": "366"}))
    assert [(o["law"], o["section"]) for o in found] == [
        ("ppc-1860", "366-A"),
        ("ppc-1860", "366-B"),
    ]
    slave = items(client.get("/api/offences", {"q": "slave", "chargeable": "true"}))
    assert [o["section"] for o in slave] == ["367", "370", "371"]
    psma = items(client.get("/api/offences", {"law": "psma-2018"}))
    assert [o["section"] for o in psma] == ["3", "4"] and all(o["needs_verification"] for o in psma)


def test_an_api_token_reads_the_law(world, client):
    _token, raw = api_token_create(user=world.analyst, name="law reader")
    response = client.get("/api/offences", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200 and response.json()["count"] > 20


def test_anonymous_callers_are_refused(client):
    assert client.get("/api/laws").status_code == 401
    assert client.get("/api/offences").status_code == 401


def test_the_law_is_read_only(world, login):
    client = login(world.owner)
    assert client.post("/api/laws", {}, content_type="application/json").status_code == 405
    assert client.post("/api/offences", {}, content_type="application/json").status_code == 405


def test_the_openapi_schema_lists_the_law_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/laws"]) == {"get"} and set(paths["/api/offences"]) == {"get"}
