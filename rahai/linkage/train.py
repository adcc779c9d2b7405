"""Build the shipped model: ``python -m rahai.linkage.train [--records N] [--seed S]``.

Trains on synthetic records (unsupervised: u from random sampling, m by EM — the truth is
not used), then picks the default threshold that maximises pairwise F1 on a *separate*
synthetic validation set, and writes ``data/<version>.json``. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import sys
import time

from rahai.linkage import MODEL_VERSION, engine, evaluate, model, synthetic
from rahai.linkage.records import features

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99)


def choose_threshold(trained_model: dict, records: list[dict], reference_year: int) -> dict:
    table = features(records, reference_year=reference_year)
    truth = {r["record_id"]: r["entity_id"] for r in records}
    truth_pairs = evaluate.true_pairs(truth)
    scored = engine.score(table, model=trained_model, keep_above=min(THRESHOLDS))
    edges = list(
        zip(
            scored.column("unique_id_l").to_pylist(),
            scored.column("unique_id_r").to_pylist(),
            scored.column("match_probability").to_pylist(),
            strict=True,
        )
    )
    results = {}
    for threshold in THRESHOLDS:
        clusters = engine.cluster(truth, edges, threshold=threshold)
        pairwise = evaluate.pairwise(evaluate.cluster_pairs(clusters), truth_pairs)
        results[threshold] = (pairwise.f1, evaluate.bcubed(clusters, truth).f1)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m rahai.linkage.train", description=__doc__)
    parser.add_argument("--records", type=int, default=60_000)
    parser.add_argument("--validation", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reference-year", type=int, default=2026)
    parser.add_argument("--version", default=MODEL_VERSION)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    train_records = synthetic.generate(
        args.records, seed=args.seed, reference_year=args.reference_year
    )
    table = features(train_records, reference_year=args.reference_year)
    trained, matches_per_record = model.train(table, "rahai", seed=args.seed)
    candidate = {
        "splink": trained,
        "matches_per_record": matches_per_record,
        "default_threshold": 0.9,
    }
    validation = synthetic.generate(
        args.validation, seed=args.seed + 1, reference_year=args.reference_year
    )
    results = choose_threshold(candidate, validation, args.reference_year)
    for threshold, (f1, b3) in results.items():
        print(
            f"threshold {threshold:.2f}: cluster pairwise F1 {f1:.4f}, B-cubed F1 {b3:.4f}",
            file=sys.stderr,
        )
    best = max(results, key=lambda t: (round(results[t][0], 3), t))
    path = model.save(
        trained,
        matches_per_record,
        threshold=best,
        version=args.version,
        notes=(
            f"Trained without labels on {args.records} synthetic records (seed {args.seed}); "
            f"threshold chosen on {args.validation} other synthetic records (seed {args.seed + 1})."
        ),
    )
    print(
        f"wrote {path} (threshold {best}) in {time.perf_counter() - started:.1f} s", file=sys.stderr
    )


if __name__ == "__main__":
    main()
