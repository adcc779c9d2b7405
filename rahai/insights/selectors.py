"""Reading the count tables: sums of ``Count`` by month, value, place, case type, gender, age.

Every dashboard figure comes from ``counts()``: one indexed query on ``Count`` (never on cases,
persons or contacts). It reads the rows of the right geographic level -- national rows when no
place is asked for, province rows for a province, district rows for a district or a breakdown by
district -- so a dashboard reads a few thousand rows at most, however many cases there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Max, Min, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rahai.geo.models import Country, District, Province
from rahai.insights.models import MONTH, TOTAL_OFFSET, YEAR, Count, Level
from rahai.insights.statistics import (
    CROSS_DIMENSIONS,
    DIMENSIONS,
    INTERNAL,
    NONE_RECORDED,
    PAIR,
    STATISTICS,
    STEP,
    UNKNOWN,
    AgeBand,
    mask_codes,
    masks_with,
)


@dataclass(frozen=True)
class Filters:
    """What the figures are restricted to (all optional). ``end`` is the last month included."""

    start: date | None = None
    end: date | None = None
    province: str = ""
    district: str = ""
    case_type: str = ""
    gender: str = ""
    age_band: str = ""

    def without_place(self) -> Filters:
        return replace(self, province="", district="")


# Columns a count can be grouped by; "year" and "case_type" are folded in Python.
GROUPS = {
    "period": "period",
    "month": "period",
    "year": "period",
    "value": "value",
    "province": "province",
    "district": "district",
    "case_type": "case_types",
    "gender": "gender",
    "age_band": "age_band",
}


def province_of(district_code: str) -> str:
    return (
        District.objects.filter(code=district_code).values_list("province__code", flat=True).first()
        or ""
    )


def level_for(filters: Filters, by: tuple[str, ...] = ()) -> Level:
    """The place level a question needs (before ``rows_level`` picks the split or total rows)."""
    if "district" in by or filters.district:
        return Level.DISTRICT
    if "province" in by or filters.province:
        return Level.PROVINCE
    return Level.NATIONAL


def needs_split(statistic: str, filters: Filters, by: tuple[str, ...] = ()) -> bool:
    """Whether the answer needs rows split by case type (or by gender and age band)."""
    if filters.case_type or "case_type" in by:
        return True
    if not STATISTICS[statistic].persons:
        return False
    return bool(filters.gender or filters.age_band or {"gender", "age_band"} & set(by))


def unsplit(statistic: str, level: Level, dimension: str) -> set[str]:
    """The person columns a breakdown's rows are not split by at this level (``Cells.add``)."""
    if not dimension or not STATISTICS[statistic].persons or level == Level.NATIONAL:
        return set()
    return {"age_band"} if level == Level.PROVINCE else {"gender", "age_band"}


def limitation(
    statistic: str, filters: Filters, *, dimension: str = "", by: tuple[str, ...] = ()
) -> str:
    """Why an answer is coarser than asked (see ``facts.Cells.add``), or ""."""
    level = level_for(filters, by)
    if dimension in CROSS_DIMENSIONS and level == Level.DISTRICT:
        return _("This breakdown is kept for provinces and Pakistan, not for a single district.")
    missing = unsplit(statistic, level, dimension)
    asked = {name for name in ("gender", "age_band") if getattr(filters, name) or name in by}
    if not missing & asked:
        return ""
    if "gender" in missing & asked:
        return _(
            "For a single district this breakdown is not split by gender or age band: "
            "those filters are not applied here."
        )
    return _(
        "For a province this breakdown is not split by age band: the age band filter is not "
        "applied here."
    )


def whole_years(filters: Filters, by: tuple[str, ...] = ()) -> bool:
    """Whether the yearly rows answer this: not grouped by month, whole years asked for."""
    if {"period", "month"} & set(by):
        return False
    return (filters.start is None or filters.start.month == 1) and (
        filters.end is None or filters.end.month == 12
    )


def counts(
    statistic: str,
    filters: Filters,
    *,
    dimension: str = "",
    by: tuple[str, ...] = (),
    districts: tuple[str, ...] = (),
) -> dict[tuple, list[int]]:
    """``{(group values...): [n, total]}`` for one statistic and dimension under the filters.

    Breakdown rows below the national level are not split by age band (provinces) or by gender
    and age band (districts); there those filters are not applied, and ``limitation`` gives the
    page a note saying so. ``districts`` narrows a breakdown by district to those districts."""
    stat = STATISTICS[statistic]
    level = level_for(filters, by)
    missing = unsplit(statistic, level, dimension)
    if not needs_split(statistic, filters, by):
        level = Level(level + TOTAL_OFFSET)
    span = YEAR if whole_years(filters, by) else MONTH
    rows = Count.objects.filter(statistic=statistic, dimension=dimension, level=level, span=span)
    # Every column of the index before ``period`` is pinned where it can be, so the database
    # seeks straight to the months asked for (and never prefers the fill job's index).
    if filters.district:
        rows = rows.filter(province=province_of(filters.district), district=filters.district)
    elif filters.province:
        rows = rows.filter(province=filters.province)
    if level in (Level.NATIONAL, Level.NATIONAL_TOTAL):
        rows = rows.filter(province="", district="")
    elif level in (Level.PROVINCE, Level.PROVINCE_TOTAL):
        rows = rows.filter(district="")
    if districts:
        rows = rows.filter(district__in=list(districts))
    if filters.start:
        rows = rows.filter(period__gte=filters.start)
    if filters.end:
        rows = rows.filter(period__lte=filters.end)
    if filters.case_type:
        rows = rows.filter(case_types__in=masks_with(filters.case_type))
    if stat.persons:
        if filters.gender and "gender" not in missing:
            rows = rows.filter(gender=filters.gender)
        if filters.age_band and "age_band" not in missing:
            rows = rows.filter(age_band=filters.age_band)
    columns = sorted({GROUPS[name] for name in by})
    result: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    query = rows.values(*columns).annotate(n=Sum("n"), total=Sum("total")).order_by()
    for row in query:
        keys: list[list] = [[]]
        for name in by:
            raw = row[GROUPS[name]]
            if name == "year":
                options = [raw.year]
            elif name == "case_type":
                options = mask_codes(raw) or [UNKNOWN]
            else:
                options = [raw]
            keys = [key + [option] for key in keys for option in options]
        for key in keys:
            cell = result[tuple(key)]
            cell[0] += row["n"]
            cell[1] += row["total"] or 0
    return dict(result)


def total(statistic: str, filters: Filters) -> int:
    return counts(statistic, filters).get((), [0, 0])[0]


def extent(statistic: str) -> tuple[date | None, date | None]:
    """The first and last month with counts for a statistic."""
    found = Count.objects.filter(
        statistic=statistic,
        dimension="",
        level=Level.NATIONAL_TOTAL,
        span=MONTH,
        province="",
        district="",
    ).aggregate(first=Min("period"), last=Max("period"))
    return found["first"], found["last"]


def months_between(start: date, end: date) -> list[date]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# --- labels --------------------------------------------------------------------------------------


class Labels:
    """Labels for codes in the current language (reference data read once per request)."""

    def __init__(self) -> None:
        self._countries: dict[str, str] | None = None
        self._districts: dict[str, tuple[str, str]] | None = None
        self._provinces: dict[str, str] | None = None
        self.urdu = (get_language() or "en").startswith("ur")

    def _name(self, en: str, ur: str) -> str:
        return ur if self.urdu and ur else en

    @property
    def countries(self) -> dict[str, str]:
        if self._countries is None:
            self._countries = {
                code: self._name(en, ur)
                for code, en, ur in Country.objects.values_list("code", "name_en", "name_ur")
            }
        return self._countries

    @property
    def districts(self) -> dict[str, tuple[str, str]]:
        """code -> (name, province code)"""
        if self._districts is None:
            self._districts = {
                code: (self._name(en, ur), province)
                for code, en, ur, province in District.objects.values_list(
                    "code", "name_en", "name_ur", "province__code"
                )
            }
        return self._districts

    @property
    def provinces(self) -> dict[str, str]:
        if self._provinces is None:
            self._provinces = {
                code: self._name(en, ur)
                for code, en, ur in Province.objects.values_list("code", "name_en", "name_ur")
            }
        return self._provinces

    @property
    def centroids(self) -> dict[str, tuple[float, float]]:
        """district code -> (latitude, longitude)"""
        if getattr(self, "_centroids", None) is None:
            self._centroids = {
                code: (float(lat), float(lon))
                for code, lat, lon in District.objects.values_list("code", "latitude", "longitude")
            }
        return self._centroids

    def district(self, code: str) -> str:
        return self.districts.get(code, (code, ""))[0] if code else _("Unknown")

    def province(self, code: str) -> str:
        return self.provinces.get(code, code) if code else _("Unknown")

    def country(self, code: str) -> str:
        if code in (UNKNOWN, ""):
            return _("Unknown")
        return self.countries.get(code, code)

    def place(self, token: str) -> str:
        if token.startswith("d:"):
            return self.district(token[2:])
        if token.startswith("c:"):
            return self.country(token[2:])
        return self.country(token)

    def split(self, split: str, value) -> str:
        """A label for a value of a breakdown: a dimension or one of the filter columns."""
        if split == "district":
            return self.district(value)
        if split == "province":
            return self.province(value)
        if split == "case_type":
            from rahai.cases.models import CaseType

            return str(dict(CaseType.choices).get(value, _("Unknown")))
        if split == "gender":
            from rahai.people.models import Gender

            return str(dict(Gender.choices).get(value, _("Unknown")))
        if split == "age_band":
            return str(dict(AgeBand.choices).get(value, _("Unknown")))
        return self.value(split, value)

    def value(self, dimension: str, value: str) -> str:
        if value == NONE_RECORDED:
            return _("None recorded")
        if value == UNKNOWN or value == "":
            return _("Unknown")
        if dimension in {"destination", "destination_country"} and value == INTERNAL:
            return _("Pakistan (internal)")
        spec = DIMENSIONS.get(dimension)
        if spec is None:
            return value
        if spec.kind == "country":
            return self.country(value)
        if spec.kind == "place":
            return self.place(value)
        if spec.kind == "pattern":
            return " → ".join(self.place(token) for token in value.split(STEP))
        if spec.kind == "pair":
            first, _sep, second = value.partition(PAIR)
            return f"{self.value(spec.pair[0], first)} · {self.value(spec.pair[1], second)}"
        labels = spec.values() if spec.values else {}
        return str(labels.get(value, value))
