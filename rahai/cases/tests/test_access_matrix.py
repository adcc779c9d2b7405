"""Who may open every case and person page and form: owner, partner, outsider, analyst, anonymous."""

import pytest
from django.urls import reverse

from rahai.cases.models import RoleKind
from rahai.cases.services import event_create
from rahai.testing import make_victim

pytestmark = pytest.mark.django_db

READ_PAGES = ["cases:detail"]
OWNER_ONLY_PAGES = ["cases:edit", "cases:role_add", "cases:event_add"]


def _event(world):
    return event_create(
        user=world.owner,
        case=world.case,
        data={"event_type": "recruitment", "district": world.case.district},
    )


def _role(world):
    return world.case.roles.get(person=world.victim, role=RoleKind.VICTIM)


def page_urls(world):
    case_id = world.case.pk
    event = _event(world)
    role = _role(world)
    return {
        "case detail": (reverse("cases:detail", args=[case_id]), "read"),
        "person detail": (reverse("people:detail", args=[world.victim.pk]), "read"),
        "case edit": (reverse("cases:edit", args=[case_id]), "write"),
        "add person": (reverse("cases:role_add", args=[case_id]), "write"),
        "edit role": (reverse("cases:role_edit", args=[case_id, role.pk]), "write"),
        "add event": (reverse("cases:event_add", args=[case_id]), "write"),
        "edit event": (reverse("cases:event_edit", args=[case_id, event.pk]), "write"),
        "edit person": (reverse("people:edit", args=[world.victim.pk]), "write"),
    }


def test_owner_opens_every_page(world, login):
    client = login(world.owner)
    for name, (url, _kind) in page_urls(world).items():
        assert client.get(url).status_code == 200, name


def test_partner_reads_but_cannot_open_edit_forms(world, login):
    client = login(world.partner)
    for name, (url, kind) in page_urls(world).items():
        expected = 200 if kind == "read" else 403
        assert client.get(url).status_code == expected, name


@pytest.mark.parametrize("who", ["outsider", "analyst", "auditor"])
def test_others_get_404_on_every_page(world, login, who):
    client = login(getattr(world, who))
    for name, (url, _kind) in page_urls(world).items():
        assert client.get(url).status_code == 404, f"{who}: {name}"


def test_anonymous_visitor_is_sent_to_sign_in(world, client):
    for name, (url, _kind) in page_urls(world).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name


def test_supervisor_sees_cases_in_jurisdiction_read_only(world, login):
    client = login(world.supervisor)
    urls = page_urls(world)
    assert client.get(urls["case detail"][0]).status_code == 200
    assert client.get(urls["case edit"][0]).status_code == 403


def test_outsider_cannot_post_changes(world, login):
    client = login(world.outsider)
    case_id = world.case.pk
    posts = [
        reverse("cases:edit", args=[case_id]),
        reverse("cases:note_add", args=[case_id]),
        reverse("cases:share", args=[case_id]),
        reverse("cases:role_add", args=[case_id]),
        reverse("cases:event_add", args=[case_id]),
        reverse("people:edit", args=[world.victim.pk]),
    ]
    for url in posts:
        assert client.post(url, {"body": "x", "title": "x"}).status_code == 404, url
    assert world.case.notes.count() == 0


def test_partner_may_add_a_note(world, login):
    client = login(world.partner)
    response = client.post(
        reverse("cases:note_add", args=[world.case.pk]), {"body": "Shelter intake done."}
    )
    assert response.status_code == 302
    assert world.case.notes.get().body == "Shelter intake done."


def test_case_list_shows_only_visible_cases(world, login):
    from rahai.testing import make_case

    other = make_case(world.outsider)
    owner_page = login(world.owner).get(reverse("cases:list")).content.decode()
    assert world.case.reference in owner_page and other.reference not in owner_page


def test_outsider_list_search_does_not_reveal_a_case(world, login):
    response = login(world.outsider).post(
        reverse("cases:list"), {"q": world.case.reference}, follow=True
    )
    page = response.content.decode()
    assert reverse("cases:detail", args=[world.case.pk]) not in page
    assert "0 cases" in page


def test_restricted_case_is_visible_only_to_its_team(world, login):
    from rahai.cases.services import case_update
    from rahai.testing import make_user, restricted_team

    teammate = make_user("teammate", world.owner_org, "investigator")
    team = restricted_team(world, world.owner, world.partner)
    case_update(user=world.owner, case=world.case, data={"sensitivity": "restricted", "team": team})
    url = reverse("cases:detail", args=[world.case.pk])
    assert login(world.owner).get(url).status_code == 200
    assert login(world.partner).get(url).status_code == 200
    assert login(teammate).get(url).status_code == 404
    assert login(world.supervisor).get(url).status_code == 404
    person_url = reverse("people:detail", args=[world.victim.pk])
    assert login(teammate).get(person_url).status_code == 404


def test_revoked_share_ends_partner_access(world, login):
    from rahai.cases.services import case_unshare

    share = world.case.shares.get()
    case_unshare(user=world.owner, case=world.case, share_id=share.pk)
    assert (
        login(world.partner).get(reverse("cases:detail", args=[world.case.pk])).status_code == 404
    )


def test_person_in_two_cases_shows_only_visible_ones(world, login):
    from rahai.cases.services import case_role_add
    from rahai.testing import make_case

    other_case = make_case(world.outsider)
    case_role_add(
        user=world.outsider, case=other_case, person=world.victim, data={"role": "witness"}
    )
    page = login(world.owner).get(reverse("people:detail", args=[world.victim.pk])).content.decode()
    assert world.case.reference in page
    assert other_case.reference not in page
    # and the outsider now sees the person through their own case, but not the owner's case
    page = (
        login(world.outsider).get(reverse("people:detail", args=[world.victim.pk])).content.decode()
    )
    assert other_case.reference in page and world.case.reference not in page


def test_second_victim_helper_works(world):
    person = make_victim(world.owner, world.case, given_name="Ayesha", family_name="Bibi")
    assert world.case.roles.filter(person=person).exists()
