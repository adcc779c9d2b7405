"""SLA clocks: one alert per overdue referral, in the app and by email, with no personal data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rahai.notifications.models import Notification
from rahai.referrals.access import access_referral
from rahai.referrals.services import referral_accept, referral_give_info, referral_request_info
from rahai.referrals.sla import check_sla

pytestmark = pytest.mark.django_db


def _overdue(coord, **overrides):
    coord.consent()
    referral = coord.refer(**overrides)
    referral.respond_by = timezone.now() - timedelta(minutes=1)
    referral.save(update_fields=["respond_by"])
    return referral


def test_an_unanswered_referral_alerts_the_receivers_supervisors_and_the_referrer(
    coord, django_capture_on_commit_callbacks
):
    referral = _overdue(coord)
    with django_capture_on_commit_callbacks(execute=True):
        result = check_sla()
    assert result.overdue_answers == 1
    alerted = set(
        Notification.objects.filter(kind="referral.overdue_response").values_list(
            "user__username", flat=True
        )
    )
    assert alerted == {"shelter-head", "owner"}
    notification = Notification.objects.filter(kind="referral.overdue_response").first()
    assert referral.reference in notification.text
    assert notification.link == reverse("referrals:detail", args=[referral.pk])


def test_the_check_is_idempotent(coord):
    _overdue(coord)
    check_sla()
    assert check_sla().total == 0
    assert Notification.objects.filter(kind="referral.overdue_response").count() == 2


def test_overdue_emails_carry_only_the_reference_and_a_link(
    coord, django_capture_on_commit_callbacks
):
    coord.world.owner.email = "owner@example.org"
    coord.world.owner.save()
    referral = _overdue(coord)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        check_sla()
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    message = mail.outbox[0]
    assert referral.reference in message.subject
    assert f"/referrals/{referral.pk}/" in message.body
    for secret in ("Imran", "Khan", "0300", "kiln", "safe bed", "Shahdara"):
        assert secret not in message.subject + message.body, secret


def test_answering_a_question_restarts_the_clock_and_the_alert(coord):
    referral = _overdue(coord)
    check_sla()
    referral_request_info(
        user=coord.shelter, referral=access_referral(coord.shelter, referral.pk), question="Age?"
    )
    referral_give_info(
        user=coord.world.owner,
        referral=access_referral(coord.world.owner, referral.pk),
        answer="30",
    )
    referral.refresh_from_db()
    assert referral.response_alerted_at is None and referral.respond_by > timezone.now()
    assert check_sla().total == 0
    referral.respond_by = timezone.now() - timedelta(minutes=1)
    referral.save(update_fields=["respond_by"])
    assert check_sla().overdue_answers == 1


def test_a_service_past_its_due_date_alerts_once(coord):
    coord.consent()
    referral = coord.refer(due_on=timezone.localdate())
    referral_accept(user=coord.shelter, referral=access_referral(coord.shelter, referral.pk))
    assert check_sla().total == 0
    later = timezone.now() + timedelta(days=2)
    result = check_sla(now=later)
    assert result.overdue_services == 1 and check_sla(now=later).total == 0
    alerted = set(
        Notification.objects.filter(kind="referral.overdue_service").values_list(
            "user__username", flat=True
        )
    )
    assert alerted == {"shelter", "shelter-head", "owner"}


def test_the_management_command_reports_what_it_did(coord):
    _overdue(coord)
    out = StringIO()
    call_command("referrals_check_sla", stdout=out)
    assert "1 referral(s) overdue for an answer" in out.getvalue()


def test_overdue_referrals_show_on_the_home_page_and_in_the_boxes(coord, login):
    referral = _overdue(coord)
    home = login(coord.shelter).get(reverse("core:home")).content.decode()
    assert "Overdue referrals" in home and referral.reference in home
    inbox = login(coord.shelter).get(reverse("referrals:list"), {"box": "in", "overdue": "1"})
    assert referral.reference in inbox.content.decode()
    outbox = login(coord.world.owner).get(reverse("referrals:list"), {"box": "out"})
    assert referral.reference in outbox.content.decode() and "Overdue" in outbox.content.decode()


def test_notifications_open_their_link_and_count_in_the_header(coord, login):
    referral = _overdue(coord)
    check_sla()
    client = login(coord.world.owner)
    home = client.get(reverse("core:home")).content.decode()
    assert "notification" in home
    notification = Notification.objects.get(
        user=coord.world.owner, kind="referral.overdue_response"
    )
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    # Someone else's notification is a 404.
    other = login(coord.shelter)
    assert other.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
