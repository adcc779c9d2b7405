"""Safe open data: k-anonymised victim microdata in CTDC's column layout, and aggregate tables
with primary and secondary suppression.

Pure functions over plain rows (dicts), with no database and no Django, so that they can be
tested on adversarial data and timed at a million rows. ``rahai.opendata.selectors`` turns
cases into rows; ``rahai.opendata.output`` writes what these functions return.

A row is one victim registration::

    {"year": 2025, "month": 3, "gender": "female", "age": 15, "citizenship": "PK",
     "province": "PB", "district": "LHR", "country_of_exploitation": "AE",
     "exploitation_types": ["servitude"], "means_of_control": ["withholds_documents"],
     "recruiter_relationship": "agent"}

Nothing else is ever read from a row: names, identity numbers, phones, dates of birth, case
references and free text cannot reach the output because the functions never see them.

The method (see ``docs/opendata.md``):

1. Every quasi-identifier has a generalisation ladder (exact age → age band → majority status →
   withheld; district → province → national; month → year → the release period; country →
   Pakistan/abroad → withheld; detailed → broad exploitation types → withheld; gender →
   withheld).
2. The lattice of ladder levels is searched from the least generalised node upwards; the first
   nodes (least information loss) whose record suppression stays within the budget win, and
   among those the one that suppresses least.
3. Records in equivalence classes smaller than k at that node are suppressed, so every class
   in the microdata has at least k records.
4. Tables count all eligible records; cells below the threshold are suppressed (primary), then
   complementary cells (secondary) until no suppressed cell can be worked out from the
   published cells and totals.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MIN_K = 11  # CTDC's k; lower only with an explicit override
MISSING = "-99"  # not recorded (CTDC's convention)
WITHHELD = ""  # withheld by this release's generalisation
SUPPRESSED = "x"  # a suppressed table cell

# --------------------------------------------------------------------------------------------
# Categories and CTDC columns.
# --------------------------------------------------------------------------------------------

GENDERS = {
    "female": "Female",
    "male": "Male",
    "transgender": "Transgender/NonConforming",
    "other": "Transgender/NonConforming",
}
AGE_BANDS = [
    (0, 8, "0--8"),
    (9, 17, "9--17"),
    (18, 20, "18--20"),
    (21, 23, "21--23"),
    (24, 26, "24--26"),
    (27, 29, "27--29"),
    (30, 38, "30--38"),
    (39, 47, "39--47"),
    (48, 200, "48+"),
]
MINOR_BANDS = {"0--8", "9--17"}

MEANS_OF_CONTROL = [
    ("debt_bondage", "meansOfControlDebtBondage"),
    ("takes_earnings", "meansOfControlTakesEarnings"),
    ("restricts_financial", "meansOfControlRestrictsFinancialAccess"),
    ("threats", "meansOfControlThreats"),
    ("psychological_abuse", "meansOfControlPsychologicalAbuse"),
    ("physical_abuse", "meansOfControlPhysicalAbuse"),
    ("sexual_abuse", "meansOfControlSexualAbuse"),
    ("false_promises", "meansOfControlFalsePromises"),
    ("psychoactive_substances", "meansOfControlPsychoactiveSubstances"),
    ("restricts_movement", "meansOfControlRestrictsMovement"),
    ("restricts_medical", "meansOfControlRestrictsMedicalCare"),
    ("excessive_hours", "meansOfControlExcessiveWorkingHours"),
    ("uses_children", "meansOfControlUsesChildren"),
    ("threat_law_enforcement", "meansOfControlThreatOfLawEnforcement"),
    ("withholds_necessities", "meansOfControlWithholdsNecessities"),
    ("withholds_documents", "meansOfControlWithholdsDocuments"),
    ("other", "meansOfControlOther"),
]
MEANS_NOT_SPECIFIED = "meansOfControlNotSpecified"

# Detailed exploitation types (Rahai's list) and the broad CTDC flag each belongs to.
EXPLOITATION = [
    ("forced_labour", "exploitationForcedLabour", "isForcedLabour"),
    ("bonded_labour", "exploitationBondedLabour", "isForcedLabour"),
    ("child_labour", "exploitationChildLabour", "isForcedLabour"),
    ("servitude", "exploitationDomesticServitude", "isForcedLabour"),
    ("forced_begging", "exploitationForcedBegging", "isForcedLabour"),
    ("sexual", "exploitationSexual", "isSexualExploit"),
    ("forced_marriage", "exploitationForcedMarriage", "isOtherExploit"),
    ("forced_military", "exploitationForcedMilitary", "isOtherExploit"),
    ("organ_removal", "exploitationOrganRemoval", "isOtherExploit"),
    ("forced_adoption", "exploitationForcedAdoption", "isOtherExploit"),
    ("surrogacy", "exploitationSurrogacy", "isOtherExploit"),
    ("other", "exploitationOther", "isOtherExploit"),
]
BROAD_EXPLOITATION = ["isForcedLabour", "isSexualExploit", "isOtherExploit"]

RECRUITER_RELATIONSHIPS = {
    "intimate_partner": "IntimatePartner",
    "family": "Family",
    "friend": "Friend",
    "employer": "Employer",
    "agent": "Agent",
    "stranger": "Stranger",
    "other": "Other",
    "unknown": "Unknown",
}

_MEANS_BIT = {code: 1 << i for i, (code, _column) in enumerate(MEANS_OF_CONTROL)}
_EXPLOIT_BIT = {code: 1 << i for i, (code, _column, _broad) in enumerate(EXPLOITATION)}
_BROAD_BIT = {name: 1 << i for i, name in enumerate(BROAD_EXPLOITATION)}


def age_band(age: int | None) -> str | None:
    if age is None:
        return None
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return None


def majority(band: str | None) -> str | None:
    if band is None:
        return None
    return "Minor" if band in MINOR_BANDS else "Adult"


def means_mask(codes: Iterable[str]) -> int:
    mask = 0
    for code in codes or ():
        mask |= _MEANS_BIT.get(code, _MEANS_BIT["other"])
    return mask


def exploitation_mask(codes: Iterable[str]) -> int:
    mask = 0
    for code in codes or ():
        mask |= _EXPLOIT_BIT.get(code, _EXPLOIT_BIT["other"])
    return mask


def broad_mask(mask: int) -> int:
    broad = 0
    for code, _column, flag in EXPLOITATION:
        if mask & _EXPLOIT_BIT[code]:
            broad |= _BROAD_BIT[flag]
    return broad


# --------------------------------------------------------------------------------------------
# Generalisation ladders.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ladder:
    """One quasi-identifier: how to read it from a row, generalise it and write it out.

    ``generalise(base, level)`` must be nested: the value at level l+1 is a function of the
    value at level l (checked when the ladder is encoded). The last level withholds it.
    """

    name: str
    levels: tuple[str, ...]
    columns: tuple[str, ...]
    read: Callable[[dict], Hashable]
    generalise: Callable[[Hashable, int], Hashable]
    render: Callable[[Hashable, int], tuple[str, ...]]
    weight: float = 1.0  # how much users lose when this one is generalised


def _gender_read(row):
    return row.get("gender") or "unknown"


def _gender_general(base, level):
    return GENDERS.get(base) if level == 0 else WITHHELD


def _gender_render(value, level):
    if level >= 1:
        return (WITHHELD,)
    return (value or MISSING,)


def _age_read(row):
    age = row.get("age")
    return None if age is None or not 0 <= int(age) <= 120 else int(age)


def _age_general(base, level):
    if level == 0:
        return base
    if level == 1:
        return age_band(base)
    if level == 2:
        return majority(age_band(base))
    return WITHHELD


def _age_render(value, level):
    if level >= 3:
        return (WITHHELD, WITHHELD, WITHHELD)
    if value is None:
        return (MISSING if level == 0 else WITHHELD, MISSING if level <= 1 else WITHHELD, MISSING)
    if level == 0:
        band = age_band(value)
        return (str(value), band, majority(band))
    if level == 1:
        return (WITHHELD, value, majority(value))
    return (WITHHELD, WITHHELD, value)


def _country_general(base, level):
    if level == 0:
        return base
    if level == 1:
        return None if base is None else ("PK" if base == "PK" else "abroad")
    return WITHHELD


def _citizenship_render(value, level):
    if level >= 2:
        return (WITHHELD,)
    if value is None:
        return (MISSING,)
    return ("Other" if value == "abroad" else value,)


def _exploitation_country_render(value, level):
    if level >= 2:
        return (WITHHELD,)
    if value is None:
        return (MISSING,)
    return ("Abroad" if value == "abroad" else value,)


def _code_read(key):
    def read(row):
        value = (row.get(key) or "").strip().upper()
        return value or None

    return read


def _place_read(row):
    return (row.get("province") or "", row.get("district") or "")


def _place_general(base, level):
    province, district = base
    if level == 0:
        return f"PK-{province}-{district}" if province and district else None
    if level == 1:
        return f"PK-{province}" if province else None
    return "PK"


def _place_render(value, level):
    return (value or MISSING,)


def _exploitation_read(row):
    return exploitation_mask(row.get("exploitation_types") or ())


def _exploitation_general(base, level):
    if level == 0:
        return base
    if level == 1:
        return broad_mask(base)
    return WITHHELD


def _exploitation_render(value, level):
    width = len(BROAD_EXPLOITATION) + len(EXPLOITATION)
    if level >= 2:
        return (WITHHELD,) * width
    if value == 0:  # no type recorded
        return (MISSING,) * len(BROAD_EXPLOITATION) + (
            (MISSING if level == 0 else WITHHELD),
        ) * len(EXPLOITATION)
    if level == 1:
        broad = tuple("1" if value & _BROAD_BIT[name] else "0" for name in BROAD_EXPLOITATION)
        return broad + (WITHHELD,) * len(EXPLOITATION)
    broad_value = broad_mask(value)
    broad = tuple("1" if broad_value & _BROAD_BIT[name] else "0" for name in BROAD_EXPLOITATION)
    detail = tuple("1" if value & _EXPLOIT_BIT[code] else "0" for code, _c, _b in EXPLOITATION)
    return broad + detail


def make_ladders(period_label: str) -> list[Ladder]:
    """The quasi-identifiers in microdata column order (``period_label`` names the release's
    whole period, e.g. "2025" or "2019-2025")."""

    def period_general(base, level):
        year, month = base
        if level == 0:
            return (year, month)
        if level == 1:
            return year
        return period_label

    def period_render(value, level):
        if level == 0:
            year, month = value
            return (str(year), f"{month:02d}" if month else MISSING)
        if level == 1:
            return (str(value), WITHHELD)
        return (value, WITHHELD)

    return [
        Ladder(
            "period",
            ("month", "year", "release period"),
            ("yearOfRegistration", "monthOfRegistration"),
            lambda row: (int(row["year"]), int(row.get("month") or 0)),
            period_general,
            period_render,
        ),
        Ladder(
            "gender",
            ("gender", "withheld"),
            ("gender",),
            _gender_read,
            _gender_general,
            _gender_render,
            weight=2.0,
        ),
        Ladder(
            "age",
            ("exact age", "age band", "majority status", "withheld"),
            ("age", "ageBroad", "majorityStatus"),
            _age_read,
            _age_general,
            _age_render,
            weight=2.0,
        ),
        Ladder(
            "citizenship",
            ("country", "Pakistan or other", "withheld"),
            ("citizenship",),
            _code_read("citizenship"),
            _country_general,
            _citizenship_render,
        ),
        Ladder(
            "place",
            ("district", "province", "national"),
            ("placeOfRegistration",),
            _place_read,
            _place_general,
            _place_render,
        ),
        Ladder(
            "country_of_exploitation",
            ("country", "Pakistan or abroad", "withheld"),
            ("CountryOfExploitation",),
            _code_read("country_of_exploitation"),
            _country_general,
            _exploitation_country_render,
        ),
        Ladder(
            "exploitation",
            ("detailed types", "broad types", "withheld"),
            tuple(BROAD_EXPLOITATION) + tuple(column for _code, column, _b in EXPLOITATION),
            _exploitation_read,
            _exploitation_general,
            _exploitation_render,
            weight=1.5,
        ),
    ]


NON_QI_COLUMNS = (
    *(column for _code, column in MEANS_OF_CONTROL),
    MEANS_NOT_SPECIFIED,
    "RecruiterRelationship",
)


def microdata_columns(ladders: Sequence[Ladder]) -> list[str]:
    columns: list[str] = []
    for ladder in ladders:
        columns.extend(ladder.columns)
        if ladder.name == "place":
            columns.extend(NON_QI_COLUMNS)
    return columns


def _means_render(mask: int) -> tuple[str, ...]:
    if mask == 0:
        return ("0",) * len(MEANS_OF_CONTROL) + ("1",)
    return tuple("1" if mask & _MEANS_BIT[code] else "0" for code, _c in MEANS_OF_CONTROL) + ("0",)


def _recruiter_read(row) -> str:
    value = row.get("recruiter_relationship") or ""
    return RECRUITER_RELATIONSHIPS.get(value, MISSING if not value else "Other")


# --------------------------------------------------------------------------------------------
# Encoding rows as integer codes per ladder level.
# --------------------------------------------------------------------------------------------


@dataclass
class Encoded:
    ladder: Ladder
    base_codes: np.ndarray  # per row
    level_codes: list[np.ndarray]  # per level: base code -> level code
    level_values: list[list]  # per level: level code -> generalised value
    step: list[np.ndarray | None]  # step[l]: level l-1 code -> level l code

    @property
    def top(self) -> int:
        return len(self.ladder.levels) - 1


def encode(ladder: Ladder, rows: Sequence[dict]) -> Encoded:
    index: dict[Hashable, int] = {}
    base_values: list = []
    codes = np.empty(len(rows), dtype=np.int32)
    read = ladder.read
    for i, row in enumerate(rows):
        value = read(row)
        code = index.get(value)
        if code is None:
            code = index[value] = len(base_values)
            base_values.append(value)
        codes[i] = code
    level_codes, level_values, step = [], [], [None]
    for level in range(len(ladder.levels)):
        seen: dict[Hashable, int] = {}
        values: list = []
        mapping = np.empty(len(base_values), dtype=np.int32)
        for b, base in enumerate(base_values):
            value = ladder.generalise(base, level)
            code = seen.get(value)
            if code is None:
                code = seen[value] = len(values)
                values.append(value)
            mapping[b] = code
        level_codes.append(mapping)
        level_values.append(values)
        if level:
            previous = level_codes[level - 1]
            up = np.full(len(level_values[level - 1]), -1, dtype=np.int32)
            up[previous] = mapping
            if np.any(up[previous] != mapping):
                raise ValueError(f"ladder {ladder.name!r} is not nested at level {level}")
            step.append(up)
    return Encoded(ladder, codes, level_codes, level_values, step)


def _keys(codes: np.ndarray, radix: Sequence[int]) -> np.ndarray:
    """One int64 per row of ``codes`` (mixed radix); exact while the product fits."""
    if math.prod(max(r, 1) for r in radix) >= 2**62:
        view = np.ascontiguousarray(codes).view([("", codes.dtype)] * codes.shape[1]).ravel()
        _u, inverse = np.unique(view, return_inverse=True)
        return inverse.astype(np.int64)
    key = np.zeros(codes.shape[0], dtype=np.int64)
    for q, r in enumerate(radix):
        key *= max(r, 1)
        key += codes[:, q]
    return key


def _group(codes: np.ndarray, counts: np.ndarray, radix: Sequence[int]):
    key = _keys(codes, radix)
    _u, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    grouped = np.bincount(inverse.ravel(), weights=counts, minlength=len(first))
    return codes[first], grouped.astype(np.int64)


# --------------------------------------------------------------------------------------------
# The lattice search.
# --------------------------------------------------------------------------------------------


@dataclass
class Search:
    node: tuple[int, ...]
    suppressed: int
    evaluated: int
    budget: int
    feasible: bool


def loss(node: Sequence[int], encoded: Sequence[Encoded]) -> float:
    """Information loss of a lattice node: each ladder's level as a share of its height,
    weighted (gender and age count double, as the figures most asked for)."""
    return sum(
        e.ladder.weight * level / max(e.top, 1) for level, e in zip(node, encoded, strict=True)
    )


def search(
    encoded: Sequence[Encoded],
    *,
    k: int,
    max_suppression: float,
    min_levels: Sequence[int],
    cache_limit: int = 40_000_000,
) -> Search:
    """The least generalised node whose suppression stays within the budget (ties: the one
    that suppresses least), found best-first; each node is counted from a cached histogram of
    a node one step more detailed, so a million rows cost little more than a thousand."""
    n = len(encoded[0].base_codes) if encoded else 0
    budget = math.floor(max_suppression * n)
    ranges = [range(low, e.top + 1) for low, e in zip(min_levels, encoded, strict=True)]
    nodes = sorted(itertools.product(*ranges), key=lambda node: (loss(node, encoded), node))
    bottom = nodes[0]
    base = np.stack(
        [e.level_codes[level][e.base_codes] for level, e in zip(bottom, encoded, strict=True)],
        axis=1,
    )
    radix = [len(e.level_values[level]) for level, e in zip(bottom, encoded, strict=True)]
    cache: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
    cache[bottom] = _group(base, np.ones(n, dtype=np.int64), radix)
    del base
    held = cache[bottom][0].size

    best: tuple[int, tuple] | None = None
    best_loss = None
    evaluated = 0
    for node in nodes:
        node_loss = loss(node, encoded)
        if best_loss is not None and node_loss > best_loss + 1e-9:
            break
        if node not in cache:
            parents = []
            for q, level in enumerate(node):
                if level > min_levels[q]:
                    parent = node[:q] + (level - 1,) + node[q + 1 :]
                    if parent in cache:
                        parents.append((cache[parent][0].shape[0], q, parent))
            if not parents:  # evicted: start again from the bottom histogram
                parents = [(0, -1, bottom)]
            _size, q, parent = min(parents)
            codes, counts = cache[parent]
            codes = codes.copy()
            if q >= 0:
                codes[:, q] = encoded[q].step[node[q]][codes[:, q]]
            else:
                for j, (low, level) in enumerate(zip(bottom, node, strict=True)):
                    for step_level in range(low + 1, level + 1):
                        codes[:, j] = encoded[j].step[step_level][codes[:, j]]
            radix = [len(e.level_values[level]) for level, e in zip(node, encoded, strict=True)]
            cache[node] = _group(codes, counts, radix)
            held += cache[node][0].size
            if held > cache_limit:
                for key in sorted(cache, key=lambda key: -cache[key][0].size):
                    if key not in (bottom, node):
                        held -= cache.pop(key)[0].size
                    if held <= cache_limit // 2:
                        break
        evaluated += 1
        counts = cache[node][1]
        suppressed = int(counts[counts < k].sum())
        if suppressed <= budget and (best is None or suppressed < best[0]):
            best, best_loss = (suppressed, node), node_loss
    if best is None:  # fewer than k records: nothing can be released
        return Search(nodes[-1], n, evaluated, budget, False)
    return Search(best[1], best[0], evaluated, budget, True)


# --------------------------------------------------------------------------------------------
# Microdata.
# --------------------------------------------------------------------------------------------


@dataclass
class Microdata:
    columns: list[str]
    lines: list[str]  # CSV lines without the header (values are codes: nothing to quote)
    class_sizes: np.ndarray  # per released record
    node: dict[str, str]  # ladder name -> level chosen
    node_levels: tuple[int, ...]
    suppressed: int
    suppressed_classes: int
    evaluated: int
    budget: int
    feasible: bool

    @property
    def k_achieved(self) -> int:
        return int(self.class_sizes.min()) if len(self.class_sizes) else 0

    def risk(self) -> dict[str, Any]:
        sizes = self.class_sizes
        if not len(sizes):
            return {"max": 0.0, "mean": 0.0, "share_in_classes_below_20": 0.0, "classes": 0}
        probabilities = 1.0 / sizes
        return {
            "max": round(float(probabilities.max()), 6),
            "mean": round(float(probabilities.mean()), 6),
            "share_in_classes_below_20": round(float((sizes < 20).mean()), 6),
            "classes": _class_count(sizes),
        }


def _class_count(sizes: np.ndarray) -> int:
    # Each class of size s contributes s records, each carrying s: classes = Σ 1/s.
    return int(round(float((1.0 / sizes).sum())))


def anonymise(
    rows: Sequence[dict],
    *,
    k: int = MIN_K,
    period_label: str = "",
    max_suppression: float = 0.05,
    allow_district: bool = False,
    allow_k_below_minimum: bool = False,
) -> Microdata:
    """k-anonymous microdata over the quasi-identifiers, in CTDC's column layout."""
    if k < MIN_K and not allow_k_below_minimum:
        raise ValueError(f"k must be at least {MIN_K} (override explicitly to go lower)")
    if k < 2:
        raise ValueError("k must be at least 2")
    ladders = make_ladders(period_label)
    columns = microdata_columns(ladders)
    if not rows:
        return Microdata(columns, [], np.zeros(0, dtype=np.int64), {}, (), 0, 0, 0, 0, False)
    encoded = [encode(ladder, rows) for ladder in ladders]
    min_levels = [1 if ladder.name == "place" and not allow_district else 0 for ladder in ladders]
    found = search(encoded, k=k, max_suppression=max_suppression, min_levels=min_levels)
    node = found.node
    row_codes = np.stack(
        [e.level_codes[level][e.base_codes] for level, e in zip(node, encoded, strict=True)],
        axis=1,
    )
    radix = [len(e.level_values[level]) for level, e in zip(node, encoded, strict=True)]
    keys = _keys(row_codes, radix)
    _u, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    sizes = counts[inverse.ravel()]
    keep = sizes >= k
    suppressed_classes = int((counts < k).sum())

    # Rendered QI segments per level code; the other columns per distinct value.
    rendered = [
        [",".join(e.ladder.render(value, level)) for value in e.level_values[level]]
        for level, e in zip(node, encoded, strict=True)
    ]
    means_cache: dict[int, str] = {}
    kept = np.flatnonzero(keep)
    means = np.fromiter(
        (means_mask(rows[i].get("means_of_control") or ()) for i in kept),
        dtype=np.int64,
        count=len(kept),
    )
    recruiters = [_recruiter_read(rows[i]) for i in kept]
    place_at = [e.ladder.name for e in encoded].index("place")
    lines: list[str] = []
    append = lines.append
    for j, i in enumerate(kept):
        parts = [rendered[q][row_codes[i, q]] for q in range(len(encoded))]
        mask = int(means[j])
        segment = means_cache.get(mask)
        if segment is None:
            segment = means_cache[mask] = ",".join(_means_render(mask))
        parts.insert(place_at + 1, segment + "," + recruiters[j])
        append(",".join(parts))
    lines.sort()  # content order: nothing of the original order (case ids, dates) survives
    return Microdata(
        columns=columns,
        lines=lines,
        class_sizes=sizes[keep],
        node={
            e.ladder.name: e.ladder.levels[level] for level, e in zip(node, encoded, strict=True)
        },
        node_levels=tuple(node),
        suppressed=int((~keep).sum()),
        suppressed_classes=suppressed_classes,
        evaluated=found.evaluated,
        budget=found.budget,
        feasible=found.feasible,
    )


# --------------------------------------------------------------------------------------------
# Aggregate tables with primary and secondary suppression.
# --------------------------------------------------------------------------------------------

PUBLISHED, PRIMARY, SECONDARY = 0, 1, 2


@dataclass
class Table:
    """A two-way table of counts with its margins. ``status`` and ``values`` cover the table
    extended by the row totals (last column) and column totals (last row)."""

    name: str
    row_header: list[str]
    rows: list[tuple[str, ...]]
    columns: list[str]
    values: np.ndarray  # (R+1) x (C+1), totals included
    status: np.ndarray = field(default=None)  # type: ignore[assignment]

    @property
    def primary(self) -> int:
        return int((self.status == PRIMARY).sum())

    @property
    def secondary(self) -> int:
        return int((self.status == SECONDARY).sum())

    def published(self) -> list[list[str]]:
        """The table as CSV rows: suppressed cells as ``x``, totals last."""
        out = [[*self.row_header, *self.columns, "Total"]]
        labels = [*self.rows, tuple(["Total"] + [""] * (len(self.row_header) - 1))]
        for r, label in enumerate(labels):
            cells = [
                SUPPRESSED if self.status[r, c] else str(int(self.values[r, c]))
                for c in range(self.values.shape[1])
            ]
            out.append([*label, *cells])
        return out


def make_table(
    name: str,
    row_header: list[str],
    counts: Counter,
    rows: list[tuple[str, ...]],
    columns: list[str],
) -> Table:
    values = np.zeros((len(rows) + 1, len(columns) + 1), dtype=np.int64)
    row_at = {row: i for i, row in enumerate(rows)}
    col_at = {col: j for j, col in enumerate(columns)}
    for (row, col), n in counts.items():
        values[row_at[row], col_at[col]] += n
    values[:-1, -1] = values[:-1, :-1].sum(axis=1)
    values[-1, :] = values[:-1, :].sum(axis=0)
    return Table(name, row_header, rows, columns, values)


def _bridges(status: np.ndarray) -> list[tuple[int, int]]:
    """Suppressed cells that lie on no cycle of suppressed cells (rows and columns as the
    two sides of a bipartite graph). Exactly these can be worked out from the totals."""
    cells = [tuple(map(int, cell)) for cell in np.argwhere(status != PUBLISHED)]
    adjacency: dict[tuple[str, int], set] = {}
    for r, c in cells:
        adjacency.setdefault(("r", r), set()).add(("c", c))
        adjacency.setdefault(("c", c), set()).add(("r", r))
    bridges = []
    for r, c in cells:
        start, goal = ("r", r), ("c", c)
        seen, stack, found = {start}, [start], False
        while stack and not found:
            node = stack.pop()
            for other in adjacency[node]:
                if node == start and other == goal:
                    continue  # the edge itself
                if other == goal:
                    found = True
                    break
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        if not found:
            bridges.append((r, c))
    return bridges


def suppress(table: Table, threshold: int) -> Table:
    """Primary suppression of counts 1..threshold-1 (margins included), then secondary
    suppression until every suppressed cell lies on a cycle of suppressed, non-zero cells.

    In a two-way table with published margins the unknown cells are determined exactly when,
    and only when, a cell is a bridge of the bipartite row/column graph of suppressed cells; a
    cell on a cycle of non-zero cells can move by ±1 around the cycle without breaking any
    total or going negative, so it cannot be recovered. Complements are chosen as the
    cheapest rectangle closing a cycle (smallest counts; totals only when nothing else works,
    the grand total last), never zero cells.
    """
    values = table.values
    status = np.zeros(values.shape, dtype=np.int8)
    status[(values > 0) & (values < threshold)] = PRIMARY
    n_rows, n_cols = values.shape
    margin = 10**6
    while True:
        bridges = _bridges(status)
        if not bridges:
            break
        r, c = bridges[0]
        best = None
        for r2 in range(n_rows):
            if r2 == r:
                continue
            for c2 in range(n_cols):
                if c2 == c:
                    continue
                cost, ok = 0, True
                for rr, cc in ((r, c2), (r2, c2), (r2, c)):
                    if status[rr, cc]:
                        continue
                    if values[rr, cc] <= 0:
                        ok = False
                        break
                    cost += int(values[rr, cc]) + 1
                    if rr == n_rows - 1 or cc == n_cols - 1:
                        cost += margin * (100 if (rr, cc) == (n_rows - 1, n_cols - 1) else 1)
                if ok and (best is None or cost < best[0]):
                    best = (cost, r2, c2)
        if best is None:  # cannot happen: the rectangle through both totals always exists
            raise RuntimeError("no complementary suppression found")
        _cost, r2, c2 = best
        for rr, cc in ((r, c2), (r2, c2), (r2, c)):
            if not status[rr, cc]:
                status[rr, cc] = SECONDARY
    table.status = status
    return table


def _top(counter: Counter, n: int) -> list[str]:
    return [value for value, _count in counter.most_common(n)]


def build_tables(rows: Sequence[dict], *, threshold: int) -> list[Table]:
    """The published tables, each suppressed: victims by year × exploitation type × gender,
    by province × gender, by age band × citizenship, by country of exploitation × majority."""
    genders = ["Female", "Male", "Transgender/NonConforming", MISSING]
    by_type: Counter = Counter()
    by_province: Counter = Counter()
    by_age: Counter = Counter()
    by_country: Counter = Counter()
    citizenships: Counter = Counter()
    exploited_in: Counter = Counter()
    years: set[int] = set()
    provinces: set[str] = set()
    prepared = []
    for row in rows:
        gender = GENDERS.get(row.get("gender") or "", MISSING)
        year = int(row["year"])
        years.add(year)
        province = row.get("province") or MISSING
        provinces.add(province)
        citizenship = (row.get("citizenship") or "").upper() or MISSING
        country = (row.get("country_of_exploitation") or "").upper() or MISSING
        citizenships[citizenship] += 1
        exploited_in[country] += 1
        prepared.append((row, gender, year, province, citizenship, country))
    top_citizenships = [c for c in _top(citizenships, 6) if c != MISSING][:5]
    top_countries = [c for c in _top(exploited_in, 9) if c != MISSING][:8]
    type_labels = {code: column.removeprefix("exploitation") for code, column, _b in EXPLOITATION}
    for row, gender, year, province, citizenship, country in prepared:
        types = row.get("exploitation_types") or []
        for code in dict.fromkeys(types) or ["not_specified"]:
            label = type_labels.get(code, "NotSpecified" if code == "not_specified" else "Other")
            by_type[((str(year), label), gender)] += 1
        by_province[((province,), gender)] += 1
        band = age_band(_age_read(row)) or MISSING
        if citizenship not in top_citizenships and citizenship != MISSING:
            citizenship = "Other"
        by_age[((band,), citizenship)] += 1
        place = country if country in top_countries or country == MISSING else "OtherAbroad"
        status = majority(age_band(_age_read(row))) or MISSING
        by_country[((place,), status)] += 1
    type_names = [*type_labels.values(), "NotSpecified"]
    tables = [
        make_table(
            "victims_by_year_exploitation_gender",
            ["yearOfRegistration", "typeOfExploitation"],
            by_type,
            [(str(y), t) for y in sorted(years) for t in type_names],
            genders,
        ),
        make_table(
            "victims_by_province_gender",
            ["provinceOfRegistration"],
            by_province,
            [(p,) for p in sorted(provinces)],
            genders,
        ),
        make_table(
            "victims_by_age_band_citizenship",
            ["ageBroad"],
            by_age,
            [(label,) for _l, _h, label in AGE_BANDS] + [(MISSING,)],
            [*top_citizenships, "Other", MISSING],
        ),
        make_table(
            "victims_by_country_of_exploitation_majority",
            ["CountryOfExploitation"],
            by_country,
            [(c,) for c in top_countries] + [("OtherAbroad",), (MISSING,)],
            ["Minor", "Adult", MISSING],
        ),
    ]
    return [suppress(table, threshold) for table in tables]


# --------------------------------------------------------------------------------------------
# The whole release.
# --------------------------------------------------------------------------------------------


@dataclass
class Release:
    years: list[int]
    k: int
    threshold: int
    max_suppression: float
    microdata: Microdata
    tables: list[Table]
    excluded: dict[str, int]  # reason -> records left out before anonymising
    records_in: int

    def summary(self) -> dict[str, Any]:
        m = self.microdata
        return {
            "years": self.years,
            "k_required": self.k,
            "k_achieved": m.k_achieved,
            "records_eligible": self.records_in,
            "records_released": len(m.lines),
            "records_suppressed": m.suppressed,
            "classes_suppressed": m.suppressed_classes,
            "suppression_budget": m.budget,
            "excluded": self.excluded,
            "generalisation": m.node,
            "lattice_nodes_evaluated": m.evaluated,
            "risk": m.risk(),
            "tables": {
                t.name: {"primary": t.primary, "secondary": t.secondary} for t in self.tables
            },
        }


def period_label(years: Sequence[int]) -> str:
    years = sorted(set(years))
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def build_release(
    rows: Iterable[dict],
    *,
    years: Sequence[int],
    k: int = MIN_K,
    threshold: int | None = None,
    max_suppression: float = 0.05,
    allow_district: bool = False,
    allow_k_below_minimum: bool = False,
    excluded: dict[str, int] | None = None,
) -> Release:
    """Microdata and tables for the victims registered in ``years``."""
    wanted = set(years)
    selected = [row for row in rows if int(row["year"]) in wanted]
    microdata = anonymise(
        selected,
        k=k,
        period_label=period_label(years),
        max_suppression=max_suppression,
        allow_district=allow_district,
        allow_k_below_minimum=allow_k_below_minimum,
    )
    threshold = k if threshold is None else threshold
    if threshold < MIN_K and not allow_k_below_minimum:
        raise ValueError(f"the table threshold must be at least {MIN_K}")
    tables = build_tables(selected, threshold=threshold)
    return Release(
        years=sorted(wanted),
        k=k,
        threshold=threshold,
        max_suppression=max_suppression,
        microdata=microdata,
        tables=tables,
        excluded=dict(excluded or {}),
        records_in=len(selected),
    )
