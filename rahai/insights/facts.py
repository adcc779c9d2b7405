"""From source rows to count cells: one month of cases or contacts at a time.

The fill job reads the month's cases, roles, route events and contacts through the access
layers' system functions (never their managers) and hands the rows to the functions here, which
know nothing of the database: each unit adds 1 to the cells it belongs to, at the district, the
province and the national level. What goes into ``Count`` is the sum.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from rahai.insights.models import TOTAL_OFFSET, Level
from rahai.insights.statistics import (
    CROSS_DIMENSIONS,
    INTERNAL,
    NONE_RECORDED,
    PAIR,
    ROUTE_STEPS,
    STEP,
    UNKNOWN,
    SlaOutcome,
    age_band,
    age_on,
    case_types_mask,
    place_token,
    response_band,
)

MAX_ROUTE_PLACES = 8

# (statistic, level, province, district, case_types, gender, age_band, dimension, value)
Key = tuple[str, int, str, str, int, str, str, str, str]


@dataclass
class Cells:
    """Counts being gathered for one month: key -> [n, total]."""

    values: dict[Key, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(
        self,
        statistic: str,
        base: tuple[str, str, int, str, str],
        dimension: str = "",
        value: str = "",
        measure: int = 0,
    ) -> None:
        """Count one unit under (dimension, value) at its district, its province and nationally.

        Breakdowns are kept coarser below the national level, to keep the table small (and
        cells that small would mostly be suppressed anyway): by province they are split by
        gender but not by age band, by district by neither, and the cross breakdowns (root
        cause by type of exploitation, by destination) are not kept for single districts.
        Plain counts (no breakdown) keep gender and age band at every level. Each row also
        goes into its place's total over case types, genders and ages (``TOTAL_OFFSET``)."""
        province, district, mask, gender, band = base
        values = self.values
        levels = [
            (Level.NATIONAL, "", "", gender, band),
            (Level.PROVINCE, province, "", gender, "" if dimension else band),
        ]
        if dimension not in CROSS_DIMENSIONS:
            if dimension:
                levels.append((Level.DISTRICT, province, district, "", ""))
            else:
                levels.append((Level.DISTRICT, province, district, gender, band))
        for level, prov, dist, sex, age in levels:
            for key in (
                (statistic, int(level), prov, dist, mask, sex, age, dimension, value),
                # The same place's total over case types, genders and ages.
                (statistic, int(level) + TOTAL_OFFSET, prov, dist, 0, "", "", dimension, value),
            ):
                cell = values[key]
                cell[0] += 1
                cell[1] += measure

    def add_each(self, statistic, base, dimension: str, values: Iterable[str]) -> None:
        """A multi-valued dimension: once under each distinct value, or under "none recorded"."""
        distinct = sorted(set(values)) or [NONE_RECORDED]
        for value in distinct:
            self.add(statistic, base, dimension, value)


# --- routes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    places: tuple[str, ...]  # tokens in order, consecutive repeats merged
    origin: str
    destination: str
    transit: tuple[str, ...]

    @property
    def pattern(self) -> str:
        return STEP.join(self.places)

    @property
    def origin_district(self) -> str:
        return self.origin[2:] if self.origin.startswith("d:") else ""

    @property
    def destination_country(self) -> str:
        """The destination's country code: ``PK`` for a district of Pakistan."""
        if self.destination.startswith("c:"):
            return self.destination[2:]
        return INTERNAL if self.destination else UNKNOWN


def route_of(events: list[dict]) -> Route | None:
    """A case's route from its events (ordered by position): recruitment, transit, exploitation
    and interception places; returns after exploitation are left out."""
    places: list[str] = []
    kinds: list[str] = []
    for event in events:
        if event["event_type"] not in ROUTE_STEPS:
            continue
        token = place_token(district=event["district"], country=event["country"])
        if not token:
            continue
        if places and places[-1] == token:
            if event["event_type"] == "exploitation":
                kinds[-1] = "exploitation"
            continue
        places.append(token)
        kinds.append(event["event_type"])
    if not places:
        return None
    last_exploitation = max(
        (i for i, kind in enumerate(kinds) if kind == "exploitation"), default=len(places) - 1
    )
    places = places[: last_exploitation + 1]
    if len(places) > MAX_ROUTE_PLACES:
        places = places[: MAX_ROUTE_PLACES - 1] + places[-1:]
    return Route(
        places=tuple(places),
        origin=places[0],
        destination=places[-1],
        transit=tuple(places[1:-1]),
    )


# --- cases, victims, suspects, routes --------------------------------------------------------


def case_cells(
    cases: list[dict],
    roles: list[dict],
    events: list[dict],
    statistics: Iterable[str],
    province_of: dict[str, str],
) -> Cells:
    """Cells of the case statistics for one month's cases.

    ``cases``: id, opened_on, status, district and province codes, case type codes.
    ``roles``: victim and suspect roles of those cases, with the person's gender, birth data,
    citizenship and home district. ``events``: their route events, ordered by case and position.
    ``province_of``: district code -> province code.
    """
    wanted = set(statistics)
    cells = Cells()
    events_by_case: dict[int, list[dict]] = defaultdict(list)
    for event in events:
        events_by_case[event["case_id"]].append(event)
    routes = {case_id: route_of(items) for case_id, items in events_by_case.items()}
    by_id = {case["id"]: case for case in cases}
    for case in cases:
        mask = case_types_mask(case["case_types"])
        base = (case["province"] or "", case["district"] or "", mask, "", "")
        if "cases" in wanted:
            cells.add("cases", base)
            cells.add("cases", base, "status", case["status"] or UNKNOWN)
        route = routes.get(case["id"])
        if route is not None and "routes" in wanted:
            origin_province = province_of.get(route.origin_district, "")
            route_base = (origin_province, route.origin_district, mask, "", "")
            cells.add("routes", route_base)
            cells.add("routes", route_base, "pattern", route.pattern)
            cells.add("routes", route_base, "origin", route.origin)
            cells.add("routes", route_base, "destination", route.destination)
            for token in sorted(set(route.transit)):
                cells.add("routes", route_base, "transit", token)
        if "exploitation_places" in wanted:
            seen = set()
            for event in events_by_case.get(case["id"], []):
                if event["event_type"] != "exploitation":
                    continue
                token = place_token(district=event["district"], country=event["country"])
                if not token or token in seen:
                    continue
                seen.add(token)
                if event["district"]:
                    district = event["district"]
                    place_base = (province_of.get(district, ""), district, mask, "", "")
                    cells.add("exploitation_places", place_base)
                    cells.add("exploitation_places", place_base, "country", INTERNAL)
                else:
                    cells.add("exploitation_places", ("", "", mask, "", ""), "country", token[2:])
    for role in roles:
        case = by_id.get(role["case_id"])
        if case is None:
            continue
        mask = case_types_mask(case["case_types"])
        age = age_on(
            case["opened_on"],
            when_trafficked=role["age_when_trafficked"],
            birth_date=role["birth_date"],
            estimated_age=role["estimated_age"],
            estimated_on=role["age_estimated_on"],
        )
        gender = role["gender"] or UNKNOWN
        band = age_band(age)
        base = (case["province"] or "", case["district"] or "", mask, gender, band)
        nationality = role["citizenship"] or UNKNOWN
        if role["role"] == "suspect":
            if "suspects" in wanted:
                cells.add("suspects", base)
                cells.add("suspects", base, "nationality", nationality)
                cells.add_each(
                    "suspects", base, "perpetrator_role", role["perpetrator_roles"] or []
                )
            continue
        route = routes.get(case["id"])
        if "victim_origins" in wanted:
            home = role["home_district"] or (route.origin_district if route is not None else "")
            origin = (province_of.get(home, ""), home) if home else ("", "")
            cells.add("victim_origins", (*origin, mask, gender, band))
        if "victims" not in wanted:
            continue
        cells.add("victims", base)
        cells.add("victims", base, "nationality", nationality)
        for name in ("recruitment_method", "recruiter_relationship", "industry"):
            cells.add("victims", base, name, role[name] or UNKNOWN)
        cells.add("victims", base, "trafficking_status", role["trafficking_status"] or UNKNOWN)
        exploitation = sorted(set(role["exploitation_types"] or [])) or [NONE_RECORDED]
        factors = sorted(set(role["vulnerability_factors"] or [])) or [NONE_RECORDED]
        cells.add_each("victims", base, "exploitation_type", exploitation)
        cells.add_each("victims", base, "means_of_control", role["means_of_control"] or [])
        cells.add_each("victims", base, "vulnerability_factor", factors)
        destination = route.destination_country if route is not None else UNKNOWN
        cells.add("victims", base, "destination_country", destination)
        for factor in factors:
            for kind in exploitation:
                cells.add("victims", base, "factor_exploitation", f"{factor}{PAIR}{kind}")
            cells.add("victims", base, "factor_destination", f"{factor}{PAIR}{destination}")
    return cells


# --- hotline contacts -------------------------------------------------------------------------


def contact_cells(contacts: list[dict], *, now: datetime | None = None) -> Cells:
    """Cells of the ``contacts`` statistic: channel, class, time to first response, SLA outcome
    (as of ``now`` for contacts not yet answered)."""
    now = now or timezone.now()
    cells = Cells()
    for contact in contacts:
        mask = case_types_mask(contact["case_types"])
        base = (contact["province"] or "", contact["district"] or "", mask, "", "")
        cells.add("contacts", base)
        cells.add("contacts", base, "channel", contact["channel"] or UNKNOWN)
        cells.add("contacts", base, "contact_class", contact["contact_class"] or UNKNOWN)
        received, responded, due = (
            contact["received_at"],
            contact["first_response_at"],
            contact["sla_due_at"],
        )
        seconds = (
            max(0, int((responded - received).total_seconds())) if responded and received else None
        )
        cells.add("contacts", base, "response", response_band(seconds), measure=seconds or 0)
        if due is None:
            outcome = SlaOutcome.NONE
        elif responded is not None:
            outcome = SlaOutcome.MET if responded <= due else SlaOutcome.LATE
        else:
            outcome = SlaOutcome.OVERDUE if due <= now else SlaOutcome.PENDING
        cells.add("contacts", base, "sla", outcome)
    return cells


def month_of(day: date | datetime) -> date:
    """The first day of the (local) month of a date or an aware datetime."""
    if isinstance(day, datetime):
        day = timezone.localtime(day).date()
    return day.replace(day=1)
