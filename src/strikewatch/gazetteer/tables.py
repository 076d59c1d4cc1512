"""The hand-written tables shipped in ``gazetteer/data/`` (TSV and plain lists, one fact a line)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TABLE_FILES = (
    "regions.tsv", "countries.tsv", "landmarks.tsv", "aliases.tsv", "canonical.tsv",
    "stopnames.tsv", "firstnames.txt", "region_words.tsv", "context.tsv", "extra_places.tsv",
    "city_districts.tsv",
)


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV table: '#' lines are comments, the first other line is the header."""
    header: list[str] | None = None
    out: list[dict[str, str]] = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        out.append(dict(zip(header, (c.strip() for c in cells))))
    return out


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@dataclass(frozen=True)
class Tables:
    regions: list[dict[str, str]]
    countries: list[dict[str, str]]
    landmarks: list[dict[str, str]]
    aliases: list[dict[str, str]]
    canonical: list[dict[str, str]]
    stopnames: list[dict[str, str]]
    firstnames: frozenset[str]
    region_words: list[dict[str, str]]
    context: list[dict[str, str]]
    extra_places: list[dict[str, str]]
    city_districts: list[dict[str, str]]

    @staticmethod
    def split(value: str) -> list[str]:
        return _list(value)


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    first = frozenset(
        w for line in (DATA_DIR / "firstnames.txt").read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#") for w in line.split())
    return Tables(
        regions=_rows("regions.tsv"), countries=_rows("countries.tsv"),
        landmarks=_rows("landmarks.tsv"), aliases=_rows("aliases.tsv"),
        canonical=_rows("canonical.tsv"), stopnames=_rows("stopnames.tsv"), firstnames=first,
        region_words=_rows("region_words.tsv"), context=_rows("context.tsv"),
        extra_places=_rows("extra_places.tsv"), city_districts=_rows("city_districts.tsv"),
    )


def tables_digest() -> str:
    """A hash of every shipped table and of the gazetteer's code: the cache key part we own."""
    h = hashlib.sha256()
    for name in TABLE_FILES:
        h.update(name.encode())
        h.update((DATA_DIR / name).read_bytes())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()
