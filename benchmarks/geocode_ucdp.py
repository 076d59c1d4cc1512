"""Geocoding check against UCDP GED: how close does the gazetteer put UCDP's places?

Usage: python benchmarks/geocode_ucdp.py PATH/TO/corpus/ucdp/ucdp_ged_ukraine_2022.csv [--no-write]

Each row's ``where_coordinates`` (minus its " town"/" village"/" city" suffix and any part in
brackets) is resolved the way extraction codes a place (CODEBOOK section 2): the settlement of
that name in the row's region (``adm_1``); when the name is a region or a country, that; when
nothing of the name is known, the region (its administrative centre, geo_precision 3). The
distance to the row's ``latitude``/``longitude`` is measured with the haversine formula.
Writes the ``geocode-ucdp`` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import peak_rss_mb, write_section  # noqa: E402

from strikewatch.gazetteer import Gazetteer  # noqa: E402
from strikewatch.gazetteer.build import haversine_km  # noqa: E402

SUFFIX_RE = re.compile(r"\s+(?:town|village|city)$", re.I)
BRACKETS_RE = re.compile(r"\s*\([^)]*\)")
# UCDP's where_prec: 1 exact place, 2 within ~25 km, 3 second-order region (raion),
# 4 first-order region, 5 wider area, 6 country
PREC_LABELS = {"1": "exact place", "2": "near a place", "3": "raion", "4": "oblast",
               "5": "wider area", "6": "country"}


def clean_name(where: str) -> str:
    return SUFFIX_RE.sub("", BRACKETS_RE.sub("", where)).strip()


def resolve(gaz: Gazetteer, name: str, adm_1: str):
    """(place, how) for one UCDP row, the way extraction codes a place."""
    region = gaz.region(adm_1) if adm_1 else None
    if region is not None:
        found = gaz.lookup(name, admin1=region.name)
        if found:
            return found[0], "in region"
    found = gaz.lookup(name, country="UA")
    if found and found[0].kind in ("region", "country", "landmark"):
        return found[0], found[0].kind
    if found and region is None:
        return found[0], "no region given"
    if region is not None:
        return gaz.region_place(region), "region fallback"
    country = gaz.country("UA")
    return country, "country fallback"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", type=Path)
    ap.add_argument("--no-write", action="store_true", help="print only, leave docs alone")
    ap.add_argument("--misses", type=int, default=60, help="misses to list (default 60)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - t0
    rows = list(csv.DictReader(args.csv.open(encoding="utf-8")))
    results = []
    t1 = time.perf_counter()
    for row in rows:
        name = clean_name(row["where_coordinates"])
        place, how = resolve(gaz, name, row["adm_1"].strip())
        d = haversine_km(float(row["latitude"]), float(row["longitude"]), place.lat, place.lon)
        results.append((row, name, place, how, d))
    resolve_s = time.perf_counter() - t1

    n = len(results)
    within10 = sum(1 for r in results if r[4] <= 10)
    within25 = sum(1 for r in results if r[4] <= 25)
    lines = [
        f"UCDP GED rows: {n} (`{args.csv.name}`); gazetteer: {len(gaz)} places, "
        f"load {load_s:.2f} s, {n / resolve_s:,.0f} rows/s, peak RSS {peak_rss_mb():.0f} MB.",
        "",
        f"- within 10 km: **{within10 / n:.1%}** ({within10}/{n})",
        f"- within 25 km: **{within25 / n:.1%}** ({within25}/{n})",
        "",
        "| UCDP where_prec | rows | within 10 km | within 25 km |",
        "|---|---|---|---|",
    ]
    by_prec: dict[str, list] = {}
    for r in results:
        by_prec.setdefault(r[0]["where_prec"], []).append(r)
    for prec in sorted(by_prec):
        rs = by_prec[prec]
        w10 = sum(1 for r in rs if r[4] <= 10)
        w25 = sum(1 for r in rs if r[4] <= 25)
        lines.append(f"| {prec} {PREC_LABELS.get(prec, '')} | {len(rs)} | {w10 / len(rs):.1%} "
                     f"| {w25 / len(rs):.1%} |")
    hows = Counter(r[3] for r in results)
    lines += ["", "Resolved as: " + ", ".join(f"{k} {v}" for k, v in hows.most_common()), ""]
    # geocoding accuracy where the index holds the named place, and what it lacks
    held = [r for r in results if r[3] == "in region" and r[2].kind == "settlement"]
    held10 = sum(1 for r in held if r[4] <= 10)
    lacking = [r for r in results if r[3] == "region fallback" and r[0]["where_prec"] in "12"]
    lines += [
        f"- rows whose place the index holds (found in its region): {len(held)}, of which "
        f"within 10 km: **{held10 / max(1, len(held)):.1%}**",
        f"- rows naming an exact or nearby place (where_prec 1-2) the index lacks, coded at "
        f"the region's centre: {len(lacking)}",
        "",
    ]
    misses = sorted((r for r in results if r[4] > 10), key=lambda r: -r[4])
    lines += [f"Misses (> 10 km): {len(misses)}, farthest first"
              + (f" (first {args.misses})" if len(misses) > args.misses else "") + ":", "",
              "| where_coordinates | adm_1 | resolved to | how | km |", "|---|---|---|---|---|"]
    for row, name, place, how, d in misses[: args.misses]:
        lines.append(f"| {row['where_coordinates']} | {row['adm_1']} | {place.name} "
                     f"({place.admin1 or place.country}) | {how} | {d:.1f} |")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section("geocode-ucdp", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
