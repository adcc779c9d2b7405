"""The home page shows a committee's action items to the organisation they are assigned to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_assigned_organisation_sees_its_action_items_on_the_home_page(dvc, login):
    page = login(dvc.world.partner).get(reverse("core:home")).content.decode()
    assert "Committee action items for your organisation" in page
    assert dvc.ngo_action.reference in page
    assert dvc.labour_action.reference not in page


def test_an_overdue_action_item_is_marked_overdue(dvc, login):
    late = dvc.action(due_on=timezone.localdate() - timedelta(days=1), text="Visit the kiln.")
    page = login(dvc.world.partner).get(reverse("core:home")).content.decode()
    row = page[page.index(late.reference) :][:300]
    assert "Overdue" in row


def test_a_department_outside_case_work_still_sees_what_it_was_assigned(dvc, login):
    page = login(dvc.labour_officer).get(reverse("core:home")).content.decode()
    assert dvc.labour_action.reference in page
    assert dvc.ngo_action.reference not in page


def test_an_outsider_sees_no_committee_action_items(dvc, login):
    page = login(dvc.world.outsider).get(reverse("core:home")).content.decode()
    assert "Committee action items" not in page
    assert dvc.ngo_action.reference not in page


def test_an_analyst_without_case_work_sees_the_card_when_their_organisation_has_items(dvc, login):
    dvc.action(dvc.org, text="Publish the minutes.")
    page = login(dvc.dvc_analyst).get(reverse("core:home")).content.decode()
    assert "Committee action items for your organisation" in page


def test_the_card_is_in_urdu_for_an_urdu_reader(dvc, login):
    client = login(dvc.world.partner)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("core:home")).content.decode()
    assert "کمیٹی کے عملی اقدامات" in page
    assert dvc.ngo_action.reference in page
