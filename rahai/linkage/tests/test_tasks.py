"""Relinking as a background job: started by a supervisor, progress on the runs page."""

from datetime import timedelta

import pytest
from asgiref.local import Local
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from rahai.accounts.models import RoleCode
from rahai.audit.models import AuditEntry
from rahai.linkage import tasks
from rahai.linkage.models import LinkRun, PersonIdentity
from rahai.testing import make_person, make_user

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def again(world):
    return make_person(world.owner, given_name="M. Imran", family_name="", cnic="35202-1234567-1")


def test_a_supervisor_starts_a_relink_and_sees_it_done(
    world, login, again, django_capture_on_commit_callbacks
):
    client = login(world.supervisor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("linkage:run_start"), follow=True)
    assert len(callbacks) == 1  # enqueued once the run was committed
    run = LinkRun.objects.get()
    assert run.status == LinkRun.Status.DONE and run.progress == 100
    assert run.started_by == world.supervisor and run.persons == 2
    # Here the job ran after the request (the test holds the transaction open); with the
    # immediate backend outside tests it runs before the redirect.
    assert "Relink started" in response.content.decode()
    page = client.get(reverse("linkage:runs")).content.decode()
    assert "Done" in page and 'value="100"' in page
    assert 'hx-trigger="every 2s"' not in page  # nothing running: no polling
    identities = PersonIdentity.objects.filter(person_id__in=[world.victim.pk, again.pk])
    assert identities.values("identity").distinct().count() == 1
    assert AuditEntry.objects.filter(object_type="link_run", object_id=str(run.pk)).count() == 2


def test_the_job_is_enqueued_only_when_the_transaction_commits(
    world, again, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = tasks.start_relink(user=world.supervisor)
    run.refresh_from_db()
    assert len(callbacks) == 1
    assert run.status == LinkRun.Status.RUNNING and run.message == tasks.QUEUED


def test_only_supervisors_see_runs_or_start_a_relink(world, login, client):
    for user, status in ((world.owner, 403), (world.partner, 403), (world.analyst, 404)):
        assert login(user).get(reverse("linkage:runs")).status_code == status, user.username
        assert login(user).post(reverse("linkage:run_start")).status_code == status
    client.logout()
    assert client.get(reverse("linkage:runs")).status_code == 302
    assert not LinkRun.objects.exists()
    assert login(world.supervisor).get(reverse("linkage:run_start")).status_code == 405


def test_the_runs_page_polls_every_two_seconds_while_a_relink_runs(world, login):
    LinkRun.objects.create(
        started_by=world.supervisor,
        model_version="v1",
        threshold=0.85,
        progress=40,
        message="scoring candidate pairs",
    )
    client = login(world.supervisor)
    page = client.get(reverse("linkage:runs")).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    assert "scoring candidate pairs" in page and "disabled" in page
    partial = client.get(reverse("linkage:runs"), HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="runs"') and "<html" not in partial
    LinkRun.objects.update(status=LinkRun.Status.DONE, progress=100)
    partial = client.get(reverse("linkage:runs"), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' not in partial  # the swap stops the polling


def test_a_second_relink_waits_for_the_first_but_a_dead_one_does_not_block(
    world, login, django_capture_on_commit_callbacks
):
    running = LinkRun.objects.create(model_version="v1", threshold=0.85, message="queued")
    page = login(world.supervisor).post(reverse("linkage:run_start"), follow=True)
    assert "A relink is already running." in page.content.decode()
    assert LinkRun.objects.count() == 1
    LinkRun.objects.filter(pk=running.pk).update(
        started_at=timezone.now() - tasks.STALE_AFTER - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.start_relink(user=world.supervisor)
    running.refresh_from_db()
    assert running.status == LinkRun.Status.FAILED and running.message == "abandoned"
    assert LinkRun.objects.filter(status=LinkRun.Status.DONE).count() == 1


def test_the_task_runs_the_same_relink_as_rahai_link_db(world, again):
    run = LinkRun.objects.create(model_version="v1", threshold=0.85, message="queued")
    result = tasks.relink.enqueue(run.pk)
    assert result.return_value == {"run": run.pk, "persons": 2, "pairs": 1, "clusters": 1}
    run.refresh_from_db()
    assert run.status == LinkRun.Status.DONE and run.model_version != "v1"


def test_a_failed_job_marks_its_run_failed(world, monkeypatch):
    from rahai.linkage import services

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "relink_all", broken)
    run = LinkRun.objects.create(model_version="v1", threshold=0.85, message="queued")
    result = tasks.relink.enqueue(run.pk)
    assert result.status == "FAILED"
    run.refresh_from_db()
    assert run.status == LinkRun.Status.FAILED


@pytest.mark.django_db(transaction=True)  # the worker takes its own transactions
@override_settings(TASKS=DATABASE_TASKS)
def test_with_the_database_backend_the_job_waits_for_db_worker_and_holds_only_ids(world, again):
    from django_tasks_db.models import DBTaskResult

    task_backends._settings = None  # read TASKS again
    task_backends._connections = Local()
    try:
        run = tasks.start_relink(user=world.supervisor)
        job = DBTaskResult.objects.get()
        assert job.args_kwargs == {"args": [run.pk], "kwargs": {}}  # no personal data
        run.refresh_from_db()
        assert run.status == LinkRun.Status.RUNNING and run.message == tasks.QUEUED
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        run.refresh_from_db()
        assert run.status == LinkRun.Status.DONE and run.persons == 2
    finally:
        task_backends._settings = None
        task_backends._connections = Local()


def test_hotline_supervisors_may_relink_too(world, login):
    from rahai.orgs.models import OrganisationKind
    from rahai.testing import make_org

    org = make_org("National Hotline", kind=OrganisationKind.HOTLINE, district_code="ISB")
    supervisor = make_user("hotline-sup", org, RoleCode.SUPERVISOR)
    assert login(supervisor).get(reverse("linkage:runs")).status_code == 200
