"""Who sees and who changes a committee: members' organisations see it, the secretariat edits
it, an assignee reports on its own action items, everyone else gets a 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rahai.committees import services, services_meetings
from rahai.committees.access import (
    can_edit_committee,
    can_update_action,
    visible_actions,
    visible_committees,
)
from rahai.testing import make_user

pytestmark = pytest.mark.django_db


def _pages(dvc):
    return [
        reverse("committees:detail", args=[dvc.committee.pk]),
        reverse("committees:meeting_detail", args=[dvc.meeting.pk]),
        reverse("committees:minutes_pdf", args=[dvc.meeting.pk]),
        reverse("committees:action_detail", args=[dvc.ngo_action.pk]),
    ]


def test_a_member_organisations_users_see_the_committee_but_do_not_edit_it(dvc, login):
    client = login(dvc.world.owner)
    for url in _pages(dvc):
        assert client.get(url).status_code == 200, url
    assert not can_edit_committee(dvc.world.owner, dvc.committee)
    response = client.post(
        reverse("committees:member_add", args=[dvc.committee.pk]),
        {"designation": "Someone", "role": "member"},
    )
    assert response.status_code == 403
    assert client.get(reverse("committees:edit", args=[dvc.committee.pk])).status_code == 403


def test_the_secretariats_supervisors_and_caseworkers_edit_it(dvc, login):
    for user in (dvc.secretary, dvc.clerk):
        assert can_edit_committee(user, dvc.committee)
        client = login(user)
        assert client.get(reverse("committees:edit", args=[dvc.committee.pk])).status_code == 200
        page = client.get(reverse("committees:meeting_detail", args=[dvc.meeting.pk]))
        assert "Save attendance" in page.content.decode()
    assert not can_edit_committee(dvc.dvc_analyst, dvc.committee)


def test_outsiders_get_404_everywhere(dvc, login):
    for user in (dvc.world.outsider, dvc.world.analyst, dvc.world.supervisor):
        client = login(user)
        for url in [*_pages(dvc), reverse("committees:edit", args=[dvc.committee.pk])]:
            assert client.get(url).status_code == 404, (user.username, url)
        response = client.post(
            reverse("committees:action_status", args=[dvc.ngo_action.pk]), {"status": "done"}
        )
        assert response.status_code == 404
        listing = client.get(reverse("committees:list")).content.decode()
        assert "District Vigilance Committee, Lahore" not in listing


def test_signed_out_visitors_are_sent_to_sign_in(dvc, client):
    response = client.get(reverse("committees:detail", args=[dvc.committee.pk]))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_an_assignee_updates_only_its_own_action_items(dvc, login):
    partner = dvc.world.partner
    assert can_update_action(partner, dvc.ngo_action)
    assert not can_update_action(partner, dvc.labour_action)
    client = login(partner)
    done = client.post(
        reverse("committees:action_status", args=[dvc.ngo_action.pk]),
        {"status": "in_progress", "note": "Two kilns visited."},
    )
    assert done.status_code == 302
    dvc.ngo_action.refresh_from_db()
    assert dvc.ngo_action.status == "in_progress"
    other = client.post(
        reverse("committees:action_status", args=[dvc.labour_action.pk]), {"status": "done"}
    )
    assert other.status_code == 403
    dvc.labour_action.refresh_from_db()
    assert dvc.labour_action.status == "open"


def test_an_assignee_outside_the_committee_sees_its_item_and_nothing_else(dvc, login):
    officer = dvc.labour_officer
    assert dvc.committee not in visible_committees(officer)
    assert list(visible_actions(officer)) == [dvc.labour_action]
    client = login(officer)
    assert client.get(reverse("committees:detail", args=[dvc.committee.pk])).status_code == 404
    assert (
        client.get(reverse("committees:meeting_detail", args=[dvc.meeting.pk])).status_code == 404
    )
    assert (
        client.get(reverse("committees:action_detail", args=[dvc.ngo_action.pk])).status_code == 404
    )
    page = client.get(reverse("committees:action_detail", args=[dvc.labour_action.pk]))
    assert page.status_code == 200
    assert reverse("committees:detail", args=[dvc.committee.pk]) not in page.content.decode()
    response = client.post(
        reverse("committees:action_status", args=[dvc.labour_action.pk]),
        {"status": "done", "note": "Report filed."},
    )
    assert response.status_code == 302
    dvc.labour_action.refresh_from_db()
    assert dvc.labour_action.status == "done"


def test_a_case_in_the_minutes_is_a_link_the_case_access_layer_decides(dvc, login):
    world = dvc.world
    item = dvc.meeting.agenda_items.first()
    services_meetings.agenda_item_update(
        user=dvc.secretary,
        item=item,
        title=item.title,
        minutes=f"Case {world.case.reference} was discussed; the family is in the shelter.",
    )
    link = reverse("committees:case_link", args=[world.case.reference])
    page = login(dvc.dvc_analyst).get(reverse("committees:meeting_detail", args=[dvc.meeting.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and f'href="{link}"' in html
    for secret in ("Imran", "Khan", "محمد عمران", "35202", "0300", "Brick kiln family held"):
        assert secret not in html, secret
    # The DVC's analyst and caseworker may not see the case: the link is a 404 for them.
    assert login(dvc.dvc_analyst).get(link).status_code == 404
    assert login(dvc.clerk).get(link).status_code == 404
    # The owner, and the DVC's supervisor (district oversight), may: it opens the case page.
    for user in (world.owner, dvc.secretary):
        response = login(user).get(link)
        assert response.status_code == 302
        assert response["Location"] == reverse("cases:detail", args=[world.case.pk])


def test_a_former_member_loses_access(dvc, login):
    services.member_end(
        user=dvc.secretary, member=dvc.police, end_on=timezone.localdate() - timedelta(days=1)
    )
    assert dvc.committee not in visible_committees(dvc.world.owner)
    url = reverse("committees:detail", args=[dvc.committee.pk])
    assert login(dvc.world.owner).get(url).status_code == 404


def test_a_user_named_as_a_member_sees_the_committee_whatever_their_organisation(dvc, world):
    assert dvc.committee not in visible_committees(world.outsider)
    dvc.member(user=world.outsider, designation="Observer from Karachi")
    assert dvc.committee in visible_committees(world.outsider)


def test_only_supervisors_of_coordination_bodies_set_up_committees(dvc, login, world):
    assert login(dvc.secretary).get(reverse("committees:create")).status_code == 200
    assert login(dvc.clerk).get(reverse("committees:create")).status_code == 403
    assert login(world.owner).get(reverse("committees:create")).status_code == 403
    inactive = make_user("gone", dvc.org, "supervisor")
    inactive.is_active = False
    inactive.save()
    assert dvc.committee not in visible_committees(inactive)
