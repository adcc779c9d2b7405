"""The analysts' dashboards and their CSV downloads. Filters live in the query string.

Views only parse the query and render panels built by ``rahai.insights.pages``, which read the
count tables; nothing here touches a case, a person or a hotline contact.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.insights import fill
from rahai.insights.forms import InsightsFilterForm, TrendOptionsForm
from rahai.insights.models import FillState
from rahai.insights.pages import PAGES, Context, Page
from rahai.insights.permissions import can_refresh_insights, can_see_insights
from rahai.insights.selectors import Labels, extent
from rahai.insights.suppression import suppressed_text, threshold
from rahai.insights.tasks import enqueue_fill

# Query parameters that are not filters (htmx adds none to GET; "page" is the dashboard).
FILTER_NAMES = ("year", "start", "end", "province", "district", "case_type", "gender", "age_band")
OPTION_NAMES = ("stat", "split", "by")


def _require_insights(user) -> None:
    if not can_see_insights(user):
        raise PermissionDenied


def _years() -> list[int]:
    years: set[int] = set()
    for statistic in ("cases", "contacts"):
        first, last = extent(statistic)
        if first and last:
            years |= set(range(first.year, last.year + 1))
    return sorted(years, reverse=True)


def _page(slug: str) -> Page:
    page = PAGES.get(slug)
    if page is None:
        raise Http404
    return page


def _context(request, page: Page):
    form = InsightsFilterForm(request.GET, years=_years())
    options_form = TrendOptionsForm(request.GET) if page.uses_trend_options else None
    ctx = Context(filters=form.filters(), labels=Labels())
    if options_form is not None:
        ctx.trend = options_form.options()
    return form, options_form, ctx


def _query_string(request) -> str:
    query = request.GET.copy()
    for name in list(query):
        if name not in FILTER_NAMES + OPTION_NAMES or not query.get(name):
            del query[name]
    return query.urlencode()


@login_required
def dashboard(request, page: str = "overview"):
    _require_insights(request.user)
    current = _page(page)
    form, options_form, ctx = _context(request, current)
    panels = [builder(ctx) for builder in current.builders.values()]
    context = {
        "pages": PAGES.values(),
        "page": current,
        "form": form,
        "options_form": options_form,
        "panels": panels,
        "query": _query_string(request),
        "threshold": threshold(),
        "suppressed": suppressed_text(),
        "as_of": fill.figures_as_of(),
        "states": fill.fill_states() if page == "overview" else None,
        "running": FillState.objects.filter(status=FillState.Status.RUNNING).exists(),
        "can_refresh": can_refresh_insights(request.user),
        "person_filters": current.slug in {"overview", "trends", "map", "root-causes"},
    }
    template = "insights/dashboard.html"
    if request.htmx and request.htmx.target == "insights-panels":
        return render(request, template + "#panels", context)
    return render(request, template, context)


@login_required
def table_csv(request, page: str, table: str):
    """Exactly the table shown beside a chart, as CSV, under the same filters."""
    _require_insights(request.user)
    current = _page(page)
    builder = current.builders.get(table)
    if builder is None:
        raise Http404
    _form, _options, ctx = _context(request, current)
    panel = builder(ctx)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="insights",
        object_id=f"{page}/{table}",
        details={"query": _query_string(request)},
        ip_address=client_ip(request),
    )
    name = "-".join(
        part for part in ["rahai", page, table, slugify(_query_string(request))[:60]] if part
    )
    response = HttpResponse("\ufeff" + panel.table.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
@require_POST
def refresh(request):
    """Queue the fill job now (it also runs from cron)."""
    if not can_refresh_insights(request.user):
        raise PermissionDenied
    enqueue_fill()
    messages.success(request, _("The figures are being brought up to date."))
    return redirect("insights:overview")
