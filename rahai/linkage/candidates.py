"""Candidates for one new person from the blind index: frequency-aware, rare evidence first.

The check at entry (``selectors.possible_matches``) cannot decrypt a million persons to find
the few worth scoring, so it asks the database, through the keyed blind index
(``rahai.people.search``: HMAC digests of CNICs, phones, name and father's-name keys) and the
columns kept in clear (district, birth date, estimated age), for the persons a relink would
pair with the new one. Like the batch blocking (``model.BLOCKING_KEYS``) it is
frequency-aware:

1. **exact identifiers first**: the same CNIC, the same phone (a value shared by more than
   ``BLOCK_CAP`` persons — a placeholder, a hotline's own number — is skipped, as in a relink);
2. **name blocks**, rarest first: the persons holding every key of a combination of the new
   record's name parts (given + family name, given + father's name, family + father's name,
   given name alone, a rare single name key). A block of at most ``BLOCK_CAP`` persons is
   taken whole;
3. a **bigger block is narrowed inside the query** by what else the record has: its district
   and the neighbouring ones (centroids within ``model.NEIGHBOUR_KM``), then a birth year
   within ``model.SPLIT_YEARS``, then the district alone, then a year within 1; a block still
   too big after that is left out ("Muhammad Ali" alone says almost nothing about who this
   is, and the rarer evidence has been asked for already).

Key counts (one query, each bounded by ``COUNT_BOUND``) order the blocks and pick the rarest
key to drive each block's query. A block to narrow is fetched once, widest first, with each
person's district and birth year (up to ``NARROW_FETCH`` rows), and narrowed in Python: one
scan of a common key's index rows, not one per step. No value is ever sent to the database in
clear: keys are digests, districts ids, years numbers. Access is not decided here: the caller
keeps only the persons its user may see.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db import connection
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q
from django.utils import timezone

from rahai.core import names
from rahai.geo.models import District
from rahai.linkage import model as linkage_model
from rahai.linkage import normalise
from rahai.people.models import PersonSearchKey, SearchKeyKind
from rahai.people.search import digest
from rahai.people.validation import normalise_cnic, normalise_phones

MAX_CANDIDATES = 300  # scored at most (the rarest blocks first)
COUNT_BOUND = 5000  # key counts are exact up to this, else "at least this"
NARROW_FETCH = 3000  # rows of a big block fetched once and narrowed in Python

Key = tuple[str, str]  # (kind, digest)


class _Year(Func):
    """The year of a date column: ``EXTRACT`` on PostgreSQL; on SQLite (dates stored as
    ``YYYY-MM-DD`` text) the first four characters, without Django's Python date function."""

    output_field = IntegerField()
    template = "EXTRACT(YEAR FROM %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(substr(%(expressions)s, 1, 4) AS INTEGER)"
        )


@dataclass
class Evidence:
    """What a record offers for finding its candidates (digests, ids and numbers only)."""

    cnic: Key | None = None
    phones: list[Key] = field(default_factory=list)
    given: list[Key] = field(default_factory=list)
    family: list[Key] = field(default_factory=list)
    father: list[Key] = field(default_factory=list)
    district_code: str | None = None
    birth_year: int | None = None
    birth_date: date | None = None


@dataclass
class Block:
    """Persons holding every key, within the places and years given (``None``: any)."""

    name: str
    keys: tuple[Key, ...] = ()
    districts: tuple[int, ...] | None = None
    years: tuple[int, int] | None = None
    birth_date: date | None = None


def _keys(kind: str, tokens) -> list[Key]:
    """The blind-index keys of name tokens: the skeleton of each word as written (a joined
    compound, "Ghulam Rasool", is the two keys the index holds for it)."""
    out: list[Key] = []
    for token in tokens:
        for part in token.parts:
            key = names.skeleton(part)
            pair = (kind, digest(kind, key))
            if key and pair not in out:
                out.append(pair)
    return out


def _birth(record: dict) -> tuple[int | None, date | None]:
    """(birth year, birth date) from a date, a year or an age; a year outside 1880-2100 (a
    slip, or an age typed where a year belongs) is no evidence."""
    born = None
    if record.get("birth_date"):
        try:
            born = date.fromisoformat(str(record["birth_date"]))
        except ValueError:
            born = None
    if born:
        return born.year, born
    year = None
    for key, convert in (
        ("birth_year", int),
        ("age", lambda v: timezone.localdate().year - int(v)),
    ):
        value = str(record.get(key) or "").strip()
        if value.isdigit():
            year = convert(value)
            break
    return (year, None) if year is not None and 1880 <= year <= 2100 else (None, None)


def evidence_of(record: dict) -> Evidence:
    """The digests and clear-column values of a linkage record (``services.person_record``
    columns), parsed as the model parses it: titles and a leading Muhammad set aside (records
    drop them freely), the father's or husband's name apart from the person's own."""
    found = Evidence()
    try:
        cnic = normalise_cnic(record.get("id_number") or "")
    except Exception:
        cnic = ""
    if cnic:
        found.cnic = (SearchKeyKind.CNIC, digest(SearchKeyKind.CNIC, cnic))
    try:
        phones = normalise_phones(record.get("phone") or "")
    except Exception:
        phones = normalise.phones(record.get("phone") or "")
    found.phones = [(SearchKeyKind.PHONE, digest(SearchKeyKind.PHONE, p)) for p in phones]
    parsed = normalise.parse_name(
        record.get("full_name") or "",
        record.get("given_name") or "",
        record.get("family_name") or "",
        record.get("father_name") or "",
    )
    found.given = _keys(SearchKeyKind.NAME, parsed.given.tokens)
    found.family = [
        k for k in _keys(SearchKeyKind.NAME, parsed.family.tokens) if k not in found.given
    ]
    found.father = _keys(SearchKeyKind.FATHER, parsed.father.tokens)
    place = normalise.district(record.get("district") or "")[1]
    found.district_code = place.code if place else None
    found.birth_year, found.birth_date = _birth(record)
    return found


@lru_cache(maxsize=512)
def neighbours(code: str) -> tuple[str, ...]:
    """District codes whose centroids are within ``model.NEIGHBOUR_KM`` of this one (itself
    included): the model's "neighbouring district" level, by the same great-circle distance."""
    places = {p.code: p for p in normalise.districts().values()}
    here = places.get(code)
    if here is None:
        return (code,)
    out = [code]
    for other in places.values():
        if other.code != code and _km(here, other) <= linkage_model.NEIGHBOUR_KM:
            out.append(other.code)
    return tuple(out)


def _km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


def key_counts(keys: list[Key]) -> dict[Key, int]:
    """How many persons hold each key, exact up to ``COUNT_BOUND``: one query, a bounded index
    range per key (a common key costs no more than a rare one)."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    table = connection.ops.quote_name(PersonSearchKey._meta.db_table)
    one = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE kind = %s AND digest = %s LIMIT {COUNT_BOUND}) AS k"  # noqa: S608
    sql = " UNION ALL ".join(f"SELECT {i}, ({one})" for i in range(len(keys)))
    params = [str(value) for key in keys for value in key]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = dict(cursor.fetchall())
    return {key: found[i] for i, key in enumerate(keys)}


def _year_filter(low: int, high: int) -> Q:
    """Born in ``low``–``high``: by the birth date, or by an estimated age and when it was
    estimated (the year a relink would compute: ``services.person_record``)."""
    return Q(
        person__birth_date__gte=date(low, 1, 1), person__birth_date__lte=date(high, 12, 31)
    ) | Q(
        person__birth_date__isnull=True,
        person__estimated_age__isnull=False,
        guessed__gte=low,
        guessed__lte=high,
    )


def _block_rows(block: Block, counts: dict[Key, int]):
    """The index rows of the block's rarest key, the other keys as ``EXISTS``, and the place
    and year conditions on the joined person row (joined only when they narrow it)."""
    keys = sorted(block.keys, key=lambda k: counts.get(k, 0))
    first, rest = keys[0], keys[1:]
    rows = PersonSearchKey.objects.filter(kind=first[0], digest=first[1])
    for kind, value in rest:
        rows = rows.filter(
            Exists(
                PersonSearchKey.objects.filter(
                    person_id=OuterRef("person_id"), kind=kind, digest=value
                )
            )
        )
    if block.districts is not None:
        rows = rows.filter(person__district_id__in=block.districts)
    if block.birth_date:
        rows = rows.filter(person__birth_date=block.birth_date)
    if block.years:
        rows = rows.annotate(
            guessed=_Year(F("person__age_estimated_on")) - F("person__estimated_age")
        ).filter(_year_filter(*block.years))
    return rows


def block_ids(block: Block, counts: dict[Key, int], *, limit: int) -> list[int]:
    """Up to ``limit`` ids of the persons in ``block``."""
    return list(_block_rows(block, counts).values_list("person_id", flat=True)[:limit])


def _born(birth_date, estimated_age, estimated_on) -> int | None:
    if birth_date:
        return birth_date.year
    if estimated_age is not None and estimated_on:
        return estimated_on.year - estimated_age
    return None


def narrowed_ids(steps: list[Block], counts: dict[Key, int], *, cap: int) -> tuple[str, list]:
    """The first of ``steps`` (ever narrower versions of one block) that holds at most ``cap``
    persons: its name and ids, or ``("", [])``. A step is fetched with each person's district
    and birth year (up to ``NARROW_FETCH`` rows) and the narrower steps are worked out from it
    in Python: one scan of a common name's index rows, not one per step. A step with more rows
    than that is passed over for the next; and for a single name key held by at least
    ``COUNT_BOUND`` persons the steps without a birth year are passed over at once (a place alone
    will not bring thousands of namesakes down to a block)."""
    keys = steps[0].keys
    if len(keys) == 1 and counts.get(keys[0], 0) >= COUNT_BOUND and any(s.years for s in steps):
        steps = steps[next(i for i, step in enumerate(steps) if step.years) :]
    for start, widest in enumerate(steps):
        rows = list(
            _block_rows(widest, counts).values_list(
                "person_id",
                "person__district_id",
                "person__birth_date",
                "person__estimated_age",
                "person__age_estimated_on",
            )[:NARROW_FETCH]
        )
        if len(rows) == NARROW_FETCH:
            continue
        found = [(pid, district, _born(*birth)) for pid, district, *birth in rows]
        for step in steps[start:]:
            ids = [
                pid
                for pid, district, year in found
                if (step.districts is None or district in step.districts)
                and (
                    step.years is None
                    or (year is not None and step.years[0] <= year <= step.years[1])
                )
            ]
            if len(ids) <= cap:
                return step.name, ids
        return "", []
    return "", []


def _district_ids(codes: tuple[str, ...]) -> dict[str, int]:
    return dict(District.objects.filter(code__in=codes).order_by().values_list("code", "id"))


def _narrowings(block: Block, found: Evidence, places: dict[str, int]) -> list[Block]:
    """The block, then ever narrower versions of it by place and birth year (each named for
    what it adds: "+near" the district and its neighbours, "+district", "+year" ±3 years,
    "+year1" ±1 year)."""
    near = tuple(places.values()) or None
    own = (places[found.district_code],) if found.district_code in places else None
    if own == near:
        own = None  # no neighbours: "near" is the district already
    year = found.birth_year
    split = linkage_model.SPLIT_YEARS
    steps = [(near, None, "+near")] if near else []
    if year is not None:
        steps.append((near, (year - split, year + split), "+near+year" if near else "+year"))
        if own:
            steps.append((own, (year - split, year + split), "+district+year"))
        steps.append((own or near, (year - 1, year + 1), "+district+year1" if near else "+year1"))
    elif own:
        steps.append((own, None, "+district"))
    return [block] + [
        Block(block.name + suffix, block.keys, districts, years)
        for districts, years, suffix in steps
    ]


def name_blocks(found: Evidence) -> list[Block]:
    """The name combinations a relink blocks on, as key sets (duplicates dropped)."""
    given, family, father = tuple(found.given), tuple(found.family), tuple(found.father)
    combos = [
        ("given+family", given + family if given and family else ()),
        ("given+father", given + father if given and father else ()),
        ("family+father", family + father if family and father else ()),
        ("given", given),
    ]
    out, seen = [], set()
    for name, keys in combos:
        if keys and frozenset(keys) not in seen:
            seen.add(frozenset(keys))
            out.append(Block(name, keys))
    return out


@dataclass
class Retrieval:
    """Candidate ids in the order found (rare evidence first), and how they were found."""

    ids: list[int]
    blocks: list[tuple[str, int]]  # (block name, persons taken from it)


def candidate_ids(record: dict, *, limit: int = MAX_CANDIDATES) -> Retrieval:
    """The ids of the persons a relink would compare with ``record`` (at most ``limit``,
    rarest evidence first). Any person, visible or not: the caller filters by access."""
    found = evidence_of(record)
    cap = linkage_model.BLOCK_CAP
    ids: dict[int, None] = {}
    taken: list[tuple[str, int]] = []

    def take(name: str, block_rows: list[int]) -> None:
        before = len(ids)
        for pid in block_rows:
            if len(ids) >= limit:
                break
            ids.setdefault(pid)
        taken.append((name, len(ids) - before))

    exact = ([found.cnic] if found.cnic else []) + found.phones
    name_keys = found.given + found.family + found.father
    counts = key_counts(exact + name_keys)
    for kind, value in exact:
        if counts[(kind, value)] <= cap:
            take(str(kind), block_ids(Block(kind, ((kind, value),)), counts, limit=cap))
    # Rare single name keys (a rare family or father's name) are whole blocks on their own:
    # they catch a record whose other parts are misspelt beyond their keys.
    singles = [Block(f"rare {kind}", ((kind, value),)) for kind, value in name_keys]
    blocks = name_blocks(found) + [b for b in singles if counts[b.keys[0]] <= cap]
    blocks.sort(key=lambda b: min(counts[k] for k in b.keys))
    places = _district_ids(neighbours(found.district_code)) if found.district_code else {}
    for block in blocks:
        if len(ids) >= limit:
            break
        if min(counts[k] for k in block.keys) <= cap:
            take(block.name, block_ids(block, counts, limit=cap))
            continue
        steps = _narrowings(block, found, places)
        if len(block.keys) == 1:
            steps = steps[1:]  # a single common key is never taken whole
        if steps:
            name, rows = narrowed_ids(steps, counts, cap=cap)
            if name:
                take(name, rows)
    if found.birth_date and found.given and len(ids) < limit:
        # The same birth date (a relink's own key) among the namesakes of the given name.
        take(
            "given+birth_date",
            block_ids(
                Block("", tuple(found.given), birth_date=found.birth_date), counts, limit=cap
            ),
        )
    return Retrieval(list(ids), taken)
