"""Cyrillic romanisation: the Ukrainian national system and the Russian-style forms of the press.

The codebook wants Ukrainian places in the official Ukrainian national romanisation (Cabinet
of Ministers resolution No. 55 of 27 January 2010, "KMU 2010"): Kyiv, Zaporizhzhia, Olenivka.
English-language reporting, RT and older wire copy in particular, writes the same places from
their Russian names (Kiev, Zaporozhye, Olenevka); ``ru_variants`` produces those forms so that
such text still resolves. Tables are data; the functions only walk them.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

# --- KMU 2010 -------------------------------------------------------------------------------

# letter -> (word-initial form, elsewhere). The word-initial rule applies to є ї й ю я only.
KMU_2010: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("yu", "iu"), "я": ("ya", "ia"),
    # the apostrophe (and its look-alikes) is not written
    "'": ("", ""), "’": ("", ""), "ʼ": ("", ""), "`": ("", ""), "ʻ": ("", ""),
}
# "зг" is written "zgh" so that it is not read as "zh" (Zghurivka, Rozghon)
KMU_DIGRAPHS: dict[str, str] = {"зг": "zgh"}

# Russian-only letters (and those of other Cyrillic alphabets) never occur in a Ukrainian name
UK_ONLY = frozenset("іїєґ")
RU_ONLY = frozenset("ыэъё")
UK_ALPHABET = frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ -")
RU_ALPHABET = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя'’ʼ -")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def _apply_case(latin: str, upper: bool, whole_upper: bool) -> str:
    if not latin or not upper:
        return latin
    return latin.upper() if whole_upper else latin[0].upper() + latin[1:]


def transliterate_uk(text: str) -> str:
    """Romanise Ukrainian Cyrillic with KMU 2010 (word-initial rules, "зг" -> "zgh").

    >>> transliterate_uk("Згурівка"), transliterate_uk("Їжакевич"), transliterate_uk("Київ")
    ('Zghurivka', 'Yizhakevych', 'Kyiv')
    """
    out: list[str] = []
    n = len(text)
    i = 0
    word_start = True
    while i < n:
        ch = text[i]
        low = ch.lower()
        pair = text[i:i + 2].lower()
        if pair in KMU_DIGRAPHS:
            latin = KMU_DIGRAPHS[pair]
            nxt_upper = i + 1 < n and text[i + 1].isupper()
            out.append(_apply_case(latin, ch.isupper(), ch.isupper() and nxt_upper))
            i += 2
            word_start = False
            continue
        forms = KMU_2010.get(low)
        if forms is None:
            out.append(ch)
            # a letter of another alphabet continues the word; anything else ends it
            word_start = not ch.isalpha()
            i += 1
            continue
        latin = forms[0] if word_start else forms[1]
        whole_upper = ch.isupper() and i + 1 < n and text[i + 1].isupper()
        out.append(_apply_case(latin, ch.isupper(), whole_upper))
        if latin or low not in "'’ʼ`ʻ":
            word_start = False
        i += 1
    return "".join(out)


# --- Ukrainian spelling variants (other romanisations seen in English text) ------------------

# Options that English text uses for Ukrainian names besides KMU 2010: the BGN/PCGN and
# wire-service habits (Mykolayiv, Kryvyy Rih, Zaporizhia, Vinnytsya).
_UK_ALT: dict[str, tuple[str, ...]] = {
    "є": ("ye",), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu",), "я": ("ya",),
    "ь": ("", "'"), "г": ("h",), "щ": ("shch",), "х": ("kh",),
}


def uk_variants(text: str, limit: int = 8) -> list[str]:
    """KMU 2010 first, then other romanisations of the same Ukrainian name, deduplicated."""
    return list(_uk_variants(text)[:limit])


@lru_cache(maxsize=65536)
def _uk_variants(text: str) -> tuple[str, ...]:
    base = transliterate_uk(text)
    variants = [base]
    # BGN/PCGN-style: iotated vowels always y-, й always y ("Mykolayiv", "Serhiyivka")
    bgn = _translit_with(text, {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"})
    variants.append(bgn)
    variants.append(_ending(base, "yi", "yy"))
    variants.append(_ending(base, "yi", "y"))
    # the doubled zh of Zaporizhzhia is often written once ("Zaporizhia")
    variants.append(base.replace("zhzh", "zh").replace("Zhzh", "Zh"))
    variants.append(bgn.replace("zhzh", "zh"))
    seen: list[str] = []
    for v in variants:
        if v and v not in seen:
            seen.append(v)
    return tuple(seen)


def _ending(word: str, old: str, new: str) -> str:
    """Swap an adjective ending on every word of a name (Kryvyi -> Kryvyy)."""
    out = []
    for p in word.split(" "):
        if p.endswith(old) and len(p) > len(old) + 2:
            p = p[: -len(old)] + new
        out.append(p)
    return " ".join(out)


def _translit_with(text: str, table: dict[str, str]) -> str:
    out: list[str] = []
    word_start = True
    low_text = text.lower()
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        low = low_text[i]
        if low_text[i:i + 2] in KMU_DIGRAPHS:
            out.append(_apply_case("zgh", ch.isupper(), False))
            i += 2
            word_start = False
            continue
        if low in table:
            latin = table[low]
        elif low in KMU_2010:
            latin = KMU_2010[low][0 if word_start else 1]
        else:
            out.append(ch)
            word_start = not ch.isalpha()
            i += 1
            continue
        out.append(_apply_case(latin, ch.isupper(), False))
        word_start = False
        i += 1
    return "".join(out)


# --- Russian-style transliteration -----------------------------------------------------------

RU_BASE: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "'": "", "’": "", "ʼ": "",
    # Ukrainian letters in mixed forms, read the Russian way
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_RU_VOWELS = frozenset("аеёиоуыэюяьъ")
# the press choices that vary: е after a vowel or at the start (Nikolayev / Nikolaev),
# й (Zaytsevo / Zaitsevo), ё (Tyotkino / Tetkino), adjective endings (Krivoy, Novy / Novyy)
_RU_OPTIONS = list(itertools.product((True, False), ("y", "i"), ("yo", "e"), (True, False)))


def _ru_one(text: str, ye: bool, short_i: str, yo: str, short_adj: bool) -> str:
    out: list[str] = []
    low_text = text.lower()
    n = len(text)
    for i, ch in enumerate(text):
        low = low_text[i]
        prev = low_text[i - 1] if i else " "
        nxt = low_text[i + 1] if i + 1 < n else " "
        latin = RU_BASE.get(low)
        if latin is None:
            out.append(ch)
            continue
        at_start = not prev.isalpha()
        if low == "е":
            latin = "ye" if (ye and (at_start or prev in _RU_VOWELS)) else "e"
        elif low == "ё":
            latin = yo if not (yo == "e" and at_start) else "yo"
        elif low == "й":
            at_end = not nxt.isalpha()
            if at_end and short_adj and prev in "иы":
                latin = ""          # Novy, Krasny: the -iy/-yy ending shortened
            else:
                latin = short_i
        elif low in "иы" and short_adj and nxt == "й" and \
                (i + 2 >= n or not low_text[i + 2].isalpha()):
            latin = "y"
        out.append(_apply_case(latin, ch.isupper(), False))
    return "".join(out)


@lru_cache(maxsize=65536)
def _ru_variants(text: str) -> tuple[str, ...]:
    low = text.lower()
    # only the choices the name gives a chance to vary are tried
    has_ye = bool(_RU_YE.search(low))
    has_short_i = "й" in low
    has_yo = "ё" in low
    has_adj = bool(_RU_ADJ.search(low))
    seen: list[str] = []
    for ye, short_i, yo, short_adj in _RU_OPTIONS:
        if (not has_ye and not ye) or (not has_short_i and short_i == "i") \
                or (not has_yo and yo == "e") or (not has_adj and not short_adj):
            continue
        v = _ru_one(text, ye, short_i, yo, short_adj)
        if v and v not in seen:
            seen.append(v)
    return tuple(seen)


_RU_YE = re.compile(r"(?:^|[аеёиоуыэюяьъ\s-])е")
_RU_ADJ = re.compile(r"[иы]й(?:\b|$)")


def ru_variants(text: str, limit: int = 6) -> list[str]:
    """Russian-style romanisations of a Russian (or Russian-looking) Cyrillic name."""
    return list(_ru_variants(text)[:limit])


def is_cyrillic(text: str) -> bool:
    return bool(CYRILLIC_RE.search(text))


def looks_ukrainian(text: str) -> bool:
    low = text.lower()
    return any(c in UK_ONLY for c in low) and all(c in UK_ALPHABET for c in low)


def could_be_ukrainian(text: str) -> bool:
    return all(c in UK_ALPHABET for c in text.lower())


def could_be_russian(text: str) -> bool:
    low = text.lower()
    return all(c in RU_ALPHABET for c in low)
