"""Generating the annual report: from the command (into a directory) and from the page (a
``ReportRun`` in the background, files under ``settings.VAR_DIR / "reports"``)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.insights.selectors import extent
from rahai.reports.annual import AnnualReport, annual_report, freshness
from rahai.reports.models import ReportRun
from rahai.reports.output import write_report

LANGUAGES = ("en", "ur")
# A running report touches its heartbeat every few seconds; one silent this long has died
# with its worker. A queued one nobody started in this long has no worker to start it.
RUNNING_STALE_AFTER = timedelta(minutes=10)
QUEUED_STALE_AFTER = timedelta(hours=1)
# Stored in ReportRun.error and worded when shown, in the viewer's language.
STOPPED = "stopped"
NEVER_STARTED = "never-started"
HOUSEKEEPING = "system: report housekeeping"


class NoFigures(Exception):
    """The count tables have never been filled: there is nothing to report yet."""


def reports_dir() -> Path:
    return Path(settings.VAR_DIR) / "reports"


def report_years() -> list[int]:
    """The years with counts, latest first (the page's choice of year)."""
    years: set[int] = set()
    for statistic in ("cases", "contacts"):
        first, last = extent(statistic)
        if first and last:
            years |= set(range(first.year, last.year + 1))
    return sorted(years, reverse=True)


def annual_report_write(
    *,
    year: int,
    out_dir,
    language: str = "en",
    overwrite: bool = False,
    progress=None,
    actor=None,
    actor_label: str = "",
) -> tuple[AnnualReport, Path]:
    """Gather the year's figures and write them (atomically). Raises ``NoFigures`` when the
    count tables were never filled (nothing is written)."""
    with translation.override(language):
        if freshness().never_filled:
            raise NoFigures(
                _(
                    "The count tables have not been filled yet: run `rahai insights fill` "
                    "(or add --fill) and try again."
                )
            )
        report = annual_report(
            year, language=language, progress=progress, actor=actor, actor_label=actor_label
        )
        path = write_report(report, out_dir, overwrite=overwrite, progress=progress)
    return report, path


def report_run_start(*, user, year: int, language: str) -> ReportRun:
    """Create the run at once (the page shows it waiting) and queue the work after commit."""
    from rahai.reports.tasks import generate_annual_report

    with transaction.atomic():
        run = ReportRun.objects.create(year=year, language=language, requested_by=user)
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            object_type="report_run",
            object_id=run.pk,
            details={"year": year, "language": language},
        )
        transaction.on_commit(lambda: generate_annual_report.enqueue(run.pk))
    return run


def report_run_generate(run_id: int) -> ReportRun:
    """The work of one run: figures, files, progress written into the run as it goes."""
    run = ReportRun.objects.select_related("requested_by").get(pk=run_id)
    now = timezone.now()
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.RUNNING, started_at=now, heartbeat_at=now, progress=1
    )

    def progress(percent: int, step: str) -> None:
        ReportRun.objects.filter(pk=run.pk).update(
            progress=max(1, percent), message=step[:200], heartbeat_at=timezone.now()
        )

    name = f"run-{run.pk}"
    try:
        annual_report_write(
            year=run.year,
            out_dir=reports_dir() / name,
            language=run.language,
            overwrite=True,
            progress=progress,
            actor=run.requested_by,
        )
    except Exception as error:
        ReportRun.objects.filter(pk=run.pk).update(
            status=ReportRun.Status.FAILED,
            error=(str(error) if isinstance(error, NoFigures) else type(error).__name__)[:300],
            finished_at=timezone.now(),
        )
        raise
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.DONE,
        progress=100,
        message="",
        output=name,
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


def report_runs_expire_stale(*, now=None) -> int:
    """Mark as failed the runs whose worker died (running, no heartbeat for
    ``RUNNING_STALE_AFTER``) or that no worker ever started (queued for
    ``QUEUED_STALE_AFTER``), so that their page stops waiting. Each one is audited. Returns
    how many."""
    now = now or timezone.now()
    stale = {
        STOPPED: ReportRun.objects.filter(
            status=ReportRun.Status.RUNNING, heartbeat_at__lt=now - RUNNING_STALE_AFTER
        ),
        NEVER_STARTED: ReportRun.objects.filter(
            status=ReportRun.Status.QUEUED, created_at__lt=now - QUEUED_STALE_AFTER
        ),
    }
    expired = 0
    for reason, runs in stale.items():
        with transaction.atomic():
            for run_id in runs.select_for_update().values_list("pk", flat=True):
                ReportRun.objects.filter(pk=run_id).update(
                    status=ReportRun.Status.FAILED, error=reason, finished_at=now
                )
                audit_record(
                    action=AuditAction.UPDATE,
                    object_type="report_run",
                    object_id=run_id,
                    details={"status": "failed", "reason": reason},
                    actor_label=HOUSEKEEPING,
                )
                expired += 1
    return expired


def run_error_text(run: ReportRun) -> str:
    """The run's error as the viewer should read it."""
    if run.error == STOPPED:
        return _(
            "The report stopped before it finished (its worker was interrupted). Start it again."
        )
    if run.error == NEVER_STARTED:
        return _(
            "No background worker started the report within an hour. Ask the administrator "
            "to check that `rahai manage db_worker` is running, then start it again."
        )
    return run.error


def report_runs_prune(*, older_than: timedelta, now=None) -> int:
    """Delete the files of finished runs older than ``older_than`` (the runs stay listed, as
    history). Returns how many runs lost their files."""
    now = now or timezone.now()
    old = ReportRun.objects.filter(
        finished_at__lt=now - older_than,
        status__in=(ReportRun.Status.DONE, ReportRun.Status.FAILED),
    ).exclude(output="")
    pruned = 0
    for run in old:
        directory = reports_dir() / run.output
        if directory.resolve().parent == reports_dir().resolve():
            shutil.rmtree(directory, ignore_errors=True)
        with transaction.atomic():
            ReportRun.objects.filter(pk=run.pk).update(output="")
            audit_record(
                action=AuditAction.DELETE,
                object_type="report_run",
                object_id=run.pk,
                details={"files": "removed", "year": run.year},
                actor_label=HOUSEKEEPING,
            )
        pruned += 1
    return pruned


def run_file(run: ReportRun, name: str) -> Path | None:
    """A finished run's file, if it is there."""
    if run.status != ReportRun.Status.DONE or not run.output:
        return None
    path = reports_dir() / run.output / name
    return path if path.is_file() else None
