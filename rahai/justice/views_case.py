"""A case's charges, their outcomes and its court hearings, on the case page.

Each form works twice: as its own page (no JavaScript), which saves and goes back to the case
page; and inline in the case page's "Charges and court" section with htmx, where a GET brings
the form into the section and a successful POST answers with the section again (a failed one
with the form and its errors, in place). Parsing here, rules in ``services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import retarget

from rahai.cases.access import access_case
from rahai.core.forms import apply_service_errors
from rahai.justice import services
from rahai.justice.access import (
    access_charge,
    access_hearing,
    can_charge,
    can_record_court,
    case_hearings,
    case_suspects,
)
from rahai.justice.forms import ChargeCourtForm, ChargeForm, HearingForm
from rahai.justice.models import Outcome

SECTION = "justice/case_court.html#court-section"
CHARGE_FORM = "justice/case_charge_form.html"
HEARING_FORM = "justice/case_hearing_form.html"


def _case_url(case) -> str:
    return reverse("cases:detail", args=[case.pk]) + "#court"


def _section(request, case, done: str = "", problem: str = ""):
    """The section again, for htmx, with what was done (or what went wrong) announced."""
    context = {"case": case, "court_done": done, "court_problem": problem}
    return render(request, SECTION, context)


def _done(request, case, message: str):
    if request.htmx:
        return _section(request, case, done=message)
    messages.success(request, message)
    return redirect(_case_url(case))


def _form_page(request, template: str, context: dict, slot: str):
    """The form on its own page, or (htmx) only the form, where it was asked for."""
    if request.htmx:
        response = render(request, template + "#form", context)
        return retarget(response, slot) if request.method == "POST" else response
    return render(request, template, context)


@login_required
def court_section(request, case_id: int):
    """The section alone (an inline form's "Cancel"); without htmx, the case page."""
    case = access_case(request.user, case_id)
    if not request.htmx:
        return redirect(_case_url(case))
    return _section(request, case)


def _charge_of(request, case, charge_id: int, *, write: bool):
    charge = access_charge(request.user, charge_id, write=write)
    if charge.case_id != case.pk:
        raise Http404
    charge.case = case
    return charge


@login_required
def charge_add(request, case_id: int):
    case = access_case(request.user, case_id)
    if not can_charge(request.user, case):
        raise PermissionDenied
    suspects = list(case_suspects(case))
    initial = {"fir_number": case.fir_number}
    if len(suspects) == 1:
        initial["suspect"] = suspects[0].pk
    form = ChargeForm(request.POST or None, suspects=suspects, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.charge_add(user=request.user, case=case, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, case, _("Charge recorded."))
    context = {"case": case, "form": form, "charge": None, "suspects": suspects}
    return _form_page(request, CHARGE_FORM, context, "#charge-new")


@login_required
def charge_edit(request, case_id: int, charge_id: int):
    case = access_case(request.user, case_id)
    charge = _charge_of(request, case, charge_id, write=True)
    initial = {name: getattr(charge, name) for name in services.COURT_FIELDS}
    initial["court"] = charge.court_id
    form = ChargeCourtForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.charge_update(user=request.user, charge=charge, data=form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, case, _("Charge saved."))
    context = {
        "case": case,
        "form": form,
        "charge": charge,
        "can_remove": can_charge(request.user, case) and charge.outcome == Outcome.PENDING,
    }
    return _form_page(request, CHARGE_FORM, context, f"#charge-{charge.pk}")


@login_required
@require_POST
def charge_remove(request, case_id: int, charge_id: int):
    case = access_case(request.user, case_id)
    charge = _charge_of(request, case, charge_id, write=False)
    try:
        services.charge_remove(user=request.user, charge=charge)
    except ValidationError as exc:
        problem = " ".join(exc.messages)
        if request.htmx:
            return _section(request, case, problem=problem)
        messages.error(request, problem)
        return redirect(_case_url(case))
    return _done(request, case, _("Charge removed."))


def _hearing_of(request, case, hearing_id: int):
    hearing = access_hearing(request.user, hearing_id, write=True)
    if hearing.case_id != case.pk:
        raise Http404
    hearing.case = case
    return hearing


@login_required
def hearing_add(request, case_id: int):
    case = access_case(request.user, case_id)
    if not can_record_court(request.user, case):
        raise PermissionDenied
    latest = case_hearings(case).first()
    initial = {}
    if latest is not None:
        # The usual next hearing: the one the last hearing fixed, in the same court.
        initial = {"court": latest.court_id, "court_case_number": latest.court_case_number}
        if latest.next_on and latest.next_on <= timezone.localdate():
            initial["held_on"] = latest.next_on
    form = HearingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.hearing_add(user=request.user, case=case, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, case, _("Hearing recorded."))
    context = {"case": case, "form": form, "hearing": None}
    return _form_page(request, HEARING_FORM, context, "#hearing-new")


@login_required
def hearing_edit(request, case_id: int, hearing_id: int):
    case = access_case(request.user, case_id)
    hearing = _hearing_of(request, case, hearing_id)
    initial = {name: getattr(hearing, name) for name in services.HEARING_FIELDS}
    initial["court"] = hearing.court_id
    form = HearingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.hearing_update(user=request.user, hearing=hearing, data=form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, case, _("Hearing saved."))
    context = {"case": case, "form": form, "hearing": hearing}
    return _form_page(request, HEARING_FORM, context, f"#hearing-{hearing.pk}")


@login_required
@require_POST
def hearing_remove(request, case_id: int, hearing_id: int):
    case = access_case(request.user, case_id)
    services.hearing_remove(user=request.user, hearing=_hearing_of(request, case, hearing_id))
    return _done(request, case, _("Hearing removed."))
