"""Who may see and write a case's charges and hearings: the owner edits, a partner with a share
reads, a prosecution office the case is shared with records the court's progress, and the
outsider, the analyst and the auditor get a 404, as for a case that does not exist."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rahai.cases.services import case_unshare, case_update
from rahai.justice import services
from rahai.justice.access import (
    access_charge,
    access_court_case,
    access_hearing,
    can_charge,
    can_record_court,
)
from rahai.justice.tests.court_world import (
    add_suspect,
    charge,
    days_ago,
    prosecution_office,
    provincial_prosecution_supervisor,
    ptpa,
)
from rahai.testing import make_user, restricted_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def court(world):
    """The world's case with a charged suspect and a hearing."""
    suspect = add_suspect(world)
    the_charge = charge(world, suspect)
    hearing = services.hearing_add(
        user=world.owner, case=world.case, held_on=days_ago(5), summary="Charge framed."
    )
    return suspect, the_charge, hearing


def urls(world, court) -> dict[str, tuple[str, str]]:
    _suspect, the_charge, hearing = court
    case = world.case.pk
    return {
        "case page": (reverse("cases:detail", args=[case]), "read"),
        "court section": (reverse("justice:court", args=[case]), "read"),
        "charge a suspect": (reverse("justice:charge_add", args=[case]), "charge"),
        "court and outcome": (reverse("justice:charge_edit", args=[case, the_charge.pk]), "court"),
        "record a hearing": (reverse("justice:hearing_add", args=[case]), "court"),
        "edit a hearing": (reverse("justice:hearing_edit", args=[case, hearing.pk]), "court"),
    }


def test_the_owner_opens_every_form(world, court, login):
    client = login(world.owner)
    for name, (url, _kind) in urls(world, court).items():
        assert client.get(url).status_code in (200, 302), name


def test_the_owner_sees_the_charges_with_their_edit_links(world, court, login):
    page = login(world.owner).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "PTPA 2018 s.3 — Trafficking in persons" in page
    assert reverse("justice:charge_add", args=[world.case.pk]) in page
    assert reverse("justice:charge_edit", args=[world.case.pk, court[1].pk]) in page


def test_a_partner_with_a_share_reads_the_charges_but_changes_nothing(world, court, login):
    client = login(world.partner)
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "PTPA 2018 s.3 — Trafficking in persons" in page and "Charge framed." in page
    assert reverse("justice:charge_add", args=[world.case.pk]) not in page
    assert "/charges/" not in page and "/hearings/" not in page
    for name, (url, kind) in urls(world, court).items():
        if kind != "read":
            assert client.get(url).status_code == 403, name
            assert client.post(url, {}).status_code == 403, name
    remove = reverse("justice:charge_remove", args=[world.case.pk, court[1].pk])
    assert client.post(remove).status_code == 403
    assert world.case.charges.count() == 1


def test_the_supervisor_reads_through_the_jurisdiction_but_changes_nothing(world, court, login):
    client = login(world.supervisor)
    assert client.get(reverse("cases:detail", args=[world.case.pk])).status_code == 200
    for name, (url, kind) in urls(world, court).items():
        if kind != "read":
            assert client.get(url).status_code == 403, name


@pytest.mark.parametrize("who", ["outsider", "analyst", "auditor"])
def test_others_get_404_on_every_page_and_form(world, court, login, who):
    client = login(getattr(world, who))
    for name, (url, _kind) in urls(world, court).items():
        assert client.get(url).status_code == 404, f"{who}: {name}"
        assert client.post(url, {}).status_code == 404, f"{who}: {name}"
    remove = reverse("justice:hearing_remove", args=[world.case.pk, court[2].pk])
    assert client.post(remove).status_code == 404
    assert world.case.hearings.count() == 1


@pytest.mark.parametrize("who", ["outsider", "analyst", "auditor"])
def test_the_access_layer_does_not_find_the_records_for_others(world, court, who):
    from django.http import Http404

    user = getattr(world, who)
    for fetch in (
        lambda: access_charge(user, court[1].pk),
        lambda: access_hearing(user, court[2].pk),
        lambda: access_court_case(user, world.case.reference),
        lambda: access_court_case(user, world.case.pk),
    ):
        with pytest.raises(Http404):
            fetch()


def test_a_charge_of_another_case_is_not_found_through_this_one(world, court, login):
    from rahai.testing import make_case

    other = make_case(world.owner)
    url = reverse("justice:charge_edit", args=[other.pk, court[1].pk])
    assert login(world.owner).get(url).status_code == 404


def test_the_services_refuse_a_partner(world, court):
    suspect, the_charge, hearing = court
    partner = world.partner
    with pytest.raises(PermissionDenied):
        services.charge_add(
            user=partner, case=world.case, suspect=suspect, offence=ptpa("4"), charged_on=None
        )
    with pytest.raises(PermissionDenied):
        services.charge_update(user=partner, charge=the_charge, data={"status": "trial"})
    with pytest.raises(PermissionDenied):
        services.charge_remove(user=partner, charge=the_charge)
    with pytest.raises(PermissionDenied):
        services.hearing_add(user=partner, case=world.case, held_on=days_ago(1))
    with pytest.raises(PermissionDenied):
        services.hearing_update(user=partner, hearing=hearing, data={"summary": "x"})


# --- a prosecution office the case is shared with ------------------------------------------


def test_a_prosecutor_with_a_share_records_the_outcome_and_the_hearings(world, court, login):
    _office, prosecutor = prosecution_office(world)
    assert can_record_court(prosecutor, world.case) and not can_charge(prosecutor, world.case)
    client = login(prosecutor)
    edit = reverse("justice:charge_edit", args=[world.case.pk, court[1].pk])
    response = client.post(
        edit, {"status": "trial", "outcome": "acquitted", "outcome_on": days_ago(1).isoformat()}
    )
    assert response.status_code == 302
    court[1].refresh_from_db()
    assert (court[1].outcome, court[1].status) == ("acquitted", "decided")
    response = client.post(
        reverse("justice:hearing_add", args=[world.case.pk]),
        {"held_on": days_ago(1).isoformat(), "summary": "Judgment announced."},
    )
    assert response.status_code == 302 and world.case.hearings.count() == 2


def test_a_prosecutor_with_a_share_cannot_charge_or_remove_a_charge(world, court, login):
    _office, prosecutor = prosecution_office(world)
    client = login(prosecutor)
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert reverse("justice:charge_add", args=[world.case.pk]) not in page
    assert reverse("justice:hearing_add", args=[world.case.pk]) in page
    assert client.get(reverse("justice:charge_add", args=[world.case.pk])).status_code == 403
    remove = reverse("justice:charge_remove", args=[world.case.pk, court[1].pk])
    assert client.post(remove).status_code == 403


def test_a_revoked_share_ends_the_prosecutors_access(world, court):
    office, prosecutor = prosecution_office(world)
    share = world.case.shares.get(organisation=office)
    case_unshare(user=world.owner, case=world.case, share_id=share.pk)
    from django.http import Http404

    with pytest.raises(Http404):
        access_charge(prosecutor, court[1].pk, write=True)


def test_a_prosecution_caseworker_without_the_prosecutor_role_only_reads(world, court):
    office, _prosecutor = prosecution_office(world)
    clerk = make_user("clerk", office, "caseworker")
    assert access_charge(clerk, court[1].pk) == court[1]
    with pytest.raises(PermissionDenied):
        access_charge(clerk, court[1].pk, write=True)


def test_a_prosecution_supervisor_who_sees_the_case_by_jurisdiction_only_reads(world, court):
    chief = provincial_prosecution_supervisor(world)
    assert access_charge(chief, court[1].pk) == court[1]
    assert not can_record_court(chief, world.case)
    with pytest.raises(PermissionDenied):
        access_hearing(chief, court[2].pk, write=True)


def test_a_restricted_case_stays_with_its_team_whatever_was_shared(world, court):
    _office, prosecutor = prosecution_office(world)
    team = restricted_team(world, world.owner)
    case_update(user=world.owner, case=world.case, data={"sensitivity": "restricted", "team": team})
    from django.http import Http404

    with pytest.raises(Http404):
        access_charge(prosecutor, court[1].pk)
    assert not can_record_court(prosecutor, world.case)
