"""Export formats shared by the HTTP API (``/api/export``) and the CLI (``strikewatch export``).

Plain functions over ``Event`` objects; no FastAPI here, so the CLI can import this module
without the server extras installed. Every writer is a generator of text chunks, so the
API can stream a large export and the CLI can write it to a file as it goes.

Formats:

- ``csv``: one row per event, flat columns (lists joined with ``;``);
- ``jsonl``: one event per line, ``Event.to_dict()`` (codebook fields, evidence, sources,
  per-report figures);
- ``geojson``: a FeatureCollection of Points (``[lon, lat]``); an event without
  coordinates has ``geometry: null``, as RFC 7946 allows;
- ``acled``: ACLED's column names and conventions, one row per event (docs/api.md).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from typing import Any, Callable, Iterable, Iterator

from ..model import Count, Event

FORMATS = ("csv", "jsonl", "geojson", "acled")

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "geojson": "application/geo+json",
    "acled": "text/csv; charset=utf-8",
}

EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "geojson": "geojson", "acled": "acled.csv"}


# --- flat rows (csv, GeoJSON properties) ---------------------------------------------------

FLAT_COLUMNS = (
    "id", "date", "date_precision", "country", "admin1", "location", "sublocation", "lat",
    "lon", "geo_precision", "attack_types", "weapons", "attacker", "attacker_name",
    "attribution", "targets", "killed_min", "killed_max", "injured_min", "injured_max",
    "killed_unconfirmed_min", "killed_unconfirmed_max", "children_killed", "double_tap",
    "launched", "intercepted", "wave_id", "disputed", "n_sources", "sources",
)


def _bound(count: Count | None, which: str) -> int | None:
    return getattr(count, which) if count is not None else None


def flat_row(event: Event) -> dict[str, Any]:
    """The event as one flat row: lists joined with ``;``, counts split into min/max."""
    return {
        "id": event.id, "date": event.date, "date_precision": event.date_precision,
        "country": event.country, "admin1": event.admin1, "location": event.location,
        "sublocation": event.sublocation, "lat": event.lat, "lon": event.lon,
        "geo_precision": event.geo_precision, "attack_types": ";".join(event.attack_types),
        "weapons": ";".join(event.weapons), "attacker": event.attacker,
        "attacker_name": event.attacker_name, "attribution": event.attribution,
        "targets": ";".join(event.targets),
        "killed_min": _bound(event.killed, "min"), "killed_max": _bound(event.killed, "max"),
        "injured_min": _bound(event.injured, "min"), "injured_max": _bound(event.injured, "max"),
        "killed_unconfirmed_min": _bound(event.killed_unconfirmed, "min"),
        "killed_unconfirmed_max": _bound(event.killed_unconfirmed, "max"),
        "children_killed": event.children_killed, "double_tap": event.double_tap,
        "launched": event.launched, "intercepted": event.intercepted,
        "wave_id": event.wave_id, "disputed": event.disputed,
        "n_sources": len(event.sources), "sources": ";".join(event.sources),
    }


def summary_dict(event: Event) -> dict[str, Any]:
    """The event without evidence and per-report history: what lists and maps need."""
    out = event.to_dict()
    for heavy in ("evidence", "reports", "report_ids"):
        out.pop(heavy, None)
    return out


def _csv_chunks(header: Iterable[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(header), extrasaction="ignore",
                            lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        if buf.tell() > 64_000:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


# Spreadsheet programs run a cell that starts with = + - @ as a formula; article-derived
# text (place names, notes) must not become one (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def write_csv(events: Iterable[Event], **_: Any) -> Iterator[str]:
    return _csv_chunks(FLAT_COLUMNS, (flat_row(e) for e in events))


def write_jsonl(events: Iterable[Event], **_: Any) -> Iterator[str]:
    for event in events:
        yield json.dumps(event.to_dict(), ensure_ascii=False) + "\n"


def geojson_feature(event: Event) -> dict[str, Any]:
    geometry = None
    if event.lat is not None and event.lon is not None:
        geometry = {"type": "Point", "coordinates": [event.lon, event.lat]}
    return {"type": "Feature", "id": event.id, "geometry": geometry,
            "properties": summary_dict(event)}


def write_geojson(events: Iterable[Event], **_: Any) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for event in events:
        yield ("" if first else ",") + "\n" + json.dumps(geojson_feature(event),
                                                         ensure_ascii=False)
        first = False
    yield "\n]}\n"


# --- ACLED ---------------------------------------------------------------------------------
#
# Column names and vocabularies from ACLED's codebook (2023-2024 editions). Where ACLED's
# rules need knowledge we do not extract (admin2/admin3, source scale), the column is left
# empty rather than guessed.

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)

# attack type -> (event_type, sub_event_type), in order of precedence: an event of several
# types gets the first that applies. ACLED codes ground-, sea- and air-launched missiles and
# artillery as shelling, aircraft and drones (and the bombs they drop) as air/drone strikes.
ACLED_SUB_EVENTS = (
    ("missile", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("rocket_artillery", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("artillery", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("air_strike", "Explosions/Remote violence", "Air/drone strike"),
    ("guided_bomb", "Explosions/Remote violence", "Air/drone strike"),
    ("drone", "Explosions/Remote violence", "Air/drone strike"),
    ("explosion_unknown", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("ground_attack", "Battles", "Armed clash"),
)
# an attack whose means the report does not name: an explosion of unknown origin
ACLED_DEFAULT_SUB_EVENT = ("Explosions/Remote violence", "Remote explosive/landmine/IED")

ACLED_COUNTRIES = {
    # ISO alpha-2 -> (ACLED country name, ISO 3166 numeric, ISO alpha-3, ACLED region)
    "UA": ("Ukraine", 804, "UKR", "Europe"),
    "RU": ("Russia", 643, "RUS", "Europe"),
    "BY": ("Belarus", 112, "BLR", "Europe"),
    "MD": ("Moldova", 498, "MDA", "Europe"),
    "PL": ("Poland", 616, "POL", "Europe"),
    "RO": ("Romania", 642, "ROU", "Europe"),
}

# ACLED's actor names for the two state militaries
ACLED_STATE_FORCES = {
    "RU": "Military Forces of Russia (2000-)",
    "UA": "Military Forces of Ukraine (2019-)",
}

# ACLED "inter" codes
INTER_STATE_FORCES, INTER_POLITICAL_MILITIA, INTER_CIVILIANS, INTER_EXTERNAL = 1, 3, 7, 8

ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "unknown": 3}
ACLED_GEO_PRECISION = {1: 1, 2: 2, 3: 3, 4: 3}   # ACLED has no country-only level

# Vague figures: the codebook (section 4) codes "dozens" as 24+, ACLED codes the unit
# ("dozens" 12, "hundreds" 100, "tens" 10). Applied only when the stored figure is exactly
# what the codebook gives for that word, so a precise figure is never overridden.
ACLED_VAGUE_FIGURES = (
    # word in the evidence phrase, codebook minimum, ACLED figure
    ("tens", 20, 10),
    ("dozens", 24, 12),
    ("scores", 40, 20),
    ("hundreds", 200, 100),
    ("thousands", 2000, 1000),
)
_VAGUE = [(re.compile(rf"\b{word}\b", re.I), codebook_min, acled)
          for word, codebook_min, acled in ACLED_VAGUE_FIGURES]
_QUOTED = re.compile(r"\u201c([^\u201d]*)\u201d")


def _evidence_phrases(event: Event, name: str) -> list[str]:
    phrases = []
    for span in event.evidence.get(name, []):
        quoted = _QUOTED.findall(span.rule or "")
        phrases += quoted or [span.text]
    return phrases


def acled_fatalities(event: Event) -> int:
    """Fatalities as ACLED codes them: the most conservative reported figure.

    "at least N" -> N, ranges -> the lowest, "dozens" -> 12, "hundreds" -> 100, an upper
    bound only ("up to 30") -> 0 with the bound written in the notes, none reported -> 0.
    """
    killed = event.killed
    if killed is None or killed.min is None:
        return 0
    if killed.max is None:
        for phrase in _evidence_phrases(event, "killed"):
            for pattern, codebook_min, acled in _VAGUE:
                if killed.min == codebook_min and pattern.search(phrase):
                    return acled
    return killed.min


def _interaction(inter1: int, inter2: int) -> int:
    # ACLED: the two inter codes as one number, the lower first; a lone actor is N0
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _count_text(count: Count | None) -> str | None:
    if count is None:
        return None
    if count.min is not None and count.max == count.min:
        return str(count.min)
    if count.max is None:
        return f"at least {count.min}" if count.min is not None else None
    if count.min is None:
        return f"up to {count.max}"
    return f"{count.min}-{count.max}"


_SIDE_NAMES = {"RU": "Russian forces", "UA": "Ukrainian forces"}


def acled_notes(event: Event) -> str:
    place = event.location or event.admin1 or event.country or "an unknown place"
    if event.location and event.admin1:
        place = f"{event.location} ({event.admin1})"
    if event.sublocation:
        place = f"{event.sublocation}, {place}"
    who = event.attacker_name or _SIDE_NAMES.get(event.attacker) or "Unidentified attackers"
    means = ", ".join(t.replace("_", " ") for t in event.attack_types) or "unknown means"
    text = f"On {event.date or 'an unknown date'}, {who} attacked {place} ({means}"
    if event.weapons:
        text += "; " + ", ".join(event.weapons)
    text += ")."
    if event.targets:
        text += " Targets: " + ", ".join(event.targets) + "."
    figures = [(label, _count_text(c)) for label, c in (
        ("killed", event.killed), ("injured", event.injured),
        ("feared dead (unconfirmed)", event.killed_unconfirmed))]
    said = [f"{value} {label}" for label, value in figures if value]
    if said:
        text += " Reported: " + ", ".join(said) + "."
    if event.children_killed:
        text += f" Children killed: {event.children_killed}."
    if event.double_tap:
        text += " Double-tap strike."
    if event.attribution == "disputed" or event.disputed:
        text += " Attribution disputed."
    return text


def acled_row(event: Event, timestamp: int | None = None) -> dict[str, Any]:
    country = event.country or ""
    name, iso_num, iso3, region = ACLED_COUNTRIES.get(country, (country, "", country, ""))
    event_type, sub_event_type = next(
        ((et, sub) for attack, et, sub in ACLED_SUB_EVENTS if attack in event.attack_types),
        ACLED_DEFAULT_SUB_EVENT)
    # the attacker: state forces at home, external forces abroad (ACLED codes Russia's
    # military in Ukraine, and Ukraine's in Russia, as external forces); an unnamed side is
    # an unidentified armed group, which ACLED types as a political militia
    if event.attacker in ACLED_STATE_FORCES:
        actor1 = ACLED_STATE_FORCES[event.attacker]
        inter1 = INTER_STATE_FORCES if event.attacker == country else INTER_EXTERNAL
    else:
        actor1 = f"Unidentified Armed Group ({name or 'unknown'})"
        inter1 = INTER_POLITICAL_MILITIA
    civilian = any(t != "military" for t in event.targets)
    if civilian:
        actor2, inter2 = f"Civilians ({name})", INTER_CIVILIANS
    elif event.targets and country in ACLED_STATE_FORCES:
        actor2 = ACLED_STATE_FORCES[country]
        inter2 = INTER_STATE_FORCES
    else:
        actor2, inter2 = "", 0
    outlets = []
    for report in event.reports:
        label = report.outlet or report.article_id
        if label and label not in outlets:
            outlets.append(label)
    if not outlets:
        outlets = list(event.sources)
    return {
        "event_id_cnty": f"{iso3}{(event.id or '').removeprefix('ev_')}",
        "event_date": event.date or "",
        "year": event.date[:4] if event.date else "",
        "time_precision": ACLED_TIME_PRECISION.get(event.date_precision, 3),
        "disorder_type": "Political violence",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1, "assoc_actor_1": "", "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso_num, "region": region, "country": name,
        "admin1": event.admin1 or "", "admin2": "", "admin3": "",
        # ACLED always names a location: the region's centre when only the region is known
        "location": event.location or event.admin1 or "",
        "latitude": event.lat if event.lat is not None else "",
        "longitude": event.lon if event.lon is not None else "",
        "geo_precision": ACLED_GEO_PRECISION.get(event.geo_precision or 3, 3),
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": acled_notes(event),
        "fatalities": acled_fatalities(event),
        "tags": "",
        "timestamp": int(time.time()) if timestamp is None else timestamp,
    }


def write_acled(events: Iterable[Event], timestamp: int | None = None, **_: Any) -> Iterator[str]:
    stamp = int(time.time()) if timestamp is None else timestamp
    return _csv_chunks(ACLED_COLUMNS, (acled_row(e, stamp) for e in events))


WRITERS: dict[str, Callable[..., Iterator[str]]] = {
    "csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson, "acled": write_acled,
}


def export(events: Iterable[Event], fmt: str, **options: Any) -> Iterator[str]:
    """Text chunks of ``events`` in format ``fmt`` (one of ``FORMATS``)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return writer(events, **options)
