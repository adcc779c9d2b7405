"""Run a saved model over a set of records: score candidate pairs, then cluster them.

``link`` is the whole pipeline behind ``rahai link`` and ``rahai link --db``. Review decisions
come in as ``same`` (must-link) and ``different`` (cannot-link) pairs: a "same person"
decision is an edge of probability 1, a "different people" decision removes the edge and
keeps the two records out of one cluster even through other records.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyarrow as pa
from splink import DuckDBAPI, Linker

from rahai.linkage import model as linkage_model
from rahai.linkage.records import features

Pair = tuple[str, str]


@dataclass
class LinkResult:
    pairs: list[
        tuple[str, str, float]
    ]  # (record_id_l, record_id_r, match_probability), highest first
    clusters: dict[str, str]  # record_id → cluster_id, every record once
    timings: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.0
    evidence: dict[Pair, list[dict]] = field(default_factory=dict)  # when asked for
    scores: dict[Pair, float] = field(default_factory=dict)  # every scored pair, with evidence


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
    settings = linkage_model.settings_for(model, table.num_rows)
    settings["retain_intermediate_calculation_columns"] = evidence
    db = DuckDBAPI(con or linkage_model.connect())
    linker = Linker(db.register(table), settings, log_level=logging.ERROR)
    predictions = linker.inference.predict(
        threshold_match_probability=keep_above, warning_mode="never"
    )
    return predictions.as_pyarrow_table()


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
    parent = {i: i for i in ids}
    apart: dict[str, set[str]] = {}
    for a, b in different:
        if a in parent and b in parent:
            apart.setdefault(a, set()).add(b)
            apart.setdefault(b, set()).add(a)
    members: dict[str, list[str]] = {i: [i] for i in apart}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b, p in sorted(edges, key=lambda e: -e[2]):
        if p < threshold:
            break
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if members.get(ra) and members.get(rb):
            blocked = any(find(x) == rb for m in members[ra] for x in apart.get(m, ()))
            if blocked:
                continue
        if len(members.get(ra, ())) < len(members.get(rb, ())):
            ra, rb = rb, ra
        parent[rb] = ra
        if rb in members:
            members.setdefault(ra, []).extend(members.pop(rb))
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    out: dict[str, str] = {}
    for group in groups.values():
        label = min(group)
        for i in group:
            out[i] = label
    return out


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
    ids = table.column("unique_id").to_pylist()
    progress(f"scoring candidate pairs among {len(ids):,} records")
    mark = time.perf_counter()
    scored = score(table, model=model, keep_above=min(threshold, 0.5), con=con, evidence=evidence)
    timings["predict"] = time.perf_counter() - mark
    explained: dict[Pair, list[dict]] = {}
    scores: dict[Pair, float] = {}
    if evidence:
        weights = _level_weights(model)
        for row in scored.to_pylist():
            pair = _ordered(row["unique_id_l"], row["unique_id_r"])
            explained[pair] = evidence_of(row, weights)
            scores[pair] = row["match_probability"]
    mark = time.perf_counter()
    different = {_ordered(a, b) for a, b in different}
    same = {_ordered(a, b) for a, b in same} - different
    edges: dict[Pair, float] = {}
    lefts = scored.column("unique_id_l").to_pylist()
    rights = scored.column("unique_id_r").to_pylist()
    probabilities = scored.column("match_probability").to_pylist()
    for a, b, p in zip(lefts, rights, probabilities, strict=True):
        edges[_ordered(a, b)] = p
    for pair in different:
        edges.pop(pair, None)
    known = set(ids)
    for pair in same:
        if pair[0] in known and pair[1] in known:
            edges[pair] = 1.0
    progress(f"clustering {len(edges):,} candidate links")
    edge_list = [(a, b, p) for (a, b), p in edges.items()]
    clusters = cluster(ids, edge_list, threshold=threshold, different=different)
    pairs = sorted((e for e in edge_list if e[2] >= threshold), key=lambda e: (-e[2], e[0], e[1]))
    timings["cluster"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return LinkResult(
        pairs=pairs,
        clusters=clusters,
        timings=timings,
        threshold=threshold,
        evidence=explained,
        scores=scores,
    )


QUERY_ID = "__query__"


def match_one(
    query: dict, candidates: list[dict], *, population: int, model: dict | None = None
) -> list[tuple[str, float, list[dict]]]:
    """Score one record against a few candidates (found by the blind index) as if among
    ``population`` records: ``(record_id, probability, evidence)``, most likely first.

    Term-frequency adjustments need the whole population's name frequencies, which a single
    check does not have, so here every name counts at its average weight.
    """
    model = model or linkage_model.load()
    if not candidates:
        return []
    table = features([{**query, "record_id": QUERY_ID}, *candidates])
    settings = linkage_model.settings_for(model, max(population, len(candidates) + 1))
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            level.pop("tf_adjustment_column", None)
            level.pop("tf_adjustment_weight", None)
    settings["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": f"l.unique_id = '{QUERY_ID}' OR r.unique_id = '{QUERY_ID}'"}
    ]
    settings["retain_intermediate_calculation_columns"] = True
    db = DuckDBAPI(linkage_model.connect(threads=1))
    linker = Linker(db.register(table), settings, log_level=logging.ERROR)
    rows = linker.inference.predict(warning_mode="never").as_pyarrow_table().to_pylist()
    weights = _level_weights(model)
    out = []
    for row in rows:
        other = row["unique_id_r"] if row["unique_id_l"] == QUERY_ID else row["unique_id_l"]
        if QUERY_ID in (row["unique_id_l"], row["unique_id_r"]):
            out.append((other, row["match_probability"], evidence_of(row, weights)))
    return sorted(out, key=lambda item: -item[1])
