"""What Rahai counts: the statistics, their breakdowns (dimensions) and how values are labelled.

A *statistic* counts one kind of unit (cases, victims, suspects, hotline contacts, routes, ...)
per month. Every unit is counted with its place (province and district codes), its case types
(a bit mask), and for persons their gender and age band: these are the filters. A *dimension*
breaks the count down further (exploitation type, channel, ...). In a *multi-valued* dimension
a unit counts once under each of its values (a victim of forced labour and debt bondage is
counted under both), so the values' counts need not add up to the statistic's total.

Everything here is plain data: the fill job (``rahai.insights.fill``), the dashboards and the
open-data release read the same definitions. docs/insights.md explains them for people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.cases.models import (
    CaseStatus,
    CaseType,
    EventType,
    ExploitationType,
    Industry,
    MeansOfControl,
    PerpetratorRole,
    RecruiterRelationship,
    RecruitmentMethod,
    TraffickingStatus,
    VulnerabilityFactor,
)
from rahai.hotline.choices import Channel, ContactClass

# --- case types as a bit mask ----------------------------------------------------------------

CASE_TYPE_BITS: dict[str, int] = {
    CaseType.TRAFFICKING_INTERNAL: 1,
    CaseType.TRAFFICKING_TRANSNATIONAL: 2,
    CaseType.SMUGGLING: 4,
    CaseType.BONDED_LABOUR: 8,
}
ALL_MASKS = range(16)


def case_types_mask(codes) -> int:
    """The bit mask of a list of case type codes (unknown codes are ignored)."""
    mask = 0
    for code in codes or []:
        mask |= CASE_TYPE_BITS.get(code, 0)
    return mask


def masks_with(code: str) -> list[int]:
    """Every mask that includes this case type (for a filter: ``case_types IN (...)``)."""
    bit = CASE_TYPE_BITS[code]
    return [mask for mask in ALL_MASKS if mask & bit]


def mask_codes(mask: int) -> list[str]:
    return [code for code, bit in CASE_TYPE_BITS.items() if mask & bit]


# --- age bands ---------------------------------------------------------------------------------


class AgeBand(models.TextChoices):
    """Age bands of victims and suspects; 0-17 are children (PTPA s.7: consent is no defence)."""

    AGE_0_11 = "0-11", _("0–11")
    AGE_12_17 = "12-17", _("12–17")
    AGE_18_24 = "18-24", _("18–24")
    AGE_25_34 = "25-34", _("25–34")
    AGE_35_49 = "35-49", _("35–49")
    AGE_50_PLUS = "50+", _("50 and over")
    UNKNOWN = "unknown", _("Unknown")


def age_band(age: int | None) -> str:
    if age is None or age < 0:
        return AgeBand.UNKNOWN
    for upper, band in ((11, "0-11"), (17, "12-17"), (24, "18-24"), (34, "25-34"), (49, "35-49")):
        if age <= upper:
            return band
    return AgeBand.AGE_50_PLUS


def age_on(
    day: date,
    *,
    when_trafficked: int | None,
    birth_date: date | None,
    estimated_age: int | None,
    estimated_on: date | None,
) -> int | None:
    """A victim's or suspect's age for the statistics: the age when trafficked if recorded,
    else the age on ``day`` (the case's opening date) from the birth date, else from an
    estimated age carried forward from the day it was estimated."""
    if when_trafficked is not None:
        return when_trafficked
    if birth_date is not None:
        return (
            day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
        )
    if estimated_age is not None:
        years = (day - estimated_on).days // 365 if estimated_on else 0
        return max(0, estimated_age + years)
    return None


# --- response times and SLA (hotline) ------------------------------------------------------------


class ResponseBand(models.TextChoices):
    UNDER_15_MIN = "lt15m", _("Under 15 minutes")
    UNDER_1_H = "lt1h", _("15–60 minutes")
    UNDER_4_H = "lt4h", _("1–4 hours")
    UNDER_24_H = "lt24h", _("4–24 hours")
    OVER_24_H = "ge24h", _("24 hours or more")
    NONE = "none", _("No response yet")


def response_band(seconds: float | None) -> str:
    if seconds is None:
        return ResponseBand.NONE
    for limit, band in ((900, "lt15m"), (3600, "lt1h"), (4 * 3600, "lt4h"), (86400, "lt24h")):
        if seconds < limit:
            return band
    return ResponseBand.OVER_24_H


class SlaOutcome(models.TextChoices):
    MET = "met", _("Answered in time")
    LATE = "late", _("Answered late (breach)")
    OVERDUE = "overdue", _("Unanswered, overdue (breach)")
    PENDING = "pending", _("Unanswered, not yet due")
    NONE = "none", _("No response time set")


SLA_BREACHES = (SlaOutcome.LATE, SlaOutcome.OVERDUE)

# --- special values ------------------------------------------------------------------------------

UNKNOWN = "unknown"  # a single-valued dimension with nothing recorded
NONE_RECORDED = "_none"  # a multi-valued dimension with nothing recorded
INTERNAL = "PK"  # route destination inside Pakistan
PAIR = "|"  # joins the two values of a cross dimension ("household_debt|bonded_labour")
STEP = ">"  # joins the places of a route pattern ("d:GRW>c:IR>c:TR>c:GR")


def place_token(*, district: str | None = None, country: str | None = None) -> str:
    """A place on a route: ``d:LHR`` for a district of Pakistan, ``c:IR`` for a country."""
    if district:
        return f"d:{district}"
    if country:
        return f"c:{country}"
    return ""


# --- dimensions ----------------------------------------------------------------------------------


def _choices(enum) -> Callable[[], dict[str, str]]:
    return lambda: {code: label for code, label in enum.choices}


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str
    multi: bool = False  # a unit may count under several values
    values: Callable[[], dict[str, str]] | None = None  # code -> label, for coded values
    kind: str = "code"  # "code", "country", "place" (route token), "pair", "pattern"
    pair: tuple[str, str] = ("", "")  # the two dimensions of a "pair" dimension


DIMENSIONS: dict[str, Dimension] = {
    d.code: d
    for d in [
        Dimension("status", _("Case status"), values=_choices(CaseStatus)),
        Dimension("nationality", _("Nationality"), kind="country"),
        Dimension(
            "exploitation_type",
            _("Type of exploitation"),
            multi=True,
            values=_choices(ExploitationType),
        ),
        Dimension(
            "means_of_control", _("Means of control"), multi=True, values=_choices(MeansOfControl)
        ),
        Dimension(
            "recruitment_method", _("Recruitment method"), values=_choices(RecruitmentMethod)
        ),
        Dimension(
            "recruiter_relationship",
            _("Relationship to recruiter"),
            values=_choices(RecruiterRelationship),
        ),
        Dimension("industry", _("Industry (ISIC section)"), values=_choices(Industry)),
        Dimension(
            "trafficking_status", _("Trafficking status"), values=_choices(TraffickingStatus)
        ),
        Dimension(
            "vulnerability_factor",
            _("Vulnerability and root causes"),
            multi=True,
            values=_choices(VulnerabilityFactor),
        ),
        Dimension(
            "factor_exploitation",
            _("Root cause by type of exploitation"),
            multi=True,
            kind="pair",
            pair=("vulnerability_factor", "exploitation_type"),
        ),
        Dimension(
            "factor_destination",
            _("Root cause by destination"),
            multi=True,
            kind="pair",
            pair=("vulnerability_factor", "destination_country"),
        ),
        Dimension("destination_country", _("Destination country"), kind="country"),
        Dimension(
            "perpetrator_role", _("Perpetrator role"), multi=True, values=_choices(PerpetratorRole)
        ),
        Dimension("country", _("Country"), kind="country"),
        Dimension("pattern", _("Route"), kind="pattern"),
        Dimension("origin", _("Origin"), kind="place"),
        Dimension("transit", _("Transit"), multi=True, kind="place"),
        Dimension("destination", _("Destination"), kind="place"),
        Dimension("channel", _("Channel"), values=_choices(Channel)),
        Dimension("contact_class", _("Class"), values=_choices(ContactClass)),
        Dimension("response", _("Time to first response"), values=_choices(ResponseBand)),
        Dimension("sla", _("Response time (SLA)"), values=_choices(SlaOutcome)),
    ]
}

# Cross breakdowns are kept for provinces and Pakistan, not for single districts.
CROSS_DIMENSIONS = frozenset(code for code, d in DIMENSIONS.items() if d.kind == "pair")

# Breakdowns by the filter columns themselves (not stored as dimensions).
GEO_AND_PERSON_SPLITS = {
    "province": _("Province"),
    "district": _("District"),
    "case_type": _("Case type"),
    "gender": _("Gender"),
    "age_band": _("Age band"),
}


# --- statistics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statistic:
    code: str
    label: str
    unit: str  # what one count is, in words
    source: str  # "cases" or "contacts": the family the fill job computes it with
    place: str  # what the district of a row means
    month: str  # what the month of a row means
    dimensions: tuple[str, ...] = ()
    persons: bool = False  # gender and age band apply
    definition: str = ""
    extra: dict = field(default_factory=dict)


STATISTICS: dict[str, Statistic] = {
    s.code: s
    for s in [
        Statistic(
            "cases",
            _("Cases"),
            _("cases"),
            "cases",
            _("district of the case"),
            _("month the case was opened"),
            ("status",),
            definition=_("Every case, once."),
        ),
        Statistic(
            "victims",
            _("Victims"),
            _("victims"),
            "cases",
            _("district of the case"),
            _("month the case was opened"),
            (
                "nationality",
                "exploitation_type",
                "means_of_control",
                "recruitment_method",
                "recruiter_relationship",
                "industry",
                "trafficking_status",
                "vulnerability_factor",
                "destination_country",
                "factor_exploitation",
                "factor_destination",
            ),
            persons=True,
            definition=_(
                "Every victim role: a person who is a victim in two cases is counted in each."
            ),
        ),
        Statistic(
            "suspects",
            _("Suspects"),
            _("suspects"),
            "cases",
            _("district of the case"),
            _("month the case was opened"),
            ("nationality", "perpetrator_role"),
            persons=True,
            definition=_("Every suspect role: a person suspected in two cases is counted in each."),
        ),
        Statistic(
            "victim_origins",
            _("Origin of victims"),
            _("victims"),
            "cases",
            _("the victim's home district, else where the route began"),
            _("month the case was opened"),
            persons=True,
            definition=_("Every victim role, at the district the victim comes from."),
        ),
        Statistic(
            "exploitation_places",
            _("Places of exploitation"),
            _("cases"),
            "cases",
            _("district where the exploitation took place"),
            _("month the case was opened"),
            ("country",),
            definition=_(
                "Every case once at each place its route records exploitation; exploitation "
                "abroad counts under its country."
            ),
        ),
        Statistic(
            "routes",
            _("Routes"),
            _("cases"),
            "cases",
            _("district where the route began"),
            _("month the case was opened"),
            ("pattern", "origin", "transit", "destination"),
            definition=_(
                "Every case with a recorded route, once: its places in order from recruitment "
                "through transit to exploitation or interception."
            ),
        ),
        Statistic(
            "contacts",
            _("Hotline contacts"),
            _("contacts"),
            "contacts",
            _("district the contact is about"),
            _("month the contact was received"),
            ("channel", "contact_class", "response", "sla"),
            definition=_("Every report to the hotline on any channel, once."),
        ),
    ]
}

CASE_STATISTICS = tuple(code for code, s in STATISTICS.items() if s.source == "cases")
CONTACT_STATISTICS = tuple(code for code, s in STATISTICS.items() if s.source == "contacts")
FAMILIES = {"cases": CASE_STATISTICS, "contacts": CONTACT_STATISTICS}
ROUTE_STEPS = (
    EventType.RECRUITMENT,
    EventType.TRANSIT,
    EventType.EXPLOITATION,
    EventType.INTERCEPTION,
)
