"""``rahai insights fill [--rebuild] [--statistic CODE ...]`` and ``rahai insights status``.

Run ``fill`` from cron (every few minutes): it finds what changed since its last run and
recomputes only those months. It stops cleanly on SIGTERM between two months; the next run
resumes where it stopped.
"""

from __future__ import annotations

import signal

from django.core.management.base import BaseCommand, CommandError

from rahai.insights import fill
from rahai.insights.statistics import STATISTICS


class Command(BaseCommand):
    help = "Aggregate statistics for the dashboards: fill (or rebuild) the count tables"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("fill", help="bring the count tables up to date")
        run.add_argument(
            "--rebuild", action="store_true", help="recompute every month, not only changed ones"
        )
        run.add_argument(
            "--statistic",
            action="append",
            choices=sorted(STATISTICS),
            help="with --rebuild: only these statistics (repeatable)",
        )
        run.add_argument("--quiet", action="store_true")
        sub.add_parser("status", help="show each statistic's fill state")

    def handle(self, *args, action, **options):
        if action == "status":
            return self.status()
        stopping = {"now": False}

        def stop(_signum, _frame):
            stopping["now"] = True
            self.stderr.write("rahai insights: stopping after this month (SIGTERM)")

        previous = signal.signal(signal.SIGTERM, stop)
        rebuild = options["statistic"] or True if options["rebuild"] else False
        if options["statistic"] and not options["rebuild"]:
            raise CommandError("--statistic goes with --rebuild")
        try:
            report = fill.fill(
                rebuild=rebuild,
                progress=None if options["quiet"] else self.stderr.write,
                should_stop=lambda: stopping["now"],
            )
        finally:
            signal.signal(signal.SIGTERM, previous)
        for family in report.families:
            if family.busy:
                self.stdout.write(f"{family.family}: another run is in progress; left alone")
                continue
            self.stdout.write(
                f"{family.family}: {family.months} months, {family.rows:,} rows in "
                f"{family.seconds:.1f} s"
                + (f"; {family.pending} months pending" if family.pending else "")
            )
        return None

    def status(self):
        for state in fill.fill_states():
            when = state.finished_at.isoformat(timespec="seconds") if state.finished_at else "never"
            self.stdout.write(
                f"{state.statistic:<20} {state.status:<8} pending {len(state.pending):>4}  "
                f"last run {when} ({state.seconds:.1f} s, {state.rows:,} rows)"
                + (f"  {state.message}" if state.message else "")
            )
