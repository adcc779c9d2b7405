"""Tables of figures: what a chart shows, as rows and columns, and as the CSV download.

A ``Table`` is built from raw counts and converts every number through the suppression rules
as it is built, so the page, the chart drawn from it and its CSV all show the same "<5".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from rahai.insights.suppression import Shown, shown_cell


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    # How many leading columns are labels (the rest are figures).
    label_columns: int = 1

    def __post_init__(self) -> None:
        self.rows = [
            [cell if i < self.label_columns else shown_cell(cell) for i, cell in enumerate(row)]
            for row in self.rows
        ]

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]

    def csv(self) -> str:
        """The table as CSV: the same cells, numbers without grouping, "<5" where suppressed."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([str(c) for c in self.columns])
        for row in self.rows:
            writer.writerow([_csv_cell(cell) for cell in row])
        return out.getvalue()


def _csv_cell(cell) -> str:
    if isinstance(cell, Shown):
        if cell.suppressed:
            return cell.text
        if cell.value is None:
            return ""
        value = cell.value
        return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
    return str(cell)
