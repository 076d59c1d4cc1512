"""One event from the reports of one cluster, as a sum that can grow.

Every field of a merged event is a majority, a union, a maximum or a best-of over its
reports (``finish`` says which). So a cluster is summed up in a ``MergeState`` of counts,
sets and best candidates, one report at a time, and the sum does not depend on the order
of the reports. The store keeps an event's state beside it: when a new article adds a
report to a known event, the event is its stored state plus the new report's, and the
reports it already had are not read again. The state of a cluster is the same whichever
way it was summed, so the event is the same as merging all its reports at once
(tests/test_store.py holds the two to that).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..model import Count, Event, Report, Span, report_to_dict

# what a report's evidence is ranked by when it says what another already said: its
# publication, its report id and its place among the report's spans (earliest wins)
Rank = tuple[str, str, int]


def _evidence_key(name: str, span: Span) -> tuple[str, str, str]:
    """Spans that say the same thing: the same field, rule and words. Outlets that copy
    one wire story repeat its sentences; the event keeps the earliest source's span of each
    and lists every source in its history, so that a strike reported by three hundred
    outlets does not carry three hundred copies of one sentence."""
    return (name, span.rule, " ".join(span.text.split()).casefold())


# the fields of ``MergeState`` that are counts of values, and those that are sets
COUNTS = ("day_dates", "dates", "precisions", "attackers", "names", "attributions",
          "sublocations", "launched", "intercepted")
SETS = ("attack_types", "weapons", "targets", "sources", "report_ids")


@dataclass
class MergeState:
    """A cluster's reports summed up: what ``finish`` needs to make their event."""

    # the most precise report's place: (rank, fields); rank = (geo rank, -evidence fields,
    # report id), lowest wins
    precise: tuple | None = None
    day_dates: Counter = field(default_factory=Counter)      # dates of day-precise reports
    dates: Counter = field(default_factory=Counter)          # dates of all reports
    precisions: Counter = field(default_factory=Counter)
    attackers: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)          # (attacker, attacker_name)
    attributions: Counter = field(default_factory=Counter)   # (attacker, attribution)
    sublocations: Counter = field(default_factory=Counter)
    launched: Counter = field(default_factory=Counter)
    intercepted: Counter = field(default_factory=Counter)
    attack_types: set = field(default_factory=set)
    weapons: set = field(default_factory=set)
    targets: set = field(default_factory=set)
    children_killed: int | None = None
    double_tap: bool = False
    sources: set = field(default_factory=set)
    report_ids: set = field(default_factory=set)
    history: list[Report] = field(default_factory=list)
    evidence: dict[tuple, tuple[Rank, Span]] = field(default_factory=dict)

    def add(self, other: "MergeState") -> "MergeState":
        """This state plus ``other`` (of reports not in this one), in place."""
        if other.precise is not None and (self.precise is None or
                                          _precision_rank(other) < _precision_rank(self)):
            self.precise = other.precise
        for name in COUNTS + SETS:
            getattr(self, name).update(getattr(other, name))
        if other.children_killed is not None:
            self.children_killed = other.children_killed if self.children_killed is None \
                else max(self.children_killed, other.children_killed)
        self.double_tap = self.double_tap or other.double_tap
        self.history.extend(other.history)
        for key, ranked in other.evidence.items():
            mine = self.evidence.get(key)
            if mine is None or ranked[0] < mine[0]:
                self.evidence[key] = ranked
        return self

    # -- stored beside the event (JSON) ------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: sorted(([k, n] for k, n in getattr(self, name).items()),
                                            key=repr) for name in COUNTS}
        out.update({name: sorted(getattr(self, name)) for name in SETS})
        out["precise"] = self.precise
        out["children_killed"] = self.children_killed
        out["double_tap"] = self.double_tap
        out["history"] = [report_to_dict(r) for r in self.history]
        out["evidence"] = [[list(key), list(rank), span.to_dict()]
                           for key, (rank, span) in self.evidence.items()]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "MergeState":
        def counter(name: str) -> Counter:
            return Counter({(tuple(k) if isinstance(k, list) else k): n for k, n in d[name]})

        state = cls(**{name: counter(name) for name in COUNTS},
                    **{name: set(d[name]) for name in SETS})
        if d["precise"] is not None:
            rank, place = d["precise"]
            state.precise = (tuple(rank), tuple(place))
        state.children_killed = d["children_killed"]
        state.double_tap = d["double_tap"]
        state.history = [_report_from_dict(r) for r in d["history"]]
        state.evidence = {tuple(key): (tuple(rank), Span.from_dict(span))
                          for key, rank, span in d["evidence"]}
        return state


def _precision_rank(state: MergeState) -> tuple:
    # two reports without ids can tie on rank: their place decides, not the order of adding
    rank, place = state.precise
    return rank, repr(place)


def _report_from_dict(r: dict[str, Any]) -> Report:
    return Report(article_id=r["article_id"], published=r.get("published"),
                  outlet=r.get("outlet"), killed=Count.from_dict(r.get("killed")),
                  injured=Count.from_dict(r.get("injured")),
                  killed_unconfirmed=Count.from_dict(r.get("killed_unconfirmed")),
                  evidence={k: [Span.from_dict(s) for s in v]
                            for k, v in (r.get("evidence") or {}).items()})


def report_state(r: Event) -> MergeState:
    """One report summed up."""
    published = r.reports[0].published or "" if r.reports else ""
    state = MergeState(
        precise=((r.geo_precision or 9, -len(r.evidence), r.id or ""),
                 (r.country, r.admin1, r.location, r.sublocation, r.lat, r.lon,
                  r.geo_precision)),
        dates=Counter([r.date]), precisions=Counter([r.date_precision]),
        attackers=Counter([r.attacker]), names=Counter([(r.attacker, r.attacker_name)]),
        attributions=Counter([(r.attacker, r.attribution)]),
        sublocations=Counter([r.sublocation]), launched=Counter([r.launched]),
        intercepted=Counter([r.intercepted]),
        attack_types=set(r.attack_types), weapons=set(r.weapons), targets=set(r.targets),
        children_killed=r.children_killed, double_tap=bool(r.double_tap),
        sources=set(r.sources), report_ids={r.id} if r.id else set(),
        history=list(r.reports))
    if r.date_precision == "day":
        state.day_dates[r.date] += 1
    n = 0
    for name, spans in r.evidence.items():
        for span in spans:
            key = _evidence_key(name, span)
            if key not in state.evidence:
                state.evidence[key] = ((published, r.id or "", n), span)
            n += 1
    return state


def sum_states(states: Iterable[MergeState]) -> MergeState:
    total = MergeState()
    for state in states:
        total.add(state)
    return total


def _majority(counts: Counter, default=None):
    counts = {v: n for v, n in counts.items() if v is not None and n > 0}
    if not counts:
        return default
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]


def _of_side(pairs: Counter, side: str | None = None, leave_out: tuple = ()) -> Counter:
    """Counts of the values in (side, value) pairs, of one side or (None) of every side."""
    out: Counter = Counter()
    for (who, value), n in pairs.items():
        if (side is None or who == side) and value not in leave_out:
            out[value] += n
    return out


def _latest_figure(reports: list[Report], name: str) -> Count | None:
    """CODEBOOK section 4: the latest report's figure wins; between reports of the same
    day, the highest confirmed figure wins."""
    best, best_key = None, None
    for r in reports:
        value: Count | None = getattr(r, name)
        if value is None:
            continue
        key = (r.published or "", value.min if value.min is not None else -1,
               value.max if value.max is not None else (10**9 if value.min is not None else -1))
        if best_key is None or key > best_key:
            best, best_key = value, key
    return best


def finish(state: MergeState) -> Event:
    """The event of a cluster from its summed state (its id is set by the caller)."""
    place = state.precise[1] if state.precise else (None,) * 7
    country, admin1, location, sublocation, lat, lon, geo_precision = place
    # day-precise reports decide the day; without one, every report's date counts
    day = _majority(state.day_dates if state.day_dates else state.dates)
    precision = "day" if state.day_dates else _majority(state.precisions, "unknown")
    # The side the reports that name one agree on; a report that carries a denial marks the
    # event disputed but does not erase the side the others state (as ACLED keeps the
    # reported actor and records the denial). Sides in conflict leave the attacker unknown.
    sides = set(state.attackers) - {"unknown", "other", None}
    conflict = len(sides) > 1
    disputed = conflict or any(a == "disputed" for _, a in state.attributions)
    if conflict:
        attacker = "unknown"
    elif sides:
        attacker = next(iter(sides))
    else:
        attacker = _majority(state.attackers, "unknown")
    if conflict or attacker == "unknown" and disputed:
        attribution = "disputed"
    else:
        attribution = _majority(_of_side(state.attributions, attacker, ("disputed",))) or \
            _majority(_of_side(state.attributions))
    history = sorted(state.history, key=lambda rep: (rep.published or "", rep.article_id))
    evidence: dict[str, list[Span]] = {}
    for (name, _, _), (_, span) in sorted(state.evidence.items(), key=lambda kv: kv[1][0]):
        evidence.setdefault(name, []).append(span)
    return Event(
        date=day, date_precision=precision,
        country=country, admin1=admin1, location=location,
        sublocation=sublocation or _majority(state.sublocations),
        lat=lat, lon=lon, geo_precision=geo_precision,
        attack_types=sorted(state.attack_types), weapons=sorted(state.weapons),
        attacker=attacker,
        attacker_name=_majority(_of_side(state.names, attacker)),
        attribution=attribution,
        targets=sorted(state.targets),
        children_killed=state.children_killed, double_tap=state.double_tap,
        launched=_majority(state.launched), intercepted=_majority(state.intercepted),
        killed=_latest_figure(history, "killed"), injured=_latest_figure(history, "injured"),
        killed_unconfirmed=_latest_figure(history, "killed_unconfirmed"),
        evidence=evidence,
        sources=sorted(state.sources), report_ids=sorted(state.report_ids),
        reports=history, disputed=disputed)
