"""The OpenAPI schema and the interactive docs render, with no assets from a CDN."""

import re

import pytest

pytestmark = pytest.mark.django_db

MAIN_PATHS = [
    "/api/cases",
    "/api/cases/{case_id}",
    "/api/cases/{case_id}/roles",
    "/api/cases/{case_id}/roles/{role_id}",
    "/api/cases/{case_id}/events",
    "/api/cases/{case_id}/events/{event_id}",
    "/api/cases/{case_id}/notes",
    "/api/cases/{case_id}/timeline",
    "/api/cases/{case_id}/shares",
    "/api/cases/{case_id}/shares/{share_id}",
    "/api/persons",
    "/api/persons/{person_id}",
    "/api/provinces",
    "/api/districts",
    "/api/countries",
]


def test_openapi_schema_renders_and_lists_the_main_paths(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Rahai API" and schema["info"]["version"] == "1"
    for path in MAIN_PATHS:
        assert path in schema["paths"], path
    assert set(schema["paths"]["/api/cases/{case_id}"]) == {"get", "patch"}
    assert {"get", "post"} <= set(schema["paths"]["/api/cases"])
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_openapi_schema_lists_choices_for_coded_fields(client):
    components = client.get("/api/openapi.json").json()["components"]["schemas"]
    case_in = components["CaseCreateIn"]["properties"]
    assert "smuggling" in str(case_in["case_types"])
    assert "closed_referred" in str(case_in["status"])


def test_docs_page_uses_the_swagger_assets_shipped_with_ninja(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(src.endswith("ninja/swagger-ui-bundle.js") for src in sources)
    assert all(not src.startswith(("http://", "https://", "//")) for src in sources), sources
    assert "cdn" not in html.lower()
    assert "https://" not in html


def test_swagger_assets_are_served(client):
    response = client.get("/static/ninja/swagger-ui-bundle.js")
    assert response.status_code == 200
