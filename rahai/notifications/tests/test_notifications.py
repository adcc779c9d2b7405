"""Notifications: idempotent by key, emailed after commit, only a reference and a link."""

import pytest
from django.core import mail
from django.urls import reverse

from rahai.notifications.kinds import message, register
from rahai.notifications.models import Notification
from rahai.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_a_key_makes_a_notification_idempotent(world):
    register("test.kind", "Test %(reference)s")
    notify([world.owner, world.partner], kind="test.kind", reference="RF-1", key="k1")
    notify([world.owner], kind="test.kind", reference="RF-1", key="k1")
    assert Notification.objects.filter(key="k1").count() == 2
    notify([world.owner], kind="test.kind", reference="RF-1")
    notify([world.owner], kind="test.kind", reference="RF-1")
    assert Notification.objects.filter(user=world.owner).count() == 3


def test_emails_go_out_after_commit_only(world, django_capture_on_commit_callbacks):
    world.owner.email = "owner@example.org"
    world.owner.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([world.owner], kind="referral.received", reference="RF-2026-000001", link="/x/")
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert "RF-2026-000001" in mail.outbox[0].subject
    assert "http://127.0.0.1:8000/x/" in mail.outbox[0].body


def test_an_unknown_kind_still_reads(world):
    assert "RF-9" in message("nope", "RF-9")


def test_the_list_shows_only_my_notifications_and_marks_them_read(world, login):
    notify([world.owner], kind="referral.received", reference="RF-A", link="/referrals/1/")
    notify([world.partner], kind="referral.received", reference="RF-B", link="/referrals/2/")
    client = login(world.owner)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "RF-A" in page and "RF-B" not in page
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=world.owner, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.partner, read_at__isnull=True).exists()


def test_an_offsite_link_is_never_followed(world, login):
    notify([world.owner], kind="referral.received", reference="RF-C", link="https://evil.example/")
    notification = Notification.objects.get(reference="RF-C")
    response = login(world.owner).post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")
