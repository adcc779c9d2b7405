"""The reports page: analysts start a run in the background, watch its progress and download
the files (audited, no-store); caseworkers and outsiders get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rahai.audit.models import AuditEntry
from rahai.insights import fill
from rahai.reports.models import ReportRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(world):
    fill.fill(rebuild=True)
    return world


def test_an_analyst_generates_the_report_and_downloads_it(
    filled, login, reports_dir, django_capture_on_commit_callbacks
):
    client = login(filled.analyst)
    page = client.get(reverse("reports:index"))
    assert page.status_code == 200 and b"2026" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:start"), {"year": "2026", "language": "en"})
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.status == ReportRun.Status.DONE and run.progress == 100
    assert run.requested_by == filled.analyst
    assert (reports_dir / run.output / "report.pdf").is_file()

    for kind, start in (("html", b"<!doctype html>"), ("pdf", b"%PDF"), ("csv", b"PK")):
        response = client.get(reverse("reports:download", args=[run.pk, kind]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(start)
        assert response["Content-Disposition"].startswith("attachment;")
        assert "no-store" in response["Cache-Control"]
    exports = AuditEntry.objects.filter(action="export", object_type="report_run")
    assert exports.count() == 3


@pytest.mark.parametrize("who", ["owner", "partner", "outsider"])
def test_others_get_404(filled, login, reports_dir, who, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login(filled.analyst).post(reverse("reports:start"), {"year": "2026", "language": "en"})
    run = ReportRun.objects.get()
    client = login(getattr(filled, who))
    assert client.get(reverse("reports:index")).status_code == 404
    assert client.post(reverse("reports:start"), {"year": "2026"}).status_code == 404
    assert client.get(reverse("reports:status", args=[run.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[run.pk, "pdf"])).status_code == 404


def test_the_progress_fragment_polls_until_the_run_is_done(filled, login, reports_dir):
    client = login(filled.supervisor)
    run = ReportRun.objects.create(
        year=2026, status=ReportRun.Status.RUNNING, progress=40, requested_by=filled.supervisor
    )
    fragment = client.get(reverse("reports:status", args=[run.pk]), HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert 'hx-trigger="every 2s"' in body and 'value="40"' in body
    assert reverse("reports:download", args=[run.pk, "pdf"]) not in body
    assert client.get(reverse("reports:download", args=[run.pk, "pdf"])).status_code == 404

    run.status, run.progress = ReportRun.Status.FAILED, 40
    run.error = "NoFigures"
    run.save()
    body = client.get(reverse("reports:status", args=[run.pk])).content.decode()
    assert "hx-trigger" not in body and "Failed" in body


def test_a_finished_runs_fragment_offers_the_downloads(
    filled, login, reports_dir, django_capture_on_commit_callbacks
):
    client = login(filled.analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:start"), {"year": "2026", "language": "ur"})
    run = ReportRun.objects.get()
    body = client.get(reverse("reports:status", args=[run.pk])).content.decode()
    assert "hx-trigger" not in body
    assert reverse("reports:download", args=[run.pk, "csv"]) in body
