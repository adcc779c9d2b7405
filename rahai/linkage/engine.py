"""Run a saved model over a set of records: score candidate pairs, then cluster them.

``link`` is the whole pipeline behind ``rahai link`` and ``rahai link --db``. Review decisions
come in as ``same`` (must-link) and ``different`` (cannot-link) pairs: a "same person"
decision is an edge of probability 1, a "different people" decision removes the edge and
keeps the two records out of one cluster even through other records.

``LinkIndex`` holds records already linked (their features, blocking keys and name
frequencies) so that one new record is checked against all of them in well under a second:
its candidates are looked up by the same frequency-aware blocking keys a relink would use,
and only those pairs are scored, with the same model.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from splink import DuckDBAPI, Linker
from splink.internals.realtime import compare_records  # Splink 5.0.0, pinned

from rahai.linkage import model as linkage_model
from rahai.linkage.records import features

Pair = tuple[str, str]
_names = itertools.count()


@dataclass
class LinkResult:
    pairs: list[
        tuple[str, str, float]
    ]  # (record_id_l, record_id_r, match_probability), highest first
    clusters: dict[str, str]  # record_id → cluster_id, every record once
    timings: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.0
    # With ``evidence``: every scored pair (``unique_id_l``, ``unique_id_r``,
    # ``match_probability`` and the ``mw_*`` weights), read lazily by ``evidence_rows``.
    scored: pa.Table | None = None
    weights: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    candidate_pairs: int = 0  # pairs the blocking rules proposed (all scored)

    def evidence_rows(
        self, *, floor: float = 0.0, batch: int = 20_000
    ) -> Iterator[tuple[str, str, float, list[dict]]]:
        """``(record_id_l, record_id_r, probability, evidence)`` of every scored pair at or
        above ``floor``, a slice of the table at a time (never all as Python objects)."""
        if self.scored is None:
            return
        table = self.scored.filter(pc.greater_equal(self.scored["match_probability"], floor))
        for offset in range(0, table.num_rows, batch):
            for row in table.slice(offset, batch).to_pylist():
                yield (
                    row["unique_id_l"],
                    row["unique_id_r"],
                    row["match_probability"],
                    evidence_of(row, self.weights),
                )


def _level_weights(model: dict) -> dict[str, list[tuple[float, str]]]:
    """Per comparison, each level's match weight (bits) and label, to name a pair's evidence."""
    out: dict[str, list[tuple[float, str]]] = {}
    for comparison in model["splink"]["comparisons"]:
        levels = []
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            if m and u:
                label = level.get("label_for_charts") or level.get("sql_condition", "")
                levels.append((math.log2(m / u), label))
        out[comparison["output_column_name"]] = levels
    return out


def evidence_of(row: dict, weights: dict[str, list[tuple[float, str]]]) -> list[dict]:
    """What each comparison said about one scored pair: label and weight in bits (with the
    term-frequency adjustment added), strongest first; comparisons with no data are left out."""
    items = []
    for name, levels in weights.items():
        weight = row.get(f"mw_{name}")
        if weight is None or weight == 0.0:
            continue
        label = min(levels, key=lambda lv: abs(lv[0] - weight))[1] if levels else ""
        total = weight + (row.get(f"mw_tf_adj_{name}") or 0.0)
        items.append({"comparison": name, "level": label, "weight": round(total, 2)})
    return sorted(items, key=lambda item: -abs(item["weight"]))


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def _numbered(table: pa.Table) -> tuple[pa.Table, pa.Array]:
    """The table with ``unique_id`` replaced by its row number (joins on integers are much
    cheaper than on strings), and the original ids to map the results back."""
    ids = table.column("unique_id").combine_chunks()
    position = table.schema.get_field_index("unique_id")
    numbers = pa.array(range(table.num_rows), pa.int64())
    return table.set_column(position, "unique_id", numbers), ids


def _keyed(table: pa.Table, con) -> tuple[str, pa.Array]:
    """Register ``table`` numbered and with its blocking keys; the DuckDB table's name."""
    numbered, ids = _numbered(table)
    name = f"__rahai_records_{next(_names)}"
    con.register(f"{name}_in", numbered)
    linkage_model.add_blocking_keys(con, f"{name}_in", name)
    con.unregister(f"{name}_in")
    return name, ids


def _score_numbered(
    table: pa.Table, *, model: dict, keep_above: float, con, evidence: bool
) -> tuple[pa.Table, pa.Array, int]:
    """Scored pairs with integer ids (row numbers of ``table``), the original ids, and the
    number of candidate pairs the blocking proposed."""
    settings = linkage_model.settings_for(model, table.num_rows)
    settings["retain_intermediate_calculation_columns"] = evidence
    name, ids = _keyed(table, con)
    linker = Linker(DuckDBAPI(con).register(name), settings, log_level=logging.ERROR)
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    candidates = con.sql(f"SELECT count(*) FROM {blocked.physical_name}").fetchall()[0][0]  # noqa: S608
    predictions = linker.inference.predict(
        threshold_match_probability=keep_above, warning_mode="never"
    )
    scored = predictions.as_pyarrow_table()
    predictions.drop_table_from_database_and_remove_from_cache()
    con.execute(f"DROP TABLE IF EXISTS {name}")
    return scored, ids, candidates


def _with_ids(scored: pa.Table, ids: pa.Array) -> pa.Table:
    for column in ("unique_id_l", "unique_id_r"):
        position = scored.schema.get_field_index(column)
        scored = scored.set_column(position, column, ids.take(scored.column(column)))
    return scored


def score(
    table: pa.Table,
    *,
    model: dict | None = None,
    keep_above: float = 0.01,
    con=None,
    evidence: bool = False,
):
    """Scored candidate pairs as a pyarrow table (``unique_id_l``, ``unique_id_r``,
    ``match_probability``, and with ``evidence`` the ``gamma_*``/``bf_*`` columns)."""
    model = model or linkage_model.load()
    scored, ids, _n = _score_numbered(
        table,
        model=model,
        keep_above=keep_above,
        con=con or linkage_model.connect(),
        evidence=evidence,
    )
    return _with_ids(scored, ids)


def candidate_pairs(table: pa.Table, *, con=None) -> pa.Table:
    """Every pair the blocking rules propose (``unique_id_l``, ``unique_id_r``), unscored: for
    measuring blocking recall."""
    con = con or linkage_model.connect()
    model = linkage_model.load()
    name, ids = _keyed(table, con)
    settings = linkage_model.settings_for(model, table.num_rows)
    linker = Linker(DuckDBAPI(con).register(name), settings, log_level=logging.ERROR)
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    pairs = con.sql(
        f"SELECT join_key_l::BIGINT AS unique_id_l, join_key_r::BIGINT AS unique_id_r"  # noqa: S608
        f" FROM {blocked.physical_name}"
    ).to_arrow_table()
    return _with_ids(pairs, ids)


class _UnionFind:
    """Connected components that never join two records a review said are different."""

    def __init__(self, n: int, apart: dict[int, set[int]]):
        self.parent = list(range(n))
        self.apart = apart
        self.members: dict[int, list[int]] = {i: [i] for i in apart}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        members = self.members
        if members and members.get(ra) and members.get(rb):
            find, apart = self.find, self.apart
            if any(find(x) == rb for m in members[ra] for x in apart.get(m, ())):
                return
        if len(members.get(ra, ())) < len(members.get(rb, ())):
            ra, rb = rb, ra
        self.parent[rb] = ra
        if rb in members:
            members.setdefault(ra, []).extend(members.pop(rb))


def _components(
    n: int, edges: Iterable[tuple[int, int, float]], threshold: float, apart: dict[int, set[int]]
) -> list[int]:
    """The root of every record after joining edges at or above ``threshold``, strongest
    first."""
    forest = _UnionFind(n, apart)
    for a, b, p in sorted(edges, key=lambda e: -e[2]):
        if p < threshold:
            break
        forest.union(a, b)
    return [forest.find(i) for i in range(n)]


def _labels(ids: list[str], roots: list[int]) -> dict[str, str]:
    """record_id → cluster_id, the smallest record id of its cluster."""
    smallest: dict[int, str] = {}
    for rid, root in zip(ids, roots, strict=True):
        if root not in smallest or rid < smallest[root]:
            smallest[root] = rid
    return {rid: smallest[root] for rid, root in zip(ids, roots, strict=True)}


def cluster(
    ids: Iterable[str],
    edges: Iterable[tuple[str, str, float]],
    *,
    threshold: float,
    different: Iterable[Pair] = (),
) -> dict[str, str]:
    """Connected components over edges at or above ``threshold``, strongest first, never
    joining two records that a review said are different people."""
    ids = list(ids)
    index = {rid: i for i, rid in enumerate(ids)}
    apart: dict[int, set[int]] = {}
    for a, b in different:
        if a in index and b in index:
            apart.setdefault(index[a], set()).add(index[b])
            apart.setdefault(index[b], set()).add(index[a])
    numbered = [
        (index[a], index[b], p) for a, b, p in edges if p >= threshold and a in index and b in index
    ]
    return _labels(ids, _components(len(ids), numbered, threshold, apart))


def link(
    records: Iterable[dict] | pa.Table,
    *,
    threshold: float | None = None,
    model: dict | None = None,
    same: Iterable[Pair] = (),
    different: Iterable[Pair] = (),
    progress: Callable[[str], None] = lambda message: None,
    reference_year: int | None = None,
    con=None,
    evidence: bool = False,
) -> LinkResult:
    """Link records: features, scoring with the saved model, decisions, clustering.

    With ``evidence`` the result also names, for every scored pair, what each comparison said.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    model = model or linkage_model.load()
    threshold = model["default_threshold"] if threshold is None else threshold
    if isinstance(records, pa.Table):
        table = records
    else:
        progress("folding names and identifiers")
        table = features(records, reference_year=reference_year)
    timings["features"] = time.perf_counter() - started
    progress(f"scoring candidate pairs among {table.num_rows:,} records")
    mark = time.perf_counter()
    scored, id_array, n_candidates = _score_numbered(
        table,
        model=model,
        keep_above=min(threshold, 0.5),
        con=con or linkage_model.connect(),
        evidence=evidence,
    )
    timings["predict"] = time.perf_counter() - mark
    mark = time.perf_counter()
    ids: list[str] = id_array.to_pylist()
    lefts = scored.column("unique_id_l").to_pylist()
    rights = scored.column("unique_id_r").to_pylist()
    probabilities = scored.column("match_probability").to_pylist()
    kept = None
    if evidence:
        wanted = ["unique_id_l", "unique_id_r", "match_probability"] + [
            c for c in scored.column_names if c.startswith("mw_")
        ]
        kept = _with_ids(scored.select(wanted), id_array)
    # Edges between row numbers, smaller number first; decisions override the model.
    edges: dict[tuple[int, int], float] = {}
    for a, b, p in zip(lefts, rights, probabilities, strict=True):
        edges[(a, b) if a < b else (b, a)] = p
    index = None
    apart: dict[int, set[int]] = {}
    different = {_ordered(a, b) for a, b in different}
    same = {_ordered(a, b) for a, b in same} - different
    if different or same:
        index = {rid: i for i, rid in enumerate(ids)}
    for a, b in different:
        if a in index and b in index:
            i, j = sorted((index[a], index[b]))
            edges.pop((i, j), None)
            apart.setdefault(i, set()).add(j)
            apart.setdefault(j, set()).add(i)
    for a, b in same:
        if a in index and b in index:
            edges[tuple(sorted((index[a], index[b])))] = 1.0
    progress(f"clustering {len(edges):,} candidate links")
    strong = [(a, b, p) for (a, b), p in edges.items() if p >= threshold]
    clusters = _labels(ids, _components(len(ids), strong, threshold, apart))
    pairs = sorted(
        (_ordered(ids[a], ids[b]) + (p,) for a, b, p in strong), key=lambda e: (-e[2], e[0], e[1])
    )
    timings["cluster"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return LinkResult(
        pairs=pairs,
        clusters=clusters,
        timings=timings,
        threshold=threshold,
        scored=kept,
        weights=_level_weights(model) if evidence else {},
        candidate_pairs=n_candidates,
    )


QUERY_ID = "__query__"


def _without_tf(settings: dict) -> dict:
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            level.pop("tf_adjustment_column", None)
            level.pop("tf_adjustment_weight", None)
    return settings


class _OneAgainstMany:
    """The model's comparison SQL for one record against candidate rows, written by Splink
    once (``compare_records``) and then run directly on each new pair of small tables, so a
    check costs one DuckDB query."""

    def __init__(self, settings: dict, model: dict, con):
        self.settings = {**settings, "blocking_rules_to_generate_predictions": []}
        self.weights = _level_weights(model)
        self.con = con
        self.sql: str | None = None
        self.names = (f"__rahai_one_{next(_names)}", f"__rahai_many_{next(_names)}")
        self.lock = threading.Lock()

    def _build(self, query: pa.Table, candidates: pa.Table) -> None:
        scored = compare_records(query, candidates, self.settings, DuckDBAPI(self.con))
        sql = scored.sql_used_to_create
        scored.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
        for side, name in zip(("left", "right"), self.names, strict=True):
            generated = re.search(rf"__splink__compare_records_{side}_\w+", sql).group(0)
            sql = sql.replace(generated, name)
            self.con.unregister(generated)
        self.sql = sql

    def __call__(
        self, query: pa.Table, candidates: pa.Table
    ) -> list[tuple[object, float, list[dict]]]:
        """``(candidate unique_id, probability, evidence)`` for every candidate row."""
        with self.lock:
            if self.sql is None:
                self._build(query, candidates)
        one, many = self.names
        # A cursor per check: its own connection to the same database, so that checks from
        # several threads (a web worker's) neither share a connection nor each other's tables.
        with self.con.cursor() as cursor:
            cursor.register(one, query)
            cursor.register(many, candidates)
            rows = cursor.sql(self.sql).to_arrow_table().to_pylist()
        weights = self.weights
        return [
            (row["unique_id_r"], row["match_probability"], evidence_of(row, weights))
            for row in rows
        ]


_match_one_scorers: dict[str, _OneAgainstMany] = {}
_match_one_lock = threading.Lock()


def match_one(
    query: dict,
    candidates: list[dict],
    *,
    population: int,
    model: dict | None = None,
    frequencies: Callable[[dict[str, set[str]]], dict[str, tuple[dict[str, int], int]]]
    | None = None,
) -> list[tuple[str, float, list[dict]]]:
    """Score one record against a few candidates (found by the blind index) as if among
    ``population`` records: ``(record_id, probability, evidence)``, most likely first.

    ``frequencies`` gives, per name column, how many of the population carry each value and
    how many carry any (``rahai.linkage.frequencies.lookup``: the counts of the last relink):
    the names are then adjusted for frequency as a relink of the population plus this record
    would adjust them (as ``LinkIndex`` does). Without it (or before any relink) every name
    counts at its average weight.
    """
    model = model or linkage_model.load()
    if not candidates:
        return []
    table = features([{**query, "record_id": QUERY_ID}, *candidates])
    population = max(population, len(candidates) + 1)
    settings = linkage_model.settings_for(model, population)
    columns = sorted(
        {
            level["tf_adjustment_column"]
            for comparison in settings["comparisons"]
            for level in comparison["comparison_levels"]
            if level.get("tf_adjustment_column")
        }
    )
    found = {}
    if frequencies is not None and columns:
        found = frequencies(
            {c: {v for v in table.column(c).to_pylist() if v is not None} for c in columns}
        )
    if columns and all(found.get(c, ({}, 0))[1] > 0 for c in columns):
        for column in columns:
            counts, total = found[column]
            values = table.column(column).to_pylist()
            # The record's own value counts once more (it joins the population); a candidate
            # entered since the run counts itself.
            tf = [
                None if v is None else (counts.get(v, 0) + 1) / (total + 1) for v in values[:1]
            ] + [None if v is None else max(counts.get(v, 0), 1) / total for v in values[1:]]
            table = table.append_column(f"tf_{column}", pa.array(tf, pa.float64()))
    else:
        settings = _without_tf(settings)
    key = hashlib.sha1(
        json.dumps(settings, sort_keys=True).encode(), usedforsecurity=False
    ).hexdigest()
    with _match_one_lock:
        scorer = _match_one_scorers.get(key)
        if scorer is None:
            if len(_match_one_scorers) > 32:  # populations change with every relink
                _match_one_scorers.clear()
            scorer = _match_one_scorers[key] = _OneAgainstMany(
                settings, model, linkage_model.connect(threads=1)
            )
    rows = scorer(table.slice(0, 1), table.slice(1))
    return sorted(rows, key=lambda item: -item[1])


class LinkIndex:
    """Records already linked, ready for checking one new record against all of them.

    Built from a feature table (``records.features``) in a few seconds for a million records:
    each blocking key's hash for every record (computed by DuckDB, as in a relink) is kept
    sorted in a NumPy array, so a key's block and its size are two binary searches away; the
    name frequencies of the whole population are kept for the term-frequency adjustment.
    ``match(record)`` finds the candidates a relink of the population plus the record would
    have paired with it — the same frequency-aware rules: a block compared whole up to
    ``model.BLOCK_CAP`` records, a bigger one by birth year for the split keys, else not at
    all — and scores only those with the model, as that relink would.
    """

    def __init__(self, table: pa.Table, *, model: dict | None = None, con=None):
        self.model = model or linkage_model.load()
        self.con = con or linkage_model.connect()
        self.population = table.num_rows
        self.settings = linkage_model.settings_for(self.model, self.population + 1)
        self.ids = table.column("unique_id").combine_chunks()
        self.tf_columns = sorted(
            {
                level["tf_adjustment_column"]
                for comparison in self.settings["comparisons"]
                for level in comparison["comparison_levels"]
                if level.get("tf_adjustment_column")
            }
        )
        numbered, _ids = _numbered(table)
        name = f"__rahai_index_{next(_names)}"
        self.con.register(name, numbered)
        hashes = self.con.sql(
            f"SELECT {linkage_model.key_hashes_sql()} FROM {name}"  # noqa: S608
        ).to_arrow_table()
        # Per name column, how many records carry each value (and how many carry any).
        self.counts: dict[str, tuple[dict[str, int], int]] = {}
        tf_values = []
        for column in self.tf_columns:
            rows = self.con.sql(
                f"SELECT {column}, count(*) FROM {name}"  # noqa: S608
                f" WHERE {column} IS NOT NULL GROUP BY {column}"
            ).fetchall()
            counts = dict(rows)
            total = sum(counts.values())
            self.counts[column] = (counts, total)
            tf_values.append(
                pa.array(
                    [
                        counts[v] / total if v is not None else None
                        for v in numbered.column(column).to_pylist()
                    ],
                    pa.float64(),
                )
            )
        self.con.unregister(name)
        self.keys: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for key in linkage_model.BLOCKING_KEYS:
            column = hashes.column(f"h_{key.name}")
            present = np.flatnonzero(column.is_valid().to_numpy(zero_copy_only=False))
            values = column.drop_null().to_numpy().astype(np.uint64)
            order = np.argsort(values, kind="stable")
            self.keys[key.name] = (values[order], present[order].astype(np.int64))
        years = numbered.column("birth_year").to_numpy(zero_copy_only=False)
        self.birth_year = np.asarray(years, dtype=np.float64)
        self.table = numbered
        for column, values in zip(self.tf_columns, tf_values, strict=True):
            self.table = self.table.append_column(f"tf_{column}", values)
        self._scorer = _OneAgainstMany(self.settings, self.model, self.con)

    def _rows(self, hashes: dict[str, int | None], birth_year: int | None) -> np.ndarray:
        """Row numbers of the indexed records that the blocking rules pair with a record
        having these key hashes (the record makes each of its blocks one bigger)."""
        found = []
        cap = linkage_model.BLOCK_CAP
        for key in linkage_model.BLOCKING_KEYS:
            value = hashes.get(key.name)
            if value is None:
                continue
            values, rows = self.keys[key.name]
            low = np.searchsorted(values, np.uint64(value), side="left")
            high = np.searchsorted(values, np.uint64(value), side="right")
            if high - low < cap:
                found.append(rows[low:high])
            elif key.split and birth_year is not None:
                block = rows[low:high]
                near = np.abs(self.birth_year[block] - birth_year) <= linkage_model.SPLIT_YEARS
                found.append(block[near])
        if not found:
            return np.empty(0, np.int64)
        return np.unique(np.concatenate(found))

    def candidates(self, record: dict, *, reference_year: int | None = None) -> pa.Table:
        """The indexed records a relink would have compared with ``record`` (feature rows,
        ``unique_id`` their row number, with term frequencies), after the record's own row
        (``unique_id`` -1)."""
        query = features([{**record, "record_id": QUERY_ID}], reference_year=reference_year)
        query = query.set_column(0, "unique_id", pa.array([-1], pa.int64()))
        for column in self.tf_columns:
            # As in a relink of the population plus this record: its own value counts once
            # more (the comparison takes the larger frequency of the two sides).
            value = query.column(column)[0].as_py()
            counts, total = self.counts[column]
            tf = (counts.get(value, 0) + 1) / (total + 1) if value is not None else None
            query = query.append_column(f"tf_{column}", pa.array([tf], pa.float64()))
        with self.con.cursor() as cursor:  # its own connection: checks may run in threads
            cursor.register("__rahai_query", query)
            hashes = cursor.sql(
                f"SELECT {linkage_model.key_hashes_sql()} FROM __rahai_query"  # noqa: S608
            ).fetchall()[0]
        names = [k.name for k in linkage_model.BLOCKING_KEYS]
        rows = self._rows(
            dict(zip(names, hashes, strict=True)), query.column("birth_year")[0].as_py()
        )
        return pa.concat_tables([query, self.table.take(pa.array(rows))])

    def match(
        self,
        record: dict,
        *,
        floor: float = 0.0,
        limit: int | None = None,
        reference_year: int | None = None,
    ) -> list[tuple[str, float, list[dict]]]:
        """``(record_id, probability, evidence)`` of the indexed records that may be the
        person of ``record``, most likely first, at or above ``floor``."""
        rows = self.candidates(record, reference_year=reference_year)
        if rows.num_rows < 2:
            return []
        scored = self._scorer(rows.slice(0, 1), rows.slice(1))
        ids = self.ids
        out = [(ids[i].as_py(), p, ev) for i, p, ev in scored if p >= floor]
        out.sort(key=lambda item: -item[1])
        return out[:limit] if limit else out
