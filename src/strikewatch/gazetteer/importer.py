"""Importing full GeoNames dumps into the user's data directory, for village-level geocoding.

The bundled index knows the places of GeoNames cities500 (about 5,500 in Ukraine). Front-line
reporting names villages of a few hundred people, and many names repeat across regions; the
GeoNames country dumps (``UA.zip``, ``RU.zip``: the "geoname" table, 19 tab-separated columns)
hold them all. ``import_files`` reads such dumps, and optionally an alternate-names file
(``alternateNamesV2.zip`` or a per-country ``alternatenames/UA.zip``), keeps what the
gazetteer uses and stores it, compact, under ``<data dir>/gazetteer/``::

    sources.json              what was imported: file, sha256, counts, when, from where
    geonames-UA.tsv.gz        populated places (feature class P) and ADM1/ADM2 areas of UA.zip
    altnames-UA.tsv.gz        alternate names of imported places (en, uk, ru, unlabelled)

``Gazetteer.load`` then builds the index from cities500 *and* these sources, and caches it
under a key that includes each stored file's identity, so a new import rebuilds it once and
``default_gazetteer()`` uses the bigger index without any change to the caller. Nothing is
ever written inside the package.

The data directory is ``$STRIKEWATCH_DATA_DIR``, else ``$XDG_DATA_HOME/strikewatch``, else
``~/.local/share/strikewatch``; every function takes ``data_dir`` to use another one.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from .build import ADMIN_FEATURES, DUMP_COLUMNS, MIN_POPULATION, SKIP_FEATURES
from .translit import is_cyrillic

MANIFEST = "sources.json"
MANIFEST_FORMAT = 1
SUBDIR = "gazetteer"

GEONAME_COLUMNS = len(DUMP_COLUMNS)          # 19
# alternateNamesV2: alternateNameId, geonameid, isolanguage, alternate name, isPreferredName,
# isShortName, isColloquial, isHistoric, from, to (the older alternateNames file lacks the last
# two columns)
ALTNAME_COLUMNS = (10, 8)

# Languages of alternate names kept: English, Ukrainian, Russian and unlabelled ones (GeoNames'
# transliterations and local spellings), and their script or country variants ("uk-Latn").
# Other languages' exonyms (pl, de, ...) rank below every current name anyway and cost memory.
ALTNAME_LANGUAGES = frozenset({"", "en", "uk", "ru"})
# the dump columns the gazetteer reads; the others are stored empty
KEPT_COLUMNS = frozenset({"geonameid", "name", "asciiname", "alternatenames", "latitude",
                          "longitude", "feature_class", "feature_code", "countrycode",
                          "admin1code", "admin2code", "population"})
_KEEP = tuple(c in KEPT_COLUMNS for c in DUMP_COLUMNS)

ProgressFn = Callable[[str], None]


class GazetteerImportError(ValueError):
    """A file that is not a GeoNames dump, or that cannot be read."""


# --- where the data lives ---------------------------------------------------------------------

def user_dir(own_variable: str, xdg_variable: str, *home_default: str) -> Path:
    """$own_variable, else $xdg_variable/strikewatch, else ~/home_default.../strikewatch (the
    XDG base-directory convention)."""
    env = os.environ.get(own_variable)
    if env:
        return Path(env)
    xdg = os.environ.get(xdg_variable)
    if xdg:
        return Path(xdg) / "strikewatch"
    return Path.home().joinpath(*home_default, "strikewatch")


def default_data_dir() -> Path:
    """$STRIKEWATCH_DATA_DIR, else $XDG_DATA_HOME/strikewatch, else ~/.local/share/strikewatch."""
    return user_dir("STRIKEWATCH_DATA_DIR", "XDG_DATA_HOME", ".local", "share")


def gazetteer_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    return (Path(data_dir) if data_dir is not None else default_data_dir()) / SUBDIR


# --- the manifest -----------------------------------------------------------------------------

@dataclass
class ImportedSource:
    """One imported file, as ``sources.json`` records it."""

    name: str                       # "geonames-UA", "altnames-alternateNamesV2"
    kind: str                       # "geonames" | "altnames"
    file: str                       # the stored file, relative to <data dir>/gazetteer
    origin: str                     # the file it was imported from (path or URL)
    sha256: str                     # of the stored file: its identity in the index cache key
    size: int                       # of the stored file, bytes
    imported: str                   # UTC, ISO 8601
    rows_read: int = 0
    places: int = 0                 # populated places kept
    areas: int = 0                  # ADM1/ADM2 areas kept
    names: int = 0                  # alternate names kept (altnames)
    countries: list[str] = field(default_factory=list)
    origin_sha256: str = ""         # of the file imported

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ImportedSource":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})

    def path(self, data_dir: str | os.PathLike[str] | None = None) -> Path:
        return gazetteer_dir(data_dir) / self.file


def read_manifest(data_dir: str | os.PathLike[str] | None = None) -> list[ImportedSource]:
    """The imported sources, in import order; [] when nothing was imported.

    A manifest that cannot be read is reported as a warning and treated as empty: extraction
    goes on with the bundled gazetteer rather than failing."""
    path = gazetteer_dir(data_dir) / MANIFEST
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        warnings.warn(f"cannot read {path}: {exc}; using the bundled gazetteer only",
                      stacklevel=2)
        return []
    try:
        data = json.loads(raw)
        return [ImportedSource.from_dict(d) for d in data["sources"]]
    except (ValueError, KeyError, TypeError) as exc:
        warnings.warn(f"{path} is damaged ({exc}); using the bundled gazetteer only; "
                      "import the dumps again to repair it", stacklevel=2)
        return []


def _write_manifest(sources: Sequence[ImportedSource], directory: Path) -> None:
    data = {"format": MANIFEST_FORMAT, "sources": [asdict(s) for s in sources]}
    _atomic_write(directory / MANIFEST,
                  (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def available_sources(data_dir: str | os.PathLike[str] | None = None) -> list[ImportedSource]:
    """The imported sources whose stored file is present (a missing one is warned about)."""
    out = []
    for s in read_manifest(data_dir):
        if s.path(data_dir).is_file():
            out.append(s)
        else:
            warnings.warn(f"imported gazetteer source {s.name}: {s.path(data_dir)} is missing; "
                          "skipped (import it again)", stacklevel=2)
    return out


def sources_identity(sources: Sequence[ImportedSource],
                     data_dir: str | os.PathLike[str] | None = None) -> str:
    """A short hash of the imported files (name, content hash, size on disk): the part of the
    index cache key that changes when the imported set does. '' when nothing is imported."""
    if not sources:
        return ""
    h = hashlib.sha256()
    for s in sources:
        try:
            size = s.path(data_dir).stat().st_size
        except OSError:
            size = -1
        h.update(f"{s.name}\t{s.kind}\t{s.sha256}\t{size}\n".encode())
    return h.hexdigest()[:12]


# --- reading GeoNames files ---------------------------------------------------------------------

@contextmanager
def _open_text(path: Path) -> Iterator[tuple[IO[str], str]]:
    """The text of a dump: a .zip (the member named like the zip, else the one data file), a
    .gz, or a plain .txt; with the member's name."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                member = _zip_member(zf, path)
                with zf.open(member) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace",
                                           newline="\n"), member
            return
        with open(path, "rb") as probe:
            gz = probe.read(2) == b"\x1f\x8b"
        if gz:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="\n") as fh:
                yield fh, path.name[:-3] if path.name.endswith(".gz") else path.name
            return
        with open(path, encoding="utf-8", errors="replace", newline="\n") as fh:
            yield fh, path.name
    except (zipfile.BadZipFile, OSError, EOFError, gzip.BadGzipFile) as exc:
        raise GazetteerImportError(f"{path}: cannot read: {exc}") from exc


def _zip_member(zf: zipfile.ZipFile, path: Path) -> str:
    names = [n for n in zf.namelist() if not n.endswith("/")]
    stem = path.name.split(".")[0]
    for n in names:
        if n.rsplit("/", 1)[-1].split(".")[0] == stem:
            return n
    data = [n for n in names if n.lower().endswith(".txt")
            and not n.lower().rsplit("/", 1)[-1].startswith(("readme", "iso-languagecodes"))]
    if len(data) == 1:
        return data[0]
    raise GazetteerImportError(
        f"{path}: expected one data file in the zip, found {', '.join(names) or 'none'}")


def _lines(fh: IO[str]) -> Iterator[list[str]]:
    for line in fh:
        if not line or line.startswith("#"):
            continue
        yield line.rstrip("\r\n").split("\t")


def detect_kind(path: str | os.PathLike[str]) -> str:
    """"geonames" (the geoname table, 19 columns) or "altnames" (alternate names, 10 or 8)."""
    path = Path(path)
    with _open_text(path) as (fh, _):
        for cells in _lines(fh):
            if len(cells) == GEONAME_COLUMNS:
                return "geonames"
            if len(cells) in ALTNAME_COLUMNS:
                return "altnames"
            raise GazetteerImportError(
                f"{path}: not a GeoNames dump: the first line has {len(cells)} tab-separated "
                f"columns; the geoname table has {GEONAME_COLUMNS}, alternate names "
                f"{ALTNAME_COLUMNS[0]}")
    raise GazetteerImportError(f"{path}: empty")


def _script_ok(name: str) -> bool:
    """Latin or Cyrillic script: the only names ``names.place_names`` can use."""
    if is_cyrillic(name):
        return True
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or not ch.isalpha() for ch in name)


def keep_geoname(cells: Sequence[str]) -> bool:
    """A row the gazetteer uses: a populated place of a covered country, big enough for it
    (``build.MIN_POPULATION``), or an ADM1/ADM2 area of such a country."""
    country = cells[8]
    if country not in MIN_POPULATION:
        return False
    if cells[6] == "A":
        return cells[7] in ADMIN_FEATURES
    if cells[6] != "P" or cells[7] in SKIP_FEATURES:
        return False
    try:
        return int(cells[14] or 0) >= MIN_POPULATION[country]
    except ValueError:
        return False


def compact_geoname(cells: Sequence[str]) -> list[str]:
    """The row with unused columns emptied and alternate names in other scripts dropped."""
    out = [c if keep else "" for c, keep in zip(cells, _KEEP)]
    out[3] = ",".join(a for a in cells[3].split(",") if a and _script_ok(a))
    return out


def keep_altname(cells: Sequence[str], geonameids: set[int] | None) -> bool:
    lang = cells[2]
    if lang not in ALTNAME_LANGUAGES and lang.split("-", 1)[0] not in ALTNAME_LANGUAGES - {""}:
        return False
    if not cells[3] or not _script_ok(cells[3]):
        return False
    if geonameids is None:
        return True
    try:
        return int(cells[1]) in geonameids
    except ValueError:
        return False


# --- importing --------------------------------------------------------------------------------

def source_name(path: str | os.PathLike[str], kind: str) -> str:
    """"geonames-UA" for UA.zip, "altnames-alternateNamesV2" for alternateNamesV2.zip."""
    stem = Path(path).name.split(".")[0]
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem) or "dump"
    return stem if stem.startswith(f"{kind}-") else f"{kind}-{stem}"


def import_files(paths: Iterable[str | os.PathLike[str]],
                 data_dir: str | os.PathLike[str] | None = None,
                 origins: dict[str, str] | None = None,
                 progress: ProgressFn | None = None) -> list[ImportedSource]:
    """Import GeoNames dumps (and alternate-names files) into ``data_dir``.

    The kind of each file is read from its columns. Country dumps are imported first, then
    alternate names, which keep only the names of places imported now or before. A source of
    the same name as an earlier one (UA.zip again) replaces it. Returns the new sources.
    ``origins`` maps a path to what to record as its origin (the URL it was downloaded from).
    """
    say = progress or (lambda _msg: None)
    directory = gazetteer_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    files = [Path(p) for p in paths]
    for f in files:
        if not f.is_file():
            raise GazetteerImportError(f"{f}: no such file")
    kinds = {f: detect_kind(f) for f in files}
    sources = read_manifest(data_dir)
    new: list[ImportedSource] = []
    for f in (f for f in files if kinds[f] == "geonames"):
        say(f"importing {f.name} ...")
        src = _import_geonames(f, directory, (origins or {}).get(str(f), str(f)))
        say(f"{f.name}: {src.rows_read:,} rows read, {src.places:,} populated places and "
            f"{src.areas:,} areas kept ({', '.join(src.countries) or 'no covered country'})")
        sources = [s for s in sources if s.name != src.name] + [src]
        new.append(src)
        _write_manifest(sources, directory)
    alt_files = [f for f in files if kinds[f] == "altnames"]
    if alt_files:
        ids = _imported_geonameids([s for s in sources if s.kind == "geonames"], directory)
        if not ids:
            raise GazetteerImportError(
                "alternate names join the places of imported country dumps: import UA.zip "
                "(or another dump) first, or together with them")
        for f in alt_files:
            say(f"importing {f.name} (alternate names of {len(ids):,} places) ...")
            src = _import_altnames(f, directory, ids, (origins or {}).get(str(f), str(f)))
            say(f"{f.name}: {src.rows_read:,} rows read, {src.names:,} names kept")
            sources = [s for s in sources if s.name != src.name] + [src]
            new.append(src)
            _write_manifest(sources, directory)
    return new


def _import_geonames(path: Path, directory: Path, origin: str) -> ImportedSource:
    name = source_name(path, "geonames")
    rows_read = places = areas = malformed = 0
    countries: set[str] = set()
    out_name = f"{name}.tsv.gz"
    with _open_text(path) as (fh, _), _AtomicGzip(directory / out_name) as out:
        for cells in _lines(fh):
            rows_read += 1
            if len(cells) != GEONAME_COLUMNS:
                malformed += 1
                continue
            if not keep_geoname(cells):
                continue
            out.write("\t".join(compact_geoname(cells)) + "\n")
            countries.add(cells[8])
            if cells[6] == "A":
                areas += 1
            else:
                places += 1
    if rows_read and malformed == rows_read:
        (directory / out_name).unlink(missing_ok=True)
        raise GazetteerImportError(f"{path}: no line has the {GEONAME_COLUMNS} columns of a "
                                   "GeoNames dump")
    return _record(name, "geonames", directory / out_name, path, origin, rows_read,
                   places=places, areas=areas, countries=sorted(countries))


def _import_altnames(path: Path, directory: Path, ids: set[int],
                     origin: str) -> ImportedSource:
    name = source_name(path, "altnames")
    rows_read = kept = 0
    out_name = f"{name}.tsv.gz"
    with _open_text(path) as (fh, _), _AtomicGzip(directory / out_name) as out:
        for cells in _lines(fh):
            rows_read += 1
            if len(cells) not in ALTNAME_COLUMNS or not keep_altname(cells, ids):
                continue
            # geonameid, language, name, preferred, short, colloquial, historic
            out.write("\t".join(cells[1:8]) + "\n")
            kept += 1
    return _record(name, "altnames", directory / out_name, path, origin, rows_read, names=kept)


def _record(name: str, kind: str, stored: Path, path: Path, origin: str, rows_read: int,
            **counts: Any) -> ImportedSource:
    return ImportedSource(
        name=name, kind=kind, file=stored.name, origin=origin, sha256=_sha256(stored),
        size=stored.stat().st_size,
        imported=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        rows_read=rows_read, origin_sha256=_sha256(path), **counts)


def _imported_geonameids(sources: Sequence[ImportedSource], directory: Path) -> set[int]:
    ids: set[int] = set()
    for s in sources:
        with gzip.open(directory / s.file, "rt", encoding="utf-8") as fh:
            for line in fh:
                gid = line.split("\t", 1)[0]
                if gid.isdigit():
                    ids.add(int(gid))
    return ids


# --- reading the stored sources back (for the index build) --------------------------------------

def stored_rows(source: ImportedSource,
                data_dir: str | os.PathLike[str] | None = None) -> Iterator[list[str]]:
    """The rows of a stored source, split on tabs."""
    with gzip.open(source.path(data_dir), "rt", encoding="utf-8", newline="\n") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def alternate_names(sources: Sequence[ImportedSource],
                    data_dir: str | os.PathLike[str] | None = None) -> dict[int, list[str]]:
    """geonameid -> alternate names of the stored altnames sources, surest first.

    ``names.place_names`` takes the first Ukrainian (or Russian) Cyrillic name that fits as a
    place's current name, so current names go before historic and colloquial ones, and
    preferred ones before the rest."""
    ranked: dict[int, list[tuple[int, str]]] = {}
    for s in sources:
        if s.kind != "altnames":
            continue
        for cells in stored_rows(s, data_dir):
            if len(cells) < 7 or not cells[0].isdigit():
                continue
            preferred, colloquial, historic = cells[3] == "1", cells[5] == "1", cells[6] == "1"
            rank = (2 if historic else 1 if colloquial else 0) * 2 + (0 if preferred else 1)
            ranked.setdefault(int(cells[0]), []).append((rank, cells[2]))
    return {gid: list(dict.fromkeys(n for _, n in sorted(names, key=lambda t: t[0])))
            for gid, names in ranked.items()}


def imported_rows(source: ImportedSource, names: dict[int, list[str]],
                  data_dir: str | os.PathLike[str] | None = None) -> Iterator[list[str]]:
    """The rows of a stored geonames source with the alternate names of ``names`` joined in
    (first, so that their order counts; the dump's own list follows)."""
    for cells in stored_rows(source, data_dir):
        if len(cells) != GEONAME_COLUMNS:
            continue
        extra = names.get(int(cells[0])) if cells[0].isdigit() else None
        if extra:
            cells[3] = ",".join(dict.fromkeys(extra + [a for a in cells[3].split(",") if a]))
        yield cells


def add_imported(builder: Any, sources: Sequence[ImportedSource],
                 data_dir: str | os.PathLike[str] | None = None) -> Any:
    """Add the stored sources to a ``GazetteerBuilder`` (after cities500: a place both hold is
    merged by geonameid, gaining the dump's admin2 code and alternate names)."""
    names = alternate_names(sources, data_dir)
    for s in sources:
        if s.kind == "geonames":
            builder.add_geonames(imported_rows(s, names, data_dir), s.name,
                                 f"imported {s.imported[:10]} sha256:{s.sha256[:12]}")
    return builder


# --- files ------------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _AtomicGzip:
    """A gzip text file written to a temporary name and renamed into place when complete, so
    that an interrupted import leaves the previous file (and the manifest) as they were."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
        self._raw = os.fdopen(fd, "wb")
        # mtime 0: the same rows give the same bytes, hence the same sha256 and cache key
        self._gz = gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=6, mtime=0)
        self._text = codecs.getwriter("utf-8")(self._gz)

    def __enter__(self) -> Any:
        return self._text

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            self._gz.close()
            self._raw.close()
            if exc_type is None:
                os.chmod(self.tmp, 0o644)
                os.replace(self.tmp, self.path)
        finally:
            Path(self.tmp).unlink(missing_ok=True)


__all__ = [
    "GazetteerImportError", "ImportedSource", "default_data_dir", "gazetteer_dir",
    "read_manifest", "available_sources", "sources_identity", "detect_kind", "import_files",
    "add_imported", "alternate_names", "imported_rows", "stored_rows", "keep_geoname",
    "keep_altname", "source_name",
]
