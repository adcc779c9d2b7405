"""Background relinking: the same work as ``rahai link --db``, started from the runs page.

``start_relink`` creates the ``LinkRun`` at once (so the page shows it, waiting) and enqueues
``relink`` when the transaction commits. Which backend runs it is ``settings.TASKS``: the
immediate backend runs it inside the request that started it (tests and the demo), the database
backend leaves it for ``rahai manage db_worker`` (see docs/linkage.md). The job's arguments and
result hold ids and counts only, never personal data.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from rahai.accounts.models import RoleCode
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.linkage import model as linkage_model
from rahai.linkage import services
from rahai.linkage.models import LinkRun

QUEUED = "queued"
# A run still "running" after this long is taken to have died with its worker.
STALE_AFTER = timedelta(hours=2)


def can_relink(user) -> bool:
    return getattr(user, "works_cases", False) and user.has_role(RoleCode.SUPERVISOR)


def running_run() -> LinkRun | None:
    """The run in progress (or waiting for a worker), if there is one that is not stale."""
    return (
        LinkRun.objects.filter(
            status=LinkRun.Status.RUNNING, started_at__gte=timezone.now() - STALE_AFTER
        )
        .order_by("-started_at")
        .first()
    )


def start_relink(*, user) -> LinkRun:
    """Queue a relink of every person (supervisors only; one at a time)."""
    if not can_relink(user):
        raise PermissionDenied
    saved = linkage_model.load()
    with transaction.atomic():
        if running_run() is not None:
            raise ValidationError(_("A relink is already running."), code="running")
        LinkRun.objects.filter(status=LinkRun.Status.RUNNING).update(
            status=LinkRun.Status.FAILED, message="abandoned", finished_at=timezone.now()
        )
        run = LinkRun.objects.create(
            started_by=user,
            model_version=saved["version"],
            threshold=saved["default_threshold"],
            message=QUEUED,
        )
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            object_type="link_run",
            object_id=run.pk,
            details={"queued": True},
        )
        transaction.on_commit(lambda: relink.enqueue(run.pk))
    return run


@task()
def relink(run_id: int) -> dict:
    """Relink every person into the given run (progress is written into the run as it goes)."""
    run = LinkRun.objects.select_related("started_by").get(pk=run_id)
    try:
        run = services.relink_all(user=run.started_by, run=run)
    except Exception:
        LinkRun.objects.filter(pk=run_id, status=LinkRun.Status.RUNNING).update(
            status=LinkRun.Status.FAILED, message="failed", finished_at=timezone.now()
        )
        raise
    return {"run": run.pk, "persons": run.persons, "pairs": run.pairs, "clusters": run.clusters}
