"""Spun-text score: how much of an article reads like synonym-swapped ("article spinner") copy.

Spinners rewrite a wire report word by word with a thesaurus: "yesterday" becomes "the day
past", "apartment complex" "residence complicated", "said" "mentioned". Such copy still
carries facts, so it is not dropped (CODEBOOK section 7), but its wording misleads the
extractor ("the day past" is not read as a date), so the document carries a warning.

The score is the weighted count of spun phrases (``data/spun_phrases.tsv``) per 100 words,
squashed into [0, 1). Counting per 100 words keeps long articles from scoring high by size;
a floor on the word count keeps a two-line snippet with one odd phrase from scoring high by
smallness.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Hits per 100 words at which the score reaches 1 - 1/e (about 0.63). A wire report carries
# next to none; seed 002, a spun Kyiv Independent story, carries several per 100 words.
SCALE = 1.5
MIN_WORDS = 150

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True)
class SpunPhrase:
    key: str
    key_words: frozenset[str]
    regex: re.Pattern[str]
    weight: float
    plain: str


@dataclass(frozen=True)
class SpunHit:
    start: int
    end: int
    weight: float
    plain: str


@lru_cache(maxsize=1)
def phrases() -> tuple[SpunPhrase, ...]:
    text = resources.files("strikewatch.clean").joinpath("data", "spun_phrases.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, pattern, weight, plain = line.split("\t")[:4]
        out.append(SpunPhrase(key, frozenset(re.findall(r"[a-zß-ÿ]+", key.lower())), re.compile(rf"(?:{pattern})\b", re.I), float(weight), plain))
    return tuple(out)


_WINDOW = 100


def spun_hits(text: str, words: frozenset[str] | None = None) -> list[SpunHit]:
    """Every spun phrase in ``text``. Each phrase's regex runs only in a window around the
    occurrences of its key, so the cost follows the key hits, not the text length. ``words``
    (the text's words, or a superset) lets phrases whose key words are absent be skipped."""
    lower = text.lower()
    hits: dict[tuple[int, int], SpunHit] = {}
    for p in phrases():
        if words is not None and not p.key_words <= words:
            continue
        i = lower.find(p.key)
        while i >= 0:
            lo = max(0, i - _WINDOW)
            for m in p.regex.finditer(text, lo, min(len(text), i + len(p.key) + _WINDOW)):
                if m.start() <= i < m.end() and (m.start(), m.end()) not in hits:
                    hits[(m.start(), m.end())] = SpunHit(m.start(), m.end(), p.weight, p.plain)
            i = lower.find(p.key, i + len(p.key))
    return sorted(hits.values(), key=lambda h: h.start)


def spun_score(text: str, hits: list[SpunHit] | None = None) -> float:
    if hits is None:
        hits = spun_hits(text)
    if not hits:
        return 0.0
    words = sum(1 for _ in _WORD.finditer(text))
    density = 100.0 * sum(h.weight for h in hits) / max(words, MIN_WORDS)
    return 1.0 - math.exp(-density / SCALE)
