"""Who hears about committee work, and the texts they get. Texts carry only a reference
(CA-000012 for an action item, CM-000004 for a meeting) and a link, never the action's text."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rahai.accounts.models import User
from rahai.cases.access import EDIT_ROLES
from rahai.committees.access import EDITOR_ROLES, current_members_q
from rahai.notifications.kinds import register
from rahai.notifications.services import notify

TEXTS = {
    "committee.action_assigned": _(
        "Committee action item %(reference)s was assigned to your organisation"
    ),
    "committee.action_updated": _("Committee action item %(reference)s was updated"),
    "committee.action_overdue": _("Committee action item %(reference)s is past its due date"),
    "committee.meeting_scheduled": _("A committee meeting was scheduled: %(reference)s"),
    "committee.meeting_cancelled": _("A committee meeting was cancelled: %(reference)s"),
}
for _kind, _text in TEXTS.items():
    register(_kind, _text)


def assignee_staff(organisation_id: int):
    """Users of the assigned organisation who may report on the action item."""
    return (
        User.objects.filter(
            is_active=True, organisation_id=organisation_id, roles__code__in=EDIT_ROLES
        )
        .distinct()
        .order_by("id")
    )


def secretariat_staff(committee):
    return (
        User.objects.filter(
            is_active=True, organisation_id=committee.secretariat_id, roles__code__in=EDITOR_ROLES
        )
        .distinct()
        .order_by("id")
    )


def member_users(committee, on=None):
    """Rahai users named as current members of the committee."""
    named = committee.members.filter(current_members_q(on), user__isnull=False)
    return User.objects.filter(is_active=True, pk__in=named.values("user_id")).order_by("id")


def tell_action(users, kind: str, action, *, actor=None, key: str = "") -> None:
    notify(
        [user for user in users if actor is None or user.pk != actor.pk],
        kind=kind,
        reference=action.reference,
        link=reverse("committees:action_detail", args=[action.pk]),
        key=key,
    )


def tell_meeting(users, kind: str, meeting, *, actor=None) -> None:
    notify(
        [user for user in users if actor is None or user.pk != actor.pk],
        kind=kind,
        reference=meeting.reference,
        link=reverse("committees:meeting_detail", args=[meeting.pk]),
    )
