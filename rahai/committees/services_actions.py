"""Action items: what an organisation is to do for a committee, by when. The secretariat
creates and edits them; the assigned organisation's staff report progress and completion.
Every change is validated first, written in one transaction with its history row, audited,
and the other side is notified (by reference only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.committees import notify
from rahai.committees.access import (
    action_for_update,
    allowed_statuses,
    can_edit_action,
    meeting_for_update,
)
from rahai.committees.models import (
    OPEN_ACTIONS,
    ActionStatus,
    CommitteeAction,
    CommitteeActionUpdate,
    CommitteeMeeting,
)
from rahai.committees.services import audit
from rahai.committees.validation import clean_record_text, clean_text, merge_errors

ACTION_FIELDS = ["text", "organisation", "assigned_person", "due_on", "decision"]


def _clean_action_data(
    data: dict[str, Any], *, meeting: CommitteeMeeting, action: CommitteeAction | None = None
) -> dict[str, Any]:
    current = {name: getattr(action, name) for name in ACTION_FIELDS} if action else {}
    values = {**current, **{name: data[name] for name in ACTION_FIELDS if name in data}}
    errors: dict[str, list] = {}
    try:
        values["text"] = clean_record_text(values.get("text"), "text", required=True, limit=2000)
    except ValidationError as exc:
        merge_errors(errors, exc)
    try:
        values["assigned_person"] = clean_text(
            values.get("assigned_person"), "assigned_person", limit=200
        )
    except ValidationError as exc:
        merge_errors(errors, exc)
    organisation = values.get("organisation")
    changed_org = action is None or organisation != action.organisation
    if organisation is None or (changed_org and not organisation.active):
        errors.setdefault("organisation", []).append(_("Choose the organisation that is to do it."))
    due_on = values.get("due_on")
    if not isinstance(due_on, date):
        errors.setdefault("due_on", []).append(_("Enter the date it is due."))
    elif due_on < timezone.localtime(meeting.starts_at).date():
        errors.setdefault("due_on", []).append(
            _("The due date cannot be before the meeting that decided it.")
        )
    decision = values.get("decision")
    if decision is not None:
        found = meeting.decisions.filter(pk=getattr(decision, "pk", decision)).first()
        if found is None:
            errors.setdefault("decision", []).append(_("Choose a decision of this meeting."))
        values["decision"] = found
    if errors:
        raise ValidationError(errors)
    return values


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in values.items():
        if hasattr(value, "pk"):
            value = value.pk
        elif isinstance(value, date):
            value = value.isoformat()
        out[name] = value
    return out


@transaction.atomic
def action_create(*, user, meeting: CommitteeMeeting, data: dict[str, Any]) -> CommitteeAction:
    locked = meeting_for_update(user, meeting)
    if not locked.is_held:
        raise ValidationError(
            _("Mark the meeting as held before recording its decisions and action items.")
        )
    values = _clean_action_data(data, meeting=locked)
    action = CommitteeAction(
        committee_id=locked.committee_id, meeting=locked, created_by=user, **values
    )
    action.save()
    CommitteeActionUpdate(
        action=action, status=action.status, by=user, organisation_id=user.organisation_id
    ).save()
    audit(
        user,
        AuditAction.CREATE,
        "committee_action",
        action,
        committee_id=locked.committee_id,
        fields=ACTION_FIELDS,
        details={
            "meeting": locked.pk,
            "changes": {k: [None, v] for k, v in _plain(values).items()},
        },
    )
    notify.tell_action(
        notify.assignee_staff(action.organisation_id),
        "committee.action_assigned",
        action,
        actor=user,
    )
    return action


@transaction.atomic
def action_update(*, user, action: CommitteeAction, data: dict[str, Any]) -> CommitteeAction:
    """Change what is to be done, by whom and by when (the secretariat)."""
    if not can_edit_action(user, action):
        raise PermissionDenied
    locked = action_for_update(user, action)
    values = _clean_action_data(data, meeting=locked.meeting, action=locked)
    before = _plain({name: getattr(locked, name) for name in ACTION_FIELDS})
    after = _plain(values)
    changes = {
        name: [before[name], after[name]] for name in ACTION_FIELDS if before[name] != after[name]
    }
    if not changes:
        return locked
    previous_org = locked.organisation_id
    for name in ACTION_FIELDS:
        setattr(locked, name, values[name])
    if "due_on" in changes or "organisation" in changes:
        locked.overdue_alerted_on = None  # a new deadline (or owner) gets its own alert
    locked.save()
    audit(
        user,
        AuditAction.UPDATE,
        "committee_action",
        locked,
        committee_id=locked.committee_id,
        fields=list(changes),
        details={"changes": changes},
    )
    if locked.organisation_id != previous_org:
        notify.tell_action(
            notify.assignee_staff(locked.organisation_id),
            "committee.action_assigned",
            locked,
            actor=user,
        )
    elif locked.is_open:
        notify.tell_action(
            notify.assignee_staff(locked.organisation_id),
            "committee.action_updated",
            locked,
            actor=user,
        )
    return locked


@transaction.atomic
def action_set_status(
    *, user, action: CommitteeAction, status: str, note: str = ""
) -> CommitteeActionUpdate:
    """Move the action to ``status`` (or keep it, with a progress note). The assignee may set
    open, in progress and done; the secretariat may also drop or reopen it."""
    errors: dict[str, list] = {}
    if status not in ActionStatus.values:
        errors["status"] = [_("Choose from the list.")]
    try:
        note = clean_record_text(note, "note", limit=2000)
    except ValidationError as exc:
        merge_errors(errors, exc)
    if errors:
        raise ValidationError(errors)
    locked = action_for_update(user, action)
    if status not in allowed_statuses(user, locked):
        if locked.is_open or can_edit_action(user, locked):
            raise ValidationError(
                {
                    "status": [
                        _("You may not set this action item to %(status)s.")
                        % {"status": ActionStatus(status).label.lower()}
                    ]
                }
            )
        raise ValidationError(_("This action item is closed; the secretariat may reopen it."))
    previous = locked.status
    if status == previous and not note:
        raise ValidationError(
            {"note": [_("Nothing to record: choose a new status or write a progress note.")]}
        )
    if status == ActionStatus.DROPPED and previous != status and not note:
        raise ValidationError({"note": [_("Say why the action item is dropped.")]})
    if status != previous:
        locked.status = status
        if status in OPEN_ACTIONS:
            locked.closed_at = None
            if previous not in OPEN_ACTIONS:
                locked.overdue_alerted_on = None
        elif locked.closed_at is None:
            locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "overdue_alerted_on", "updated_at"])
    update = CommitteeActionUpdate(
        action=locked,
        status=status,
        previous_status=previous,
        note=note,
        by=user,
        organisation_id=user.organisation_id,
    )
    update.save()
    audit(
        user,
        AuditAction.UPDATE,
        "committee_action",
        locked,
        committee_id=locked.committee_id,
        fields=["status"] + (["note"] if note else []),
        details={"changes": {"status": [previous, status]}, "note": note},
    )
    if can_edit_action(user, locked):
        recipients = notify.assignee_staff(locked.organisation_id)
    else:
        recipients = notify.secretariat_staff(locked.committee)
    notify.tell_action(recipients, "committee.action_updated", locked, actor=user)
    return update
