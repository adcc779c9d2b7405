"""Follow-up contacts: who made them, when the next is due, and overdue ones visible on the plan
page and in the list of plans."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rahai.support import selectors, services
from rahai.support.access import access_plan
from rahai.support.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _follow_up(support, plan, *, user=None, **data):
    values = {"method": "phone", "outcome": "He is well.", **data}
    return services.follow_up_record(user=user or support.world.owner, plan=plan, data=values)


def plan_for(support, plan, user=None):
    return access_plan(user or support.world.owner, plan.pk)


def test_the_next_follow_up_is_due_when_the_latest_contact_said(support):
    plan = support.plan()
    _follow_up(support, plan, contacted_on=days_ago(30), next_due=days_ago(20))
    _follow_up(support, plan, contacted_on=days_ago(10), next_due=days_ago(-7))
    page = selectors.plan_page(support.world.owner, plan_for(support, plan))
    assert page.follow_up_due == days_ago(-7) and not page.overdue


def test_an_overdue_follow_up_shows_on_the_plan_page_and_in_the_list(support, login):
    plan = support.plan()
    _follow_up(support, plan, contacted_on=days_ago(20), next_due=days_ago(5), method="home_visit")
    client = login(support.world.owner)
    page = client.get(reverse("support:plan", args=[plan.pk])).content.decode()
    assert "Follow-up overdue" in page and days_ago(5).isoformat() in page
    listing = client.get(reverse("support:list"), {"overdue": "1"}).content.decode()
    assert reverse("support:plan", args=[plan.pk]) in listing and "Overdue" in listing


def test_a_plan_without_overdue_follow_ups_is_not_in_the_overdue_list(support, login):
    plan = support.plan()
    _follow_up(support, plan, next_due=days_ago(-3))
    listing = login(support.world.owner).get(reverse("support:list"), {"overdue": "1"})
    assert reverse("support:plan", args=[plan.pk]) not in listing.content.decode()


def test_the_next_follow_up_must_come_after_the_contact(support):
    plan = support.plan()
    with pytest.raises(ValidationError) as caught:
        _follow_up(support, plan, contacted_on=days_ago(2), next_due=days_ago(2))
    assert "next_due" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _follow_up(support, plan, contacted_on=days_ago(-1))
    assert "contacted_on" in caught.value.message_dict
    assert not plan.follow_ups.exists()


def test_a_follow_up_is_made_by_someone_of_ones_own_organisation(support):
    plan = support.plan()
    with pytest.raises(ValidationError) as caught:
        _follow_up(support, plan, by=support.shelter)
    assert "by" in caught.value.message_dict


def test_a_receiver_sees_only_its_own_follow_ups_and_its_own_due_date(support):
    plan = support.plan()
    _follow_up(support, plan, contacted_on=days_ago(20), next_due=days_ago(5))
    support.refer()
    _follow_up(support, plan, user=support.shelter, next_due=days_ago(-10), outcome="In our care")
    page = selectors.plan_page(support.shelter, plan_for(support, plan, support.shelter))
    assert [f.outcome for f in page.follow_ups] == ["In our care"]
    assert page.follow_up_due == days_ago(-10) and not page.overdue
    owner_page = selectors.plan_page(support.world.owner, plan_for(support, plan))
    assert len(owner_page.follow_ups) == 2 and owner_page.follow_up_due == days_ago(-10)
