"""Meetings: scheduling, holding or cancelling them, the agenda and its minutes, attendance and
decisions. Only the committee's secretariat writes them; every write is validated first,
done in one transaction and audited."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.committees import notify
from rahai.committees.access import committee_for_update, current_members_q, meeting_for_update
from rahai.committees.models import (
    AgendaItem,
    AttendanceStatus,
    Committee,
    CommitteeDecision,
    CommitteeMeeting,
    MeetingAttendance,
    MeetingStatus,
)
from rahai.committees.services import audit
from rahai.committees.validation import clean_record_text, clean_text, merge_errors

MAX_AGENDA_ITEMS = 50
AgendaMove = Literal["up", "down"]
AGENDA_MOVES: tuple[AgendaMove, ...] = ("up", "down")


def _clean_when_and_where(starts_at, venue, errors: dict[str, list]) -> tuple[datetime, str]:
    if not isinstance(starts_at, datetime):
        errors.setdefault("starts_at", []).append(_("Enter the date and time."))
    elif timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    try:
        venue = clean_text(venue, "venue", required=True, limit=300)
    except ValidationError as exc:
        merge_errors(errors, exc)
    return starts_at, venue


def _clean_titles(titles, errors: dict[str, list]) -> list[str]:
    cleaned = [str(title).strip() for title in titles or [] if str(title).strip()]
    if len(cleaned) > MAX_AGENDA_ITEMS:
        errors.setdefault("agenda", []).append(_("At most 50 agenda items."))
    for title in cleaned:
        if len(title) > 300:
            errors.setdefault("agenda", []).append(
                _("An agenda item is too long (300 characters).")
            )
            break
    return cleaned


@transaction.atomic
def meeting_schedule(
    *, user, committee: Committee, starts_at: datetime, venue: str, agenda: list[str] = ()
) -> CommitteeMeeting:
    """Schedule a meeting (or record one held before it was entered: mark it held next)."""
    locked = committee_for_update(user, committee)
    errors: dict[str, list] = {}
    if not locked.active:
        errors["__all__"] = [_("This committee is inactive: reactivate it to schedule meetings.")]
    starts_at, venue = _clean_when_and_where(starts_at, venue, errors)
    titles = _clean_titles(agenda, errors)
    if errors:
        raise ValidationError(errors)
    meeting = CommitteeMeeting(committee=locked, starts_at=starts_at, venue=venue, created_by=user)
    meeting.save()
    for position, title in enumerate(titles, 1):
        AgendaItem(meeting=meeting, position=position, title=title).save()
    audit(
        user,
        AuditAction.CREATE,
        "committee_meeting",
        meeting,
        committee_id=locked.pk,
        fields=["starts_at", "venue", "agenda"],
        details={"starts_at": starts_at.isoformat(), "venue": venue, "agenda": titles},
    )
    if starts_at > timezone.now():
        notify.tell_meeting(
            notify.member_users(locked), "committee.meeting_scheduled", meeting, actor=user
        )
    return meeting


@transaction.atomic
def meeting_update(
    *, user, meeting: CommitteeMeeting, starts_at: datetime, venue: str, notes: str = ""
) -> CommitteeMeeting:
    """Correct the date, time and venue, and write the general minutes."""
    locked = meeting_for_update(user, meeting)
    errors: dict[str, list] = {}
    if locked.is_cancelled:
        errors["__all__"] = [_("This meeting was cancelled; it cannot be changed.")]
    starts_at, venue = _clean_when_and_where(starts_at, venue, errors)
    try:
        notes = clean_record_text(notes, "notes")
    except ValidationError as exc:
        merge_errors(errors, exc)
    if locked.is_held and isinstance(starts_at, datetime) and starts_at > timezone.now():
        errors.setdefault("starts_at", []).append(
            _("A meeting that was held cannot be in the future.")
        )
    if errors:
        raise ValidationError(errors)
    changes = {}
    for name, value in (("starts_at", starts_at), ("venue", venue), ("notes", notes)):
        old = getattr(locked, name)
        if old != value:
            changes[name] = [
                old.isoformat() if isinstance(old, datetime) else old,
                value.isoformat() if isinstance(value, datetime) else value,
            ]
            setattr(locked, name, value)
    if changes:
        locked.save()
        audit(
            user,
            AuditAction.UPDATE,
            "committee_meeting",
            locked,
            committee_id=locked.committee_id,
            fields=list(changes),
            details={"changes": changes},
        )
    return locked


def _set_status(user, meeting, status: str, *, reason: str = "") -> CommitteeMeeting:
    old = meeting.status
    meeting.status = status
    meeting.cancelled_reason = reason
    meeting.save(update_fields=["status", "cancelled_reason", "updated_at"])
    audit(
        user,
        AuditAction.UPDATE,
        "committee_meeting",
        meeting,
        committee_id=meeting.committee_id,
        fields=["status"],
        details={"changes": {"status": [old, status]}, "reason": reason},
    )
    return meeting


@transaction.atomic
def meeting_mark_held(*, user, meeting: CommitteeMeeting) -> CommitteeMeeting:
    locked = meeting_for_update(user, meeting)
    if locked.status != MeetingStatus.SCHEDULED:
        raise ValidationError(_("Only a scheduled meeting can be marked as held."))
    if locked.starts_at > timezone.now():
        raise ValidationError(_("This meeting has not started yet."))
    return _set_status(user, locked, MeetingStatus.HELD)


@transaction.atomic
def meeting_cancel(*, user, meeting: CommitteeMeeting, reason: str = "") -> CommitteeMeeting:
    reason = clean_record_text(reason, "reason", limit=300)
    locked = meeting_for_update(user, meeting)
    if locked.status != MeetingStatus.SCHEDULED:
        raise ValidationError(_("Only a scheduled meeting can be cancelled."))
    _set_status(user, locked, MeetingStatus.CANCELLED, reason=reason)
    if locked.starts_at > timezone.now():
        notify.tell_meeting(
            notify.member_users(locked.committee), "committee.meeting_cancelled", locked, actor=user
        )
    return locked


def _editable(meeting: CommitteeMeeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled; it cannot be changed."))


# --- agenda and minutes --------------------------------------------------------------------


@transaction.atomic
def agenda_item_add(*, user, meeting: CommitteeMeeting, title: str) -> AgendaItem:
    title = clean_text(title, "title", required=True, limit=300)
    locked = meeting_for_update(user, meeting)
    _editable(locked)
    if locked.agenda_items.count() >= MAX_AGENDA_ITEMS:
        raise ValidationError({"title": [_("At most 50 agenda items.")]})
    position = (locked.agenda_items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(meeting=locked, position=position, title=title)
    item.save()
    audit(
        user,
        AuditAction.CREATE,
        "agenda_item",
        item,
        committee_id=locked.committee_id,
        fields=["title"],
        details={"meeting": locked.pk, "title": title},
    )
    return item


@transaction.atomic
def agenda_item_update(*, user, item: AgendaItem, title: str, minutes: str) -> AgendaItem:
    """Retitle an agenda item and write its minutes (no personal data; cases by reference)."""
    errors: dict[str, list] = {}
    try:
        title = clean_text(title, "title", required=True, limit=300)
    except ValidationError as exc:
        merge_errors(errors, exc)
    try:
        minutes = clean_record_text(minutes, "minutes")
    except ValidationError as exc:
        merge_errors(errors, exc)
    if errors:
        raise ValidationError(errors)
    locked = meeting_for_update(user, item.meeting)
    _editable(locked)
    item = locked.agenda_items.select_for_update().get(pk=item.pk)
    changes = {
        name: [getattr(item, name), value]
        for name, value in (("title", title), ("minutes", minutes))
        if getattr(item, name) != value
    }
    if changes:
        item.title, item.minutes = title, minutes
        item.save()
        audit(
            user,
            AuditAction.UPDATE,
            "agenda_item",
            item,
            committee_id=locked.committee_id,
            fields=list(changes),
            details={"meeting": locked.pk, "changes": changes},
        )
    return item


@transaction.atomic
def agenda_item_remove(*, user, item: AgendaItem) -> None:
    locked = meeting_for_update(user, item.meeting)
    _editable(locked)
    if item.decisions.exists():
        raise ValidationError(_("Decisions were recorded under this agenda item; it stays."))
    if item.minutes:
        raise ValidationError(_("This agenda item has minutes; clear them first."))
    audit(
        user,
        AuditAction.DELETE,
        "agenda_item",
        item,
        committee_id=locked.committee_id,
        fields=["title"],
        details={"meeting": locked.pk, "title": item.title},
    )
    item.delete()


@transaction.atomic
def agenda_item_move(*, user, item: AgendaItem, direction: AgendaMove) -> AgendaItem:
    """Swap an agenda item with the one above (``up``) or below (``down``) it.

    The meeting row is locked first, as for every agenda write, then the agenda itself, so two
    moves at once are done one after the other. Positions are unique per meeting: the item goes
    to a spare position while its neighbour takes its place. Decisions stay under their item.
    """
    if direction not in AGENDA_MOVES:
        raise ValidationError(_("Move an agenda item up or down."))
    locked = meeting_for_update(user, item.meeting)
    _editable(locked)
    agenda = list(locked.agenda_items.select_for_update().order_by("position", "id"))
    index = next((i for i, row in enumerate(agenda) if row.pk == item.pk), None)
    if index is None:
        raise ValidationError(_("This agenda item was removed."))
    if direction == "up" and index == 0:
        raise ValidationError(_("This is already the first agenda item."))
    if direction == "down" and index == len(agenda) - 1:
        raise ValidationError(_("This is already the last agenda item."))
    moved = agenda[index]
    neighbour = agenda[index - 1 if direction == "up" else index + 1]
    old, new = moved.position, neighbour.position
    moved.position = max(row.position for row in agenda) + 1  # spare: no item holds it
    moved.save(update_fields=["position"])
    neighbour.position = old
    neighbour.save(update_fields=["position"])
    moved.position = new
    moved.save(update_fields=["position"])
    audit(
        user,
        AuditAction.UPDATE,
        "agenda_item",
        moved,
        committee_id=locked.committee_id,
        fields=["position"],
        details={
            "meeting": locked.pk,
            "direction": direction,
            "changes": {"position": [old, new]},
            "swapped_with": {"id": neighbour.pk, "position": [new, old]},
        },
    )
    return moved


# --- attendance ----------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *, user, meeting: CommitteeMeeting, entries: list[dict[str, Any]]
) -> list[MeetingAttendance]:
    """Record who attended: one entry per member, ``{"member", "status", "represented_by"}``;
    an empty status clears a member's record."""
    locked = meeting_for_update(user, meeting)
    _editable(locked)
    if not locked.has_started:
        raise ValidationError(_("Attendance is recorded once the meeting has started."))
    on = timezone.localtime(locked.starts_at).date()
    members = {m.pk: m for m in locked.committee.members.filter(current_members_q(on))}
    errors: dict[str, list] = {}
    cleaned = []
    for entry in entries:
        member = entry.get("member")
        member_id = getattr(member, "pk", member)
        key = f"member_{member_id}"
        if member_id not in members:
            errors.setdefault(key, []).append(_("Not a member of the committee on that date."))
            continue
        status = entry.get("status") or ""
        if status and status not in AttendanceStatus.values:
            errors.setdefault(key, []).append(_("Choose from the list."))
            continue
        represented_by = (entry.get("represented_by") or "").strip()
        if status == AttendanceStatus.REPRESENTED and not represented_by:
            errors.setdefault(key, []).append(_("Say who represented the member."))
        elif len(represented_by) > 200:
            errors.setdefault(key, []).append(_("This text is too long."))
        if status != AttendanceStatus.REPRESENTED:
            represented_by = ""
        cleaned.append((members[member_id], status, represented_by))
    if errors:
        raise ValidationError(errors)
    existing = {a.member_id: a for a in locked.attendance.select_for_update()}
    changes: dict[str, list] = {}
    for member, status, represented_by in cleaned:
        record = existing.get(member.pk)
        old = [record.status, record.represented_by] if record else ["", ""]
        if old == [status, represented_by]:
            continue
        changes[str(member.pk)] = [old, [status, represented_by]]
        if not status:
            record.delete()
        elif record is None:
            MeetingAttendance(
                meeting=locked, member=member, status=status, represented_by=represented_by
            ).save()
        else:
            record.status, record.represented_by = status, represented_by
            record.save(update_fields=["status", "represented_by"])
    if changes:
        audit(
            user,
            AuditAction.UPDATE,
            "committee_meeting",
            locked,
            committee_id=locked.committee_id,
            fields=["attendance"],
            details={"changes": changes},
        )
    return list(locked.attendance.select_related("member__organisation"))


# --- decisions -----------------------------------------------------------------------------


def _held(meeting: CommitteeMeeting) -> None:
    if not meeting.is_held:
        raise ValidationError(
            _("Mark the meeting as held before recording its decisions and action items.")
        )


def _agenda_item_of(meeting, agenda_item, errors) -> AgendaItem | None:
    if agenda_item is None:
        return None
    item_id = getattr(agenda_item, "pk", agenda_item)
    found = meeting.agenda_items.filter(pk=item_id).first()
    if found is None:
        errors.setdefault("agenda_item", []).append(_("Choose an agenda item of this meeting."))
    return found


@transaction.atomic
def decision_add(
    *, user, meeting: CommitteeMeeting, text: str, agenda_item: AgendaItem | None = None
) -> CommitteeDecision:
    errors: dict[str, list] = {}
    try:
        text = clean_record_text(text, "text", required=True, limit=5000)
    except ValidationError as exc:
        merge_errors(errors, exc)
    locked = meeting_for_update(user, meeting)
    _held(locked)
    item = _agenda_item_of(locked, agenda_item, errors)
    if errors:
        raise ValidationError(errors)
    number = (locked.decisions.aggregate(last=Max("number"))["last"] or 0) + 1
    decision = CommitteeDecision(
        meeting=locked, agenda_item=item, number=number, text=text, created_by=user
    )
    decision.save()
    audit(
        user,
        AuditAction.CREATE,
        "committee_decision",
        decision,
        committee_id=locked.committee_id,
        fields=["text", "agenda_item"],
        details={"meeting": locked.pk, "changes": {"text": [None, text]}},
    )
    return decision


@transaction.atomic
def decision_update(
    *, user, decision: CommitteeDecision, text: str, agenda_item: AgendaItem | None = None
) -> CommitteeDecision:
    errors: dict[str, list] = {}
    try:
        text = clean_record_text(text, "text", required=True, limit=5000)
    except ValidationError as exc:
        merge_errors(errors, exc)
    locked = meeting_for_update(user, decision.meeting)
    _held(locked)
    item = _agenda_item_of(locked, agenda_item, errors)
    if errors:
        raise ValidationError(errors)
    decision = locked.decisions.select_for_update().get(pk=decision.pk)
    changes = {}
    if decision.text != text:
        changes["text"] = [decision.text, text]
    if decision.agenda_item_id != (item.pk if item else None):
        changes["agenda_item"] = [decision.agenda_item_id, item.pk if item else None]
    if changes:
        decision.text, decision.agenda_item = text, item
        decision.save()
        audit(
            user,
            AuditAction.UPDATE,
            "committee_decision",
            decision,
            committee_id=locked.committee_id,
            fields=list(changes),
            details={"meeting": locked.pk, "changes": changes},
        )
    return decision
