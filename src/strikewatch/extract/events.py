"""From the facts of each sentence to the article's events (CODEBOOK sections 1-4).

An article is read sentence by sentence. A sentence that reports an attack (a trigger
word, something struck or exploded, and none of the marks of a threat, a plan, an
aggregate, ground fighting, an interception with nothing hit or an accident) makes or
updates one event per place it names as a site. A sentence with casualty figures and no
place of its own adds them to the event the previous sentences were about. Events of one
article with the same locality, day and side are one event (CODEBOOK section 1).

Every field keeps the span it came from (``Draft.evidence``), and the rule that set it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..gazetteer import Place
from ..model import Count
from . import cues as C
from .casualties import DEFINITE_SUFFIX, CasualtyMention
from .dates import DateMention
from .places import PlaceMention
from .sentences import Sentence

# a continuation ("The attack wounded 14 people") joins an event of the last N sentences
CONTINUATION_SENTENCES = 3
# a place named in the last N sentences sets the scene for an attack sentence naming none
CONTEXT_SENTENCES = 1
# a site is at most this many words away from a word of the attack in its sentence
SITE_REACH_WORDS = 16
_WORD = re.compile(r"[\w'’-]+")


_CLAUSE_BREAK = re.compile(r"[;\u2013\u2014]|\s-\s")
_ELABORATION = re.compile(r"\s*(?:in|at|near|on|including|namely)\s", re.I)


def _words_between(text: str, base: int, a: int, b: int) -> int:
    """Words between two offsets; a clause break (dash, semicolon) between them counts as
    far: "faked the attack - as with the massacres in Bucha" is another matter."""
    lo, hi = sorted((a - base, b - base))
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        # "killed in Donetsk region - in Bakhmut": a dash that only adds where is no break
        if not _ELABORATION.match(text, m.end()):
            return 1000
    return len(_WORD.findall(text, lo, hi))


def _listed(p, kept) -> bool:
    return bool(kept) and (p.listed or p.start - kept[-1].end < 40)
# wave-level wording: figures for the whole country belong to the wave, not to a city
NATIONWIDE = re.compile(
    r"(?:across|around|throughout|all\s+over|in\s+cities\s+across|all\s+across)\s+(?:the\s+)?"
    r"(?:ukraine|country|nation)|nationwide|country-?wide|in\s+(?:several|multiple|\w+)\s+"
    r"(?:cities|regions|oblasts)|\b(?:several|multiple|many|\d+|ten|\w+)\s+(?:ukrainian\s+)?"
    r"(?:cities|regions)\b", re.I)
CAPITAL = re.compile(r"\b(?:the\s+(?:(?:ukrainian|russian)\s+)?capital|capital\s+city)\b", re.I)
DOUBLE_TAP = re.compile(
    r"double[- ]tap|second\s+(?:\w+\s+){0,2}(?:strike|missile|attack|drone|explosion)\s+"
    r"(?:\w+\s+){0,6}(?:rescuers|responders|emergency|firefighters|medics|paramedics|moments|"
    r"minutes|after)|struck\s+again\s+(?:when|as)\s+(?:the\s+)?(?:rescuers|firefighters|"
    r"emergency)|(?:when|as|after)\s+(?:the\s+)?(?:rescuers|firefighters|emergency\s+workers|"
    r"medics|paramedics)\s+(?:\w+\s+){0,3}(?:arrived|gathered)(?:\W+\w+){0,6}\W+(?:struck|hit)"
    r"\s+again", re.I)
PAST_IMPACT = re.compile(
    r"\b(?:struck|hit|shelled|killed|killing|damaged|destroyed|exploded|slammed|landed|dropped|"
    r"fell|fired|launched|"
    r"wounded|injured|pounded|bombed|rocked|set\s+\w+\s+(?:on\s+fire|ablaze))\b", re.I)
SUBORDINATE_PAST = re.compile(r"\b(?:after|following|when|as|since)\b[^.;]*?\b(?:struck|hit|"
                              r"shelled|exploded|attacked|targeted|blew)\b", re.I)
# An attack word that reports the strike, not only a weapon, an alert or a noise
STRONG_TRIGGER = re.compile(
    r"\b(?:struck|strikes?|striking|hitting|hit|hits|shell(?:ed|ing)|fell\s+on|dropped|bombard(?:ed|ment)|bomb(?:ed|ing)|"
    r"attack(?:ed|s)?|assault|barrage|pounded|blasts?|explosions?|exploded|detonat\w+|"
    r"slammed|landed|fired\s+(?:[\w-]+\s+){0,8}(?:at|on|into)|launched\s+(?:[\w-]+\s+){0,8}"
    r"(?:at|on|against)|raids?|airstrikes?|air\s+strikes?|debris|rocked|targeted|"
    r"set\s+(?:\w+\s+){0,3}(?:on\s+fire|ablaze|alight)|blew\s+up|destroyed|damaged|"
    r"(?:damage|destruction)\s+(?:was\s+)?inflicted|inflicted)\b", re.I)
# an attack verb that says something was hit, stronger than "explosions were heard"
HARD_TRIGGER = re.compile(r"\b(?:struck|hit|shelled|attacked|bombed|pounded|fired\s+(?:on|at|upon)"
                          r"|came\s+under\s+(?:fire|attack)|targeted|killed|killing|wounded|"
                          r"injured)\b", re.I)
BACK_REFERENCE = re.compile(r"\bthe\s+(?:[\w-]+\s+)?(?:attack|strike|explosion|bombing|blast|"
                            r"shelling)\s+(?:on|in|at)\s+(?:the\s+)?$", re.I)
# "the bridge", "the plant": a landmark the article names elsewhere
THE_LANDMARK = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}?(?P<kind>bridge|dam|(?:nuclear\s+)?power\s+"
                          r"plant|island)\b", re.I)
LANDMARK_FEATURE = {"plant": "plant", "bridge": "bridge", "dam": "dam", "island": "island"}
# "the city" / "the town" with no name: the settlement the article is about
THE_CITY = re.compile(r"\bthe\s+(?:city|town|village|metropolis)(?!\s+of\b)|\bthe\s+[A-Z][\w'’-]+"
                      r"\s+(?:district|neighbou?rhood|microdistrict)\b", re.I)
# "Seven more people in the region were injured": a figure for the region, not the city
IN_THE_REGION = re.compile(r"\b(?:in|across|elsewhere\s+in|throughout)\s+the\s+(?:region|oblast|"
                           r"province)\b", re.I)
ALERT_ONLY = re.compile(r"\b(?:sirens?|alerts?|alarms?|warnings?)\b", re.I)
ATTACK_NOUN = re.compile(r"\b(?:shelling|strikes?|explosions?|blasts?|bombardment|barrage)\b",
                         re.I)
# an aircraft that blew up or came down with no attack verb is an accident, not a strike
AIRCRAFT_MISHAP = re.compile(
    r"\b(?:su-\d+|sukhoi|jet|plane|aircraft|bomber|helicopter|airliner)\b[^.]{0,80}?\b(?:exploded|"
    r"crashed|came\s+down|plunged|went\s+down)\b", re.I)
FIGHTING_WORDS = re.compile(r"\b(?:fighting|battles?|clashes|combat|troops|front)\b", re.I)
WEAPON_OR_TYPE = re.compile(
    r"\b(?:missiles?|rockets?|drones?|shell(?:s|ing|ed)|artillery|bombs?|strikes?|airstrikes?|"
    r"mortars?|explosions?|blasts?|attacks?)\b", re.I)


@dataclass
class Facts:
    """What one sentence says, with offsets in the document's cleaned text."""

    sentence: Sentence
    places: list[PlaceMention]
    dates: list[DateMention]
    casualties: list[CasualtyMention]           # offsets shifted to the document
    weapons: list[C.Cue]
    types: list[C.Cue]
    targets: list[C.Cue]
    attackers: list[tuple[C.Cue, str]]
    attributions: list[C.Cue]
    triggers: list[C.Cue]
    flags: set[str] = field(default_factory=set)
    kind: str | None = None         # classify()'s verdict, computed once

    @property
    def index(self) -> int:
        return self.sentence.index

    @property
    def trigger(self) -> C.Cue | None:
        return self.triggers[0] if self.triggers else None

    def attack_cues(self) -> list[int]:
        """Positions of every word that speaks of the attack: triggers, weapons, attack
        types and casualty figures."""
        return sorted([c.start for c in self.triggers] + [c.start for c in self.weapons]
                      + [c.start for c in self.types] + [m.start for m in self.casualties])

    def sites(self) -> list[PlaceMention]:
        """Places named as where something was hit, close enough to a word of the attack
        to be about it ("massacres in Bucha" ten words after "the attack" is not)."""
        cues = self.attack_cues()
        text = self.sentence.text
        out = []
        for p in self.places:
            if p.role not in ("site", "near") or p.kind not in ("settlement", "region", "landmark") \
                    or p.geo_precision is None:
                continue
            if cues and not p.said_hit and min(
                    _words_between(text, self.sentence.start, p.start, c)
                    for c in cues) > SITE_REACH_WORDS and not _listed(p, out):
                continue
            out.append(p)
        return out


@dataclass
class Figure:
    count: Count
    start: int
    end: int
    rule: str
    toll_update: bool = False
    breakdown: bool = False
    confirmed: bool = True
    sentence: int = 0
    direct: bool = True             # stated in a sentence that names the event's place


@dataclass
class Draft:
    """An event while the article is being read."""

    place: Place
    geo_precision: int
    place_span: tuple[int, int, str]
    date: date | None
    precision: str
    date_span: tuple[int, int, str] | None
    attacker: str | None = None
    attacker_name: str | None = None
    attacker_span: tuple[int, int, str] | None = None
    attacker_from_cue: bool = False
    attribution: str = "stated"
    attribution_span: tuple[int, int, str] | None = None
    types: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    weapons: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    targets: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    figures: dict[str, list[Figure]] = field(default_factory=dict)
    double_tap: tuple[int, int, str] | None = None
    launched: tuple[int, int, int, str] | None = None
    intercepted: tuple[int, int, int, str] | None = None
    sublocation: tuple[int, int, str] | None = None
    sentences: list[int] = field(default_factory=list)
    trigger_span: tuple[int, int, str] | None = None
    date_own: bool = False          # the day was read in one of the event's own sentences
    named_region: bool = False      # "in the region": the region's own event, kept apart


# --- sentence classification ------------------------------------------------------------

def classify(f: Facts) -> str:
    """attack | casualty | skip, and flags saying why (kept for explanations)."""
    if f.kind is None:
        f.kind = _classify(f)
    return f.kind


def _classify(f: Facts) -> str:
    if not f.triggers and not f.casualties:
        return "skip"
    text = f.sentence.text
    has_figures = any(not m.breakdown or True for m in f.casualties)
    strong = STRONG_TRIGGER.search(text)
    if "accident" in f.flags or (AIRCRAFT_MISHAP.search(text) and not re.search(
            r"\b(?:shot\s+down|struck|shelled|attacked|missile|drone)\b", text, re.I)):
        f.flags.add("not:accident")
        return "skip"
    if "future" in f.flags:
        f.flags.add("not:future")
        return "skip"
    if "threat" in f.flags and not (SUBORDINATE_PAST.search(text) or _impact_before_threat(f)):
        f.flags.add("not:threat")
        return "skip"
    if "speculation" in f.flags and not PAST_IMPACT.search(text):
        f.flags.add("not:speculation")
        return "skip"
    if "aggregate" in f.flags:
        f.flags.add("not:aggregate")
        return "skip"
    if NOTHING_HIT.search(text) and not any(m.count.max != 0 for m in f.casualties):
        f.flags.add("not:nothing-hit")      # "debris fell in a field; nothing was damaged"
        return "skip"
    if "interception" in f.flags and not _hit_besides_interception(f):
        f.flags.add("not:interception")
        return "skip"
    if "ground" in f.flags and not (f.weapons or f.types or re.search(
            r"\b(?:shell|missile|drone|strike|bomb|rocket|explosion|blast)", text, re.I)):
        f.flags.add("not:ground")
        return "skip"
    if strong and not (ALERT_ONLY.search(text) and not PAST_IMPACT.search(text)
                       and not ATTACK_NOUN.search(text)):
        if _is_weaponless_fighting(f, text):
            f.flags.add("not:ground")
            return "skip"
        return "attack"
    if has_figures and f.casualties and (f.weapons or f.types or WEAPON_OR_TYPE.search(text)):
        return "attack"
    if f.casualties:
        return "casualty"
    return "skip"


def _impact_before_threat(f: Facts) -> bool:
    threat = C.THREAT.search(f.sentence.text)
    impact = PAST_IMPACT.search(f.sentence.text)
    return bool(threat and impact and impact.start() < threat.start())


def _hit_besides_interception(f: Facts) -> bool:
    text = f.sentence.text
    m = C.INTERCEPTION.search(text)
    rest = text[:m.start()] + " " + text[m.end():] if m else text
    rest = NOTHING_HIT.sub(" ", rest)
    return bool(re.search(r"\b(?:hit|struck|damaged|destroyed|killed|killing|injured|wounded|"
                          r"debris|wreckage|fragments|fell|got\s+through|exploded|fire)\b",
                          rest, re.I))


ACCUSATION = re.compile(r"\baccus(?:ed|es|ing)\s+(?:[\w'’-]+\s+){0,3}of\s+(?:\w+\s+)?\w+ing\b",
                        re.I)
# "debris fell in a field and nothing was damaged": no damage at all (casualty figures of
# zero are another matter: "the strike damaged power lines; no one was hurt" is an event)
NOTHING_HIT = re.compile(r"\bnothing\s+(?:was|were)\s+(?:hit|damaged|struck)|\bno\s+(?:damage|"
                         r"hits)\b|\bwithout\s+(?:causing\s+)?damage|\bno\s+(?:targets?|buildings?"
                         r"|objects?)\s+(?:was|were)\s+(?:hit|damaged)", re.I)


def _is_weaponless_fighting(f: Facts, text: str) -> bool:
    if re.search(r"\bfired\s+(?:on|at|upon)\b", text, re.I):
        return False                # "troops fired on the village": shelling, not a battle
    return bool(FIGHTING_WORDS.search(text)) and not (f.weapons or f.types or f.casualties) \
        and not re.search(r"\b(?:struck|strikes?|shell|missile|drone|explosion|blast)", text, re.I)


# --- assembling -----------------------------------------------------------------------------

def _span(start: int, end: int, rule: str) -> tuple[int, int, str]:
    return (start, end, rule)


# "said on Tuesday", "told reporters Tuesday": the day of the statement, not of the strike
SPEECH_BEFORE_DATE = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+){0,2}|reported|announced|wrote|claimed|added|stated|"
    r"confirmed|posted|briefing|statement|address|speech|interview|reports?|news|announcement)"
    r"\s+(?:on\s+|late\s+|early\s+"
    r"|later\s+on\s+)?$", re.I)


def event_dates(f: Facts, speech: bool = False) -> list[DateMention]:
    """The sentence's time expressions that can date a strike. With ``speech``, only the
    days of statements ("officials said on Wednesday"), a fallback for a first report."""
    text, base = f.sentence.text, f.sentence.start
    out = []
    for d in f.dates:
        if d.kind in ("period", "future", "time") or not d.date:
            continue
        before = text[max(0, d.start - base - 40):d.start - base]
        if TOLL_BEFORE_DATE.search(before) or RECOVERY_BEFORE_DATE.search(before):
            continue        # "the toll rose overnight to 12": when the count changed
        if bool(SPEECH_BEFORE_DATE.search(before)) == speech:
            out.append(d)
    return out


# "the number killed rose overnight to 12": the day of the count, not of the strike
TOLL_BEFORE_DATE = re.compile(r"\b(?:rose|risen|climbed|increased|reached|jumped|grew)\s+"
                              r"(?:to\s+(?:at\s+least\s+)?[\w,]+\s+)?(?:on\s+|by\s+)?$", re.I)
# "rescuers pulled two more bodies from the rubble overnight": when the dead were found
RECOVERY_BEFORE_DATE = re.compile(
    r"\b(?:pulled|recovered|retrieved|dug\s+out)\s+(?:(?!hit|struck|strikes?|attack\w*|"
    r"shell\w*|bomb\w*)[\w'’-]+\s+){0,7}(?:on\s+|late\s+|early\s+)?$", re.I)
# "Just a day before the strike on X": the day of another strike, reckoned from X's
RELATIVE_TO_OTHER = re.compile(r"^\s*(?:before|after|prior\s+to|ahead\s+of)\b", re.I)
RELATIVE_END = re.compile(r"\b(?:before|after|earlier\s+than|prior\s+to)$", re.I)
# "yesterday's Russian missile strike": a day that dates the attack noun it qualifies
POSSESSIVE_DAY = re.compile(r"(?:'s|\u2019s)$")


def _dates_another_place(f: Facts, d: DateMention, anchor: int) -> bool:
    """"...the fall of Mariupol in May": a day said right after another place, past the site,
    is that place's."""
    if d.start <= anchor:
        return False
    text, base = f.sentence.text, f.sentence.start
    for p in f.places:
        if p.role in ("district-of", "context") or p.start <= anchor + 1:
            continue
        if p.end <= d.start and \
                len(_WORD.findall(text, p.end - base, d.start - base)) <= 2:
            return True
    return False


def best_dates(f: Facts) -> list[DateMention]:
    """The sentence's time expressions that date a strike of this sentence."""
    return event_dates(f)


def best_date(f: Facts, anchor: int) -> DateMention | None:
    text, base = f.sentence.text, f.sentence.start
    usable = [d for d in event_dates(f)
              if not (d.end <= anchor and (RELATIVE_TO_OTHER.match(text[d.end - base:])
                                           or RELATIVE_END.search(d.text)))
              and not _dates_another_place(f, d, anchor)]
    if not usable:
        return None
    return min(usable, key=lambda d: (not POSSESSIVE_DAY.search(d.text), abs(d.start - anchor)))


@dataclass
class ArticleContext:
    published: date | None
    lead_date: DateMention | None = None


# between a figure and the place it happened: "... people in", "six in the city of"
FIGURE_PLACE = re.compile(r"^(?:\s+(?!and\b|but\b|while\b|whereas\b|as\b)[\w-]+){0,3}?\s+"
                          r"(?:in|at|near|on)\s+(?:the\s+)?"
                          r"(?:(?:city|town|village|region)\s+of\s+)?$", re.I)


def assign_figures(f: Facts, sites: list[PlaceMention]) -> dict[int, list[CasualtyMention]]:
    """Casualty figures of a sentence to the site they are about: the nearest site named
    before the figure in the sentence, else the nearest after it. A breakdown placed by its
    own site ("19 killed, including five in Kyiv") goes to that site, and the total it
    breaks down belongs to none of them."""
    out: dict[int, list[CasualtyMention]] = {}
    if not sites:
        return out
    placed: set[int] = set()
    for m in f.casualties:
        if m.breakdown:
            for i, s in enumerate(sites):
                if m.start <= s.start <= m.end + 12 and re.search(
                        r"\b(?:in|at|near)\s+(?:the\s+)?$",
                        f.sentence.text[max(m.start, s.start - 20) - f.sentence.start:
                                        s.start - f.sentence.start]):
                    out.setdefault(i, []).append(m)
                    placed.add(id(m))
                    break
    broken_down = bool(placed)
    text, base = f.sentence.text, f.sentence.start
    for m in f.casualties:
        if id(m) in placed or (broken_down and not m.breakdown):
            continue
        # "injured six in Sumy": a site named right after the figure is its own, also
        # when the sentence named it before ("struck Odesa ..., wounding three in Odesa")
        after = [p for p in f.places if m.start < p.start and
                 FIGURE_PLACE.match(text[m.end - base:p.start - base]) is not None]
        own = [i for p in sorted(after, key=lambda p: p.start)[:1]
               for i, s in enumerate(sites) if s.place == p.place]
        if own:
            out.setdefault(own[0], []).append(m)
            continue
        before = [i for i, s in enumerate(sites) if s.start <= m.start]
        if before:
            i = max(before, key=lambda k: sites[k].start)
        else:
            i = min(range(len(sites)), key=lambda k: abs(sites[k].start - m.start))
        out.setdefault(i, []).append(m)
    return out


def add_figures(draft: Draft, mentions: list[CasualtyMention], sentence: int,
                direct: bool = True) -> None:
    for m in mentions:
        kind = m.kind
        draft.figures.setdefault(kind, []).append(Figure(
            m.count, m.start, m.end, f"casualty:{m.rule}", m.toll_update, m.breakdown,
            m.confirmed, sentence, direct))


def choose_figure(figures: list[Figure]) -> Figure | None:
    """The event's figure among an article's statements of it: a running toll's latest
    value, else the highest figure that is not a breakdown of another."""
    if not figures:
        return None
    updates = [f for f in figures if f.toll_update]
    if updates:
        # within one report a toll only rises; leads state the latest figure first
        return max(updates, key=lambda f: (f.count.min or 0, f.count.max or 0, f.sentence))
    whole = [f for f in figures if not f.breakdown] or figures
    # "the driver was killed" counts one only where no other figure is given: it is most
    # often one of the people a figure elsewhere already counts
    whole = [f for f in whole if not f.rule.endswith(DEFINITE_SUFFIX)] or whole
    # a figure stated beside the place beats one from a sentence that continues the story
    whole = [f for f in whole if f.direct] or whole
    # the highest figure; with the same lowest count, a bounded figure ("about 20") is more
    # precise than an open one ("at least 20")
    return max(whole, key=lambda f: (f.count.min if f.count.min is not None else -1,
                                     f.count.max is not None, f.count.max or 0, -f.sentence))


def add_cues(draft: Draft, f: Facts, lo: int, hi: int, arms_end: int | None = None) -> None:
    """Weapons, attack types and targets of the stretch [lo, hi) of a sentence; weapons and
    attack types only up to ``arms_end`` when given."""
    arms_hi = hi if arms_end is None else min(hi, arms_end)
    for cue in f.weapons:
        if lo <= cue.start < arms_hi:
            draft.weapons.setdefault(cue.value, _span(cue.start, cue.end, cue.rule))
            kind = C.WEAPON_ATTACK_TYPE.get(cue.value)
            if kind:
                draft.types.setdefault(kind, _span(cue.start, cue.end, cue.rule))
    for cue in f.types:
        if lo <= cue.start < arms_hi:
            draft.types.setdefault(cue.value, _span(cue.start, cue.end, cue.rule))
    for cue in f.targets:
        if lo <= cue.start < hi and _near_trigger(f, cue.start):
            draft.targets.setdefault(cue.value, _span(cue.start, cue.end, cue.rule))


# a weapon in a sentence with no strike of its own belongs to an event this close, when
# the sentence says it was fired ("fired nine missiles from a HIMARS", "it was an S-300
# rocket"), not that it can be, was supplied or is compared
WEAPON_REACH_SENTENCES = 2
FIRED_WEAPON = re.compile(r"\b(?:fired|launched|used)\b[^.;:]{0,50}$|\b(?:it|this|that)\s+was\s+"
                          r"(?:probably\s+|likely\s+)?(?:an?\s+|the\s+)?$", re.I)
FIRED_AFTER = re.compile(r"[\w-]*\s+(?:[\w-]+\s+){0,2}?(?:was|were|had\s+been|have\s+been)\s+"
                         r"(?:fired|launched|used)\b", re.I)
NOT_THIS_STRIKE = re.compile(
    r"\b(?:can|could|would|will|may|might|range|supplied|supply|send|sent|deliver\w*|promised|"
    r"pledged|package|aid|capable|designed|previously|earlier\s+this\s+(?:year|month)|"
    r"last\s+(?:year|month))\b", re.I)
# a target word names what was hit when it sits this close to a trigger word
TARGET_REACH_WORDS = 10


def _near_trigger(f: Facts, pos: int) -> bool:
    """A target word names what was hit when a trigger is close and the word is its object
    (after it: "struck a school") or the subject of a passive ("a school was hit"); the
    words before the verb are the attacker ("Russian troops struck")."""
    near = [t for t in f.triggers if _words_between(f.sentence.text, f.sentence.start, pos,
                                                    t.start) <= TARGET_REACH_WORDS]
    if not near:
        return False
    rel = pos - f.sentence.start
    if NOT_HIT_BEFORE.search(f.sentence.text[max(0, rel - 60):rel]):
        return False
    if any(t.start < pos for t in near):
        return True
    after = f.sentence.text[rel:rel + 160]
    return bool(PASSIVE_NEAR.match(after))


# the subject of a passive, also the head of a list ("high-rise buildings, a transport
# company and several shops were struck")
PASSIVE_NEAR = re.compile(r"^[\w-]*(?:,?\s+(?!(?:said|says|adding|after|when|while|"
                          r"as|but)\b)[\w’'-]+){0,14}?\s+(?:was|were|has\s+been|had\s+been|"
                          r"have\s+been|is|are)\s+(?:\w+\s+)?(?:hit|struck|damaged|destroyed|"
                          r"targeted|shelled|attacked|bombed|set|left|engulfed|ablaze|blown\s+out|"
                          r"shattered|burned|burnt|gutted|flattened|razed|levelled|leveled|ruined)",
                          re.I)
# a place the strike was meant for, or landed well away from, is not what it hit ("bombs
# designed to hit military targets", "200 metres from the school"); "hit near the government
# quarter" is left to stand, as analysts code the quarter as the area struck
NOT_HIT_BEFORE = re.compile(
    r"\b(?:not\s+far\s+from|away\s+from|metres\s+from|"
    r"meters\s+from|(?:designed|intended|meant|supposed)\s+to\s+(?:hit|strike|destroy|target))"
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)


# places listed together ("the Dnipro and Sumy regions", "Kharkiv, Sumy and Poltava")
LIST_JOIN = re.compile(r"\s*(?:,|and|or|&|,\s*and|,\s*or|,?\s*as\s+well\s+as)\s*(?:the\s+)?"
                       r"(?:(?:city|town|village|region|cities|towns|villages)\s+of\s+)?$", re.I)
# "Kharkiv and Odesa was hit ...": a singular verb after the second place opens a clause
# of its own, so the two are not one list
OWN_CLAUSE_AFTER = re.compile(r"\s*(?:was|is|has|had)\b", re.I)
# where one place's part of a sentence ends and the next one's begins: a semicolon, a
# contrast or a new clause ("..., while Kyiv was hit", "; in Odesa", ", and in Sumy")
SITE_CLAUSE_BREAK = re.compile(
    r";|\s[\u2013\u2014-]\s|,?\s+(?:while|whereas|meanwhile|but)\b|,\s*(?:and|as|with)\s|"
    r"\s+and\s+(?:in|on|at|near|around|outside)\s", re.I)


def site_groups(f: Facts, sites: list[PlaceMention]) -> list[list[int]]:
    """Indexes of the sites, grouped by the lists they are named in."""
    text, base = f.sentence.text, f.sentence.start
    groups: list[list[int]] = []
    for i, site in enumerate(sites):
        if groups and sites[i - 1].end <= site.start and \
                LIST_JOIN.match(text, sites[i - 1].end - base, site.start - base) and \
                not OWN_CLAUSE_AFTER.match(text, site.end - base):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _stretch_end(f: Facts, a: PlaceMention, b: PlaceMention) -> int:
    """Where the part of the sentence about place ``a`` gives way to that about the next
    place ``b``: at the last clause break between them, else half way."""
    text, base = f.sentence.text, f.sentence.start
    lo, hi = a.end - base, b.start - base
    cut = None
    for m in SITE_CLAUSE_BREAK.finditer(text, lo, hi):
        if m.group(0).strip() in "-\u2013\u2014" and _ELABORATION.match(text, m.end()):
            continue            # "Donetsk region - in Bakhmut": a dash that only adds where
        cut = m.start()
    if cut is None:
        return (a.end + b.start) // 2
    return base + cut


def site_stretches(f: Facts, sites: list[PlaceMention]) -> list[tuple[int, int]]:
    """The part of the sentence each site owns: up to the clause break before the next
    site named apart (half way when there is none). Places listed together share their
    list's part: "missiles hit the Dnipro and Sumy regions" are missiles on both. With one
    site, the whole sentence."""
    s = f.sentence
    if len(sites) <= 1:
        return [(s.start, s.end)]
    groups = site_groups(f, sites)
    bounds: list[tuple[int, int]] = []
    for g, members in enumerate(groups):
        lo = s.start if g == 0 else bounds[-1][1]
        hi = s.end if g == len(groups) - 1 else \
            _stretch_end(f, sites[members[-1]], sites[groups[g + 1][0]])
        bounds.append((lo, max(lo, hi)))
    out: list[tuple[int, int]] = [(s.start, s.end)] * len(sites)
    for g, members in enumerate(groups):
        for i in members:
            out[i] = bounds[g]
    return out


# "part of a wider assault involving drones and cruise missiles": what follows is the wave's
PART_OF_WAVE = re.compile(
    r"\bpart\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:wider|broader|larger|bigger|"
    r"country-?wide|nationwide|massive|coordinated|overnight)\s+(?:[\w-]+\s+)?(?:assault|"
    r"attacks?|barrage|wave|campaign|offensive|bombardment|strikes?|onslaught)\b", re.I)
# "Russia launched 40 drones and cruise missiles overnight": a count of the munitions a side
# fired at the country, the wave's, not a weapon of the city the story is about
WAVE_LAUNCH = re.compile(
    r"\b(?:russia|russian\s+forces|moscow|the\s+(?:enemy|russians|kremlin)|ukraine|kyiv)"
    r"(?:'s|\u2019s)?\s+(?:[\w-]+\s+){0,2}?(?:launched|fired|sent|unleashed|used)\s+"
    r"(?:a\s+total\s+of\s+|more\s+than\s+|at\s+least\s+|over\s+|some\s+|about\s+|around\s+|"
    r"nearly\s+|almost\s+|up\s+to\s+|as\s+many\s+as\s+)?(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?|dozens\s+of)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:missiles|drones|rockets|shaheds|uavs)\b"
    r"(?!\s+(?:at|on|against|into|toward|towards)\s+(?:the\s+)?(?:city|town|village|it)\b)",
    re.I)
# what a weapon can do or will do is no strike: "the drones can loiter for hours", "drills
# predicted to include the test-firing of ballistic missiles"
# (not in a relative clause on the weapon that did hit: "with missiles that can fly for hours")
CAPABILITY = re.compile(r"(?<!\bthat\s)(?<!\bwhich\s)\b(?:can|could|will|would|(?-i:may)|might)\s+(?!have\b)(?:\w+\s+)?\w+|"
                        r"\brange\s+of\b|\bcapable\b|\bdesigned\s+to\b|\bpredicted\b", re.I)


def _before_the_wave(f: Facts, start: int, hi: int) -> int:
    """The end of the weapons and attack types of a stretch that begins at ``start``: where
    the sentence turns to the wide assault the strike was part of. (What the assault was
    "aimed at" stays the strike's target: the strike was part of it.)"""
    m = PART_OF_WAVE.search(f.sentence.text, max(0, start - f.sentence.start))
    return min(hi, f.sentence.start + m.start()) if m else hi


# --- the reading loop -----------------------------------------------------------------------

# "Elsewhere", "Meanwhile": a new story of the day's news, not the previous one's day
NEW_STORY = re.compile(r"^\W*(?:elsewhere|meanwhile|separately|in\s+other\s+news)\b", re.I)
# deaths that are not from a strike: atrocities, graves, illness, the front line
NOT_STRIKE_DEATH = re.compile(
    r"\b(?:mass\s+graves?|exhum\w+|burial|dna\s+samples|during\s+the\s+occupation|executed|"
    r"tortured|shot\s+dead|dehydration|starv\w+|died\s+of|natural\s+causes|heart\s+attack|"
    r"fighting\s+(?:for|alongside|with)\s+(?:the\s+)?(?:ukrainian|russian)|volunteer\w*|"
    r"mercenar\w+\s+(?:from|who)|prisoners?\s+of\s+war\s+(?:were\s+)?(?:exchanged|swapped)|"
    r"landmines?|mine\s+explosions?|unexploded|demining|booby[- ]trap\w*|hit\s+over\s+the\s+head|"
    r"beaten|stabbed|punched|knifed|destroyed\s+(?:russian\s+|ukrainian\s+|enemy\s+)?(?:tanks?|"
    r"vehicles?|armou?red|equipment|apcs?|helicopters?|artillery\s+pieces))\b",
    re.I)
# An attack sentence names what attacked or what it did, not only a verb ("struck a note")
ATTACK_CONTEXT = re.compile(
    r"\b(?:strikes?|attacks?|shell\w*|missiles?|rockets?|drones?|bomb\w*|explosions?|blasts?|"
    r"artillery|airstrikes?|raids?|barrage|bombardment|fire|fired|debris|munitions?|"
    r"projectiles?|mortars?|killed|killing|dead|died|wounded|injured|damaged|destroyed)\b"
    r"|\b(?:struck|hit|attacked|shelled|targeted|bombed|pounded)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:city|town|village|settlement|region|base|facility|depot|building|"
    r"plant|airfield|port|bridge|station|[A-Z]\w+)|\b(?:was|were|been)\s+(?:\w+\s+)?(?:struck"
    r"|hit|attacked|shelled|targeted|bombed)\b", re.I)
# a lead dated more than this many days before publication is not "the day's news"
LEAD_DATE_MAX_AGE = 1


def _date_for(f: Facts, anchor: int, ctx: ArticleContext,
              recent: Draft | None, first: bool = False) -> tuple[date | None, str, tuple | None,
                                                                  bool]:
    """(day, precision, evidence, read in this sentence?) for a strike the sentence reports:
    its own time expression, else the day of the story it continues, else (for the first
    report of a place) the day the statement was made, else the lead's day when the lead is
    the day's news, else the publication day at week precision."""
    own = best_date(f, anchor)
    if own is not None:
        return (own.date, own.precision,
                _span(own.start, own.end, f"date:{own.kind}:{own.rule}"), True)
    if recent is not None and not NEW_STORY.search(f.sentence.text):
        return recent.date, recent.precision, recent.date_span, False
    said = event_dates(f, speech=True) if first else []
    if said and said[0].precision == "day":
        d = said[0]
        return d.date, d.precision, _span(d.start, d.end, f"date:said:{d.kind}:{d.rule}"), True
    lead = ctx.lead_date
    if lead is not None and ctx.published is not None and lead.date is not None and \
            0 <= (ctx.published - lead.date).days <= LEAD_DATE_MAX_AGE and \
            not NEW_STORY.search(f.sentence.text):
        return (lead.date, lead.precision,
                _span(lead.start, lead.end, f"date:lead:{lead.kind}:{lead.rule}"), False)
    if ctx.published is not None:
        # CODEBOOK section 3: nothing said about when, the day's news: P, week precision
        return ctx.published, "week", None, False
    return None, "unknown", None, False


def _capital(f: Facts, gazetteer) -> PlaceMention | None:
    m = CAPITAL.search(f.sentence.text)
    if not m:
        return None
    name = "Moscow" if "russian" in m.group(0).lower() else "Kyiv"
    place = gazetteer.best(name, country="RU" if name == "Moscow" else "UA")
    if place is None:
        return None
    start = f.sentence.start + m.start()
    return PlaceMention(start, start + len(m.group(0)), m.group(0), place, "site", None)


# a sentence this long (folded) that the article already said is a repetition
REPEAT_MIN_CHARS = 40
_NOT_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    return _NOT_WORD.sub(" ", text).strip().lower()


class Reader:
    """Reads an article's sentences in order, keeping the event the story is about."""

    def __init__(self, facts: list[Facts], ctx: ArticleContext, gazetteer):
        self.facts, self.ctx, self.gazetteer = facts, ctx, gazetteer
        self.drafts: dict[tuple, Draft] = {}
        self.current: tuple[Draft, int] | None = None
        for f in facts:
            if any(m.war_total for m in f.casualties):
                # a total for the whole war ("9,000 soldiers killed in action") is no toll
                f.casualties = [m for m in f.casualties if not m.war_total]
                f.flags.add("not:war-total")
        self.kinds = [classify(f) for f in facts]
        self.attack_article = "attack" in self.kinds
        self.touched: dict[int, Draft] = {}     # sentence index -> the event it spoke of

    def recent(self, f: Facts) -> Draft | None:
        if self.current is None:
            return None
        draft, index = self.current
        if f.index - index > CONTINUATION_SENTENCES:
            return None
        return draft

    def draft(self, place: Place, geo: int, span, when, f: Facts, anchor: int) -> Draft:
        key = (place.country, place.admin1, place.name, when[0])
        side, name, side_span, from_cue = self.attacker(f, place, anchor)
        existing = self.drafts.get(key)
        if existing is not None:
            if from_cue and not existing.attacker_from_cue:
                existing.attacker, existing.attacker_name = side, name
                existing.attacker_span, existing.attacker_from_cue = side_span, True
            if when[3] and not existing.date_own:
                existing.precision, existing.date_span, existing.date_own = when[1], when[2], True
            existing.geo_precision = min(existing.geo_precision, geo)
            return existing
        draft = Draft(place, geo, span, when[0], when[1], when[2], side, name, side_span,
                      from_cue, date_own=when[3])
        self.drafts[key] = draft
        return draft

    def attacker(self, f: Facts, place: Place, anchor: int):
        """(side, name, evidence span, from a cue?) for an event at ``place``."""
        if f.attackers:
            cue, name = max(f.attackers, key=lambda c: _agency(f, c[0], anchor))
            # a side named only as what was hit ("a depot of the Ukrainian army") is no cue
            if _plausible_side(cue.value, place) and _agency(f, cue, anchor)[0] >= 0:
                return cue.value, name, _span(cue.start, cue.end, cue.rule), True
        previous = self.touched.get(f.index - 1)
        prev = self.facts[f.index - 1] if f.index > 0 else None
        # the sentence before names the side for this region: its own event is there, or it
        # names the region among those hit ("Belgorod and Kursk were under attack by ...")
        if previous is not None and previous.place.country == place.country and (
                previous.place.admin1 == place.admin1
                or any(p.place.admin1 == place.admin1 for p in prev.places)):
            if prev.attackers:
                cue, name = prev.attackers[-1]
                if _plausible_side(cue.value, place):
                    return cue.value, name, _span(cue.start, cue.end, cue.rule + ":context"), True
        # CODEBOOK section 2 practice: with no cue, the side the reporting attributes by
        # default: strikes in Ukraine are Russia's, strikes in Russia are Ukraine's
        prior = {"UA": ("RU", "Russian forces"), "RU": ("UA", "Ukrainian forces")}.get(
            place.country)
        if prior:
            return prior[0], prior[1], None, False
        return "unknown", None, None, False

    def read(self) -> list[Draft]:
        told = ""                   # the article so far, folded, to spot pull quotes
        for f, kind in zip(self.facts, self.kinds):
            if kind != "skip":
                folded = _fold(f.sentence.text)
                if len(folded) >= REPEAT_MIN_CHARS and folded in told:
                    # a pull quote or a repeated paragraph says nothing new; read again it
                    # would count its figures twice or tie them to another story's day
                    f.flags.add("not:repeat")
                    continue
                told += " " + folded
            if kind != "skip" and NOT_STRIKE_DEATH.search(f.sentence.text):
                f.flags.add("not:strike-death")
                recent = self.recent(f)
                if recent is not None and any(c.value == "other" for c, _ in f.attackers):
                    # its figures are no strike's, but "two volunteers shot at fellow troops
                    # before they were shot dead" still says who carried out the story's attack
                    self.name_side(recent, f)
                continue
            if kind == "casualty" and self.attack_article and f.sites() and \
                    "accident" not in f.flags and not NATIONWIDE.search(f.sentence.text) and \
                    self._dated_or_story(f):
                kind = "attack"     # "bodies were found at an industrial site in Dnipro"
            if kind == "attack":
                self.attack(f)
            elif kind == "casualty":
                self.casualty(f)
        self.neighbouring_weapons()
        return not_accidents(merge_within_article(list(self.drafts.values())), self.facts)

    def neighbouring_weapons(self) -> None:
        """A weapon named in a sentence that reports no strike of its own, next to the
        sentences of exactly one event and naming no other region, is that strike's weapon
        ("The official said Ukraine fired nine missiles from HIMARS launchers")."""
        for f, kind in zip(self.facts, self.kinds):
            if kind != "skip" or not f.weapons or f.flags:
                continue
            gaps = sorted((min(abs(i - f.index) for i in d.sentences), id(d), d)
                          for d in self.drafts.values() if d.sentences)
            gaps = [g for g in gaps if g[0] <= WEAPON_REACH_SENTENCES]
            if not gaps or (len(gaps) > 1 and gaps[1][0] == gaps[0][0]):
                continue
            draft = gaps[0][2]
            # a sentence about the whole country ("launched dozens of missiles and drones
            # against Ukraine") speaks of the wave, not of this strike
            if any((p.kind in ("settlement", "region") and p.role != "origin"
                    and p.place.admin1 != draft.place.admin1)
                   or (p.kind == "country" and p.role == "site") for p in f.places) \
                    or NOT_THIS_STRIKE.search(f.sentence.text):
                continue
            text, base = f.sentence.text, f.sentence.start
            for cue in f.weapons:
                if not (FIRED_WEAPON.search(text, max(0, cue.start - base - 60), cue.start - base)
                        or FIRED_AFTER.match(text, cue.end - base)):
                    continue
                draft.weapons.setdefault(cue.value, _span(cue.start, cue.end,
                                                          cue.rule + ":neighbour"))
                kind_of = C.WEAPON_ATTACK_TYPE.get(cue.value)
                if kind_of:
                    draft.types.setdefault(kind_of, _span(cue.start, cue.end,
                                                          cue.rule + ":neighbour"))

    def _days_news(self, draft: Draft) -> bool:
        p = self.ctx.published
        return draft.date is None or p is None or 0 <= (p - draft.date).days <= LEAD_DATE_MAX_AGE

    def _day_of_the_story(self, f: Facts) -> bool:
        own = event_dates(f)
        lead = self.ctx.lead_date
        return not own or (lead is not None and any(d.date == lead.date for d in own))

    def _dated_or_story(self, f: Facts) -> bool:
        """A figure with a place of its own is a strike report when it is of the story's day
        or names its own day ("On November 15, one civilian was killed in Bakhmut")."""
        return self._day_of_the_story(f) or any(d.precision == "day" for d in event_dates(f))

    def attack(self, f: Facts) -> None:
        recent = self.recent(f)
        text = f.sentence.text
        nationwide = bool(NATIONWIDE.search(text))
        if not ATTACK_CONTEXT.search(text) and not (f.weapons or f.types or f.casualties):
            f.flags.add("not:no-attack-words")
            return
        sites, how = f.sites(), "site"
        if not sites:
            cap = _capital(f, self.gazetteer)
            sites, how = ([cap] if cap else []), "capital"
        if not sites and not nationwide:
            sites, how = self.landmark(f), "the-landmark"
        if not sites and not nationwide:
            sites, how = self.mentioned(f), "mention"
        if not sites and not nationwide:
            sites, how = [p for p in f.places if p.role == "jurisdiction"
                          and p.kind in ("settlement", "region")
                          and (f.casualties or HARD_TRIGGER.search(text))][:1], "jurisdiction"
            if sites and self.update_known(f, sites[0]):
                return
        own_places = any(p.role in ("site", "near", "context", "district-of") for p in f.places)
        if not sites and recent is None and not nationwide and not own_places:
            sites, how = self.context_place(f), "context"
        if not sites and not nationwide and f.index <= 1 and not self.drafts:
            # the lead names no place: the city the report was filed from ("KREMENCHUK,
            # Ukraine - Rescue workers picked through the rubble of a shopping mall")
            sites, how = self.dateline(f), "dateline"
        if not sites and THE_CITY.search(text) and (
                recent is None or recent.place.kind != "settlement"):
            sites, how = self.main_settlement(f), "the-city"
        if not sites:
            if recent is None and not nationwide and self._day_of_the_story(f):
                recent = next(iter(self.drafts.values()), None)   # the lead event
            if recent is not None and not nationwide:
                if self._speaks_for_elsewhere(f, recent):
                    f.flags.add("not:another-region")
                    return
                self.continuation(f, recent)
            return
        sites = _distinct_sites(sites)
        if ACCUSATION.search(text) and not event_dates(f) and not any(
                d.place == s.place for d in self.drafts.values() for s in sites):
            # "Russia has accused Ukraine of attacking targets in Belgorod": an accusation
            # with no day, about a strike the article does not report, is a claim only
            f.flags.add("not:undated-accusation")
            return
        stretches = site_stretches(f, sites)
        figures = {} if nationwide and not any(s.kind == "settlement" for s in sites) \
            else assign_figures(f, sites)
        by_day = split_by_dates(f, figures.get(0, [])) if len(sites) == 1 else []
        if by_day:
            # "five were killed Monday ... and three died in separate strikes on Tuesday":
            # one event per day, each with its own figures
            site = sites[0]
            place, _ = self.settlement(site.place)
            for day, mentions in by_day:
                when = (day.date, day.precision,
                        _span(day.start, day.end, f"date:{day.kind}:{day.rule}"), True)
                draft = self.draft(place, site.geo_precision or 1,
                                   _span(site.start, site.end, f"place:{site.role}:{how}"),
                                   when, f, site.start)
                _update(draft, f, f.sentence.start, f.sentence.end, mentions)
                self.current = (draft, f.index)
                self.touched[f.index] = draft
            return
        for i, site in enumerate(sites):
            # the story's day carries to another place named next ("Airstrikes then hit the
            # Dnipro and Sumy regions") only when it is the day's news, not a backstory
            same = recent if recent is not None and (
                recent.place == site.place or (f.index - self.current[1] <= 2
                                               and self._days_news(recent))) else None
            # a first report may take the day of its statement, unless it only refers back to
            # a known strike ("arrested suspects in the attack on the Kerch Bridge")
            first = not any(d.place == site.place for d in self.drafts.values()) and \
                not BACK_REFERENCE.search(text[:max(0, site.start - f.sentence.start)])
            if same is None and not first:
                # a place the article already dated, named again with no day of its own,
                # is that strike told on ("One strike hit Kyiv's heating network" after
                # "drones attacked Kyiv yesterday"), not the day's news at week precision
                same = next((d for d in reversed(self.drafts.values())
                             if d.place == site.place and d.date_own), None)
            when = _date_for(f, site.start, self.ctx, same, first)
            rule = f"place:{site.role}:{site.hit.rule if site.hit else how}"
            place, sub = self.settlement(site.place)
            draft = self.draft(place, site.geo_precision or 1,
                               _span(site.start, site.end, rule), when, f, site.start)
            if sub and draft.sublocation is None:
                draft.sublocation = (site.start, site.end, sub)
            if site.district:
                draft.named_region = True   # a raion's own report, not the city's
            lo, hi = stretches[i]
            _update(draft, f, lo, hi, figures.get(i, []),
                    arms_end=_before_the_wave(f, site.start, hi))
            district = next((p for p in f.places if p.role == "district-of"
                             and p.start > site.start), None)
            if district is not None and draft.sublocation is None:
                draft.sublocation = (district.start, district.end, district.place.name)
            self.current = (draft, f.index)
            self.touched[f.index] = draft

    def _speaks_for_elsewhere(self, f: Facts, draft: Draft) -> bool:
        """"Zaporizhzhia's governor wrote: the night was full of shelling" after a strike on
        Belgorod: an official of another region speaks of his own region, not of the story's
        event."""
        return any(p.role == "jurisdiction" and p.kind in ("settlement", "region")
                   and (p.place.country, p.place.admin1) != (draft.place.country,
                                                             draft.place.admin1)
                   # "the Sevastopol region" may resolve to another admin1 than the city
                   and draft.place.name.lower() not in p.text.lower()
                   for p in f.places)

    def mentioned(self, f: Facts) -> list[PlaceMention]:
        """With no place named as a site, a single settlement merely mentioned near the
        attack words ("the Krupets checkpoint ... was fired on")."""
        cues = f.attack_cues()
        if not (f.casualties or HARD_TRIGGER.search(f.sentence.text)):
            return []
        found = [p for p in f.places if p.role == "mention" and p.kind == "settlement"
                 and cues and min(_words_between(f.sentence.text, f.sentence.start, p.start, c)
                                  for c in cues) <= SITE_REACH_WORDS]
        return found if len(found) == 1 else []

    def landmark(self, f: Facts) -> list[PlaceMention]:
        """"Saturday's explosion on the bridge": the bridge the article names ("the Kerch
        Bridge"), when it names exactly one of that kind."""
        m = THE_LANDMARK.search(f.sentence.text)
        if not m:
            return []
        kind = m.group("kind").lower().split()[-1]
        named = {p.place: p for other in self.facts for p in other.places
                 if p.kind == "landmark" and p.place.feature == LANDMARK_FEATURE.get(kind, kind)}
        if len(named) != 1:
            return []
        place, p = next(iter(named.items()))
        start = f.sentence.start + m.start()
        return [PlaceMention(start, start + len(m.group(0)), m.group(0), place, "site", p.hit)]

    def dateline(self, f: Facts) -> list[PlaceMention]:
        for p in self.facts[0].places if self.facts else []:
            if p.role == "dateline" and p.kind == "settlement":
                start = f.sentence.start
                return [PlaceMention(start, start, p.text, p.place, "site", p.hit)]
        return []

    def main_settlement(self, f: Facts) -> list[PlaceMention]:
        """The settlement the article names most often (at least twice), for "the city"."""
        counts: dict = {}
        first: dict = {}
        last_seen: dict = {}
        for other in self.facts:
            for p in other.places:
                named = p.hit.place if p.hit is not None else p.place
                if named is not None and named.kind == "settlement" and not named.part_of \
                        and p.role not in ("actor", "name", "origin"):
                    counts[named] = counts.get(named, 0) + 1
                    first.setdefault(named, p)
                    if other.index <= f.index:
                        last_seen[named] = other.index
        if not counts:
            return []
        # the most named settlement; on a tie, the one named last before this sentence
        place, n = max(counts.items(), key=lambda kv: (kv[1], last_seen.get(kv[0], -1)))
        if n < 2:
            return []
        p = first[place]
        m = THE_CITY.search(f.sentence.text)
        start = f.sentence.start + m.start()
        return [PlaceMention(start, start + len(m.group(0)), m.group(0), place, "site", p.hit)]

    def context_place(self, f: Facts) -> list[PlaceMention]:
        """The place the previous sentence named, when it set the scene for this one ("The
        death toll in Kyiv continues to climb. At least five people were killed Monday")."""
        sides = {c.value for c, _ in f.attackers}
        for prev in reversed(self.facts[max(0, f.index - CONTEXT_SENTENCES):f.index]):
            if not (prev.casualties or ATTACK_CONTEXT.search(prev.sentence.text)
                    or re.search(r"\btoll\b", prev.sentence.text, re.I)):
                continue
            places = [p for p in prev.places if p.role in ("site", "near")
                      and p.kind in ("settlement", "region")
                      and all(_plausible_side(side, p.place) for side in sides)]
            if places:
                return places[-1:] if len({p.place for p in places}) == 1 else []
        return []

    def update_known(self, f: Facts, site: PlaceMention) -> bool:
        """A speaker's jurisdiction ("Vinnytsia governor said the toll rose to 25") speaks of
        an event of that place already read: update it rather than make a new one."""
        known = [d for d in self.drafts.values()
                 if d.place == site.place or (site.kind == "region"
                                              and d.place.admin1 == site.place.admin1)]
        if not known:
            return False
        draft = known[-1]
        _update(draft, f, f.sentence.start, f.sentence.end, f.casualties)
        self.current = (draft, f.index)
        return True

    def settlement(self, place: Place) -> tuple[Place, str | None]:
        """A city district stands for its city, with the district as the sublocation; a
        district of a city the article never names ("the Desnyansky district" in a story about
        Kyiv) is read as a district of the city the article is about."""
        if place.part_of:
            if place.kind == "settlement" and not self.mentions_name(place.part_of):
                main = self.main_place()
                if main is not None:
                    return main, place.name
            city = self.gazetteer.best(place.part_of, admin1=place.admin1,
                                       country=place.country)
            if city is not None:
                return city, place.name
        return place, None

    def mentions_name(self, name: str) -> bool:
        return any(p.place.name == name for f in self.facts for p in f.places)

    def main_place(self) -> Place | None:
        counts: dict = {}
        for f in self.facts:
            for p in f.places:
                if p.kind == "settlement" and p.role not in ("reference", "origin", "actor") \
                        and not p.place.part_of:
                    counts[p.place] = counts.get(p.place, 0) + 1
        if not counts:
            return None
        place, n = max(counts.items(), key=lambda kv: kv[1])
        return place if sum(1 for v in counts.values() if v == n) == 1 else None

    def continuation(self, f: Facts, recent: Draft) -> None:
        """An attack sentence naming no place continues the story's event; with a day of its
        own that differs, it is an earlier strike on the same place ("On 2 March, a Russian
        drone struck a building in the area")."""
        text = f.sentence.text
        if not f.casualties and WAVE_LAUNCH.search(text):
            f.flags.add("not:wave-sentence")    # the wave's munitions, not this strike's
            return
        # what a weapon can or will do is not what hit the place (CODEBOOK section 5: a
        # weapon seen only in a threat is no event's weapon); the rest of the sentence may
        # still tell of the strike, so only its weapons and attack types are left out
        capability = not f.casualties and not HARD_TRIGGER.search(text) and bool(
            CAPABILITY.search(text) or f.flags & {"speculation", "future"})
        if capability:
            f.flags.add("not:capability-weapons")
        own = best_date(f, f.sentence.start)
        draft = recent
        if own is not None and own.date != recent.date and not (
                f.casualties or HARD_TRIGGER.search(f.sentence.text)
                or PAST_IMPACT.search(f.sentence.text) or _day_of_attack_noun(f, own)):
            # another day with no impact said ("On Friday, Putin said there was no need for
            # more strikes"): talk about strikes, not a strike of its own
            f.flags.add("not:undated-talk")
            return
        known = [d for d in self.drafts.values() if own is not None and d.date == own.date
                 and d.date_own and own.precision == "day"]
        if own is not None and own.date != recent.date and known:
            # "the ministry has not commented on Thursday's strike": the strike of that day
            # the article already told, not another strike on the story's place
            draft = known[-1]
        elif own is not None and own.date != recent.date:
            when = (own.date, own.precision,
                    _span(own.start, own.end, f"date:{own.kind}:{own.rule}"), True)
            draft = self.draft(recent.place, recent.geo_precision, recent.place_span, when, f,
                               f.sentence.start)
        self.name_side(draft, f)
        _update(draft, f, f.sentence.start, f.sentence.end, f.casualties, direct=False,
                arms_end=f.sentence.start if capability else
                _before_the_wave(f, f.sentence.start, f.sentence.end))
        self.current = (draft, f.index)
        self.touched[f.index] = draft

    def name_side(self, draft: Draft, f: Facts) -> None:
        """"The ministry said two soldiers fired at fellow troops": the story's event told on,
        naming a third party as the one who did it where its first sentence did not."""
        if not f.attackers or draft.attacker_from_cue:
            return
        cue, name = max(f.attackers, key=lambda c: _agency(f, c[0], f.sentence.start))
        # only a third party: a sentence that names Russia's or Ukraine's forces without a
        # place ("Ukrainian forces have targeted bridges") is as often another strike told in
        # passing, and the country's default side already stands for this one
        if cue.value == "other" and _agency(f, cue, f.sentence.start)[0] >= 0:
            draft.attacker, draft.attacker_name = cue.value, name
            draft.attacker_span = _span(cue.start, cue.end, cue.rule)
            draft.attacker_from_cue = True

    def casualty(self, f: Facts) -> None:
        if NATIONWIDE.search(f.sentence.text):
            return
        recent = self.recent(f)
        if recent is None:
            # a figure with no place far from any event: the article's lead event
            lead = next(iter(self.drafts.values()), None)
            if lead is None or f.sites() or not self._day_of_the_story(f):
                return
            recent = lead
        sites = f.sites()
        if sites and all(s.place != recent.place for s in sites):
            return
        if not sites and self._speaks_for_elsewhere(f, recent):
            # "two were wounded, the Kharkiv governor said" after a strike on Sumy
            f.flags.add("not:another-region")
            return
        days = [d for d in event_dates(f) if d.precision == "day"]
        if days and recent.date is not None and all(
                abs((d.date - recent.date).days) > 7 for d in days):
            # "on March 25, it said 1,351 soldiers had been killed": a figure of another
            # time, not a toll of the strike the story is about
            f.flags.add("not:other-day-figure")
            return
        if IN_THE_REGION.search(f.sentence.text) and recent.place.kind != "region":
            # "Seven more people in the region were injured": the region's own event
            region = self.gazetteer.region(recent.place.admin1 or "")
            if region is not None:
                m = IN_THE_REGION.search(f.sentence.text)
                start = f.sentence.start + m.start()
                when = (recent.date, recent.precision, recent.date_span, recent.date_own)
                recent = self.draft(region.as_place(), 3, _span(start, start + len(m.group(0)),
                                                                "place:the-region"),
                                    when, f, start)
                recent.named_region = True
        add_figures(recent, f.casualties, f.index, direct=False)
        recent.sentences.append(f.index)
        # the toll is part of the story: the next sentences still continue it
        self.current = (recent, f.index)


DAY_THEN_NOUN = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:strikes?|attacks?|explosions?|blasts?|"
                           r"bombings?|shelling|raids?)\b", re.I)
NOUN_THEN_DAY = re.compile(r"\b(?:strikes?|attacks?|explosions?|blasts?|bombings?|shelling|"
                           r"raids?)\s+(?:on|of|early|late|last)?\s*$", re.I)


def _day_of_attack_noun(f: Facts, day: DateMention) -> bool:
    """"Saturday's explosion", "the strike on Monday": a day that dates an attack noun."""
    text, base = f.sentence.text, f.sentence.start
    return bool(DAY_THEN_NOUN.match(text, day.end - base)
                or NOUN_THEN_DAY.search(text[max(0, day.start - base - 30):day.start - base]))


def split_by_dates(f: Facts, mentions: list[CasualtyMention]
                   ) -> list[tuple[DateMention, list[CasualtyMention]]]:
    """Figures of one sentence grouped by the nearest day named, when the sentence names
    two or more days and each has a figure of its own; else nothing."""
    days = best_dates(f)
    if len({d.date for d in days}) < 2 or len(mentions) < 2:
        return []
    groups: dict[date, tuple[DateMention, list[CasualtyMention]]] = {}
    for m in mentions:
        day = min(days, key=lambda d: abs(d.start - m.start))
        groups.setdefault(day.date, (day, []))[1].append(m)
    return list(groups.values()) if len(groups) >= 2 else []


def merge_within_article(drafts: list[Draft]) -> list[Draft]:
    """One article's mentions of one strike, read apart, become one event."""
    drafts = merge_undated(drafts)
    drafts = merge_coarse_dates(drafts)
    return merge_region_into_settlement(drafts)


def merge_coarse_dates(drafts: list[Draft]) -> list[Draft]:
    """"Earlier this week, Ukraine struck X" and "the strike on Monday evening" on X: a
    week- or month-precise date that covers another event's day at the same place is that
    event."""
    out: list[Draft] = []
    for d in drafts:
        if d.precision in ("week", "month") and d.date is not None:
            target = next((t for t in drafts if t is not d and t.precision == "day" and t.date
                           and t.place == d.place and _covers(d, t.date)), None)
            if target is not None:
                absorb(target, d)
                continue
        out.append(d)
    return out


def _covers(d: Draft, day: date) -> bool:
    if d.precision == "week":
        return 0 <= (d.date - day).days <= 7
    return (d.date.year, d.date.month) == (day.year, day.month)


def merge_region_into_settlement(drafts: list[Draft]) -> list[Draft]:
    """A region named as hit on a day when the article names exactly one settlement of that
    region hit is that settlement's strike (CODEBOOK section 1: the region stands in only
    where no settlement is named)."""
    out: list[Draft] = []
    for d in drafts:
        if d.place.kind == "region" and not d.named_region:
            homes = [t for t in drafts if t.place.kind == "settlement" and t.place.admin1 ==
                     d.place.admin1 and t.date == d.date and t.place.country == d.place.country]
            if len(homes) == 1:
                absorb(homes[0], d)
                continue
        out.append(d)
    return out


def merge_undated(drafts: list[Draft]) -> list[Draft]:
    """An article's mention of a place with no day of its own is the strike on that place
    the article dates elsewhere (the nearest dated one), not another event."""
    dated: dict[tuple, list[Draft]] = {}
    for d in drafts:
        if d.date_own:
            dated.setdefault((d.place.country, d.place.admin1, d.place.name), []).append(d)
    out: list[Draft] = []
    first_inferred: dict[tuple, Draft] = {}
    for d in drafts:
        key = (d.place.country, d.place.admin1, d.place.name)
        targets = dated.get(key, [])
        if d.date_own:
            out.append(d)
            continue
        if not targets:
            # several undated mentions of one place: one event, dated as the first one
            if key in first_inferred:
                absorb(first_inferred[key], d)
            else:
                first_inferred[key] = d
                out.append(d)
            continue
        target = min(targets, key=lambda t: (abs((t.date - d.date).days)
                                             if t.date and d.date else 99))
        absorb(target, d)
    return out


def absorb(target: Draft, other: Draft) -> None:
    for name in ("types", "weapons", "targets"):
        for k, v in getattr(other, name).items():
            getattr(target, name).setdefault(k, v)
    for kind, figures in other.figures.items():
        target.figures.setdefault(kind, []).extend(figures)
    target.sentences = sorted(set(target.sentences) | set(other.sentences))
    target.double_tap = target.double_tap or other.double_tap
    target.sublocation = target.sublocation or other.sublocation
    target.launched = target.launched or other.launched
    target.intercepted = target.intercepted or other.intercepted
    if other.attacker_from_cue and not target.attacker_from_cue:
        target.attacker, target.attacker_name = other.attacker, other.attacker_name
        target.attacker_span, target.attacker_from_cue = other.attacker_span, True


# what an attack on a place says that an own aircraft falling on it does not
STRUCK = re.compile(r"\b(?:shot\s+down|struck\s+by|missiles?|drones?|shell(?:s|ed|ing)|rockets?|"
                    r"artillery|strikes?|airstrikes?|attack(?:s|ed)?\s+(?:by|on)|sabotage"
                    r"|(?:an?|the)\s+(?:\w+\s+)?attack)\b", re.I)


def not_accidents(drafts: list[Draft], facts: list[Facts]) -> list[Draft]:
    """A place where the article tells of an accident ("the Su-34 crashed into a block of
    flats in Yeysk during a training flight", "a blast caused by careless handling") is no
    attack there: its other sentences ("the bomber which destroyed an apartment block in
    Yeysk") are the same crash, unless they say something struck it (CODEBOOK section 1)."""
    # "blamed the blasts on an accidental detonation, but it appeared to be a Ukrainian
    # attack": the report itself settles it as an attack
    sites = {p.place for f in facts
             if (C.ACCIDENT.search(f.sentence.text) or AIRCRAFT_MISHAP.search(f.sentence.text))
             and not STRUCK.search(f.sentence.text)
             for p in f.places if p.role in ("site", "near", "mention", "reference")}
    if not sites:
        return drafts
    return [d for d in drafts if d.place not in sites or d.weapons or any(
        STRUCK.search(facts[i].sentence.text) for i in d.sentences)]


def read_events(facts: list[Facts], ctx: ArticleContext, gazetteer) -> list[Draft]:
    return Reader(facts, ctx, gazetteer).read()


# the side that did the attacking is named as the subject of the attack ("Russian forces
# fired", "a Russian strike") or after "by"; a side named as what was hit ("positions of the
# Ukrainian Army", "to hit Ukrainian forces") is the target
AGENT_AFTER = re.compile(r"^\W*(?:\w+\s+){0,4}?(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:carried\s+"
                         r"out|fired|launched|struck|shelled|attacked|hit|bombed|targeted|used|"
                         r"dropped|sent|pounded|unleashed|ordered)\b", re.I)
TARGET_BEFORE = re.compile(r"\b(?:of|on|against|at|hit|hitting|struck|targeted|targeting|"
                           r"destroyed|positions\s+of)\s+(?:the\s+)?$", re.I)
AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# "according to the Russian military, ... an attack on a penal colony": the side that speaks,
# not the side that struck
SPEAKER_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)


def _agency(f: Facts, cue: C.Cue, anchor: int) -> tuple:
    text, base = f.sentence.text, f.sentence.start
    before = text[max(0, cue.start - base - 30):cue.start - base]
    after = text[cue.end - base:cue.end - base + 60]
    agent = 0
    if AGENT_BEFORE.search(before) or AGENT_AFTER.match(after):
        agent = 2
    elif TARGET_BEFORE.search(before) or SPEAKER_BEFORE.search(before) or \
            re.match(r"^(?:'s|’s)", after):
        agent = -1
    return (agent, -abs(cue.start - anchor))


def _plausible_side(side: str, place: Place) -> bool:
    # a cue naming Russia's side does not carry over to a strike inside Russia
    return not (side == "RU" and place.country == "RU")


def _distinct_sites(sites: list[PlaceMention]) -> list[PlaceMention]:
    """One mention per place; a region whose settlement is also named is dropped."""
    out: list[PlaceMention] = []
    for s in sites:
        if any(o.place == s.place for o in out):
            continue
        out.append(s)
    settled = {o.place.admin1 for o in out if o.kind == "settlement"}
    return [o for o in out if not (o.kind == "region" and o.place.admin1 in settled)]


def _update(draft: Draft, f: Facts, lo: int, hi: int, figures: list[CasualtyMention],
            direct: bool = True, arms_end: int | None = None) -> None:
    add_cues(draft, f, lo, hi, arms_end)
    add_figures(draft, figures, f.index, direct)
    if f.index not in draft.sentences:
        draft.sentences.append(f.index)
    if draft.trigger_span is None and f.trigger is not None:
        draft.trigger_span = _span(f.trigger.start, f.trigger.end, "trigger")
    m = DOUBLE_TAP.search(f.sentence.text)
    if m and draft.double_tap is None:
        draft.double_tap = _span(f.sentence.start + m.start(), f.sentence.start + m.end(),
                                 "double_tap")
