"""Name frequencies of the last relink, for the check at entry.

The model adjusts a name match for how common the name is ("Ali" counts for less than
"Shehzad"): a relink knows every name, a check of one new person does not. So a relink counts,
per name column the model adjusts (given name as written, given name by the variant table,
family name, father's name), how many persons carry each value, and stores the counts under
keyed digests of the values (``NameFrequency``; a name is never stored in clear). The check
looks up the values of the new record and of its candidates and scores them with the same
adjustment a relink of the population plus the new record would make (``engine.match_one``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from rahai.core.crypto import blind_index
from rahai.linkage.models import NameFrequency

TOTAL = "*"  # the digest under which a column's total (records with any value) is kept


def tf_columns(model: dict) -> list[str]:
    """The columns the model adjusts for frequency."""
    return sorted(
        {
            level["tf_adjustment_column"]
            for comparison in model["splink"]["comparisons"]
            for level in comparison["comparison_levels"]
            if level.get("tf_adjustment_column")
        }
    )


def _digest(column: str, value: str) -> str:
    return blind_index(value, purpose=f"linkage.tf.{column}")


def term_frequency_rows(table: pa.Table, model: dict) -> Iterator[tuple[str, str, int]]:
    """``(column, digest, count)`` for every value of every adjusted column of a feature table,
    and ``(column, TOTAL, total)``."""
    for column in tf_columns(model):
        counts = table.column(column).drop_null().value_counts()
        values = counts.field("values").to_pylist()
        numbers = counts.field("counts").to_pylist()
        yield column, TOTAL, sum(numbers)
        for value, count in zip(values, numbers, strict=True):
            yield column, _digest(column, value), count


def lookup(values: dict[str, set[str]]) -> dict[str, tuple[dict[str, int], int]]:
    """Per column, ``({value: count}, total)`` for the values asked about, as counted by the
    last run (a value it did not see is left out: its count is 0)."""
    out: dict[str, tuple[dict[str, int], int]] = {}
    for column, wanted in values.items():
        by_digest = {_digest(column, v): v for v in wanted}
        rows = NameFrequency.objects.filter(
            column=column, digest__in=[*by_digest, TOTAL]
        ).values_list("digest", "count")
        counts, total = {}, 0
        for value_digest, count in rows:
            if value_digest == TOTAL:
                total = count
            else:
                counts[by_digest[value_digest]] = count
        out[column] = (counts, total)
    return out
