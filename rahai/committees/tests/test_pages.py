"""The committee pages: the list, the committee page, the meeting page with its inline (htmx)
forms that also work as plain forms, and the action item page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rahai.committees.access import system_committees
from rahai.geo.models import District

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_nav_links_to_committees_for_users_of_an_organisation(dvc, login, client):
    html = login(dvc.world.owner).get(reverse("core:home")).content.decode()
    assert f'href="{reverse("committees:list")}"' in html


def test_the_list_shows_your_committees_with_their_open_and_overdue_items(dvc, login):
    dvc.ngo_action.due_on = timezone.localdate() - timedelta(days=1)
    dvc.ngo_action.save(update_fields=["due_on"])
    html = login(dvc.world.partner).get(reverse("committees:list")).content.decode()
    assert "District Vigilance Committee, Lahore" in html and "1 overdue" in html
    assert dvc.ngo_action.reference in html  # open items for the partner's organisation


def test_the_committee_page_shows_members_meetings_and_open_action_items(dvc, login):
    upcoming = dvc.schedule(days=10)
    html = (
        login(dvc.world.owner)
        .get(reverse("committees:detail", args=[dvc.committee.pk]))
        .content.decode()
    )
    for expected in (
        "Deputy Commissioner, Lahore",
        "محمد اشرف",
        "Chair",
        "Bhatta Mazdoor Union",
        dvc.ngo_action.reference,
        dvc.labour_action.reference,
        reverse("committees:meeting_detail", args=[upcoming.pk]),
        reverse("committees:minutes_pdf", args=[dvc.meeting.pk]),
    ):
        assert expected in html, expected
    assert "Add a member" not in html and "Schedule a meeting" not in html


def test_the_secretariat_adds_a_member_inline(dvc, login):
    client = login(dvc.clerk)
    url = reverse("committees:member_add", args=[dvc.committee.pk])
    response = client.post(
        url,
        {
            "organisation": dvc.labour_org.pk,
            "designation": "District Officer Labour",
            "role": "secretary",
            "represents": "labour",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "District Officer Labour" in html and 'id="members-h"' in html
    wrong = client.post(url, {"role": "member"}, **HTMX).content.decode()
    assert "Name the member: an organisation, a person, or both." in wrong
    plain = client.post(
        url, {"designation": "Press Club", "role": "member", "username": "nobody-here"}
    )
    assert "No active user has this username." in plain.content.decode()


def test_scheduling_a_meeting_with_its_agenda(dvc, login):
    client = login(dvc.secretary)
    day = timezone.localdate() + timedelta(days=14)
    response = client.post(
        reverse("committees:meeting_schedule", args=[dvc.committee.pk]),
        {
            "date": day.isoformat(),
            "time": "11:00",
            "venue": "DC Office",
            "agenda": "Complaints\n\nInspections\n",
        },
    )
    meeting = dvc.committee.meetings.order_by("-id").first()
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:meeting_detail", args=[meeting.pk])
    assert [i.title for i in meeting.agenda_items.all()] == ["Complaints", "Inspections"]
    assert timezone.localtime(meeting.starts_at).hour == 11


def test_marking_held_then_recording_attendance_decisions_and_actions_inline(dvc, login):
    client = login(dvc.secretary)
    meeting = dvc.schedule(days=-0.1)
    client.post(reverse("committees:meeting_status", args=[meeting.pk, "held"]))
    meeting.refresh_from_db()
    assert meeting.is_held
    response = client.post(
        reverse("committees:attendance", args=[meeting.pk]),
        {
            f"status_{dvc.chair.pk}": "present",
            f"status_{dvc.police.pk}": "represented",
            f"represented_by_{dvc.police.pk}": "",
        },
        **HTMX,
    )
    assert "Say who represented the member." in response.content.decode()
    response = client.post(
        reverse("committees:attendance", args=[meeting.pk]),
        {
            f"status_{dvc.chair.pk}": "present",
            f"status_{dvc.police.pk}": "represented",
            f"represented_by_{dvc.police.pk}": "ASI Shahid",
        },
        **HTMX,
    )
    assert "2 of 4 members attended; 3 needed." in response.content.decode()
    response = client.post(
        reverse("committees:decision_add", args=[meeting.pk]),
        {"text": "FIRs in every complaint."},
        **HTMX,
    )
    assert "FIRs in every complaint." in response.content.decode()
    decision = meeting.decisions.get()
    response = client.post(
        reverse("committees:action_add", args=[meeting.pk]),
        {
            "text": "Register the FIRs.",
            "organisation": dvc.world.owner_org.pk,
            "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "decision": decision.pk,
        },
        **HTMX,
    )
    html = response.content.decode()
    assert "Register the FIRs." in html and 'id="meeting-actions-h"' in html
    assert meeting.actions.get().decision == decision


def test_writing_minutes_inline_links_case_references(dvc, login):
    client = login(dvc.secretary)
    item = dvc.meeting.agenda_items.first()
    url = reverse("committees:agenda_edit", args=[dvc.meeting.pk, item.pk])
    form = client.get(url, **HTMX).content.decode()
    assert "<html" not in form and 'name="minutes"' in form
    bad = client.post(url, {"title": item.title, "minutes": "Call 0300 1234567"}, **HTMX)
    assert bad["HX-Retarget"] == f"#item-{item.pk}"
    assert "must not hold personal data" in bad.content.decode()
    reference = dvc.world.case.reference
    ok = client.post(url, {"title": item.title, "minutes": f"Case {reference} discussed."}, **HTMX)
    html = ok.content.decode()
    assert reverse("committees:case_link", args=[reference]) in html
    plain = client.post(url, {"title": item.title, "minutes": "Revised."})
    assert plain.status_code == 302 and plain["Location"].endswith(f"#item-{item.pk}")


def test_the_assignee_records_progress_inline(dvc, login):
    client = login(dvc.world.partner)
    url = reverse("committees:action_status", args=[dvc.ngo_action.pk])
    page = client.get(reverse("committees:action_detail", args=[dvc.ngo_action.pk]))
    html = page.content.decode()
    assert "Record progress" in html and 'value="dropped"' not in html
    response = client.post(url, {"status": "in_progress", "note": "Visited two kilns."}, **HTMX)
    html = response.content.decode()
    assert "Visited two kilns." in html and "Open → In progress" in html


def test_the_secretariat_edits_an_action_item(dvc, login):
    client = login(dvc.secretary)
    url = reverse("committees:action_edit", args=[dvc.ngo_action.pk])
    assert client.get(url).status_code == 200
    due = timezone.localdate() + timedelta(days=60)
    response = client.post(
        url,
        {
            "text": "Inspect all kilns.",
            "organisation": dvc.labour_org.pk,
            "due_on": due.isoformat(),
            "assigned_person": "",
        },
    )
    assert response.status_code == 302
    dvc.ngo_action.refresh_from_db()
    assert dvc.ngo_action.organisation == dvc.labour_org and dvc.ngo_action.due_on == due
    # The NGO is still a member: it sees the item, but only the secretariat edits it.
    assert login(dvc.world.partner).get(url).status_code == 403


def test_creating_a_committee_from_the_form(dvc, login):
    client = login(dvc.secretary)
    lahore = District.objects.get(code="LHR")
    response = client.post(
        reverse("committees:create"),
        {
            "name": "District Anti-Trafficking Committee, Lahore",
            "kind": "district_tip",
            "province": lahore.province_id,
            "district": lahore.pk,
            "host": dvc.org.pk,
            "secretariat": dvc.org.pk,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert system_committees(purpose="test").filter(kind="district_tip").count() == 1
    again = client.post(
        reverse("committees:create"),
        {
            "name": "District Anti-Trafficking Committee, Lahore",
            "kind": "district_tip",
            "province": lahore.province_id,
            "district": lahore.pk,
            "host": dvc.org.pk,
            "secretariat": dvc.org.pk,
        },
    )
    assert "A committee with this name already exists." in again.content.decode()


def test_pages_render_in_urdu(dvc, login):
    client = login(dvc.world.owner)
    client.cookies["django_language"] = "ur"
    for url in (
        reverse("committees:list"),
        reverse("committees:detail", args=[dvc.committee.pk]),
        reverse("committees:meeting_detail", args=[dvc.meeting.pk]),
        reverse("committees:action_detail", args=[dvc.ngo_action.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert 'dir="rtl"' in response.content.decode()
