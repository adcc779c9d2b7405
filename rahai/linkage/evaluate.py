"""Accuracy of a linkage against known truth: pairwise and cluster-level (B-cubed) scores."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    found_pairs: int

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_pairs": self.true_pairs,
            "found_pairs": self.found_pairs,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def true_pairs(truth: dict[str, str]) -> set[tuple[str, str]]:
    """Every pair of records that share an entity, as (smaller id, larger id)."""
    by_entity: dict[str, list[str]] = defaultdict(list)
    for rid, entity in truth.items():
        by_entity[entity].append(rid)
    pairs = set()
    for members in by_entity.values():
        members.sort()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b))
    return pairs


def cluster_pairs(clusters: dict[str, str]) -> set[tuple[str, str]]:
    return true_pairs(clusters)


def pairwise(
    found: Iterable[tuple[str, str]],
    truth_pairs: set[tuple[str, str]],
    keep: Callable[[tuple[str, str]], bool] | None = None,
) -> Scores:
    found = {(a, b) if a <= b else (b, a) for a, b in found}
    if keep is not None:
        found = {p for p in found if keep(p)}
        truth_pairs = {p for p in truth_pairs if keep(p)}
    hits = len(found & truth_pairs)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth_pairs) if truth_pairs else 1.0
    return Scores(precision, recall, _f1(precision, recall), len(truth_pairs), len(found))


def bcubed(clusters: dict[str, str], truth: dict[str, str]) -> Scores:
    """B-cubed precision and recall, averaged over records."""
    joint = Counter((clusters[r], truth[r]) for r in truth)
    cluster_size = Counter(clusters[r] for r in truth)
    entity_size = Counter(truth.values())
    precision = recall = 0.0
    for (c, e), n in joint.items():
        precision += n * n / cluster_size[c]
        recall += n * n / entity_size[e]
    total = len(truth) or 1
    precision, recall = precision / total, recall / total
    return Scores(
        precision, recall, _f1(precision, recall), len(truth), len(set(clusters.values()))
    )
