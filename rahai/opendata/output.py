"""Writing a release: microdata, tables, codebook and report, all or nothing.

Everything is written into a temporary directory beside the target and renamed into place at
the end, so a failure (full disk, a bug, Ctrl-C) never leaves a partial release behind.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from rahai.core.outdir import atomic_output_dir
from rahai.opendata.codebook import TABLE_TITLES, codebook
from rahai.opendata.release import Release, period_label

MICRODATA = "microdata.csv"
CODEBOOK = "codebook.csv"
REPORT_JSON = "report.json"
REPORT_HTML = "report.html"
TABLES = "tables"


class ReleaseExists(FileExistsError):
    pass


def report_data(release: Release) -> dict:
    summary = release.summary()
    period = period_label(release.years)
    return {
        "title": "Rahai open data release",
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "method": {
            "k": release.k,
            "table_threshold": release.threshold,
            "max_suppression": release.max_suppression,
            "quasi_identifiers": list(summary["generalisation"]),
            "risk_measure": "re-identification probability of a record = 1 / size of its "
            "equivalence class over the quasi-identifiers (prosecutor model)",
            "secondary_suppression": "every suppressed cell lies on a cycle of suppressed "
            "non-zero cells, so no row, column or grand total recovers it",
        },
        **summary,
        "codebook": codebook(summary["generalisation"], period, release.years),
    }


def _write_csv(path: Path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def write_release(release: Release, out_dir: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write the release into ``out_dir`` atomically; refuse a non-empty directory unless
    ``overwrite``."""
    with atomic_output_dir(out_dir, overwrite=overwrite, private=False, error=ReleaseExists) as tmp:
        data = report_data(release)
        micro = release.microdata
        with (tmp / MICRODATA).open("w", encoding="utf-8", newline="") as handle:
            handle.write(",".join(micro.columns) + "\n")
            for start in range(0, len(micro.lines), 50_000):
                chunk = micro.lines[start : start + 50_000]
                handle.write("\n".join(chunk) + "\n")
        (tmp / TABLES).mkdir()
        for table in release.tables:
            _write_csv(tmp / TABLES / f"{table.name}.csv", table.published())
        fields = ["column", "description", "values", "quasi_identifier", "generalisation"]
        _write_csv(
            tmp / CODEBOOK, [fields] + [[entry[f] for f in fields] for entry in data["codebook"]]
        )
        (tmp / REPORT_JSON).write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        tables = [
            {
                "name": table.name,
                "title": TABLE_TITLES.get(table.name, table.name),
                "primary": table.primary,
                "secondary": table.secondary,
                "cells": int(table.values.size),
            }
            for table in release.tables
        ]
        (tmp / REPORT_HTML).write_text(
            render_to_string("opendata/report.html", {"report": data, "tables": tables}),
            encoding="utf-8",
        )
    return Path(out_dir).resolve()
