"""The triage queue says how late a report is as people would: "13 days 5 hours overdue", not
"19069 min overdue", in English and in Urdu."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rahai.core.templatetags.rahai_text import duration_text
from rahai.hotline.access import system_contacts
from rahai.hotline.intake import ReportData, web_report_submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, "0 minutes"),
        (1, "1 minute"),
        (59, "59 minutes"),
        (60, "1 hour"),
        (61, "1 hour 1 minute"),
        (317, "5 hours 17 minutes"),
        (1440, "1 day"),
        (1500, "1 day 1 hour"),
        (19069, "13 days 5 hours"),
        (-19069, "13 days 5 hours"),
    ],
)
def test_a_length_of_time_reads_in_minutes_hours_or_days(minutes, words):
    assert duration_text(minutes) == words


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "1 منٹ"),
        (45, "45 منٹ"),
        (61, "1 گھنٹہ 1 منٹ"),
        (317, "5 گھنٹے 17 منٹ"),
        (1440, "1 دن"),
        (19069, "13 دن 5 گھنٹے"),
    ],
)
def test_a_length_of_time_reads_in_urdu_with_its_plural_forms(minutes, words):
    with translation.override("ur"):
        assert duration_text(minutes) == words


def _report_due(minutes_from_now: int):
    contact, _pin = web_report_submit(
        data=ReportData(narrative="A boy works at a kiln for a loan", language="en"), uploads=[]
    )
    due = timezone.now() + timedelta(minutes=minutes_from_now, seconds=30)
    system_contacts(purpose="test").filter(pk=contact.pk).update(sla_due_at=due)
    return contact


def test_the_queue_shows_a_late_report_in_days_and_hours(client, login, hotline):
    _report_due(-19069)
    page = login(hotline.operator).get(reverse("hotline:queue")).content.decode()
    assert "13 days 5 hours overdue" in page
    assert "19069" not in page and "19068" not in page


def test_the_queue_shows_the_time_left_in_hours_and_minutes(client, login, hotline):
    _report_due(317)
    page = login(hotline.operator).get(reverse("hotline:queue")).content.decode()
    assert "5 hours 17 minutes left" in page


def test_the_queue_shows_lateness_in_urdu(client, login, hotline):
    _report_due(-19069)
    _report_due(45)
    client = login(hotline.operator)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("hotline:queue")).content.decode()
    assert 'dir="rtl"' in page
    assert "13 دن 5 گھنٹے کی تاخیر" in page
    assert "45 منٹ باقی" in page
    assert "overdue" not in page and "minutes" not in page
