"""Loading the consolidated law (shipped CSVs: ``data/laws.csv`` and ``data/offences.csv``).

Loading only adds what is missing: a shipped law or offence is matched by its reference key (its
code, or "code:section", as shipped), which corrections never change. A row that exists is
never changed, so corrections an administrator made in the admin (a penalty, a renumbered
section, a corrected code) survive every later load. Rows the sources disagree on carry ``needs_verification``.

The functions take the model classes, so the data migration can pass its historical models.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LAWS_CSV = DATA_DIR / "laws.csv"
OFFENCES_CSV = DATA_DIR / "offences.csv"


def _flag(value: str) -> bool:
    return value.strip() in {"1", "true", "True", "yes"}


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def _decimal(value: str) -> Decimal | None:
    return Decimal(value) if value.strip() else None


def law_rows() -> list[dict]:
    """The shipped laws, as field values (``province`` is a province code or "")."""
    with LAWS_CSV.open(encoding="utf-8") as handle:
        return [
            {
                "code": row["code"].strip(),
                "short_name": row["short_name"].strip(),
                "title": row["title"].strip(),
                "citation": row["citation"].strip(),
                "year": _int(row["year"]),
                "province": row["province"].strip(),
                "theme": row["theme"].strip(),
                "needs_verification": _flag(row["needs_verification"]),
                "position": _int(row["position"]) or 0,
                "notes": row["notes"].strip(),
            }
            for row in csv.DictReader(handle)
        ]


def offence_rows() -> list[dict]:
    """The shipped offences, as field values (``law`` is the law's code)."""
    with OFFENCES_CSV.open(encoding="utf-8") as handle:
        return [
            {
                "law": row["law"].strip(),
                "section": row["section"].strip(),
                "title": row["title"].strip(),
                "description": row["description"].strip(),
                "penalty": row["penalty"].strip(),
                "min_years": _decimal(row["min_years"]),
                "max_years": _decimal(row["max_years"]),
                "max_fine_rs": _int(row["max_fine_rs"]),
                "chargeable": _flag(row["chargeable"]),
                "repealed_note": row["repealed_note"].strip(),
                "needs_verification": _flag(row["needs_verification"]),
                "position": _int(row["position"]) or 0,
            }
            for row in csv.DictReader(handle)
        ]


def offence_key(law_code: str, section: str) -> str:
    return f"{law_code}:{section}"


def load_laws(Law, Offence, Province) -> dict[str, int]:  # noqa: N803 (model classes)
    """Create the missing laws and offences; return how many of each were added.

    A shipped row is known by its reference key (the code, or "code:section", as shipped),
    which an administrator's corrections never change: a law whose code was corrected, or a
    section renumbered, is never added again beside itself. A row an administrator entered
    before it was shipped (same code, or same law and section) is adopted, not duplicated."""
    added = {"laws": 0, "offences": 0}
    laws = {law.reference_key: law for law in Law.objects.exclude(reference_key="")}
    by_code = {law.code: law for law in Law.objects.filter(reference_key="")}
    provinces = {province.code: province for province in Province.objects.all()}
    for row in law_rows():
        code = row["code"]
        if code in laws:
            continue
        province = row.pop("province")
        if province and province not in provinces:
            raise ValueError(f"laws.csv: {code} names an unknown province {province!r}.")
        adopted = by_code.get(code)
        if adopted is not None:
            adopted.reference_key = code
            adopted.save(update_fields=["reference_key"])
            laws[code] = adopted
            continue
        laws[code] = Law.objects.create(province=provinces.get(province), reference_key=code, **row)
        added["laws"] += 1
    shipped = set(Offence.objects.exclude(reference_key="").values_list("reference_key", flat=True))
    unkeyed = {
        (offence.law_id, offence.section): offence
        for offence in Offence.objects.filter(reference_key="")
    }
    new_offences = []
    for row in offence_rows():
        law_code = row.pop("law")
        law = laws.get(law_code)
        if law is None:
            raise ValueError(f"offences.csv: section {row['section']} names an unknown law.")
        key = offence_key(law_code, row["section"])
        if key in shipped:
            continue
        shipped.add(key)
        adopted = unkeyed.pop((law.pk, row["section"]), None)
        if adopted is not None:
            adopted.reference_key = key
            adopted.save(update_fields=["reference_key"])
            continue
        new_offences.append(Offence(law=law, reference_key=key, **row))
    Offence.objects.bulk_create(new_offences)
    added["offences"] = len(new_offences)
    return added
