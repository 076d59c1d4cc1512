"""Claims: who said what about an event (CODEBOOK section 6).

A claim is a reported statement ("X said ...", "according to X", "X wrote on Telegram")
with a speaker, the speaker's role where the text gives one, the side the speaker speaks
for, and a kind. Conflicting claims stay side by side: nothing here decides who is right.
"""

from __future__ import annotations

import re

from ..model import Claim, Document, Span
from .events import Draft, Facts
from .sentences import Sentence

SPEECH = (r"said|says|told|wrote|claimed|claims|added|stated|announced|reported|denied|denies"
          r"|accused|accuses|warned|described|called|insisted|confirmed|posted|noted|blamed"
          r"|condemned|tweeted")
NAME = r"(?:[A-Z][\w'’.-]+(?:\s+(?:de|van|von|al|bin)\s+)?(?:\s+[A-Z][\w'’.-]+){0,3})"
ORG = (r"(?:[Tt]he\s+)?(?:(?:Russian|Ukrainian|Ukraine's|Russia's|Ukraine’s|Russia’s|Kremlin|"
       r"Belarusian|Polish|[A-Z][a-z]+(?:'s|’s)?)\s+)?(?i:(?:regional\s+|city\s+|state\s+)?"
       r"(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|general\s+staff(?:\s+of\s+the\s+"
       r"[\w\s]+?)?|air\s+force|foreign\s+ministry|interior\s+ministry|emergency\s+services?|"
       r"prosecutor(?:'s|’s)?\s+office|(?:regional\s+)?(?:military\s+)?administration|"
       r"military|army|police|governor|mayor|officials?|authorities|ministry|kremlin|"
       r"president(?:'s|’s)?\s+office))")
_SPEAKER_BEFORE = re.compile(rf"(?P<who>{ORG}|{NAME})(?:,\s*(?P<role>[^,]{{3,90}}),)?\s+"
                             rf"(?:has\s+|had\s+|have\s+)?(?:(?:also|already|repeatedly|"
                             rf"previously|later|earlier|now|again)\s+)?(?P<verb>{SPEECH})\b")
_SPEAKER_AFTER = re.compile(rf"(?:\b(?:said|says|according\s+to|wrote|added|told)\s+)"
                            rf"(?P<who>{ORG}|{NAME})(?:,\s*(?P<role>[^,.]{{3,90}}))?")

UA_WORDS = re.compile(r"\b(?:ukrain\w*|zelensk\w*|kyiv|yermak|kuleba|klitschko|shmyhal|"
                      r"tymoshenko|general\s+staff|air\s+force|ukrenergo|naftogaz|podolyak|"
                      r"podolyak|ihnat|terekhov|syniehubov|kiper|lunin|vilkul|kim|fedorov|"
                      r"prokudin|arestovych|monastyrskyi|kostin|budanov|reznichenko)\b", re.I)
RU_WORDS = re.compile(r"\b(?:russia\w*|putin|kremlin|peskov|lavrov|zakharova|shoigu|belousov|"
                      r"konashenkov|gladkov|tass|ria|moscow|medvedev|pushilin|saldo|balitsky|"
                      r"leontyev|kondratyev|russian-installed|pro-russian|pro-kremlin|"
                      r"minnikhanov|sobyanin|starovoit|smirnov\s+of\s+kursk)\b", re.I)
KIND_CUES: tuple[tuple[str, str], ...] = (
    ("denial", r"\bden(?:y|ied|ies|ial)\b|\bfak(?:e|ed|ing)\b|\bstaged\b|\bfalse\s+flag|"
               r"\bprovocation\b|\bnot\s+true\b"),
    ("casualties", r"\b(?:killed|dead|died|injured|wounded|hurt|casualt\w+|victims|toll|"
                   r"hospitali[sz]ed|bodies)\b"),
    ("attribution", r"\b(?:accus\w+|blam\w+|responsib\w+|carried\s+out\s+by|behind\s+the)\b"),
    ("condemnation", r"\b(?:crime|terror\w*|atrocit\w+|barbar\w+|heinous|cynical|condemn\w*|"
                     r"vile|inhuman\w*|evil|murder\w*|genocide|war\s+crime|outrage\w*)\b"),
    ("military", r"\b(?:precision|military\s+(?:targets?|facilit\w+|infrastructure)|"
                 r"command|targets?\s+(?:were|was)\s+hit|destroyed|eliminated|neutrali[sz]ed|"
                 r"air\s+defen[cs]e|shot\s+down|intercepted|launched)\b"),
)
_KINDS = [(k, re.compile(p, re.I)) for k, p in KIND_CUES]
NOT_SPEAKERS = frozenset({"It", "He", "She", "They", "We", "This", "That", "There", "The",
                          "But", "And", "A", "An", "In", "On", "At", "As", "I", "You", "No-one",
                          "Nobody", "Footage", "Video", "Videos", "Images", "Photos", "Reports",
                          "Media", "Kyiv", "Moscow", "Tatarstan", "Elsewhere", "Meanwhile",
                          "However", "Later", "Earlier", "Today", "Yesterday", "Officials"})
# a title before a name is the speaker's role ("Mayor Vitali Klitschko", "Mr Kiper")
TITLE = re.compile(r"^(?:(?P<title>Mr|Mrs|Ms|Dr|President|Prime\s+Minister|Mayor|Governor|Gov|"
                   r"General|Gen|Minister|Colonel|Col|Lieutenant-Colonel|Lt|Major|Deputy|"
                   r"Spokesman|Spokeswoman|Senator|Sen|Chancellor|Foreign\s+Minister|Defence"
                   r"\s+Minister|Defense\s+Minister)\.?\s+)(?P<name>[A-Z].*)$")


# neither side: international bodies and third countries speak as "other"
OTHER_WORDS = re.compile(r"\b(?:u\.?n\.?|united\s+nations|nato|iaea|osce|eu|european|red\s+cross|icrc|"
                         r"amnesty|human\s+rights\s+watch|guterres|stoltenberg|grossi|white\s+house|"
                         r"pentagon|biden|polish|poland|duda|britain|british|german|french|turkish"
                         r"|erdogan|un\s+human\s+rights)\b", re.I)


LOCAL_OFFICIAL = re.compile(r"\b(?:governor|mayor|officials?|authorities|police|investigators|"
                            r"prosecutors?|emergency\s+services?|administration|head|council|"
                            r"rescuers|firefighters|spokes(?:man|woman|person))\b", re.I)


def side_of(speaker: str, role: str | None, context: str) -> str:
    text = f"{speaker} {role or ''}"
    if OTHER_WORDS.search(text) and not (UA_WORDS.search(text) or RU_WORDS.search(text)):
        return "other"
    ua, ru = bool(UA_WORDS.search(text)), bool(RU_WORDS.search(text))
    if ua and not ru:
        return "UA"
    if ru and not ua:
        return "RU"
    if ua and ru:
        # "Russia's defence ministry" vs "Ukraine's ..." : the possessive owner decides
        m = re.search(r"\b(russia|ukraine)(?:'s|’s)\b", text, re.I)
        if m:
            return "RU" if m.group(1).lower() == "russia" else "UA"
    return "unknown"


def kind_of(text: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "other"


def find_claims(document: Document, facts: list[Facts], sentences: list[Sentence],
                drafts: list[Draft]) -> list[Claim]:
    out: list[Claim] = []
    near_events = {i for d in drafts for s in d.sentences for i in range(s - 2, s + 3)}
    for f in facts:
        s = f.sentence
        # a claim is about an event: only statements near one, or about a strike, are read
        if f.index not in near_events and not f.triggers:
            continue
        m = _SPEAKER_BEFORE.search(s.text) or _SPEAKER_AFTER.search(s.text)
        if not m:
            continue
        who = m.group("who").strip()
        first = who.split()[0] if who.split() else ""
        if (first in NOT_SPEAKERS and len(who.split()) == 1) or who in NOT_SPEAKERS:
            continue
        role = (m.groupdict().get("role") or "").strip() or None
        titled = TITLE.match(who)
        if titled:
            who, role = titled.group("name"), role or titled.group("title")
        side = side_of(who, role, s.text)
        raw = document.offsets.span_to_raw(s.start, s.end)
        event_index = _event_for(f.index, drafts)
        if side == "unknown" and event_index is not None and LOCAL_OFFICIAL.search(
                f"{who} {role or ''}"):
            # "the regional governor", "officials", "investigators": the authorities of the
            # place that was hit speak for the side it belongs to
            country = drafts[event_index].place.country
            side = country if country in ("UA", "RU") else side
        out.append(Claim(speaker=who, role=role, side=side, kind=kind_of(s.text), text=s.text,
                         span=Span(document.id, s.start, s.end, raw[0], raw[1], s.text, "claim"),
                         article_id=document.id, event_index=event_index))
    return out


def _event_for(sentence: int, drafts: list[Draft]) -> int | None:
    best, best_gap = None, 3
    for i, d in enumerate(drafts):
        for s in d.sentences:
            gap = abs(s - sentence)
            if gap < best_gap:
                best, best_gap = i, gap
    return best
