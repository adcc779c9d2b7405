"""Forms for the parts of a case: persons and their roles, route events."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rahai.cases import services
from rahai.cases.access import access_case
from rahai.cases.forms import EventForm, RoleForm
from rahai.cases.models import CaseRole, Event
from rahai.core.forms import apply_service_errors
from rahai.linkage import selectors as linkage_selectors
from rahai.linkage.services import can_review
from rahai.people import services as people_services
from rahai.people.access import access_person
from rahai.people.forms import PersonForm

logger = logging.getLogger(__name__)


def _role_of(case, role_id: int) -> CaseRole:
    role = case.roles.select_related("person", "case").filter(pk=role_id).first()
    if role is None:
        raise Http404
    return role


def _event_of(case, event_id: int) -> Event:
    event = case.events.select_related("case").filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event


@login_required
def role_add(request, case_id: int):
    """Add a person to the case with a role: a new person, or one the user can already see."""
    case = access_case(request.user, case_id, write=True)
    existing = None
    person_id = request.GET.get("person") or request.POST.get("person")
    if person_id:
        existing = access_person(request.user, person_id)
    person_form = None if existing else PersonForm(request.POST or None, prefix="person")
    role_form = RoleForm(
        request.POST or None, prefix="role", initial={"role": request.GET.get("role", "victim")}
    )
    if (
        request.method == "POST"
        and role_form.is_valid()
        and (person_form is None or person_form.is_valid())
    ):
        try:
            with transaction.atomic():
                person = existing or people_services.person_create(
                    user=request.user, data=person_form.service_data()
                )
                services.case_role_add(
                    user=request.user, case=case, person=person, data=role_form.cleaned_data
                )
        except ValidationError as exc:
            if (
                person_form is not None
                and hasattr(exc, "error_dict")
                and set(exc.error_dict) & set(person_form.fields)
            ):
                apply_service_errors(person_form, exc)
            else:
                apply_service_errors(role_form, exc)
        else:
            messages.success(request, _("Person added to the case."))
            if existing is None:
                _tell_of_possible_matches(request, person)
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/role_form.html",
        {
            "case": case,
            "person_form": person_form,
            "role_form": role_form,
            "existing": existing,
        },
    )


def _tell_of_possible_matches(request, person) -> None:
    """After a new person is saved: say so when persons the user can see may be the same one."""
    try:
        found = linkage_selectors.possible_matches(request.user, person, limit=10)
    except Exception:  # the person is saved; a failed check must not lose the page
        logger.exception("possible matches check failed after saving a person")
        return
    if not found:
        return
    text = ngettext(
        "This person may already be recorded: %(count)d possible match among the persons "
        "you can see.",
        "This person may already be recorded: %(count)d possible matches among the persons "
        "you can see.",
        len(found),
    ) % {"count": len(found)}
    if can_review(request.user):
        messages.warning(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                text,
                reverse("linkage:person_review", args=[person.pk]),
                _("Review them"),
            ),
        )
    else:
        messages.warning(request, text)


@login_required
def role_edit(request, case_id: int, role_id: int):
    case = access_case(request.user, case_id, write=True)
    role = _role_of(case, role_id)
    initial = {name: getattr(role, name) for name in services.ROLE_FIELDS}
    initial["status_decided_by"] = role.status_decided_by_id
    form = RoleForm(request.POST or None, prefix="role", initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_role_update(user=request.user, role=role, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Role saved."))
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/role_form.html",
        {
            "case": case,
            "person_form": None,
            "role_form": form,
            "existing": role.person,
            "role": role,
        },
    )


@login_required
@require_POST
def role_remove(request, case_id: int, role_id: int):
    case = access_case(request.user, case_id, write=True)
    services.case_role_remove(user=request.user, role=_role_of(case, role_id))
    messages.success(request, _("Person removed from the case."))
    return redirect("cases:detail", case_id=case.pk)


@login_required
def event_add(request, case_id: int):
    case = access_case(request.user, case_id, write=True)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_create(user=request.user, case=case, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Route event added."))
            if "add_another" in request.POST:
                return redirect("cases:event_add", case_id=case.pk)
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/event_form.html", {"case": case, "form": form, "event": None})


@login_required
def event_edit(request, case_id: int, event_id: int):
    case = access_case(request.user, case_id, write=True)
    event = _event_of(case, event_id)
    initial = {
        "event_type": event.event_type,
        "district": event.district_id,
        "country": event.country_id,
        "place": event.place,
        "occurred_on": event.occurred_on,
        "date_is_approximate": event.date_is_approximate,
        "description": event.description,
        "position": event.position,
    }
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(user=request.user, event=event, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Route event saved."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/event_form.html", {"case": case, "form": form, "event": event})


@login_required
@require_POST
def event_delete(request, case_id: int, event_id: int):
    case = access_case(request.user, case_id, write=True)
    services.event_delete(user=request.user, event=_event_of(case, event_id))
    messages.success(request, _("Route event removed."))
    return redirect("cases:detail", case_id=case.pk)
