"""Benchmark: the open data release (``rahai release``) at 100k and 1M synthetic victims.

    .venv/bin/python benchmarks/opendata.py                      # release functions: 100k, 1M
    .venv/bin/python benchmarks/opendata.py --sizes 100000 --db  # and end to end from a database

Part 1 times the pure release (``rahai.opendata.release.build_release``: generalisation
search, suppression, microdata lines, four suppressed tables) plus writing every output file
(``rahai.opendata.output.write_release``), on rows generated in memory with realistic skew
(Zipf districts, more women and children, few foreign citizens). Each size runs in its own
child process so that its peak memory (VmHWM) is its own. The baseline in the same child is a
plain ``csv.writer`` dump of the same rows: what it costs just to write them out.

Part 2 (``--db``) builds a database with ``benchmarks/case_list.py``'s generator (the case-list
benchmark's cases, persons, roles; reused when present) and times ``release_publish`` end to
end: the audited system read, the release and the files. Its baseline reads the same victims
with ``values_list`` and dumps them to CSV.

Figures go to ``docs/performance.md`` (machine, date); tests never time anything.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import case_list  # noqa: E402  (settings, database and generator of the case-list benchmark)
from linkage import peak_mb  # noqa: E402

PROVINCES = {
    "PB": ["LHR", "KSR", "FSD", "GRW", "SKT", "MUX", "RYK", "SKP", "BWP", "SGD", "JLM", "GRT"],
    "SD": ["KSO", "HYD", "SUK", "LRK", "SGR", "TPK"],
    "KP": ["PEW", "SWT", "MDN", "DIK", "ABT"],
    "BA": ["QTA", "GWD", "TUR"],
    "IS": ["ISB"],
    "GB": ["GLT", "SKD"],
    "JK": ["MZD", "BHI"],
}
PROVINCE_WEIGHT = {"PB": 55, "SD": 22, "KP": 12, "BA": 5, "IS": 3, "GB": 1, "JK": 2}
TYPES = [
    ("bonded_labour", 30),
    ("forced_labour", 20),
    ("servitude", 12),
    ("sexual", 15),
    ("forced_begging", 8),
    ("child_labour", 6),
    ("forced_marriage", 6),
    ("organ_removal", 1),
    ("other", 2),
]
MEANS = [
    "debt_bondage",
    "restricts_movement",
    "threats",
    "physical_abuse",
    "withholds_documents",
    "takes_earnings",
    "false_promises",
    "uses_children",
]
EXPLOITED_IN = [
    ("PK", 80),
    ("AE", 5),
    ("SA", 5),
    ("IR", 3),
    ("OM", 2),
    ("GR", 1),
    ("LY", 1),
    ("", 3),
]
CITIZENSHIP = [("PK", 92), ("AF", 4), ("BD", 1), ("IN", 1), ("", 2)]


def synthetic_rows(n: int, seed: int = 1, years=(2023, 2024, 2025)) -> list[dict]:
    rng = random.Random(seed)
    provinces = list(PROVINCE_WEIGHT)
    province_w = [PROVINCE_WEIGHT[p] for p in provinces]
    districts = {p: (ds, [1 / (i + 1) for i in range(len(ds))]) for p, ds in PROVINCES.items()}
    types, type_w = zip(*TYPES, strict=True)
    exploited, exploited_w = zip(*EXPLOITED_IN, strict=True)
    citizens, citizens_w = zip(*CITIZENSHIP, strict=True)
    rows = []
    for _ in range(n):
        province = rng.choices(provinces, province_w)[0]
        names, weights = districts[province]
        minor = rng.random() < 0.35
        rows.append(
            {
                "year": rng.choice(years),
                "month": rng.randint(1, 12),
                "gender": rng.choices(["female", "male", "transgender", "unknown"], [55, 40, 1, 4])[
                    0
                ],
                "age": None
                if rng.random() < 0.1
                else (rng.randint(4, 17) if minor else int(min(70, 18 + rng.expovariate(1 / 12)))),
                "citizenship": rng.choices(citizens, citizens_w)[0],
                "province": province,
                "district": rng.choices(names, weights)[0],
                "country_of_exploitation": rng.choices(exploited, exploited_w)[0],
                "exploitation_types": list(
                    dict.fromkeys(rng.choices(types, type_w, k=1 if rng.random() < 0.85 else 2))
                ),
                "means_of_control": rng.sample(MEANS, rng.choice([0, 1, 1, 2, 3])),
                "recruiter_relationship": rng.choice(
                    ["family", "employer", "agent", "friend", "stranger", "", ""]
                ),
            }
        )
    return rows


def baseline_dump(rows: list[dict], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        fields = list(rows[0]) if rows else []
        writer.writerow(fields)
        for row in rows:
            writer.writerow(
                [";".join(v) if isinstance(v, list) else v for v in (row[f] for f in fields)]
            )


def run_pure(n: int, years: list[int], queue) -> None:
    import django

    django.setup()
    from rahai.opendata.output import write_release
    from rahai.opendata.release import build_release

    t0 = time.perf_counter()
    rows = synthetic_rows(n, years=tuple(years))
    generated = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        baseline_dump(rows, Path(tmp) / "plain.csv")
        baseline = time.perf_counter() - t0
        t0 = time.perf_counter()
        release = build_release(rows, years=years)
        built = time.perf_counter() - t0
        t0 = time.perf_counter()
        write_release(release, Path(tmp) / "release")
        written = time.perf_counter() - t0
    summary = release.summary()
    queue.put(
        {
            "n": n,
            "eligible": summary["records_eligible"],
            "generate_s": generated,
            "baseline_s": baseline,
            "release_s": built,
            "write_s": written,
            "peak_mb": peak_mb(),
            "released": summary["records_released"],
            "suppressed": summary["records_suppressed"],
            "k": summary["k_achieved"],
            "nodes": summary["lattice_nodes_evaluated"],
            "generalisation": summary["generalisation"],
            "cells": {name: t["primary"] + t["secondary"] for name, t in summary["tables"].items()},
        }
    )


def in_child(function, *args) -> dict:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=function, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def run_db(args) -> dict:
    import django

    if not args.database_url:
        # A database of its own: other benchmarks reuse (and rebuild) case_list.sqlite3.
        args.database_url = f"sqlite:///{ROOT / 'var' / 'bench' / 'opendata.sqlite3'}"
    label = case_list.configure(args)
    if label == "custom":
        label = "sqlite"
    case_list.meta_path = lambda label: ROOT / "var" / "bench" / f"opendata.{label}.json"
    django.setup()
    from django.db import connection

    from rahai.opendata import selectors
    from rahai.opendata.services import release_publish

    if label == "postgresql":
        case_list.ensure_postgres_database(args.database_url)
    meta = {"as_is": True} if args.db_as_is else case_list.reusable(label, args.db_cases, 20260601)
    if meta is None:
        print(f"  generating {args.db_cases:,} cases (case-list benchmark generator)…", flush=True)
        case_list.fresh_database(label)
        from rahai.testing import ensure_reference_data

        ensure_reference_data()
        world = case_list.make_world(create=True)
        t0 = time.perf_counter()
        case_list.generate(world, args.db_cases, 20260601, 5000, verbose=False)
        print(f"  generated in {time.perf_counter() - t0:.0f} s", flush=True)
        case_list.analyze()
        import json

        case_list.meta_path(label).write_text(
            json.dumps(
                {
                    "version": case_list.BENCH_VERSION,
                    "cases": args.db_cases,
                    "seed": 20260601,
                    "names": case_list.names_fingerprint(),
                }
            )
        )
    else:
        case_list.migrate_reused()
    first, _sep, last = args.release_years.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    from rahai.cases.models import Case

    results = {"database": label, "cases": Case.objects.count(), "years": args.release_years}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        rows, _excluded = selectors.victim_rows(years=years)
        baseline_dump(rows, Path(tmp) / "plain.csv")
        results["baseline_s"] = time.perf_counter() - t0
        results["victims"] = len(rows)
        connection.close()
        t0 = time.perf_counter()
        _path, release = release_publish(years=years, out_dir=Path(tmp) / "release")
        results["release_s"] = time.perf_counter() - t0
        results["released"] = release.summary()["records_released"]
        results["k"] = release.summary()["k_achieved"]
    results["peak_mb"] = peak_mb()
    return results


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--years", default="2023-2025", help="years generated and released")
    parser.add_argument("--db", action="store_true", help="also end to end from a database")
    parser.add_argument("--db-cases", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--db-as-is",
        action="store_true",
        help="part 2 on the database given as it is (e.g. the insights benchmark's 1M cases)",
    )
    parser.add_argument("--release-years", default="2017-2026", help="years released in part 2")
    args = parser.parse_args()
    first, _sep, last = args.years.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    case_list.configure(args)  # settings for the children too
    print(f"# open data release benchmark — {time.strftime('%Y-%m-%d')} — {machine()}")
    print(f"# years {years[0]}–{years[-1]}, k = 11, table threshold 11, suppression budget 5 %")
    print(
        "| victims | baseline CSV dump s | release s | write files s | release + write s | "
        "peak MB | released | suppressed | nodes | generalisation |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        r = in_child(run_pure, size, years)
        chosen = ", ".join(f"{k} {v}" for k, v in r["generalisation"].items())
        print(
            f"| {r['n']:,} | {r['baseline_s']:.1f} | {r['release_s']:.1f} | {r['write_s']:.1f} | "
            f"{r['release_s'] + r['write_s']:.1f} | {r['peak_mb']:.0f} | {r['released']:,} | "
            f"{r['suppressed']:,} | {r['nodes']} | {chosen} |",
            flush=True,
        )
    if args.db:
        r = run_db(args)
        print(
            f"\nEnd to end from {r['database']} ({r['cases']:,} cases; years {r['years']}: "
            f"{r['victims']:,} victims): "
            f"release_publish {r['release_s']:.1f} s (baseline: read + CSV dump "
            f"{r['baseline_s']:.1f} s), {r['released']:,} released, k {r['k']}, "
            f"peak {r['peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
