"""Reading committees for pages, the API and the minutes; always narrowing the access layer's
querysets (or the related managers of objects it returned), never widening them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rahai.committees.access import current_members_q, visible_actions, visible_committees
from rahai.committees.models import (
    ATTENDING,
    OPEN_ACTIONS,
    Committee,
    CommitteeAction,
    CommitteeMeeting,
    CommitteeMember,
    MeetingAttendance,
    MeetingStatus,
    MemberRole,
)

ROLE_ORDER = {role: index for index, role in enumerate(MemberRole.values)}


def committee_list(user, *, kind: str = "", province_id: int | None = None) -> QuerySet[Committee]:
    today = timezone.localdate()
    committees = visible_committees(user).select_related("province", "district", "secretariat")
    if kind:
        committees = committees.filter(kind=kind)
    if province_id:
        committees = committees.filter(province_id=province_id)
    return committees.annotate(
        open_actions=Count("actions", filter=Q(actions__status__in=OPEN_ACTIONS), distinct=True),
        overdue_actions=Count(
            "actions",
            filter=Q(actions__status__in=OPEN_ACTIONS, actions__due_on__lt=today),
            distinct=True,
        ),
    ).order_by("-active", "name")


def _role_sorted(members) -> list[CommitteeMember]:
    return sorted(members, key=lambda m: (ROLE_ORDER.get(m.role, 99), m.pk))


def current_members(committee: Committee, on=None) -> list[CommitteeMember]:
    return _role_sorted(
        committee.members.filter(current_members_q(on)).select_related("organisation", "user")
    )


def former_members(committee: Committee) -> list[CommitteeMember]:
    today = timezone.localdate()
    return _role_sorted(
        committee.members.filter(Q(end_on__lt=today) | Q(start_on__gt=today)).select_related(
            "organisation", "user"
        )
    )


def upcoming_meetings(committee: Committee) -> QuerySet[CommitteeMeeting]:
    return committee.meetings.filter(
        status=MeetingStatus.SCHEDULED, starts_at__gte=timezone.now()
    ).order_by("starts_at")


def past_meetings(committee: Committee) -> QuerySet[CommitteeMeeting]:
    return committee.meetings.exclude(
        status=MeetingStatus.SCHEDULED, starts_at__gte=timezone.now()
    ).order_by("-starts_at")


def committee_actions(committee: Committee, *, open_only: bool = True) -> QuerySet[CommitteeAction]:
    actions = committee.actions.select_related("organisation", "meeting")
    if open_only:
        actions = actions.filter(status__in=OPEN_ACTIONS)
    return actions.order_by("due_on", "id")


def my_actions(user) -> QuerySet[CommitteeAction]:
    """Open action items assigned to the user's organisation, in any committee."""
    return (
        visible_actions(user)
        .filter(organisation_id=user.organisation_id, status__in=OPEN_ACTIONS)
        .select_related("committee", "organisation")
        .order_by("due_on", "id")
    )


def action_list(
    user, *, status: str = "", overdue: bool = False, mine: bool = False, committee_id=None
) -> QuerySet[CommitteeAction]:
    actions = visible_actions(user).select_related("committee", "organisation", "meeting")
    if status == "open":
        actions = actions.filter(status__in=OPEN_ACTIONS)
    elif status:
        actions = actions.filter(status=status)
    if overdue:
        actions = actions.filter(status__in=OPEN_ACTIONS, due_on__lt=timezone.localdate())
    if mine:
        actions = actions.filter(organisation_id=user.organisation_id)
    if committee_id:
        actions = actions.filter(committee_id=committee_id)
    return actions.order_by("due_on", "id")


@dataclass(frozen=True)
class AttendanceRow:
    member: CommitteeMember
    record: MeetingAttendance | None

    @property
    def status(self) -> str:
        return self.record.status if self.record else ""

    @property
    def represented_by(self) -> str:
        return self.record.represented_by if self.record else ""


def meeting_date(meeting: CommitteeMeeting):
    return timezone.localtime(meeting.starts_at).date()


def attendance_rows(meeting: CommitteeMeeting) -> list[AttendanceRow]:
    """One row per member on the meeting's date (and any other member recorded as attending)."""
    records = {a.member_id: a for a in meeting.attendance.all()}
    members = {m.pk: m for m in current_members(meeting.committee, meeting_date(meeting))}
    missing = set(records) - set(members)
    if missing:
        for member in meeting.committee.members.filter(pk__in=missing).select_related(
            "organisation", "user"
        ):
            members[member.pk] = member
    return [AttendanceRow(m, records.get(m.pk)) for m in _role_sorted(members.values())]


@dataclass(frozen=True)
class Quorum:
    members: int  # members counted for the quorum on the meeting's date
    attending: int  # of them, present or represented
    needed: int
    recorded: bool  # whether any attendance was recorded

    @property
    def met(self) -> bool:
        return self.recorded and self.attending >= self.needed


def quorum(meeting: CommitteeMeeting, rows: list[AttendanceRow] | None = None) -> Quorum:
    rows = rows if rows is not None else attendance_rows(meeting)
    counted = [row for row in rows if row.member.counts_for_quorum]
    attending = sum(1 for row in counted if row.status in ATTENDING)
    needed = meeting.committee.quorum or (len(counted) // 2 + 1)
    return Quorum(
        members=len(counted),
        attending=attending,
        needed=needed,
        recorded=any(row.record is not None for row in rows),
    )


def meeting_agenda(meeting: CommitteeMeeting):
    return meeting.agenda_items.order_by("position", "id")


def meeting_decisions(meeting: CommitteeMeeting):
    return meeting.decisions.select_related("agenda_item").order_by("number")


def meeting_actions(meeting: CommitteeMeeting):
    return meeting.actions.select_related("organisation", "decision").order_by("due_on", "id")


def action_history(action: CommitteeAction):
    return action.updates.select_related("by", "organisation").order_by("at", "id")


def chair_of(rows: list[AttendanceRow]) -> AttendanceRow | None:
    return next((row for row in rows if row.member.role == MemberRole.CHAIR), None)
