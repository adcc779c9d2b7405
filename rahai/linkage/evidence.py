"""The model's evidence for a pair, as short translatable chips for reviewers.

Evidence items come from ``engine.evidence_of``: ``{"comparison", "level", "weight"}`` where
``level`` is the model's own (English) label for the comparison level and ``weight`` is in bits.
Known labels get a translated phrase; a label this table does not know (a retrained model) still
gets a chip, worded from the sign of its weight.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COMPARISONS = {
    "given": _("Given name"),
    "family": _("Family name"),
    "father": _("Father's or husband's name"),
    "gender": _("Gender"),
    "birth": _("Age or birth date"),
    "cnic": _("CNIC"),
    "contact": _("Phone or address"),
    "district": _("District"),
}

SAME = _("same")
DIFFERENT = _("different")
SOUNDS_ALIKE = _("sounds the same")
NEARLY = _("nearly the same spelling")
IN_COMMON = _("a name in common")

# The model's level labels (rahai-person-v2) → what a reviewer reads.
LEVELS = {
    "same spelling": _("same spelling"),
    "same name (variant table)": _("same name, another spelling"),
    "two different known names (Hassan, Hussain)": _("two different names that look alike"),
    "same consonant key": SOUNDS_ALIKE,
    "given name elsewhere in the other name (swapped parts)": _("name parts swapped"),
    "a family-name word in common": IN_COMMON,
    "same birth date": _("same birth date"),
    "birth date one keystroke apart": _("birth dates one keystroke apart"),
    "within 1 year": _("within 1 year"),
    "within 3 years": _("within 3 years"),
    "within 6 years": _("within 6 years"),
    "one digit off": _("one digit off"),
    "same last four (one side partial)": _("same last four digits"),
    "own phone": _("same phone"),
    "own address": _("same address"),
    "same phone, a given name missing": _("same phone (a name is missing)"),
    "Distance less than 80km": _("neighbouring district"),
    "Exact match on province": _("same province"),
}

# "All other comparisons" (the model's last level) for each comparison.
ELSE = {
    "birth": _("far apart"),
    "district": _("far apart"),
    "cnic": _("different number"),
    "contact": _("no phone or address of their own in common"),
}


@dataclass(frozen=True)
class Chip:
    comparison: str
    label: str
    outcome: str  # "agrees", "weak" or "disagrees"
    weight: float

    @property
    def css(self) -> str:
        return {"agrees": "active", "disagrees": "restricted"}.get(self.outcome, "")


def _level_text(comparison: str, level: str, weight: float):
    if level in LEVELS:
        return LEVELS[level]
    if level == "All other comparisons":
        return ELSE.get(comparison, DIFFERENT)
    if level.startswith("Exact match"):
        if comparison == "cnic":
            return _("full match")
        return SOUNDS_ALIKE if level.endswith("_skel") else SAME
    if level.startswith("Jaro-Winkler"):
        return NEARLY
    if level.startswith("Damerau-Levenshtein"):
        return _("one letter apart")
    if level.startswith("Array intersection"):
        return IN_COMMON
    return _("partly agrees") if weight > 0 else _("disagrees")


def chips(evidence) -> list[Chip]:
    """One chip per comparison that had data on both sides, strongest evidence first."""
    out = []
    for item in evidence or []:
        comparison = str(item.get("comparison", ""))
        weight = float(item.get("weight") or 0.0)
        outcome = "agrees" if weight >= 1 else "disagrees" if weight <= -1 else "weak"
        out.append(
            Chip(
                comparison=comparison,
                label=f"{COMPARISONS.get(comparison, comparison)}: "
                f"{_level_text(comparison, str(item.get('level', '')), weight)}",
                outcome=outcome,
                weight=weight,
            )
        )
    return out
