"""A referral sent without consent (the emergency override): the receiver learns that it was,
and whether a supervisor has reviewed it, but reads the referrer's reason (free text that can
name the victim) only once it has accepted; the sending side always reads it."""

import pytest
from django.urls import reverse

from rahai.referrals.access import access_referral, referral_history, referral_override
from rahai.referrals.services import referral_accept, referral_review_override

pytestmark = pytest.mark.django_db

REASON = "Shazia Parveen found unconscious at the Shahdara kiln; no time to ask."
REVIEW_NOTE = "Right call: Shazia could not speak."


def _page(client, referral) -> str:
    response = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _accept(user, referral):
    referral_accept(user=user, referral=access_referral(user, referral.pk))


def test_before_accepting_the_receiver_sees_only_that_consent_was_overridden(coord, login):
    referral = coord.refer(override=True, override_reason=REASON)
    page = _page(login(coord.shelter), referral)
    assert "Sent without consent (emergency)." in page
    assert "Waiting for a supervisor's review." in page
    assert "Shazia" not in page and "unconscious" not in page
    notice = referral_override(coord.shelter, access_referral(coord.shelter, referral.pk))
    assert notice.review == "waiting" and notice.reason == ""


def test_a_receiver_that_also_sees_the_case_does_not_get_the_reason_before_accepting(coord, login):
    world = coord.world  # the case is shared with the partner, which is now also the receiver
    referral = coord.refer(to_organisation=world.partner_org, override=True, override_reason=REASON)
    seen = access_referral(world.partner, referral.pk)
    assert seen.viewer_sees_case and seen.override_reason == ""
    page = _page(login(world.partner), referral)
    assert "Sent without consent (emergency)." in page and "Shazia" not in page

    _accept(world.partner, referral)
    assert REASON in _page(login(world.partner), referral)


def test_after_accepting_the_receiver_reads_the_reason(coord, login):
    referral = coord.refer(override=True, override_reason=REASON)
    _accept(coord.shelter, referral)
    page = _page(login(coord.shelter), referral)
    assert REASON in page and "Sent without consent (emergency)." in page


def test_the_sending_organisation_reads_the_reason_before_and_after_acceptance(coord, login):
    world = coord.world
    referral = coord.refer(override=True, override_reason=REASON)
    assert REASON in _page(login(world.owner), referral)
    _accept(coord.shelter, referral)
    assert REASON in _page(login(world.owner), referral)


def test_the_supervisor_reviewing_the_override_reads_the_reason(coord, login):
    referral = coord.refer(override=True, override_reason=REASON)
    assert REASON in _page(login(coord.world.supervisor), referral)


def test_the_supervisors_note_on_the_override_is_kept_from_the_receiver_like_the_reason(coord):
    world = coord.world
    referral = coord.refer(to_organisation=world.partner_org, override=True, override_reason=REASON)
    referral_review_override(
        user=world.supervisor,
        referral=access_referral(world.supervisor, referral.pk),
        justified=True,
        note=REVIEW_NOTE,
    )

    def texts(user):
        seen = access_referral(user, referral.pk)
        notice = referral_override(user, seen)
        history = " ".join(item.text for item in referral_history(user, seen))
        return notice, history

    notice, history = texts(world.partner)
    assert notice.review == "justified" and notice.review_note == "" and "Shazia" not in history
    _accept(world.partner, referral)
    notice, history = texts(world.partner)
    assert notice.review_note == REVIEW_NOTE and REVIEW_NOTE in history
    notice, history = texts(world.owner)
    assert notice.reason == REASON and REVIEW_NOTE in history


def test_an_override_found_unjustified_takes_the_reason_back_from_the_receiver(coord, login):
    world = coord.world
    referral = coord.refer(override=True, override_reason=REASON)
    _accept(coord.shelter, referral)
    referral_review_override(
        user=world.supervisor,
        referral=access_referral(world.supervisor, referral.pk),
        justified=False,
        note="Consent could have been asked.",
    )
    page = _page(login(coord.shelter), referral)
    assert "A supervisor found it not justified" in page and "Shazia" not in page
    assert REASON in _page(login(world.owner), referral)
