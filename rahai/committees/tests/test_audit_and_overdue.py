"""Every change to a committee is audited; overdue action items alert once, by reference."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rahai.audit.models import AuditEntry
from rahai.committees import services, services_actions, services_meetings
from rahai.committees.overdue import check_overdue_actions
from rahai.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _entries(object_type):
    return list(AuditEntry.objects.filter(object_type=object_type).order_by("seq"))


def test_setting_up_a_committee_and_its_members_is_audited(dvc):
    created = _entries("committee")
    assert [e.action for e in created] == ["create"]
    assert created[0].actor == dvc.secretary and "name" in created[0].fields
    assert created[0].details["changes"]["name"] == [None, "District Vigilance Committee, Lahore"]
    services.committee_update(user=dvc.secretary, committee=dvc.committee, data={"quorum": 3})
    update = _entries("committee")[-1]
    assert update.action == "update" and update.fields == ["quorum"]
    assert update.details["changes"] == {"quorum": [None, 3]}
    members = _entries("committee_member")
    assert len(members) == 4 and all(e.details["committee"] == dvc.committee.pk for e in members)


def test_meetings_minutes_attendance_decisions_and_actions_are_audited(dvc):
    item = dvc.meeting.agenda_items.first()
    services_meetings.agenda_item_update(
        user=dvc.clerk, item=item, title=item.title, minutes="Fourteen complaints."
    )
    services_meetings.attendance_record(
        user=dvc.clerk, meeting=dvc.meeting, entries=[{"member": dvc.chair, "status": "present"}]
    )
    services_meetings.decision_add(user=dvc.clerk, meeting=dvc.meeting, text="FIRs in all.")
    services_actions.action_set_status(
        user=dvc.world.partner, action=dvc.ngo_action, status="in_progress", note="Started."
    )
    minutes = _entries("agenda_item")[-1]
    assert minutes.actor == dvc.clerk and minutes.fields == ["minutes"]
    assert minutes.details["changes"]["minutes"] == ["", "Fourteen complaints."]
    attendance = _entries("committee_meeting")[-1]
    assert attendance.fields == ["attendance"]
    assert attendance.details["changes"] == {str(dvc.chair.pk): [["", ""], ["present", ""]]}
    assert [e.action for e in _entries("committee_decision")] == ["create"]
    actions = _entries("committee_action")
    assert [e.action for e in actions] == ["create", "create", "update"]
    assert actions[-1].actor == dvc.world.partner
    assert actions[-1].details["changes"] == {"status": ["open", "in_progress"]}


def test_audit_details_are_not_stored_in_clear(dvc):
    from django.db import connection

    services_meetings.decision_add(
        user=dvc.secretary, meeting=dvc.meeting, text="Peshgi ledgers to be seized."
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT details FROM audit_auditentry")
        stored = " ".join(str(row[0]) for row in cursor.fetchall())
        cursor.execute("SELECT text FROM committees_committeedecision")
        decisions = " ".join(str(row[0]) for row in cursor.fetchall())
    assert "Peshgi" not in stored and "Peshgi" not in decisions


def _make_overdue(action, days=3):
    action.due_on = timezone.localdate() - timedelta(days=days)
    action.save(update_fields=["due_on"])


def test_an_overdue_action_alerts_the_assignee_and_the_secretariat_once(
    dvc, django_capture_on_commit_callbacks
):
    dvc.world.partner.email = "partner@example.org"
    dvc.world.partner.save()
    _make_overdue(dvc.ngo_action)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert check_overdue_actions() == 1
    assert check_overdue_actions() == 0
    alerted = Notification.objects.filter(kind="committee.action_overdue")
    assert set(alerted.values_list("user__username", flat=True)) == {
        "partner",
        "dvc-secretary",
        "dvc-clerk",
    }
    notification = alerted.first()
    assert notification.reference == dvc.ngo_action.reference
    assert notification.text == (
        f"Committee action item {dvc.ngo_action.reference} is past its due date"
    )
    assert notification.link == reverse("committees:action_detail", args=[dvc.ngo_action.pk])
    [message] = [m for m in mail.outbox if "partner@example.org" in m.to]
    assert dvc.ngo_action.reference in message.subject
    assert "kilns" not in message.subject + message.body
    assert AuditEntry.objects.filter(action="system", object_type="committee_action").exists()


def test_a_new_due_date_or_reopening_gets_a_new_alert_and_closed_items_none(dvc):
    _make_overdue(dvc.ngo_action)
    _make_overdue(dvc.labour_action)
    services_actions.action_set_status(
        user=dvc.labour_officer, action=dvc.labour_action, status="done"
    )
    assert check_overdue_actions() == 1
    services_actions.action_update(
        user=dvc.secretary,
        action=dvc.ngo_action,
        data={"due_on": timezone.localdate() - timedelta(days=1)},
    )
    assert check_overdue_actions() == 1
    assert check_overdue_actions() == 0


def test_the_sla_command_sweeps_committee_action_items_too(dvc):
    _make_overdue(dvc.ngo_action)
    out = StringIO()
    call_command("referrals_check_sla", stdout=out)
    assert "1 committee action item(s) overdue" in out.getvalue()


def test_overdue_items_show_on_the_committee_page_and_the_assignees_list(dvc, login):
    _make_overdue(dvc.ngo_action)
    page = login(dvc.world.owner).get(reverse("committees:detail", args=[dvc.committee.pk]))
    html = page.content.decode()
    assert dvc.ngo_action.reference in html and "Overdue" in html
    mine = login(dvc.world.partner).get(
        reverse("committees:action_list"), {"mine": "1", "overdue": "1"}
    )
    html = mine.content.decode()
    assert dvc.ngo_action.reference in html and dvc.labour_action.reference not in html


def test_assigning_an_action_notifies_the_assigned_organisations_staff(dvc):
    assert Notification.objects.filter(
        kind="committee.action_assigned", user=dvc.labour_officer
    ).exists()
