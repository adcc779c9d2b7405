"""The committee services validate everything first, say clearly what is wrong, and save
nothing when anything is."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rahai.audit.models import AuditEntry
from rahai.committees import services, services_actions, services_meetings
from rahai.committees.access import system_committees
from rahai.committees.selectors import quorum
from rahai.geo.models import District
from rahai.orgs.models import OrganisationKind
from rahai.testing import make_org

pytestmark = pytest.mark.django_db


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


def _committee_data(dvc, **overrides):
    lahore = District.objects.select_related("province").get(code="LHR")
    data = {
        "name": "District Anti-Trafficking Committee, Lahore",
        "kind": "district_tip",
        "province": lahore.province,
        "district": lahore,
        "host": dvc.org,
        "secretariat": dvc.org,
    }
    data.update(overrides)
    return data


def test_a_committee_needs_a_unique_name_a_district_and_a_coordination_host(dvc):
    before = AuditEntry.objects.count()
    karachi = District.objects.get(code="KSO")
    with pytest.raises(ValidationError) as exc:
        services.committee_create(
            user=dvc.secretary,
            data=_committee_data(
                dvc,
                name="district vigilance committee, LAHORE",
                district=karachi,
                host=dvc.world.partner_org,
            ),
        )
    errors = _errors(exc)
    assert errors["name"] == ["A committee with this name already exists."]
    assert errors["district"] == ["This district is not in the province chosen."]
    assert "District Vigilance Committee" in errors["host"][0]
    with pytest.raises(ValidationError) as exc:
        services.committee_create(user=dvc.secretary, data=_committee_data(dvc, district=None))
    assert _errors(exc)["district"] == ["A district committee needs its district."]
    assert system_committees(purpose="test").count() == 1
    assert AuditEntry.objects.count() == before


def test_the_creator_must_host_the_committee_or_keep_its_records(dvc):
    other = make_org(
        "District Vigilance Committee, Kasur", kind=OrganisationKind.DVC, district_code="KSR"
    )
    with pytest.raises(ValidationError) as exc:
        services.committee_create(
            user=dvc.secretary,
            data=_committee_data(dvc, host=other, secretariat=dvc.world.partner_org),
        )
    assert _errors(exc)["secretariat"] == [
        "Your organisation must host the committee or be its secretariat."
    ]
    with pytest.raises(PermissionDenied):
        services.committee_create(user=dvc.clerk, data=_committee_data(dvc))


def test_a_provincial_committee_needs_no_district(dvc):
    committee = services.committee_create(
        user=dvc.secretary,
        data=_committee_data(dvc, name="Punjab Task Force", kind="provincial_tip", district=None),
    )
    assert committee.place == committee.province


def test_a_member_is_an_organisation_or_a_person_and_there_is_one_chair(dvc, world):
    with pytest.raises(ValidationError) as exc:
        dvc.member(role="member")
    assert _errors(exc)["organisation"] == ["Name the member: an organisation, a person, or both."]
    with pytest.raises(ValidationError) as exc:
        dvc.member(designation="Additional Deputy Commissioner", role="chair")
    assert _errors(exc)["role"] == [
        "The committee already has a current chair: end that membership first."
    ]
    with pytest.raises(ValidationError) as exc:
        dvc.member(organisation=dvc.labour_org, user=world.partner)
    assert _errors(exc)["user"] == ["This user belongs to another organisation."]
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        dvc.member(designation="Press Club", start_on=today, end_on=today - timedelta(days=1))
    assert _errors(exc)["end_on"] == ["The membership cannot end before it starts."]
    member = dvc.member(user=dvc.labour_officer, designation="Labour Inspector")
    assert member.organisation == dvc.labour_org


def test_ending_the_chairs_membership_lets_a_new_chair_be_named(dvc):
    services.member_end(
        user=dvc.secretary, member=dvc.chair, end_on=timezone.localdate() - timedelta(days=1)
    )
    chair = dvc.member(designation="Deputy Commissioner (new)", role="chair")
    assert chair.role == "chair"
    with pytest.raises(ValidationError, match="already ended"):
        services.member_end(user=dvc.secretary, member=dvc.chair)


def test_minutes_must_not_hold_personal_data_and_nothing_half_saved(dvc):
    item = dvc.meeting.agenda_items.first()
    for text in (
        "The victim's CNIC is 35202-1234567-1.",
        "Call him on 0300 1234567.",
        "Phone +92 300 1234567",
        "Passport AB1234567 was taken by the kiln owner.",
    ):
        with pytest.raises(ValidationError) as exc:
            services_meetings.agenda_item_update(
                user=dvc.secretary, item=item, title="Renamed", minutes=text
            )
        assert "must not hold personal data" in _errors(exc)["minutes"][0], text
    item.refresh_from_db()
    assert item.title == "Bonded labour complaints" and item.minutes == ""
    with pytest.raises(ValidationError):
        services_meetings.decision_add(
            user=dvc.secretary, meeting=dvc.meeting, text="Contact 03001234567"
        )
    assert dvc.meeting.decisions.count() == 0
    updated = services_meetings.agenda_item_update(
        user=dvc.secretary,
        item=item,
        title=item.title,
        minutes="Case PB-LHR-2026-000001: 14 complaints in 2026, 3 FIRs.",
    )
    assert updated.minutes.startswith("Case PB-LHR-2026-000001")


def test_decisions_and_action_items_wait_for_the_meeting_to_be_held(dvc):
    upcoming = dvc.schedule()
    with pytest.raises(ValidationError, match="Mark the meeting as held"):
        services_meetings.decision_add(user=dvc.secretary, meeting=upcoming, text="Decided.")
    with pytest.raises(ValidationError, match="Mark the meeting as held"):
        services_actions.action_create(
            user=dvc.secretary,
            meeting=upcoming,
            data={
                "text": "Do it",
                "organisation": dvc.labour_org,
                "due_on": timezone.localdate() + timedelta(days=30),
            },
        )
    with pytest.raises(ValidationError, match="has not started yet"):
        services_meetings.meeting_mark_held(user=dvc.secretary, meeting=upcoming)
    with pytest.raises(ValidationError, match="once the meeting has started"):
        services_meetings.attendance_record(
            user=dvc.secretary,
            meeting=upcoming,
            entries=[{"member": dvc.chair, "status": "present"}],
        )


def test_a_cancelled_meeting_cannot_change(dvc):
    upcoming = dvc.schedule()
    services_meetings.meeting_cancel(user=dvc.secretary, meeting=upcoming, reason="Elections")
    with pytest.raises(ValidationError, match="cancelled"):
        services_meetings.agenda_item_add(user=dvc.secretary, meeting=upcoming, title="More")
    with pytest.raises(ValidationError, match="Only a scheduled meeting"):
        services_meetings.meeting_cancel(user=dvc.secretary, meeting=upcoming)


def test_attendance_counts_for_the_quorum_and_observers_do_not(dvc):
    observer = dvc.member(
        organisation=dvc.labour_org,
        role="observer",
        start_on=timezone.localdate() - timedelta(days=30),
    )
    with pytest.raises(ValidationError) as exc:
        services_meetings.attendance_record(
            user=dvc.secretary,
            meeting=dvc.meeting,
            entries=[{"member": dvc.police, "status": "represented", "represented_by": ""}],
        )
    assert _errors(exc)[f"member_{dvc.police.pk}"] == ["Say who represented the member."]
    assert dvc.meeting.attendance.count() == 0
    services_meetings.attendance_record(
        user=dvc.secretary,
        meeting=dvc.meeting,
        entries=[
            {"member": dvc.chair, "status": "present"},
            {"member": dvc.police, "status": "represented", "represented_by": "ASI Shahid"},
            {"member": dvc.ngo, "status": "apology"},
            {"member": dvc.workers, "status": "absent"},
            {"member": observer, "status": "present"},
        ],
    )
    result = quorum(dvc.meeting)
    assert (result.members, result.attending, result.needed, result.met) == (4, 2, 3, False)
    services_meetings.attendance_record(
        user=dvc.secretary,
        meeting=dvc.meeting,
        entries=[{"member": dvc.workers, "status": "present"}],
    )
    assert quorum(dvc.meeting).met


def test_an_action_item_is_due_after_its_meeting_and_goes_to_an_organisation(dvc):
    with pytest.raises(ValidationError) as exc:
        dvc.action(organisation=None, due_on=timezone.localdate() - timedelta(days=30), text="")
    errors = _errors(exc)
    assert set(errors) >= {"text", "due_on"}
    assert errors["due_on"] == ["The due date cannot be before the meeting that decided it."]
    assert dvc.committee.actions.count() == 2


def test_the_assignee_reports_progress_but_only_the_secretariat_drops_or_reopens(dvc):
    partner = dvc.world.partner
    action = dvc.ngo_action
    with pytest.raises(ValidationError) as exc:
        services_actions.action_set_status(
            user=partner, action=action, status="dropped", note="Not ours"
        )
    assert _errors(exc)["status"] == ["You may not set this action item to dropped."]
    with pytest.raises(ValidationError) as exc:
        services_actions.action_set_status(user=partner, action=action, status="open")
    assert "Nothing to record" in _errors(exc)["note"][0]
    services_actions.action_set_status(user=partner, action=action, status="done")
    action.refresh_from_db()
    assert action.status == "done" and action.closed_at is not None
    with pytest.raises(ValidationError, match="closed; the secretariat may reopen it"):
        services_actions.action_set_status(user=partner, action=action, status="in_progress")
    with pytest.raises(ValidationError) as exc:
        services_actions.action_set_status(user=dvc.secretary, action=action, status="dropped")
    assert _errors(exc)["note"] == ["Say why the action item is dropped."]
    services_actions.action_set_status(
        user=dvc.secretary, action=action, status="open", note="Reopened: two kilns left."
    )
    action.refresh_from_db()
    assert action.status == "open" and action.closed_at is None
    history = [(u.previous_status, u.status) for u in action.updates.order_by("id")]
    assert history == [("", "open"), ("open", "done"), ("done", "open")]


def test_the_assignee_cannot_change_what_the_action_is(dvc):
    with pytest.raises(PermissionDenied):
        services_actions.action_update(
            user=dvc.world.partner,
            action=dvc.ngo_action,
            data={"due_on": timezone.localdate() + timedelta(days=90)},
        )
    updated = services_actions.action_update(
        user=dvc.clerk,
        action=dvc.ngo_action,
        data={"due_on": timezone.localdate() + timedelta(days=90), "assigned_person": "Ms Rubina"},
    )
    assert updated.assigned_person == "Ms Rubina"
