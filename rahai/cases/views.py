"""Case list, case page, and the case create/edit/share forms. Parsing here, rules in services."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.cases import selectors, services
from rahai.cases.access import access_case, can_add_note, can_edit_case
from rahai.cases.forms import CaseFilterForm, CaseForm, NoteForm, ShareForm
from rahai.core.forms import apply_service_errors


def _require_case_worker(user) -> None:
    if not user.works_cases:
        raise Http404


SEARCH_SESSION_PREFIX = "case-search:"
MAX_SAVED_SEARCHES = 20


def _remember_search(request, text: str) -> str:
    """Keep a typed search in the session and return an opaque token for the URL.

    Names, CNICs and phones must never appear in URLs (browser history, proxy and server logs),
    so the list URL carries only this token.
    """
    saved = [key for key in request.session.keys() if key.startswith(SEARCH_SESSION_PREFIX)]  # noqa: SIM118 (sessions do not iterate)
    for key in saved[: max(0, len(saved) - MAX_SAVED_SEARCHES + 1)]:
        del request.session[key]
    token = secrets.token_urlsafe(9)
    request.session[SEARCH_SESSION_PREFIX + token] = text
    return token


def _filters_from(data: dict, text: str) -> selectors.CaseFilters:
    return selectors.CaseFilters(
        case_type=data["case_type"],
        status=data["status"],
        province=data["province"],
        district=data["district"],
        owner=data["owner"].pk if data["owner"] else None,
        opened_from=data["opened_from"],
        opened_to=data["opened_to"],
        q=text,
    )


def _list_url(form: CaseFilterForm, token: str) -> str:
    params = {
        name: value
        for name, value in form.data.items()
        if name in form.fields and name != "q" and value
    }
    if token:
        params["s"] = token
    return reverse("cases:list") + ("?" + urlencode(params) if params else "")


@login_required
def case_list(request):
    _require_case_worker(request.user)
    if request.method == "POST":
        # Searches are posted, then redirected to a URL without the search words (see above).
        form = CaseFilterForm(request.POST)
        if not form.is_valid():
            return render(
                request, "cases/case_list.html", {"form": form, "page": None, "query": ""}
            )
        text = form.cleaned_data["q"].strip()
        url = _list_url(form, _remember_search(request, text) if text else "")
        if not request.htmx:
            return redirect(url)
        request.GET = QueryDict(url.partition("?")[2])
    text = request.session.get(SEARCH_SESSION_PREFIX + request.GET.get("s", ""), "")
    form = CaseFilterForm({**request.GET.dict(), "q": text})
    filters = selectors.CaseFilters()
    if form.is_valid():
        filters = _filters_from(form.cleaned_data, text)
        if text:
            audit_record(
                actor=request.user,
                action=AuditAction.SEARCH,
                object_type="case",
                details={"query": text},
                ip_address=client_ip(request),
            )
    cases = selectors.case_list(request.user, filters)
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "cases/case_list.html"
    if request.htmx and request.htmx.target == "case-results":
        response = render(request, template + "#results", context)
        response["HX-Push-Url"] = reverse("cases:list") + (
            "?" + request.GET.urlencode() if request.GET else ""
        )
        return response
    return render(request, template, context)


@login_required
def case_detail(request, case_id: int):
    case = access_case(request.user, case_id)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        ip_address=client_ip(request),
    )
    context = {
        "case": case,
        "roles": selectors.case_roles(case),
        "events": case.events.select_related("district__province", "country", "person"),
        "notes": case.notes.select_related("author", "organisation")[:100],
        "timeline": selectors.case_timeline(case),
        "shares": case.shares.filter(revoked_at__isnull=True).select_related("organisation"),
        "can_edit": can_edit_case(request.user, case),
        "can_add_note": can_add_note(request.user, case),
        "note_form": NoteForm(),
        "share_form": ShareForm(),
    }
    return render(request, "cases/case_detail.html", context)


@login_required
def case_create(request):
    _require_case_worker(request.user)
    form = CaseForm(
        request.POST or None,
        user=request.user,
        initial={
            "opened_on": timezone.localdate(),
            "district": request.user.organisation.district_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(user=request.user, data=form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Case %(reference)s created.") % {"reference": case.reference}
            )
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": None})


@login_required
def case_edit(request, case_id: int):
    case = access_case(request.user, case_id, write=True)
    initial = {
        "case_types": case.case_types,
        "district": case.district_id,
        "opened_on": case.opened_on,
        "title": case.title,
        "summary": case.summary,
        "fir_number": case.fir_number,
        "status": case.status,
        "closure_reason": case.closure_reason,
        "sensitivity": case.sensitivity,
        "team": case.team_id,
    }
    form = CaseForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(user=request.user, case=case, data=form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Case saved."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@login_required
@require_POST
def case_share(request, case_id: int):
    case = access_case(request.user, case_id, write=True)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.case_share(
                user=request.user,
                case=case,
                organisation=form.cleaned_data["organisation"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Case shared."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose an organisation to share with."))
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def case_unshare(request, case_id: int, share_id: int):
    case = access_case(request.user, case_id, write=True)
    try:
        services.case_unshare(user=request.user, case=case, share_id=share_id)
        messages.success(request, _("Sharing stopped."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def note_add(request, case_id: int):
    case = access_case(request.user, case_id)
    if not can_add_note(request.user, case):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_create(user=request.user, case=case, body=form.cleaned_data["body"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if request.htmx:
        context = {
            "case": case,
            "notes": case.notes.select_related("author", "organisation")[:100],
            "can_add_note": True,
            "note_form": NoteForm() if not form.errors else form,
        }
        return render(request, "cases/case_detail.html#notes", context)
    if form.errors:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("cases:detail", case_id=case.pk)
