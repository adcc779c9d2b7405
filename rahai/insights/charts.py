"""Charts as inline SVG, drawn by Rahai's own code: no JavaScript, no external files or tiles.

Each function takes plain data (labels and values) and returns an SVG string (marked safe)
that a template puts in the page, a PDF report embeds, or a file stores. Values may be plain
numbers or ``rahai.insights.suppression.Shown`` figures: a suppressed figure is drawn at the
threshold with a hatched fill and labelled "<5", so its size never shows. Every chart has a
``<title>`` and ``<desc>`` and each mark a ``<title>`` tooltip; the data table beside it is the
accessible version.

    bar_chart(items)                           horizontal bars, one per label
    line_chart(categories, series)             one line per series over categories (months)
    stacked_bar_chart(categories, series)      columns stacked by series
    heatmap(row_labels, column_labels, cells)  a grid shaded by value (e.g. shares)
    district_map(points)                       proportional symbols on an outline of Pakistan
    sankey(columns, links)                     flows between columns of nodes
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rahai.insights.suppression import Shown

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
]
INK = "#1f2933"
MUTED = "#5b6474"  # 5.2:1 or better on the chart and map backgrounds (WCAG AA)
GRID = "#e3e7ec"
HEAT_MAX_ALPHA = 0.7
FONT = 12
_ids = itertools.count(1)


@dataclass(frozen=True)
class Point:
    """A value as a chart needs it."""

    value: float  # where it is drawn
    text: str  # how it is labelled
    suppressed: bool = False


def point(value) -> Point:
    if isinstance(value, Shown):
        return Point(value.plot_value, value.text, value.suppressed)
    if value is None or value == "":
        return Point(0.0, "")
    number = float(value)
    text = f"{int(number):,}" if number == int(number) else f"{number:,.1f}"
    return Point(number, text)


def _e(text) -> str:
    return escape(str(text))


def _fmt(number: float) -> str:
    return f"{int(number):,}" if number == int(number) else f"{number:,.1f}"


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``maximum``."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    top = math.ceil(maximum / step) * step
    return [round(i * step, 10) for i in range(int(round(top / step)) + 1)]


def _svg(width: float, height: float, title: str, desc: str, body: list[str]) -> SafeString:
    uid = next(_ids)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" style="max-width:{width:.0f}px;direction:ltr" role="img" '
        f'aria-labelledby="chart-{uid}-t chart-{uid}-d" font-size="{FONT}" '
        f'font-family="inherit" class="chart">'
        f'<title id="chart-{uid}-t">{_e(title)}</title><desc id="chart-{uid}-d">{_e(desc)}</desc>'
        f"<defs>{_hatch_pattern(uid)}</defs>"
    )
    return mark_safe(head + "".join(body).replace("HATCH", f"hatch-{uid}") + "</svg>")  # noqa: S308 - every text is escaped


def _hatch_pattern(uid: int) -> str:
    return (
        f'<pattern id="hatch-{uid}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{MUTED}" stroke-width="3"/></pattern>'
    )


def _fill(colour: str, p: Point) -> str:
    return 'url(#HATCH)" stroke="' + colour if p.suppressed else colour


def _empty(width: float, height: float, title: str, message: str) -> SafeString:
    return _svg(
        width,
        height,
        title,
        message,
        [
            f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
            f'fill="{MUTED}">{_e(message)}</text>'
        ],
    )


def _clip(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- bars ----------------------------------------------------------------------------------------


def bar_chart(
    items: list[tuple[str, object]],
    *,
    title: str,
    desc: str = "",
    width: int = 640,
    colour: str = PALETTE[0],
    label_width: int = 240,
    empty: str = "No data",
) -> SafeString:
    """Horizontal bars, one per (label, value), in the order given."""
    if not items:
        return _empty(width, 60, title, empty)
    points = [(label, point(value)) for label, value in items]
    row = 22
    top, bottom = 8, 24
    height = top + row * len(points) + bottom
    plot_w = width - label_width - 60
    ticks = nice_ticks(max(p.value for _l, p in points))
    scale = plot_w / ticks[-1]
    body = []
    for tick in ticks:
        x = label_width + tick * scale
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" fill="{MUTED}">'
            f"{_fmt(tick)}</text>"
        )
    for i, (label, p) in enumerate(points):
        y = top + i * row
        w = max(p.value * scale, 1.5 if p.value else 0)
        body.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" fill="{INK}">'
            f"{_e(_clip(label, label_width // 7))}<title>{_e(label)}</title></text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
            f'fill="{_fill(colour, p)}"><title>{_e(label)}: {_e(p.text)}</title></rect>'
            f'<text x="{label_width + w + 4:.1f}" y="{y + 15}" fill="{INK}">{_e(p.text)}</text>'
        )
    return _svg(width, height, title, desc or title, body)


def stacked_bar_chart(
    categories: list[str],
    series: list[tuple[str, list]],
    *,
    title: str,
    desc: str = "",
    width: int = 720,
    height: int = 300,
    empty: str = "No data",
) -> SafeString:
    """Vertical columns per category, stacked by series (e.g. months by channel)."""
    if not categories or not series:
        return _empty(width, 60, title, empty)
    columns = [[point(values[i]) for _name, values in series] for i in range(len(categories))]
    left, right, top, legend_h = 56, 12, 10, 22 * math.ceil(len(series) / 4)
    bottom = 40 + legend_h
    plot_h = height - top - bottom
    plot_w = width - left - right
    ticks = nice_ticks(max(sum(p.value for p in col) for col in columns))
    scale = plot_h / ticks[-1]
    body = _y_axis(ticks, scale, left, width - right, top + plot_h)
    slot = plot_w / len(categories)
    bar_w = min(48.0, max(2.0, slot * 0.7))
    every = max(1, math.ceil(len(categories) / 14))
    for i, (category, col) in enumerate(zip(categories, columns, strict=True)):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        for (name, _values), p, colour in zip(series, col, itertools.cycle(PALETTE), strict=False):
            h = p.value * scale
            if h <= 0:
                continue
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{_fill(colour, p)}"><title>{_e(category)} · {_e(name)}: '
                f"{_e(p.text)}</title></rect>"
            )
        if i % every == 0:
            body.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'fill="{MUTED}">{_e(category)}</text>'
            )
    body += _legend([name for name, _v in series], left, height - legend_h, width - left)
    return _svg(width, height, title, desc or title, body)


def _y_axis(ticks, scale, left, right, baseline) -> list[str]:
    parts = []
    for tick in ticks:
        y = baseline - tick * scale
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{_fmt(tick)}</text>"
        )
    return parts


def _legend(names: list[str], left: float, top: float, width: float) -> list[str]:
    parts = []
    per_row = 3 if any(len(str(name)) > 20 for name in names) else 4
    cell = width / per_row
    for i, (name, colour) in enumerate(zip(names, itertools.cycle(PALETTE), strict=False)):
        x = left + (i % per_row) * cell
        y = top + (i // per_row) * 22 + 4
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 17:.1f}" y="{y + 11:.1f}" fill="{INK}">{_e(_clip(name, int(cell / 7) - 2))}'
            f"<title>{_e(name)}</title></text>"
        )
    return parts


# --- lines ---------------------------------------------------------------------------------------


def line_chart(
    categories: list[str],
    series: list[tuple[str, list]],
    *,
    title: str,
    desc: str = "",
    width: int = 720,
    height: int = 300,
    empty: str = "No data",
) -> SafeString:
    """One line per series over the categories (months or years); suppressed points are
    hollow markers at the threshold."""
    if not categories or not series:
        return _empty(width, 60, title, empty)
    data = [(name, [point(v) for v in values]) for name, values in series]
    left, right, top = 56, 16, 10
    legend_h = 22 * math.ceil(len(series) / 4)
    bottom = 40 + legend_h
    plot_h, plot_w = height - top - bottom, width - left - right
    ticks = nice_ticks(max(p.value for _n, points in data for p in points))
    scale = plot_h / ticks[-1]
    body = _y_axis(ticks, scale, left, width - right, top + plot_h)
    step = plot_w / max(1, len(categories) - 1) if len(categories) > 1 else 0
    xs = [left + (i * step if len(categories) > 1 else plot_w / 2) for i in range(len(categories))]
    every = max(1, math.ceil(len(categories) / 12))
    for i, category in enumerate(categories):
        if i % every == 0 or i == len(categories) - 1:
            body.append(
                f'<text x="{xs[i]:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'fill="{MUTED}">{_e(category)}</text>'
            )
    for (name, points), colour in zip(data, itertools.cycle(PALETTE), strict=False):
        coords = [(x, top + plot_h - p.value * scale) for x, p in zip(xs, points, strict=True)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2">'
            f"<title>{_e(name)}</title></polyline>"
        )
        if len(points) <= 60:
            for (x, y), p, category in zip(coords, points, categories, strict=True):
                fill = "#fff" if p.suppressed else colour
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{fill}" stroke="{colour}">'
                    f"<title>{_e(category)} · {_e(name)}: {_e(p.text)}</title></circle>"
                )
    body += _legend([name for name, _v in series], left, height - legend_h, width - left)
    return _svg(width, height, title, desc or title, body)


# --- heat map ------------------------------------------------------------------------------------


def heatmap(
    row_labels: list[str],
    column_labels: list[str],
    cells: list[list],
    *,
    title: str,
    desc: str = "",
    maximum: float | None = None,
    colour: tuple[int, int, int] = (0, 114, 178),
    label_width: int = 220,
    empty: str = "No data",
) -> SafeString:
    """A grid of rows by columns, each cell shaded by its value (``maximum`` = darkest)."""
    if not row_labels or not column_labels:
        return _empty(640, 60, title, empty)
    grid = [[point(v) for v in row] for row in cells]
    cell_w, cell_h, top = 46, 22, 110
    width = label_width + cell_w * len(column_labels) + 80
    height = top + cell_h * len(row_labels) + 10
    top_value = maximum or max([p.value for row in grid for p in row] + [1])
    body = []
    for j, label in enumerate(column_labels):
        x = label_width + j * cell_w + cell_w / 2
        body.append(
            f'<text transform="translate({x:.1f},{top - 6}) rotate(-50)" fill="{INK}">'
            f"{_e(_clip(label, 18))}<title>{_e(label)}</title></text>"
        )
    r, g, b = colour
    for i, (label, row) in enumerate(zip(row_labels, grid, strict=True)):
        y = top + i * cell_h
        body.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" fill="{INK}">'
            f"{_e(_clip(label, 32))}<title>{_e(label)}</title></text>"
        )
        for j, p in enumerate(row):
            x = label_width + j * cell_w
            # Shading stops at 0.7 so the dark figures keep 4.5:1 on every cell (WCAG AA); white
            # figures on the middle shades fell to 2.4:1.
            alpha = 0 if p.suppressed else min(1.0, p.value / top_value) if top_value else 0
            alpha *= HEAT_MAX_ALPHA
            fill = "url(#HATCH)" if p.suppressed else f"rgba({r},{g},{b},{alpha:.2f})"
            ink = INK
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="{fill}" stroke="{GRID}"><title>{_e(label)} · '
                f"{_e(column_labels[j])}: {_e(p.text)}</title></rect>"
            )
            if p.text not in {"", "–", "0"}:
                body.append(
                    f'<text x="{x + cell_w / 2 - 1:.1f}" y="{y + 15}" text-anchor="middle" '
                    f'font-size="10" fill="{ink}">{_e(p.text)}</text>'
                )
    return _svg(width, height, title, desc or title, body)


# --- the map -------------------------------------------------------------------------------------

WEST, EAST, SOUTH, NORTH = 60.5, 77.9, 23.5, 37.2
MAP_WIDTH = 560


def _map_height() -> float:
    # Equirectangular, x stretched by cos(30°) so Pakistan keeps its shape at its latitude.
    return MAP_WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * math.cos(math.radians(30)))


def project(latitude: float, longitude: float) -> tuple[float, float]:
    x = (float(longitude) - WEST) / (EAST - WEST) * MAP_WIDTH
    y = (NORTH - float(latitude)) / (NORTH - SOUTH) * _map_height()
    return round(x, 1), round(y, 1)


@cache
def outline_paths() -> dict[str, str]:
    """SVG path data of Pakistan and its neighbours (``data/outline.json``, Natural Earth)."""
    path = Path(__file__).resolve().parent / "data" / "outline.json"
    shapes = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for name, rings in shapes["shapes"].items():
        parts = []
        for ring in rings:
            coords = [project(lat, lon) for lon, lat in ring]
            parts.append("M" + " L".join(f"{x},{y}" for x, y in coords) + " Z")
        out[name] = " ".join(parts)
    return out


@dataclass(frozen=True)
class MapPoint:
    label: str
    latitude: float
    longitude: float
    value: object


def district_map(
    points: list[MapPoint],
    *,
    title: str,
    desc: str = "",
    colour: str = PALETTE[5],
    max_radius: float = 22.0,
    empty: str = "No data",
) -> SafeString:
    """Proportional symbols at district centroids on an outline of Pakistan: circle area is
    proportional to the value; suppressed values are hatched circles of the threshold's size."""
    height = _map_height()
    outline = outline_paths()
    body = [f'<rect width="{MAP_WIDTH}" height="{height:.0f}" fill="#f4f7fa"/>']
    for name, d in outline.items():
        if name == "PK":
            continue
        body.append(f'<path d="{d}" fill="#eceff3" stroke="#c5ccd5" stroke-width="0.6"/>')
    if "PK" in outline:
        body.append(f'<path d="{outline["PK"]}" fill="#fff" stroke="#7b8794" stroke-width="1.2"/>')
    data = [(p, point(p.value)) for p in points]
    data = [(p, v) for p, v in data if v.value > 0]
    if not data:
        body.append(
            f'<text x="{MAP_WIDTH / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
            f'fill="{MUTED}">{_e(empty)}</text>'
        )
        return _svg(MAP_WIDTH, height, title, desc or title, body)
    top = max(v.value for _p, v in data)
    # Largest first, so small circles stay on top and can be pointed at.
    for p, v in sorted(data, key=lambda item: -item[1].value):
        x, y = project(p.latitude, p.longitude)
        radius = max(2.0, max_radius * math.sqrt(v.value / top))
        fill = "url(#HATCH)" if v.suppressed else colour
        body.append(
            f'<circle cx="{x}" cy="{y}" r="{radius:.1f}" fill="{fill}" fill-opacity="0.75" '
            f'stroke="{colour if v.suppressed else "#fff"}" stroke-width="1">'
            f"<title>{_e(p.label)}: {_e(v.text)}</title></circle>"
        )
    shown_values = [v.value for _p, v in data if not v.suppressed]
    legend_values = [max(shown_values), max(shown_values) / 4] if shown_values else []
    lx, ly = 20, height - 20
    for value in legend_values:
        radius = max(2.0, max_radius * math.sqrt(value / top))
        body.append(
            f'<circle cx="{lx + max_radius}" cy="{ly - radius:.1f}" r="{radius:.1f}" '
            f'fill="none" stroke="{MUTED}"/>'
        )
        body.append(
            f'<text x="{lx + 2 * max_radius + 6}" y="{ly - 2 * radius + 4:.1f}" fill="{MUTED}">'
            f"{_fmt(round(value))}</text>"
        )
    return _svg(MAP_WIDTH, height, title, desc or title, body)


# --- flows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flow:
    source: tuple[int, str]  # (column, node label)
    target: tuple[int, str]
    value: object


def sankey(
    column_titles: list[str],
    flows: list[Flow],
    *,
    title: str,
    desc: str = "",
    width: int = 760,
    height: int = 420,
    empty: str = "No data",
) -> SafeString:
    """Flows between columns of nodes (origin -> transit -> destination). Node heights and band
    widths are proportional to the flow; a suppressed flow is drawn at the threshold, hatched."""
    if not flows:
        return _empty(width, 60, title, empty)
    data = [(f, point(f.value)) for f in flows]
    columns = len(column_titles)
    nodes: dict[tuple[int, str], list[float]] = {}  # node -> [in, out]
    for f, p in data:
        nodes.setdefault(f.source, [0.0, 0.0])[1] += p.value
        nodes.setdefault(f.target, [0.0, 0.0])[0] += p.value
    size = {node: max(io) for node, io in nodes.items()}
    by_column: dict[int, list[tuple[int, str]]] = {c: [] for c in range(columns)}
    for node in nodes:
        by_column.setdefault(node[0], []).append(node)
    for column in by_column.values():
        column.sort(key=lambda node: -size[node])
    top, bottom, node_w, gap = 26, 10, 12, 6
    plot_h = height - top - bottom
    scale = (plot_h - gap * max(len(c) for c in by_column.values())) / max(
        1.0, max(sum(size[n] for n in c) for c in by_column.values())
    )
    label_room = 150
    x_of = {
        c: label_room + c * (width - 2 * label_room - node_w) / max(1, columns - 1)
        for c in range(columns)
    }
    y_of: dict[tuple[int, str], float] = {}
    for column in by_column.values():
        y = top
        for node in column:
            y_of[node] = y
            y += size[node] * scale + gap
    body = []
    for c, name in enumerate(column_titles):
        anchor = "start" if c == 0 else "end" if c == columns - 1 else "middle"
        x = x_of[c] + (0 if c == 0 else node_w if c == columns - 1 else node_w / 2)
        body.append(
            f'<text x="{x:.1f}" y="14" text-anchor="{anchor}" fill="{MUTED}" '
            f'font-weight="bold">{_e(name)}</text>'
        )
    out_offset = dict.fromkeys(nodes, 0.0)
    in_offset = dict.fromkeys(nodes, 0.0)
    colour_of = {
        node: colour
        for column in by_column.values()
        for node, colour in zip(column, itertools.cycle(PALETTE), strict=False)
    }
    for f, p in sorted(data, key=lambda item: -item[1].value):
        band = max(1.0, p.value * scale)
        x0 = x_of[f.source[0]] + node_w
        x1 = x_of[f.target[0]]
        y0 = y_of[f.source] + out_offset[f.source] + band / 2
        y1 = y_of[f.target] + in_offset[f.target] + band / 2
        out_offset[f.source] += band
        in_offset[f.target] += band
        colour = colour_of.get(f.source, PALETTE[8])
        mid = (x0 + x1) / 2
        stroke = "url(#HATCH)" if p.suppressed else colour
        body.append(
            f'<path d="M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} '
            f'{x1:.1f},{y1:.1f}" fill="none" stroke="{stroke}" stroke-opacity="0.45" '
            f'stroke-width="{band:.1f}"><title>{_e(f.source[1])} → {_e(f.target[1])}: '
            f"{_e(p.text)}</title></path>"
        )
    for node, y in y_of.items():
        c, label = node
        h = max(1.0, size[node] * scale)
        x = x_of[c]
        body.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{node_w}" height="{h:.1f}" '
            f'fill="{colour_of.get(node, INK)}"><title>{_e(label)}</title></rect>'
        )
        if c == 0:
            tx, anchor = x - 4, "end"
        elif c == columns - 1:
            tx, anchor = x + node_w + 4, "start"
        else:
            tx, anchor = x + node_w + 3, "start"
        body.append(
            f'<text x="{tx:.1f}" y="{y + h / 2 + 4:.1f}" text-anchor="{anchor}" fill="{INK}" '
            f'font-size="11">{_e(_clip(label, 19))}<title>{_e(label)}</title></text>'
        )
    return _svg(width, height, title, desc or title, body)
