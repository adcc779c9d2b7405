"""A referral that shares a victim's data needs their consent, or an audited emergency override
that a supervisor reviews."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rahai.audit.models import AuditEntry
from rahai.notifications.models import Notification
from rahai.referrals.access import access_referral, referral_scope
from rahai.referrals.models import ReferralStatus
from rahai.referrals.services import referral_accept, referral_review_override

pytestmark = pytest.mark.django_db


def test_a_referral_without_consent_cannot_be_sent(coord):
    with pytest.raises(ValidationError) as caught:
        coord.refer()
    assert "consent" in caught.value.message_dict
    assert not coord.world.case.referrals.exists()


def test_a_refusal_blocks_the_referral(coord):
    coord.consent(decision="refused")
    with pytest.raises(ValidationError) as caught:
        coord.refer()
    assert "refused" in caught.value.message_dict["consent"][0]


def test_consent_for_another_organisation_does_not_count(coord):
    coord.consent(coord.legal_org)
    with pytest.raises(ValidationError):
        coord.refer()


def test_consent_for_the_type_of_organisation_counts(coord):
    coord.consent(purpose="share_kind", organisation_kind="shelter")
    referral = coord.refer()
    assert referral.consent is not None and not referral.consent_overridden


def test_a_named_refusal_beats_consent_for_the_type(coord):
    coord.consent(purpose="share_kind", organisation_kind="shelter")
    coord.consent(decision="refused")
    with pytest.raises(ValidationError):
        coord.refer()


def test_a_case_level_referral_shares_no_identity_and_needs_no_consent(coord, login):
    referral = coord.refer(person=None, service="legal_aid", to_organisation=coord.legal_org)
    assert not referral.consent_required and not referral.share_identity
    referral_accept(user=coord.lawyer, referral=access_referral(coord.lawyer, referral.pk))
    scope = referral_scope(coord.lawyer, access_referral(coord.lawyer, referral.pk))
    assert scope.sharing and scope.person is None
    assert scope.case_reference == coord.world.case.reference
    page = login(coord.lawyer).get(reverse("referrals:detail", args=[referral.pk])).content
    assert b"Muhammad Imran" not in page and b"Nasreen" not in page


def test_sharing_less_needs_no_consent(coord):
    referral = coord.refer(share_identity=False, share_contact=False)
    assert not referral.consent_required


def test_the_form_explains_the_missing_consent(coord, login):
    world = coord.world
    response = login(world.owner).post(
        reverse("referrals:create", args=[world.case.pk]),
        {
            "person": world.victim.pk,
            "service": "shelter",
            "to_organisation": coord.shelter_org.pk,
            "urgency": "normal",
            "need": "Safe bed",
            "share_identity": "on",
        },
    )
    assert response.status_code == 200
    assert "No consent is recorded" in response.content.decode()
    assert not world.case.referrals.exists()


def test_the_emergency_override_needs_a_reason(coord):
    with pytest.raises(ValidationError) as caught:
        coord.refer(override=True, override_reason=" ")
    assert "override_reason" in caught.value.message_dict


def test_the_override_is_flagged_audited_and_sent_to_supervisors(coord):
    world = coord.world
    referral = coord.refer(override=True, override_reason="Unconscious after rescue; bleeding.")
    assert referral.consent_overridden and referral.override_awaits_review
    entry = AuditEntry.objects.get(object_type="referral", action="create")
    assert entry.details["override"] is True
    supervisors = set(
        Notification.objects.filter(kind="referral.override").values_list(
            "user__username", flat=True
        )
    )
    assert supervisors == {world.supervisor.username}


def test_a_supervisor_reviews_the_override(coord, login):
    world = coord.world
    referral = coord.refer(override=True, override_reason="Unconscious after rescue.")
    page = login(world.supervisor).get(reverse("core:home")).content.decode()
    assert referral.reference in page and "Sent without consent: to review" in page
    response = login(world.supervisor).post(
        reverse("referrals:act", args=[referral.pk, "review"]),
        {"justified": "yes", "text": "Right call"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.override_justified is True and referral.override_reviewed_by == world.supervisor


def test_the_overrider_cannot_review_their_own_override(coord):
    from rahai.testing import make_user

    world = coord.world
    boss = make_user("boss", world.owner_org, "supervisor")
    referral = coord.refer(user=boss, override=True, override_reason="Emergency")
    with pytest.raises(PermissionDenied):
        referral_review_override(
            user=boss, referral=access_referral(boss, referral.pk), justified=True
        )


def test_an_unjustified_override_stops_the_sharing(coord, login):
    world = coord.world
    referral = coord.refer(override=True, override_reason="Seemed urgent")
    referral_accept(user=coord.shelter, referral=access_referral(coord.shelter, referral.pk))
    assert (
        b"Muhammad Imran"
        in login(coord.shelter).get(reverse("referrals:detail", args=[referral.pk])).content
    )
    referral_review_override(
        user=world.supervisor,
        referral=access_referral(world.supervisor, referral.pk),
        justified=False,
        note="She could have been asked the next morning.",
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert (
        b"Muhammad Imran"
        not in login(coord.shelter).get(reverse("referrals:detail", args=[referral.pk])).content
    )
    # ...until the person consents.
    coord.consent()
    assert (
        b"Muhammad Imran"
        in login(coord.shelter).get(reverse("referrals:detail", args=[referral.pk])).content
    )
