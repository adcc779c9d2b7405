"""Loading the consolidated law (shipped CSVs: ``data/laws.csv`` and ``data/offences.csv``).

Loading only adds what is missing: a law is matched by its ``code``, an offence by its law and
``section``. A row that exists is never changed, so corrections an administrator made in the
admin survive every later load. Rows the sources disagree on carry ``needs_verification``.

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


def load_laws(Law, Offence, Province) -> dict[str, int]:  # noqa: N803 (model classes)
    """Create the missing laws and offences; return how many of each were added."""
    added = {"laws": 0, "offences": 0}
    laws = {law.code: law for law in Law.objects.all()}
    provinces = {province.code: province for province in Province.objects.all()}
    for row in law_rows():
        if row["code"] in laws:
            continue
        code = row.pop("province")
        if code and code not in provinces:
            raise ValueError(f"laws.csv: {row['code']} names an unknown province {code!r}.")
        laws[row["code"]] = Law.objects.create(province=provinces.get(code), **row)
        added["laws"] += 1
    existing = set(Offence.objects.values_list("law_id", "section"))
    new_offences = []
    for row in offence_rows():
        law = laws.get(row.pop("law"))
        if law is None:
            raise ValueError(f"offences.csv: section {row['section']} names an unknown law.")
        if (law.pk, row["section"]) in existing:
            continue
        existing.add((law.pk, row["section"]))
        new_offences.append(Offence(law=law, **row))
    Offence.objects.bulk_create(new_offences)
    added["offences"] = len(new_offences)
    return added
