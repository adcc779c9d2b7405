"""``rahai link INPUT.csv --out DIR [--threshold P]``: link a CSV of person records, no database.

Runs before Django is set up (``rahai.cli`` hands ``link`` here unless ``--db`` is given), so it
needs no keys, settings or migrations. Output appears only when everything succeeded: both
files are written to temporary names in DIR and renamed at the end.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from pathlib import Path

from rahai.linkage import MODEL_VERSION

USAGE = "rahai link INPUT.csv --out DIR [--threshold P] [--train]  |  rahai link --db"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rahai link",
        usage=USAGE,
        description=(
            "Find records of the same person in a CSV (columns: record_id, source, full_name, "
            "given_name, family_name, father_name, gender, birth_date, birth_year, age, "
            "id_number, phone, address, district, province; only record_id is required). "
            "Writes DIR/pairs.csv and DIR/clusters.csv."
        ),
    )
    p.add_argument("input", nargs="?", help="the CSV file of person records (UTF-8)")
    p.add_argument("--out", help="directory for pairs.csv and clusters.csv (created if missing)")
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="match probability at or above which two records are the same person "
        "(default: the model's, chosen by evaluation)",
    )
    p.add_argument(
        "--train",
        action="store_true",
        help="re-estimate the model's parameters on this input (unsupervised) before linking",
    )
    p.add_argument(
        "--model", default=MODEL_VERSION, help=f"saved model version (default {MODEL_VERSION})"
    )
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.add_argument("--db", action="store_true", help="relink every person in the database")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.db:
        print("rahai link: --db runs through Django: use `rahai link --db`", file=sys.stderr)
        return 2
    if not args.input or not args.out:
        parser().print_usage(sys.stderr)
        print("rahai link: INPUT.csv and --out DIR are required", file=sys.stderr)
        return 2
    if args.threshold is not None and not 0 < args.threshold <= 1:
        print(
            "rahai link: --threshold must be a probability above 0 and at most 1", file=sys.stderr
        )
        return 2

    def progress(message: str) -> None:
        if not args.quiet:
            print(f"rahai link: {message}", file=sys.stderr, flush=True)

    from rahai.linkage import engine, model
    from rahai.linkage.records import LinkInputError, features, read_csv

    try:
        progress(f"reading {args.input}")
        records = read_csv(args.input)
    except LinkInputError as exc:
        print(f"rahai link: {exc}", file=sys.stderr)
        print("rahai link: nothing was written", file=sys.stderr)
        return 1
    try:
        saved = model.load(args.model)
    except FileNotFoundError:
        print(f"rahai link: no saved model {args.model!r}", file=sys.stderr)
        return 2
    progress(f"{len(records):,} records; folding names and identifiers")
    table = features(records)
    if args.train:
        progress("estimating parameters on this input (u by sampling, m by EM)")
        trained, matches_per_record = model.train(table, "rahai")
        saved = {**saved, "splink": trained, "matches_per_record": matches_per_record}
    result = engine.link(table, threshold=args.threshold, model=saved, progress=progress)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_outputs(out, result, [r["record_id"] for r in records])
    clusters = len(set(result.clusters.values()))
    progress(
        f"wrote {out / 'pairs.csv'} ({len(result.pairs):,} pairs) and {out / 'clusters.csv'} "
        f"({clusters:,} clusters) at threshold {result.threshold:g} in {result.timings['total']:.1f} s"
    )
    return 0


def write_outputs(out: Path, result, order: list[str]) -> None:
    """Write both files under temporary names, then rename: never a half-written output."""
    written: list[tuple[str, Path]] = []
    try:
        for name, header, rows in (
            (
                "pairs.csv",
                ["record_id_l", "record_id_r", "match_probability"],
                ((a, b, f"{p:.6f}") for a, b, p in result.pairs),
            ),
            (
                "clusters.csv",
                ["record_id", "cluster_id"],
                ((rid, result.clusters[rid]) for rid in order),
            ),
        ):
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed later
                "w", encoding="utf-8", newline="", dir=out, prefix=f".{name}.", delete=False
            )
            written.append((name, Path(handle.name)))
            with handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        for name, temp in written:
            os.replace(temp, out / name)
    except BaseException:
        for _name, temp in written:
            temp.unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
