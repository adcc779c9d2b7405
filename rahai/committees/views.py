"""Committee pages: the list, a committee with its members, meetings and open action items, the
committee form, and following a case reference named in minutes. Parsing here; rules in the
services and ``access``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.committees import selectors, services
from rahai.committees.access import (
    HOST_KINDS,
    access_committee,
    access_member,
    can_create_committee,
    can_edit_committee,
    case_for_reference,
)
from rahai.committees.forms import CommitteeForm, MeetingForm, MemberForm
from rahai.committees.models import CommitteeKind
from rahai.core.forms import apply_service_errors
from rahai.geo.models import Province


@login_required
def committee_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in CommitteeKind.values else ""
    try:
        province_id = int(request.GET.get("province") or 0) or None
    except ValueError:
        province_id = None
    context = {
        "committees": selectors.committee_list(request.user, kind=kind, province_id=province_id),
        "my_actions": selectors.my_actions(request.user)[:50],
        "kinds": CommitteeKind.choices,
        "kind": kind,
        "provinces": Province.objects.all(),
        "province_id": province_id,
        "can_create": can_create_committee(request.user),
    }
    return render(request, "committees/committee_list.html", context)


def _committee_form_data(form: CommitteeForm) -> dict:
    return dict(form.cleaned_data)


@login_required
def committee_create(request):
    if not can_create_committee(request.user):
        raise PermissionDenied
    organisation = request.user.organisation
    initial = {
        "secretariat": organisation.pk,
        "province": organisation.province_id,
        "district": organisation.district_id,
        "active": True,
    }
    if organisation.kind in HOST_KINDS:
        initial["host"] = organisation.pk
    form = CommitteeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            committee = services.committee_create(
                user=request.user, data=_committee_form_data(form)
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Committee created. Add its members next."))
            return redirect("committees:detail", committee_id=committee.pk)
    return render(request, "committees/committee_form.html", {"form": form, "committee": None})


@login_required
def committee_edit(request, committee_id: int):
    committee = access_committee(request.user, committee_id, write=True)
    initial = {
        "name": committee.name,
        "name_ur": committee.name_ur,
        "kind": committee.kind,
        "province": committee.province_id,
        "district": committee.district_id,
        "host": committee.host_id,
        "secretariat": committee.secretariat_id,
        "legal_basis": committee.legal_basis,
        "quorum": committee.quorum,
        "active": committee.active,
    }
    form = CommitteeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_update(
                user=request.user, committee=committee, data=_committee_form_data(form)
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Committee saved."))
            return redirect("committees:detail", committee_id=committee.pk)
    return render(request, "committees/committee_form.html", {"form": form, "committee": committee})


def _detail_context(request, committee, **overrides) -> dict:
    can_edit = can_edit_committee(request.user, committee)
    context = {
        "committee": committee,
        "can_edit": can_edit,
        "members": selectors.current_members(committee),
        "former_members": selectors.former_members(committee),
        "upcoming": selectors.upcoming_meetings(committee)[:20],
        "past": selectors.past_meetings(committee)[:50],
        "actions": selectors.committee_actions(committee),
        "member_form": MemberForm() if can_edit else None,
        "meeting_form": MeetingForm() if can_edit else None,
    }
    context.update(overrides)
    return context


@login_required
def committee_detail(request, committee_id: int):
    committee = access_committee(request.user, committee_id)
    return render(request, "committees/committee_detail.html", _detail_context(request, committee))


@login_required
@require_POST
def member_add(request, committee_id: int):
    committee = access_committee(request.user, committee_id, write=True)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.member_add(user=request.user, committee=committee, data=form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if not request.htmx:
                messages.success(request, _("Member added."))
                return redirect("committees:detail", committee_id=committee.pk)
            form = MemberForm()
    context = _detail_context(request, committee, member_form=form)
    if request.htmx:
        return render(request, "committees/committee_detail.html#members", context)
    return render(request, "committees/committee_detail.html", context)


@login_required
@require_POST
def member_end(request, committee_id: int, member_id: int):
    committee = access_committee(request.user, committee_id, write=True)
    member = access_member(request.user, committee, member_id)
    try:
        services.member_end(user=request.user, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Membership ended; past attendance is kept."))
    return redirect("committees:detail", committee_id=committee.pk)


@login_required
def case_link(request, reference: str):
    """A case reference in minutes: the case page if the case access layer allows, else 404."""
    case = case_for_reference(request.user, reference)
    return redirect("cases:detail", case_id=case.pk)
