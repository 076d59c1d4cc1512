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
from bisect import bisect_right
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterable

from ..model import Event, Report, ReportKey, Wave
from .merging import MergeState, finish, report_state, sum_states

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


def report_key(report: Event) -> ReportKey:
    """The fields of a report that decide which event it belongs to (``cluster_reports``)."""
    return ReportKey(
        id=report.id, sources=tuple(report.sources), date=report.date,
        date_precision=report.date_precision, country=report.country, admin1=report.admin1,
        region=fold(report.admin1), location=report.location, attacker=report.attacker,
        attribution=report.attribution, shifty=_date_is_shifty(report))


def same_day(a: ReportKey, b: ReportKey) -> bool:
    """Could a and b be the same day's strike? Exact day, or one day apart when an outlet
    dated it from "overnight"/"yesterday" wording and the other from the calendar."""
    if a.date_precision != "day" or b.date_precision != "day":
        # a week- or month-precise report only joins a report of the same date and precision:
        # "Kyiv was hit again" in two roundups of the same day, not any strike of that week
        return a.date == b.date and a.date_precision == b.date_precision and a.date is not None
    da, db = _day(a.date), _day(b.date)
    if da is None or db is None:
        return False
    gap = abs((da - db).days)
    return gap == 0 or (gap <= OVERNIGHT_SHIFT_DAYS and (a.shifty or b.shifty)
                        and set(a.sources) != set(b.sources))


def compatible_sides(a: ReportKey | Event, b: ReportKey | Event) -> bool:
    return _sides_agree((a.attacker, a.attribution), (b.attacker, b.attribution))


def _sides_agree(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    """(attacker, attribution) pairs that may be one strike: not two named sides, unless
    one report disputes the side."""
    known = {a[0], b[0]} - {"unknown", None}
    return len(known) <= 1 or "disputed" in (a[1], b[1])


def _place_key(report: ReportKey) -> tuple[str, str, str]:
    return (report.country or "", report.region, fold(report.location))


def _sort_key(report: ReportKey) -> tuple:
    return (report.date or "", _place_key(report), report.id or "")


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


def _signature(r: ReportKey) -> tuple:
    """What the pair tests of ``_group`` and ``compatible_sides`` read of a report, but for
    its article: reports alike in these pass or fail a test together."""
    return (r.date, r.date_precision, r.shifty, r.attacker, r.attribution, not r.sources)


def _group(items: list[ReportKey], passes: list[Callable[[ReportKey, ReportKey], bool]]
           ) -> list[list[ReportKey]]:
    """Join the reports of each place pairwise, pass after pass. The rule: for each report
    in order, each later one (up to the overnight shift later) that is in another group,
    passes the pass's test and names a compatible side joins its group with the report's,
    unless an article is in both groups (it told them apart) or the joined group would span
    more than the shift.

    Trying every pair costs the square of a place's reports, and a strike that fifty outlets
    report is fifty alike reports. So per report only, for each other group, the first later
    member of each ``_signature`` is tried: alike reports pass a test together, and a join
    refused for one member of a group is refused for its later ones too (a group only grows,
    in articles and in days). For the same reason a report alike to one already scanned in
    its group is not scanned at all. Joining the groups found in the order of their first
    passing member gives the joins of the pairwise rule (tests/test_resolve.py holds it to
    that), at a cost that grows with the distinct reports of a place, not with how many
    outlets repeated them."""
    groups = _Groups(len(items))
    label = groups.label
    articles = [set(r.sources) for r in items]
    days_of = [_day(r.date) for r in items]
    days = [{d} - {None} for d in days_of]
    ordinal = [d.toordinal() if d else None for d in days_of]
    signature = [_signature(r) for r in items]
    by_place: dict[tuple, list[int]] = {}
    for i, r in enumerate(items):
        by_place.setdefault(_place_key(r), []).append(i)
    for test in passes:
        for members in by_place.values():
            # a place's reports come in date order (``_sort_key``): the scan from a report
            # stops at the first later one more than the shift after it
            reach: list[float] = []
            latest = float("-inf")
            for i in members:
                if ordinal[i] is not None:
                    latest = max(latest, ordinal[i])
                reach.append(latest)
            at: dict[int, dict[tuple, list[int]]] = {}     # group -> signature -> positions
            for x, i in enumerate(members):
                at.setdefault(label[i], {}).setdefault(signature[i], []).append(x)
            scanned: dict[tuple, list[int]] = {}         # signature -> reports scanned
            for x, i in enumerate(members):
                # an alike report of the same group was scanned before: what it did not
                # join then, this one cannot join now (same tests, same reach, a group
                # that has only grown), and what it joined is this one's group already
                alike = scanned.setdefault(signature[i], [])
                if any(label[k] == label[i] for k in alike):
                    continue
                alike.append(i)
                end = len(members) if ordinal[i] is None else \
                    bisect_right(reach, ordinal[i] + OVERNIGHT_SHIFT_DAYS)
                found = []
                for g, positions in at.items():
                    if g == label[i]:
                        continue
                    first = end
                    for xs in positions.values():
                        k = bisect_right(xs, x)
                        if k < len(xs) and xs[k] < first:
                            j = items[members[xs[k]]]
                            if test(items[i], j) and compatible_sides(items[i], j):
                                first = xs[k]
                    if first < end:
                        found.append((first, g))
                for _, g in sorted(found):
                    mine = label[i]
                    if articles[mine] & articles[g]:
                        continue            # one article reported them as two strikes
                    joined = days[mine] | days[g]
                    if joined and (max(joined) - min(joined)).days > OVERNIGHT_SHIFT_DAYS:
                        continue            # no chaining day after day into one event
                    root = groups.union(mine, g)
                    articles[root] = articles[mine] | articles[g]
                    days[root] = joined
                    into = at[root]
                    for sig, xs in at.pop(g if root == mine else mine).items():
                        into[sig] = sorted(into.get(sig, []) + xs)
    found_groups: dict[int, list[ReportKey]] = {}
    for i, r in enumerate(items):
        found_groups.setdefault(label[i], []).append(r)
    return list(found_groups.values())


def cluster_reports(reports: Iterable[ReportKey]) -> list[list[ReportKey]]:
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
    dated = [r for r in reports if r.date]
    undated = [r for r in reports if not r.date]
    day = [r for r in dated if r.date_precision == "day"]
    coarse = [r for r in dated if r.date_precision != "day"]

    exact = lambda a, b: a.date == b.date            # noqa: E731
    day_clusters = _group(day, [exact, same_day])

    coarse_clusters = []
    # a day cluster's reports share one place (``_group`` joins within a place only)
    day_places = [_place_key(c[0]) for c in day_clusters]
    for cluster in _group(coarse, [lambda a, b: a.date == b.date and
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
    settled_days = [_region_days(sc) for sc in settled]
    for rc in regional:
        days = _region_days(rc)
        homes = [sc for sc, sc_days in zip(settled, settled_days) if _meet(sc_days, days)]
        if len(homes) == 1 and not (_articles_of(homes[0]) & _articles_of(rc)):
            homes[0].extend(rc)
        else:
            remaining.append(rc)
    out = settled + remaining + [[r] for r in undated]
    return sorted(out, key=lambda c: min(_sort_key(r) for r in c))


def _region_days(cluster: list[ReportKey]) -> dict[tuple, set[tuple]]:
    """A cluster's (country, region, date, precision) days, each with the sides its
    reports name there: what decides whether a region-level cluster meets it."""
    days: dict[tuple, set[tuple]] = {}
    for r in cluster:
        days.setdefault((r.country, r.region, r.date, r.date_precision), set()).add(
            (r.attacker, r.attribution))
    return days


def _meet(a: dict[tuple, set[tuple]], b: dict[tuple, set[tuple]]) -> bool:
    """Do two clusters have reports of the same region and calendar day, with sides that
    agree? (Compared by distinct days and sides: a strike fifty outlets reported is one.)"""
    return any(_sides_agree(x, y) for day, sides in a.items() if day in b
               for x in sides for y in b[day])


def _articles_of(cluster: list[ReportKey]) -> set[str]:
    return {a for r in cluster for a in r.sources}


def _covers(coarse: ReportKey, day_value: str | None) -> bool:
    """Does a week- or month-precise report's period include this day?"""
    c, d = _day(coarse.date), _day(day_value)
    if c is None or d is None:
        return False
    if coarse.date_precision == "week":
        return 0 <= (c - d).days <= 7
    if coarse.date_precision == "month":
        return (c.year, c.month) == (d.year, d.month)
    return False


def event_id(country: str | None, admin1: str | None, location: str | None, day: str | None,
             precision: str, attacker: str) -> str:
    key = "|".join([country or "", fold(admin1), fold(location), day or "", precision,
                    attacker if attacker in ("RU", "UA") else ""])
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def merge_cluster(cluster: list[Event]) -> Event:
    """One event from the reports of one cluster."""
    return _identified(finish(sum_states(report_state(r) for r in cluster)))


def _identified(event: Event) -> Event:
    event.id = event_id(event.country, event.admin1, event.location, event.date,
                        event.date_precision, event.attacker)
    return event


def merge_reports(reports: Iterable[Event]) -> list[Event]:
    """Merge reports into events with unique, deterministic ids."""
    reports = list(reports)
    keys = [report_key(r) for r in reports]
    report_of = {id(k): r for k, r in zip(keys, reports)}
    events = [merge_cluster([report_of[id(k)] for k in c]) for c in cluster_reports(keys)]
    for event, final in zip(events, number_ids([e.id for e in events])):
        event.id = final
    return events


def number_ids(ids: list[str]) -> list[str]:
    """Events that share an identity (two strikes one article tells apart at one place and
    day, two undated reports) are numbered in order: ``ev_x``, ``ev_x-2``, ``ev_x-3``."""
    seen: dict[str, int] = {}
    out = []
    for event_id in ids:
        n = seen.get(event_id, 0) + 1
        seen[event_id] = n
        out.append(event_id if n == 1 else f"{event_id}-{n}")
    return out


def _base_id(event_id: str) -> str:
    return event_id.split("-", 1)[0]


@dataclass
class BlockChange:
    """What adding reports to a block of stored events changes."""

    events: list[Event]         # events to write: new ones, grown ones, renumbered ones
    replaced: list[str]         # stored event ids to delete first (the same id may return)
    states: dict[str, dict]     # event id -> its ``MergeState`` (as a dict), to store with it


def resolve_block(keys: Iterable[ReportKey], stored: dict[str, list[str]],
                  load: Callable[[list[str]], list[Event]],
                  load_states: Callable[[list[str]], dict[str, dict]] = lambda ids: {},
                  taken: Callable[[list[str]], set[str]] = lambda ids: set()) -> BlockChange:
    """Re-resolve a block: ``keys`` are its reports (stored and new), ``stored`` maps each
    stored event of the block to its report ids.

    Gives the same events as ``merge_reports`` of the block's reports, at a cost that
    follows what changed rather than how many outlets reported the block's days:
    - a cluster that is a stored event is that event, unread (``merge_cluster`` is a
      function of its reports);
    - a cluster made of whole stored events and new reports is the sum of the events'
      stored states (``load_states``; see ``merging``) and the new reports' states;
    - any other cluster (an event split up) is merged from all its reports (``load``).
    ``taken`` says which of some ids are held by stored events outside the block, whose
    ids a new event must not take.
    """
    event_of_set = {frozenset(rids): eid for eid, rids in stored.items()}
    event_of_report = {rid: eid for eid, rids in stored.items() for rid in rids}

    def state_of(cluster: list[ReportKey]) -> MergeState:
        ids = [r.id for r in cluster]
        parts = sorted({event_of_report[i] for i in ids if i in event_of_report})
        if all(set(stored[p]) <= set(ids) for p in parts):
            saved = load_states(parts)
            if all(p in saved for p in parts):
                fresh = [i for i in ids if i not in event_of_report]
                return sum_states([MergeState.from_dict(saved[p]) for p in parts] +
                                  [report_state(r) for r in load(fresh)])
        return sum_states(report_state(r) for r in load(ids))

    clusters = cluster_reports(keys)
    kept: list[str | None] = []
    states: list[MergeState | None] = []
    events: list[Event | None] = []
    for cluster in clusters:
        old_id = event_of_set.get(frozenset(r.id for r in cluster))
        kept.append(old_id)
        states.append(None if old_id else state_of(cluster))
        events.append(None if old_id else _identified(finish(states[-1])))
    ids = number_ids([_base_id(old) if old else ev.id for old, ev in zip(kept, events)])
    ids = _outside_free(ids, taken, set(stored))
    for n, (cluster, old_id) in enumerate(zip(clusters, kept)):
        if events[n] is None and ids[n] != old_id:
            # the same reports, but another event of the block took its number
            states[n] = state_of(cluster)
            events[n] = finish(states[n])
        if events[n] is not None:
            events[n].id = ids[n]
    unchanged = {ids[n] for n, event in enumerate(events) if event is None}
    return BlockChange(events=[e for e in events if e is not None],
                       replaced=[eid for eid in stored if eid not in unchanged],
                       states={e.id: st.to_dict() for e, st in zip(events, states)
                               if e is not None})


def _outside_free(ids: list[str], taken: Callable[[list[str]], set[str]],
                  block: set[str]) -> list[str]:
    """Renumber the ids that a stored event outside the block holds: two undated reports of
    one place stay two events (nothing says they are one strike), and ``number_ids`` only
    numbers the clashes within the block."""
    clash = taken(ids) - block
    if not clash:
        return ids
    used = set(ids)
    out = []
    for event_id in ids:
        if event_id in clash:
            n = 2
            while f"{event_id}-{n}" in used or taken([f"{event_id}-{n}"]) - block:
                n += 1
            event_id = f"{event_id}-{n}"
            used.add(event_id)
        out.append(event_id)
    return out


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
