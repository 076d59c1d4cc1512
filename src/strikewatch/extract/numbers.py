"""Quantities in news text: "1,625", "Twenty-five", "at least 14", "dozens", "10-15".

CODEBOOK section 4 is the contract: a figure becomes a ``Count(min, max)`` where ``max``
None is unbounded and ``min`` None means the wording gives no lower bound ("up to 30").

Two public functions:

- ``parse_quantity(phrase)``: the count of a phrase that is one quantity, else None.
- ``find_quantities(text)``: every quantity in a text, with its span, its count and the
  rule (the qualifier) that produced the count.

What is *not* a quantity (of people or of anything else): years, clock times, dates
("2 March", "Dec. 21"), percentages, money, distances and other units, durations,
ordinals ("72nd"), model names ("S-300", "Kh-101", "2S1"), ages ("aged 36", "a
66-year-old", "Scott Sibley, 36,"), compound modifiers ("a 12-mile bridge", "a
five-storey building"), labels ("Nord Stream 1", "Day 44 of the war") and pronouns
("no one", "one another"). A number mangled by a scrape ("300,00", "1,00,0", "12.5
people") is not parsed: the codebook says a number that does not parse is not guessed.

Everything below is a table or a regular expression compiled at import time. The scan
tokenises the text once and tries each number regex only where a word that can open it
starts; qualifiers and exclusions are read from the few words on either side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..model import Count

__all__ = [
    "Quantity", "parse_quantity", "find_quantities", "apply_qualifier",
    "QUALIFIERS", "VAGUE_QUANTITIES",
]


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text.

    ``rule`` is how the count was read: ``exact``, ``at_least``, ``more_than``, ``about``,
    ``up_to``, ``fewer_than``, ``range`` or ``vague``. ``value`` is the bare number before
    any qualifier (None for vague words and ranges), so that a caller can carry the
    qualifier of one clause over to a coordinated one (CODEBOOK section 4, "Scope").
    """

    start: int
    end: int
    text: str
    count: Count
    rule: str
    value: int | None = None


# --- tables -------------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}

# Qualifiers before a number, mapped to how they bound it (CODEBOOK section 4 table).
# Longer phrases first so that "just over" wins over "over".
QUALIFIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("at_least", (
        "at the very least", "at least", "no fewer than", "no less than", "not less than",
        "not fewer than", "a minimum of", "at minimum", "upwards of", "upward of",
        "in excess of",
    )),
    ("more_than", ("more than", "just over", "well over", "over", "above", "over than")),
    ("up_to", (
        "up to", "as many as", "as much as", "as high as", "at most", "no more than",
        "not more than", "a maximum of", "at the most",
    )),
    ("fewer_than", ("fewer than", "less than", "just under")),
    # "nearly", "almost" are coded as the number itself (CODEBOOK: "nearly 20" -> 20/20)
    ("about", (
        "about", "around", "some", "nearly", "almost", "roughly", "approximately",
        "approx.", "an estimated", "estimated", "close to", "circa", "c.", "round about",
        "in the region of", "just about",
    )),
)

# Qualifiers after a number: "14 or more", "20-plus", "20 or so".
_POSTFIX_QUALIFIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("at_least", ("or more", "and more", "or above", "-plus", "+")),
    ("about", ("or so", "-odd")),
    ("up_to", ("or fewer", "or less")),
)

# Vague quantity words (CODEBOOK section 4), as (phrase, min). max is always unbounded.
# Multi-word forms first. Plurals of a round number mean "at least two of them"
# ("hundreds" = 200+, "thousands" = 2,000+), as the codebook does for dozens and hundreds.
VAGUE_QUANTITIES: tuple[tuple[str, int], ...] = (
    ("hundreds of thousands", 200_000),
    ("tens of thousands", 20_000),
    ("several hundred thousand", 300_000),
    ("several thousand", 3_000),
    ("several hundred", 300),
    ("several dozen", 36),
    ("a few thousand", 2_000),
    ("a few hundred", 200),
    ("a few dozen", 24),
    ("many thousands", 2_000),
    ("many hundreds", 200),
    ("many dozens", 24),
    ("dozens and dozens", 24),
    ("a few", 2),
    ("a number of", 2),
    ("a handful of", 2),
    ("numerous", 2),
    ("multiple", 2),
    ("many", 2),
    ("several", 3),
    ("dozens", 24),
    ("scores", 40),
    ("hundreds", 200),
    ("thousands", 2_000),
    ("millions", 2_000_000),
)

# Fixed phrases for an exact small number.
EXACT_PHRASES: tuple[tuple[str, int], ...] = (("a couple of", 2), ("a pair of", 2))

_QUALIFIER_FNS: dict[str, Callable[[int], Count]] = {
    "exact": lambda n: Count(n, n),
    "about": lambda n: Count(n, n),
    "at_least": lambda n: Count(n, None),
    "more_than": lambda n: Count(n + 1, None),
    "up_to": lambda n: Count(None, n),
    # "fewer than 10": no lower bound is stated; the upper one is 9
    "fewer_than": lambda n: Count(None, max(n - 1, 0)),
}


def apply_qualifier(rule: str, n: int) -> Count:
    """The count a qualifier gives a bare number: ``apply_qualifier("more_than", 70)`` is
    ``Count(71, None)``. Unknown rules read the number as exact."""
    return _QUALIFIER_FNS.get(rule, _QUALIFIER_FNS["exact"])(n)


# --- regexes ------------------------------------------------------------------------------

def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_NUMWORD = _alt([*_UNITS, *_TENS, "hundred", *_SCALES, "dozen"])
_WORDS_RE = re.compile(
    rf"(?<![\w-])(?:(?:half\s+a|a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?:{_NUMWORD})\b(?:(?:\s+and\s+|\s*-\s*|\s+)(?:{_NUMWORD})\b)*",
    re.I,
)
_WORD_TOKEN_RE = re.compile(r"[a-z]+", re.I)

# Digits: "14", "1,625", "1 625" (space or narrow no-break space as thousands separator),
# a decimal only when a scale word follows ("1.5 million"), an optional scale word, and
# a dash range of two such numbers. The look-arounds refuse a number glued to a letter,
# a hyphen or a currency sign (model names, money) and a number running on into more
# digits after a comma, dot, colon or slash (mangled separators, clock times, dates).
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|[,.]\d)|\d+)"
    r"(?:\.\d+)?(?![\w]|[.,:/]\d)"
)
_SCALE_WORD = r"(?:\s+(?P<{name}>hundred|thousand|million|billion)\b)?"
_DIGITS_RE = re.compile(
    rf"(?<![\w.,:/$£€₴₽#@-])(?P<a>{_DIGITS}){_SCALE_WORD.format(name='sa')}"
    rf"(?:\s*[-–—]\s*(?P<b>{_DIGITS}){_SCALE_WORD.format(name='sb')})?",
    re.I,
)
_VAGUE_MIN = {re.sub(r"\s+", " ", p): n for p, n in VAGUE_QUANTITIES}
# "as many as" is a qualifier, "how many" a question: neither is the vague "many".
_VAGUE_RE = re.compile(
    rf"(?<![\w-])(?<!as\s)(?<!how\s)(?<!so\s)(?<!too\s)(?<!very\s)(?<!not\s)"
    rf"(?:{_alt(_VAGUE_MIN)})(?![\w-])",
    re.I,
)

_EXACT_PHRASE_VALUE = {p: n for p, n in EXACT_PHRASES}
_EXACT_PHRASES_RE = re.compile(rf"(?<![\w-])(?:{_alt(_EXACT_PHRASE_VALUE)})(?![\w-])", re.I)

# one alternation over every phrase, so that the longest wins ("no more than" over "more than")
_QUALIFIER_RULE = {re.sub(r"\s+", " ", p): rule for rule, phrases in QUALIFIERS for p in phrases}


def _postfix_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = [p for p in phrases if p[0].isalpha()]
    signs = [p for p in phrases if not p[0].isalpha()]
    parts = ([rf"\s*(?:{_alt(words)})(?![\w])"] if words else []) + \
            ([rf"(?:{_alt(signs)})(?![\w])"] if signs else [])
    return re.compile("^(?:" + "|".join(parts) + ")", re.I)


_POSTFIX_RES = [(rule, _postfix_re(phrases)) for rule, phrases in _POSTFIX_QUALIFIERS]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# after a number, "may" is the month only when no verb follows ("five may have died")
_MONTHS_AFTER = _MONTHS.replace(
    "|may|", r"|may(?!\s+(?:have|has|be|been|not|also|still|well|yet|never|soon|rise|need|face|take|die|get)\b)|")
# Words after a number that make it a measure, a time, money or a date, not a count.
_UNIT_AFTER = (
    "%|percent|per cent|pc|percentage points?|km|kms|kilomet(?:er|re)s?|miles?|mi|m|metres?|"
    "meters?|mm|cm|kg|kgs|kilos?|kilograms?|grams?|tonnes?|tons?|lbs?|feet|ft|foot|inch(?:es)?|"
    "yards?|acres?|hectares?|ha|sq|square|mph|kph|km/h|knots?|degrees?|°|hours?|hrs?|"
    "minutes?|mins?|seconds?|secs?|days?|nights?|weeks?|months?|years?|yrs?|decades?|"
    "centur(?:y|ies)|times|am|pm|a\\.m\\.?|p\\.m\\.?|gmt|bst|cet|cest|eet|eest|msk|utc|"
    "o[’']clock|dollars?|euros?|pounds?|pence|cents?|hryvnias?|hryvnya|roubles?|rubles?|"
    "usd|eur|gbp|uah|rub|bn|mn|mln|barrels?|bpd|mw|gw|kw|kwh|megawatts?|gigawatts?|"
    "calibre|caliber|giorni|jours|tage|días|dias|th|st|nd|rd|"
    + _MONTHS_AFTER
)
_AFTER_UNIT_RE = re.compile(
    rf"^(?:\s*(?:straight|consecutive|long|full|more|whole|solid|successive)\s+)?"
    rf"\s*(?:{_UNIT_AFTER})(?![\w])|^\s*of\s+(?:{_MONTHS})\b|^[%°]",
    re.I,
)
# "12-mile", "66-year-old", "five-storey": a compound modifier, not a count.
# ("20-plus" is a qualifier, read before this is checked.)
_AFTER_HYPHEN_WORD_RE = re.compile(r"^-(?!plus\b|odd\b)[^\W\d]", re.I)
# Words just before a number that make it money, a label, an age or a date.
_NOT_COUNT_BEFORE: frozenset[str] = frozenset({
    "us$", "usd", "eur", "gbp", "uah", "rub", "rs", "no", "nos", "number", "nr", "article",
    "resolution", "flight", "route", "highway", "reactor", "item", "page", "pages", "chapter",
    "section", "paragraph", "platform", "gate", "block", "apartment", "channel", "category",
    "model", "version", "mk", "age", "aged", "age of", "born in", "in the year", "in early",
    "in late", "in mid", *_MONTHS.split("|"),
})
_CURRENCY_SIGNS = "$£€₴₽"
_OPENING_PUNCT = "(\"“‘'[—–-"
# "Oleksandr Shelipov, 62, in ...": an age in apposition to a name.
_AGE_APPOSITION_BEFORE_RE = re.compile(r"[A-Z][\w’'.-]+,\s*$|\($")
_AGE_APPOSITION_AFTER_RE = re.compile(r"^\s*[,)]")
_YEARS_OLD_RE = re.compile(r"^\s*(?:years?|yrs?)[\s-]+old\b", re.I)
# A bare four-digit year stays a count only when people follow ("2000 people").
_PEOPLE_AFTER_RE = re.compile(
    r"^\s+(?:\w+\s+)?(?:people|persons|civilians|residents|soldiers|troops|servicemen|"
    r"fighters|children|men|women|refugees|workers|employees|prisoners|mercenaries|"
    r"of\s+(?:them|whom|the|its|their))\b",
    re.I,
)
# "no one" is nobody
_NO_BEFORE_RE = re.compile(r"\bno[\s-]$", re.I)
# "one another" is a pronoun
_ONE_ANOTHER_RE = re.compile(r"^\s+another\b", re.I)
# "Nord Stream 1 and 2", "Day 44 of the invasion", "Sky 501.": a number that ends a name
_LABEL_BEFORE_RE = re.compile(
    r"\b(?!(?:Some|About|Around|Nearly|Almost|Over|Only|Roughly|Approximately|Just|Another|All|"
    r"The|At|Of|In|On|For|With|By|And|But|Up|Between|From|To|Than|Least|Most|Many|Those|"
    r"These|Killing|Wounding|Injuring|Leaving)\b)[A-Z][a-z]+\s$")
_LABEL_AFTER_RE = re.compile(r"^(?:\s*[,.;:)!?]|\s*$|\s+(?:and|or|of)\b)")
_TOKEN_RE = re.compile(r"[^\W_]+")
_SPACES_RE = re.compile(r"\s+")
_YEAR_RE = re.compile(r"1[89]\d\d|20\d\d|2100")
# the words that can open each kind of number, to try its regex only there
_WORDS_FIRST = frozenset([*_UNITS, *_TENS, "hundred", *_SCALES, "dozen", "a", "an", "half"])
_VAGUE_FIRST = frozenset(p.split()[0] for p in _VAGUE_MIN)
_EXACT_FIRST = frozenset(p.split()[0] for p in _EXACT_PHRASE_VALUE)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$", re.I)
_RANGE_JOINERS_RE = re.compile(r"^\s*(?:to|or|-|–|—)\s*$", re.I)
_AND_JOINER_RE = re.compile(r"^\s*and\s*$", re.I)
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+$", re.I)


# --- parsing ------------------------------------------------------------------------------

def _words_value(tokens: list[str]) -> int | None:
    """Value of a sequence of English number words, or None if it is not one number.

    A small state machine so that "twenty twenty" or "seven nine" are refused instead of
    summed: groups below a thousand ("nine hundred and ninety-nine") joined by scale
    words in falling order ("... thousand ... hundred ...").
    """
    if not tokens:
        return None
    toks = [t.lower() for t in tokens]
    if toks[:2] == ["half", "a"]:
        # "half a dozen", "half a million"
        whole = _words_value(toks[1:])
        return whole // 2 if whole and whole % 2 == 0 else None
    total, group, last, last_scale, hundred_in_group = 0, 0, None, None, False
    for i, tok in enumerate(toks):
        if tok in ("a", "an"):
            if i != 0:
                return None
            group, last = 1, "unit"
        elif tok == "and":
            if last not in ("hundred", "scale"):
                return None
            last = "and"
        elif tok == "zero":
            if len(toks) != 1:
                return None
            return 0
        elif tok in _UNITS:
            v = _UNITS[tok]
            if last == "tens" and v < 10:
                group += v
            elif last in (None, "hundred", "scale", "and"):
                group += v
            else:
                return None
            last = "unit" if v < 10 else "teen"
        elif tok in _TENS:
            if last not in (None, "hundred", "scale", "and"):
                return None
            group += _TENS[tok]
            last = "tens"
        elif tok == "hundred":
            # "a hundred", "nine hundred", "twelve hundred"; not a second hundred
            if last not in ("unit", "teen", "tens") or hundred_in_group or group >= 100:
                return None
            group *= 100
            hundred_in_group, last = True, "hundred"
        elif tok in _SCALES:
            scale = _SCALES[tok]
            if group == 0 or last in ("scale", "and") or (last_scale and scale >= last_scale):
                return None
            total += group * scale
            group, hundred_in_group, last, last_scale = 0, False, "scale", scale
        elif tok == "dozen":
            # "a dozen", "two dozen": only as the whole number
            if i != len(toks) - 1 or total or hundred_in_group or group > 99:
                return None
            return (group or 1) * 12
        else:
            return None
    if last == "and":
        return None
    return total + group


def _digits_value(num: str, scale: str | None) -> int | None:
    num = re.sub(r"[,\s\u00a0\u202f]", "", num)
    mult = 1 if not scale else (100 if scale.lower() == "hundred" else _SCALES[scale.lower()])
    if scale and len(num.split(".")[0]) > 6:
        # "2,102,247 million": a scale after a full number is a scrape error
        return None
    if "." in num:
        # a decimal is a count only when a scale makes it whole: "1.5 million"
        if not scale:
            return None
        whole, frac = num.split(".")
        value = int(whole) * mult + int(frac) * mult // (10 ** len(frac))
        if int(frac) * mult % (10 ** len(frac)):
            return None
        return value
    return int(num) * mult


@dataclass
class _Atom:
    start: int
    end: int
    value: int | None           # exact value, or None for vague / range
    count: Count
    form: str                   # digits | words | vague | range
    year_like: bool = False


def _between_split(text: str, m: re.Match[str], tokens: list[re.Match[str]]) -> list[_Atom] | None:
    """"between one hundred and five and two hundred": "between" needs two ends, so an
    "and" inside the words is the joiner when both sides are whole numbers."""
    if not _BETWEEN_BEFORE_RE.search(text[max(0, m.start() - 10):m.start()]):
        return None
    words = [t.group() for t in tokens]
    for i, w in enumerate(words):
        if w.lower() != "and" or i == 0 or i == len(words) - 1:
            continue
        left, right = _words_value(words[:i]), _words_value(words[i + 1:])
        if left is not None and right is not None:
            return [_Atom(tokens[0].start(), tokens[i - 1].end(), left, Count(left, left), "words"),
                    _Atom(tokens[i + 1].start(), tokens[-1].end(), right, Count(right, right), "words")]
    return None


def _words_at(text: str, m: re.Match[str]) -> list[_Atom]:
    """The number(s) in a run of number words matched at one place."""
    tokens = list(_WORD_TOKEN_RE.finditer(text, m.start(), m.end()))
    pair = _between_split(text, m, tokens) if len(tokens) > 2 else None
    if pair:
        return pair
    # the longest leading run of words that is one number ("seven and nine" -> seven)
    for k in range(len(tokens), 0, -1):
        value = _words_value([t.group() for t in tokens[:k]])
        if value is not None:
            if value == 1 and k == 1 and _NO_BEFORE_RE.search(text[max(0, m.start() - 3):m.start()]):
                return []
            return [_Atom(m.start(), tokens[k - 1].end(), value, Count(value, value), "words")]
    return []


def _digits_at(m: re.Match[str]) -> list[_Atom]:
    a = _digits_value(m.group("a"), m.group("sa"))
    if a is None:
        return []
    year_like = bool(_YEAR_RE.fullmatch(m.group("a")) and not m.group("sa"))
    if m.group("b"):
        b = _digits_value(m.group("b"), m.group("sb"))
        if b is None:
            return []
        year_like = year_like or bool(_YEAR_RE.fullmatch(m.group("b")))
        return [_Atom(m.start(), m.end(), None, Count(min(a, b), max(a, b)), "range", year_like)]
    return [_Atom(m.start(), m.end(), a, Count(a, a), "digits", year_like)]


def _atoms(text: str) -> list[_Atom]:
    """Bare numbers, left to right. Each regex is tried only where a word that can open
    it starts (one tokenising pass), which is several times faster than scanning every
    position of the text with each alternation; at one place the longest reading wins
    ("hundreds of thousands" over "hundreds")."""
    atoms: list[_Atom] = []
    covered = 0
    for tm in _TOKEN_RE.finditer(text):
        pos = tm.start()
        if pos < covered:
            continue
        low = tm.group().lower()
        options: list[list[_Atom]] = []
        if low[0].isdigit():
            m = _DIGITS_RE.match(text, pos)
            if m:
                options.append(_digits_at(m))
        else:
            if low in _VAGUE_FIRST:
                m = _VAGUE_RE.match(text, pos)
                if m:
                    options.append([_Atom(m.start(), m.end(), None, Count(
                        _VAGUE_MIN[_SPACES_RE.sub(" ", m.group().lower())], None), "vague")])
            if low in _EXACT_FIRST:
                m = _EXACT_PHRASES_RE.match(text, pos)
                if m:
                    n = _EXACT_PHRASE_VALUE[_SPACES_RE.sub(" ", m.group().lower())]
                    options.append([_Atom(m.start(), m.end(), n, Count(n, n), "words")])
            if low in _WORDS_FIRST:
                m = _WORDS_RE.match(text, pos)
                if m:
                    options.append(_words_at(text, m))
        options = [o for o in options if o]
        if options:
            best = max(options, key=lambda o: o[-1].end)
            atoms.extend(best)
            covered = best[-1].end
    return atoms


def _tail_phrase(text: str, start: int, phrases, longest: int = 4) -> tuple[str, int] | None:
    """The longest of ``phrases`` (lower case, single spaces) made of the last words before
    ``start``, with where it starts. A few dictionary look-ups instead of a right-anchored
    regex search, which would try every position of the text before the number."""
    if start == 0 or not text[start - 1].isspace():
        return None
    lo = max(0, start - 40)
    if lo > 0 and not text[lo - 1].isspace():
        cut = text.find(" ", lo, start)           # the slice began inside a word
        lo = start if cut < 0 else cut
    words = text[lo:start].split()[-longest:]
    starts, pos = [], start
    for w in reversed(words):
        pos = text.rindex(w, lo, pos)
        starts.append(pos)
    starts.reverse()
    for k in range(len(words), 0, -1):
        first = words[-k].lstrip(_OPENING_PUNCT)
        phrase = " ".join([first, *words[len(words) - k + 1:]]).lower()
        for candidate in (phrase, phrase.rstrip(".")):
            if candidate in phrases:
                return candidate, starts[-k] + len(words[-k]) - len(first)
    return None


def _not_a_count(text: str, atom: _Atom, years: bool) -> bool:
    before = text[max(0, atom.start - 24):atom.start]
    after = text[atom.end:atom.end + 32]
    if _AFTER_HYPHEN_WORD_RE.match(after) or _AFTER_UNIT_RE.match(after) or _YEARS_OLD_RE.match(after):
        return True
    if before.rstrip().endswith(tuple(_CURRENCY_SIGNS)) or _tail_phrase(text, atom.start, _NOT_COUNT_BEFORE):
        return True
    if atom.form in ("digits", "words") and atom.value is not None and atom.value <= 120 \
            and _AGE_APPOSITION_BEFORE_RE.search(before) and _AGE_APPOSITION_AFTER_RE.match(after):
        return True
    if years and atom.year_like and not _PEOPLE_AFTER_RE.match(after):
        return True
    if atom.value == 1 and _ONE_ANOTHER_RE.match(after):
        return True
    if atom.form == "digits" and _LABEL_BEFORE_RE.search(before) and _LABEL_AFTER_RE.match(after):
        return True
    return False


def _scan(text: str, years: bool) -> list[Quantity]:
    atoms = _atoms(text)

    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        start, end, count, rule, value = a.start, a.end, a.count, "exact", a.value
        if a.form == "vague":
            rule = "vague"
        elif a.form == "range":
            rule = "range"

        # "between 10 and 15", "10 to 15", "two or three"
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if nxt is not None and a.value is not None and nxt.value is not None:
            gap = text[a.end:nxt.start]
            before = text[max(0, a.start - 10):a.start]
            is_range = (_RANGE_JOINERS_RE.match(gap) and not _FROM_BEFORE_RE.search(before)) or \
                (_AND_JOINER_RE.match(gap) and _BETWEEN_BEFORE_RE.search(before))
            if is_range:
                lo, hi = sorted((a.value, nxt.value))
                end, count, rule, value = nxt.end, Count(lo, hi), "range", None
                if _BETWEEN_BEFORE_RE.search(before):
                    start = a.start - len(before) + _BETWEEN_BEFORE_RE.search(before).start()
                span_atom = _Atom(start, end, None, count, "range", a.year_like or nxt.year_like)
                if not _not_a_count(text, span_atom, years):
                    out.append(Quantity(start, end, text[start:end], count, rule, value))
                i += 2
                continue

        probe = _Atom(start, end, value, count, a.form, a.year_like)
        # qualifiers: before ("at least 14") and after ("14 or more", "20-plus")
        if rule in ("exact", "vague"):
            found = _tail_phrase(text, start, _QUALIFIER_RULE)
            if found:
                q_rule, start = _QUALIFIER_RULE[found[0]], found[1]
                if rule == "exact":
                    rule, count = q_rule, apply_qualifier(q_rule, value)
            if rule == "exact":
                after = text[end:end + 16]
                for q_rule, rx in _POSTFIX_RES:
                    qm = rx.match(after)
                    if qm:
                        end += qm.end()
                        rule, count = q_rule, apply_qualifier(q_rule, value)
                        break
        if _not_a_count(text, probe, years):
            i += 1
            continue
        out.append(Quantity(start, end, text[start:end], count, rule, value))
        i += 1
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order, with spans into ``text``.

    >>> [q.count for q in find_quantities("At least 14 people were killed and dozens hurt")]
    [Count(min=14, max=None), Count(min=24, max=None)]
    """
    return _scan(text, years=True)


def parse_quantity(phrase: str) -> Count | None:
    """The count of a phrase that is exactly one quantity ("at least 14", "a dozen",
    "between 10 and 15", "1 625"), allowing words around it that are not numbers
    ("14 people"). None when there is no number, more than one, or a mangled one."""
    found = _scan(phrase, years=False)
    if len(found) != 1:
        return None
    q = found[0]
    rest = phrase[:q.start] + " " + phrase[q.end:]
    if re.search(r"\d", rest):
        return None
    return q.count
