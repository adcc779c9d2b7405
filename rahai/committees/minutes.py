"""The minutes of a committee meeting as a PDF, in the reader's language: the committee, the
meeting's date, time, venue and status, attendance and quorum, the agenda with its minutes,
the decisions, and the action items with their owners, due dates and status.

Like the pages, the minutes hold no victim's personal data: a case appears only as its
reference. ``meeting`` must come from ``access.access_meeting``.
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rahai.committees import selectors
from rahai.committees.models import AttendanceStatus, CommitteeMeeting, MemberRole
from rahai.core.pdf import PdfDocument


def minutes_filename(meeting: CommitteeMeeting) -> str:
    day = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    name = slugify(meeting.committee.name)[:60] or "committee"
    return f"minutes-{name}-{day}.pdf"


def _attendance_label(row) -> str:
    if not row.status:
        return _("Not recorded")
    label = str(AttendanceStatus(row.status).label)
    if row.status == AttendanceStatus.REPRESENTED and row.represented_by:
        return _("Represented by %(name)s") % {"name": row.represented_by}
    return label


def _member_name(member) -> str:
    return member.person_name or member.designation or str(member.organisation or "")


def minutes_pdf(meeting: CommitteeMeeting, *, language: str) -> bytes:
    with translation.override(language):
        return _build(meeting, language)


def _build(meeting: CommitteeMeeting, language: str) -> bytes:
    committee = meeting.committee
    starts = timezone.localtime(meeting.starts_at)
    doc = PdfDocument(
        title=str(committee),
        subtitle=_("Minutes of the meeting of %(date)s") % {"date": starts.strftime("%Y-%m-%d")},
        language=language,
        confidential=True,
    )
    rows = selectors.attendance_rows(meeting)
    quorum = selectors.quorum(meeting, rows)
    chair = selectors.chair_of(rows)
    facts = [
        (_("Committee"), f"{committee} · {committee.get_kind_display()}"),
        (_("Place"), str(committee.place)),
        (_("Date and time"), starts.strftime("%Y-%m-%d %H:%M")),
        (_("Venue"), meeting.venue),
        (_("Status"), str(meeting.get_status_display())),
        (_("Reference"), meeting.reference),
    ]
    if committee.legal_basis:
        facts.append((_("Legal basis"), committee.legal_basis))
    if chair is not None and chair.status:
        facts.append((_("Chaired by"), f"{chair.member.label} · {_attendance_label(chair)}"))
    if quorum.recorded:
        text = _("%(attending)s of %(members)s members attended; %(needed)s needed: %(result)s") % {
            "attending": quorum.attending,
            "members": quorum.members,
            "needed": quorum.needed,
            "result": _("quorum met") if quorum.met else _("no quorum"),
        }
        facts.append((_("Quorum"), text))
    if meeting.is_cancelled:
        facts.append((_("Why cancelled"), meeting.cancelled_reason or "—"))
    doc.facts(facts)

    doc.heading(_("Attendance"), auto=False)
    if rows:
        doc.table(
            [_("Member"), _("Organisation"), _("Role"), _("Attendance")],
            [
                [
                    _member_name(row.member),
                    str(row.member.organisation or "—"),
                    str(MemberRole(row.member.role).label),
                    _attendance_label(row),
                ]
                for row in rows
            ],
            widths=[3, 3, 2, 2],
        )
    else:
        doc.paragraph(_("No members are recorded."), muted=True, auto=False)

    doc.heading(_("Agenda and minutes"), auto=False)
    if meeting.notes:
        doc.paragraph(meeting.notes)
    agenda = list(selectors.meeting_agenda(meeting))
    for item in agenda:
        doc.heading(f"{item.position}. {item.title}", level=2)
        if item.minutes:
            doc.paragraph(item.minutes)
        else:
            doc.paragraph(_("No minutes recorded."), muted=True, auto=False)
    if not agenda:
        doc.paragraph(_("No agenda items."), muted=True, auto=False)

    decisions = list(selectors.meeting_decisions(meeting))
    doc.heading(_("Decisions"), auto=False)
    for decision in decisions:
        under = (
            " (" + _("agenda item %(number)s") % {"number": decision.agenda_item.position} + ")"
            if decision.agenda_item_id
            else ""
        )
        doc.paragraph(f"{decision.number}.{under} {decision.text}")
    if not decisions:
        doc.paragraph(_("No decisions recorded."), muted=True, auto=False)

    actions = list(selectors.meeting_actions(meeting))
    doc.heading(_("Action items"), auto=False)
    if actions:
        doc.table(
            [_("Reference"), _("Action"), _("Assigned to"), _("Due on"), _("Status")],
            [
                [
                    action.reference,
                    action.text,
                    action.owner_label,
                    action.due_on.strftime("%Y-%m-%d"),
                    str(action.get_status_display()),
                ]
                for action in actions
            ],
            widths=[2, 5, 3.5, 2, 2],
        )
    else:
        doc.paragraph(_("No action items."), muted=True, auto=False)
    doc.spacer(4)
    doc.paragraph(
        _(
            "These minutes hold no victim's personal data: cases are named by their reference "
            "only, and only those allowed to see a case can open it in Rahai."
        ),
        muted=True,
        size=8,
        auto=False,
    )
    return doc.output()
