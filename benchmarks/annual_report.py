"""Benchmark: the annual statistics report (``rahai report annual``) on the count tables.

    .venv/bin/python benchmarks/annual_report.py --snapshot var/bench/insights.sqlite3
    .venv/bin/python benchmarks/annual_report.py --cases 100000
    .venv/bin/python benchmarks/annual_report.py --database-url postgres://root@127.0.0.1:5432/rahai_report_bench --cases 100000

Target: the whole report (figures, HTML, PDF, CSV tables, written atomically) under 5 s at
1,000,000 cases. The report reads the insights count tables (the yearly rows) and a few grouped
counts of referrals and support plans, so its time depends on the size of the count tables and
the number of values in each breakdown, not directly on the number of cases.

Where the data come from, one of:

* ``--snapshot PATH``: a consistent copy (SQLite's backup API, safe while another process
  writes it) of a SQLite database whose count tables are filled, e.g. the insights benchmark's
  ``var/bench/insights.sqlite3``, into this benchmark's own file; the copy is used as it is.
* ``--cases N``: a fresh database (this benchmark's own SQLite file, or the PostgreSQL
  database given: every table dropped) with N cases from the insights benchmark's generator
  (``benchmarks/insights.py`` and ``benchmarks/case_list.py``: imported, not copied), then the
  fill job from nothing.
* neither: whatever the database given (or this benchmark's own file) holds.

It then times, ``--runs`` times for each year asked for: gathering the figures
(``annual_report``), the HTML, the PDF, and the whole command (``annual_report_write`` into a
temporary directory), and prints a table of medians and maxima. Never run it against a
database someone else is using: each run appends one audit entry (the read of referrals and
support plans). Figures go to docs/performance.md with the machine and the date.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import case_list  # noqa: E402  (settings, database, bulk generator)
import insights  # noqa: E402  (victim context, routes and contacts for the generated cases)

OWN_DB = ROOT / "var" / "bench" / "annual_report.sqlite3"
LABEL = "annual_report"


def snapshot(source: Path, target: Path) -> float:
    """Copy a SQLite database consistently (the backup API) into ``target``."""
    t0 = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return time.perf_counter() - t0


def generate(args) -> None:
    from rahai.insights import fill

    t0 = time.perf_counter()
    case_list.fresh_database(LABEL)
    world = case_list.make_world(create=True)
    gen = case_list.generate(world, args.cases, args.seed, args.batch_size, not args.quiet)
    extra = insights.enrich(args.seed, args.contacts_per_case, args.batch_size, not args.quiet)
    case_list.analyze()
    print(
        f"Generated in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in gen["totals"].items())
        + f", events {extra['events']:,}, contacts {extra['contacts']:,}",
        flush=True,
    )
    t0 = time.perf_counter()
    report = fill.fill(rebuild=True)
    case_list.analyze()
    print(f"Fill job from nothing: {report.rows:,} rows in {time.perf_counter() - t0:.1f} s")


def timed(function) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = function()
    return time.perf_counter() - t0, result


def measure(year: int, runs: int, language: str) -> list[dict]:
    from django.utils import translation

    from rahai.reports.annual import annual_report
    from rahai.reports.output import report_html, report_pdf
    from rahai.reports.services import annual_report_write

    steps: dict[str, list[float]] = {"figures": [], "html": [], "pdf": [], "whole command": []}
    with translation.override(language):
        for _run in range(runs):
            seconds, report = timed(lambda: annual_report(year, language=language))
            steps["figures"].append(seconds)
            steps["html"].append(timed(lambda: report_html(report))[0])  # noqa: B023
            steps["pdf"].append(timed(lambda: report_pdf(report))[0])  # noqa: B023
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "report"
                seconds, _result = timed(
                    lambda: annual_report_write(year=year, out_dir=out, language=language)  # noqa: B023
                )
            steps["whole command"].append(seconds)
    return [
        {
            "year": year,
            "language": language,
            "step": step,
            "median": statistics.median(values) * 1000,
            "max": max(values) * 1000,
        }
        for step, values in steps.items()
    ]


def count_rows() -> tuple[int, int]:
    from rahai.insights.models import YEAR, Count

    return Count.objects.count(), Count.objects.filter(span=YEAR).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="", help="postgres://... (default: own SQLite)")
    parser.add_argument("--snapshot", default="", help="copy this SQLite database first")
    parser.add_argument("--cases", type=int, default=0, help="generate N cases and fill first")
    parser.add_argument("--year", type=int, action="append", help="default: the last two years")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", default="en")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--contacts-per-case", type=float, default=0.3)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    if args.snapshot and (args.cases or args.database_url):
        parser.error(
            "--snapshot copies into this benchmark's own SQLite file; no --cases/--database-url"
        )

    OWN_DB.parent.mkdir(parents=True, exist_ok=True)
    if args.snapshot:
        seconds = snapshot(Path(args.snapshot), OWN_DB)
        print(f"Copied {args.snapshot} in {seconds:.1f} s")
    postgres = args.database_url.startswith(("postgres", "pgsql"))
    if not args.database_url:
        args.database_url = f"sqlite:///{OWN_DB}"
    case_list.configure(args)
    if postgres:
        case_list.ensure_postgres_database(args.database_url)
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    print(
        f"Rahai annual report benchmark on {connection.vendor} ({connection.settings_dict['NAME']})"
    )
    if args.cases:
        generate(args)
    else:
        case_list.migrate_reused()
    print(case_list.versions())
    from rahai.insights.selectors import Filters, total
    from rahai.reports.annual import freshness, year_filters

    rows, yearly = count_rows()
    print(
        f"Count table: {rows:,} rows ({yearly:,} yearly); cases counted "
        f"{total('cases', Filters()):,}; figures as of {freshness().as_of}"
    )
    years = args.year or [timezone.localdate().year - 1, timezone.localdate().year]
    results = []
    for year in years:
        print(f"  {year}: {total('cases', year_filters(year)):,} cases", flush=True)
        results += measure(year, args.runs, args.language)
    print()
    print(f"Annual report, ms over {args.runs} runs (language {args.language})")
    print(f"{'year':>6}  {'step':<14} {'median':>9} {'max':>9}")
    for r in results:
        print(f"{r['year']:>6}  {r['step']:<14} {r['median']:>9.0f} {r['max']:>9.0f}")


if __name__ == "__main__":
    main()
