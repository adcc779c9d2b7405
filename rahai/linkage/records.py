"""Person records in, linkage features out: reading a CSV strictly and folding each record.

A record is a plain dict with the columns of ``rahai link`` (all optional but ``record_id``).
``features`` turns records into one column-wise table (a ``pyarrow.Table``) that the Splink
model compares; nothing here needs Django.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

import pyarrow as pa

from rahai.linkage import normalise

COLUMNS = (
    "record_id",
    "source",
    "full_name",
    "given_name",
    "family_name",
    "father_name",
    "gender",
    "birth_date",
    "birth_year",
    "age",
    "id_number",
    "phone",
    "address",
    "district",
    "province",
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class LinkInputError(ValueError):
    """A malformed input file; the message names the line."""


def read_csv(path, *, max_field: int = 10_000) -> list[dict[str, str]]:
    """Read and check a linkage CSV completely before anything is linked or written."""
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise LinkInputError(f"{path}: cannot read the file ({exc.strerror})") from None
    with handle:
        try:
            return list(_rows(handle, str(path), max_field))
        except UnicodeDecodeError:
            raise LinkInputError(f"{path}: the file is not UTF-8 text") from None


def _rows(handle, name: str, max_field: int) -> Iterator[dict[str, str]]:
    reader = csv.reader(handle, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise LinkInputError(
            f"{name}: the file is empty (a header with record_id is needed)"
        ) from None
    except csv.Error as exc:
        raise LinkInputError(f"{name}, line 1: {exc}") from None
    header = [h.strip().casefold() for h in header]
    if "record_id" not in header:
        raise LinkInputError(f"{name}, line 1: no record_id column in the header")
    duplicates = {h for h in header if h and header.count(h) > 1}
    if duplicates:
        raise LinkInputError(f"{name}, line 1: repeated column(s) {', '.join(sorted(duplicates))}")
    wanted = [(i, h) for i, h in enumerate(header) if h in COLUMNS]
    seen: dict[str, int] = {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise LinkInputError(f"{name}, line {reader.line_num}: {exc}") from None
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != len(header):
            raise LinkInputError(
                f"{name}, line {line}: {len(row)} fields where the header has {len(header)}"
            )
        record = {h: row[i].strip() for i, h in wanted}
        for key, value in record.items():
            if len(value) > max_field:
                raise LinkInputError(f"{name}, line {line}: the {key} field is too long")
        try:
            check_record(record)
        except ValueError as exc:
            raise LinkInputError(f"{name}, line {line}: {exc}") from None
        rid = record["record_id"]
        if rid in seen:
            raise LinkInputError(f"{name}, line {line}: record_id {rid!r} repeats line {seen[rid]}")
        seen[rid] = line
        yield record


def check_record(record: dict) -> None:
    if not record.get("record_id"):
        raise ValueError("record_id is empty")
    birth = record.get("birth_date") or ""
    if birth:
        if not _DATE.match(birth):
            raise ValueError("birth_date must be written YYYY-MM-DD")
        try:
            date.fromisoformat(birth)
        except ValueError:
            raise ValueError("birth_date is not a real date") from None
    for key, low, high in (("birth_year", 1880, 2100), ("age", 0, 120)):
        value = record.get(key) or ""
        if value and not (value.isdigit() and low <= int(value) <= high):
            raise ValueError(f"{key} must be a whole number from {low} to {high}")


def _birth_year(record: dict, reference_year: int) -> int | None:
    if record.get("birth_date"):
        return int(record["birth_date"][:4])
    if record.get("birth_year"):
        return int(record["birth_year"])
    if record.get("age") not in (None, ""):
        return reference_year - int(record["age"])
    return None


FEATURE_SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("source", pa.string()),
        ("given_raw", pa.string()),
        ("given_canon", pa.string()),
        ("given_skel", pa.string()),
        ("given_known", pa.bool_()),
        ("family_canon", pa.string()),
        ("family_skel", pa.string()),
        ("name_skels", pa.list_(pa.string())),
        ("name_sig", pa.string()),
        ("father_canon", pa.string()),
        ("father_skel", pa.string()),
        ("father_tokens", pa.list_(pa.string())),
        ("father_rel", pa.string()),
        ("gender", pa.string()),
        ("birth_date", pa.string()),
        ("birth_year", pa.int32()),
        ("cnic", pa.string()),
        ("cnic_last4", pa.string()),
        ("phones", pa.list_(pa.string())),
        ("phone1", pa.string()),
        ("district", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("province", pa.string()),
        ("address", pa.string()),
        ("urdu", pa.bool_()),
    ]
)


NAME_COLUMNS = (
    "given_raw",
    "given_canon",
    "given_skel",
    "given_known",
    "family_canon",
    "family_skel",
    "name_skels",
    "name_sig",
    "father_canon",
    "father_skel",
    "father_tokens",
    "father_rel",
    "urdu",
)


@lru_cache(maxsize=100_000)
def _name_features(full_name: str, given: str, family: str, father: str) -> tuple:
    """The name columns (``NAME_COLUMNS`` order) and whether a female title was seen."""
    parsed = normalise.parse_name(full_name, given, family, father)
    own = [*parsed.given.tokens, *parsed.family.tokens]
    skels = sorted({t.skel for t in own if t.skel})
    given_canon = parsed.given.canon
    father_tokens = sorted({t.canon for t in parsed.father.tokens})
    return (
        parsed.given.raw or None,
        given_canon or None,
        parsed.given.skel or None,
        bool(parsed.given.tokens) and given_canon in normalise.KNOWN_NAMES,
        parsed.family.canon or None,
        parsed.family.skel or None,
        skels or None,
        # Blocks swapped name parts; a one-word name would make a block of every "Ali".
        " ".join(skels) if len(skels) > 1 else None,
        parsed.father.canon or None,
        parsed.father.skel or None,
        father_tokens or None,
        parsed.relation or None,
        parsed.urdu,
    ), parsed.female_title


def feature_row(record: dict, *, reference_year: int) -> dict:
    """The comparison features of one record (blank values become None)."""
    get = record.get
    name_values, female_title = _name_features(
        get("full_name") or "",
        get("given_name") or "",
        get("family_name") or "",
        get("father_name") or "",
    )
    cnic, last4 = normalise.id_number(get("id_number") or "")
    numbers = normalise.phones(get("phone") or "")
    district_key, place = normalise.district(get("district") or "")
    province = place.province if place else ((get("province") or "").strip().casefold() or None)
    sex = normalise.gender(get("gender") or "")
    if sex is None and cnic and len(cnic) == 13:
        sex = "f" if int(cnic[-1]) % 2 == 0 else "m"  # a CNIC's last digit: even for women
    if sex is None and female_title:
        sex = "f"
    row = dict(zip(NAME_COLUMNS, name_values, strict=True))
    row.update(
        unique_id=str(record["record_id"]),
        source=get("source") or None,
        gender=sex,
        birth_date=get("birth_date") or None,
        birth_year=_birth_year(record, reference_year),
        cnic=cnic,
        cnic_last4=last4,
        phones=numbers or None,
        phone1=numbers[0] if numbers else None,
        district=district_key,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        province=province,
        address=normalise.address(get("address") or ""),
    )
    return row


def features(records: Iterable[dict], *, reference_year: int | None = None) -> pa.Table:
    """The feature table of ``records`` (``FEATURE_SCHEMA``), one row per record in order."""
    year = reference_year or date.today().year  # noqa: DTZ011 - a year, no time zone matters
    columns: dict[str, list] = {name: [] for name in FEATURE_SCHEMA.names}
    appenders = [(name, columns[name].append) for name in FEATURE_SCHEMA.names]
    for record in records:
        row = feature_row(record, reference_year=year)
        for name, append in appenders:
            append(row[name])
    return pa.table(columns, schema=FEATURE_SCHEMA)
