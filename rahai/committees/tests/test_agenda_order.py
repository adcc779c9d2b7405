"""Reordering a meeting's agenda: the secretariat moves an item up or down, swapping it with its
neighbour; nothing moves past the top or the bottom, nor in a cancelled meeting; every move is
audited; members who do not keep the records are refused and outsiders get a 404."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rahai.audit.models import AuditEntry
from rahai.committees import services_meetings
from rahai.committees.selectors import meeting_agenda

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def agenda(dvc):
    """The held meeting's agenda: complaints, kilns, then a third item."""
    services_meetings.agenda_item_add(user=dvc.secretary, meeting=dvc.meeting, title="Any other")
    return list(meeting_agenda(dvc.meeting))


def _titles(meeting) -> list[str]:
    return [item.title for item in meeting_agenda(meeting)]


def _positions(meeting) -> list[int]:
    return [item.position for item in meeting_agenda(meeting)]


def _move_url(item, direction: str) -> str:
    return reverse("committees:agenda_move", args=[item.meeting_id, item.pk, direction])


def _move(dvc, item, direction, user=None):
    return services_meetings.agenda_item_move(
        user=user or dvc.secretary, item=item, direction=direction
    )


# --- the service ---------------------------------------------------------------------------


def test_moving_an_item_up_swaps_it_with_the_one_above(dvc, agenda):
    moved = _move(dvc, agenda[2], "up")
    assert moved.position == 2
    assert _titles(dvc.meeting) == ["Bonded labour complaints", "Any other", "Inspection of kilns"]
    assert _positions(dvc.meeting) == [1, 2, 3]


def test_moving_an_item_down_swaps_it_with_the_one_below(dvc, agenda):
    _move(dvc, agenda[0], "down")
    assert _titles(dvc.meeting) == ["Inspection of kilns", "Bonded labour complaints", "Any other"]
    assert _positions(dvc.meeting) == [1, 2, 3]


def test_an_item_moves_past_the_gap_a_removed_item_left(dvc, agenda):
    services_meetings.agenda_item_remove(user=dvc.secretary, item=agenda[1])
    _move(dvc, agenda[2], "up")
    assert _titles(dvc.meeting) == ["Any other", "Bonded labour complaints"]
    assert _positions(dvc.meeting) == [1, 3]


def test_the_first_item_does_not_move_up_nor_the_last_down_and_nothing_changes(dvc, agenda):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        _move(dvc, agenda[0], "up")
    assert exc.value.messages == ["This is already the first agenda item."]
    with pytest.raises(ValidationError) as exc:
        _move(dvc, agenda[2], "down")
    assert exc.value.messages == ["This is already the last agenda item."]
    assert _titles(dvc.meeting) == ["Bonded labour complaints", "Inspection of kilns", "Any other"]
    assert AuditEntry.objects.count() == before


def test_only_up_and_down_are_moves(dvc, agenda):
    with pytest.raises(ValidationError):
        _move(dvc, agenda[1], "sideways")
    assert _positions(dvc.meeting) == [1, 2, 3]


def test_a_move_reads_the_order_afresh_so_a_stale_page_cannot_corrupt_it(dvc, agenda):
    stale = agenda[2]  # loaded at position 3, as a second tab would hold it
    _move(dvc, agenda[2], "up")  # now second
    _move(dvc, stale, "up")  # the other tab's click: from where it is now, to the top
    assert _titles(dvc.meeting) == ["Any other", "Bonded labour complaints", "Inspection of kilns"]
    assert _positions(dvc.meeting) == [1, 2, 3]


def test_decisions_stay_under_their_item_when_it_moves(dvc, agenda):
    decision = services_meetings.decision_add(
        user=dvc.secretary, meeting=dvc.meeting, text="FIRs in all.", agenda_item=agenda[1]
    )
    _move(dvc, agenda[1], "up")
    decision.refresh_from_db()
    assert decision.agenda_item == agenda[1] and decision.agenda_item.position == 1


def test_a_cancelled_meetings_agenda_cannot_be_reordered(dvc):
    upcoming = dvc.schedule(agenda=("Complaints", "Inspections"))
    services_meetings.meeting_cancel(user=dvc.secretary, meeting=upcoming, reason="Elections")
    second = list(meeting_agenda(upcoming))[1]
    with pytest.raises(ValidationError, match="cancelled"):
        _move(dvc, second, "up")
    assert _titles(upcoming) == ["Complaints", "Inspections"]


def test_a_move_is_audited_with_both_positions(dvc, agenda):
    _move(dvc, agenda[2], "up", user=dvc.clerk)
    entry = AuditEntry.objects.filter(object_type="agenda_item").order_by("seq").last()
    assert entry.action == "update" and entry.actor == dvc.clerk
    assert entry.object_id == str(agenda[2].pk) and entry.fields == ["position"]
    assert entry.details == {
        "committee": dvc.committee.pk,
        "meeting": dvc.meeting.pk,
        "direction": "up",
        "changes": {"position": [3, 2]},
        "swapped_with": {"id": agenda[1].pk, "position": [2, 3]},
    }


def test_members_who_do_not_keep_the_records_may_not_reorder(dvc, agenda):
    for user in (dvc.world.owner, dvc.world.partner, dvc.dvc_analyst):
        with pytest.raises(PermissionDenied):
            _move(dvc, agenda[1], "up", user=user)
    assert _positions(dvc.meeting) == [1, 2, 3]
    assert _titles(dvc.meeting)[0] == "Bonded labour complaints"


# --- the meeting page ----------------------------------------------------------------------


def test_the_secretariat_sees_move_buttons_except_past_the_top_and_bottom(dvc, agenda, login):
    html = (
        login(dvc.clerk)
        .get(reverse("committees:meeting_detail", args=[dvc.meeting.pk]))
        .content.decode()
    )
    first, middle, last = agenda
    assert _move_url(first, "up") not in html and _move_url(first, "down") in html
    assert _move_url(middle, "up") in html and _move_url(middle, "down") in html
    assert _move_url(last, "up") in html and _move_url(last, "down") not in html
    assert 'aria-label="Move up: Any other"' in html


def test_members_who_do_not_keep_the_records_see_no_move_buttons_and_are_refused(
    dvc, agenda, login
):
    for user in (dvc.world.owner, dvc.dvc_analyst):
        client = login(user)
        page = client.get(reverse("committees:meeting_detail", args=[dvc.meeting.pk]))
        assert "Move up" not in page.content.decode()
        assert client.post(_move_url(agenda[1], "up")).status_code == 403
    assert _positions(dvc.meeting) == [1, 2, 3]
    assert _titles(dvc.meeting)[0] == "Bonded labour complaints"


def test_outsiders_get_404_when_moving_an_item(dvc, agenda, login):
    for user in (dvc.world.outsider, dvc.world.analyst, dvc.world.supervisor):
        client = login(user)
        assert client.post(_move_url(agenda[1], "up")).status_code == 404, user.username
        assert client.post(_move_url(agenda[1], "up"), **HTMX).status_code == 404
    assert _titles(dvc.meeting)[0] == "Bonded labour complaints"


def test_moving_with_a_plain_form_returns_to_the_item_with_a_message(dvc, agenda, login):
    client = login(dvc.secretary)
    response = client.post(_move_url(agenda[1], "up"), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#item-{agenda[1].pk}")
    assert "Agenda item moved." in response.content.decode()
    assert _titles(dvc.meeting)[0] == "Inspection of kilns"


def test_moving_the_first_item_up_with_a_plain_form_says_why_nothing_moved(dvc, agenda, login):
    response = login(dvc.secretary).post(_move_url(agenda[0], "up"), follow=True)
    assert "This is already the first agenda item." in response.content.decode()
    assert _positions(dvc.meeting) == [1, 2, 3]
    assert _titles(dvc.meeting)[0] == "Bonded labour complaints"


def test_moving_inline_returns_the_agenda_and_renumbers_the_decisions(dvc, agenda, login):
    services_meetings.decision_add(
        user=dvc.secretary, meeting=dvc.meeting, text="FIRs in all.", agenda_item=agenda[2]
    )
    response = login(dvc.secretary).post(_move_url(agenda[2], "up"), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="agenda-h"' in html and "Agenda item moved." in html
    assert html.index("Any other") < html.index("Inspection of kilns")
    assert 'id="decision-list" hx-swap-oob="innerHTML"' in html
    assert "(agenda item 2)" in html
    # The decision form's choice of agenda item follows the new order.
    choice = html[html.index('id="decision-agenda-choice" hx-swap-oob') :]
    assert choice.index("2. Any other") < choice.index("3. Inspection of kilns")


def test_an_item_added_inline_can_be_chosen_for_a_decision_at_once(dvc, agenda, login):
    url = reverse("committees:agenda_add", args=[dvc.meeting.pk])
    response = login(dvc.secretary).post(url, {"title": "Rescue at Sheikhupura"}, **HTMX)
    html = response.content.decode()
    choice = html[html.index('id="decision-agenda-choice" hx-swap-oob') :]
    assert "4. Rescue at Sheikhupura" in choice


def test_moving_inline_past_the_bottom_says_why_in_the_agenda(dvc, agenda, login):
    response = login(dvc.secretary).post(_move_url(agenda[2], "down"), **HTMX)
    html = response.content.decode()
    assert 'role="alert">This is already the last agenda item.' in html
    assert "Agenda item moved." not in html


def test_an_unknown_direction_or_another_meetings_item_is_not_found(dvc, agenda, login):
    client = login(dvc.secretary)
    assert client.post(_move_url(agenda[1], "sideways")).status_code == 404
    other = dvc.schedule(agenda=("Complaints", "Inspections"))
    foreign = list(meeting_agenda(other))[1]
    url = reverse("committees:agenda_move", args=[dvc.meeting.pk, foreign.pk, "up"])
    assert client.post(url).status_code == 404
    assert client.get(_move_url(agenda[1], "up")).status_code == 405
    assert _titles(other) == ["Complaints", "Inspections"]
