"""The home page lists the court dates of the next two weeks for the cases the organisation
owns or was given a share of: the date each case's latest hearing fixed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rahai.justice import services
from rahai.justice.access import upcoming_hearings
from rahai.justice.tests.court_world import days_ago, make_court, prosecution_office

pytestmark = pytest.mark.django_db


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def hearing(world, *, held: int, next_in: int | None, case=None, **fields):
    return services.hearing_add(
        user=world.owner,
        case=case or world.case,
        held_on=days_ago(held),
        next_on=in_days(next_in) if next_in is not None else None,
        **fields,
    )


def test_the_owner_sees_the_next_court_date_on_the_home_page(world, login):
    hearing(world, held=20, next_in=5, court=make_court(), court_case_number="PTPA 12/2026")
    html = login(world.owner).get("/").content.decode()
    assert "Court dates in the next two weeks" in html
    assert world.case.reference in html and in_days(5).isoformat() in html
    assert "Sessions Court, Lahore" in html and "PTPA 12/2026" in html


def test_only_the_date_the_latest_hearing_fixed_counts(world):
    hearing(world, held=30, next_in=3)
    hearing(world, held=2, next_in=40)  # the court adjourned further
    assert list(upcoming_hearings(world.owner)) == []


def test_dates_beyond_two_weeks_or_already_past_are_not_listed(world):
    hearing(world, held=30, next_in=15)
    assert list(upcoming_hearings(world.owner)) == []
    assert list(upcoming_hearings(world.owner, days=15))


def test_a_prosecution_office_with_a_share_sees_the_date_and_outsiders_do_not(world, login):
    _office, prosecutor = prosecution_office(world)
    hearing(world, held=10, next_in=7)
    assert [h.case for h in upcoming_hearings(prosecutor)] == [world.case]
    assert list(upcoming_hearings(world.outsider)) == []
    assert world.case.reference not in login(world.outsider).get("/").content.decode()


def test_no_card_without_court_dates(world, login):
    assert "Court dates in the next two weeks" not in login(world.owner).get("/").content.decode()
