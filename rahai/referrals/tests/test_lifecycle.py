"""The whole referral lifecycle across three organisations, inside the access matrix."""

import pytest
from django.urls import reverse

from rahai.audit.models import AuditAction, AuditEntry
from rahai.cases.services import note_create
from rahai.referrals.access import access_referral
from rahai.referrals.models import ReferralStatus

pytestmark = pytest.mark.django_db

# Things the shelter must never see, whatever the state: the CNIC, the father's name, the case
# summary, the suspect, the other victim.
NEVER = ["35202", "3520212345671", "Ghafoor", "Brick kiln family", "Aslam", "Nasreen"]
# The scope: shown to the shelter only while the referral is accepted or in progress.
SCOPED = ["Muhammad Imran", "محمد عمران", "+923001234567", "Escaped from the kiln owner"]


def _page(client, referral):
    response = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _act(client, referral, action, **data):
    return client.post(reverse("referrals:act", args=[referral.pk, action]), data)


def _closed_doors(client, coord):
    world = coord.world
    urls = [
        reverse("cases:detail", args=[world.case.pk]),
        reverse("people:detail", args=[world.victim.pk]),
        reverse("people:detail", args=[coord.second_victim.pk]),
        reverse("people:detail", args=[coord.suspect.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_the_receiver_sees_only_what_it_needs_to_decide_before_accepting(coord, login):
    coord.consent()
    referral = coord.refer()
    client = login(coord.shelter)
    page = _page(client, referral)
    assert "Adult man, needs a safe bed tonight" in page
    assert "Shelter" in page and "Lahore" in page and "Age unknown" in page
    assert "Male" in page
    for text in NEVER + SCOPED + [coord.world.case.reference]:
        assert text not in page, text
    _closed_doors(client, coord)


def test_accepting_shares_exactly_the_scope_and_is_audited(coord, login):
    world = coord.world
    shared_note = note_create(user=world.owner, case=world.case, body="Needs a female doctor.")
    note_create(user=world.owner, case=world.case, body="Informant lives next to the kiln.")
    coord.consent()
    referral = coord.refer(notes=[shared_note])
    client = login(coord.shelter)
    assert _act(client, referral, "accept", text="Bed ready").status_code == 302
    page = _page(client, referral)
    for text in SCOPED + ["Needs a female doctor.", world.case.reference]:
        assert text in page, text
    for text in NEVER + ["Informant lives next to the kiln."]:
        assert text not in page, text
    _closed_doors(client, coord)
    share = AuditEntry.objects.get(object_type="referral", action=AuditAction.SHARE)
    assert share.actor == coord.shelter and share.person_id == world.victim.pk
    assert share.details["organisation"] == coord.shelter_org.pk
    assert AuditEntry.objects.filter(
        object_type="referral", action=AuditAction.VIEW, actor=coord.shelter
    ).exists()


def test_identity_without_contact_shares_no_phone_or_address(coord, login):
    coord.consent()
    referral = coord.refer(share_contact=False)
    client = login(coord.shelter)
    _act(client, referral, "accept")
    page = _page(client, referral)
    assert "Muhammad Imran" in page and "+923001234567" not in page


def test_completing_ends_the_sharing(coord, login):
    coord.consent()
    referral = coord.refer()
    client = login(coord.shelter)
    _act(client, referral, "accept")
    _act(client, referral, "start")
    response = _act(
        client, referral, "complete", outcome="Sheltered 10 days; reunited with family."
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    page = _page(client, referral)
    for text in SCOPED + NEVER + ["reunited with family"]:
        assert text not in page, text
    assert AuditEntry.objects.filter(object_type="referral", action=AuditAction.UNSHARE).exists()
    owner_page = _page(login(coord.world.owner), referral)
    assert "reunited with family" in owner_page


def test_revoking_ends_the_sharing(coord, login):
    coord.consent()
    referral = coord.refer()
    _act(login(coord.shelter), referral, "accept")
    assert (
        _act(login(coord.world.owner), referral, "revoke", text="Victim moved").status_code == 302
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REVOKED
    page = _page(login(coord.shelter), referral)
    for text in SCOPED + NEVER + ["Victim moved"]:
        assert text not in page, text
    assert "What you can do" not in page


@pytest.mark.parametrize("who", ["lawyer", "outsider", "analyst", "karachi_supervisor"])
def test_other_organisations_see_nothing(coord, login, who):
    from rahai.testing import make_user

    coord.consent()
    referral = coord.refer()
    _act(login(coord.shelter), referral, "accept")
    users = {
        "lawyer": coord.lawyer,
        "outsider": coord.world.outsider,
        "analyst": coord.world.analyst,
        "karachi_supervisor": make_user("khi-sup", coord.world.outsider_org, "supervisor"),
    }
    client = login(users[who])
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    for action in ("accept", "revoke", "complete", "reassign"):
        assert _act(client, referral, action, text="x").status_code == 404
    for box in ("in", "out"):
        page = client.get(reverse("referrals:list"), {"box": box, "status": "all"})
        assert referral.reference not in page.content.decode()


def test_each_side_may_only_take_its_own_steps(coord, login):
    coord.consent()
    referral = coord.refer()
    assert _act(login(coord.world.owner), referral, "accept").status_code == 403
    assert _act(login(coord.shelter), referral, "revoke").status_code == 403
    assert _act(login(coord.world.partner), referral, "revoke").status_code == 403
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_the_partner_sharing_the_case_sees_the_referral_but_cannot_manage_it(coord, login):
    coord.consent()
    referral = coord.refer()
    page = _page(login(coord.world.partner), referral)
    assert "Muhammad Imran" in page  # the partner already sees the whole case
    assert "Revoke" not in page


def test_asking_for_information_restarts_the_clock_when_answered(coord, login):
    coord.consent()
    referral = coord.refer()
    first_deadline = referral.respond_by
    _act(login(coord.shelter), referral, "request_info", text="Any medical needs?")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.INFO_REQUESTED
    _act(login(coord.world.owner), referral, "give_info", text="Diabetic; needs insulin.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert referral.respond_by > first_deadline
    page = _page(login(coord.shelter), referral)
    assert "Any medical needs?" in page and "Diabetic; needs insulin." in page
    assert "Muhammad Imran" not in page


def test_a_declined_referral_is_reassigned_by_a_supervisor(coord, login):
    world = coord.world
    coord.consent()
    referral = coord.refer()
    response = _act(login(coord.shelter), referral, "decline", reason="no_capacity", text="Full")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    # No consent covers the legal aid society yet: reassigning is refused.
    supervisor = login(world.supervisor)
    _act(supervisor, referral, "reassign", organisation=coord.legal_org.pk)
    referral.refresh_from_db()
    assert referral.to_organisation == coord.shelter_org
    coord.consent(purpose="share_kind", organisation=None, organisation_kind="legal_aid")
    _act(supervisor, referral, "reassign", organisation=coord.legal_org.pk, text="Try legal aid")
    referral.refresh_from_db()
    assert referral.to_organisation == coord.legal_org
    assert referral.status == ReferralStatus.SENT
    assert (
        login(coord.shelter).get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    )
    page = _page(login(coord.lawyer), referral)
    assert "Full" not in page and "Try legal aid" not in page and "Muhammad Imran" not in page
    _act(login(coord.lawyer), referral, "accept")
    assert "Muhammad Imran" in _page(login(coord.lawyer), referral)


def test_only_a_supervisor_may_reassign(coord, login):
    coord.consent()
    referral = coord.refer()
    response = _act(login(coord.world.owner), referral, "reassign", organisation=coord.legal_org.pk)
    assert response.status_code == 403


def test_withdrawing_consent_stops_the_sharing_at_once(coord, login):
    from rahai.consent.services import consent_withdraw

    consent = coord.consent()
    referral = coord.refer()
    _act(login(coord.shelter), referral, "accept")
    assert "Muhammad Imran" in _page(login(coord.shelter), referral)
    consent_withdraw(user=coord.world.owner, consent=consent, note="Changed her mind")
    assert "Muhammad Imran" not in _page(login(coord.shelter), referral)


def test_a_receivers_copy_is_redacted_and_cannot_be_saved(coord):
    coord.consent()
    referral = coord.refer()
    copy = access_referral(coord.shelter, referral.pk)
    assert copy.reason == "" and copy.person is None
    with pytest.raises(Exception):  # noqa: B017 (RelatedObjectDoesNotExist)
        copy.case  # noqa: B018
    with pytest.raises(RuntimeError):
        copy.save()


def test_the_case_page_lists_the_referrals_for_its_staff(coord, login):
    coord.consent()
    referral = coord.refer()
    page = login(coord.world.owner).get(reverse("cases:detail", args=[coord.world.case.pk]))
    html = page.content.decode()
    assert referral.reference in html and "Refer to a service" in html


def test_a_service_providers_supervisor_does_not_oversee_the_districts_cases(coord, login):
    """Only oversight bodies' supervisors see every case of their jurisdiction: the shelter's
    head, in the same district, sees the police's case only through a referral's scope."""
    coord.consent()
    referral = coord.refer()
    client = login(coord.shelter_head)
    _closed_doors(client, coord)
    page = _page(client, referral)
    assert "Muhammad Imran" not in page
