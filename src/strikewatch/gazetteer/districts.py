"""Second-level areas (GeoNames ADM2: raion, district, urban okrug) and how text names them.

Front-line reporting places a village by its raion: "Sadove in the Nikopol district",
"Nikopolskyi raion", "the Nikopol raion". GeoNames names a raion in adjective form after its
centre ("Nikopol's'kyi Raion", Нікопольський район); English text writes the centre's name as
often as the adjective, so a district gets keys from both: its own names without the district
word, and the spellings of its centre.

Only the full GeoNames country dumps hold ADM2 areas: with the bundled cities500 alone there
are none, and every function here answers "no district".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .folding import fold
from .names import good_latin
from .translit import could_be_russian, is_cyrillic, looks_ukrainian, ru_variants, uk_variants


@dataclass(frozen=True, slots=True)
class District:
    """A second-level administrative area: a raion of Ukraine, a district or urban okrug of
    Russia, a powiat of Poland."""

    name: str                       # as GeoNames writes it ("Nikopol Raion")
    country: str                    # ISO 3166-1 alpha-2
    admin1: str | None              # the region's codebook name ("Dnipropetrovsk Oblast")
    admin1_code: str                # GeoNames admin1 code ("04")
    admin2_code: str                # GeoNames admin2 code
    lat: float                      # GeoNames' point for the area
    lon: float
    centre: str | None = None       # canonical name of its administrative centre
    geonameid: int | None = None
    historic: bool = False          # ADM2H: abolished (Ukraine's raions before July 2020)
    source: str = ""


# Words that name a second-level area, after the name ("Nikopol raion", "Belgorodsky urban
# okrug", "Нікопольський район") or, in Polish and Romanian style, before it.
_QUALIFIER = (r"(?:municipal|urban|city|rural|administrative|gorodskoy|munitsipal'?nyy?|"
              r"муніципальний|міський|городской|муниципальный)")
_DISTRICT_WORD = r"(?:raion|rayon|raions|rayons|district|districts|okrug|r-n|район|округ|powiat)"
_SUFFIX_RE = re.compile(r"[\s\-]+(?:" + _QUALIFIER + r"[\s\-]+)?" + _DISTRICT_WORD + r"\.?$",
                        re.I)
_PREFIX_RE = re.compile(r"^(?:the\s+)?(?:powiat|district|raion|rayon)\s+(?:of\s+)?", re.I)

# Latin adjective endings of raion names and the nouns they come from: "Nikopolskyi" ->
# "Nikopol", "Pokrovskyi" -> "Pokrovsk", "Kremenchutskyi" -> "Kremenchuk" (ending, noun
# endings to try). Used only to find a district's centre when GeoNames marks no seat.
ADJECTIVE_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tskyi", ("k", "ts", "tsk")), ("tskyy", ("k", "ts", "tsk")), ("tskiy", ("k", "ts", "tsk")),
    ("tsky", ("k", "ts", "tsk")),
    ("skyi", ("", "sk")), ("skyy", ("", "sk")), ("skiy", ("", "sk")), ("skii", ("", "sk")),
    ("sky", ("", "sk")), ("skij", ("", "sk")),
)


def district_stem(name: str) -> str | None:
    """The name without its district word ("Nikopol district" -> "Nikopol"), else None."""
    text = " ".join(name.split())
    stem = _SUFFIX_RE.sub("", text)
    if stem == text:
        stem = _PREFIX_RE.sub("", text)
    elif stem[:4].lower() == "the ":
        stem = stem[4:]
    stem = stem.strip(" -")
    return stem if stem and stem != text else None


def district_spellings(name: str, alternates: Iterable[str], country: str) -> list[str]:
    """The stems a district is written with, romanised: from its GeoNames name and from its
    Latin and Cyrillic alternate names (Ukrainian and Russian romanisations)."""
    out: list[str] = []
    for n, is_name in [(name, True), *((a, False) for a in alternates)]:
        stem = district_stem(n)
        if stem is None:
            # a GeoNames name without a district word is the stem itself ("Belgorod" okrug);
            # an alternate without one is another language's name of the area: skipped
            if not is_name:
                continue
            stem = n
        if is_cyrillic(stem):
            if country == "UA" or looks_ukrainian(stem):
                out += uk_variants(stem)[:4]
            if could_be_russian(stem) and not looks_ukrainian(stem):
                out += ru_variants(stem)[:4]
        elif is_name or good_latin(stem):
            out.append(stem)
    seen: dict[str, None] = {}
    for s in out:
        if not any(ch.isdigit() for ch in s):
            seen.setdefault(s, None)
    return list(seen)


# --- districts of a city (data/city_districts.tsv) ----------------------------------------------

# The words after a name that make it a part of a city in English text: "the Desnianskyi
# district", "Obolon neighbourhood", "the eastern Dniprovsky suburb".
CITY_DISTRICT_WORDS = ("district", "raion", "rayon", "neighbourhood", "neighborhood",
                       "microdistrict", "suburb")
# One adjective, every way the press ends it: KMU 2010 "-skyi", the press's "-sky", "-skiy",
# "-skyy"; "-nyi" adjectives alike ("Tsentralnyi", "Tsentralny", "Tsentralniy").
_ADJECTIVE_END_RE = re.compile(r"(?<=[a-z])(sk|tsk|n|ch)(?:yi|yy|iy|ii|y|yj|ij|oy|oi)$")
_ADJECTIVE_FORMS = ("yi", "yy", "iy", "y", "ii")


def adjective_forms(name: str) -> list[str]:
    """``name`` with each ending an adjectival district name takes in English text
    ("Desnianskyi" -> "Desnianskyy", "Desniansky", "Desnianskiy" ...), itself first."""
    out = [name]
    words = name.split(" ")
    m = _ADJECTIVE_END_RE.search(words[0])
    if m:
        for end in _ADJECTIVE_FORMS:
            words2 = [words[0][:m.start()] + m.group(1) + end, *words[1:]]
            out.append(" ".join(words2))
    return list(dict.fromkeys(out))


def city_district_spellings(row: dict[str, str]) -> tuple[list[str], list[str]]:
    """The spellings of a row of city_districts.tsv: (names that stand alone, names that
    need a district word after them). A row marked ``bare=no`` has only the second kind."""
    stem = district_stem(row["name"]) or row["name"]
    forms: list[str] = [stem]
    for text in _split(row.get("uk", "")):
        forms += uk_variants(text)
    for text in _split(row.get("ru", "")):
        forms += ru_variants(text)
    alone = list(dict.fromkeys(f for form in forms for f in adjective_forms(form)))
    also = list(dict.fromkeys(f for form in _split(row.get("also", ""))
                              for f in adjective_forms(form)))
    worded = [f"{name} {word}" for name in alone + also for word in CITY_DISTRICT_WORDS]
    if row.get("bare", "").strip().lower() != "yes":
        alone = []
    return alone, list(dict.fromkeys(worded))


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def centre_guesses(stem: str) -> list[str]:
    """Folded nouns an adjectival district stem may come from, longest ending first."""
    key = fold(stem)
    for ending, nouns in ADJECTIVE_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            base = key[: -len(ending)]
            return [base + noun for noun in nouns]
    return []


__all__ = ["District", "district_stem", "district_spellings", "centre_guesses",
           "adjective_forms", "city_district_spellings", "CITY_DISTRICT_WORDS"]
