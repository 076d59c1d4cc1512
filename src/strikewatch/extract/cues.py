"""Finding the lexicon's cues in a sentence, with offsets for evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    value: str
    rule: str


_WEAPONS = [(re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])", re.I), name, kind)
            for name, kind, pattern in lx.WEAPONS]
_WEAPON_PRECHECK = re.compile(
    r"iskand|iksand|kinzh|kh-?\d|x-?\d|kalib|3m|s-?[34]00|oreshnik|tochka|onyx|oniks|p-?800|yakh"
    r"|zirc|tsirk|atacms|storm|scalp|neptun|r-?360|shahed|geran|iranian|kamikaze|suicide|lancet"
    r"|bayrak|kab|guided|glide|umpk|fab|himars|grad|bm-?[23]\d|smerch|uragan|tornado|tos-|2s1|gvozd"
    r"|777|buk"
    r"|self-"
    r"|tor-|pantsir|9k7", re.I)
_ATTACK_TYPES = lx.compile_table(lx.ATTACK_TYPE_WORDS)
_TARGETS = lx.compile_table(lx.TARGET_WORDS)
_ATTRIBUTION = lx.compile_table(lx.ATTRIBUTION_CUES)
_ATTACKERS = [(lx.compile_any(p), side, name) for p, side, name in lx.ATTACKER_CUES]

TRIGGER = lx.compile_any(lx.ATTACK_TRIGGERS)
THREAT = lx.compile_any(lx.THREAT)
SPECULATION = lx.compile_any(lx.SPECULATION)
GROUND_FIGHTING = lx.compile_any(lx.GROUND_FIGHTING)
INTERCEPTION = lx.compile_any(lx.INTERCEPTION)
ACCIDENT = lx.compile_any(lx.ACCIDENT)
AGGREGATE = lx.compile_any(lx.AGGREGATE)
NEGATION = lx.compile_any(lx.NEGATION)


_NOT_THIS_WEAPON = re.compile(r"(?:" + lx.NOT_THIS_WEAPON + r")", re.I)


def weapons(text: str) -> list[Cue]:
    if not _WEAPON_PRECHECK.search(text):
        return []
    found = []
    for pattern, name, _kind in _WEAPONS:
        for m in pattern.finditer(text):
            if _NOT_THIS_WEAPON.search(text, max(0, m.start() - 60), m.start()):
                continue
            found.append(Cue(m.start(), m.end(), name, f"weapon:{name}"))
    return sorted(found, key=lambda c: c.start)


WEAPON_ATTACK_TYPE = {name: kind for name, kind, _ in lx.WEAPONS}


def _table_cues(table: list[tuple], text: str, kind: str) -> list[Cue]:
    found = [Cue(m.start(), m.end(), value, f"{kind}:{value}")
             for pattern, value in table for m in pattern.finditer(text)]
    return sorted(found, key=lambda c: c.start)


def attack_types(text: str) -> list[Cue]:
    return _table_cues(_ATTACK_TYPES, text, "attack_type")


def targets(text: str) -> list[Cue]:
    return _table_cues(_TARGETS, text, "target")


def attackers(text: str) -> list[tuple[Cue, str]]:
    """(cue, attacker_name) pairs; the cue's value is the side."""
    found = []
    for pattern, side, name in _ATTACKERS:
        for m in pattern.finditer(text):
            found.append((Cue(m.start(), m.end(), side, f"attacker:{side}"), name))
    return sorted(found, key=lambda c: c[0].start)


def attributions(text: str) -> list[Cue]:
    return _table_cues(_ATTRIBUTION, text, "attribution")


def first(pattern: re.Pattern[str], text: str) -> Cue | None:
    m = pattern.search(text)
    return Cue(m.start(), m.end(), m.group(0), pattern.pattern[:30]) if m else None


def all_matches(pattern: re.Pattern[str], text: str) -> list[Cue]:
    return [Cue(m.start(), m.end(), m.group(0), "trigger") for m in pattern.finditer(text)]
