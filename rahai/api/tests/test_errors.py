"""Every error is RFC 7807 problem+json, and none of them gives away data or existence."""

import logging

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert set(body) >= PROBLEM_KEYS and body["status"] == status
    return body


def test_missing_token_is_a_401_problem(world, api_as):
    _problem(api_as(None).get("/api/cases"), 401)


def test_editing_a_shared_case_is_a_403_problem(world, api_as):
    _problem(api_as(world.partner).patch(f"/api/cases/{world.case.pk}", {"title": "x"}), 403)


def test_hidden_case_is_a_404_problem(world, api_as):
    _problem(api_as(world.outsider).get(f"/api/cases/{world.case.pk}"), 404)


def test_validation_error_is_a_422_problem_with_errors(world, api_as):
    body = _problem(api_as(world.owner).post("/api/cases", {}), 422)
    assert body["errors"]["case_types"] and body["errors"]["district"]


def test_not_allowed_and_not_existing_look_exactly_the_same(world, api_as):
    outsider = api_as(world.outsider)
    hidden = outsider.get(f"/api/cases/{world.case.pk}")
    missing = outsider.get("/api/cases/987654")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    hidden = outsider.get(f"/api/persons/{world.victim.pk}")
    missing = outsider.get("/api/persons/987654")
    assert hidden.content == missing.content
    # Writing to a hidden case is a 404 too, never a 403 that would confirm it exists.
    assert outsider.patch(f"/api/cases/{world.case.pk}", {"title": "x"}).content == missing.content
    assert (
        outsider.post(f"/api/cases/{world.case.pk}/notes", {"body": "x"}).content
        == outsider.post("/api/cases/987654/notes", {"body": "x"}).content
    )


def test_unknown_api_paths_are_404_problems(world, api_as):
    api = api_as(world.owner)
    _problem(api.get("/api/nothing-here"), 404)
    _problem(api.get("/api/cases/not-a-number"), 404)


def test_unexpected_failure_is_a_generic_500_without_the_exception_text(
    world, api_as, monkeypatch, caplog
):
    def explode(**kwargs):
        raise RuntimeError("Muhammad Imran Khan 35202-1234567-1")

    monkeypatch.setattr("rahai.cases.api_parts.note_create", explode)
    with caplog.at_level(logging.ERROR):
        response = api_as(world.owner).post(f"/api/cases/{world.case.pk}/notes", {"body": "hello"})
    body = _problem(response, 500)
    assert "Imran" not in response.content.decode() and "35202" not in response.content.decode()
    assert "RuntimeError" not in body["detail"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError" in logged
    assert "Imran" not in logged and "35202" not in logged


def test_error_responses_follow_the_request_language(world, api_as):
    response = api_as(world.outsider).get(
        f"/api/cases/{world.case.pk}", headers={"Accept-Language": "ur"}
    )
    assert response.status_code == 404
    assert response["Content-Language"] == "ur"
    with translation.override("ur"):
        urdu = translation.gettext("Not found")
    if urdu == "Not found":
        pytest.skip("the Urdu catalogue does not translate this message yet")
    assert response.json()["title"] == urdu


def test_validation_messages_follow_the_request_language(world, api_as):
    response = api_as(world.owner).post(
        "/api/cases", {"case_types": ["smuggling"]}, headers={"Accept-Language": "ur"}
    )
    assert response.status_code == 422
    with translation.override("ur"):
        urdu = translation.gettext("This field is required.")
    if urdu == "This field is required.":
        pytest.skip("the Urdu catalogue does not translate this message yet")
    assert response.json()["errors"]["district"] == [urdu]


def test_api_responses_are_never_cached(world, api_as):
    response = api_as(world.owner).get(f"/api/cases/{world.case.pk}")
    assert "no-store" in response["Cache-Control"]
