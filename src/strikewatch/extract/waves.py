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
from .events import ArticleContext, Facts, NATIONWIDE, best_date, event_dates
from .numbers import find_quantities
from .sentences import Sentence

MUNITION = re.compile(
    r"(?P<cls>(?:(?:cruise|ballistic|hypersonic|guided|air-launched|anti-aircraft|sea-based|"
    r"air-based|russian|ukrainian|enemy|iskander|kalibr|kh-\d+)\s+)*missiles?|(?:(?:iranian-made|"
    r"iranian-built|iranian|attack|kamikaze|shahed|suicide|exploding|russian|ukrainian|enemy|strike|"
    r"long-range|self-detonating)[\"\u201c\u201d']?\s+)*(?:drones?|uavs?)|rockets?|shaheds?)",
    re.I)
MUNITION_WORDS = ("missile", "drone", "uav", "rocket", "shahed")
LAUNCH = re.compile(r"\b(?:fired|launched|launching|sent|used|attacked(?:\s+\w+){0,4}\s+with|"
                    r"released|that\s+(?:attacked|targeted))\b", re.I)
VERB = re.compile(r"(?P<intercept>\b(?:shot\s+down|shoot\s+down|brought\s+down|intercepted|intercept|downed|"
                  r"neutrali[sz]ed|destroyed|destroy|repelled|eliminated)\b)|(?P<launch>\b(?:fired|"
                  r"launched|launching|sent|used|attacked(?:\s+\w+){0,4}\s+with|released|"
                  r"that\s+(?:attacked|targeted)|targeted)\b)", re.I)
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
    further: bool = False   # "a further drone", "another 3 missiles": adds to the first


def munition_figures(text: str, offset: int = 0, last_cls: str | None = None) -> list[_Figure]:
    """(class, launched|intercepted, n) statements in one sentence.

    The class is the munition named after the number ("42 drones"), or the one named before
    for "41 of them", "nine of which", "one was shot down". The kind is the verb that governs
    the number: a passive right after it ("75 missiles were fired", "one was shot down"),
    else the nearest launch or interception verb before it in its clause ("Russia launched 90
    drones and 12 missiles, and air defences shot down 80 drones and 10 missiles"). "36 of
    42 drones" gives both: 36 intercepted, 42 launched; "of the eight drones that attacked
    Kazan" is a launched total.
    """
    out: list[_Figure] = []
    low = text.lower()
    if not any(word in low for word in MUNITION_WORDS):
        return out
    quantities = [q for q in find_quantities(text) if q.count.min is not None
                  and q.count.min == q.count.max]
    used: set[int] = set()
    cls_seen = last_cls
    for q in quantities:
        if q.start in used:
            continue
        after = text[q.end:q.end + 80]
        stripped = after.lstrip(" \u201c\"'")
        lead = len(after) - len(stripped)
        m = MUNITION.match(stripped)
        of_total = OF_TOTAL.match(after)
        cls = munition_class(m.group("cls")) if m else None
        total = None
        if cls is None and of_total:
            # "36 of 42 drones", "41 of the 75 missiles": a part of a launched total
            total = next((x for x in quantities if q.end < x.start <= q.end + 20), None)
            mm = MUNITION.search(text, q.end, q.end + 80)
            cls = munition_class(mm.group("cls")) if mm else cls_seen
        if cls is None and OF_THEM.match(after) or cls is None and PASSIVE_AFTER.match(after):
            cls = cls_seen          # "41 of them", "one was shot down"
        if cls is None:
            continue
        cls_seen = cls
        before = text[max(0, q.start - 60):q.start]
        if OF_THE_BEFORE.search(before):
            kind = "launched"       # "of the eight drones that attacked Kazan"
        else:
            kind = _governing_verb(text, q, after)
        if kind is None:
            continue
        end = q.end + lead + (m.end() if m else 0)
        further = bool(FURTHER_BEFORE.search(before))
        out.append(_Figure(cls, kind, q.count.min, offset + q.start, offset + end, further))
        if kind == "intercepted" and ALL_BEFORE.search(before) and \
                re.search(r"\b(?:launched|fired|sent)\b", after):
            # "shot down all 24 drones that Russia launched": 24 launched, 24 intercepted
            out.append(_Figure(cls, "launched", q.count.min, offset + q.start, offset + end))
        if total is not None and total.count.min:
            used.add(total.start)
            out.append(_Figure(cls, "launched", total.count.min, offset + total.start,
                               offset + total.end))
    for m in FURTHER_ONE.finditer(text):
        # "a further drone was brought down": one more, with no number written
        kind = _governing_verb(text, _Pos(m.start(), m.end()), text[m.end():m.end() + 80])
        if kind:
            out.append(_Figure(munition_class(m.group("cls")), kind, 1, offset + m.start(),
                               offset + m.end(), True))
    return out


@dataclass
class _Pos:
    start: int
    end: int


FURTHER_BEFORE = re.compile(r"\b(?:further|another|more|additional)\s+$", re.I)
FURTHER_ONE = re.compile(r"\b(?:a\s+further|another|one\s+more)\s+(?P<cls>drone|missile|uav)\b", re.I)
ALL_BEFORE = re.compile(r"\ball\s+$", re.I)


OF_TOTAL = re.compile(r"\s+of\s+(?:the\s+)?(?:\d[\d,]*|[a-z]+)\s+(?:[\w-]+\s+){0,3}?"
                      r"(?:missiles?|drones?|uavs?|rockets?|shaheds?)\b", re.I)
OF_THEM = re.compile(r"\s+(?:of\s+(?:them|which|these|those)|were|was)\b", re.I)
OF_THE_BEFORE = re.compile(r"\b(?:of|out\s+of)\s+(?:the|all|some)\s+$", re.I)
PASSIVE_AFTER = re.compile(r"\s+(?:of\s+(?:them|which|these|those)\s+)?(?:was|were|had\s+been|have\s+"
                           r"been|being)\s+(?:\w+\s+)?(?P<verb>shot\s+down|intercepted|downed|"
                           r"destroyed|neutrali[sz]ed|repelled|fired|launched|sent|used)\b", re.I)
PASSIVE_NEAR_AFTER = re.compile(r"^(?:\s+[\w-]+){0,4}?\s+(?:of\s+(?:them|which|these|those)\s+"
                                r"(?:(?:was|were|had\s+been|have\s+been)\s+)?|(?:was|were|had\s+"
                                r"been|have\s+been)\s+)(?:\w+\s+)?(?P<verb>brought\s+down|shot"
                                r"\s+down|intercepted|downed|destroyed|neutrali[sz]ed|repelled|"
                                r"fired|launched|sent|used)\b", re.I)
CLAUSE_START = re.compile(r"[.;:]|\band\s+(?=(?:the\s+)?(?:\w+\s+){0,2}(?:air\s+defen|forces|"
                          r"military|army|units))|\bwhile\b|\bbut\b", re.I)


def _governing_verb(text: str, q, after: str) -> str | None:
    passive = PASSIVE_NEAR_AFTER.match(after)
    if passive:
        return "intercepted" if INTERCEPT.match(passive.group("verb")) else "launched"
    starts = [m.end() for m in CLAUSE_START.finditer(text, 0, q.start)]
    clause = text[starts[-1] if starts else 0:q.start]
    last = None
    for m in VERB.finditer(clause):
        last = m
    if last is not None:
        return "intercepted" if last.lastgroup == "intercept" else "launched"
    # "42 drones that Russia launched": the verb after the number
    m = VERB.search(after[:70])
    if m:
        return "intercepted" if m.lastgroup == "intercept" else "launched"
    return None


def _span(document: Document, s: Sentence, rule: str) -> Span:
    raw = document.offsets.span_to_raw(s.start, s.end)
    return Span(document.id, s.start, s.end, raw[0], raw[1], s.text, rule)


def find_waves(document: Document, facts: list[Facts], sentences: list[Sentence],
               ctx: ArticleContext, events: list[Event]) -> list[Wave]:
    """Country-wide launched/intercepted figures, one wave per day and side.

    A wave told over two sentences ("Russia launched 38 drones overnight. Air defences shot
    down 31 of them.") keeps the first sentence's day and munition class.
    """
    waves: dict[tuple, Wave] = {}
    ranks: dict[tuple, tuple] = {}
    last_cls: str | None = None
    last_wave: tuple[Wave, int] | None = None
    for f in facts:
        figures = munition_figures(f.sentence.text, f.sentence.start, last_cls)
        if not figures:
            continue
        last_cls = figures[-1].cls
        sites = [p for p in f.sites() if p.kind in ("settlement", "landmark")]
        if sites and not NATIONWIDE.search(f.sentence.text):
            _city_figures(events, sites, figures, document, f)
            continue
        if not (COUNTRY_SCOPE.search(f.sentence.text) or NATIONWIDE.search(f.sentence.text)
                or max(fig.n for fig in figures) >= WAVE_MIN_FIGURE
                or (last_wave and f.index - last_wave[1] <= 1)):
            continue
        own = next(iter(event_dates(f)), None)
        if own is None and last_wave is not None and f.index - last_wave[1] <= 2:
            wave = last_wave[0]
        else:
            when = own or ctx.lead_date
            day = when.date.isoformat() if when and when.date else (
                ctx.published.isoformat() if ctx.published else None)
            target = _target_country(f)
            attacker = "RU" if target == "UA" else "UA"
            wave = waves.setdefault((day, attacker, target), Wave(
                date=day, attacker=attacker, target_country=target,
                date_precision=when.precision if when else "week"))
        last_wave = (wave, f.index)
        paired = {fig.cls for fig in figures if fig.kind == "launched"} & \
            {fig.cls for fig in figures if fig.kind == "intercepted"}
        for kind, cls, n in _totals(figures):
            # a figure stated with its pair ("36 of 42 drones") beats one stated alone
            rank = (cls in paired, -f.index)
            slot = getattr(wave, kind)
            key = (id(wave), kind, cls)
            if cls not in slot or rank > ranks.get(key, (False, -10**9)):
                slot[cls] = n
                ranks[key] = rank
                wave.evidence[f"{kind}.{cls}"] = [_span(document, f.sentence, f"wave:{kind}")]
    return [w for w in waves.values() if w.launched or w.intercepted]


def _totals(figures: list[_Figure]) -> list[tuple[str, str, int]]:
    """One figure per kind and class in a sentence: the first one stated, plus any "further"
    ones ("destroyed 26 drones ... and a further drone was brought down")."""
    out: dict[tuple[str, str], int] = {}
    for fig in figures:
        key = (fig.kind, fig.cls)
        if key not in out:
            out[key] = fig.n
        elif fig.further:
            out[key] += fig.n
    return [(k, c, n) for (k, c), n in out.items()]


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
