"""Runs whose worker died stop waiting; old report files are removed but the runs stay listed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from rahai.audit.models import AuditEntry
from rahai.reports import services
from rahai.reports.models import ReportRun

pytestmark = pytest.mark.django_db


def make_run(world, **fields) -> ReportRun:
    run = ReportRun.objects.create(year=2025, requested_by=world.analyst)
    ReportRun.objects.filter(pk=run.pk).update(**fields)
    run.refresh_from_db()
    return run


def test_a_running_report_silent_for_too_long_is_marked_failed(world):
    now = timezone.now()
    dead = make_run(
        world, status="running", heartbeat_at=now - services.RUNNING_STALE_AFTER - timedelta(1)
    )
    alive = make_run(world, status="running", heartbeat_at=now - timedelta(minutes=1))

    assert services.report_runs_expire_stale(now=now) == 1

    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == ReportRun.Status.FAILED and dead.finished_at == now
    assert "stopped before it finished" in services.run_error_text(dead)
    assert alive.status == ReportRun.Status.RUNNING


def test_a_report_no_worker_started_within_an_hour_is_marked_failed(world):
    now = timezone.now()
    forgotten = make_run(world, created_at=now - services.QUEUED_STALE_AFTER - timedelta(1))
    waiting = make_run(world, created_at=now - timedelta(minutes=5))

    assert services.report_runs_expire_stale(now=now) == 1

    forgotten.refresh_from_db()
    waiting.refresh_from_db()
    assert forgotten.status == ReportRun.Status.FAILED
    assert "db_worker" in services.run_error_text(forgotten)
    assert waiting.status == ReportRun.Status.QUEUED


def test_the_progress_fragment_stops_polling_a_dead_run(world, login):
    run = make_run(world, status="running", heartbeat_at=timezone.now() - timedelta(hours=1))
    page = login(world.analyst).get(reverse("reports:status", args=[run.pk]))
    assert page.status_code == 200
    assert b"hx-trigger" not in page.content
    assert b"stopped before it finished" in page.content


def test_the_stopped_message_is_in_the_viewers_language(world, login):
    run = make_run(world, status="running", heartbeat_at=timezone.now() - timedelta(hours=1))
    client = login(world.analyst)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("reports:status", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="ur")
    assert b"stopped before it finished" not in page.content


def test_progress_keeps_the_heartbeat_fresh(world, monkeypatch, reports_dir):
    run = ReportRun.objects.create(year=2025, requested_by=world.analyst)
    beats = []

    def fake_write(*, progress, **kwargs):
        progress(50, "half way")
        beats.append(ReportRun.objects.get(pk=run.pk).heartbeat_at)
        return None, reports_dir

    monkeypatch.setattr(services, "annual_report_write", fake_write)
    services.report_run_generate(run.pk)
    assert beats[0] is not None
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE


def test_pruning_removes_old_files_and_keeps_the_run(world, login, reports_dir):
    now = timezone.now()
    old = make_run(world, status="done", output="run-old", finished_at=now - timedelta(days=40))
    new = make_run(world, status="done", output="run-new", finished_at=now - timedelta(days=2))
    for run in (old, new):
        (reports_dir / run.output).mkdir(parents=True)
        (reports_dir / run.output / "report.pdf").write_bytes(b"%PDF")

    assert services.report_runs_prune(older_than=timedelta(days=30), now=now) == 1

    assert not (reports_dir / "run-old").exists()
    assert (reports_dir / "run-new" / "report.pdf").is_file()
    old.refresh_from_db()
    assert old.output == "" and old.status == ReportRun.Status.DONE
    client = login(world.analyst)
    assert client.get(reverse("reports:download", args=[old.pk, "pdf"])).status_code == 404
    page = client.get(reverse("reports:index"))
    assert b"files have been removed" in page.content


def test_pruning_never_leaves_the_reports_directory(world, reports_dir, tmp_path):
    outside = tmp_path / "precious"
    outside.mkdir()
    make_run(
        world,
        status="done",
        output="../../precious",
        finished_at=timezone.now() - timedelta(days=90),
    )
    services.report_runs_prune(older_than=timedelta(days=30))
    assert outside.is_dir()


def test_the_prune_command_reports_what_it_did(world, reports_dir, capsys):
    make_run(world, status="done", output="run-1", finished_at=timezone.now() - timedelta(days=90))
    (reports_dir / "run-1").mkdir(parents=True)
    call_command("report", "prune", "--days", "30")
    assert "1" in capsys.readouterr().out
    assert not (reports_dir / "run-1").exists()


def test_the_annual_command_still_needs_a_year_and_a_directory(world):
    with pytest.raises(CommandError):
        call_command("report", "annual")


def test_expiring_and_pruning_are_audited(world, reports_dir):
    now = timezone.now()
    dead = make_run(world, status="running", heartbeat_at=now - timedelta(hours=1))
    old = make_run(world, status="done", output="run-old", finished_at=now - timedelta(days=40))
    services.report_runs_expire_stale(now=now)
    services.report_runs_prune(older_than=timedelta(days=30), now=now)
    entries = AuditEntry.objects.filter(object_type="report_run")
    assert entries.filter(action="update", object_id=str(dead.pk)).count() == 1
    assert entries.filter(action="delete", object_id=str(old.pk)).count() == 1
