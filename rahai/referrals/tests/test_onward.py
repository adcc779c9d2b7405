"""Onward referral: the shelter that received a victim passes them on to a legal-aid clinic,
sharing no more than it was given; the police station that owns the case sees it and can end it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rahai.audit.models import AuditAction, AuditEntry
from rahai.cases.services import note_create
from rahai.notifications.models import Notification
from rahai.referrals.access import access_referral, available_actions, referral_scope
from rahai.referrals.models import Referral, ReferralStatus
from rahai.referrals.onward import referral_refer_onward
from rahai.referrals.services import referral_accept, referral_complete, referral_revoke

pytestmark = pytest.mark.django_db


def _accepted(coord, **overrides):
    coord.consent()
    parent = coord.refer(**overrides)
    referral_accept(user=coord.shelter, referral=access_referral(coord.shelter, parent.pk))
    return access_referral(coord.shelter, parent.pk)


def _onward(coord, parent, **overrides):
    data = {
        "to_organisation": coord.legal_org,
        "service": "legal_aid",
        "urgency": "normal",
        "need": "Adult man, needs a lawyer for the bonded-labour complaint.",
        "reason": "Wants to testify against the kiln owner.",
        "share_identity": True,
    }
    data.update(overrides)
    return referral_refer_onward(user=coord.shelter, referral=parent, data=data)


def test_a_receiver_passes_the_victim_on_and_the_owner_is_told(coord):
    parent = _accepted(coord)
    coord.consent(coord.legal_org)
    child = _onward(coord, parent)
    assert child.parent_id == parent.pk
    assert child.from_organisation_id == coord.shelter_org.pk
    assert child.case_id == coord.world.case.pk and child.person_id == coord.world.victim.pk
    assert child.status == ReferralStatus.SENT
    assert Notification.objects.filter(user=coord.world.owner, kind="referral.onward").exists()
    assert Notification.objects.filter(user=coord.lawyer, kind="referral.received").exists()
    assert AuditEntry.objects.filter(
        object_type="referral", object_id=str(child.pk), action=AuditAction.CREATE
    ).exists()


def test_only_an_accepted_referral_can_be_passed_on(coord):
    coord.consent()
    parent = coord.refer()
    received = access_referral(coord.shelter, parent.pk)
    assert not available_actions(coord.shelter, received)["refer_onward"]
    with pytest.raises(PermissionDenied):
        _onward(coord, received)


def test_the_owner_and_outsiders_cannot_refer_onward(coord):
    parent = _accepted(coord)
    for user in (coord.world.owner, coord.lawyer):
        with pytest.raises(PermissionDenied):
            referral_refer_onward(user=user, referral=parent, data={})


def test_nothing_beyond_what_was_received_can_be_passed_on(coord):
    world = coord.world
    shared = note_create(user=world.owner, case=world.case, body="Needs a female doctor.")
    kept = note_create(user=world.owner, case=world.case, body="Informant lives next door.")
    parent = _accepted(coord, share_contact=False, notes=[shared])
    coord.consent(coord.legal_org)
    with pytest.raises(ValidationError) as error:
        _onward(coord, parent, share_contact=True, notes=[kept])
    assert set(error.value.message_dict) == {"share_contact", "notes"}
    assert not Referral.objects.filter(parent=parent).exists()  # nothing half-saved
    child = _onward(coord, parent, notes=[shared])
    assert list(child.shared_notes.all()) == [shared]


def test_passing_on_needs_consent_for_the_new_receiver(coord):
    parent = _accepted(coord)
    with pytest.raises(ValidationError) as error:
        _onward(coord, parent)
    assert "consent" in error.value.message_dict
    child = _onward(coord, parent, share_identity=False)  # sharing nothing needs no consent
    assert not child.consent_required


def test_the_new_receiver_sees_the_scope_only_after_accepting(coord, login):
    parent = _accepted(coord)
    coord.consent(coord.legal_org)
    child = _onward(coord, parent)
    client = login(coord.lawyer)
    page = client.get(reverse("referrals:detail", args=[child.pk])).content.decode()
    assert "Muhammad Imran" not in page and coord.world.case.reference not in page
    assert client.get(reverse("referrals:detail", args=[parent.pk])).status_code == 404
    referral_accept(user=coord.lawyer, referral=access_referral(coord.lawyer, child.pk))
    page = client.get(reverse("referrals:detail", args=[child.pk])).content.decode()
    assert "Muhammad Imran" in page
    assert "+923001234567" not in page  # the shelter chose not to pass the phone on
    assert client.get(reverse("cases:detail", args=[coord.world.case.pk])).status_code == 404


def test_the_sender_sees_its_onward_referral_while_it_holds_the_data(coord, login):
    parent = _accepted(coord)
    coord.consent(coord.legal_org)
    child = _onward(coord, parent)
    mine = access_referral(coord.shelter, child.pk)
    assert referral_scope(coord.shelter, mine).sharing
    assert available_actions(coord.shelter, mine)["revoke"]
    outbox = login(coord.shelter).get(reverse("referrals:list") + "?box=out&status=all")
    assert child.reference in outbox.content.decode()
    referral_complete(user=coord.shelter, referral=parent, outcome="Housed for a month")
    assert not referral_scope(coord.shelter, access_referral(coord.shelter, child.pk)).sharing


def test_revoking_the_original_referral_ends_the_onward_one(coord):
    parent = _accepted(coord)
    coord.consent(coord.legal_org)
    child = _onward(coord, parent)
    referral_accept(user=coord.lawyer, referral=access_referral(coord.lawyer, child.pk))
    owner_copy = access_referral(coord.world.owner, parent.pk)
    referral_revoke(user=coord.world.owner, referral=owner_copy, reason="Victim went home")
    child.refresh_from_db()
    assert child.status == ReferralStatus.REVOKED
    assert not referral_scope(coord.lawyer, access_referral(coord.lawyer, child.pk)).sharing
    assert AuditEntry.objects.filter(
        object_type="referral", object_id=str(child.pk), action=AuditAction.UNSHARE
    ).exists()


def test_the_owner_sees_and_may_revoke_the_onward_referral(coord, login):
    parent = _accepted(coord)
    coord.consent(coord.legal_org)
    child = _onward(coord, parent)
    page = login(coord.world.owner).get(reverse("referrals:detail", args=[parent.pk]))
    assert child.reference in page.content.decode()
    assert available_actions(coord.world.owner, access_referral(coord.world.owner, child.pk))[
        "revoke"
    ]


def test_the_onward_form_sends_a_referral(coord, login):
    parent = _accepted(coord)
    coord.consent(coord.legal_org)
    client = login(coord.shelter)
    url = reverse("referrals:onward", args=[parent.pk])
    form = client.get(url).content.decode()
    assert "share_contact" in form and "share_identity" in form
    response = client.post(
        url,
        {
            "service": "legal_aid",
            "to_organisation": coord.legal_org.pk,
            "urgency": "normal",
            "need": "Needs a lawyer",
            "share_identity": "on",
        },
    )
    child = Referral.objects.get(parent=parent)
    assert response.status_code == 302 and response.url.endswith(f"/referrals/{child.pk}/")
    assert login(coord.world.outsider).get(url).status_code == 404


def test_the_onward_api_answers_with_the_new_referral(coord, api_as):
    parent = _accepted(coord)
    coord.consent(coord.legal_org)
    client = api_as(coord.shelter)
    body = {
        "to_organisation": coord.legal_org.pk,
        "service": "legal_aid",
        "need": "Needs a lawyer",
        "share_identity": True,
    }
    response = client.post(f"/api/referrals/{parent.pk}/onward", body)
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == parent.pk
    refused = api_as(coord.lawyer).post(f"/api/referrals/{parent.pk}/onward", body)
    assert refused.status_code == 404
