"""Rebuild ``outline.json`` (Pakistan and its neighbours) from Natural Earth via world-atlas.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python rahai/insights/data/build_outline.py package/countries-50m.json

world-atlas (ISC licence, Mike Bostock) is Natural Earth 1:50m admin-0 countries (version 4.1.0,
public domain) as TopoJSON. Rahai keeps only Pakistan and the parts of its neighbours inside the
map's frame, clipped and simplified (Douglas-Peucker, 0.02 degrees), rounded to 0.01 degrees.
Natural Earth draws de facto boundaries; the map shows Azad Jammu and Kashmir and Gilgit-
Baltistan with Pakistan because Rahai's districts include them. Not imported by Rahai.
"""

import json
import sys
from pathlib import Path

FRAME = (60.0, 23.0, 78.4, 37.6)  # west, south, east, north
COUNTRIES = {
    "586": "PK",
    "004": "AF",
    "364": "IR",
    "356": "IN",
    "156": "CN",
    "762": "TJ",
    "512": "OM",
}
TOLERANCE = 0.02


def decode_arcs(topology):
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring_of(indexes, arcs):
    ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


def clip(ring, frame):
    west, south, east, north = frame
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cut_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cut_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cut_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cut_y(a, b, north)),
    ]
    for inside, cut in edges:
        if not ring:
            break
        out = []
        prev = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(prev):
                    out.append(cut(prev, point))
                out.append(point)
            elif inside(prev):
                out.append(cut(prev, point))
            prev = point
        ring = out
    return ring


def _cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
    index, far = 0, -1.0
    for i, (x, y) in enumerate(points[1:-1], 1):
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
        if d > far:
            index, far = i, d
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def main(path):
    topology = json.loads(Path(path).read_text())
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = COUNTRIES.get(str(geometry.get("id")))
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            outer = clip(ring_of(polygon[0], arcs), FRAME)
            if len(outer) < 4:
                continue
            half = len(outer) // 2
            simple = simplify(outer[: half + 1], TOLERANCE)[:-1] + simplify(outer[half:], TOLERANCE)
            if len(simple) >= 4:
                rings.append([[round(x, 2), round(y, 2)] for x, y in simple])
        if rings:
            shapes[code] = rings
    out = {
        "source": "Natural Earth 1:50m admin-0 countries 4.1.0 (public domain) via world-atlas 2.0.2 (ISC)",
        "frame": FRAME,
        "shapes": shapes,
    }
    target = Path(__file__).with_name("outline.json")
    target.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(target, {k: sum(len(r) for r in v) for k, v in shapes.items()}, target.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1])
