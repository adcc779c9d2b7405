"""Meeting pages: scheduling, the meeting page (agenda and minutes, attendance and quorum,
decisions, action items; each added inline with htmx, each a plain form without JavaScript),
and the minutes as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import retarget

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.committees import selectors, services_actions, services_meetings
from rahai.committees.access import access_committee, access_meeting, can_edit_committee
from rahai.committees.forms import (
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
    MinutesForm,
)
from rahai.committees.minutes import minutes_filename, minutes_pdf
from rahai.core.forms import apply_service_errors

TEMPLATE = "committees/meeting_detail.html"


@login_required
def meeting_schedule(request, committee_id: int):
    committee = access_committee(request.user, committee_id, write=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services_meetings.meeting_schedule(
                user=request.user,
                committee=committee,
                starts_at=form.starts_at(),
                venue=form.cleaned_data["venue"],
                agenda=form.agenda_titles(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting scheduled."))
            return redirect("committees:meeting_detail", meeting_id=meeting.pk)
    return render(request, "committees/meeting_form.html", {"form": form, "committee": committee})


def meeting_context(request, meeting, **overrides) -> dict:
    can_edit = can_edit_committee(request.user, meeting.committee)
    rows = selectors.attendance_rows(meeting)
    agenda = list(selectors.meeting_agenda(meeting))
    decisions = list(selectors.meeting_decisions(meeting))
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "can_edit": can_edit,
        "agenda": agenda,
        "rows": rows,
        "quorum": selectors.quorum(meeting, rows),
        "decisions": decisions,
        "actions": list(selectors.meeting_actions(meeting)),
    }
    if can_edit:
        context.update(
            agenda_form=AgendaItemForm(),
            attendance_form=AttendanceForm(rows=rows),
            decision_form=DecisionForm(agenda=agenda),
            action_form=ActionForm(decisions=decisions),
            cancel_form=CancelForm(),
        )
    context.update(overrides)
    return context


@login_required
def meeting_detail(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id)
    return render(request, TEMPLATE, meeting_context(request, meeting))


def _answer(request, meeting, part: str, ok_message: str, **forms):
    """After an inline write: the part again for htmx, else back to the page (or the page with
    the form's errors)."""
    failed = any(form.errors for form in forms.values())
    if request.htmx:
        return render(request, f"{TEMPLATE}#{part}", meeting_context(request, meeting, **forms))
    if failed:
        return render(request, TEMPLATE, meeting_context(request, meeting, **forms))
    messages.success(request, ok_message)
    return redirect(f"{meeting_url(meeting)}#{part}")


def meeting_url(meeting) -> str:
    return reverse("committees:meeting_detail", args=[meeting.pk])


@login_required
def meeting_edit(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, write=True)
    local = timezone.localtime(meeting.starts_at)
    form = MeetingEditForm(
        request.POST or None,
        initial={
            "date": local.date(),
            "time": local.time(),
            "venue": meeting.venue,
            "notes": meeting.notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_meetings.meeting_update(
                user=request.user,
                meeting=meeting,
                starts_at=form.starts_at(),
                venue=form.cleaned_data["venue"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("committees:meeting_detail", meeting_id=meeting.pk)
    return render(
        request,
        "committees/meeting_form.html",
        {"form": form, "committee": meeting.committee, "meeting": meeting},
    )


@login_required
@require_POST
def meeting_status(request, meeting_id: int, action: str):
    meeting = access_meeting(request.user, meeting_id, write=True)
    try:
        if action == "held":
            services_meetings.meeting_mark_held(user=request.user, meeting=meeting)
            messages.success(
                request,
                _(
                    "Meeting marked as held: record attendance, minutes, "
                    "decisions and action items."
                ),
            )
        elif action == "cancel":
            form = CancelForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services_meetings.meeting_cancel(user=request.user, meeting=meeting, reason=reason)
            messages.success(request, _("Meeting cancelled."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("committees:meeting_detail", meeting_id=meeting.pk)


@login_required
@require_POST
def agenda_add(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, write=True)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services_meetings.agenda_item_add(
                user=request.user, meeting=meeting, title=form.cleaned_data["title"]
            )
            form = AgendaItemForm()
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return _answer(request, meeting, "agenda-changed", _("Agenda item added."), agenda_form=form)


def _agenda_item(meeting, item_id: int):
    item = meeting.agenda_items.filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


@login_required
def agenda_edit(request, meeting_id: int, item_id: int):
    """Retitle an agenda item and write its minutes."""
    meeting = access_meeting(request.user, meeting_id, write=True)
    item = _agenda_item(meeting, item_id)
    form = MinutesForm(
        request.POST or None,
        initial={"title": item.title, "minutes": item.minutes},
        auto_id=f"id_item_{item.pk}_%s",  # unique on the meeting's page, beside the other forms
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_meetings.agenda_item_update(
                user=request.user,
                item=item,
                title=form.cleaned_data["title"],
                minutes=form.cleaned_data["minutes"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if request.htmx:
                context = meeting_context(request, meeting)
                return render(request, f"{TEMPLATE}#agenda-changed", context)
            messages.success(request, _("Minutes saved."))
            return redirect(f"{meeting_url(meeting)}#item-{item.pk}")
    context = {"meeting": meeting, "committee": meeting.committee, "item": item, "form": form}
    if request.htmx:
        response = render(request, "committees/minutes_form.html#minutes-form", context)
        return retarget(response, f"#item-{item.pk}") if request.method == "POST" else response
    return render(request, "committees/minutes_form.html", context)


@login_required
@require_POST
def agenda_remove(request, meeting_id: int, item_id: int):
    meeting = access_meeting(request.user, meeting_id, write=True)
    item = _agenda_item(meeting, item_id)
    try:
        services_meetings.agenda_item_remove(user=request.user, item=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Agenda item removed."))
    return redirect(f"{meeting_url(meeting)}#agenda")


@login_required
@require_POST
def agenda_move(request, meeting_id: int, item_id: int, direction: str):
    """Move an agenda item up or down: the agenda again for htmx (with the decisions list, whose
    agenda numbers change too), else back to the item on the page."""
    meeting = access_meeting(request.user, meeting_id, write=True)
    if direction not in services_meetings.AGENDA_MOVES:
        raise Http404
    item = _agenda_item(meeting, item_id)
    try:
        services_meetings.agenda_item_move(user=request.user, item=item, direction=direction)
    except ValidationError as exc:
        problem, done = " ".join(exc.messages), ""
    else:
        problem, done = "", _("Agenda item moved.")
    if request.htmx:
        context = meeting_context(request, meeting, agenda_problem=problem, agenda_done=done)
        return render(request, f"{TEMPLATE}#agenda-changed", context)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, done)
    return redirect(f"{meeting_url(meeting)}#item-{item.pk}")


@login_required
@require_POST
def attendance_save(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, write=True)
    form = AttendanceForm(request.POST, rows=selectors.attendance_rows(meeting))
    if form.is_valid():
        try:
            services_meetings.attendance_record(
                user=request.user, meeting=meeting, entries=form.entries()
            )
            form = None
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for key, errors in exc.error_dict.items():
                    name = key.replace("member_", "status_")
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
    overrides = {"attendance_form": form} if form is not None else {}
    return _answer(request, meeting, "attendance", _("Attendance saved."), **overrides)


@login_required
@require_POST
def decision_add(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, write=True)
    form = DecisionForm(request.POST, agenda=selectors.meeting_agenda(meeting))
    if form.is_valid():
        try:
            services_meetings.decision_add(
                user=request.user,
                meeting=meeting,
                text=form.cleaned_data["text"],
                agenda_item=form.cleaned_data["agenda_item"],
            )
            form = None
        except ValidationError as exc:
            apply_service_errors(form, exc)
    overrides = {"decision_form": form} if form is not None else {}
    return _answer(request, meeting, "decisions", _("Decision recorded."), **overrides)


@login_required
@require_POST
def action_add(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, write=True)
    form = ActionForm(request.POST, decisions=selectors.meeting_decisions(meeting))
    if form.is_valid():
        try:
            services_actions.action_create(
                user=request.user, meeting=meeting, data=dict(form.cleaned_data)
            )
            form = None
        except ValidationError as exc:
            apply_service_errors(form, exc)
    overrides = {"action_form": form} if form is not None else {}
    return _answer(request, meeting, "actions", _("Action item added."), **overrides)


@login_required
def minutes_download(request, meeting_id: int):
    """The minutes as a PDF in the reader's language; every download is audited."""
    meeting = access_meeting(request.user, meeting_id)
    language = get_language() or "en"
    content = minutes_pdf(meeting, language=language)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="committee_meeting",
        object_id=meeting.pk,
        fields=["minutes"],
        details={"committee": meeting.committee_id, "format": "pdf", "language": language},
        ip_address=client_ip(request),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{minutes_filename(meeting)}"'
    response["Cache-Control"] = "no-store"
    return response
