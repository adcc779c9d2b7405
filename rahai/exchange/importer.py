"""Checking and importing rows of cases, their victims and their perpetrators.

``check`` turns every row into the data the case and person services take and lists every
problem by row and column, writing nothing. ``commit`` (in ``services``) runs the same check
again and, only when no row has a problem, creates everything in one transaction: a file is
imported whole or not at all.

One person may have rows in several cases of a file (and several roles in one case). Rows are
the same person only when the file says so with a strong identifier: the same person id in the
source, or an identical CNIC (compared as its blind index). Names alone never make two rows one
person; record linkage's entry check proposes such pairs for review after the import. Where
rows of one person disagree (another birth date, another gender…), the first row's value is
kept and the difference is listed in ``Checked.conflicts``; a second CNIC for one person id, or
one person twice in the same role of one case, is a problem.

Problems never repeat a value from the file, except unknown codes of choice fields (gender,
status, types…) up to 24 characters without digits, which the user needs to extend a mapping.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rahai.cases.models import CaseStatus, CaseType, ClosureReason, Industry, RoleKind
from rahai.cases.services import clean_case_data
from rahai.core import crypto
from rahai.exchange import htcds
from rahai.geo.models import Country, District
from rahai.people.models import Gender, SearchKeyKind
from rahai.people.search import digest
from rahai.people.services import clean_person_data

TEXT, DATE, INT, CHOICE, MULTI, DISTRICT, COUNTRY, LIST = (
    "text",
    "date",
    "int",
    "choice",
    "multi",
    "district",
    "country",
    "list",
)

# Rahai field → (label, kind, choices for CHOICE/MULTI).
FIELDS: dict[str, tuple[Any, str, Any]] = {
    "case_external_id": (gettext_lazy("Case id in the source"), TEXT, None),
    "person_external_id": (gettext_lazy("Person id in the source"), TEXT, None),
    "role": (gettext_lazy("Role in the case"), CHOICE, None),
    "case_types": (gettext_lazy("Case types"), MULTI, CaseType),
    "status": (gettext_lazy("Case status"), CHOICE, CaseStatus),
    "closure_reason": (gettext_lazy("Closure reason"), CHOICE, ClosureReason),
    "opened_on": (gettext_lazy("Opened on"), DATE, None),
    "case_district": (gettext_lazy("District of the case"), DISTRICT, None),
    "title": (gettext_lazy("Short title"), TEXT, None),
    "summary": (gettext_lazy("Summary"), TEXT, None),
    "fir_number": (gettext_lazy("FIR number"), TEXT, None),
    "given_name": (gettext_lazy("Given name"), TEXT, None),
    "family_name": (gettext_lazy("Family name"), TEXT, None),
    "father_name": (gettext_lazy("Father's or husband's name"), TEXT, None),
    "name_urdu": (gettext_lazy("Name in Urdu script"), TEXT, None),
    "aliases": (gettext_lazy("Aliases"), LIST, None),
    "gender": (gettext_lazy("Gender"), CHOICE, Gender),
    "birth_date": (gettext_lazy("Birth date"), DATE, None),
    "estimated_age": (gettext_lazy("Estimated age"), INT, None),
    "cnic": (gettext_lazy("CNIC"), TEXT, None),
    "passport_number": (gettext_lazy("Passport number"), TEXT, None),
    "phones": (gettext_lazy("Phones"), LIST, None),
    "address": (gettext_lazy("Address"), TEXT, None),
    "person_district": (gettext_lazy("District of the person"), DISTRICT, None),
    "citizenship": (gettext_lazy("Citizenship"), COUNTRY, None),
    "trafficking_status": (gettext_lazy("Trafficking status"), CHOICE, None),
    "exploitation_types": (gettext_lazy("Types of exploitation"), MULTI, None),
    "means_of_control": (gettext_lazy("Means of control"), MULTI, None),
    "recruitment_method": (gettext_lazy("Recruitment method"), CHOICE, None),
    "recruiter_relationship": (gettext_lazy("Relationship to recruiter"), CHOICE, None),
    "age_when_trafficked": (gettext_lazy("Age when trafficked"), INT, None),
    "industry": (gettext_lazy("Industry (ISIC section)"), CHOICE, Industry),
    "perpetrator_roles": (gettext_lazy("Perpetrator roles"), MULTI, None),
    "exploitation_country": (gettext_lazy("Country of exploitation"), COUNTRY, None),
}
CASE_FIELDS = (
    "case_types",
    "status",
    "closure_reason",
    "opened_on",
    "title",
    "summary",
    "fir_number",
)
PERSON_FIELDS = (
    "given_name",
    "family_name",
    "father_name",
    "name_urdu",
    "aliases",
    "gender",
    "birth_date",
    "estimated_age",
    "cnic",
    "passport_number",
    "phones",
    "address",
    "citizenship",
)
# The victim context; a perpetrator's row carries its roles in the process instead.
ROLE_FIELDS = (
    "trafficking_status",
    "exploitation_types",
    "means_of_control",
    "recruitment_method",
    "recruiter_relationship",
    "age_when_trafficked",
    "industry",
)
PERPETRATOR_FIELDS = ("perpetrator_roles",)
# Person fields where rows of one person add up (a person may have several phones and aliases);
# any other field keeps the first row's value and a different one is listed as a conflict.
PERSON_LISTS = ("aliases", "phones")
# A person's field (as the person service names it) → the import field that fills it.
PERSON_FIELD_SOURCES = {"district": "person_district"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
SPLIT = re.compile(r"[;,،؛|\n]+")

HTCDS_MAPPING = {column: field for field, column in htcds.FLAT_COLUMNS.items() if field in FIELDS}


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Prepared:
    row: int
    row_key: str
    case_key: str
    case_data: dict
    person_data: dict  # this row's own person data (its import key is made of it)
    role_data: dict
    exploitation_country: Any = None
    # What makes rows one person: ("id", person id in the source), ("cnic", its blind index).
    links: tuple = ()
    person_row: int = 0  # the person's first row in the file; names the person in ``persons``
    # The key such a row had before the case id was part of a content key (rows without a
    # person id, with a case id); a row imported under it into the same case is not new.
    legacy_key: str = ""


@dataclass
class Checked:
    rows: list[Prepared] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total: int = 0
    already: set = field(default_factory=set)  # import keys of rows imported before
    # Every person of the file, by their first row: the data the person is created with.
    persons: dict[int, dict] = field(default_factory=dict)
    # Rows of one person that disagree with an earlier row; the earlier value is kept.
    conflicts: list[Problem] = field(default_factory=list)
    # A person of the file imported before (by another row of theirs): first row → person id.
    imported_persons: dict[int, int] = field(default_factory=dict)

    @property
    def invalid_rows(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def distinct_persons(self) -> int:
        return len(self.persons)


class Lookups:
    """Districts and countries by code or name (English or Urdu), read once per check."""

    def __init__(self) -> None:
        self.districts: dict[str, District] = {}
        for district in District.objects.select_related("province").filter(active=True):
            for key in (district.code, district.name_en, district.name_ur):
                if key:
                    self.districts.setdefault(htcds.fold(key), district)
        self.countries: dict[str, Country] = {}
        for country in Country.objects.all():
            for key in (country.code, country.alpha3, country.name_en, country.name_ur):
                if key:
                    self.countries.setdefault(htcds.fold(key), country)


def _choices_for(name: str):
    if name in htcds.VALUE_NAMES:
        return htcds.from_htcds(name)
    choices = FIELDS[name][2]
    out = {}
    for code, label in choices.choices:
        out[htcds.fold(code)] = code
        out[htcds.fold(str(label))] = code
    return out


def _echo(value: str) -> str:
    """A file value may be shown only when it looks like a code, never like personal data."""
    return value if len(value) <= 24 and not re.search(r"\d", value) else "…"


def _date(value: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError


def row_key(organisation_id: int, source: str, *parts: str) -> str:
    return crypto.blind_index("\x1f".join([str(organisation_id), source, *parts]), purpose="import")


def _normalised(values: dict) -> str:
    def plain(value):
        if isinstance(value, date):
            return value.isoformat()
        if hasattr(value, "code"):
            return value.code
        return value

    return json.dumps({k: plain(v) for k, v in sorted(values.items())}, sort_keys=True, default=str)


def check(
    rows: list[dict | None],
    *,
    columns: dict[str, str],
    value_maps: dict[str, dict[str, str]],
    source: str,
    organisation_id: int,
    first_row: int = 2,
) -> Checked:
    """Validate every row with the mapping ``columns`` (file column → Rahai field)."""
    lookups = Lookups()
    result = Checked()
    by_field: dict[str, str] = {}
    for column, name in columns.items():
        if name in FIELDS:
            by_field.setdefault(name, column)
    accepted = {
        name: _choices_for(name)
        for name, (_label, kind, _c) in FIELDS.items()
        if kind in (CHOICE, MULTI)
    }
    maps = {
        name: {htcds.fold(raw): code for raw, code in (mapping or {}).items()}
        for name, mapping in (value_maps or {}).items()
    }

    def column_of(name: str) -> str:
        return by_field.get(name, str(FIELDS[name][0]))

    missing = [name for name in ("case_district",) if name not in by_field]
    for name in missing:
        result.problems.append(
            Problem(
                first_row - 1,
                "",
                _("Map a column to “%(field)s”: every case needs it.") % {"field": FIELDS[name][0]},
            )
        )
    for offset, raw in enumerate(rows):
        number = first_row + offset
        if raw is None:
            continue
        result.total += 1
        problems: list[Problem] = []

        failed: set[str] = set()

        def fail(name: str, message: str, number=number, problems=problems, failed=failed) -> None:
            if name in failed and name in ("case_district", "person_district"):
                return  # "unknown district" already says it; not "choose a district" as well
            failed.add(name)
            problems.append(Problem(number, by_field.get(name, str(FIELDS[name][0])), message))

        values: dict[str, Any] = {}
        for name, column in by_field.items():
            text = (raw.get(column) or "").strip()
            _label, kind, _choices = FIELDS[name]
            if not text:
                continue
            if kind == TEXT:
                values[name] = text
            elif kind == LIST:
                values[name] = [part.strip() for part in SPLIT.split(text) if part.strip()]
            elif kind == INT:
                try:
                    values[name] = int(float(text))
                except ValueError:
                    fail(name, _("This is not a whole number."))
            elif kind == DATE:
                try:
                    values[name] = _date(text)
                except ValueError:
                    fail(name, _("This is not a date; write it as 2025-03-31 or 31/03/2025."))
            elif kind == DISTRICT:
                district = lookups.districts.get(htcds.fold(text))
                if district is None:
                    fail(name, _("No district of Pakistan has this code or name."))
                values[name] = district
            elif kind == COUNTRY:
                country = lookups.countries.get(htcds.fold(text))
                if country is None:
                    fail(name, _("No country has this code or name."))
                values[name] = country
            else:
                parts = [text] if kind == CHOICE else [p for p in SPLIT.split(text) if p.strip()]
                codes = []
                for part in parts:
                    folded = htcds.fold(part)
                    code = maps.get(name, {}).get(folded) or accepted[name].get(folded)
                    if code is None:
                        fail(
                            name,
                            _(
                                "“%(value)s” is not a value Rahai or the mapping knows for %(field)s."
                            )
                            % {"value": _echo(part.strip()), "field": FIELDS[name][0]},
                        )
                    else:
                        codes.append(code)
                values[name] = codes[0] if kind == CHOICE and codes else codes
        case_data = {name: values[name] for name in CASE_FIELDS if name in values}
        case_data["district"] = values.get("case_district")
        if not case_data.get("case_types"):
            case_data["case_types"] = [CaseType.TRAFFICKING_INTERNAL]
        cleaned_case = case_data
        try:
            cleaned_case = clean_case_data(dict(case_data))
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                target = {"district": "case_district"}.get(name, name)
                for message in errors:
                    if target == "case_district" and "case_district" in missing:
                        continue
                    fail(target if target in FIELDS else "case_types", message)
        person_data = {name: values[name] for name in PERSON_FIELDS if name in values}
        if "estimated_age" in person_data:
            person_data["age_estimated_on"] = cleaned_case.get("opened_on") or timezone.localdate()
        if values.get("person_district"):
            person_data["district"] = values["person_district"]
        try:
            person_data = clean_person_data(person_data)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                target = name if name in FIELDS else "given_name"
                for message in errors:
                    fail(target, message)
        role = values.get("role") or RoleKind.VICTIM  # a file without roles holds victims
        if role in (RoleKind.WITNESS, RoleKind.REPORTER):
            for name in (*ROLE_FIELDS, *PERPETRATOR_FIELDS):
                if name in values:
                    fail(
                        name,
                        _(
                            "A witness or reporter has no victim context and no roles in the "
                            "trafficking process; leave this empty on their row."
                        ),
                    )
            role_data = {}
        elif role == RoleKind.SUSPECT:
            for name in ROLE_FIELDS:
                if name in values:
                    fail(name, _("Only a victim has this; leave it empty on a perpetrator's row."))
            role_data = {name: values[name] for name in PERPETRATOR_FIELDS if name in values}
        else:
            for name in PERPETRATOR_FIELDS:
                if name in values:
                    fail(
                        name,
                        _(
                            "Only a perpetrator has roles in the trafficking process; leave this "
                            "empty on a victim's row, or give the row the role of perpetrator."
                        ),
                    )
            role_data = {name: values[name] for name in ROLE_FIELDS if name in values}
        role_data["role"] = role
        age = role_data.get("age_when_trafficked")
        if age is not None and not 0 <= age <= 120:
            fail("age_when_trafficked", _("An age must be between 0 and 120."))
        result.problems.extend(problems)
        if problems:
            continue
        case_external = values.get("case_external_id", "")
        person_external = values.get("person_external_id", "")
        keyed_person = {**person_data}
        if "estimated_age" in person_data and not cleaned_case.get("opened_on"):
            # Dated today when the file gives no date: not part of the key, or the same file
            # imported again tomorrow would be new rows.
            keyed_person.pop("age_estimated_on", None)
        content = _normalised({**cleaned_case, **keyed_person, **role_data})
        if person_external and role != RoleKind.VICTIM:
            # Not the victim's key: one person may be a victim and a perpetrator (or a witness)
            # of one case.
            key = row_key(organisation_id, source, "row", case_external, person_external, role)
        elif person_external:
            key = row_key(organisation_id, source, "row", case_external, person_external)
        elif case_external:
            # The case id is part of the content: the same person in two cases is two rows.
            key = row_key(organisation_id, source, "content", case_external, content)
        else:
            key = row_key(organisation_id, source, "content", content)
        legacy_key = (
            row_key(organisation_id, source, "content", content)
            if case_external and not person_external
            else ""
        )
        case_key = row_key(organisation_id, source, "case", case_external) if case_external else key
        links = []
        if person_external:
            links.append(("id", person_external))
        if person_data.get("cnic"):
            links.append(("cnic", digest(SearchKeyKind.CNIC, person_data["cnic"])))
        result.rows.append(
            Prepared(
                row=number,
                row_key=key,
                case_key=case_key,
                case_data=case_data,
                person_data=person_data,
                role_data=role_data,
                # A victim's route; on a perpetrator's row (the flat export repeats the case's
                # country of exploitation there) it is not the perpetrator's.
                exploitation_country=values.get("exploitation_country")
                if role == RoleKind.VICTIM
                else None,
                links=tuple(links),
                legacy_key=legacy_key,
            )
        )
    if not result.total:
        result.problems.append(Problem(first_row, "", _("The file has no rows to import.")))
    _group_persons(result, column_of)
    result.problems.sort(key=lambda problem: problem.row)  # stable: a row's own order stays
    position = {column: i for i, column in enumerate(by_field.values())}
    result.conflicts.sort(key=lambda p: (p.row, position.get(p.column, len(position))))
    return result


def _group_persons(result: Checked, column_of) -> None:
    """Make the rows that the file links by a person id or an identical CNIC one person.

    The links are transitive (rows 2 and 5 share a person id, rows 5 and 9 a CNIC: one person).
    The person's data is the first row's, completed by later rows where it is empty; phones and
    aliases add up. A later row's other value is a conflict (listed, the first value kept),
    except a second CNIC, which says the link itself is wrong: a problem of that row, as is the
    same person twice in the same role of one case."""
    rows = result.rows
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        for link in row.links:
            if link not in first_with:
                first_with[link] = i
                continue
            a, b = find(first_with[link]), find(i)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Prepared]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(find(i), []).append(row)
    conflict = _(
        "Row %(row)d is the same person (the same person id or CNIC) with another value here; "
        "the value of row %(row)d is kept. Correct the person after the import if this one is "
        "right."
    )
    for members in groups.values():
        person_row = members[0].row
        merged: dict[str, Any] = {}
        kept_from: dict[str, int] = {}
        roles: dict[tuple[str, str], Prepared] = {}
        for row in members:
            row.person_row = person_row
            data = row.person_data
            for name, value in data.items():
                if name == "age_estimated_on":
                    continue  # goes with the estimated age it dates
                if name in PERSON_LISTS:
                    merged[name] = list(dict.fromkeys([*merged.get(name, []), *value]))
                    continue
                if value in (None, "", []) or (name == "gender" and value == Gender.UNKNOWN):
                    continue
                if name not in merged:
                    merged[name] = value
                    kept_from[name] = row.row
                    if name == "estimated_age":
                        merged["age_estimated_on"] = data.get("age_estimated_on")
                    continue
                if _same(name, merged, data):
                    continue
                column = column_of(PERSON_FIELD_SOURCES.get(name, name))
                if name == "cnic":
                    result.problems.append(
                        Problem(
                            row.row,
                            column,
                            _(
                                "Row %(row)d is the same person (the same person id or CNIC) "
                                "with another CNIC; one person has one CNIC. Correct the CNIC or "
                                "the person id in one of the rows."
                            )
                            % {"row": kept_from[name]},
                        )
                    )
                else:
                    result.conflicts.append(
                        Problem(row.row, column, conflict % {"row": kept_from[name]})
                    )
            role_key = (row.case_key, row.role_data["role"])
            earlier = roles.setdefault(role_key, row)
            if earlier is not row and earlier.row_key != row.row_key:
                result.problems.append(
                    Problem(
                        row.row,
                        _link_column(row, column_of),
                        _(
                            "Row %(row)d gives this person (the same person id or CNIC) the same "
                            "role in the same case; leave one of the two rows out."
                        )
                        % {"row": earlier.row},
                    )
                )
        result.persons[person_row] = merged


def _link_column(row: Prepared, column_of) -> str:
    kinds = [kind for kind, _value in row.links]
    return column_of("person_external_id" if "id" in kinds else "cnic")


def _same(name: str, kept: dict, data: dict) -> bool:
    """Whether a later row's value says the same as the kept one (spelling and case aside)."""
    value = data[name]
    if name == "estimated_age":
        # Rows of different cases estimate the age on different dates: compare birth years.
        born = kept["age_estimated_on"].year - kept["estimated_age"]
        return abs(born - (data["age_estimated_on"].year - value)) <= 1
    if isinstance(value, str):
        return htcds.fold(kept[name]) == htcds.fold(value)
    return kept[name] == value


def guess_columns(header: list[str]) -> dict[str, str]:
    """A first mapping for a new file: columns named like a Rahai field or its HTCDS name."""
    names = {htcds.fold(name): name for name in FIELDS}
    names.update({htcds.fold(str(label)): name for name, (label, _k, _c) in FIELDS.items()})
    names.update({htcds.fold(column): name for column, name in HTCDS_MAPPING.items()})
    guessed = {}
    for column in header:
        name = names.get(htcds.fold(column))
        if name and name not in guessed.values():
            guessed[column] = name
    return guessed
