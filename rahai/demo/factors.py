"""Vulnerability and root-cause factors for the demo's victims, correlated with the kind of case.

Rough shares, not research findings: bonded labour goes with household debt and landlessness,
domestic servitude with poverty and a family that sent the child, smuggling and the Gulf with a
wish to migrate and unemployment, begging with disability and displacement. Each victim draws
from the table of the case's scenario, plus a few factors that follow from age and exploitation.
"""

from __future__ import annotations

import random

# scenario -> {factor: chance}
BY_SCENARIO: dict[str, dict[str, float]] = {
    "brick_kiln": {
        "household_debt": 0.85,
        "landlessness": 0.6,
        "illiteracy": 0.55,
        "no_schooling": 0.45,
        "minority": 0.3,
        "health_costs": 0.25,
        "seasonal_work": 0.2,
        "displacement": 0.1,
    },
    "agriculture": {
        "household_debt": 0.8,
        "landlessness": 0.75,
        "illiteracy": 0.6,
        "minority": 0.35,
        "seasonal_work": 0.45,
        "displacement": 0.3,
        "health_costs": 0.15,
    },
    "domestic": {
        "extreme_poverty": 0.65,
        "family_involvement": 0.5,
        "no_schooling": 0.45,
        "illiteracy": 0.3,
        "no_guardian": 0.15,
        "domestic_violence": 0.15,
        "household_debt": 0.25,
    },
    "begging": {
        "extreme_poverty": 0.6,
        "family_involvement": 0.35,
        "disability": 0.3,
        "displacement": 0.25,
        "no_guardian": 0.25,
        "substance_dependence": 0.15,
        "no_documents": 0.2,
    },
    "sexual": {
        "extreme_poverty": 0.35,
        "domestic_violence": 0.35,
        "prior_exploitation": 0.25,
        "family_involvement": 0.2,
        "migration_aspiration": 0.15,
        "substance_dependence": 0.15,
        "no_guardian": 0.1,
    },
    "marriage_cn": {
        "family_involvement": 0.75,
        "extreme_poverty": 0.45,
        "minority": 0.6,
        "no_schooling": 0.25,
        "household_debt": 0.2,
    },
    "land_route": {
        "migration_aspiration": 0.9,
        "unemployment": 0.6,
        "household_debt": 0.35,
        "family_involvement": 0.15,
        "prior_exploitation": 0.05,
    },
    "sea_route": {
        "migration_aspiration": 0.9,
        "unemployment": 0.55,
        "household_debt": 0.45,
        "family_involvement": 0.1,
    },
    "gulf": {
        "migration_aspiration": 0.8,
        "unemployment": 0.5,
        "household_debt": 0.4,
        "illiteracy": 0.2,
        "health_costs": 0.1,
    },
    "east": {
        "migration_aspiration": 0.8,
        "unemployment": 0.45,
        "household_debt": 0.3,
        "no_documents": 0.1,
    },
}
UNRECORDED = 0.15  # share of victims whose file says nothing about root causes


def vulnerability_factors(
    rng: random.Random, scenario: str, context: dict, age: int | None
) -> list[str]:
    """The factors recorded for one victim (may be none)."""
    if rng.random() < UNRECORDED:
        return []
    chances = dict(BY_SCENARIO.get(scenario, {}))
    exploitation = set(context.get("exploitation_types") or [])
    if age is not None and age < 18:
        chances["no_schooling"] = max(chances.get("no_schooling", 0.0), 0.6)
        chances.setdefault("no_guardian", 0.08)
    if "child_labour" in exploitation:
        chances["no_schooling"] = max(chances.get("no_schooling", 0.0), 0.7)
    if "sexual" in exploitation:
        chances.setdefault("prior_exploitation", 0.15)
    chances.setdefault("prior_exploitation", 0.04)
    chances.setdefault("disability", 0.02)
    factors = [code for code, chance in chances.items() if rng.random() < chance]
    if "no_schooling" in factors and "illiteracy" not in factors and rng.random() < 0.5:
        factors.append("illiteracy")
    return sorted(factors)
