"""Resolve: merge the events that several articles report into one event each.

The unit is the codebook's: one attack on one locality on one day by one side. Reports
(one article's view of an event) are merged when they agree on country, locality and day
(allowing the overnight shift between outlets) and do not name opposite attackers. A
region-level report joins the one settlement event of that region on that day, if there is
exactly one; otherwise it stays apart, because joining it to two would chain two strikes.

``merge_reports`` is a pure function of the *set* of reports it is given (it sorts them
first), so ingesting articles in any order gives the same events, and the event id is a
hash of what identifies the event (country, region, locality, day, side), not of the
order in which sources arrived.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

from ..model import Count, Event, Report, Wave

# Reports within this many days of each other may be the same strike when one of them
# dates it from wording that straddles midnight ("overnight", "last night", "yesterday").
OVERNIGHT_SHIFT_DAYS = 1
SHIFTY_DATE_RULES = ("overnight", "last night", "yesterday", "night", "previous day", "day before")


def fold(text: str | None) -> str:
    if not text:
        return ""
    return _fold(text)


# place names repeat across every report of a busy day: folding each once keeps resolve's
# cost from growing with the number of outlets that reported the same strikes
@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _date_is_shifty(event: Event) -> bool:
    rules = " ".join(s.rule + " " + s.text for s in event.evidence.get("date", [])).lower()
    return any(word in rules for word in SHIFTY_DATE_RULES)


def same_day(a: Event, b: Event, shifty=_date_is_shifty) -> bool:
    """Could a and b be the same day's strike? Exact day, or one day apart when an outlet
    dated it from "overnight"/"yesterday" wording and the other from the calendar.
    ``shifty`` says which reports have such wording (``cluster_reports`` reads it once)."""
    if a.date_precision != "day" or b.date_precision != "day":
        # a week- or month-precise report only joins a report of the same date and precision:
        # "Kyiv was hit again" in two roundups of the same day, not any strike of that week
        return a.date == b.date and a.date_precision == b.date_precision and a.date is not None
    da, db = _day(a.date), _day(b.date)
    if da is None or db is None:
        return False
    gap = abs((da - db).days)
    return gap == 0 or (gap <= OVERNIGHT_SHIFT_DAYS and (shifty(a) or shifty(b))
                        and set(a.sources) != set(b.sources))


def compatible_sides(a: Event, b: Event) -> bool:
    known = {a.attacker, b.attacker} - {"unknown", None}
    return len(known) <= 1 or "disputed" in (a.attribution, b.attribution)


def _place_key(event: Event) -> tuple[str, str, str]:
    return (event.country or "", fold(event.admin1), fold(event.location))


def _sort_key(event: Event) -> tuple:
    return (event.date or "", _place_key(event), event.id or "")


class _Groups:
    """Disjoint groups of item indexes. Every item's group label is kept current (a union
    relabels the smaller group), so the pairwise loop of ``cluster_reports`` tests "already
    together?" with a list lookup: a place with many reports asks that for every pair."""

    def __init__(self, n: int):
        self.label = list(range(n))
        self.members = {i: [i] for i in range(n)}

    def union(self, a: int, b: int) -> int:
        """Join the groups labelled a and b; returns the label of the joined group."""
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        moved = self.members.pop(b)
        for m in moved:
            self.label[m] = a
        self.members[a].extend(moved)
        return a


def _articles(event: Event) -> set[str]:
    return set(event.sources)


def cluster_reports(reports: Iterable[Event]) -> list[list[Event]]:
    """Group reports into events; deterministic for a given set of reports.

    1. Day-precise reports of one place join when they are of the same day, then (a second
       pass) when one outlet's "overnight" puts them a day apart. Two groups never join if an
       article already tells them apart (it reported both, as two strikes).
    2. A week- or month-precise report joins the one day-precise event of its place whose
       day its period covers; otherwise it groups with reports of the same date and
       precision.
    3. A region-level group joins the single settlement event of that region that day,
       the same calendar day: a report vague about the place is not also allowed the
       overnight shift, which would join a region's Monday strikes to its city's Tuesday one.
    """
    reports = sorted(reports, key=_sort_key)
    # whether a report's date straddles midnight, read once per report rather than per pair
    shifty_of = {id(r): _date_is_shifty(r) for r in reports}

    def shifty(r: Event) -> bool:
        return shifty_of[id(r)]

    def near_day(a: Event, b: Event) -> bool:
        return same_day(a, b, shifty)

    dated = [r for r in reports if r.date]
    undated = [r for r in reports if not r.date]
    day = [r for r in dated if r.date_precision == "day"]
    coarse = [r for r in dated if r.date_precision != "day"]

    def group(items: list[Event], passes) -> list[list[Event]]:
        groups = _Groups(len(items))
        label = groups.label
        members_articles = [set(_articles(r)) for r in items]
        days_of = [_day(r.date) for r in items]
        members_days = [{d} - {None} for d in days_of]
        by_place: dict[tuple, list[int]] = {}
        for i, r in enumerate(items):
            by_place.setdefault(_place_key(r), []).append(i)
        # members of a place come in date order (``_sort_key``): once j is more than the
        # overnight shift after i, no later j can join i in any pass
        ordinal = [d.toordinal() if d else None for d in days_of]
        for test in passes:
            for members in by_place.values():
                for x, i in enumerate(members):
                    for j in members[x + 1:]:
                        if ordinal[i] is not None and ordinal[j] is not None and \
                                ordinal[j] - ordinal[i] > OVERNIGHT_SHIFT_DAYS:
                            break
                        ri, rj = label[i], label[j]
                        if ri == rj or not test(items[i], items[j]) or \
                                not compatible_sides(items[i], items[j]):
                            continue
                        if members_articles[ri] & members_articles[rj]:
                            continue        # one article reported them as two strikes
                        days = members_days[ri] | members_days[rj]
                        if days and (max(days) - min(days)).days > OVERNIGHT_SHIFT_DAYS:
                            continue        # no chaining day after day into one event
                        root = groups.union(ri, rj)
                        members_articles[root] = members_articles[ri] | members_articles[rj]
                        members_days[root] = days
        found: dict[int, list[Event]] = {}
        for i, r in enumerate(items):
            found.setdefault(label[i], []).append(r)
        return list(found.values())

    exact = lambda a, b: a.date == b.date            # noqa: E731
    day_clusters = group(day, [exact, near_day])

    coarse_clusters = []
    # a day cluster's reports share one place (``group`` joins within a place only)
    day_places = [_place_key(c[0]) for c in day_clusters]
    for cluster in group(coarse, [lambda a, b: a.date == b.date and
                                  a.date_precision == b.date_precision]):
        place = _place_key(cluster[0])
        homes = [c for c, c_place in zip(day_clusters, day_places)
                 if c_place == place and any(_covers(cluster[0], d.date)
                        and compatible_sides(d, cluster[0]) for d in c)
                 and not (_articles_of(c) & _articles_of(cluster))]
        if len(homes) == 1:
            homes[0].extend(cluster)
        else:
            coarse_clusters.append(cluster)

    clusters = day_clusters + coarse_clusters
    settled = [c for c in clusters if c[0].location]
    regional = [c for c in clusters if not c[0].location]
    remaining = []
    regions_of = [{(s.country, fold(s.admin1)) for s in sc} for sc in settled]
    for rc in regional:
        regions = {(r.country, fold(r.admin1)) for r in rc}
        homes = [sc for sc, sc_regions in zip(settled, regions_of)
                 if sc_regions & regions
                 and any(fold(s.admin1) == fold(r.admin1) and s.country == r.country
                         and s.date == r.date and s.date_precision == r.date_precision
                         and compatible_sides(s, r)
                         for s in sc for r in rc)]
        if len(homes) == 1 and not (_articles_of(homes[0]) & _articles_of(rc)):
            homes[0].extend(rc)
        else:
            remaining.append(rc)
    out = settled + remaining + [[r] for r in undated]
    return sorted(out, key=lambda c: min(_sort_key(r) for r in c))


def _articles_of(cluster: list[Event]) -> set[str]:
    return {a for r in cluster for a in r.sources}


def _covers(coarse: Event, day_value: str | None) -> bool:
    """Does a week- or month-precise report's period include this day?"""
    c, d = _day(coarse.date), _day(day_value)
    if c is None or d is None:
        return False
    if coarse.date_precision == "week":
        return 0 <= (c - d).days <= 7
    if coarse.date_precision == "month":
        return (c.year, c.month) == (d.year, d.month)
    return False


def _latest_figure(reports: list[Report], field: str) -> tuple[Count | None, Report | None]:
    """CODEBOOK section 4: the latest report's figure wins; between reports of the same
    day, the highest confirmed figure wins."""
    best, best_key, who = None, None, None
    for r in reports:
        value: Count | None = getattr(r, field)
        if value is None:
            continue
        key = (r.published or "", value.min if value.min is not None else -1,
               value.max if value.max is not None else (10**9 if value.min is not None else -1))
        if best_key is None or key > best_key:
            best, best_key, who = value, key, r
    return best, who


def _majority(values: list, default=None):
    counts: dict = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    if not counts:
        return default
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]


def event_id(country: str | None, admin1: str | None, location: str | None, day: str | None,
             precision: str, attacker: str) -> str:
    key = "|".join([country or "", fold(admin1), fold(location), day or "", precision,
                    attacker if attacker in ("RU", "UA") else ""])
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def merge_cluster(cluster: list[Event]) -> Event:
    """One event from the reports of one cluster."""
    cluster = sorted(cluster, key=lambda r: (r.reports[0].published or "" if r.reports else "",
                                             r.id or ""))
    precise = min(cluster, key=lambda r: (r.geo_precision or 9, -len(r.evidence), r.id or ""))
    day_reports = [r for r in cluster if r.date_precision == "day"] or cluster
    day = _majority([r.date for r in day_reports])
    tied = [r.date for r in day_reports if r.date == day]
    precision = "day" if any(r.date_precision == "day" for r in cluster) else \
        _majority([r.date_precision for r in cluster], "unknown")
    # The side the reports that name one agree on; a report that carries a denial marks the
    # event disputed but does not erase the side the others state (as ACLED keeps the
    # reported actor and records the denial). Sides in conflict leave the attacker unknown.
    sides = {r.attacker for r in cluster} - {"unknown", "other", None}
    conflict = len(sides) > 1
    disputed = conflict or any(r.attribution == "disputed" for r in cluster)
    if conflict:
        attacker = "unknown"
    elif sides:
        attacker = next(iter(sides))
    else:
        attacker = _majority([r.attacker for r in cluster], "unknown")

    history = [rep for r in cluster for rep in r.reports]
    history.sort(key=lambda rep: (rep.published or "", rep.article_id))
    merged = Event(
        date=day if tied else cluster[0].date,
        date_precision=precision,
        country=precise.country, admin1=precise.admin1, location=precise.location,
        sublocation=precise.sublocation or _majority([r.sublocation for r in cluster]),
        lat=precise.lat, lon=precise.lon, geo_precision=precise.geo_precision,
        attack_types=sorted({t for r in cluster for t in r.attack_types}),
        weapons=sorted({w for r in cluster for w in r.weapons}),
        attacker=attacker,
        attacker_name=_majority([r.attacker_name for r in cluster if r.attacker == attacker]),
        attribution="disputed" if conflict or attacker == "unknown" and disputed else _majority(
            [r.attribution for r in cluster if r.attacker == attacker and
             r.attribution != "disputed"]) or _majority([r.attribution for r in cluster]),
        targets=sorted({t for r in cluster for t in r.targets}),
        children_killed=max((r.children_killed for r in cluster if r.children_killed is not None),
                            default=None),
        double_tap=any(r.double_tap for r in cluster),
        launched=_majority([r.launched for r in cluster]),
        intercepted=_majority([r.intercepted for r in cluster]),
        sources=sorted({s for r in cluster for s in r.sources}),
        report_ids=sorted(r.id for r in cluster if r.id),
        reports=history,
        disputed=disputed,
    )
    merged.killed, _ = _latest_figure(history, "killed")
    merged.injured, _ = _latest_figure(history, "injured")
    merged.killed_unconfirmed, _ = _latest_figure(history, "killed_unconfirmed")
    evidence: dict = {}
    seen: set = set()
    for r in cluster:
        for name, spans in r.evidence.items():
            for span in spans:
                key = (name, span)              # Span is frozen: hashable by value
                if key not in seen:
                    seen.add(key)
                    evidence.setdefault(name, []).append(span)
    merged.evidence = evidence
    merged.id = event_id(merged.country, merged.admin1, merged.location, merged.date,
                         merged.date_precision, merged.attacker)
    return merged


def merge_reports(reports: Iterable[Event]) -> list[Event]:
    """Merge reports into events with unique, deterministic ids."""
    events = [merge_cluster(c) for c in cluster_reports(reports)]
    seen: dict[str, int] = {}
    for ev in events:
        n = seen.get(ev.id, 0) + 1
        seen[ev.id] = n
        if n > 1:
            ev.id = f"{ev.id}-{n}"
    return events


def as_report(event: Event, report_id: str, article_id: str, published: str | None,
              outlet: str | None) -> Event:
    """The per-article event as resolve sees it: one source, one history entry."""
    event.id = report_id
    event.sources = [article_id]
    event.report_ids = [report_id]
    event.reports = [Report(article_id=article_id, published=published, outlet=outlet,
                            killed=event.killed, injured=event.injured,
                            killed_unconfirmed=event.killed_unconfirmed,
                            evidence={k: v for k, v in event.evidence.items()
                                      if k in ("killed", "injured", "killed_unconfirmed")})]
    return event


def report_window(report: Event) -> tuple[str, str] | None:
    """The dates a stored report must fall in to be compared with ``report``."""
    day = _day(report.date)
    if day is None or not report.country:
        return None
    pad = timedelta(days=OVERNIGHT_SHIFT_DAYS + 1)
    return (day - pad).isoformat(), (day + pad).isoformat()


# --- waves --------------------------------------------------------------------------------

def wave_id(day: str | None, attacker: str, target_country: str) -> str:
    key = f"{day or ''}|{attacker}|{target_country}"
    return "wv_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def merge_waves(reports: list[Wave], published: dict[str, str | None]) -> Wave:
    """One wave from every article's report of it: per class, the latest report's figure
    wins, and between reports of the same day the highest (as for casualty tolls)."""
    first = reports[0]
    merged = Wave(date=first.date, attacker=first.attacker, target_country=first.target_country,
                  date_precision=first.date_precision, id=first.id)
    for field in ("launched", "intercepted"):
        best: dict[str, tuple] = {}
        for w in reports:
            when = max((published.get(s) or "" for s in w.sources), default="")
            for cls, n in getattr(w, field).items():
                key = (when, n)
                if cls not in best or key > best[cls]:
                    best[cls] = key
        setattr(merged, field, {cls: key[1] for cls, key in sorted(best.items())})
    merged.sources = sorted({s for w in reports for s in w.sources})
    for w in reports:
        for name, spans in w.evidence.items():
            merged.evidence.setdefault(name, []).extend(spans)
    return merged
