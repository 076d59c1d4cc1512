"""Fetching GeoNames country dumps over HTTPS: resumable, size- and CRC-checked.

``download(["UA", "RU"])`` fetches ``{base}UA.zip`` and ``{base}RU.zip`` (and, with
``alternate_names``, ``{base}alternatenames/UA.zip``) into ``<data dir>/gazetteer/downloads/``.
A transfer goes to ``UA.zip.part`` first; an interrupted one is resumed with an HTTP Range
request, by the next attempt or by the next run of the command. The received size must equal
the server's Content-Length, and every member of the zip must pass its CRC-32 check (GeoNames
publishes no checksum files) before the ``.part`` file is renamed into place.

The base URL is https://download.geonames.org/export/dump/ unless ``base_url`` or
``$STRIKEWATCH_GEONAMES_URL`` says otherwise (a mirror, or a test server). This is the only
place in strikewatch that goes to the network, and only when a user runs
``strikewatch gazetteer download``: extraction never does.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlsplit
from urllib.request import Request, urlopen

from .importer import gazetteer_dir

DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"
BASE_URL_ENV = "STRIKEWATCH_GEONAMES_URL"
CHUNK = 1 << 16
ATTEMPTS = 4            # tries per file; each after the first resumes where the last stopped
TIMEOUT_S = 60.0
_CODE_RE = re.compile(r"^[A-Z]{2}$")
_CONTENT_RANGE_RE = re.compile(r"^bytes\s+(\d+)-(\d+)/(\d+|\*)$")

ProgressFn = Callable[[str, int, int | None], None]     # (file name, bytes so far, total)


class DownloadError(Exception):
    """A download that failed for a reason a person can act on (the message says which)."""


class _Interrupted(Exception):
    """A transfer that stopped part way: the next attempt resumes it."""


@dataclass(frozen=True)
class Downloaded:
    code: str
    url: str
    path: Path
    size: int
    resumed_from: int               # bytes already on disk when this run started (0: fresh)


def base_url(url: str | None = None) -> str:
    url = url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    return url if url.endswith("/") else url + "/"


def country_code(code: str) -> str:
    """An ISO 3166-1 alpha-2 code as GeoNames names its dumps ("ua" -> "UA")."""
    c = code.strip().upper()
    if not _CODE_RE.match(c):
        raise DownloadError(f"{code!r} is not a two-letter country code (UA, RU, BY, PL ...)")
    return c


def dump_files(code: str, alternate_names: bool = False) -> list[tuple[str, str]]:
    """(path under the base URL, local file name) of a country's dump(s)."""
    c = country_code(code)
    files = [(f"{c}.zip", f"{c}.zip")]
    if alternate_names:
        files.append((f"alternatenames/{c}.zip", f"altnames-{c}.zip"))
    return files


def download(codes: Iterable[str], data_dir: str | os.PathLike[str] | None = None,
             url: str | None = None, alternate_names: bool = False,
             attempts: int = ATTEMPTS, timeout: float = TIMEOUT_S,
             progress: ProgressFn | None = None) -> list[Downloaded]:
    """Download the dumps of ``codes`` into ``<data dir>/gazetteer/downloads/``."""
    jobs = [(country_code(c), path, name) for c in codes
            for path, name in dump_files(c, alternate_names)]
    directory = gazetteer_dir(data_dir) / "downloads"
    directory.mkdir(parents=True, exist_ok=True)
    base = base_url(url)
    out = []
    for code, path, name in jobs:
        out.append(fetch(urljoin(base, path), directory / name, code=code, attempts=attempts,
                         timeout=timeout, progress=progress))
    return out


def fetch(url: str, dest: Path, code: str = "", attempts: int = ATTEMPTS,
          timeout: float = TIMEOUT_S, progress: ProgressFn | None = None) -> Downloaded:
    """``url`` to ``dest`` through ``dest.part``, resuming what an earlier run left there."""
    part = dest.with_name(dest.name + ".part")
    start = part.stat().st_size if part.exists() else 0
    last: _Interrupted | None = None
    for _ in range(max(1, attempts)):
        try:
            _fetch_once(url, part, timeout, progress)
            break
        except _Interrupted as exc:
            last = exc
    else:
        raise DownloadError(f"{url}: {last}; the part received is kept in {part}: run the "
                            "command again to resume")
    _check_zip(part, url)
    os.replace(part, dest)
    return Downloaded(code, url, dest, dest.stat().st_size, start)


def _fetch_once(url: str, part: Path, timeout: float, progress: ProgressFn | None) -> None:
    have = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": "strikewatch-gazetteer (+https://www.geonames.org/export/)",
               "Accept-Encoding": "identity"}
    if have:
        headers["Range"] = f"bytes={have}-"
    try:
        resp = urlopen(Request(url, headers=headers), timeout=timeout)
    except HTTPError as exc:
        if exc.code == 416 and have:
            # nothing past what we hold: the part is complete (an earlier run stopped before
            # renaming it) or belongs to an older version of the file; the zip check tells
            if _zip_ok(part):
                return
            part.unlink(missing_ok=True)
            raise _Interrupted("the partial file did not match the server's; starting over")
        if exc.code == 404:
            raise DownloadError(f"{url}: not found (HTTP 404); is the country code right?")
        if exc.code >= 500 or exc.code == 429:
            raise _Interrupted(f"HTTP {exc.code} {exc.reason}")
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}")
    except (URLError, socket.timeout, TimeoutError, ConnectionError, http.client.HTTPException,
            OSError) as exc:
        reason = getattr(exc, "reason", exc)
        host = urlsplit(url).netloc
        raise DownloadError(
            f"cannot reach {host} ({reason}); are you offline? Fetch {url} another way and "
            f"run: strikewatch gazetteer import {url.rsplit('/', 1)[-1]}") from None
    with resp:
        total: int | None
        if have and resp.status == 206:
            m = _CONTENT_RANGE_RE.match(resp.headers.get("Content-Range", "").strip())
            if m is None or int(m.group(1)) != have:
                part.unlink(missing_ok=True)
                raise _Interrupted("the server resumed at another offset; starting over")
            total = int(m.group(3)) if m.group(3) != "*" else None
            mode = "ab"
        else:
            # a first request, or a server that ignores Range: the whole file from the start
            have = 0
            length = resp.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            mode = "wb"
        name = part.name[: -len(".part")]
        with open(part, mode) as fh:
            try:
                while True:
                    block = resp.read(CHUNK)
                    if not block:
                        break
                    fh.write(block)
                    have += len(block)
                    if progress is not None:
                        progress(name, have, total)
            except (http.client.IncompleteRead, ConnectionError, socket.timeout, TimeoutError,
                    OSError) as exc:
                raise _Interrupted(f"transfer interrupted at {have:,} of "
                                   f"{total if total is not None else '?'} bytes ({exc!r})")
    if total is not None and have < total:
        raise _Interrupted(f"transfer interrupted at {have:,} of {total:,} bytes")
    if total is not None and have > total:
        part.unlink(missing_ok=True)
        raise DownloadError(f"{url}: received {have:,} bytes, the server announced {total:,}; "
                            "the file was discarded: run the command again")


def _zip_ok(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def _check_zip(part: Path, url: str) -> None:
    if not _zip_ok(part):
        part.unlink(missing_ok=True)
        raise DownloadError(f"{url}: the file received is not an intact zip (CRC check failed); "
                            "it was discarded: run the command again")


__all__ = ["DownloadError", "Downloaded", "download", "fetch", "base_url", "country_code",
           "dump_files", "DEFAULT_BASE_URL", "BASE_URL_ENV"]
