"""Folding and tokenising: the one normal form both the index and the text scanner use.

Matching is on case- and accent-folded tokens. Apostrophes inside a name are dropped (KMU 2010
does not write the Ukrainian apostrophe: Kam'ianske = Kamianske), a possessive 's is cut off
("Kyiv's" = "Kyiv", "Donetsk People's Republic" = "Donetsk People Republic"), and hyphens
separate tokens ("Ivano-Frankivsk" = "Ivano Frankivsk").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# letters (any script), optionally joined by apostrophes; digits and "_" are not letters
TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’ʼ‘`´][^\W\d_]+)*")
APOSTROPHES = "'’ʼ‘`´"
_APOS_RE = re.compile("[" + APOSTROPHES + "]")
_POSSESSIVE_RE = re.compile("[" + APOSTROPHES + "]s$", re.I)

# letters NFKD does not take apart
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
    "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "þ": "th", "ð": "d",
})


# English contractions: "I've", "don't", "we'll" are no names (the apostrophe stays, and no
# name key holds one)
_CONTRACTION_RE = re.compile("[" + APOSTROPHES + "](?:ve|ll|re|d|m|t)$", re.I)


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """One token, folded: lower case, no accents, no apostrophes, possessive 's cut."""
    if _CONTRACTION_RE.search(token):
        return token.casefold()
    token = _POSSESSIVE_RE.sub("", token) if len(token) > 3 else token
    token = token.translate(_SPECIAL)
    if not token.isascii():
        token = "".join(c for c in unicodedata.normalize("NFKD", token)
                        if not unicodedata.combining(c))
    return _APOS_RE.sub("", token).casefold()


def possessive_len(token: str) -> int:
    """How many characters at the end of a token are a possessive 's (0 or 2)."""
    return 2 if len(token) > 3 and _POSSESSIVE_RE.search(token) else 0


def fold(text: str) -> str:
    """Case/accent/apostrophe folding used for matching: "Kyiv's" -> "kyiv",
    "Zaporiz'ka" -> "zaporizka", "Przewodów" -> "przewodow", "Ivano-Frankivsk" -> "ivano frankivsk".
    """
    return " ".join(fold_token(m.group()) for m in TOKEN_RE.finditer(text))


def tokens(text: str) -> list[str]:
    return [fold_token(m.group()) for m in TOKEN_RE.finditer(text)]
