"""Waves (country-wide attack days) and aggregates (statements about a period).

CODEBOOK section 6: "75 missiles were fired against Ukrainian targets, with 41 of them
neutralised" is a wave's launched/intercepted by class; the figures never go into a city
event. A figure tied to one city ("Around 30 of the drones targeted Kyiv", "of the eight
drones that attacked Kazan, ... one was shot down") goes to that city's event instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Aggregate, Document, Event, Span, Wave
from .events import ArticleContext, Facts, NATIONWIDE, best_date
from .numbers import find_quantities
from .sentences import Sentence

MUNITION = re.compile(
    r"(?P<cls>(?:(?:cruise|ballistic|hypersonic|guided|air-launched|anti-aircraft|sea-based|"
    r"air-based|russian|enemy|iskander|kalibr|kh-\d+)\s+)*missiles?|(?:(?:iranian-made|"
    r"iranian-built|iranian|attack|kamikaze|shahed|suicide|exploding|russian|enemy|strike|"
    r"long-range|self-detonating)[\"\u201c\u201d']?\s+)*(?:drones?|uavs?)|rockets?|shaheds?)",
    re.I)
MUNITION_WORDS = ("missile", "drone", "uav", "rocket", "shahed")
LAUNCH = re.compile(r"\b(?:fired|launched|launching|sent|used|attacked\s+with|released)\b", re.I)
INTERCEPT = re.compile(r"\b(?:shot\s+down|shoot\s+down|intercepted|intercept|downed|neutrali[sz]ed"
                       r"|destroyed|destroy|repelled|eliminated)\b", re.I)
# figures for the whole country: said by the national command, or of the whole country
COUNTRY_SCOPE = re.compile(
    r"\b(?:country|nation(?:wide|al)?|across|throughout|air\s+force|general\s+staff|"
    r"defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|against\s+(?:ukrainian|russian)\s+"
    r"(?:targets|cities|territory)|over\s+(?:ukraine|russia|the\s+country|\w+\s+regions)|"
    r"(?:ukraine|russia)\s+(?:launched|fired)|(?:russia|ukraine)(?:'s|\u2019s)?\s+(?:regions|"
    r"territory))\b", re.I)
# below this, a figure with no national scope is a local salvo, not a wave
WAVE_MIN_FIGURE = 20


def munition_class(word: str) -> str | None:
    w = word.lower()
    if "missile" in w:
        return "missile"
    if "drone" in w or "uav" in w or "shahed" in w:
        return "drone"
    return None


@dataclass
class _Figure:
    cls: str
    kind: str           # launched | intercepted
    n: int
    start: int
    end: int


def munition_figures(text: str, offset: int = 0) -> list[_Figure]:
    """(class, launched|intercepted, n) statements in one sentence."""
    out: list[_Figure] = []
    low = text.lower()
    if not any(word in low for word in MUNITION_WORDS):
        return out
    quantities = [q for q in find_quantities(text) if q.count.min is not None
                  and q.count.min == q.count.max]
    for q in quantities:
        after = text[q.end:q.end + 60]
        m = MUNITION.match(after.lstrip(" \u201c\"'"))
        lead = len(after) - len(after.lstrip(" \u201c\"'"))
        cls = None
        if m:
            cls = munition_class(m.group("cls"))
        else:
            # "41 of them", "36 of 42 drones": the class is named after "of"
            of = re.match(r"\s+of\s+(?:them|these|those|the\s+\w+|\d[\d,]*)\s*(\w+\s+)?(\w+)?",
                          after)
            if of:
                tail = text[q.end:q.end + 80]
                mm = MUNITION.search(tail)
                cls = munition_class(mm.group("cls")) if mm else None
                if cls is None:
                    mm = None
                    before = [f for f in out if f.start < q.start + offset]
                    cls = before[-1].cls if before else None
        if cls is None:
            continue
        window_after = text[q.end:q.end + 120]
        window_before = text[max(0, q.start - 80):q.start]
        kind = None
        ia, la = INTERCEPT.search(window_after[:90]), LAUNCH.search(window_after[:70])
        ib, lb = INTERCEPT.search(window_before), LAUNCH.search(window_before)
        of_total = re.match(r"\s+of\s+(?:the\s+)?(?:\d[\d,]*|\w+)\s+", window_after)
        if of_total and (ib or ia):
            kind = "intercepted"
            total = [x for x in quantities if x.start > q.end and x.start < q.end + 25]
            if total and total[0].count.min:
                out.append(_Figure(cls, "launched", total[0].count.min, offset + total[0].start,
                                   offset + total[0].end))
        elif ia and (not la or ia.start() < la.start()):
            kind = "intercepted"
        elif la:
            kind = "launched"
        elif ib and (not lb or ib.end() > lb.end()):
            kind = "intercepted"
        elif lb:
            kind = "launched"
        if kind is None:
            continue
        out.append(_Figure(cls, kind, q.count.min, offset + q.start, offset + q.end + lead +
                           (m.end() if m else 0)))
    return out


def _span(document: Document, s: Sentence, rule: str) -> Span:
    raw = document.offsets.span_to_raw(s.start, s.end)
    return Span(document.id, s.start, s.end, raw[0], raw[1], s.text, rule)


def find_waves(document: Document, facts: list[Facts], sentences: list[Sentence],
               ctx: ArticleContext, events: list[Event]) -> list[Wave]:
    """Country-wide launched/intercepted figures, one wave per day and side."""
    waves: dict[tuple, Wave] = {}
    ranks: dict[tuple, tuple] = {}
    for f in facts:
        figures = munition_figures(f.sentence.text, f.sentence.start)
        if not figures:
            continue
        sites = [p for p in f.sites() if p.kind in ("settlement", "landmark")]
        if sites and not NATIONWIDE.search(f.sentence.text):
            _city_figures(events, sites, figures, document, f)
            continue
        if not (COUNTRY_SCOPE.search(f.sentence.text) or NATIONWIDE.search(f.sentence.text)
                or max(fig.n for fig in figures) >= WAVE_MIN_FIGURE):
            continue
        own = best_date(f, f.sentence.start)
        when = own or ctx.lead_date
        day = when.date.isoformat() if when and when.date else (
            ctx.published.isoformat() if ctx.published else None)
        target = _target_country(f)
        attacker = "RU" if target == "UA" else "UA"
        key = (day, attacker, target)
        wave = waves.setdefault(key, Wave(date=day, attacker=attacker, target_country=target,
                                          date_precision=when.precision if when else "week"))
        paired = {fig.cls for fig in figures if fig.kind == "launched"} & \
            {fig.cls for fig in figures if fig.kind == "intercepted"}
        for fig in figures:
            # a figure stated with its pair ("36 of 42 drones") beats one stated alone
            rank = (fig.cls in paired, -f.index)
            slot = getattr(wave, fig.kind)
            key = (fig.kind, fig.cls)
            if fig.cls not in slot or rank > ranks.get(key, (False, -10**9)):
                slot[fig.cls] = fig.n
                ranks[key] = rank
                wave.evidence[f"{fig.kind}.{fig.cls}"] = [
                    _span(document, f.sentence, f"wave:{fig.kind}")]
    return [w for w in waves.values() if w.launched or w.intercepted]


def _target_country(f: Facts) -> str:
    text = f.sentence.text.lower()
    if re.search(r"\bover\s+(?:russia|russian)|russian\s+(?:regions|territory|air\s+defen)"
                 r"|(?:ukraine|kyiv|ukrainian\s+forces)\s+(?:launched|fired|sent)"
                 r"|\bover\s+the\s+(?:\w+\s+)?(?:region|oblast)s?\s+of\s+russia", text):
        return "RU"
    countries = [p.place.country for p in f.places if p.kind == "region"]
    if countries and all(c == "RU" for c in countries):
        return "RU"
    return "UA"


def _city_figures(events: list[Event], sites, figures, document: Document, f: Facts) -> None:
    for event in events:
        if event.location != sites[0].place.name:
            continue
        for fig in figures:
            if fig.kind == "launched" and event.launched is None:
                event.launched = fig.n
                event.evidence.setdefault("launched", []).append(
                    _span(document, f.sentence, "city:launched"))
            elif fig.kind == "intercepted" and event.intercepted is None:
                event.intercepted = fig.n
                event.evidence.setdefault("intercepted", []).append(
                    _span(document, f.sentence, "city:intercepted"))
        return


def find_aggregates(document: Document, facts: list[Facts],
                    sentences: list[Sentence]) -> list[Aggregate]:
    """Statements about a period: an aggregate cue or a period date with a figure."""
    out = []
    for f in facts:
        if "aggregate" not in f.flags:
            continue
        quantities = [q for q in find_quantities(f.sentence.text) if q.count.min is not None
                      or q.count.max is not None]
        period = next((d.text for d in f.dates if d.kind in ("period", "vague", "month")), None)
        if not quantities and period is None:
            continue
        q = quantities[0] if quantities else None
        unit = None
        if q is not None:
            tail = re.match(r"\s*([A-Za-z-]+(?:\s+[a-z-]+)?)", f.sentence.text[q.end:q.end + 40])
            unit = tail.group(1) if tail else None
        out.append(Aggregate(text=f.sentence.text, period=period,
                             figure=q.count if q else None, unit=unit,
                             span=_span(document, f.sentence, "aggregate"),
                             article_id=document.id))
    return out
