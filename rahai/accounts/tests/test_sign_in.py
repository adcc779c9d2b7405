import pytest
from django.urls import reverse

from rahai.audit.models import AuditAction, AuditEntry
from rahai.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_is_audited(world, client):
    response = client.post(reverse("accounts:login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action=AuditAction.SIGN_IN).latest("seq")
    assert entry.actor == world.owner


def test_failed_sign_in_is_audited_without_the_password(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": "owner", "password": "wrong-guess"}
    )
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    entry = AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED).latest("seq")
    assert entry.actor_label == "owner"
    assert "wrong-guess" not in str(entry.__dict__)


def test_sign_out_is_audited_and_needs_post(world, login):
    client = login(world.owner)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_OUT, actor=world.owner).exists()


def test_pages_behind_sign_in_are_not_cached(world, login):
    response = login(world.owner).get(reverse("cases:detail", args=[world.case.pk]))
    assert "no-store" in response["Cache-Control"]


def test_repeated_failures_are_throttled_and_audited_only_up_to_the_limit(world, client):
    from django.core.cache import cache

    cache.clear()
    for _ in range(12):
        client.post(reverse("accounts:login"), {"username": "owner", "password": "guess"})
    response = client.post(reverse("accounts:login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED).count() == 10
    cache.clear()
