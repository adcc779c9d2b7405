"""The fill job as a django-tasks task, for a refresh asked for from a page (or a worker).

``settings.TASKS`` decides whether it runs at once (tests, the embedded SQLite demo) or waits
for ``rahai manage db_worker``. Scheduled runs use the command instead: ``rahai insights fill``
from cron. Its arguments and result are counts only.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from rahai.insights import fill


@task()
def fill_counts(rebuild: bool = False) -> dict:
    """Bring the count tables up to date (or rebuild them)."""
    return fill.fill(rebuild=rebuild).as_dict()


def enqueue_fill(*, rebuild: bool = False) -> None:
    transaction.on_commit(lambda: fill_counts.enqueue(rebuild=rebuild))
