"""Changing when the service is needed by: the referrer any time it is open, the receiver once
it has taken it on; the other side is told and the overdue alert re-arms."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rahai.audit.models import AuditEntry
from rahai.notifications.models import Notification
from rahai.referrals.access import access_referral
from rahai.referrals.models import ReferralAction
from rahai.referrals.services import referral_accept, referral_change_due, referral_complete

pytestmark = pytest.mark.django_db


def _later(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_the_referrer_moves_the_due_date_and_the_receiver_is_told(coord):
    coord.consent()
    referral = coord.refer(due_on=_later(3))
    changed = referral_change_due(
        user=coord.world.owner, referral=referral, due_on=_later(10), note="Court date moved"
    )
    assert changed.due_on == _later(10) and changed.due_alerted_at is None
    event = changed.events.get(action=ReferralAction.DUE_CHANGED)
    assert str(_later(10)) in event.text and "Court date moved" in event.text
    assert Notification.objects.filter(user=coord.shelter, kind="referral.due_changed").exists()
    entries = AuditEntry.objects.filter(object_type="referral", object_id=str(referral.pk))
    assert any("due_on" in entry.fields for entry in entries)


def test_the_receiver_may_change_it_only_after_accepting(coord):
    coord.consent()
    referral = coord.refer()
    received = access_referral(coord.shelter, referral.pk)
    with pytest.raises(PermissionDenied):
        referral_change_due(user=coord.shelter, referral=received, due_on=_later(5))
    referral_accept(user=coord.shelter, referral=received)
    received = access_referral(coord.shelter, referral.pk)
    referral_change_due(user=coord.shelter, referral=received, due_on=_later(5))
    assert Notification.objects.filter(user=coord.world.owner, kind="referral.due_changed").exists()


def test_a_past_date_or_an_ended_referral_is_refused(coord):
    coord.consent()
    referral = coord.refer()
    with pytest.raises(ValidationError) as error:
        referral_change_due(user=coord.world.owner, referral=referral, due_on=_later(-1))
    assert "due_on" in error.value.message_dict
    received = access_referral(coord.shelter, referral.pk)
    referral_accept(user=coord.shelter, referral=received)
    referral_complete(user=coord.shelter, referral=received, outcome="Done")
    referral.refresh_from_db()
    with pytest.raises(PermissionDenied):
        referral_change_due(user=coord.world.owner, referral=referral, due_on=_later(4))


def test_outsiders_cannot_change_it(coord):
    coord.consent()
    referral = coord.refer()
    with pytest.raises(PermissionDenied):
        referral_change_due(user=coord.lawyer, referral=referral, due_on=_later(4))


def test_the_api_changes_and_clears_the_due_date(coord, api_as):
    coord.consent()
    referral = coord.refer(due_on=_later(3))
    client = api_as(coord.world.owner)
    url = f"/api/referrals/{referral.pk}/actions"
    response = client.post(url, {"action": "change_due", "due_on": str(_later(8))})
    assert response.status_code == 200 and response.json()["due_on"] == str(_later(8))
    cleared = client.post(url, {"action": "change_due", "due_on": None})
    assert cleared.json()["due_on"] is None
