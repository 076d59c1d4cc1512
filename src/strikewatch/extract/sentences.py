"""Sentence splitting with offsets, tuned to scraped news text.

Scraped articles end sentences with a period, a closing quote or just a line break; they
use abbreviations that end in a period ("Dec. 21", "Mr Putin", "U.S.", "a.m."). A
sentence ends at ``.!?`` (with any closing quotes) followed by whitespace and something
that can start a sentence, unless the word before the period is a known abbreviation, and
always at a line break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset("""
mr mrs ms dr st gen lt col sgt capt cpt maj prof rev sen rep gov adm brig cmdr
jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u a.m p.m no nos vs etc e.g i.e inc ltd co corp jr sr approx est dept
fig pp vol ft km mi lt.-col lt.-gen maj.-gen
""".split())

_END = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9\u0400-\u04FF])""")
_LINE = re.compile(r"\n\s*")
# a semicolon joins two reports often enough ("...under repeated attack; in May, a drone hit a
# bus") that each clause is read on its own
_CLAUSE = re.compile(r";\s+(?=\S)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int
    paragraph: int          # line-break-separated block the sentence belongs to


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    # single capital letters are initials ("John F. Kennedy"), except a sentence-final "I"
    return word in ABBREVIATIONS or (len(word) == 1 and word != "i")


def split_sentences(text: str) -> list[Sentence]:
    cuts: list[tuple[int, bool]] = []        # (end offset, ends a paragraph)
    for m in _END.finditer(text):
        dot = m.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        cuts.append((m.end(), False))
    for m in _LINE.finditer(text):
        cuts.append((m.start(), True))
    for m in _CLAUSE.finditer(text):
        cuts.append((m.start() + 1, False))
    cuts.sort()
    sentences: list[Sentence] = []
    start, paragraph = 0, 0
    for end, paragraph_break in cuts + [(len(text), False)]:
        if end < start:
            continue
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        s, e = start + lead, start + len(chunk.rstrip())
        if e > s:
            sentences.append(Sentence(s, e, text[s:e], len(sentences), paragraph))
        if paragraph_break:
            paragraph += 1
        start = end
    return sentences
