"""``rahai report annual --year 2025 --out DIR``: the national statistics report as HTML, PDF
and CSV tables, from the insights count tables."""

from __future__ import annotations

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
        parser.add_argument("kind", choices=["annual"], help="the report to write")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--out", required=True, help="directory to create (must not exist or be empty)"
        )
        parser.add_argument("--language", choices=["en", "ur"], default="en")
        parser.add_argument(
            "--fill", action="store_true", help="bring the count tables up to date first"
        )
        parser.add_argument("--overwrite", action="store_true", help="replace an existing report")

    def handle(self, *args, **options):
        year = options["year"]
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
