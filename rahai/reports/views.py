"""The reports page: pick a year, generate the annual report in the background, watch its
progress (htmx polls the run's status fragment every 2 s until it is done) and download the
HTML, the PDF and the CSV tables. Only those who may see the insights dashboards; everyone
else gets 404. Downloads are audited and never cached."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.insights.permissions import can_see_insights
from rahai.reports import services
from rahai.reports.models import ReportRun
from rahai.reports.output import REPORT_HTML, REPORT_PDF, TABLES_ZIP

DOWNLOADS = {
    "html": (REPORT_HTML, "text/html; charset=utf-8"),
    "pdf": (REPORT_PDF, "application/pdf"),
    "csv": (TABLES_ZIP, "application/zip"),
}


class AnnualReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("en", _("English")), ("ur", _("Urdu"))], initial="en"
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        choices = years or [this_year - 1]
        self.fields["year"].choices = [(y, str(y)) for y in choices]
        previous = [y for y in choices if y < this_year]
        self.fields["year"].initial = previous[0] if previous else choices[0]


def _require(user) -> None:
    if not can_see_insights(user):
        raise Http404


def _runs() -> list[ReportRun]:
    services.report_runs_expire_stale()
    runs = list(ReportRun.objects.select_related("requested_by")[:10])
    for run in runs:
        run.error_text = services.run_error_text(run)
    return runs


@login_required
def index(request):
    _require(request.user)
    form = AnnualReportForm(years=services.report_years())
    return render(request, "reports/index.html", {"form": form, "runs": _runs()})


@login_required
@require_POST
def start(request):
    _require(request.user)
    form = AnnualReportForm(request.POST, years=services.report_years())
    if not form.is_valid():
        return render(request, "reports/index.html", {"form": form, "runs": _runs()}, status=400)
    services.report_run_start(
        user=request.user, year=form.cleaned_data["year"], language=form.cleaned_data["language"]
    )
    return redirect("reports:index")


@login_required
def status(request, run_id: int):
    _require(request.user)
    services.report_runs_expire_stale()
    run = get_object_or_404(ReportRun.objects.select_related("requested_by"), pk=run_id)
    run.error_text = services.run_error_text(run)
    return render(request, "reports/index.html#run", {"run": run})


@login_required
def download(request, run_id: int, kind: str):
    _require(request.user)
    run = get_object_or_404(ReportRun, pk=run_id)
    if kind not in DOWNLOADS:
        raise Http404
    name, content_type = DOWNLOADS[kind]
    path = services.run_file(run, name)
    if path is None:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="report_run",
        object_id=run.pk,
        details={"file": name, "year": run.year},
        ip_address=client_ip(request),
    )
    filename = f"rahai-annual-report-{run.year}-{run.language}{path.suffix}"
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    return response
