"""The annual national statistics report: the year's figures, section by section.

``annual_report(year)`` reads the insights count tables (``rahai.insights.selectors``: the
yearly rows, a few dozen indexed queries whatever the number of cases) and, for referrals and
support services, the grouped counts of ``rahai.reports.selectors``. Every section is a title,
an explanatory sentence, a ``Table`` (every number already through the suppression rules, so
"<5" for small cells) and an SVG chart drawn from that same table. ``rahai.reports.output``
writes it as HTML, PDF and CSV. Nothing here holds a name, a number or a case reference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rahai.cases.models import CaseType
from rahai.hotline.choices import Channel, ContactClass
from rahai.insights import charts, fill
from rahai.insights.pages import Context, routes_flows
from rahai.insights.selectors import Filters, Labels, counts, total
from rahai.insights.statistics import NONE_RECORDED, UNKNOWN, AgeBand
from rahai.insights.suppression import shown_share, suppressed_text, threshold
from rahai.insights.tables import Table
from rahai.justice.selectors import prosecution_counts
from rahai.people.models import Gender
from rahai.reports import selectors
from rahai.services_directory.models import ServiceType

# Figures older than this are called out as possibly out of date.
STALE_AFTER = timedelta(days=1)
LIMIT = 25  # rows of a long single-valued breakdown before the rest become "Other"
TOP = 15  # values drawn in a chart of a long breakdown (the table lists all)

Progress = Callable[[int, str], None]


@dataclass
class Section:
    slug: str
    title: str
    explanation: str
    table: Table
    chart: SafeString


@dataclass
class Freshness:
    """How current the count tables are (``FillState``)."""

    as_of: datetime | None
    never_filled: bool
    pending: bool
    failed: bool

    @property
    def stale(self) -> bool:
        old = self.as_of is None or timezone.now() - self.as_of > STALE_AFTER
        return self.never_filled or self.pending or self.failed or old

    def sentence(self) -> str:
        if self.never_filled:
            return _("The count tables have not been filled yet: run `rahai insights fill`.")
        when = timezone.localtime(self.as_of).strftime("%Y-%m-%d %H:%M") if self.as_of else "–"
        text = _("Figures as of %(when)s (Pakistan time), when the count tables were last filled.")
        text = text % {"when": when}
        if self.pending or self.failed:
            text += " " + _(
                "Some months were still waiting to be counted: run `rahai insights fill` and "
                "generate the report again."
            )
        elif self.stale:
            text += " " + _(
                "They may be out of date: run `rahai insights fill` and generate the report again."
            )
        return text


@dataclass
class AnnualReport:
    year: int
    language: str
    title: str
    subtitle: str
    sections: list[Section]
    definitions: list[str]
    freshness: Freshness
    generated_at: datetime = field(default_factory=timezone.now)

    @property
    def empty(self) -> bool:
        """No contact, case, victim or suspect in the year (the totals are all zero)."""
        return all(row[1].value == 0 for row in self.sections[0].table.rows)

    @property
    def rtl(self) -> bool:
        return self.language.startswith("ur")


def freshness() -> Freshness:
    states = fill.fill_states()
    finished = [s.finished_at for s in states if s.finished_at]
    return Freshness(
        as_of=min(finished) if len(finished) == len(states) else None,
        never_filled=any(s.finished_at is None for s in states),
        pending=any(s.pending or s.pending_years for s in states),
        failed=any(s.status == s.Status.FAILED for s in states),
    )


def year_filters(year: int) -> Filters:
    """The whole year: the yearly rows of the count tables answer it."""
    return Filters(start=date(year, 1, 1), end=date(year, 12, 1))


def _by_first(found: dict) -> dict:
    out: dict = defaultdict(int)
    for key, (n, _total) in found.items():
        out[key[0]] += n
    return dict(out)


def _order(found: dict, order: list[str] | None) -> list[str]:
    """``order``'s values first (those with counts), the rest largest first; unknown last."""
    known = [v for v in order or [] if v in found]
    rest = sorted(
        (v for v in found if v not in known),
        key=lambda v: (v in (UNKNOWN, NONE_RECORDED, ""), -found[v], str(v)),
    )
    return known + rest


def _bars(table: Table, title: str, *, column: int = 1, limit: int = TOP) -> SafeString:
    items = [(str(row[0]), row[column]) for row in table.rows[:limit]]
    return charts.bar_chart(items, title=title, empty=_("No data"))


class _Builder:
    def __init__(self, year: int) -> None:
        self.year = year
        self.filters = year_filters(year)
        self.labels = Labels()

    def shares(
        self,
        slug: str,
        title: str,
        explanation: str,
        *,
        statistic: str,
        first_column: str,
        label: Callable[[str], str],
        split: str = "",
        dimension: str = "",
        order: list[str] | None = None,
        limit: int = 0,
    ) -> Section:
        """A breakdown of one statistic with each value's count and share of the total; with
        ``limit`` (single-valued breakdowns only), the rest summed in one "Other" row."""
        if dimension:
            found = _by_first(counts(statistic, self.filters, dimension=dimension, by=("value",)))
        else:
            found = _by_first(counts(statistic, self.filters, by=(split,)))
        whole = total(statistic, self.filters)
        values = _order(found, order)
        rows = [[label(v), found[v], shown_share(found[v], whole)] for v in values]
        if limit and len(values) > limit:
            rest = sum(found[v] for v in values[limit:])
            other = _("Other (%(n)s more)") % {"n": len(values) - limit}
            rows = rows[:limit] + [[other, rest, shown_share(rest, whole)]]
        table = Table(
            slug,
            title,
            [first_column, _("Count"), pgettext("percentage of a total", "Share")],
            rows,
        )
        return Section(slug, title, explanation, table, _bars(table, title))

    # --- the sections ------------------------------------------------------------------------

    def totals(self) -> Section:
        title = _("The year in figures")
        rows = [
            [_("Hotline contacts"), total("contacts", self.filters)],
            [_("Cases opened"), total("cases", self.filters)],
            [_("Victims identified"), total("victims", self.filters)],
            [_("Suspects identified"), total("suspects", self.filters)],
        ]
        table = Table("totals", title, [_("Figure"), _("Number")], rows)
        explanation = _(
            "Contacts received by the hotline on every channel, and the cases opened in the "
            "year with their victims and suspects."
        )
        return Section("totals", title, explanation, table, _bars(table, title))

    def exploitation(self) -> Section:
        return self.shares(
            "exploitation",
            _("Victims identified by type of exploitation"),
            _(
                "A victim exploited in several ways counts under each type, so the counts may "
                "add up to more than the number of victims."
            ),
            statistic="victims",
            dimension="exploitation_type",
            first_column=_("Type of exploitation"),
            label=lambda v: self.labels.value("exploitation_type", v),
        )

    def gender(self) -> Section:
        return self.shares(
            "gender",
            _("Victims identified by gender"),
            _("The gender recorded for each victim."),
            statistic="victims",
            split="gender",
            order=list(Gender.values),
            first_column=_("Gender"),
            label=lambda v: self.labels.split("gender", v),
        )

    def age(self) -> Section:
        return self.shares(
            "age",
            _("Victims identified by age band"),
            _(
                "The age when trafficked if recorded, else the age when the case was opened; "
                "0–17 are children."
            ),
            statistic="victims",
            split="age_band",
            order=list(AgeBand.values),
            first_column=_("Age band"),
            label=lambda v: self.labels.split("age_band", v),
        )

    def nationality(self) -> Section:
        return self.shares(
            "nationality",
            _("Victims identified by nationality"),
            _("The citizenship recorded for each victim."),
            statistic="victims",
            dimension="nationality",
            first_column=_("Nationality"),
            label=lambda v: self.labels.value("nationality", v),
        )

    def case_types(self) -> Section:
        title = _("Internal and transnational: cases and victims by case type")
        cases = _by_first(counts("cases", self.filters, by=("case_type",)))
        victims = _by_first(counts("victims", self.filters, by=("case_type",)))
        whole = total("cases", self.filters)
        codes = _order({**victims, **cases}, list(CaseType.values))
        rows = [
            [
                self.labels.split("case_type", code),
                cases.get(code, 0),
                shown_share(cases.get(code, 0), whole),
                victims.get(code, 0),
            ]
            for code in codes
        ]
        table = Table(
            "case-types",
            title,
            [_("Case type"), _("Cases"), _("Share of cases"), _("Victims")],
            rows,
        )
        explanation = _(
            "Trafficking within Pakistan, trafficking across its borders, smuggling of migrants "
            "and bonded labour. A case of several types counts under each."
        )
        return Section("case-types", title, explanation, table, _bars(table, title))

    def provinces(self) -> Section:
        title = _("Cases and victims by province")
        cases = _by_first(counts("cases", self.filters, by=("province",)))
        victims = _by_first(counts("victims", self.filters, by=("province",)))
        codes = _order({**victims, **cases}, None)
        whole = total("cases", self.filters)
        rows = [
            [
                self.labels.province(code),
                cases.get(code, 0),
                shown_share(cases.get(code, 0), whole),
                victims.get(code, 0),
            ]
            for code in codes
        ]
        table = Table(
            "provinces", title, [_("Province"), _("Cases"), _("Share of cases"), _("Victims")], rows
        )
        explanation = _("The province of the district where each case is recorded.")
        return Section("provinces", title, explanation, table, _bars(table, title))

    def contacts_channel(self) -> Section:
        return self.shares(
            "hotline-channels",
            _("Contacts to the hotline by channel"),
            _("Every report to the hotline, once, by the channel it came on."),
            statistic="contacts",
            dimension="channel",
            order=list(Channel.values),
            first_column=_("Channel"),
            label=lambda v: self.labels.value("channel", v),
        )

    def contacts_class(self) -> Section:
        return self.shares(
            "hotline-classes",
            _("Contacts to the hotline by class"),
            _("What each contact was about, as the hotline classified it."),
            statistic="contacts",
            dimension="contact_class",
            order=list(ContactClass.values),
            first_column=_("Class"),
            label=lambda v: self.labels.value("contact_class", v),
        )

    def services(self, figures: selectors.ServiceFigures) -> Section:
        title = _("Victims referred to and receiving services")
        labels = dict(ServiceType.choices)
        codes = [
            code
            for code in ServiceType.values
            if figures.referrals.get(code) or figures.victims_served.get(code)
        ]
        rows = [
            [
                str(labels.get(code, code)),
                figures.referrals.get(code, 0),
                figures.victims_referred.get(code, 0),
                figures.victims_served.get(code, 0),
            ]
            for code in codes
        ]
        rows.append(
            [
                _("All services"),
                figures.total_referrals,
                figures.total_victims_referred,
                figures.total_victims_served,
            ]
        )
        table = Table(
            "services",
            title,
            [_("Service"), _("Referrals sent"), _("Victims referred"), _("Victims receiving")],
            rows,
        )
        explanation = _(
            "Referrals sent in the year, the victims named in them, and the victims whose "
            "support plan has a service of that type started or delivered in the year. A "
            "victim referred for, or receiving, several services counts under each; the last "
            "row counts each victim once."
        )
        chart = _bars(table, _("Victims receiving services, by service"), column=3)
        return Section("services", title, explanation, table, chart)

    def prosecutions(self) -> Section:
        """The figures Pakistan reports each year: persons charged, charges decided, persons
        convicted and acquitted, per law and for all laws (``rahai.justice.selectors``)."""
        title = _("Prosecutions and convictions")
        found = prosecution_counts(year_from=self.year, year_to=self.year)
        laws = [row for row in found if row.law is not None]
        every = next((row for row in found if row.law is None), None)
        rows = [
            [
                row.law.short_name,
                row.suspects_charged,
                row.charges_decided,
                row.convicted,
                row.acquitted,
            ]
            for row in laws
        ]
        totals = (
            [every.suspects_charged, every.charges_decided, every.convicted, every.acquitted]
            if every
            else [0, 0, 0, 0]
        )
        rows.append([_("All laws"), *totals])
        table = Table(
            "prosecutions",
            title,
            [_("Law"), _("Suspects charged"), _("Charges decided"), _("Convicted"), _("Acquitted")],
            rows,
        )
        explanation = _(
            "Persons charged in the year under each law (by the date of the charge), the "
            "charges the courts decided, and the persons convicted and acquitted (by the date "
            "of the decision). In the last row a person charged under two laws counts once."
        )
        chart_title = _("Persons convicted, by law")
        items = [(row[0], row[3]) for row in table.rows[:-1]]
        chart = charts.bar_chart(items, title=chart_title, empty=_("No data"))
        return Section("prosecutions", title, explanation, table, chart)

    def root_causes(self) -> Section:
        return self.shares(
            "root-causes",
            _("Root causes: vulnerability factors among victims"),
            _(
                "The factors recorded for each victim (debt, poverty, no schooling, ...). A "
                "victim may have several, so the shares may add up to more than 100 %."
            ),
            statistic="victims",
            dimension="vulnerability_factor",
            first_column=_("Factor"),
            label=lambda v: self.labels.value("vulnerability_factor", v),
        )

    def destinations(self) -> Section:
        return self.shares(
            "destinations",
            _("Routes: destinations"),
            _(
                "Where each recorded route ends: a district of Pakistan (internal) or a "
                "country abroad. Shares are of all cases with a route; the %(n)s most common, "
                "the rest together as “Other”."
            )
            % {"n": LIMIT},
            statistic="routes",
            dimension="destination",
            limit=LIMIT,
            first_column=_("Destination"),
            label=lambda v: self.labels.value("destination", v),
        )

    def route_flows(self) -> Section:
        panel = routes_flows(Context(filters=self.filters, labels=self.labels))
        title = _("Routes: origin, transit and destination")
        return Section("routes", title, str(panel.note), panel.table, panel.chart)

    def patterns(self) -> Section:
        return self.shares(
            "route-patterns",
            _("Routes: the most common sequences of places"),
            _(
                "Each route's places in order, from recruitment to exploitation or "
                "interception: the %(n)s most common, the rest together as “Other”."
            )
            % {"n": LIMIT},
            statistic="routes",
            dimension="pattern",
            limit=LIMIT,
            first_column=_("Route"),
            label=lambda v: self.labels.value("pattern", v),
        )


def definitions() -> list[str]:
    return [
        _(
            "Counting rules. Cases, victims and suspects belong to the year the case was "
            "opened; hotline contacts to the year they were received (Pakistan time)."
        ),
        _(
            "Persons and records. Victims and suspects are counted as roles in cases: a person "
            "who is a victim in two cases is counted in each. Rahai does not merge persons for "
            "these figures."
        ),
        _(
            "Nothing recorded. A victim with no value recorded counts under “Unknown” "
            "or “None recorded”, so that the rows add up where a victim has one value."
        ),
        _(
            "Small numbers. A count from 1 to %(below)s is shown as “%(shown)s” in "
            "every table, chart and CSV file; zero is shown as 0. Totals are shown, so this "
            "report is for official use; figures for publication come from the open data "
            "release (`rahai release`)."
        )
        % {"below": threshold() - 1, "shown": suppressed_text()},
        _(
            "The statistics and their definitions are described in full in docs/insights.md "
            "(the count tables) and docs/reports.md (this report) of Rahai's documentation."
        ),
    ]


SECTIONS = (
    "totals",
    "exploitation",
    "gender",
    "age",
    "nationality",
    "case_types",
    "provinces",
    "contacts_channel",
    "contacts_class",
    "services",
    "prosecutions",
    "root_causes",
    "route_flows",
    "destinations",
    "patterns",
)


def annual_report(
    year: int,
    *,
    language: str = "en",
    progress: Progress | None = None,
    actor=None,
    actor_label: str = "",
) -> AnnualReport:
    """Every section of the report for ``year``, in the active language (the caller sets it
    with ``translation.override``). The read of referrals and support plans is audited once."""
    builder = _Builder(year)
    figures = selectors.service_figures(year)
    selectors.audit_service_read(year, actor=actor, label=actor_label)
    sections = []
    for index, name in enumerate(SECTIONS):
        if progress:
            progress(int(80 * index / len(SECTIONS)), name)
        method = getattr(builder, name)
        sections.append(method(figures) if name == "services" else method())
    return AnnualReport(
        year=year,
        language=language,
        title=_("Trafficking in persons in Pakistan: statistics for %(year)s") % {"year": year},
        subtitle=_(
            "Victims, cases, hotline contacts, services, prosecutions, root causes and routes "
            "recorded in Rahai, the national anti-trafficking case system."
        ),
        sections=sections,
        definitions=definitions(),
        freshness=freshness(),
    )
