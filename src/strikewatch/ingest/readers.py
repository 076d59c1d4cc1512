"""Readers: files, directories and streams to a stream of ``Article | IngestError``.

Everything is a generator and reads input in bounded pieces: a JSONL file of any size
streams line by line, and no single item is held in memory beyond the article size limit.
A bad item becomes one ``IngestError`` naming its file (and line) and reading goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import stat
import sys
import zlib
from typing import BinaryIO, Iterable, Iterator

from ..model import Article, IngestError, Options
from .articles import (
    DEFAULT_OPTIONS, Metadata, Rejected, json_type_name, build_html_article,
    build_text_article, check_size, metadata_from_mapping, utf8_size,
)
from .decoding import Decoded, binary_reason, decode_bytes
from .formats import (
    GZIP_MAGIC, HTML_BODY_MARKERS, HTML_START_MARKERS, KIND_BY_EXTENSION,
    MAX_SIDECAR_BYTES, SIDECAR_KINDS, SIDECAR_SUFFIX, SNIFF_BYTES, kind_of, split_name,
)
from .html import decode_html

LOG = logging.getLogger(__name__)

Item = Article | IngestError
PathArg = str | os.PathLike[str]

_READ_CHUNK = 1 << 20
_BUFFER = 1 << 16
# errors a gzip stream raises on corrupt or truncated data
_GZIP_ERRORS = (OSError, EOFError, zlib.error)
_UTF8_BOM = b"\xef\xbb\xbf"


# --- public entry points -----------------------------------------------------------------------

def read(paths: Iterable[PathArg] | PathArg, options: Options = DEFAULT_OPTIONS) -> Iterator[Item]:
    """Articles (and errors) from files, directories and ``"-"`` (standard input), in order.

    Directories are walked recursively in sorted name order; hidden entries, metadata
    sidecars (``NAME.json`` beside ``NAME.txt``), files with a binary extension (``.png``,
    ``.zip`` ...) and files of unknown type with binary content are passed over. The kind
    of a file comes from its extension (``.txt``, ``.jsonl``/``.ndjson``, ``.html``/``.htm``,
    each optionally ``.gz``), else from its content (JSONL, HTML or text).

    Live sources (the ``live`` extra): an ``http(s)://`` path is fetched, an article page or
    a feed whose every linked article is fetched (``ingest/web.py``); a ``.warc`` or
    ``.warc.gz`` file yields every archived HTML page (``ingest/warc.py``).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", options)
            continue
        if is_url(path):
            yield from _read_url(path, options)
            continue
        for entry in _files(path):
            if isinstance(entry, IngestError):
                yield entry
            else:
                yield from _read_file(*entry, options)


def read_stream(stream: BinaryIO, origin: str = "<stdin>",
                options: Options = DEFAULT_OPTIONS) -> Iterator[Item]:
    """Articles from a binary stream of unknown kind (JSONL, HTML or text; gzip is undone)."""
    yield from _read_binary(stream, origin, "sniff", options, gzipped=False, meta=Metadata())


def count_items(paths: Iterable[PathArg] | PathArg) -> int | None:
    """How many items ``read(paths)`` will yield, for a progress bar; None if not knowable.

    One per text or HTML file, one per non-blank line of a JSONL file, one per path that
    will give an error. Standard input (``"-"``) cannot be counted ahead: None. Costs one
    pass over the JSONL files, read in chunks but not parsed (the 14 MB bench corpus: 20 ms).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    total = 0
    for path in paths:
        path = os.fspath(path)
        if path == "-" or is_url(path):
            return None
        for entry in _files(path):
            total += 1 if isinstance(entry, IngestError) else _count_file(*entry)
    return total


def is_url(path: str) -> bool:
    """Whether a path argument is an ``http(s)://`` URL (fetched, not opened)."""
    return path[:8].lower().startswith(("http://", "https://"))


# --- live sources (the `live` extra: httpx, feedparser, warcio) --------------------------------

def _live_missing(origin: str, exc: ImportError) -> IngestError:
    return IngestError(origin, f"needs the `live` extra ({exc.name or exc} is not installed): "
                               f"pip install 'strikewatch[live]'")


def _read_url(url: str, options: Options) -> Iterator[Item]:
    try:
        from .web import read_url
    except ImportError as exc:
        yield _live_missing(url, exc)
        return
    yield from read_url(url, options)


def _read_warc(path: str, options: Options) -> Iterator[Item]:
    try:
        from .warc import read_warc
    except ImportError as exc:
        yield _live_missing(path, exc)
        return
    yield from read_warc(path, options)


# --- walking -------------------------------------------------------------------------------------

def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read ({exc.strerror or exc})"


def _files(path: str) -> Iterator[tuple[str, bool] | IngestError]:
    """The files a path stands for, each with whether it was found by walking a directory:
    the path itself, or a directory's files in sorted order."""
    try:
        st = os.stat(path)
    except OSError as exc:
        yield IngestError(path, _os_message(exc))
        return
    if stat.S_ISDIR(st.st_mode):
        for entry in _walk(path):
            yield entry if isinstance(entry, IngestError) else (entry, True)
    else:
        yield path, False


def _is_sidecar(name: str, lower_names: set[str]) -> bool:
    lower = name.lower()
    if not lower.endswith(SIDECAR_SUFFIX):
        return False
    stem = lower[: -len(SIDECAR_SUFFIX)]
    return any(stem + ext in lower_names or stem + ext + ".gz" in lower_names
               for ext, kind in KIND_BY_EXTENSION.items() if kind in SIDECAR_KINDS)


def _walk(directory: str) -> Iterator[str | IngestError]:
    try:
        with os.scandir(directory) as scan:
            # sorted by name (code point order): the same order on every machine
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield IngestError(directory, _os_message(exc))
        return
    lower_names = {e.name.lower() for e in entries}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            # symlinked directories are not followed: a link cycle would never end
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(entry.path)
        elif not _is_sidecar(entry.name, lower_names) and kind_of(entry.name)[0] != "binary":
            yield entry.path


# --- files -----------------------------------------------------------------------------------------

def _sidecar_path(path: str) -> str | None:
    directory, name = os.path.split(path)
    stem, ext, _ = split_name(name)
    if KIND_BY_EXTENSION.get(ext) not in SIDECAR_KINDS:
        return None
    candidate = os.path.join(directory, stem + SIDECAR_SUFFIX)
    return candidate if os.path.isfile(candidate) else None


def _read_sidecar(path: str) -> Metadata:
    """Metadata from a ``NAME.json`` sidecar; raises ``Rejected`` when it is unusable."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        raise Rejected(f"metadata sidecar: {_os_message(exc)}") from None
    if len(data) > MAX_SIDECAR_BYTES:
        raise Rejected(f"metadata sidecar is over {MAX_SIDECAR_BYTES:,} bytes")
    try:
        obj = json.loads(decode_bytes(data).text)
    except (ValueError, RecursionError):
        raise Rejected("metadata sidecar is not valid JSON") from None
    if not isinstance(obj, dict):
        raise Rejected(f"metadata sidecar must be a JSON object, got {json_type_name(obj)}")
    return metadata_from_mapping(obj)


def _read_file(path: str, walked: bool, options: Options) -> Iterator[Item]:
    kind, gzipped = kind_of(os.path.basename(path))
    # a walk passes over a file of unknown type that turns out binary, as over a .png
    quiet_if_binary = walked and kind == "sniff"
    if kind == "binary":
        ext = split_name(os.path.basename(path))[1]
        yield IngestError(path, f"not an article: {ext} files are binary")
        return
    if kind == "warc":
        yield from _read_warc(path, options)
        return
    meta = Metadata()
    sidecar = _sidecar_path(path) if kind in SIDECAR_KINDS else None
    if sidecar:
        try:
            meta = _read_sidecar(sidecar)
        except Rejected as exc:
            # the article is still read, without metadata: report the sidecar, lose nothing
            yield IngestError(sidecar, f"{exc}; {os.path.basename(path)} read without it")
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield IngestError(path, _os_message(exc))
        return
    with f:
        size: int | None = None
        if not gzipped:
            st = os.fstat(f.fileno())
            size = st.st_size if stat.S_ISREG(st.st_mode) else None
        if kind in ("text", "html") and size is not None and size > options.max_article_bytes:
            # the size is known before reading: a 50 MB file is refused unread
            yield IngestError(path, _too_big("file", size, options))
            return
        stream: BinaryIO = f
        if gzipped:
            stream = gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[assignment]
        yield from _read_binary(stream, path, kind, options, gzipped=gzipped, meta=meta,
                                size=size, quiet_if_binary=quiet_if_binary)


def _too_big(what: str, size: int, options: Options, at_least: bool = False) -> str:
    amount = f"more than {options.max_article_bytes:,}" if at_least else f"{size:,}"
    return (f"{what} is {amount} bytes, over the limit of {options.max_article_bytes:,} "
            f"bytes (max_article_bytes)")


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes; in chunks, since ``read(n)`` sets aside n bytes up front."""
    parts, remaining = [], size
    while remaining > 0:
        part = stream.read(min(remaining, _BUFFER))
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


class _Prefixed(io.RawIOBase):
    """A stream that replays bytes already read from another, then continues it (a pipe
    cannot be rewound after its start was sniffed)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._read = getattr(rest, "read1", rest.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _sniff(head: bytes) -> str:
    """``jsonl``, ``html`` or ``text`` from the first bytes of an input of unknown kind."""
    start = head.lstrip(b" \t\r\n").removeprefix(_UTF8_BOM).lstrip(b" \t\r\n")
    first_line, newline, _ = start.partition(b"\n")
    if start[:1] in (b"{", b"["):
        if not newline and len(head) >= SNIFF_BYTES and start[:1] == b"{":
            return "jsonl"  # a first line longer than the sniff window: only JSONL has those
        try:
            value = json.loads(first_line)
        except (ValueError, RecursionError):
            value = None
            if first_line.strip() in (b"{", b"["):
                raise Rejected("JSON spread over several lines, not JSON Lines "
                               "(one object per line)") from None
        if isinstance(value, dict):
            return "jsonl"
        if value is not None:
            raise Rejected(f"JSON {json_type_name(value)}, not JSON Lines (one object per line)")
    lower = start.lower()
    if lower.startswith(HTML_START_MARKERS) or any(m in lower for m in HTML_BODY_MARKERS):
        return "html"
    return "text"


def _read_binary(stream: BinaryIO, origin: str, kind: str, options: Options, *,
                 gzipped: bool, meta: Metadata, size: int | None = None,
                 quiet_if_binary: bool = False) -> Iterator[Item]:
    """Read one input of a given kind (``sniff`` to decide from its content). ``size`` is
    the input's size in bytes when known without reading it."""
    try:
        head = _read_exactly(stream, SNIFF_BYTES)
        if head.startswith(GZIP_MAGIC) and not gzipped:
            # gzip behind a plain name (a page saved compressed, a piped .gz): undo it
            gzipped = True
            stream = gzip.GzipFile(fileobj=_Prefixed(head, stream), mode="rb")  # type: ignore[assignment]
            head = _read_exactly(stream, SNIFF_BYTES)
    except _GZIP_ERRORS as exc:
        yield IngestError(origin, _read_failure(exc, gzipped))
        return
    reason = binary_reason(head)
    if reason:
        if not quiet_if_binary:
            yield IngestError(origin, reason)
        return
    if kind == "sniff":
        try:
            kind = _sniff(head)
        except Rejected as exc:
            yield IngestError(origin, str(exc))
            return
    rest = io.BufferedReader(_Prefixed(head, stream), buffer_size=_BUFFER)
    if kind == "jsonl":
        yield from _read_jsonl(rest, origin, options, gzipped=gzipped)
        return
    if size is not None and not gzipped and size > options.max_article_bytes:
        yield IngestError(origin, _too_big("file", size, options))
        return
    try:
        data = _read_exactly(rest, options.max_article_bytes + 1)
    except _GZIP_ERRORS as exc:
        yield IngestError(origin, _read_failure(exc, gzipped))
        return
    if len(data) > options.max_article_bytes:
        what = "decompressed file" if gzipped else "input"
        yield IngestError(origin, _too_big(what, len(data), options, at_least=True))
        return
    if not data:
        yield IngestError(origin, "empty file")
        return
    try:
        if kind == "html":
            yield build_html_article(decode_html(data), data, meta, origin=origin,
                                     raw_format="html", options=options)
        else:
            yield build_text_article(decode_bytes(data), data, meta, origin=origin,
                                     raw_format="text", options=options)
    except Rejected as exc:
        yield IngestError(origin, str(exc))
    except Exception as exc:  # a bug or a library failing on hostile input: one item lost
        yield IngestError(origin, _unexpected(exc))


def _unexpected(exc: Exception) -> str:
    LOG.exception("unexpected failure reading an article")
    return f"could not read ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})"


def _read_failure(exc: BaseException, gzipped: bool) -> str:
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if gzipped:
        return f"broken gzip data ({detail})"
    if isinstance(exc, OSError):
        return _os_message(exc)
    return f"cannot read ({detail})"


# --- JSONL -------------------------------------------------------------------------------------------

def _read_jsonl(stream: io.BufferedReader, origin: str, options: Options, *,
                gzipped: bool) -> Iterator[Item]:
    """One article per line, streamed: memory holds one line (at most ``max_line_bytes``)
    and the ids seen so far in this file."""
    seen: dict[str, int] = {}
    limit = options.max_line_bytes
    lineno = 0
    while True:
        try:
            line = stream.readline(limit + 1)
            if not line:
                return
            lineno += 1
            if len(line) > limit and not line.endswith(b"\n"):
                size = len(line) + _skip_line(stream)
                yield IngestError(f"{origin}:{lineno}",
                                  f"line is {size:,} bytes, over the limit of {limit:,} "
                                  f"bytes (max_line_bytes): skipped")
                continue
        except _GZIP_ERRORS as exc:
            yield IngestError(f"{origin}:{lineno + 1}", _read_failure(exc, gzipped))
            return
        item = _jsonl_item(line.rstrip(b"\n").removesuffix(b"\r"), f"{origin}:{lineno}",
                           lineno, seen, options)
        if item is not None:
            yield item


def _skip_line(stream: io.BufferedReader) -> int:
    """Read past the rest of an over-long line; the number of bytes skipped (no newline)."""
    skipped = 0
    while True:
        chunk = stream.readline(_READ_CHUNK)
        if not chunk:
            return skipped
        if chunk.endswith(b"\n"):
            return skipped + len(chunk) - 1
        skipped += len(chunk)


def _parse_json_line(line: bytes) -> tuple[dict, Decoded]:
    # a byte order mark starts a file, and a line too where files were concatenated
    decoded = decode_bytes(line.removeprefix(_UTF8_BOM))
    try:
        value = json.loads(decoded.text)
    except RecursionError:
        raise Rejected("not valid JSON (nested too deeply)") from None
    except json.JSONDecodeError as exc:
        raise Rejected(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except ValueError as exc:  # e.g. an integer too long to convert
        raise Rejected(f"not valid JSON ({' '.join(str(exc).split())[:80]})") from None
    if not isinstance(value, dict):
        raise Rejected(f"expected a JSON object, got {json_type_name(value)}")
    return value, decoded


def _jsonl_item(line: bytes, origin: str, lineno: int, seen: dict[str, int],
                options: Options) -> Item | None:
    if not line.strip():
        return None  # blank lines are layout, not items
    article_id: str | None = None
    try:
        obj, decoded = _parse_json_line(line)
        meta = metadata_from_mapping(obj)
        article_id = meta.id
        if article_id is None:
            raise Rejected("missing `id`")
        if article_id in seen:
            raise Rejected(f"duplicate id (first seen on line {seen[article_id]}): skipped")
        text, html = obj.get("text"), obj.get("html")
        for field, value in (("text", text), ("html", html)):
            if value is not None and not isinstance(value, str):
                raise Rejected(f"`{field}` must be a string, got {json_type_name(value)}")
        if text is None and html is None:
            raise Rejected("missing `text` (or `html`)")
        # `html` when there is no `text`, or an empty one beside a filled `html` (the
        # scraper kept only the page)
        use_html = text is None or (not text.strip() and html is not None and bool(html.strip()))
        content: str = html if use_html else text  # type: ignore[assignment]
        if len(content) > options.max_article_bytes // 4:
            check_size(utf8_size(content), options)
        value = Decoded(content, decoded.encoding, decoded.notes)
        build = build_html_article if use_html else build_text_article
        article = build(value, line, meta, origin=origin, raw_format="jsonl", options=options)
    except Rejected as exc:
        message = str(exc)
        if article_id is not None:
            message = f"{message} [id {article_id!r}]"
        return IngestError(origin, message)
    except Exception as exc:  # a bug or a library failing on hostile input: one line lost
        return IngestError(origin, _unexpected(exc))
    seen[article.id] = lineno
    return article


# --- counting --------------------------------------------------------------------------------------

def _count_file(path: str, walked: bool) -> int:
    kind, gzipped = kind_of(os.path.basename(path))
    if kind not in ("jsonl", "sniff"):
        return 1
    try:
        with open(path, "rb") as f:
            stream: BinaryIO = f
            if gzipped:
                stream = gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[assignment]
            head = _read_exactly(stream, SNIFF_BYTES)
            if head.startswith(GZIP_MAGIC) and not gzipped:
                f.seek(0)
                stream = gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[assignment]
                head = _read_exactly(stream, SNIFF_BYTES)
            if binary_reason(head):
                return 0 if walked and kind == "sniff" else 1
            if kind == "sniff":
                try:
                    if _sniff(head) != "jsonl":
                        return 1
                except Rejected:
                    return 1
            stream.seek(0)
            return _count_lines(stream)
    except (*_GZIP_ERRORS, ValueError):
        return 1


def _count_lines(stream: BinaryIO) -> int:
    """Non-blank lines, counted in bounded chunks (a line may be longer than memory allows)."""
    count = 0
    blank = True  # the current line has no non-white-space byte yet
    while True:
        chunk = stream.read(_READ_CHUNK)
        if not chunk:
            return count + (0 if blank else 1)
        lines = chunk.split(b"\n")
        for i, piece in enumerate(lines):
            if piece.strip():
                blank = False
            if i < len(lines) - 1:  # a newline ends this piece
                count += 0 if blank else 1
                blank = True
