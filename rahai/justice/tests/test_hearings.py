"""Court hearings of a case: the rules, the log, and the hearings on the case page (the next
date first, then the past hearings), recorded with and without JavaScript."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rahai.audit.models import AuditEntry
from rahai.justice import services
from rahai.justice.tests.court_world import days_ago, make_court
from rahai.testing import make_org

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _hearing(world, **fields):
    data = {"held_on": days_ago(10), "summary": "Charge framed.", "next_on": days_ago(-14)}
    data.update(fields)
    return services.hearing_add(user=world.owner, case=world.case, **data)


def test_a_hearing_is_recorded_with_its_next_date_and_the_log_records_it(world):
    court = make_court()
    hearing = _hearing(world, court=court, court_case_number="Sessions Case 12/2026")
    assert (hearing.case, hearing.court, hearing.next_on) == (world.case, court, days_ago(-14))
    entry = AuditEntry.objects.get(object_type="hearing", action="create")
    assert entry.case_id == world.case.pk
    assert set(entry.fields) == {"held_on", "court", "court_case_number", "summary", "next_on"}


def test_a_hearing_cannot_be_in_the_future(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        _hearing(world, held_on=tomorrow, next_on=None)
    assert excinfo.value.message_dict == {"held_on": ["This date is in the future."]}


def test_a_hearing_needs_its_date(world):
    with pytest.raises(ValidationError) as excinfo:
        _hearing(world, held_on=None)
    assert excinfo.value.message_dict == {"held_on": ["Give the date of the hearing."]}


@pytest.mark.parametrize("next_days", [0, -1])
def test_the_next_hearing_comes_after_this_one(world, next_days):
    with pytest.raises(ValidationError) as excinfo:
        _hearing(world, held_on=days_ago(5), next_on=days_ago(5) + timedelta(days=next_days))
    assert excinfo.value.message_dict == {"next_on": ["The next hearing must come after this one."]}


def test_a_hearing_is_held_by_a_court(world):
    ngo = make_org("Legal Aid Society", kind="legal_aid")
    with pytest.raises(ValidationError) as excinfo:
        _hearing(world, court=ngo)
    assert excinfo.value.message_dict == {"court": ["Choose an organisation that is a court."]}


def test_a_hearing_is_changed_and_the_log_names_what_changed(world):
    hearing = _hearing(world)
    diff = services.hearing_update(
        user=world.owner, hearing=hearing, data={"next_on": days_ago(-21), "summary": "Adjourned."}
    )
    assert set(diff) == {"next_on", "summary"}
    entry = AuditEntry.objects.get(object_type="hearing", action="update")
    assert set(entry.fields) == {"next_on", "summary"}


def test_a_changed_hearing_still_has_its_next_date_after_it(world):
    hearing = _hearing(world)
    with pytest.raises(ValidationError):
        services.hearing_update(user=world.owner, hearing=hearing, data={"next_on": days_ago(20)})


def test_a_hearing_entered_by_mistake_is_removed(world):
    hearing = _hearing(world)
    services.hearing_remove(user=world.owner, hearing=hearing)
    assert not world.case.hearings.exists()
    assert AuditEntry.objects.filter(object_type="hearing", action="delete").count() == 1


# --- on the case page ----------------------------------------------------------------------


def _section(page: str) -> str:
    start = page.index('id="court"')
    return page[start : page.index("</section>", start)]


def test_the_case_page_shows_the_next_hearing_and_the_past_ones(world, login):
    court = make_court()
    _hearing(world, held_on=days_ago(40), next_on=days_ago(10), summary="Charge framed.")
    _hearing(world, held_on=days_ago(10), next_on=days_ago(-7), court=court, summary="Adjourned.")
    page = login(world.owner).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    section = _section(page)
    upcoming = days_ago(-7).strftime("%Y-%m-%d")
    assert f"<strong>Next hearing:</strong> {upcoming} · <bdi>Sessions Court, Lahore</bdi>" in (
        section
    )
    assert section.index("Adjourned.") < section.index("Charge framed.")  # latest first


def test_a_next_date_that_has_passed_is_not_shown_as_upcoming(world, login):
    _hearing(world, held_on=days_ago(40), next_on=days_ago(10))
    page = login(world.owner).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "<strong>Next hearing:</strong>" not in _section(page)


def test_a_hearing_is_recorded_with_the_plain_form(world, login):
    client = login(world.owner)
    url = reverse("justice:hearing_add", args=[world.case.pk])
    assert "Record a hearing" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "held_on": days_ago(3).isoformat(),
            "summary": "Witness examined.",
            "next_on": days_ago(-10).isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[world.case.pk]) + "#court"
    assert world.case.hearings.get().summary == "Witness examined."


def test_a_hearing_is_recorded_inline_with_htmx(world, login):
    client = login(world.owner)
    url = reverse("justice:hearing_add", args=[world.case.pk])
    form = client.get(url, headers=HTMX).content.decode()
    assert "<form" in form and 'hx-target="#court"' in form and "<html" not in form
    response = client.post(
        url, {"held_on": days_ago(3).isoformat(), "summary": "Adjourned."}, headers=HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="court-h"' in html and "Adjourned." in html and "Hearing recorded." in html


def test_an_inline_hearing_with_an_error_comes_back_in_place_with_the_error(world, login):
    client = login(world.owner)
    url = reverse("justice:hearing_add", args=[world.case.pk])
    response = client.post(
        url,
        {"held_on": days_ago(3).isoformat(), "next_on": days_ago(4).isoformat()},
        headers=HTMX,
    )
    assert response["HX-Retarget"] == "#hearing-new"
    assert "The next hearing must come after this one." in response.content.decode()
    assert not world.case.hearings.exists()


def test_a_hearing_is_edited_with_the_plain_form(world, login):
    hearing = _hearing(world)
    client = login(world.owner)
    url = reverse("justice:hearing_edit", args=[world.case.pk, hearing.pk])
    page = client.get(url).content.decode()
    assert "Charge framed." in page
    response = client.post(
        url,
        {"held_on": hearing.held_on.isoformat(), "summary": "Charge framed; bail refused."},
    )
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert hearing.summary == "Charge framed; bail refused." and hearing.next_on is None
