"""``rahai report annual --year 2025 --out DIR``: the national statistics report as HTML, PDF
and CSV tables, from the insights count tables. ``rahai report prune --days 30`` deletes the
files of reports generated from the page longer ago than that (run it from cron)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from rahai.insights import fill
from rahai.reports import services
from rahai.reports.output import ReportExists


class Command(BaseCommand):
    help = (
        "Write the annual national statistics report (report.html, report.pdf and the tables "
        "as CSV) for one year, from the insights count tables."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=["annual", "prune"],
            help="annual: write the report; prune: delete old report files from the page",
        )
        parser.add_argument("--year", type=int)
        parser.add_argument("--out", help="directory to create (must not exist or be empty)")
        parser.add_argument(
            "--days", type=int, default=30, help="prune: keep the files of the last N days"
        )
        parser.add_argument("--language", choices=["en", "ur"], default="en")
        parser.add_argument(
            "--fill", action="store_true", help="bring the count tables up to date first"
        )
        parser.add_argument("--overwrite", action="store_true", help="replace an existing report")

    def handle(self, *args, **options):
        if options["kind"] == "prune":
            return self.prune(options["days"])
        year = options["year"]
        if year is None or not options["out"]:
            raise CommandError(_("rahai report annual needs --year and --out."))
        if not 1990 <= year <= 2100:
            raise CommandError(_("Not a year: %(year)s") % {"year": year})
        with translation.override(options["language"]):
            if options["fill"]:
                self.stdout.write(_("Bringing the count tables up to date…"))
                fill.fill()
            try:
                report, path = services.annual_report_write(
                    year=year,
                    out_dir=options["out"],
                    language=options["language"],
                    overwrite=options["overwrite"],
                    actor_label="rahai report annual",
                )
            except (services.NoFigures, ReportExists) as error:
                raise CommandError(str(error)) from None
            if report.empty:
                self.stderr.write(
                    _(
                        "The count tables hold no figures for %(year)s. If there should be "
                        "some, run `rahai insights fill` (or add --fill) and try again."
                    )
                    % {"year": year}
                )
            if report.freshness.stale:
                self.stderr.write(report.freshness.sentence())
            self.stdout.write(
                _("Wrote %(path)s: report.html, report.pdf and %(n)s tables.")
                % {"path": path, "n": len(report.sections)}
            )

    def prune(self, days: int) -> None:
        if days < 1:
            raise CommandError(_("--days must be at least 1."))
        stopped = services.report_runs_expire_stale()
        pruned = services.report_runs_prune(older_than=timedelta(days=days))
        self.stdout.write(
            _(
                "Removed the files of %(pruned)s old reports; %(stopped)s stalled runs marked failed."
            )
            % {"pruned": pruned, "stopped": stopped}
        )
