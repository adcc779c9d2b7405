"""The day before a court date, the case's staff and the prosecutors it is shared with are
reminded (in the app and by email), once, with the case reference and a link, never a name."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from rahai.justice import services
from rahai.justice.reminders import remind_hearings
from rahai.justice.tests.court_world import days_ago, prosecution_office
from rahai.notifications.models import Notification

pytestmark = pytest.mark.django_db


def tomorrow():
    return timezone.localdate() + timedelta(days=1)


def hearing(world, *, held: int, next_on):
    return services.hearing_add(
        user=world.owner, case=world.case, held_on=days_ago(held), next_on=next_on
    )


def reminded_users() -> set:
    return set(
        Notification.objects.filter(kind="justice.hearing_tomorrow").values_list(
            "user__username", flat=True
        )
    )


def test_the_case_staff_are_reminded_the_day_before_once(world):
    hearing(world, held=20, next_on=tomorrow())
    assert remind_hearings() == 1
    assert world.owner.username in reminded_users()
    notification = Notification.objects.get(user=world.owner, kind="justice.hearing_tomorrow")
    assert notification.reference == world.case.reference
    assert notification.link.endswith(f"/cases/{world.case.pk}/#court")
    assert remind_hearings() == 0
    assert Notification.objects.filter(user=world.owner).count() == 1


def test_the_email_names_the_case_reference_and_no_person(
    world, django_capture_on_commit_callbacks
):
    world.owner.email = "investigator@example.org"
    world.owner.save()
    hearing(world, held=20, next_on=tomorrow())
    with django_capture_on_commit_callbacks(execute=True):
        remind_hearings()
    (email,) = [m for m in mail.outbox if "investigator@example.org" in m.to]
    assert world.case.reference in email.subject
    assert world.victim.given_name not in email.body


def test_a_date_the_court_moved_or_two_days_away_is_not_reminded(world):
    hearing(world, held=30, next_on=tomorrow())
    hearing(world, held=1, next_on=tomorrow() + timedelta(days=20))  # adjourned further
    assert remind_hearings() == 0
    assert remind_hearings(today=timezone.localdate() + timedelta(days=20)) == 1


def test_the_prosecutors_the_case_is_shared_with_are_reminded_and_outsiders_never(world):
    _office, prosecutor = prosecution_office(world)
    hearing(world, held=10, next_on=tomorrow())
    remind_hearings()
    users = reminded_users()
    assert prosecutor.username in users and world.owner.username in users
    assert world.outsider.username not in users and world.analyst.username not in users


def test_the_cron_command_reminds_too(world):
    hearing(world, held=10, next_on=tomorrow())
    out = StringIO()
    call_command("referrals_check_sla", stdout=out)
    assert "1 court hearing(s) tomorrow: reminded." in out.getvalue()
