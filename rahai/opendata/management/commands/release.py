"""``rahai release --year 2025 --out DIR``: a publishable, k-anonymised open data release."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from rahai.opendata.output import ReleaseExists
from rahai.opendata.release import MIN_K
from rahai.opendata.services import release_publish


def _years(values: list[str]) -> list[int]:
    years: list[int] = []
    for value in values:
        first, _sep, last = value.partition("-")
        try:
            low, high = int(first), int(last or first)
        except ValueError:
            raise CommandError(
                _("Not a year or a range of years: %(value)s") % {"value": value}
            ) from None
        if not 1990 <= low <= high <= 2100:
            raise CommandError(_("Not a year or a range of years: %(value)s") % {"value": value})
        years.extend(range(low, high + 1))
    return years


class Command(BaseCommand):
    help = (
        "Write a k-anonymised open data release (microdata in CTDC's layout, tables with "
        "suppression, report and codebook) for the victims registered in the given years."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            action="append",
            required=True,
            help="a year or a range (2019-2025); repeatable",
        )
        parser.add_argument(
            "--out", required=True, help="directory to create (must not exist or be empty)"
        )
        parser.add_argument(
            "--k", type=int, default=MIN_K, help=f"minimum class size (default {MIN_K})"
        )
        parser.add_argument(
            "--allow-k-below-11",
            action="store_true",
            help="explicit override to publish with k below 11 (never for public releases)",
        )
        parser.add_argument(
            "--threshold",
            type=int,
            default=None,
            help="smallest table count published (default: k)",
        )
        parser.add_argument(
            "--max-suppression",
            type=float,
            default=0.05,
            help="share of records that may be suppressed before generalising further (default 0.05)",
        )
        parser.add_argument(
            "--allow-district",
            action="store_true",
            help="let the search keep districts (default: province at most)",
        )
        parser.add_argument("--overwrite", action="store_true", help="replace an existing release")
        parser.add_argument("--language", default="en", help="language of the report (en or ur)")

    def handle(self, *args, **options):
        if options["k"] < MIN_K and not options["allow_k_below_11"]:
            raise CommandError(_("--k below %(k)d needs --allow-k-below-11.") % {"k": MIN_K})
        if not 0 <= options["max_suppression"] <= 1:
            raise CommandError(_("--max-suppression is a share between 0 and 1."))
        with translation.override(options["language"]):
            try:
                path, release = release_publish(
                    years=_years(options["year"]),
                    out_dir=options["out"],
                    k=options["k"],
                    threshold=options["threshold"],
                    max_suppression=options["max_suppression"],
                    allow_district=options["allow_district"],
                    allow_k_below_minimum=options["allow_k_below_11"],
                    overwrite=options["overwrite"],
                )
            except (ReleaseExists, ValueError) as exc:
                raise CommandError(str(exc)) from None
            summary = release.summary()
            self.stdout.write(
                _(
                    "Wrote %(path)s: %(released)d of %(eligible)d records released, k achieved "
                    "%(k)d (required %(required)d), %(suppressed)d suppressed; %(cells)d table "
                    "cells suppressed."
                )
                % {
                    "path": path,
                    "released": summary["records_released"],
                    "eligible": summary["records_eligible"],
                    "k": summary["k_achieved"],
                    "required": release.k,
                    "suppressed": summary["records_suppressed"],
                    "cells": sum(t["primary"] + t["secondary"] for t in summary["tables"].values()),
                }
            )
