"""Check: the saved model run on Spark (Splink's Spark backend) gives what DuckDB gives.

    .venv/bin/pip install -e '.[spark]'          # pyspark; needs Java 17 or newer
    .venv/bin/python benchmarks/linkage_spark.py --records 10000

``docs/linkage.md`` documents running the same model on Spark when one machine is not enough.
This runs that recipe on synthetic records in a local Spark (``local[2]``): features in Python
(as documented), the blocking keys computed in Spark SQL from the same key definitions
(``model.blocking_keys_sql(dialect="spark")``), the saved settings with the prior for the input
size, Splink's ``predict`` and clustering on Spark; then the same records through
``engine.link`` on DuckDB, and compares: candidate pairs, every pair's probability (a pair that
differs is printed with the comparison weights that differ), pairs at the threshold, and
whether the clusters are the same. Splink's Spark Jaro-Winkler (a Scala UDF) is not DuckDB's:
on a few strings they differ enough to cross a level's threshold. Without pyspark it says so and
exits 0 (pyspark is an optional extra, not in CI).
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REFERENCE_YEAR = 2026


def spark_session(memory: str, scratch: str):
    from pyspark.sql import SparkSession
    from splink.internals.spark.jar_location import similarity_jar_location

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("rahai-linkage-check")
        .config("spark.driver.memory", memory)
        .config("spark.jars", similarity_jar_location())  # Jaro-Winkler, Damerau-Levenshtein
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.local.dir", scratch)
        .getOrCreate()
    )
    # Splink checkpoints intermediate tables to break Spark's lineage: it needs a directory
    # (personal data: on a cluster, one only the job's account can read).
    spark.sparkContext.setCheckpointDir(scratch)
    return spark


def link_on_spark(spark, table, saved: dict, threshold: float):
    """The documented recipe: features in, keys in Spark SQL, the saved model, clusters out.
    Returns the number of candidate pairs, every scored pair (probability and comparison
    levels) and the clusters."""
    from splink import Linker, SparkAPI

    from rahai.linkage import model

    spark.createDataFrame(table).createOrReplaceTempView("rahai_features")
    keyed = spark.sql(model.blocking_keys_sql("rahai_features", table.column_names, "spark"))
    # Materialise the keys once: otherwise every one of the 17 blocking rules re-plans the 13
    # GROUP BY joins on both sides, and Spark's planner runs out of memory at 10,000 records.
    keyed = keyed.checkpoint()
    settings = model.settings_for(saved, table.num_rows, dialect="spark")
    settings["retain_intermediate_calculation_columns"] = True
    linker = Linker(
        SparkAPI(spark_session=spark).register(keyed), settings, log_level=logging.ERROR
    )
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    candidates = blocked.as_spark_dataframe().count()
    pairs = linker.inference.predict(threshold_match_probability=0.0)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pairs, threshold)
    scored = {}
    for row in pairs.as_spark_dataframe().collect():
        row = row.asDict()
        key = tuple(sorted((row["unique_id_l"], row["unique_id_r"])))
        scored[key] = (row["match_probability"], _levels(row))
    labels = {
        r["unique_id"]: r["cluster_id"]
        for r in clusters.as_spark_dataframe().select("unique_id", "cluster_id").collect()
    }
    return candidates, scored, labels


def _levels(row: dict) -> dict:
    """Each comparison's match weight (bits) for the pair: which one differs, if any."""
    return {
        k[len("mw_") :]: round(v, 3)
        for k, v in row.items()
        if k.startswith("mw_") and not k.startswith("mw_tf_adj_") and v is not None
    }


def scored_on_duckdb(table, saved: dict) -> dict:
    from rahai.linkage import engine

    scored = engine.score(table, model=saved, keep_above=0.0, evidence=True).to_pylist()
    return {
        tuple(sorted((r["unique_id_l"], r["unique_id_r"]))): (r["match_probability"], _levels(r))
        for r in scored
    }


def partition(labels: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for rid, cid in labels.items():
        groups.setdefault(cid, set()).add(rid)
    return {frozenset(g) for g in groups.values()}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--driver-memory", default="3g")
    args = parser.parse_args()
    if importlib.util.find_spec("pyspark") is None:
        print(
            "linkage_spark: skipped: pyspark is not installed"
            " (.venv/bin/pip install -e '.[spark]'; it needs Java 17 or newer)."
        )
        return 0
    from rahai.linkage import engine, model, synthetic
    from rahai.linkage.records import features

    records = synthetic.generate(args.records, seed=args.seed, reference_year=REFERENCE_YEAR)
    table = features(records, reference_year=REFERENCE_YEAR)
    saved = model.load()
    threshold = saved["default_threshold"]

    mark = time.perf_counter()
    duck = engine.link(table, model=saved, threshold=threshold)
    duck_s = time.perf_counter() - mark
    duck_scored = scored_on_duckdb(table, saved)

    with tempfile.TemporaryDirectory(prefix="rahai-spark-") as scratch:
        mark = time.perf_counter()
        spark = spark_session(args.driver_memory, scratch)
        start_s = time.perf_counter() - mark
        mark = time.perf_counter()
        spark_candidates, spark_scored, spark_labels = link_on_spark(spark, table, saved, threshold)
        spark_s = time.perf_counter() - mark
        spark.stop()

    common = duck_scored.keys() & spark_scored.keys()
    differ = sorted(
        (abs(duck_scored[k][0] - spark_scored[k][0]), k)
        for k in common
        if duck_scored[k][0] != spark_scored[k][0]
    )
    worst = differ[-1][0] if differ else 0.0
    at_threshold = {
        "duckdb": {k for k, (p, _g) in duck_scored.items() if p >= threshold},
        "spark": {k for k, (p, _g) in spark_scored.items() if p >= threshold},
    }
    same_clusters = partition(duck.clusters) == partition(spark_labels)
    print(
        f"python {sys.version.split()[0]}, splink {version('splink')}, duckdb {version('duckdb')},"
        f" pyspark {version('pyspark')}; {args.records:,} synthetic records (seed {args.seed})\n"
    )
    print("| backend | pairs scored | pairs ≥ threshold | clusters | seconds |")
    print("|---|---|---|---|---|")
    print(
        f"| DuckDB (engine.link) | {len(duck_scored):,} | {len(at_threshold['duckdb']):,} "
        f"| {len(partition(duck.clusters)):,} | {duck_s:.1f} |"
    )
    print(
        f"| Spark local[2] (Splink SparkAPI) | {len(spark_scored):,} "
        f"| {len(at_threshold['spark']):,} | {len(partition(spark_labels)):,} "
        f"| {spark_s:.1f} (+{start_s:.1f} to start Spark) |"
    )
    big = [(d, k) for d, k in differ if d > 1e-9]
    print(
        f"\npairs scored by both: {len(common):,} (only DuckDB: "
        f"{len(duck_scored.keys() - spark_scored.keys()):,}, only Spark: "
        f"{len(spark_scored.keys() - duck_scored.keys()):,}); probabilities that differ by more "
        f"than 1e-9: {len(big)}, largest difference {worst:.2g}; same clusters: {same_clusters}"
    )
    for _d, k in big[-10:]:
        levels = {
            name: (g, spark_scored[k][1].get(name))
            for name, g in duck_scored[k][1].items()
            if g != spark_scored[k][1].get(name)
        }
        print(
            f"  {k}: DuckDB {duck_scored[k][0]:.4f}, Spark {spark_scored[k][0]:.4f};"
            f" weights (bits) that differ (DuckDB, Spark): {levels}"
        )
    same_pairs = spark_candidates == duck.candidate_pairs == len(common) == len(duck_scored)
    print(
        f"result: candidate pairs {'the same' if same_pairs else 'DIFFERENT'}; "
        f"{len(big)} of {len(common):,} pairs scored differently; pairs at the threshold "
        f"{'the same' if at_threshold['duckdb'] == at_threshold['spark'] else 'not the same'}; "
        f"clusters {'the same' if same_clusters else 'DIFFERENT'}"
    )
    return 0 if same_pairs and same_clusters else 1


if __name__ == "__main__":
    sys.exit(main())
