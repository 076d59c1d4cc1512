"""Extract: from a cleaned article to its events, waves, aggregates and claims.

``extract(document)`` reads the cleaned text once for places (the gazetteer's scan) and
time expressions, then sentence by sentence for casualty figures and the lexicon's cues,
and hands the per-sentence ``Facts`` to the reading loop in ``events.py``. Every field of
every event keeps its evidence: the sentence it came from, in cleaned and raw offsets, and
the rule that read it.
"""

from __future__ import annotations

import re
from datetime import date

from ..gazetteer import Gazetteer, default_gazetteer
from ..model import Count, Document, Event, Extraction, Options, Span
from . import cues as C
from . import places as P
from .casualties import find_casualties
from .claims import find_claims
from .dates import find_dates, parse_published
from .events import (ArticleContext, Draft, Facts, best_date, choose_figure, classify,
                     event_dates, read_events)
from .sentences import Sentence, split_sentences
from .waves import find_aggregates, find_waves

EXPLOSION_ONLY = re.compile(r"\b(?:explosions?|blasts?|exploded|blew\s+up|detonat\w+|"
                            r"car\s+bomb\w*|truck\s+bomb\w*)\b", re.I)
CLAIMANT = re.compile(r"\b(?P<side>russia|russian|ukraine|ukrainian|kyiv|kiev)(?:'s|\u2019s)?\s+"
                      r"(?:\w+\s+){0,2}(?:defen[cs]e\s+ministry|ministry|general\s+staff|"
                      r"armed\s+forces|military|intelligence|forces|army|navy|air\s+force)", re.I)


def _claimant_side(text: str) -> str | None:
    """Whose statement a "claimed" cue is: the Russian or the Ukrainian military's."""
    m = CLAIMANT.search(text)
    if not m:
        return None
    return "RU" if m.group("side").lower().startswith("russia") else "UA"


# a sentence about "the strike", "this attack", "the bombing": about the article's event
ABOUT_THIS_STRIKE = re.compile(r"\b(?:the|this|that|these)\s+(?:\w+\s+)?(?:strikes?|attacks?|"
                               r"shelling|explosions?|bombing|blasts?|incident|missile|rocket)\b",
                               re.I)
# attribution cues this many sentences away from an event still speak of it
ATTRIBUTION_REACH = 3


def extract(document: Document, options: Options = Options(),
            gazetteer: Gazetteer | None = None) -> Extraction:
    gazetteer = gazetteer or default_gazetteer()
    text = document.text
    published = parse_published(document.published)
    sentences = split_sentences(text)
    facts = sentence_facts(document, sentences, published, gazetteer)
    ctx = ArticleContext(published=published)
    ctx.lead_date = _lead_date(facts)
    drafts = [d for d in read_events(facts, ctx, gazetteer) if in_scope(d)]
    _article_agent(drafts, facts)
    _attribution(drafts, facts)
    _explosions(drafts, facts, _sided_days(facts, ctx))
    events = [to_event(d, document, sentences) for d in drafts]
    waves = find_waves(document, facts, sentences, ctx, events)
    aggregates = find_aggregates(document, facts, sentences)
    claims = find_claims(document, facts, sentences, drafts)
    return Extraction(document.id, events, waves, aggregates, claims)


def sentence_facts(document: Document, sentences: list[Sentence], published: date | None,
                   gazetteer: Gazetteer) -> list[Facts]:
    text = document.text
    bounds = [(s.start, s.end) for s in sentences]
    mentions = P.mentions(text, gazetteer.scan(text), bounds, gazetteer)
    dates = find_dates(text, published)
    foreign = [(s.clean_start, s.clean_end) for s in document.foreign_spans()
               if s.clean_start is not None]
    out = []
    pi = di = 0
    for s in sentences:
        while pi < len(mentions) and mentions[pi].start < s.start:
            pi += 1
        sp = []
        while pi < len(mentions) and mentions[pi].start < s.end:
            sp.append(mentions[pi])
            pi += 1
        while di < len(dates) and dates[di].start < s.start:
            di += 1
        sd = []
        while di < len(dates) and dates[di].start < s.end:
            sd.append(dates[di])
            di += 1
        local_foreign = [(a - s.start, b - s.start) for a, b in foreign
                         if a < s.end and b > s.start]
        cas = [_shift(m, s.start) for m in find_casualties(s.text, local_foreign)]
        words = set(_WORDS.findall(s.text.lower()))
        attack_words = not words.isdisjoint(ATTACK_VOCABULARY)
        triggers = _shift_cues(C.all_matches(C.TRIGGER, s.text), s.start) \
            if attack_words else []
        attributions = _shift_cues(C.attributions(s.text), s.start) \
            if ATTRIBUTION_WORDS.search(s.text) else []
        if not (triggers or cas or attack_words):
            # most sentences of most articles speak of no attack: skip the cue tables
            out.append(Facts(s, sp, sd, cas, [], [], [], [], attributions, triggers, set()))
            continue
        out.append(Facts(
            sentence=s, places=sp, dates=sd, casualties=cas,
            weapons=_shift_cues(C.weapons(s.text), s.start),
            types=_shift_cues(C.attack_types(s.text), s.start),
            targets=_shift_cues(C.targets(s.text), s.start),
            attackers=[(_shift_cue(c, s.start), n) for c, n in C.attackers(s.text)],
            attributions=attributions,
            triggers=triggers,
            flags=_flags(s.text, sd),
        ))
    return out


# cheap pre-checks that decide whether a sentence is worth the full cue tables: a set of
# the words that any attack trigger, weapon or attack type needs (a superset, kept generous)
_WORDS = re.compile(r"[a-z]+")
ATTACK_VOCABULARY = frozenset("""
strike strikes struck striking airstrike airstrikes hit hits hitting shell shells shelled shelling
bomb bombs bombed bombing bombings bombard bombarded bombardment attack attacks attacked attacking
assault assaults barrage pounded pounding rocked blast blasts explosion explosions exploded explode
detonated detonation detonations slammed landed fired fire launched launch raid raids debris
wreckage fell crashed set ablaze alight blew destroyed damaged damaging targeted targeting killed
killing wounded injured died dead missile missiles drone drones rocket rockets artillery mortar
mortars uav uavs dropped damaging shahed shaheds geran himars iskander iksander kinzhal kalibr onyx tochka atacms
kab kabs fab grad smerch uragan lancet bayraktar intercepted intercept downed shot neutralised
neutralized came come under shot opened inflicted damage munitions projectiles warplanes jets
kamikaze glide guided ballistic cruise howitzer howitzers mlrs tank
""".split())
ATTRIBUTION_WORDS = re.compile(r"claim|respons|accus|blam|deni|deny|accountab|dismiss|reject|"
                               r"faking|staged|each other|ministry|general staff|came out", re.I)


def _flags(text: str, dates) -> set[str]:
    flags = set()
    for name, pattern in (("threat", C.THREAT), ("speculation", C.SPECULATION),
                          ("ground", C.GROUND_FIGHTING), ("interception", C.INTERCEPTION),
                          ("accident", C.ACCIDENT), ("aggregate", C.AGGREGATE),
                          ("negation", C.NEGATION)):
        if pattern.search(text):
            flags.add(name)
    kinds = {d.kind for d in dates}
    if "period" in kinds and not kinds & {"relative", "weekday", "explicit"}:
        flags.add("aggregate")
    if "future" in kinds and not kinds & {"relative", "weekday", "explicit"}:
        flags.add("future")
    return flags


def _shift(m, offset: int):
    from dataclasses import replace
    return replace(m, start=m.start + offset, end=m.end + offset)


def _shift_cue(c: C.Cue | None, offset: int) -> C.Cue | None:
    return None if c is None else C.Cue(c.start + offset, c.end + offset, c.value, c.rule)


def _shift_cues(cues: list[C.Cue], offset: int) -> list[C.Cue]:
    return [C.Cue(c.start + offset, c.end + offset, c.value, c.rule) for c in cues]


def _lead_date(facts: list[Facts]):
    """The day the article's lead story happened, when its opening attack sentences say."""
    for f in facts[:3]:
        if classify(f) != "attack":
            continue
        usable = event_dates(f) or event_dates(f, speech=True)
        if usable:
            return usable[0]
    return None


def _attribution(drafts: list[Draft], facts: list[Facts]) -> None:
    """Claimed, unclaimed or disputed, from attribution cues near the event's sentences
    (CODEBOOK section 2); a disputed attribution leaves the attacker unknown."""
    for d in drafts:
        near = {i for s in d.sentences for i in range(s - ATTRIBUTION_REACH,
                                                      s + ATTRIBUTION_REACH + 1)}
        next_door = {i for s in d.sentences for i in range(s - 1, s + 2)}
        own = set(d.sentences)
        for f in facts:
            for cue in f.attributions:
                if cue.value == "claimed" and f.index in own:
                    # the attacker's own side says it struck; "Ukrainian militants shelled
                    # Donetsk, the Russian Defence Ministry said" is the struck side stating it
                    side = _claimant_side(f.sentence.text)
                    if side is None or side == d.attacker:
                        d.attribution, d.attribution_span = "claimed", (cue.start, cue.end,
                                                                        cue.rule)
                elif cue.value == "unclaimed" and f.index in next_door and \
                        d.attribution == "stated":
                    d.attribution, d.attribution_span = "unclaimed", (cue.start, cue.end,
                                                                      cue.rule)
                elif cue.value == "disputed" and f.index in near and _disputes(d, f, cue) and (
                        f.index in next_door and "aggregate" not in f.flags
                        or ABOUT_THIS_STRIKE.search(f.sentence.text)
                        or any(p.place == d.place for p in f.places)):
                    d.attribution, d.attribution_span = "disputed", (cue.start, cue.end, cue.rule)
        if d.attribution == "disputed":
            d.attacker, d.attacker_name = "unknown", None


DENIAL = re.compile(r"\b(?:den(?:y|ies|ied)|reject\w*|dismiss\w*|came\s+out)\b", re.I)
SIDE_WORD = re.compile(r"\b(?:(?P<ru>russia|russian|moscow|kremlin)|(?P<ua>ukraine|ukrainian|kyiv"
                       r"|kiev))\b", re.I)


def _denier(f: Facts, cue: C.Cue) -> str | None:
    """The side that denies: named in the cue ("which Ukraine denies") or as the subject
    just before it ("Russia's Defence Ministry denied ...")."""
    text, base = f.sentence.text, f.sentence.start
    if not DENIAL.search(text, cue.start - base, cue.end - base):
        return None                 # "blamed each other": no one side denies
    inside = list(SIDE_WORD.finditer(text, cue.start - base, cue.end - base))
    before = list(SIDE_WORD.finditer(text, max(0, cue.start - base - 80), cue.start - base))
    m = inside[0] if inside else (before[-1] if before else None)
    if m is None:
        return None
    return "RU" if m.group("ru") else "UA"


def _disputes(d: Draft, f: Facts, cue: C.Cue) -> bool:
    """A denial opposes the attribution only when it comes from the side blamed: Russia
    denying that its missiles hit a village that the report says a Ukrainian air-defence
    missile hit settles nothing against the report (CODEBOOK section 2, "disputed"). A side
    assumed by default (no cue) is no one's attribution to compare the denial with."""
    denier = _denier(f, cue)
    return denier is None or not d.attacker_from_cue or d.attacker not in ("RU", "UA") \
        or denier == d.attacker


AGENT_STATEMENT = re.compile(
    r"\b(?:fired|launched|used|carried\s+out|struck|hit)\s+by\s+(?:the\s+)?(?P<side>ukrainian|"
    r"russian)\s+(?:forces|air\s*defen[cs]es?|military|army|troops|armed\s+forces)", re.I)


def _article_agent(drafts: list[Draft], facts: list[Facts]) -> None:
    """"The missile was likely fired by Ukrainian forces", said of the article's single event
    in a sentence of its own, names its attacker."""
    if len(drafts) != 1 or drafts[0].attacker_from_cue and drafts[0].attacker in ("RU", "UA"):
        return
    d = drafts[0]
    for f in facts:
        m = AGENT_STATEMENT.search(f.sentence.text)
        if m and ABOUT_THIS_STRIKE.search(f.sentence.text):
            side = "UA" if m.group("side").lower() == "ukrainian" else "RU"
            start = f.sentence.start + m.start()
            d.attacker, d.attacker_name = side, f"{m.group('side').capitalize()} forces"
            d.attacker_span, d.attacker_from_cue = (start, start + len(m.group(0)),
                                                    "attacker:statement"), True
            return


# The war began with the seizure of Crimea: anything dated earlier (Chernobyl, the Second
# World War) is history mentioned in passing, not a strike report of this war.
WAR_START = date(2014, 2, 20)
# A single strike on one locality does not kill this many: such a figure is a national or
# war-long total, which the codebook keeps out of city events (an aggregate, not a toll).
MAX_EVENT_FIGURE = 10_000


def in_scope(d: Draft) -> bool:
    if d.date is not None and d.date < WAR_START:
        return False
    for kind in ("killed", "injured", "killed_unconfirmed"):
        d.figures[kind] = [f for f in d.figures.get(kind, [])
                           if (f.count.min or 0) <= MAX_EVENT_FIGURE]
    return True


def _sided_days(facts: list[Facts], ctx: ArticleContext) -> set:
    """Days on which the article's attack sentences name a side ("Russian strikes hit cities
    around the country today")."""
    days = set()
    for f in facts:
        if f.attackers and classify(f) == "attack":
            own = best_date(f, f.sentence.start)
            day = own.date if own else (ctx.lead_date.date if ctx.lead_date else ctx.published)
            days.add(day)
    return days


def _explosions(drafts: list[Draft], facts: list[Facts], sided_days: set) -> None:
    """An explosion with no weapon or attack named has an unknown cause (CODEBOOK section
    2); its attacker is unknown too, unless a side is named, or it happened on a day the
    article attributes other strikes to a side (a wave day's "explosions were reported in
    Lviv")."""
    sided_days = sided_days | {d.date for d in drafts if d.attacker_from_cue}
    for d in drafts:
        if d.types or not d.trigger_span or not any(
                EXPLOSION_ONLY.search(facts[i].sentence.text) for i in d.sentences):
            continue
        d.types["explosion_unknown"] = d.trigger_span
        if d.attacker_from_cue or d.date in sided_days:
            continue
        d.attacker, d.attacker_name = "unknown", None


# --- drafts to events with evidence ------------------------------------------------------------

def _sentence_of(sentences: list[Sentence], pos: int) -> Sentence:
    lo, hi = 0, len(sentences) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sentences[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return sentences[lo]


def _evidence(document: Document, sentences: list[Sentence], start: int, end: int,
              rule: str) -> Span:
    """The sentence holding [start, end), as CODEBOOK section 2 asks, with the words that
    fired the rule quoted in ``rule``."""
    s = _sentence_of(sentences, start)
    raw_start, raw_end = document.offsets.span_to_raw(s.start, s.end)
    words = document.text[start:end]
    return Span(document.id, s.start, s.end, raw_start, raw_end, s.text,
                f"{rule} \u201c{words}\u201d" if words else rule)


def to_event(d: Draft, document: Document, sentences: list[Sentence]) -> Event:
    ev: dict[str, list[Span]] = {}

    def cite(name: str, span) -> None:
        if span is None:
            return
        item = _evidence(document, sentences, span[0], span[1], span[2])
        if item not in ev.setdefault(name, []):
            ev[name].append(item)

    place = d.place
    for name in ("country", "admin1", "location", "lat", "lon", "geo_precision"):
        cite(name, d.place_span)
    if place.kind != "settlement" and place.kind != "landmark":
        ev.pop("location", None)
    cite("date", d.date_span)
    if d.date_span is None and d.date is not None:
        # the publication date stands in (CODEBOOK section 3): cite the event's sentence
        cite("date", (d.place_span[0], d.place_span[1], "date:published-week"))
    event = Event(
        date=d.date.isoformat() if d.date else None,
        date_precision=d.precision if d.date else "unknown",
        country=place.country,
        admin1=place.admin1,
        location=place.name if place.kind in ("settlement", "landmark") else None,
        lat=place.lat, lon=place.lon,
        geo_precision=d.geo_precision if place.kind != "region" else 3,
        attack_types=sorted(d.types), weapons=sorted(d.weapons), targets=sorted(d.targets),
        attacker=d.attacker or "unknown", attacker_name=d.attacker_name,
        attribution=d.attribution, double_tap=d.double_tap is not None,
        sources=[document.id],
    )
    for name, spans in (("attack_types", d.types), ("weapons", d.weapons),
                        ("targets", d.targets)):
        for span in spans.values():
            cite(name, span)
    cite("attacker", d.attacker_span or d.place_span)
    if d.attacker_name:
        cite("attacker_name", d.attacker_span or (d.place_span[0], d.place_span[1],
                                                  "attacker:default-by-country"))
    cite("attribution", d.attribution_span or d.attacker_span or d.place_span)
    cite("double_tap", d.double_tap)
    for kind in ("killed", "injured", "killed_unconfirmed"):
        figure = choose_figure(d.figures.get(kind, []))
        if figure is not None:
            setattr(event, kind, figure.count)
            cite(kind, (figure.start, figure.end, figure.rule))
    children = choose_figure(d.figures.get("children_killed", []))
    if children is not None and children.count.min is not None:
        event.children_killed = children.count.min
        cite("children_killed", (children.start, children.end, children.rule))
    if d.launched:
        event.launched = d.launched[0]
        cite("launched", d.launched[1:])
    if d.intercepted:
        event.intercepted = d.intercepted[0]
        cite("intercepted", d.intercepted[1:])
    if d.sublocation:
        event.sublocation = d.sublocation[2]
        cite("sublocation", (d.sublocation[0], d.sublocation[1], "sublocation"))
    event.evidence = ev
    return event


__all__ = ["extract", "sentence_facts", "to_event", "Count"]
