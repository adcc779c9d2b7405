"""Bearer tokens are the API's way in; the signed-in web session works too (for /api/docs)."""

import pytest
from django.test import Client
from django.utils import timezone

from rahai.accounts.services import api_token_create, api_token_revoke
from rahai.audit.models import AuditAction, AuditEntry
from rahai.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _get(token_header: str):
    return Client().get("/api/cases", headers={"Authorization": token_header})


def test_valid_token_authenticates_and_records_its_use(world):
    token, raw = api_token_create(user=world.owner, name="script")
    response = _get(f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer rh_wrong",
        "Bearer ",
        "Token rh_wrong",
        "Basic b3duZXI6cGFzc3dvcmQ=",
        "rh_wrong",
    ],
)
def test_any_bad_authorization_header_is_a_401_and_audited(world, header):
    response = _get(header)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert AuditEntry.objects.filter(action=AuditAction.API_AUTH_FAILED).count() == 1


def test_revoked_token_is_refused(world):
    token, raw = api_token_create(user=world.owner, name="script")
    api_token_revoke(user=world.owner, token=token)
    assert _get(f"Bearer {raw}").status_code == 401


def test_token_of_a_deactivated_user_is_refused(world):
    _token, raw = api_token_create(user=world.owner, name="script")
    world.owner.is_active = False
    world.owner.save(update_fields=["is_active"])
    assert _get(f"Bearer {raw}").status_code == 401


def test_bad_token_does_not_fall_back_to_the_session(world, login):
    client = login(world.owner)
    assert client.get("/api/cases").status_code == 200
    response = client.get("/api/cases", headers={"Authorization": "Bearer rh_wrong"})
    assert response.status_code == 401


def test_signed_in_session_can_read_and_write_with_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="owner", password=PASSWORD)
    assert client.get(f"/api/cases/{world.case.pk}").status_code == 200
    url = f"/api/cases/{world.case.pk}/notes"
    refused = client.post(url, {"body": "x"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    client.get("/api/docs")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        url,
        {"body": "From the docs page"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert accepted.status_code == 201, accepted.content


def test_anonymous_write_is_401_not_a_csrf_403(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/cases",
        {"case_types": ["smuggling"], "district": "LHR"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_token_works_without_csrf(world):
    _token, raw = api_token_create(user=world.owner, name="script")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/api/cases/{world.case.pk}/notes",
        {"body": "From a script"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201
    assert timezone.now()
