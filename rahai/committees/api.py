"""Committees over the API: the committees you take part in, their meetings (agenda, minutes,
attendance, decisions) and action items, and reporting progress on an action item.

Everything is fetched through ``rahai.committees.access`` and changed through the services; a
committee, meeting or action item the caller may not see is a 404, whether or not it exists.
"""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from rahai.api.common import InputSchema, OrganisationOut, caller, choices
from rahai.api.pagination import Pagination
from rahai.committees import selectors, services_actions
from rahai.committees.access import (
    access_action,
    access_committee,
    access_meeting,
    allowed_statuses,
    can_edit_committee,
    can_update_action,
)
from rahai.committees.models import ActionStatus, CommitteeKind

router = Router(tags=["committees"])

ActionStatusCode = choices(ActionStatus)
CommitteeKindCode = choices(CommitteeKind, blank=True)


# --- schemas -------------------------------------------------------------------------------


class CommitteeListOut(Schema):
    id: int
    name: str
    name_ur: str
    kind: str
    province: str = Field(description="Province code.")
    district: str | None = Field(description="District code, for a district committee.")
    host: OrganisationOut
    secretariat: OrganisationOut
    active: bool
    open_actions: int = 0
    overdue_actions: int = 0

    @staticmethod
    def resolve_province(obj) -> str:
        return obj.province.code

    @staticmethod
    def resolve_district(obj) -> str | None:
        return obj.district.code if obj.district_id else None


class MemberOut(Schema):
    id: int
    organisation: OrganisationOut | None
    person_name: str
    designation: str
    role: str
    represents: str
    start_on: date
    end_on: date | None


class CommitteeOut(CommitteeListOut):
    legal_basis: str
    quorum: int | None = Field(description="Empty: more than half of the members.")
    members: list[MemberOut] = Field(description="Current members.")
    can_edit: bool

    @staticmethod
    def resolve_members(obj) -> list:
        return selectors.current_members(obj)


class MeetingListOut(Schema):
    id: int
    reference: str
    committee: int
    starts_at: datetime
    venue: str
    status: str

    @staticmethod
    def resolve_committee(obj) -> int:
        return obj["committee"] if isinstance(obj, dict) else obj.committee_id


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    minutes: str


class AttendanceOut(Schema):
    member: int
    name: str
    role: str
    status: str = Field(description="Empty when not recorded.")
    represented_by: str


class QuorumOut(Schema):
    members: int
    attending: int
    needed: int
    recorded: bool
    met: bool


class DecisionOut(Schema):
    id: int
    number: int
    agenda_item: int | None
    text: str

    @staticmethod
    def resolve_agenda_item(obj) -> int | None:
        return obj.agenda_item_id


class ActionListOut(Schema):
    id: int
    reference: str
    committee: int
    meeting: int
    text: str
    organisation: OrganisationOut
    assigned_person: str
    due_on: date
    status: str
    overdue: bool

    @staticmethod
    def resolve_committee(obj) -> int:
        return obj.committee_id

    @staticmethod
    def resolve_meeting(obj) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue


class MeetingOut(MeetingListOut):
    notes: str = Field(description="General minutes.")
    cancelled_reason: str
    agenda: list[AgendaItemOut]
    attendance: list[AttendanceOut]
    quorum: QuorumOut
    decisions: list[DecisionOut]
    actions: list[ActionListOut]


class UpdateOut(Schema):
    status: str
    previous_status: str
    note: str
    organisation: str
    at: datetime


class ActionOut(ActionListOut):
    decision: int | None
    closed_at: datetime | None
    history: list[UpdateOut]
    statuses: list[str] = Field(description="The statuses you may set now.")

    @staticmethod
    def resolve_decision(obj) -> int | None:
        return obj.decision_id


class ActionFilters(Schema):
    status: ActionStatusCode | Literal["open", "all"] = Field(
        "open", description="A status, `open` (open or in progress) or `all`."
    )
    overdue: bool = False
    mine: bool = Field(False, description="Only those assigned to your organisation.")
    committee: int | None = None


class ActionStatusIn(InputSchema):
    status: ActionStatusCode
    note: str = Field("", max_length=2000, description="Progress note; no personal data.")


# --- helpers -------------------------------------------------------------------------------


def _meeting_out(user, meeting_id: int) -> dict:
    meeting = access_meeting(user, meeting_id)
    rows = selectors.attendance_rows(meeting)
    quorum = selectors.quorum(meeting, rows)
    return {
        "id": meeting.pk,
        "reference": meeting.reference,
        "committee": meeting.committee_id,
        "starts_at": meeting.starts_at,
        "venue": meeting.venue,
        "status": meeting.status,
        "notes": meeting.notes,
        "cancelled_reason": meeting.cancelled_reason,
        "agenda": list(selectors.meeting_agenda(meeting)),
        "attendance": [
            {
                "member": row.member.pk,
                "name": row.member.label,
                "role": row.member.role,
                "status": row.status,
                "represented_by": row.represented_by,
            }
            for row in rows
        ],
        "quorum": {**vars(quorum), "met": quorum.met},
        "decisions": list(selectors.meeting_decisions(meeting)),
        "actions": list(selectors.meeting_actions(meeting)),
    }


def _action_out(user, action_id: int):
    action = access_action(user, action_id)
    action.history = [
        {
            "status": update.status,
            "previous_status": update.previous_status,
            "note": update.note,
            "organisation": str(update.organisation or ""),
            "at": update.at,
        }
        for update in selectors.action_history(action)
    ]
    action.statuses = allowed_statuses(user, action) if can_update_action(user, action) else []
    return action


# --- endpoints -----------------------------------------------------------------------------


@router.get("", response=list[CommitteeListOut], summary="Committees you take part in")
@paginate(Pagination)
def list_committees(
    request: HttpRequest, kind: CommitteeKindCode = "", province: int | None = None
):
    return selectors.committee_list(caller(request), kind=kind, province_id=province)


@router.get("/actions", response=list[ActionListOut], summary="Action items you may see")
@paginate(Pagination)
def list_actions(request: HttpRequest, filters: Query[ActionFilters]):
    status = "" if filters.status == "all" else filters.status
    return selectors.action_list(
        caller(request),
        status=status,
        overdue=filters.overdue,
        mine=filters.mine,
        committee_id=filters.committee,
    )


@router.get("/actions/{int:action_id}", response=ActionOut, summary="Read an action item")
def get_action(request: HttpRequest, action_id: int):
    return _action_out(caller(request), action_id)


@router.post(
    "/actions/{int:action_id}/status",
    response=ActionOut,
    summary="Report progress on an action item or change its status",
)
def set_action_status(request: HttpRequest, action_id: int, payload: ActionStatusIn):
    user = caller(request)
    action = access_action(user, action_id)
    if not can_update_action(user, action):
        raise PermissionDenied
    services_actions.action_set_status(
        user=user, action=action, status=payload.status, note=payload.note
    )
    return Status(200, _action_out(user, action_id))


@router.get("/meetings/{int:meeting_id}", response=MeetingOut, summary="Read a meeting")
def get_meeting(request: HttpRequest, meeting_id: int):
    return _meeting_out(caller(request), meeting_id)


@router.get("/{int:committee_id}", response=CommitteeOut, summary="Read a committee")
def get_committee(request: HttpRequest, committee_id: int):
    user = caller(request)
    committee = access_committee(user, committee_id)
    annotated = selectors.committee_list(user).get(pk=committee.pk)
    annotated.can_edit = can_edit_committee(user, committee)
    return annotated


@router.get(
    "/{int:committee_id}/meetings",
    response=list[MeetingListOut],
    summary="A committee's meetings, latest first",
)
@paginate(Pagination)
def list_meetings(request: HttpRequest, committee_id: int):
    committee = access_committee(caller(request), committee_id)
    return committee.meetings.order_by("-starts_at", "-id")
