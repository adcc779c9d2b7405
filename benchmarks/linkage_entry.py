"""Benchmark: the check at entry, and ``rahai link --db``, on N persons in the application DB.

    .venv/bin/python benchmarks/linkage_entry.py --persons 100000 --reference --relink
    .venv/bin/python benchmarks/linkage_entry.py --persons 100000 --reuse --queries 0 \
        --relink --relink-baseline
    .venv/bin/python benchmarks/linkage_entry.py --persons 1000000 --reuse --queries 200
    .venv/bin/python benchmarks/linkage_entry.py --persons 1000000 \
        --database-url postgres://root@127.0.0.1:5432/rahai_linkage_bench_1m

Persons come from the linkage generator (``rahai.linkage.synthetic``: households, agencies'
habits, spelling variants, Urdu script, partial and mistyped CNICs) so that the truth is known:
200 records (or ``--queries``, if more) of persons recorded more than once are held out, the
others are written to the application database as an agency would store them (encrypted
fields, blind-index search keys: ``rahai.people.search.person_search_digests``), by bulk inserts
rather than the services (which audit each write). Settings, keys and the fresh database come
from ``benchmarks/case_list.py`` (fixed benchmark keys, so ``--reuse`` still decrypts); the
SQLite file is ``var/bench/linkage_entry-N.sqlite3``, a PostgreSQL database is emptied first
(give one of its own).

Then each held-out record is checked as a new person, twice, interleaved:

* **new**: ``selectors.possible_matches`` (frequency-aware retrieval from the blind index,
  ``rahai.linkage.candidates``, then the model with the last relink's name frequencies);
* **baseline**: the previous retrieval, kept here verbatim: up to 600 ids sharing a CNIC, a
  phone or two name keys (Muhammad, Abd and Ali left out), in no particular order, then the
  same access filter and model.

``--reference`` also runs the batch engine's check (``engine.LinkIndex``, in memory) on the
same persons, rebuilt from the regenerated records. Reported: latency p50/p95/max, candidates
scored, and recall: the share of checks where one of the held-out person's other records is
among the candidates / among the matches shown (five, as the entry form shows, at the default
floor of 0.3) / first. "Common name" checks are those whose given name key is held by 1 % of
the persons or more. The user sees persons of its own agency (90 % of them); only visible true
matches count.

``--relink`` times ``services.relink_all`` (what ``rahai link --db`` does) in a fresh child
process: decryption, features, scoring, write-back; wall time and the child's peak RSS.
``--relink-baseline`` first runs the previous implementation (kept here) the same way.
Figures go to ``docs/performance.md``; the tests never time anything.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import re
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import case_list  # noqa: E402  (benchmarks/case_list.py: settings, fresh database, ANALYZE)

REFERENCE_YEAR = 2026
ESTIMATED_ON = date(REFERENCE_YEAR, 1, 1)
BENCH_VERSION = "linkage_entry/1"
ENTRY_LIMIT = 5  # matches the entry form shows (rahai.linkage.views.ENTRY_LIMIT)
_MARKER = re.compile(r"\s(s/o|d/o|w/o|ولد|بنت|زوجہ)\s")
_HUSBAND = {"w/o", "زوجہ"}


def setup(database_url: str | None, persons: int) -> str:
    """Settings for the benchmark database: the URL given, else a SQLite file per size."""
    url = database_url or f"sqlite:///{ROOT / 'var' / 'bench' / f'linkage_entry-{persons}.sqlite3'}"
    label = case_list.configure(SimpleNamespace(database_url=url))
    if url.startswith(("postgres", "pgsql")):
        label = "postgresql"
        case_list.ensure_postgres_database(url)
    else:
        label = "sqlite"
    import django

    django.setup()
    return label


def meta_path(label: str, persons: int) -> Path:
    return ROOT / "var" / "bench" / f"linkage_entry.{label}-{persons}.json"


# --------------------------------------------------------------------------------------------
# Persons as an agency would store them.
# --------------------------------------------------------------------------------------------


def person_fields(record: dict) -> dict:
    """A synthetic linkage record as ``Person`` fields (what the person form would store)."""
    from rahai.core import names
    from rahai.linkage import normalise
    from rahai.people.validation import normalise_cnic

    given = record.get("given_name") or ""
    family = record.get("family_name") or ""
    father = record.get("father_name") or ""
    urdu = ""
    full = record.get("full_name") or ""
    if full:
        own, marker, kin = (*_MARKER.split(f" {full} ", maxsplit=1), "", "")[:3]
        own, kin = own.strip(), kin.strip()
        if kin:
            father = f"w/o {kin}" if marker in _HUSBAND else kin
        if names.is_urdu_script(own):
            urdu, given, family = own, "", ""
        else:
            given, family = own, ""
    try:
        cnic = normalise_cnic(record.get("id_number") or "")
    except Exception:
        cnic = ""  # a partial or malformed CNIC: the form would not store it
    birth_date, age = None, None
    if record.get("birth_date"):
        birth_date = date.fromisoformat(record["birth_date"])
    elif record.get("birth_year"):
        age = REFERENCE_YEAR - int(record["birth_year"])
    elif record.get("age"):
        age = int(record["age"])
    place = normalise.district(record.get("district") or "")[1]
    return {
        "given_name": given,
        "family_name": family,
        "name_urdu": urdu,
        "father_name": father,
        "gender": record.get("gender") or "unknown",
        "birth_date": birth_date,
        "estimated_age": age,
        "age_estimated_on": ESTIMATED_ON if age is not None else None,
        "cnic": cnic,
        "phones": normalise.phones(record.get("phone") or ""),
        "address": record.get("address") or "",
        "district_code": place.code if place else None,
    }


def query_record(record: dict) -> dict:
    """A held-out record as the entry form would send it (an age becomes a birth year as of
    the benchmark's reference year, whatever today's date)."""
    out = {k: v for k, v in record.items() if not k.startswith("_") and k != "entity_id"}
    if out.get("age"):
        out["birth_year"] = str(REFERENCE_YEAR - int(out.pop("age")))
    return out


def split_records(records: list[dict], n_queries: int, seed: int) -> tuple[list, list]:
    """(queries, stored): one record each of ``n_queries`` persons recorded more than once."""
    by_entity: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        by_entity.setdefault(r["entity_id"], []).append(i)
    repeated = sorted(e for e, rows in by_entity.items() if len(rows) > 1)
    chosen = random.Random(seed).sample(repeated, min(n_queries, len(repeated)))
    held = {by_entity[e][0] for e in chosen}
    return [records[i] for i in sorted(held)], [r for i, r in enumerate(records) if i not in held]


def load(n_persons: int, n_queries: int, seed: int, batch: int) -> dict:
    """Generate, hold out the queries, and bulk-insert the rest with their search keys."""
    from django.db import connection, transaction

    from rahai.accounts.models import RoleCode
    from rahai.geo.models import District
    from rahai.linkage import synthetic
    from rahai.people.models import Person, PersonSearchKey
    from rahai.people.search import person_search_digests
    from rahai.testing import make_org, make_user

    started = time.perf_counter()
    records = synthetic.generate(n_persons + n_queries, seed=seed, reference_year=REFERENCE_YEAR)
    queries, stored = split_records(records, n_queries, seed)
    del records
    generated = time.perf_counter() - started
    own = make_org("Benchmark agency")
    other = make_org("Other agency", district_code="KSO")
    user = make_user("bench-investigator", own, RoleCode.INVESTIGATOR)
    districts = dict(District.objects.values_list("code", "id"))
    rng = random.Random(seed)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # a benchmark load, not a report: speed first
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-400000")
    person_of: dict[str, list[int]] = {}  # entity → stored person ids
    visible_ids: set[int] = set()
    timings = {"encrypt_insert_persons": 0.0, "search_keys": 0.0}
    n_keys = 0
    for offset in range(0, len(stored), batch):
        chunk = stored[offset : offset + batch]
        with transaction.atomic():
            mark = time.perf_counter()
            persons = []
            for record in chunk:
                fields = person_fields(record)
                code = fields.pop("district_code")
                owner = own if rng.random() < 0.9 else other
                persons.append(Person(owner=owner, district_id=districts.get(code), **fields))
            Person.objects.bulk_create(persons, batch_size=2000)
            timings["encrypt_insert_persons"] += time.perf_counter() - mark
            mark = time.perf_counter()
            keys = [
                PersonSearchKey(person_id=p.pk, kind=kind, digest=value)
                for p in persons
                for kind, value in person_search_digests(p)
            ]
            PersonSearchKey.objects.bulk_create(keys, batch_size=5000)
            n_keys += len(keys)
            timings["search_keys"] += time.perf_counter() - mark
        for record, person in zip(chunk, persons, strict=True):
            person_of.setdefault(record["entity_id"], []).append(person.pk)
            if person.owner_id == own.pk:
                visible_ids.add(person.pk)
        done = offset + len(chunk)
        if done % (batch * 20) == 0 or done == len(stored):
            print(
                f"  stored {done:>9,} / {len(stored):,} persons"
                f" ({time.perf_counter() - started:6.1f} s)",
                file=sys.stderr,
                flush=True,
            )
    mark = time.perf_counter()
    case_list.analyze()
    timings["analyze"] = time.perf_counter() - mark
    checks = []
    for record in queries:
        truth = [pid for pid in person_of.get(record["entity_id"], []) if pid in visible_ids]
        if truth:
            checks.append({"record": query_record(record), "truth": truth})
    return {
        "version": BENCH_VERSION,
        "persons": len(stored),
        "search_keys": n_keys,
        "seed": seed,
        "held_out": n_queries,
        "user": user.pk,
        "generate_s": round(generated, 1),
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "load_s": round(time.perf_counter() - started, 1),
        "checks": checks,
    }


# --------------------------------------------------------------------------------------------
# The previous retrieval (the baseline), verbatim but for its name.
# --------------------------------------------------------------------------------------------

OLD_MAX_CANDIDATES = 300
OLD_COMMON_KEYS = {"mhmd", "bd", "l"}


def old_candidate_ids(data: dict):
    from django.db.models import Count, Q

    from rahai.core import names
    from rahai.people.models import PersonSearchKey, SearchKeyKind
    from rahai.people.search import digest
    from rahai.people.validation import normalise_cnic, normalise_phones

    keys: list[tuple[str, str]] = []
    try:
        cnic = normalise_cnic(data.get("id_number") or "")
    except Exception:
        cnic = ""
    if cnic:
        keys.append((SearchKeyKind.CNIC, digest(SearchKeyKind.CNIC, cnic)))
    try:
        phones = normalise_phones(data.get("phone") or "")
    except Exception:
        phones = []
    keys += [(SearchKeyKind.PHONE, digest(SearchKeyKind.PHONE, p)) for p in phones]
    exact = Q()
    for kind, value in keys:
        exact |= Q(kind=kind, digest=value)
    name_keys = (
        names.name_keys(
            data.get("given_name") or "", data.get("family_name") or "", data.get("full_name") or ""
        )
        - OLD_COMMON_KEYS
    )
    by_name = (
        PersonSearchKey.objects.filter(
            kind=SearchKeyKind.NAME,
            digest__in=[digest(SearchKeyKind.NAME, k) for k in name_keys],
        )
        .values("person_id")
        .annotate(n=Count("digest", distinct=True))
        .filter(n__gte=min(2, len(name_keys)) or 1)
        .values("person_id")
    )
    ids = by_name if name_keys else PersonSearchKey.objects.none().values("person_id")
    if keys:
        ids = ids.union(PersonSearchKey.objects.filter(exact).values("person_id"))
    return ids


def old_possible_matches(user, data: dict, *, floor: float = 0.3, limit: int = 20):
    from rahai.linkage import engine
    from rahai.linkage.models import LinkRun
    from rahai.linkage.selectors import PossibleMatch
    from rahai.linkage.services import PURPOSE, person_record
    from rahai.people.access import system_persons, visible_persons

    ids = list(
        old_candidate_ids(data).values_list("person_id", flat=True)[: OLD_MAX_CANDIDATES * 2]
    )
    candidates = visible_persons(user).filter(id__in=ids).select_related("district")
    by_id = {str(p.pk): p for p in candidates[:OLD_MAX_CANDIDATES]}
    if not by_id:
        return [], 0
    last = LinkRun.objects.filter(status=LinkRun.Status.DONE).first()
    population = last.persons if last else system_persons(purpose=PURPOSE).count()
    scored = engine.match_one(
        data, [person_record(p) for p in by_id.values()], population=population
    )
    found = [
        PossibleMatch(by_id[rid], probability, evidence)
        for rid, probability, evidence in scored
        if probability >= floor
    ][:limit]
    return found, len(by_id)


# --------------------------------------------------------------------------------------------
# Measuring.
# --------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def measure_checks(meta: dict, n_queries: int) -> dict:
    from rahai.accounts.models import User
    from rahai.linkage import candidates, model, selectors
    from rahai.people.access import visible_persons
    from rahai.people.models import PersonSearchKey

    user = User.objects.get(pk=meta["user"])
    checks = meta["checks"][:n_queries] if n_queries else meta["checks"]
    # Warm-up: the scoring SQL is written once per process and population.
    selectors.possible_matches(user, checks[0]["record"])
    old_possible_matches(user, checks[0]["record"])
    rows = {"new": [], "baseline": []}
    for i, check in enumerate(checks):
        record, truth = check["record"], set(check["truth"])
        order = ("new", "baseline") if i % 2 == 0 else ("baseline", "new")
        for system in order:
            mark = time.perf_counter()
            if system == "new":
                found = selectors.possible_matches(user, record)
                elapsed = time.perf_counter() - mark
                ids = set(candidates.candidate_ids(record).ids)
                scored = visible_persons(user).filter(id__in=ids).count()
            else:
                found, scored = old_possible_matches(user, record)
                elapsed = time.perf_counter() - mark
                ids = set(
                    old_candidate_ids(record).values_list("person_id", flat=True)[
                        : OLD_MAX_CANDIDATES * 2
                    ]
                )
            shown = [m.person.pk for m in found[:ENTRY_LIMIT]]
            rows[system].append(
                {
                    "ms": 1000 * elapsed,
                    "scored": scored,
                    "in_candidates": bool(ids & truth),
                    "shown": bool(set(shown) & truth),
                    "top1": bool(shown[:1] and shown[0] in truth),
                    "common": check["common"],
                }
            )
    out = {}
    for system, results in rows.items():
        for group, keep in (("all", lambda r: True), ("common name", lambda r: r["common"])):
            chosen = [r for r in results if keep(r)]
            if not chosen:
                continue
            ms = [r["ms"] for r in chosen]
            out[(system, group)] = {
                "checks": len(chosen),
                "p50_ms": statistics.median(ms),
                "p95_ms": percentile(ms, 0.95),
                "max_ms": max(ms),
                "scored_median": statistics.median(r["scored"] for r in chosen),
                "candidate_recall": sum(r["in_candidates"] for r in chosen) / len(chosen),
                "shown_recall": sum(r["shown"] for r in chosen) / len(chosen),
                "top1": sum(r["top1"] for r in chosen) / len(chosen),
            }
    del PersonSearchKey, model
    return out


def linkage_record(fields: dict, record_id: str) -> dict:
    """``services.person_record`` of a person stored with these fields (no database)."""

    latin = " ".join(p for p in (fields["given_name"], fields["family_name"]) if p)
    birth_year = ""
    if fields["estimated_age"] is not None:
        birth_year = str(fields["age_estimated_on"].year - fields["estimated_age"])
    code = fields["district_code"]
    return {
        "record_id": record_id,
        "given_name": fields["given_name"] if latin else "",
        "family_name": fields["family_name"] if latin else "",
        "full_name": "" if latin else fields["name_urdu"],
        "father_name": fields["father_name"],
        "gender": "" if fields["gender"] == "unknown" else fields["gender"],
        "birth_date": fields["birth_date"].isoformat() if fields["birth_date"] else "",
        "birth_year": "" if fields["birth_date"] else birth_year,
        "id_number": fields["cnic"],
        "phone": ";".join(fields["phones"]),
        "address": fields["address"],
        "district": normalise_district_name(code) if code else "",
    }


def normalise_district_name(code: str) -> str:
    from rahai.geo.models import District

    names = getattr(normalise_district_name, "names", None)
    if names is None:
        names = normalise_district_name.names = dict(
            District.objects.values_list("code", "name_en")
        )
    return names.get(code, "")


def reference_checks(meta: dict, n_queries: int) -> dict:
    """The batch engine's own check (``engine.LinkIndex``: the relink's blocking keys, term
    frequencies of the whole population) on the same stored persons and the same checks, from
    the regenerated records (no decryption): what the database retrieval is measured against."""
    from rahai.linkage import engine, synthetic
    from rahai.linkage.records import features

    records = synthetic.generate(
        meta["persons_asked"] + meta.get("held_out", 200),
        seed=meta["seed"],
        reference_year=REFERENCE_YEAR,
    )
    queries, stored = split_records(records, meta.get("held_out", 200), meta["seed"])
    del records
    rng = random.Random(meta["seed"])
    visible = {}
    rows = []
    for i, record in enumerate(stored):
        rows.append(linkage_record(person_fields(record), str(i)))
        visible[str(i)] = rng.random() < 0.9
    entity = [r["entity_id"] for r in stored]
    del stored
    mark = time.perf_counter()
    index = engine.LinkIndex(features(rows, reference_year=REFERENCE_YEAR))
    build = time.perf_counter() - mark
    del rows
    by_entity: dict[str, set[str]] = {}
    for i, e in enumerate(entity):
        if visible[str(i)]:
            by_entity.setdefault(e, set()).add(str(i))
    checks = meta["checks"][:n_queries] if n_queries else meta["checks"]
    wanted = {json.dumps(c["record"], sort_keys=True) for c in checks}
    results = []
    for record in queries:
        query = query_record(record)
        truth = by_entity.get(record["entity_id"], set())
        if not truth or json.dumps(query, sort_keys=True) not in wanted:
            continue
        mark = time.perf_counter()
        found = index.match(query, floor=0.3, reference_year=REFERENCE_YEAR)
        elapsed = time.perf_counter() - mark
        shown = [rid for rid, _p, _e in found if visible[rid]][:ENTRY_LIMIT]
        rows_found = index.candidates(query, reference_year=REFERENCE_YEAR)
        ids = {index.ids[i].as_py() for i in rows_found.column("unique_id").to_pylist()[1:]}
        results.append(
            {
                "ms": 1000 * elapsed,
                "scored": len(ids),
                "in_candidates": bool(ids & truth),
                "shown": bool(set(shown) & truth),
                "top1": bool(shown[:1] and shown[0] in truth),
            }
        )
    ms = [r["ms"] for r in results]
    return {
        "checks": len(results),
        "index_build_s": round(build, 1),
        "p50_ms": statistics.median(ms),
        "p95_ms": percentile(ms, 0.95),
        "max_ms": max(ms),
        "scored_median": statistics.median(r["scored"] for r in results),
        "candidate_recall": sum(r["in_candidates"] for r in results) / len(results),
        "shown_recall": sum(r["shown"] for r in results) / len(results),
        "top1": sum(r["top1"] for r in results) / len(results),
        "peak_mb": round(peak_mb()),
    }


def mark_common(meta: dict) -> None:
    """A check is "common name" when its given name key is held by 1 % of persons or more
    ("Muhammad Ali", "Fatima": thousands of namesakes at a million persons)."""
    from rahai.linkage import candidates
    from rahai.people.models import PersonSearchKey

    for check in meta["checks"]:
        given = candidates.evidence_of(check["record"]).given
        counts = [PersonSearchKey.objects.filter(kind=k, digest=d).count() for k, d in given]
        check["common"] = bool(counts) and min(counts) >= meta["persons"] / 100


def peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def reference_child(database_url: str | None, meta: dict, n_queries: int) -> dict:
    setup(database_url, meta["persons_asked"])
    return reference_checks(meta, n_queries)


def old_relink_all(progress) -> object:
    """The previous ``services.relink_all``, kept here as the relink's baseline: model
    instances, every person kept as a dict, the evidence of every pair as Python objects at
    once, ``bulk_create`` of model instances. Same engine, same results."""
    from django.db import transaction
    from django.utils import timezone

    from rahai.linkage import engine
    from rahai.linkage import model as linkage_model
    from rahai.linkage.models import LinkRun, MatchCandidate, PersonIdentity
    from rahai.linkage.services import PURPOSE, REVIEW_FLOOR, _ordered, person_record
    from rahai.people.access import system_persons

    saved = linkage_model.load()
    run = LinkRun.objects.create(
        model_version=saved["version"], threshold=saved["default_threshold"]
    )
    persons = system_persons(purpose=PURPOSE).select_related("district")
    total = persons.count()
    records = []
    for index, person in enumerate(persons.iterator(chunk_size=2000)):
        records.append(person_record(person))
        if index % 20000 == 0:
            progress(int(40 * index / max(total, 1)), f"read {index:,} of {total:,} persons")
    progress(40, "scoring candidate pairs")
    result = engine.link(records, threshold=run.threshold, model=saved, evidence=True)
    explained = {(a, b): (p, ev) for a, b, p, ev in result.evidence_rows()}
    progress(80, "saving identities and the review queue")
    with transaction.atomic():
        PersonIdentity.objects.all().delete()
        PersonIdentity.objects.bulk_create(
            [
                PersonIdentity(
                    person_id=int(rid), identity=min(int(x) for x in [cid, rid]), run=run
                )
                for rid, cid in result.clusters.items()
            ],
            batch_size=5000,
        )
        MatchCandidate.objects.all().delete()
        MatchCandidate.objects.bulk_create(
            [
                MatchCandidate(
                    person_a_id=pair[0],
                    person_b_id=pair[1],
                    probability=p,
                    evidence=ev,
                    run=run,
                )
                for (a, b), (p, ev) in explained.items()
                if p >= REVIEW_FLOOR
                for pair in [_ordered(int(a), int(b))]
            ],
            batch_size=5000,
        )
        LinkRun.objects.filter(pk=run.pk).update(
            status=LinkRun.Status.DONE,
            progress=100,
            finished_at=timezone.now(),
            persons=len(records),
            pairs=len(result.pairs),
            clusters=len(set(result.clusters.values())),
        )
    run.refresh_from_db()
    return run


def relink_child(database_url: str | None, persons: int, baseline: bool = False) -> dict:
    """``services.relink_all`` (or with ``baseline`` the previous implementation) in a fresh
    process: wall time, peak RSS, the run's counts."""
    setup(database_url, persons)
    from rahai.linkage import services

    steps: list[tuple[float, int, str]] = []
    started = time.perf_counter()

    def progress(percent: int, message: str) -> None:
        steps.append((time.perf_counter() - started, percent, message))
        print(f"  {time.perf_counter() - started:7.1f} s {percent:3d}% {message}", file=sys.stderr)

    run = old_relink_all(progress) if baseline else services.relink_all(progress=progress)
    return {
        "wall_s": round(time.perf_counter() - started, 1),
        "peak_mb": round(peak_mb()),
        "persons": run.persons,
        "pairs": run.pairs,
        "clusters": run.clusters,
        "steps": [(round(t, 1), p, m) for t, p, m in steps],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="checks to time (0: none)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in var/bench")
    parser.add_argument("--reuse", action="store_true", help="keep the persons loaded earlier")
    parser.add_argument("--relink", action="store_true", help="also time rahai link --db")
    parser.add_argument(
        "--relink-baseline",
        action="store_true",
        help="with --relink: also the previous implementation, first, in the same run",
    )
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also run the batch engine's check (engine.LinkIndex) on the same persons",
    )
    args = parser.parse_args()
    label = setup(args.database_url, args.persons)
    from importlib.metadata import version

    from django.db import connection

    connection.ensure_connection()
    server = (
        f"SQLite {connection.Database.sqlite_version}"
        if connection.vendor == "sqlite"
        else f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    )
    machine = (
        f"{platform.node()}, {os.cpu_count()} cores, python {platform.python_version()}, "
        f"{server}, splink {version('splink')}, duckdb {version('duckdb')}"
    )
    print(machine, file=sys.stderr)
    path = meta_path(label, args.persons)
    meta = None
    if args.reuse and path.is_file():
        meta = json.loads(path.read_text())
        if (meta.get("version"), meta.get("persons_asked"), meta.get("seed")) != (
            BENCH_VERSION,
            args.persons,
            args.seed,
        ):
            meta = None
    if meta is not None and "common_v2" not in meta:
        mark_common(meta)
        meta["common_v2"] = True
        path.write_text(json.dumps(meta))
    if meta is None:
        print(f"loading {args.persons:,} persons into {label} ...", file=sys.stderr, flush=True)
        case_list.fresh_database(f"linkage_entry_{label}")
        meta = load(args.persons, max(args.queries, 200), args.seed, args.batch)
        meta["persons_asked"] = args.persons
        path.write_text(json.dumps(meta))  # the load is kept even if what follows fails
        mark_common(meta)
        meta["common_v2"] = True
        path.write_text(json.dumps(meta))
        print(
            f"loaded {meta['persons']:,} persons and {meta['search_keys']:,} search keys"
            f" in {meta['load_s']} s (generate {meta['generate_s']} s; {meta['timings']})",
            file=sys.stderr,
        )
    print(f"\n{machine}; {date.today()}\n")
    print(
        f"{meta['persons']:,} persons, {meta['search_keys']:,} search keys on {label}; "
        f"loaded in {meta['load_s']} s\n"
    )
    if args.queries:
        results = measure_checks(meta, args.queries)
        print(
            "| DB | persons | checks | retrieval | p50 ms | p95 ms | max ms | scored (median) "
            "| true match among candidates | true match shown (top 5) | true match first |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|"
        )
        for (system, group), r in results.items():
            print(
                f"| {label} | {meta['persons']:,} | {r['checks']} ({group}) | {system} "
                f"| {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['max_ms']:.0f} "
                f"| {r['scored_median']:.0f} | {r['candidate_recall']:.3f} "
                f"| {r['shown_recall']:.3f} | {r['top1']:.3f} |"
            )
    if args.reference and args.queries:
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
            ref = pool.submit(reference_child, args.database_url, meta, args.queries).result()
        print(
            f"| {label} | {meta['persons']:,} | {ref['checks']} (all) | batch engine "
            f"(LinkIndex, in memory; built in {ref['index_build_s']} s, {ref['peak_mb']:,} MB) "
            f"| {ref['p50_ms']:.0f} | {ref['p95_ms']:.0f} | {ref['max_ms']:.0f} "
            f"| {ref['scored_median']:.0f} | {ref['candidate_recall']:.3f} "
            f"| {ref['shown_recall']:.3f} | {ref['top1']:.3f} |"
        )
    if args.relink:
        systems = [("previous", True)] if args.relink_baseline else []
        systems.append(("new", False))
        ctx = multiprocessing.get_context("spawn")
        print(
            f"\n`rahai link --db` on {label}, {meta['persons']:,} persons (each in a fresh process)"
            "\n\n| relink | wall s | read + fold s | scoring s | saving s | peak MB | pairs |"
            " identities |\n|---|---|---|---|---|---|---|---|"
        )
        for name, baseline in systems:
            with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
                relink = pool.submit(
                    relink_child, args.database_url, args.persons, baseline
                ).result()
            marks = {p: t for t, p, _m in relink["steps"]}
            print(
                f"| {name} | {relink['wall_s']} | {marks.get(40, 0):.1f} "
                f"| {marks.get(80, 0) - marks.get(40, 0):.1f} "
                f"| {relink['wall_s'] - marks.get(80, 0):.1f} | {relink['peak_mb']:,} "
                f"| {relink['pairs']:,} | {relink['clusters']:,} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
