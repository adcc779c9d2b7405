"""The dashboards: each is a list of panels, and each panel is a chart with its table.

A panel builder reads counts through ``selectors.counts`` and returns a ``Panel``: the ``Table``
(figures already suppressed) and an SVG chart drawn from that same table. The page view renders
every panel of a dashboard; the CSV view calls one builder and sends its table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from rahai.insights import charts
from rahai.insights.forms import TrendOptions
from rahai.insights.selectors import (
    Filters,
    Labels,
    counts,
    extent,
    limitation,
    months_between,
    total,
)
from rahai.insights.statistics import (
    DIMENSIONS,
    GEO_AND_PERSON_SPLITS,
    NONE_RECORDED,
    PAIR,
    STATISTICS,
    STEP,
    UNKNOWN,
    ResponseBand,
    SlaOutcome,
)
from rahai.insights.suppression import shown, shown_mean, shown_share
from rahai.insights.tables import Table

TOP = 7  # series drawn in a trend chart before the rest become "Other"


@dataclass
class Panel:
    slug: str
    title: str
    chart: SafeString
    table: Table
    note: str = ""
    wide: bool = False


@dataclass
class Context:
    filters: Filters
    labels: Labels
    trend: TrendOptions = TrendOptions()


Builder = Callable[[Context], Panel]


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    description: str
    builders: dict[str, Builder]
    uses_trend_options: bool = False


# --- helpers -------------------------------------------------------------------------------------


def _period_range(statistic: str, filters: Filters) -> tuple[date, date] | None:
    first, last = extent(statistic)
    start = filters.start or first
    end = filters.end or last
    if start is None or end is None or start > end:
        return None
    return start, end


def _periods(statistic: str, filters: Filters, by: str = "") -> tuple[str, list]:
    """("month" or "year", the periods in range); an empty list when there is no data."""
    found = _period_range(statistic, filters)
    if found is None:
        return by or "month", []
    start, end = found
    months = months_between(start, end)
    by = by or ("year" if len(months) > 36 else "month")
    if by == "year":
        return by, list(range(start.year, end.year + 1))
    return by, months


def _period_label(by: str, period) -> str:
    return str(period) if by == "year" else f"{period:%Y-%m}"


def _by_value(found: dict, index: int = 0) -> dict:
    out: dict = defaultdict(int)
    for key, (n, _total) in found.items():
        out[key[index]] += n
    return dict(out)


def _ranked(values: dict) -> list:
    """Values by count, largest first; "unknown" and "none recorded" last."""
    return sorted(values, key=lambda v: (v in (UNKNOWN, NONE_RECORDED, ""), -values[v], str(v)))


def _multi_note(dimension: str) -> str:
    spec = DIMENSIONS.get(dimension)
    if spec is not None and spec.multi:
        return _("One may count under several values, so the values need not add up to the total.")
    return ""


def _notes(*notes: str) -> str:
    return " ".join(note for note in notes if note)


def _shares_table(slug, title, first_column, rows, whole, note="") -> Table:
    return Table(
        slug,
        title,
        [first_column, _("Count"), pgettext("percentage of a total", "Share")],
        [[label, n, shown_share(n, whole)] for label, n in rows],
        note=note,
    )


def _bars(table: Table, title: str, limit: int = 20) -> SafeString:
    return charts.bar_chart(
        [(row[0], row[1]) for row in table.rows[:limit]], title=title, empty=_("No data")
    )


# --- overview ------------------------------------------------------------------------------------


def overview_totals(ctx: Context) -> Panel:
    f = ctx.filters
    rows = []
    for code in ("contacts", "cases", "victims", "suspects"):
        rows.append([str(STATISTICS[code].label), total(code, f)])
    table = Table("totals", _("Totals"), [_("Count"), _("Number")], rows)
    chart = charts.bar_chart([(row[0], row[1]) for row in table.rows], title=_("Totals"))
    return Panel("totals", _("Totals for the chosen period and place"), chart, table)


def overview_years(ctx: Context) -> Panel:
    f = ctx.filters
    _by, years = _periods("cases", f, "year")
    series = {}
    for code in ("cases", "victims", "contacts"):
        found = _by_value(counts(code, f, by=("year",)))
        series[code] = [found.get(year, 0) for year in years]
    table = Table(
        "years",
        _("Cases, victims and hotline contacts per year"),
        [_("Year"), *[str(STATISTICS[c].label) for c in series]],
        [[str(year), *[series[c][i] for c in series]] for i, year in enumerate(years)],
    )
    chart = charts.line_chart(
        [row[0] for row in table.rows],
        [(table.columns[j], table.column(j)) for j in range(1, len(table.columns))],
        title=table.title,
        empty=_("No data"),
    )
    return Panel("years", table.title, chart, table, wide=True)


# --- trends --------------------------------------------------------------------------------------


def _trend_counts(ctx: Context, by: str) -> tuple[dict, dict]:
    """(per (period, value) counts, per period totals) for the chosen statistic and split."""
    opts, f = ctx.trend, ctx.filters
    per_period = _by_value(counts(opts.statistic, f, by=(by,)))
    if not opts.split:
        return {(p, ""): n for p, n in per_period.items()}, per_period
    if opts.split in GEO_AND_PERSON_SPLITS:
        found = counts(opts.statistic, f, by=(by, opts.split))
    else:
        found = counts(opts.statistic, f, dimension=opts.split, by=(by, "value"))
    return {key: n for key, (n, _t) in found.items()}, per_period


def trend_over_time(ctx: Context) -> Panel:
    opts = ctx.trend
    stat = STATISTICS[opts.statistic]
    by, periods = _periods(opts.statistic, ctx.filters, opts.by)
    cells, per_period = _trend_counts(ctx, by)
    totals_by_value: dict = defaultdict(int)
    for (_p, value), n in cells.items():
        totals_by_value[value] += n
    ranked = _ranked(totals_by_value)
    shown_values = ranked[:TOP]
    rest = ranked[TOP:]
    if opts.split:
        columns = [ctx.labels.split(opts.split, v) for v in shown_values]
        if rest:
            columns.append(_("Other"))
        columns.append(_("Total"))
    else:
        columns = [_("Total")]
    rows = []
    for period in periods:
        row = [_period_label(by, period)]
        if opts.split:
            row += [cells.get((period, v), 0) for v in shown_values]
            if rest:
                row.append(sum(cells.get((period, v), 0) for v in rest))
        row.append(per_period.get(period, 0))
        rows.append(row)
    split_label = dict(GEO_AND_PERSON_SPLITS).get(opts.split) or (
        DIMENSIONS[opts.split].label if opts.split in DIMENSIONS else ""
    )
    title = (
        _("%(statistic)s per %(period)s by %(split)s")
        % {
            "statistic": stat.label,
            "period": _("month") if by == "month" else _("year"),
            "split": str(split_label).lower(),
        }
        if opts.split
        else _("%(statistic)s per %(period)s")
        % {"statistic": stat.label, "period": _("month") if by == "month" else _("year")}
    )
    limit = (
        limitation(opts.statistic, ctx.filters, dimension=opts.split, by=(by, "value"))
        if opts.split in DIMENSIONS
        else ""
    )
    table = Table(
        "trend",
        title,
        [_("Month") if by == "month" else _("Year"), *columns],
        rows,
        note=_notes(_multi_note(opts.split), limit),
    )
    drawn = range(1, len(table.columns) - (1 if opts.split else 0))
    chart = charts.line_chart(
        [row[0] for row in table.rows],
        [(table.columns[j], table.column(j)) for j in drawn],
        title=title,
        empty=_("No data for these filters"),
    )
    return Panel("trend", title, chart, table, note=table.note, wide=True)


def trend_breakdown(ctx: Context) -> Panel:
    opts = ctx.trend
    split = opts.split or "case_type"
    stat = STATISTICS[opts.statistic]
    f = ctx.filters
    if split in GEO_AND_PERSON_SPLITS:
        found = _by_value(counts(opts.statistic, f, by=(split,)))
    else:
        found = _by_value(counts(opts.statistic, f, dimension=split, by=("value",)))
    whole = total(opts.statistic, f)
    label = dict(GEO_AND_PERSON_SPLITS).get(split) or DIMENSIONS[split].label
    title = _("%(statistic)s by %(split)s, whole period") % {
        "statistic": stat.label,
        "split": str(label).lower(),
    }
    note = _notes(
        _multi_note(split),
        _("A case of several types counts under each.") if split == "case_type" else "",
        limitation(opts.statistic, f, dimension=split, by=("value",))
        if split in DIMENSIONS
        else "",
    )
    table = _shares_table(
        "breakdown",
        title,
        str(label),
        [(ctx.labels.split(split, v), found[v]) for v in _ranked(found)],
        whole,
        note,
    )
    return Panel("breakdown", title, _bars(table, title), table, note=note)


# --- the map -------------------------------------------------------------------------------------


def _district_panel(ctx: Context, slug: str, statistic: str, title: str, note: str = "") -> Panel:
    found = _by_value(counts(statistic, ctx.filters, by=("district",)))
    whole = sum(found.values())
    rows = []
    for code in _ranked(found):
        name, province = ctx.labels.districts.get(code, ("", ""))
        rows.append(
            [
                ctx.labels.district(code),
                ctx.labels.province(province) if code else "",
                found[code],
                shown_share(found[code], whole),
            ]
        )
    table = Table(
        slug,
        title,
        [_("District"), _("Province"), _("Count"), pgettext("percentage of a total", "Share")],
        rows,
        note=note,
        label_columns=2,
    )
    points = []
    for code, row in zip(_ranked(found), table.rows, strict=True):
        if code in ctx.labels.centroids:
            lat, lon = ctx.labels.centroids[code]
            points.append(charts.MapPoint(row[0], lat, lon, row[2]))
    chart = charts.district_map(points, title=title, empty=_("No data for these filters"))
    return Panel(slug, title, chart, table, note=note)


def map_origins(ctx: Context) -> Panel:
    return _district_panel(
        ctx,
        "origins",
        "victim_origins",
        _("Where victims come from"),
        _("The victim's home district, else the district where the route began."),
    )


def map_exploitation(ctx: Context) -> Panel:
    return _district_panel(
        ctx,
        "exploitation",
        "exploitation_places",
        _("Where exploitation took place in Pakistan"),
        _("Cases, once at each district where their route records exploitation."),
    )


def map_contacts(ctx: Context) -> Panel:
    return _district_panel(
        ctx,
        "contacts",
        "contacts",
        _("Where hotline contacts are about"),
        _("Contacts by the district they concern; gender and age filters do not apply."),
    )


def map_abroad(ctx: Context) -> Panel:
    f = ctx.filters.without_place()
    found = _by_value(counts("exploitation_places", f, dimension="country", by=("value",)))
    whole = sum(found.values())
    title = _("Exploitation by country")
    table = _shares_table(
        "abroad",
        title,
        _("Country"),
        [(ctx.labels.country(code), found[code]) for code in _ranked(found)],
        whole,
        _("Cases once per country; the province and district filters do not apply here."),
    )
    return Panel("abroad", title, _bars(table, title), table, note=table.note)


# --- routes --------------------------------------------------------------------------------------


def _route_nodes(ctx: Context, pattern: str) -> tuple[str, str, str]:
    tokens = pattern.split(STEP)
    origin, destination = tokens[0], tokens[-1]
    labels = ctx.labels
    if origin.startswith("d:"):
        code = origin[2:]
        if ctx.filters.province or ctx.filters.district:
            origin_label = labels.district(code)
        else:
            origin_label = labels.province(labels.districts.get(code, ("", ""))[1])
    else:
        origin_label = labels.place(origin)
    transit = next((t for t in tokens[1:-1] if t.startswith("c:")), "")
    transit_label = labels.place(transit) if transit else _("Direct")
    if destination.startswith("d:"):
        destination_label = _("Pakistan (internal)")
    else:
        destination_label = labels.place(destination)
    return origin_label, transit_label, destination_label


def _top_or_other(weights: dict, limit: int) -> dict:
    keep = set(sorted(weights, key=lambda k: -weights[k])[:limit])
    return {k: (k if k in keep else _("Other")) for k in weights}


def routes_flows(ctx: Context) -> Panel:
    patterns = _by_value(counts("routes", ctx.filters, dimension="pattern", by=("value",)))
    triples: dict[tuple[str, str, str], int] = defaultdict(int)
    for pattern, n in patterns.items():
        if len(pattern.split(STEP)) < 2:
            continue
        triples[_route_nodes(ctx, pattern)] += n
    weights = [defaultdict(int) for _i in range(3)]
    for triple, n in triples.items():
        for column, node in enumerate(triple):
            weights[column][node] += n
    rename = [_top_or_other(w, 8) for w in weights]
    links: dict[tuple[int, str, str], int] = defaultdict(int)
    for (o, t, d), n in triples.items():
        o, t, d = rename[0][o], rename[1][t], rename[2][d]
        links[(0, o, t)] += n
        links[(1, t, d)] += n
    title = _("Routes: origin, transit and destination")
    stage = {0: (_("Origin"), _("Transit")), 1: (_("Transit"), _("Destination"))}
    ordered = sorted(links, key=lambda key: (key[0], -links[key]))
    rows = [[f"{stage[c][0]}: {a}", f"{stage[c][1]}: {b}", links[(c, a, b)]] for c, a, b in ordered]
    table = Table(
        "flows",
        title,
        [_("From"), _("To"), _("Cases")],
        rows,
        label_columns=2,
        note=_(
            "Cases with a route of at least two places. Origins are provinces (districts when "
            "a province is chosen); transit is the first country passed through."
        ),
    )
    flows = []
    for (c, a, b), row in zip(ordered, table.rows, strict=True):
        flows.append(charts.Flow((c, a), (c + 1, b), row[2]))
    chart = charts.sankey(
        [_("Origin"), _("Transit"), _("Destination")],
        flows,
        title=title,
        empty=_("No routes for these filters"),
    )
    return Panel("flows", title, chart, table, note=table.note, wide=True)


def routes_patterns(ctx: Context) -> Panel:
    patterns = _by_value(counts("routes", ctx.filters, dimension="pattern", by=("value",)))
    whole = total("routes", ctx.filters)
    title = _("Most common routes")
    ranked = _ranked(patterns)[:25]
    table = _shares_table(
        "patterns",
        title,
        _("Route"),
        [(ctx.labels.value("pattern", p), patterns[p]) for p in ranked],
        whole,
        _("The 25 most common sequences of places; share of all cases with a route."),
    )
    return Panel("patterns", title, _bars(table, title, 12), table, note=table.note, wide=True)


def _route_dimension_panel(ctx: Context, slug: str, dimension: str, title: str, note="") -> Panel:
    found = _by_value(counts("routes", ctx.filters, dimension=dimension, by=("value",)))
    whole = total("routes", ctx.filters)
    table = _shares_table(
        slug,
        title,
        _("Place"),
        [(ctx.labels.value(dimension, v), found[v]) for v in _ranked(found)],
        whole,
        note,
    )
    return Panel(slug, title, _bars(table, title), table, note=note)


def routes_destinations(ctx: Context) -> Panel:
    return _route_dimension_panel(ctx, "destinations", "destination", _("Destinations"))


def routes_transit(ctx: Context) -> Panel:
    return _route_dimension_panel(
        ctx,
        "transit",
        "transit",
        _("Transit places"),
        _("A route passing through several places counts under each."),
    )


# --- root causes ---------------------------------------------------------------------------------


def causes_prevalence(ctx: Context) -> Panel:
    f = ctx.filters
    found = _by_value(counts("victims", f, dimension="vulnerability_factor", by=("value",)))
    whole = total("victims", f)
    title = _("Vulnerability and root causes among victims")
    table = _shares_table(
        "prevalence",
        title,
        _("Factor"),
        [(ctx.labels.value("vulnerability_factor", v), found[v]) for v in _ranked(found)],
        whole,
        _notes(
            _("Share of all victims; a victim may have several factors."),
            limitation("victims", f, dimension="vulnerability_factor"),
        ),
    )
    return Panel("prevalence", title, _bars(table, title), table, note=table.note)


def _cross_panel(
    ctx: Context,
    *,
    slug: str,
    title: str,
    pairs: dict[tuple[str, str], int],
    group_totals: dict[str, int],
    group_label: Callable[[str], str],
    group_header: str,
    groups: list[str],
    note: str,
) -> Panel:
    """Factors against groups (exploitation types, districts, destinations): for each pair the
    victims with that factor in that group and their share of the group's victims."""
    labels = ctx.labels
    factor_totals: dict[str, int] = defaultdict(int)
    for (factor, _group), n in pairs.items():
        factor_totals[factor] += n
    factors = [f for f in _ranked(factor_totals) if f != NONE_RECORDED][:12]
    rows = []
    for factor in factors:
        for group in groups:
            n = pairs.get((factor, group), 0)
            if n:
                rows.append(
                    [
                        labels.value("vulnerability_factor", factor),
                        group_label(group),
                        n,
                        group_totals.get(group, 0),
                        shown_share(n, group_totals.get(group, 0)),
                    ]
                )
    table = Table(
        slug,
        title,
        [
            _("Factor"),
            group_header,
            _("Victims with the factor"),
            _("Victims"),
            pgettext("percentage of a total", "Share"),
        ],
        rows,
        note=note,
        label_columns=2,
    )
    by_pair = {(row[0], row[1]): row[4] for row in table.rows}
    column_labels = [group_label(g) for g in groups]
    row_labels = [labels.value("vulnerability_factor", f) for f in factors]
    cells = [[by_pair.get((r, c), "") for c in column_labels] for r in row_labels]
    chart = charts.heatmap(
        row_labels,
        column_labels,
        cells,
        title=title,
        maximum=100,
        empty=_("No data for these filters"),
    )
    return Panel(slug, title, chart, table, note=note, wide=True)


def _pairs(found: dict) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for value, n in found.items():
        first, _sep, second = value.partition(PAIR)
        out[(first, second)] = n
    return out


def causes_by_exploitation(ctx: Context) -> Panel:
    f = ctx.filters
    limit = limitation("victims", f, dimension="factor_exploitation")
    pairs = _pairs(_by_value(counts("victims", f, dimension="factor_exploitation", by=("value",))))
    types = _by_value(counts("victims", f, dimension="exploitation_type", by=("value",)))
    groups = [t for t in _ranked(types) if t != NONE_RECORDED]
    return _cross_panel(
        ctx,
        slug="by-exploitation",
        title=_("Root causes by type of exploitation"),
        pairs=pairs,
        group_totals=types,
        group_label=lambda code: ctx.labels.value("exploitation_type", code),
        group_header=_("Type of exploitation"),
        groups=groups,
        note=_notes(
            _("Share of the victims of each type of exploitation who had the factor."), limit
        ),
    )


def causes_by_district(ctx: Context) -> Panel:
    f = ctx.filters
    per_district = _by_value(counts("victims", f, by=("district",)))
    groups = [d for d in _ranked(per_district) if d][:12]
    found = counts(
        "victims",
        f,
        dimension="vulnerability_factor",
        by=("district", "value"),
        districts=tuple(groups),
    )
    pairs = {(factor, district): n for (district, factor), (n, _t) in found.items()}
    return _cross_panel(
        ctx,
        slug="by-district",
        title=_("Root causes in the districts with most victims"),
        pairs=pairs,
        group_totals=per_district,
        group_label=ctx.labels.district,
        group_header=_("District"),
        groups=groups,
        note=_notes(
            _(
                "The 12 districts with most victims (of cases recorded there); share of their "
                "victims."
            ),
            limitation("victims", f, dimension="vulnerability_factor", by=("district", "value")),
        ),
    )


def causes_by_destination(ctx: Context) -> Panel:
    f = ctx.filters
    limit = limitation("victims", f, dimension="factor_destination")
    pairs = _pairs(_by_value(counts("victims", f, dimension="factor_destination", by=("value",))))
    per_destination = _by_value(
        counts("victims", f, dimension="destination_country", by=("value",))
    )
    groups = [d for d in _ranked(per_destination) if d != UNKNOWN][:10]
    return _cross_panel(
        ctx,
        slug="by-destination",
        title=_("Root causes by destination"),
        pairs=pairs,
        group_totals=per_destination,
        group_label=lambda code: ctx.labels.value("destination_country", code),
        group_header=_("Destination"),
        groups=groups,
        note=_notes(
            _("Destination: where the route ends (exploitation abroad, or in Pakistan)."), limit
        ),
    )


# --- hotline -------------------------------------------------------------------------------------


def _contacts_by(ctx: Context, slug: str, dimension: str, title: str, order=None) -> Panel:
    f = ctx.filters
    found = _by_value(counts("contacts", f, dimension=dimension, by=("value",)))
    whole = total("contacts", f)
    values = [v for v in (order or []) if v in found] or _ranked(found)
    table = _shares_table(
        slug,
        title,
        DIMENSIONS[dimension].label,
        [(ctx.labels.value(dimension, v), found[v]) for v in values],
        whole,
    )
    return Panel(slug, title, _bars(table, title), table)


def hotline_channels(ctx: Context) -> Panel:
    return _contacts_by(ctx, "channels", "channel", _("Contacts by channel"))


def hotline_classes(ctx: Context) -> Panel:
    return _contacts_by(ctx, "classes", "contact_class", _("Contacts by class"))


def _stacked(ctx: Context, slug: str, dimension: str, title: str, order: list[str]) -> Panel:
    f = ctx.filters
    by, periods = _periods("contacts", f)
    found = counts("contacts", f, dimension=dimension, by=(by, "value"))
    values = [v for v in order if any(key[1] == v for key in found)] or sorted(
        {key[1] for key in found}
    )
    rows = []
    for period in periods:
        row = [_period_label(by, period)]
        row += [found.get((period, v), [0, 0])[0] for v in values]
        rows.append(row)
    columns = [_("Month") if by == "month" else _("Year")]
    columns += [ctx.labels.value(dimension, v) for v in values]
    table = Table(slug, title, columns, rows)
    chart = charts.stacked_bar_chart(
        [row[0] for row in table.rows],
        [(table.columns[j], table.column(j)) for j in range(1, len(table.columns))],
        title=title,
        empty=_("No data for these filters"),
    )
    return Panel(slug, title, chart, table, wide=True)


def hotline_monthly(ctx: Context) -> Panel:
    from rahai.hotline.choices import Channel

    return _stacked(ctx, "monthly", "channel", _("Contacts over time by channel"), Channel.values)


def hotline_response(ctx: Context) -> Panel:
    f = ctx.filters
    found = counts("contacts", f, dimension="response", by=("value",))
    bands = [b for b in ResponseBand.values if (b,) in found]
    answered = [found[(b,)] for b in bands if b != ResponseBand.NONE]
    seconds, n = sum(t for _n, t in answered), sum(n for n, _t in answered)
    if n and seconds / n >= 7200:
        mean = shown_mean(seconds / 3600.0, n, unit=_("hours"))
    else:
        mean = shown_mean(seconds / 60.0, n, unit=pgettext("unit of time", "minutes"))
    title = _("Time to first response")
    whole = total("contacts", f)
    table = _shares_table(
        "response",
        title,
        _("Time to first response"),
        [(ctx.labels.value("response", b), found[(b,)][0]) for b in bands],
        whole,
        _("Mean time to first response of answered contacts: %(mean)s.") % {"mean": mean.text},
    )
    return Panel("response", title, _bars(table, title), table, note=table.note)


def hotline_sla(ctx: Context) -> Panel:
    panel = _stacked(
        ctx, "sla", "sla", _("Response times against the SLA"), list(SlaOutcome.values)
    )
    found = _by_value(counts("contacts", ctx.filters, dimension="sla", by=("value",)))
    breaches = sum(found.get(v, 0) for v in (SlaOutcome.LATE, SlaOutcome.OVERDUE))
    with_sla = sum(n for v, n in found.items() if v != SlaOutcome.NONE)
    panel.note = _("SLA breaches: %(n)s of %(all)s contacts with a response time (%(share)s).") % {
        "n": shown(breaches).text,
        "all": shown(with_sla).text,
        "share": shown_share(breaches, with_sla).text,
    }
    panel.table.note = panel.note
    return panel


def hotline_districts(ctx: Context) -> Panel:
    found = _by_value(counts("contacts", ctx.filters, by=("district",)))
    whole = total("contacts", ctx.filters)
    title = _("Contacts by district")
    table = _shares_table(
        "districts",
        title,
        _("District"),
        [(ctx.labels.district(code), found[code]) for code in _ranked(found)],
        whole,
    )
    return Panel("districts", title, _bars(table, title), table)


PAGES: dict[str, Page] = {
    page.slug: page
    for page in [
        Page(
            "overview",
            gettext_lazy("Overview"),
            gettext_lazy("Totals and yearly figures."),
            {"totals": overview_totals, "years": overview_years},
        ),
        Page(
            "trends",
            gettext_lazy("Trends"),
            gettext_lazy("Contacts, cases, victims and suspects by month or year."),
            {"trend": trend_over_time, "breakdown": trend_breakdown},
            uses_trend_options=True,
        ),
        Page(
            "map",
            gettext_lazy("Map"),
            gettext_lazy("Origin of victims, places of exploitation and hotline contacts."),
            {
                "origins": map_origins,
                "exploitation": map_exploitation,
                "contacts": map_contacts,
                "abroad": map_abroad,
            },
        ),
        Page(
            "routes",
            gettext_lazy("Routes"),
            gettext_lazy("From origin districts through transit countries to destinations."),
            {
                "flows": routes_flows,
                "patterns": routes_patterns,
                "destinations": routes_destinations,
                "transit": routes_transit,
            },
        ),
        Page(
            "root-causes",
            gettext_lazy("Root causes"),
            gettext_lazy("Vulnerability factors by type of exploitation, district and route."),
            {
                "prevalence": causes_prevalence,
                "by-exploitation": causes_by_exploitation,
                "by-district": causes_by_district,
                "by-destination": causes_by_destination,
            },
        ),
        Page(
            "hotline",
            gettext_lazy("Hotline"),
            gettext_lazy("Contacts by channel, class and district; response times and SLA."),
            {
                "channels": hotline_channels,
                "classes": hotline_classes,
                "monthly": hotline_monthly,
                "response": hotline_response,
                "sla": hotline_sla,
                "districts": hotline_districts,
            },
        ),
    ]
}
