"""The one place that decides who may read and write committee records.

- A committee is seen by the users of its host and secretariat organisations, of every
  organisation that is a current member, and by users named as current members themselves.
- Its secretariat's supervisors and caseworkers edit it: members, meetings, agenda, minutes,
  attendance, decisions and action items.
- The users of an organisation an action item is assigned to see that item (even when their
  organisation is not a member) and, if they work with cases or coordination, update its
  status and add progress notes; they do not see the rest of the committee unless they are
  members.
- Everyone else gets a 404, never a hint that the committee exists.

Committees hold no victim's personal data. A case named in the minutes is shown only as its
reference, and opening it goes through ``rahai.cases.access`` like any other link.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.cases.access import EDIT_ROLES, access_case_by_reference
from rahai.committees.models import (
    ActionStatus,
    Committee,
    CommitteeAction,
    CommitteeMeeting,
    CommitteeMember,
)
from rahai.orgs.models import OrganisationKind

# Roles of the secretariat's staff who keep the committee's records.
EDITOR_ROLES = (RoleCode.SUPERVISOR, RoleCode.CASEWORKER)
# Organisations that may host a committee (the committee as an organisation in Rahai).
HOST_KINDS = frozenset({OrganisationKind.DVC, OrganisationKind.TIP_COMMITTEE})
# Organisations whose supervisors may set up a committee (and so become its secretariat or host).
CREATOR_KINDS = HOST_KINDS | {OrganisationKind.LABOUR_DEPARTMENT}


def _signed_in(user) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id is not None
    )


def current_members_q(on=None) -> Q:
    on = on or timezone.localdate()
    return Q(start_on__lte=on) & (Q(end_on__isnull=True) | Q(end_on__gte=on))


# --- committees ----------------------------------------------------------------------------


def visible_committees(user) -> QuerySet[Committee]:
    if not _signed_in(user):
        return Committee.objects.none()
    memberships = CommitteeMember.objects.filter(current_members_q()).filter(
        Q(organisation_id=user.organisation_id) | Q(user_id=user.pk)
    )
    return Committee.objects.filter(
        Q(host_id=user.organisation_id)
        | Q(secretariat_id=user.organisation_id)
        | Q(id__in=memberships.values("committee_id"))
    )


def access_committee(user, committee_id, *, write: bool = False) -> Committee:
    """The committee if the user may see it (and edit it when ``write``); else 404 / 403."""
    try:
        committee = (
            visible_committees(user)
            .select_related("province", "district__province", "host", "secretariat")
            .get(pk=int(committee_id))
        )
    except (Committee.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not can_edit_committee(user, committee):
        raise PermissionDenied
    return committee


def can_edit_committee(user, committee: Committee) -> bool:
    return (
        _signed_in(user)
        and user.organisation_id == committee.secretariat_id
        and user.has_role(*EDITOR_ROLES)
    )


def can_create_committee(user) -> bool:
    return (
        _signed_in(user)
        and user.has_role(RoleCode.SUPERVISOR)
        and user.organisation.kind in CREATOR_KINDS
    )


def committee_name_taken(name: str, *, exclude_id: int | None = None) -> bool:
    """Whether another committee has this name (names are unique, whoever may see them)."""
    return Committee.objects.filter(name__iexact=name).exclude(pk=exclude_id).exists()


def committee_for_update(user, committee: Committee) -> Committee:
    """A fresh copy of the committee, locked, for a service that has checked the user."""
    if not can_edit_committee(user, committee):
        raise PermissionDenied
    return Committee.objects.select_for_update().get(pk=committee.pk)


# --- members -------------------------------------------------------------------------------


def access_member(user, committee: Committee, member_id) -> CommitteeMember:
    """A member of a committee the user may see (``committee`` from ``access_committee``)."""
    try:
        return committee.members.select_related("organisation", "user").get(pk=int(member_id))
    except (CommitteeMember.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


# --- meetings ------------------------------------------------------------------------------


def visible_meetings(user) -> QuerySet[CommitteeMeeting]:
    return CommitteeMeeting.objects.filter(committee_id__in=visible_committees(user).values("id"))


def access_meeting(user, meeting_id, *, write: bool = False) -> CommitteeMeeting:
    try:
        meeting = (
            visible_meetings(user)
            .select_related(
                "committee__province",
                "committee__district__province",
                "committee__host",
                "committee__secretariat",
            )
            .get(pk=int(meeting_id))
        )
    except (CommitteeMeeting.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not can_edit_committee(user, meeting.committee):
        raise PermissionDenied
    return meeting


def meeting_for_update(user, meeting: CommitteeMeeting) -> CommitteeMeeting:
    if not can_edit_committee(user, meeting.committee):
        raise PermissionDenied
    return (
        CommitteeMeeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
    )


# --- action items --------------------------------------------------------------------------


def visible_actions(user) -> QuerySet[CommitteeAction]:
    """Action items of the committees the user sees, and those assigned to their organisation."""
    if not _signed_in(user):
        return CommitteeAction.objects.none()
    return CommitteeAction.objects.filter(
        Q(committee_id__in=visible_committees(user).values("id"))
        | Q(organisation_id=user.organisation_id)
    )


def access_action(user, action_id) -> CommitteeAction:
    try:
        action = (
            visible_actions(user)
            .select_related("committee", "meeting", "decision", "organisation", "created_by")
            .get(pk=int(action_id))
        )
    except (CommitteeAction.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    action.viewer_sees_committee = visible_committees(user).filter(pk=action.committee_id).exists()
    return action


def is_assignee(user, action: CommitteeAction) -> bool:
    return (
        _signed_in(user)
        and user.organisation_id == action.organisation_id
        and user.has_role(*EDIT_ROLES)
    )


def can_edit_action(user, action: CommitteeAction) -> bool:
    """Change what the action is, who owns it and when it is due: the secretariat."""
    return can_edit_committee(user, action.committee)


def can_update_action(user, action: CommitteeAction) -> bool:
    """Change its status and add progress notes: the secretariat and the assignee's staff."""
    return can_edit_action(user, action) or is_assignee(user, action)


def allowed_statuses(user, action: CommitteeAction) -> list[str]:
    """The statuses this user may move the action to. Only the secretariat drops an action or
    reopens a closed one; the assignee reports progress and completion."""
    if can_edit_action(user, action):
        return list(ActionStatus.values)
    if is_assignee(user, action) and action.is_open:
        return [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
    return []


def action_for_update(user, action: CommitteeAction) -> CommitteeAction:
    if not can_update_action(user, action):
        raise PermissionDenied
    return (
        CommitteeAction.objects.select_for_update()
        .select_related("committee", "organisation")
        .get(pk=action.pk)
    )


def system_actions(*, purpose: str) -> QuerySet[CommitteeAction]:
    """All action items, for system jobs (the overdue sweep); the caller says why."""
    assert purpose, "a system job must say why it reads every action item"
    return CommitteeAction.objects.all()


def system_committees(*, purpose: str) -> QuerySet[Committee]:
    """All committees, for system jobs (the demo loader); the caller says why."""
    assert purpose, "a system job must say why it reads every committee"
    return Committee.objects.all()


# --- cases named in minutes ----------------------------------------------------------------


def case_for_reference(user, reference: str):
    """The case a reference in the minutes names, only if the case access layer lets this user
    see it (404 otherwise, exactly as for a case that does not exist)."""
    return access_case_by_reference(user, reference)
