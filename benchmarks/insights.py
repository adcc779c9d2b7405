"""Benchmark: the analysts' dashboards and the fill job at N synthetic cases.

    .venv/bin/python benchmarks/insights.py --cases 100000
    .venv/bin/python benchmarks/insights.py --cases 100000 \
        --database-url postgres://root@127.0.0.1:5432/rahai_insights_bench
    .venv/bin/python benchmarks/insights.py --cases 1000000 --reuse

What it does, in one run:

1. A fresh database (a SQLite file ``var/bench/insights.sqlite3`` by default, or the PostgreSQL
   database given: every table is dropped), with N cases, persons and roles from the case list
   benchmark's bulk generator (``benchmarks/case_list.py``: reused, not copied). Then, for the
   dashboards, the rest of what they count, written in bulk: victim context (means of control,
   root causes, recruitment, industry), nationality, a route for 70 % of the cases (internal
   routes to brick kilns, farms and cities; the land route through Iran; the Gulf; Libya), and
   0.3 hotline contacts per case with triage and response times.
2. The fill job from nothing (``fill --rebuild``), timed, with the rows it wrote; then an
   incremental run after 200 cases changed, timed.
3. Every dashboard page through Django's test client as an analyst (the whole request: query,
   charts, template), with no filter, a province, a district and a year, p50 and p95 over
   ``--runs``. Interleaved with a baseline: the same kind of figure computed directly from the
   case tables (victims per year, one grouped query over roles and cases). A second, slower
   baseline -- victims by type of exploitation counted from the roles -- is timed once: it is
   what every chart would cost without the count tables.

Machines are shared and noisy: compare the ratio to the baseline as well as the milliseconds.
Figures go to docs/performance.md (machine, date, command line); tests never time anything.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import case_list  # noqa: E402  (the case list benchmark: settings, database, bulk generator)

BENCH_VERSION = "insights/1"
INTERNAL_ORIGINS = ["MZG", "RYK", "BWP", "DGK", "RJP", "TPR", "JCD", "OKR", "VHR", "KSR"]
EXPLOITATION_CITIES = ["LHR", "KSO", "FSD", "SKP", "MUX", "HYD", "SGR", "RWP"]
EMIGRATION_ORIGINS = ["GRW", "GJT", "SKT", "MBD", "HFZ", "JHM", "SKP", "TTS", "BHB", "MRP"]
FOREIGN_ROUTES = [
    [("transit", "d:QTA"), ("transit", "c:IR"), ("transit", "c:TR"), ("exploitation", "c:GR")],
    [("transit", "d:QTA"), ("transit", "c:IR"), ("interception", "c:IR")],
    [("transit", "c:AE"), ("transit", "c:EG"), ("transit", "c:LY"), ("exploitation", "c:IT")],
    [("transit", "c:AE"), ("exploitation", "c:LY")],
    [("exploitation", "c:SA")],
    [("exploitation", "c:AE")],
    [("exploitation", "c:OM")],
    [("transit", "c:TH"), ("exploitation", "c:MY")],
]
MEANS = [
    ["debt_bondage", "restricts_movement", "excessive_hours"],
    ["threats", "withholds_documents"],
    ["false_promises"],
    ["physical_abuse", "threats", "takes_earnings"],
    ["psychological_abuse"],
    [],
]
FACTORS = [
    ["household_debt", "landlessness", "illiteracy"],
    ["migration_aspiration", "unemployment"],
    ["extreme_poverty", "family_involvement", "no_schooling"],
    ["household_debt", "health_costs"],
    ["migration_aspiration", "household_debt"],
    ["domestic_violence", "prior_exploitation"],
    ["disability", "displacement"],
    [],
]
RECRUITMENT = ["advance", "job_offer", "agent", "family", "online", "marriage", ""]
INDUSTRY = ["C", "A", "T", "F", "S", ""]


def configure(args) -> str:
    if not args.database_url:
        args.database_url = f"sqlite:///{ROOT / 'var' / 'bench' / 'insights.sqlite3'}"
        label = "sqlite"
    else:
        label = "postgresql"
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    case_list.configure(args)
    return label


def meta_path(label: str) -> Path:
    return ROOT / "var" / "bench" / f"insights.{label}.json"


# --------------------------------------------------------------------------------------------
# What the case list generator does not make: victim context, routes, contacts.
# --------------------------------------------------------------------------------------------


def enrich(seed: int, contacts_per_case: float, batch_size: int, verbose: bool) -> dict:
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from rahai.cases.models import Case, CaseRole, Event
    from rahai.geo.models import Country, District
    from rahai.hotline.models import Contact
    from rahai.people.models import Person

    rng = random.Random(seed + 1)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    victims = CaseRole.objects.filter(role="victim").annotate(k=F("id") % 48)
    for k in range(48):
        victims.filter(k=k).update(
            means_of_control=MEANS[k % len(MEANS)],
            vulnerability_factors=FACTORS[(k // 3) % len(FACTORS)],
            recruitment_method=RECRUITMENT[k % len(RECRUITMENT)],
            recruiter_relationship=["agent", "employer", "family", "friend", ""][k % 5],
            industry=INDUSTRY[(k // 2) % len(INDUSTRY)],
        )
    countries = {c.code: c.pk for c in Country.objects.filter(code__in=["PK", "AF", "IN", "BD"])}
    persons = Person.objects.annotate(k=F("id") % 20)
    persons.filter(k__lt=17).update(citizenship_id=countries["PK"])
    persons.filter(k=17).update(citizenship_id=countries["AF"])
    persons.filter(k=18).update(citizenship_id=countries["BD"])
    timings["victim context"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    districts = {d.code: d.pk for d in District.objects.all()}
    all_countries = dict(Country.objects.values_list("code", "pk"))
    events = 0
    batch: list = []
    rows = Case.objects.values_list(
        "id", "district_id", "is_trafficking_transnational", "is_smuggling"
    ).order_by("id")
    for case_id, district_id, transnational, smuggling in rows.iterator(chunk_size=5000):
        if rng.random() >= 0.7:
            continue
        if transnational or smuggling:
            steps = [
                ("recruitment", "d:" + rng.choice(EMIGRATION_ORIGINS)),
                *rng.choice(FOREIGN_ROUTES),
            ]
        else:
            steps = [
                ("recruitment", "d:" + rng.choice(INTERNAL_ORIGINS)),
                ("exploitation", "id:" + str(district_id))
                if rng.random() < 0.6
                else ("exploitation", "d:" + rng.choice(EXPLOITATION_CITIES)),
            ]
        for position, (kind, token) in enumerate(steps, 1):
            prefix, _sep, code = token.partition(":")
            batch.append(
                Event(
                    case_id=case_id,
                    position=position,
                    event_type=kind,
                    district_id=int(code)
                    if prefix == "id"
                    else districts.get(code)
                    if prefix == "d"
                    else None,
                    country_id=all_countries.get(code) if prefix == "c" else None,
                )
            )
        if len(batch) >= batch_size:
            with transaction.atomic():
                Event.objects.bulk_create(batch, batch_size=batch_size)
            events += len(batch)
            batch = []
    if batch:
        Event.objects.bulk_create(batch, batch_size=batch_size)
        events += len(batch)
    timings["routes"] = time.perf_counter() - t0
    if verbose:
        print(f"  routes: {events:,} events ({timings['routes']:.1f} s)", flush=True)

    t0 = time.perf_counter()
    n_contacts = int(Case.objects.count() * contacts_per_case)
    district_ids = list(districts.values())
    start = timezone.make_aware(timezone.datetime(2023, 1, 1))
    span = int((timezone.now() - start).total_seconds())
    channels = ["web", "sms", "whatsapp", "phone", "phone", "email"]
    classes = ["tip", "tip", "crisis", "referral_request", "information_request", "high_risk", ""]
    made = 0
    while made < n_contacts:
        size = min(batch_size, n_contacts - made)
        contacts = []
        for i in range(size):
            received = start + timedelta(seconds=rng.randrange(span))
            due = received + timedelta(hours=rng.choice([1, 4, 24, 72]))
            responded = (
                received + timedelta(minutes=rng.choice([3, 10, 40, 90, 300, 2000]))
                if rng.random() < 0.85
                else None
            )
            contacts.append(
                Contact(
                    reference=f"BN{made + i:012d}",
                    channel=rng.choice(channels),
                    received_at=received,
                    contact_class=rng.choice(classes),
                    case_types=[rng.choice(["trafficking_internal", "bonded_labour", "smuggling"])]
                    if rng.random() < 0.6
                    else [],
                    district_id=rng.choice(district_ids) if rng.random() < 0.8 else None,
                    sla_due_at=due,
                    first_response_at=responded,
                )
            )
        with transaction.atomic():
            Contact.objects.bulk_create(contacts, batch_size=batch_size)
        made += size
    timings["contacts"] = time.perf_counter() - t0
    # An established database: its cases were last changed a while ago (else the fill job's
    # look-back window would count every case just generated as changed).
    Case.objects.update(updated_at=timezone.now() - timedelta(days=1))
    return {"events": events, "contacts": n_contacts, "timings": timings}


# --------------------------------------------------------------------------------------------
# Measuring.
# --------------------------------------------------------------------------------------------


def analyst():
    from rahai.accounts.models import Role, RoleCode, User
    from rahai.orgs.models import Organisation

    user = User.objects.filter(username="bench-analyst").first()
    if user is None:
        org = Organisation.objects.get(name="FIA Anti-Human Trafficking Headquarters")
        user = User(username="bench-analyst", organisation=org)
        user.set_unusable_password()
        user.save()
        user.roles.set([Role.objects.get(code=RoleCode.ANALYST)])
    return user


def baseline_query() -> float:
    """Victims per year, straight from the case tables (one grouped query)."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from rahai.cases.models import CaseRole

    t0 = time.perf_counter()
    rows = list(
        CaseRole.objects.filter(role="victim")
        .values(year=ExtractYear("case__opened_on"))
        .annotate(n=Count("id"))
        .order_by()
    )
    assert rows
    return time.perf_counter() - t0


def direct_exploitation_types() -> tuple[float, dict]:
    """Victims by type of exploitation counted from the roles: no count tables."""
    from collections import Counter

    from rahai.cases.models import CaseRole

    t0 = time.perf_counter()
    found: Counter = Counter()
    for types in (
        CaseRole.objects.filter(role="victim")
        .values_list("exploitation_types", flat=True)
        .iterator(chunk_size=20000)
    ):
        for code in set(types) or {"_none"}:
            found[code] += 1
    return time.perf_counter() - t0, dict(found)


def scenarios(year: int) -> list[tuple[str, str, dict]]:
    pages = [
        ("overview", "/insights/", {}),
        ("trends: cases", "/insights/trends/", {"stat": "cases"}),
        (
            "trends: victims by exploitation",
            "/insights/trends/",
            {"stat": "victims", "split": "exploitation_type"},
        ),
        (
            "trends: victims by district",
            "/insights/trends/",
            {"stat": "victims", "split": "district"},
        ),
        (
            "trends: contacts by channel",
            "/insights/trends/",
            {"stat": "contacts", "split": "channel"},
        ),
        ("map", "/insights/map/", {}),
        ("routes", "/insights/routes/", {}),
        ("root causes", "/insights/root-causes/", {}),
        ("hotline", "/insights/hotline/", {}),
    ]
    filters = [
        ("all", {}),
        ("Punjab", {"province": "PB"}),
        ("Lahore", {"district": "LHR"}),
        (str(year), {"year": str(year)}),
        ("smuggling", {"case_type": "smuggling"}),
        ("PB+women+" + str(year), {"province": "PB", "gender": "female", "year": str(year)}),
    ]
    return [
        (f"{name} [{label}]", url, {**query, **extra})
        for name, url, query in pages
        for label, extra in filters
    ]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def measure_pages(runs: int, warmup: int, year: int, baseline_runs: int) -> list[dict]:
    from django.test import Client
    from django.test.utils import override_settings

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        return _measure_pages(Client(), runs, warmup, year, baseline_runs)


def _measure_pages(client, runs: int, warmup: int, year: int, baseline_runs: int) -> list[dict]:
    client.force_login(analyst())
    results = []
    for name, url, query in scenarios(year):
        for _ in range(warmup):
            if baseline_runs >= runs:
                baseline_query()
            response = client.get(url, query)
            assert response.status_code == 200, (name, response.status_code)
        times, bases = [], []
        for run in range(runs):
            if run < baseline_runs:
                bases.append(baseline_query() * 1000)
            t0 = time.perf_counter()
            response = client.get(url, query)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        results.append(
            {
                "scenario": name,
                "p50": statistics.median(times),
                "p95": p95(times),
                "base": statistics.median(bases),
                "bytes": len(response.content),
            }
        )
        print(
            f"  {name:<52} p50 {results[-1]['p50']:7.1f} ms  p95 {results[-1]['p95']:7.1f} ms  "
            f"baseline {results[-1]['base']:7.1f} ms",
            flush=True,
        )
    return results


def print_table(results: list[dict], title: str) -> None:
    print(title)
    header = (
        f"{'page [filters]':<52} {'p50 ms':>8} {'p95 ms':>8} {'base ms':>8} {'x base':>7} {'KB':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['scenario']:<52} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['base']:>8.1f} "
            f"{r['p50'] / r['base']:>7.2f} {r['bytes'] / 1024:>6.0f}"
        )
    print()


def count_rows() -> dict:
    from django.db.models import Count as DbCount

    from rahai.insights.models import Count

    return dict(Count.objects.values_list("statistic").annotate(n=DbCount("id")).order_by())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="postgres://... (default: SQLite)")
    parser.add_argument("--reuse", action="store_true", help="keep a database generated earlier")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument(
        "--baseline-runs",
        type=int,
        default=None,
        help="interleave the baseline before this many of each page's runs (default: all; "
        "at 1M cases the baseline takes seconds, so 1 keeps the run short)",
    )
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--contacts-per-case", type=float, default=0.3)
    parser.add_argument("--no-fill", action="store_true", help="reuse the counts already filled")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()

    label = configure(args)
    if label == "postgresql":
        case_list.ensure_postgres_database(args.database_url)
    import django

    django.setup()
    from django.db import connection

    print(
        f"Rahai insights benchmark: {args.cases:,} cases on {connection.vendor} "
        f"({connection.settings_dict['NAME']})",
        flush=True,
    )
    meta = None
    if args.reuse and meta_path(label).is_file():
        meta = json.loads(meta_path(label).read_text())
        if meta.get("cases") != args.cases or meta.get("version") != BENCH_VERSION:
            meta = None
    if meta:
        print(f"Reusing the database generated earlier ({meta['generated_seconds']:.1f} s).")
        case_list.migrate_reused()
    else:
        t0 = time.perf_counter()
        case_list.fresh_database(label)
        world = case_list.make_world(create=True)
        gen = case_list.generate(world, args.cases, args.seed, args.batch_size, not args.quiet)
        t_gen = time.perf_counter() - t0
        extra = enrich(args.seed, args.contacts_per_case, args.batch_size, not args.quiet)
        case_list.analyze()
        meta = {
            "version": BENCH_VERSION,
            "cases": args.cases,
            "seed": args.seed,
            "generated_seconds": time.perf_counter() - t0,
            "generate_seconds": t_gen,
            "totals": {**gen["totals"], "events": extra["events"], "contacts": extra["contacts"]},
            "enrich": extra["timings"],
        }
        meta_path(label).write_text(json.dumps(meta, indent=2))
        print(
            f"Generated in {meta['generated_seconds']:.1f} s: "
            + ", ".join(f"{k} {v:,}" for k, v in meta["totals"].items()),
            flush=True,
        )
    print(case_list.versions())
    print()

    from rahai.insights import fill

    if not args.no_fill:
        print("Fill job, from nothing (fill --rebuild):", flush=True)
        from rahai.insights.models import CaseMonth, Count, FillState

        # The benchmark owns this database: forget any earlier (or interrupted) fill.
        Count.objects.all().delete()
        CaseMonth.objects.all().delete()
        FillState.objects.all().delete()
        t0 = time.perf_counter()
        report = fill.fill(rebuild=True)
        full = time.perf_counter() - t0
        assert not any(f.busy for f in report.families) and report.pending == 0
        case_list.analyze()
        rows = count_rows()
        print(
            f"  {report.months} months, {report.rows:,} rows in {full:.1f} s "
            f"({', '.join(f'{f.family} {f.seconds:.1f} s' for f in report.families)})"
        )
        print("  rows by statistic: " + ", ".join(f"{k} {v:,}" for k, v in sorted(rows.items())))
        from django.utils import timezone

        from rahai.cases.models import Case

        # Day-to-day changes land on recent cases: 200 cases opened in the last 60 days.
        recent = Case.objects.filter(opened_on__gte=timezone.localdate() - timedelta(days=60))
        ids = list(recent.order_by("?").values_list("id", flat=True)[:200])
        Case.objects.filter(id__in=ids).update(updated_at=timezone.now())
        t0 = time.perf_counter()
        report = fill.fill()
        incremental = time.perf_counter() - t0
        assert not any(f.busy for f in report.families)
        print(
            f"  incremental run after 200 recent cases changed: {report.months} months recomputed "
            f"in {incremental:.1f} s",
            flush=True,
        )
        meta["fill"] = {"rebuild_seconds": full, "incremental_seconds": incremental, "rows": rows}
        meta_path(label).write_text(json.dumps(meta, indent=2))
    print()

    seconds, found = direct_exploitation_types()
    print(
        f"Second baseline: victims by type of exploitation counted from the roles: "
        f"{seconds * 1000:.0f} ms ({sum(found.values()):,} victim-type pairs)"
    )
    base = [baseline_query() * 1000 for _ in range(args.runs)]
    print(
        f"Baseline: victims per year straight from the case tables: median "
        f"{statistics.median(base):.1f} ms, p95 {p95(base):.1f} ms"
    )
    print()
    year = date.today().year - 1
    baseline_runs = args.runs if args.baseline_runs is None else max(1, args.baseline_runs)
    results = measure_pages(args.runs, args.warmup, year, baseline_runs)
    print()
    print_table(
        results,
        f"Dashboard pages, whole request through django.test.Client as an analyst, ms over "
        f"{args.runs} runs after {args.warmup} warm-up; baseline interleaved before "
        f"{baseline_runs} of them",
    )
    slowest = max(results, key=lambda r: r["p50"])
    print(
        f"Slowest page: {slowest['scenario']}: p50 {slowest['p50']:.1f} ms, p95 {slowest['p95']:.1f} ms"
    )


if __name__ == "__main__":
    main()
