"""Cut raw text into blocks and sentences, as character spans.

Scraped news text comes in three shapes: one line per paragraph (seeds), one long line per
article (most of the corpus), and paragraphs padded with runs of spaces where the page had a
figure or an aside (Guardian). Furniture rules and the foreign-language check both need to know
where a sentence or a block starts and ends in every shape, so this module finds those
boundaries once, as offsets into the text, and never copies it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A block boundary: a newline, a run of three or more spaces (a dropped figure or aside), or an
# AP-style "___" rule, with the whitespace around it. Two spaces alone are too common as a
# typing slip to mean anything.

# A candidate sentence end: terminal punctuation with any closing quotes or brackets, or a
# closing bracket (a picture credit closes its caption without a full stop). What follows is
# checked in Python: scanning for these characters and looking around each is several times
# faster than one regex with look-behinds tried at every position.
_STOP = re.compile(r"[.!?…]+[\"”’')\]]*|\)")
_OPENERS = "\"“‘'(["
_CREDIT_BEFORE = re.compile(
    r"\((?:[^()]{0,100}\b)?(?:AP|Photo|Picture|Image|Getty|Reuters|AFP|EPA|Shutterstock)\b[^()]{0,100}\)$")


def _opens_sentence(text: str, k: int, end: int) -> bool:
    if k >= end:
        return False
    c = text[k]
    if c in _OPENERS and k + 1 < end:
        c = text[k + 1]
    return c.isupper() or c.isdigit() or c == "©"


# Words that take a full stop without ending a sentence (compared without the stop, lowercased).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st mt ft gen lt col sgt capt cpt maj cmdr adm brig rep sen gov pres rev fr
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
no nos vol vs etc inc co corp ltd jr sr dept univ approx est fig al op ed
u.s u.n u.k e.u u.s.a d.c a.m p.m i.e e.g
""".split())

@dataclass(frozen=True)
class Unit:
    """A sentence (or a block that has no sentence punctuation) as a span of the text."""

    start: int
    end: int
    block: int          # index of the block the sentence belongs to
    first: bool         # the first sentence of its block


@dataclass
class Segmentation:
    text: str
    blocks: list[tuple[int, int]]
    units: list[Unit]
    _starts: list[int]

    def unit_at(self, pos: int) -> int:
        """Index of the unit containing ``pos`` (or the last one starting before it)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return max(i, 0)

    def block_at(self, pos: int) -> tuple[int, int]:
        if not self.units:
            return (0, len(self.text))
        return self.blocks[self.units[self.unit_at(pos)].block]


def _is_abbreviation(text: str, stop_at: int) -> bool:
    lo = max(0, stop_at - 9)
    sp = text.rfind(" ", lo, stop_at)
    if sp < 0 and stop_at - lo == 9:
        return False                    # a word of eight letters or more is no abbreviation
    word = text[sp + 1:stop_at].lstrip("\"“‘'([")
    if not word or not word[0].isalpha():
        return False
    if len(word) == 1:
        return word.isupper()           # an initial: "Hans Henri P. Kluge"
    if "." in word:
        # dotted acronyms: "U.S", "D.C", "a.m"
        return len(word) <= 6 and word.replace(".", "").isalpha() and (
            word.lower() in ABBREVIATIONS or word.isupper())
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _STOP.finditer(text, start, end):
        cut = m.end()
        k = cut
        while k < end and text[k].isspace():
            k += 1
        stop = m.group(0)
        if k == cut:
            # a full stop glued to the next sentence ("in recent weeks.The port"): a scrape slip
            if (stop in ".!?" and k + 1 < end and text[k].isupper() and text[k + 1].islower()
                    and m.start() >= 2 and text[m.start() - 2:m.start()].isalpha()
                    and text[m.start() - 2:m.start()].islower()):
                spans.append((cur, cut))
                cur = cut
            continue
        if not _opens_sentence(text, k, end):
            continue
        if stop == ")":
            if not _CREDIT_BEFORE.search(text, max(start, cut - 220), cut):
                continue
        elif stop[0] == "." and len(stop.rstrip("\"”’')]")) == 1 and _is_abbreviation(text, m.start()):
            continue
        spans.append((cur, cut))
        cur = k
    if cur < end:
        spans.append((cur, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_BREAK_NEEDLES = ("\n", "   ", "___", "\xa0\xa0\xa0", "\t\t")
_BREAK_CHARS = frozenset(" \t\n\r\xa0_")


def block_breaks(text: str) -> list[tuple[int, int]]:
    """Spans of the block breaks (a newline, three spaces, a "___" rule, with the whitespace
    around them), found with ``str.find``: a regex that must consider every space as a
    possible start of "three spaces" is several times slower."""
    n = len(text)
    hits: list[tuple[int, int]] = []
    for needle in _BREAK_NEEDLES:
        i = text.find(needle)
        while i >= 0:
            s, e = i, i + len(needle)
            while s > 0 and text[s - 1] in _BREAK_CHARS:
                s -= 1
            while e < n and text[e] in _BREAK_CHARS:
                e += 1
            hits.append((s, e))
            i = text.find(needle, e)
    if len(hits) < 2:
        return hits
    hits.sort()
    merged = [hits[0]]
    for s, e in hits[1:]:
        if s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def segment(text: str) -> Segmentation:
    blocks: list[tuple[int, int]] = []
    cur = 0
    for bs, be in block_breaks(text):
        if bs > cur:
            blocks.append((cur, bs))
        cur = be
    if cur < len(text):
        blocks.append((cur, len(text)))
    units: list[Unit] = []
    for bi, (bs, be) in enumerate(blocks):
        for k, (s, e) in enumerate(split_sentences(text, bs, be)):
            units.append(Unit(s, e, bi, k == 0))
    return Segmentation(text, blocks, units, [u.start for u in units])
