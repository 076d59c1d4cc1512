"""Which name of a place is its canonical English name, and which spellings point to it.

Rules (CODEBOOK section 2 and appendix):
- Ukraine: the Ukrainian Cyrillic name romanised with KMU 2010. GeoNames' ``name`` for Ukrainian
  places is a mix of Ukrainian-based (Kremenchuk) and Russian-based (Olenevka, Privetnoye) forms,
  so the Ukrainian form is found among the Cyrillic alternate names: first the one whose
  Ukrainian romanisation *is* the GeoNames name, else the Ukrainian-lettered one (і ї є ґ) that
  reads most like it, else the GeoNames name as it stands.
- Russia, Belarus, Kazakhstan: the GeoNames name the way English news writes it: no soft-sign
  apostrophes (Kazan, not Kazan'), ё as "yo" (Tyotkino, Oryol), -iy/-yy shortened to -y
  (Nizhny Novgorod, Stary Oskol).
- Elsewhere: the GeoNames name (Przewodów, Warsaw).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from .folding import fold
from .translit import (could_be_russian, could_be_ukrainian, is_cyrillic, looks_ukrainian,
                       ru_variants, transliterate_uk, uk_variants)

# spelling levels: the lower, the surer a spelling names this place
LEVEL_CANONICAL = 0     # canonical name, explicit alias tables
LEVEL_NAME = 1          # GeoNames name, romanisations of the current Ukrainian/Russian name
LEVEL_ALTERNATE = 2     # other Latin alternate names (exonyms, other languages)
LEVEL_FORMER = 3        # romanisations of other Cyrillic names: former names, other languages

_RU_LATIN_FIXES = (
    (re.compile(r"[’ʼ'`]"), ""),
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])ë"), "yo"),
    (re.compile(r"ë"), "yo"),
    (re.compile(r"Ë"), "Yo"),
    (re.compile(r"(?<=[a-z])(?:iy|yy)\b"), "y"),
)

# a Latin alternate name worth indexing: starts with a capital, letters, spaces, hyphens,
# apostrophes and dots only, and at least 3 letters
_GOOD_LATIN = re.compile(r"^[^\W\d_][^\d_()\[\]/,;:]*$")


@lru_cache(maxsize=200_000)
def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, fold(a), fold(b)).ratio()


def english_russian_style(name: str) -> str:
    """A GeoNames name of a Russian/Belarusian place as English news writes it."""
    for pattern, repl in _RU_LATIN_FIXES:
        name = pattern.sub(repl, name)
    return name


def ukrainian_form(name: str, cyrillic: list[str]) -> str | None:
    """The Ukrainian Cyrillic name among a Ukrainian place's alternate names, if any."""
    target = fold(name)
    words = len(target.split())
    candidates = [c for c in cyrillic if could_be_ukrainian(c) and len(fold(c).split()) == words]
    exact = [c for c in candidates if any(fold(v) == target for v in uk_variants(c))]
    if exact:
        marked = [c for c in exact if looks_ukrainian(c)]
        return (marked or exact)[0]
    # a Russian-style GeoNames name: the Ukrainian-lettered form that reads most like it,
    # else an unlettered form with the Ukrainian neuter ending (Shtormove, not Shtormovoye)
    for pool in ([c for c in candidates if looks_ukrainian(c)],
                 [c for c in candidates if _UK_NEUTER.search(c)]):
        best, best_score = None, 0.0
        for c in pool:
            score = max(similarity(v, name) for v in uk_variants(c) + ru_variants(c))
            if score > best_score:
                best, best_score = c, score
        if best is not None and best_score >= 0.6:
            return best
    return None


# Ukrainian neuter adjectives end in -е after a consonant (Лугове); Russian in -ое/-ее/-ье
_UK_NEUTER = re.compile(r"[бвгджзклмнпрстфхцчшщ]е$", re.I)


def russian_form(reference: str, cyrillic: list[str], exclude: str | None = None) -> str | None:
    """The Russian Cyrillic name that reads most like ``reference`` (a Latin name)."""
    best, best_score = None, 0.0
    for c in cyrillic:
        if c == exclude or looks_ukrainian(c) or not could_be_russian(c):
            continue
        score = max(similarity(v, reference) for v in ru_variants(c))
        if score > best_score:
            best, best_score = c, score
    return best if best_score >= 0.6 else None


def good_latin(alt: str) -> bool:
    if len(alt) < 3 or not alt[0].isupper() or is_cyrillic(alt):
        return False
    if alt.isupper() and len(alt) <= 4:     # codes: IEV, KBP
        return False
    if not _GOOD_LATIN.match(alt):
        return False
    # Latin script only (Latin-1 .. Latin Extended Additional), not Greek, Arabic, CJK ...
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or not ch.isalpha() for ch in alt)


def place_names(country: str, name: str,
                alternates: list[str]) -> tuple[str, list[tuple[str, int]]]:
    """The canonical name of a GeoNames place and its spellings with their levels."""
    cyrillic = [a for a in alternates if is_cyrillic(a) and len(a) >= 3]
    spellings: list[tuple[str, int]] = []
    canonical = name
    if country == "UA":
        uk = ukrainian_form(name, cyrillic)
        if uk is not None:
            canonical = transliterate_uk(uk)
            spellings += [(v, LEVEL_NAME) for v in uk_variants(uk)]
        # the Ukrainian form may hold no Ukrainian-only letter (Зайцеве): it is not the Russian one
        ru = russian_form(name if uk is None else canonical, cyrillic, exclude=uk)
        if ru is None and uk is not None:
            ru = russian_form(name, cyrillic, exclude=uk)
        if ru is not None:
            spellings += [(v, LEVEL_NAME) for v in ru_variants(ru)]
        primary = {uk, ru}
    elif country in ("RU", "BY", "KZ"):
        canonical = english_russian_style(name)
        ru = russian_form(name, cyrillic)
        if ru is not None:
            spellings += [(v, LEVEL_NAME) for v in ru_variants(ru)]
        uk = next((c for c in cyrillic if looks_ukrainian(c)), None)
        if uk is not None:
            spellings += [(v, LEVEL_ALTERNATE) for v in uk_variants(uk)[:2]]
        primary = {ru, uk}
    else:
        primary = set()
    spellings.insert(0, (canonical, LEVEL_CANONICAL))
    spellings.append((name, LEVEL_NAME))
    if country in ("RU", "BY", "KZ", "UA"):
        spellings.append((english_russian_style(name), LEVEL_NAME))
    for alt in alternates:
        if good_latin(alt):
            spellings.append((alt, LEVEL_ALTERNATE))
    if country in ("UA", "RU", "BY"):
        for c in cyrillic:
            if c in primary:
                continue
            if looks_ukrainian(c):
                spellings += [(v, LEVEL_FORMER) for v in uk_variants(c)[:2]]
            elif could_be_russian(c):
                spellings += [(v, LEVEL_FORMER) for v in ru_variants(c)[:2]]
    # a GeoNames name with a digit ("23 August", "Sector 3") is never written that way in prose
    spellings = [(s, lvl) for s, lvl in spellings if not any(ch.isdigit() for ch in s)]
    return canonical, spellings
