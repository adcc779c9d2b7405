"""The annual report as a django-tasks task, started from the reports page.

``settings.TASKS`` decides whether it runs at once (tests, the embedded SQLite demo) or waits
for ``rahai manage db_worker``. Its argument and result are a run id and counts only.
"""

from __future__ import annotations

from django_tasks import task

from rahai.reports import services


@task()
def generate_annual_report(run_id: int) -> dict:
    run = services.report_run_generate(run_id)
    return {"run": run.pk, "status": run.status}
