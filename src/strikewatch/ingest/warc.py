"""WARC and WARC.gz web archives: every archived HTML page becomes an article.

Which records: ``response`` records of a successful capture (HTTP 200) of an HTML page, and
``resource`` records holding an HTML page (crawlers that store pages without the HTTP
exchange). Everything else an archive holds is passed over without a word: requests,
metadata, warcinfo, revisits (a repeat capture of identical content), redirects, error
pages, images, scripts and style sheets. A web archive of a news site is mostly those.

Metadata: the page's own, with ``WARC-Target-URI`` as the url and ``WARC-Date`` (the capture
time) as the publication date only when the page gives none: a page is published before it
is captured, usually not long before.

Damage: a record whose block digest does not match, or that the file ends in the middle of,
becomes an error (its text may be wrong, and an evidence database must not quote wrong
text). A record that cannot be parsed at all becomes an error and reading resumes at the
next record found in the file (the next gzip member, or the next ``WARC/1.x`` line).

Needs the ``live`` extra (warcio).
"""

from __future__ import annotations

import logging
import os
import re
import zlib
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Article, IngestError, Options
from .articles import DEFAULT_OPTIONS, Metadata, Rejected, build_html_article
from .dates import normalize_published
from .decoding import decode_bytes
from .html import decode_html
from .http import media_type_of

LOG = logging.getLogger(__name__)

Item = Article | IngestError

ARTICLE_RECORD_TYPES: frozenset[str] = frozenset({"response", "resource"})
HTML_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})
ARTICLE_STATUS = "200"

GZIP_MEMBER = b"\x1f\x8b\x08"
_RECORD_START = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\n")
_SCAN_CHUNK = 1 << 20
# what a damaged record raises from warcio, gzip and the stream underneath
_DAMAGE_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, IndexError,
                  KeyError, TypeError)


def _read_limited(stream: BinaryIO, limit: int) -> bytes:
    parts, size = [], 0
    while size <= limit:
        part = stream.read(min(1 << 16, limit + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def _next_record_start(f: BinaryIO, start: int, gzipped: bool) -> int | None:
    """The offset of the first record start at or after ``start``, or None."""
    overlap = 16
    pos = start
    while True:
        f.seek(pos)
        chunk = f.read(_SCAN_CHUNK)
        if not chunk:
            return None
        if gzipped:
            found = chunk.find(GZIP_MEMBER)
            if found >= 0:
                return pos + found
        else:
            match = _RECORD_START.search(chunk)
            if match:
                at = match.start()
                return pos + at + (1 if chunk[at:at + 1] == b"\n" else 0)
        if len(chunk) < _SCAN_CHUNK:
            return None
        pos += len(chunk) - overlap


def _skip_blank_lines(f: BinaryIO, pos: int) -> int:
    """The offset of the first byte after ``pos`` that is not a line break: in a plain WARC
    the blank lines that end a record, where the next record starts."""
    f.seek(pos)
    window = f.read(64)
    return pos + len(window) - len(window.lstrip(b"\r\n"))


def read_warc(path: str, options: Options = DEFAULT_OPTIONS) -> Iterator[Item]:
    """Articles from a WARC file (plain or gzip), one per archived HTML page."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield IngestError(path, f"cannot read ({exc.strerror or exc})")
        return
    with f:
        gzipped = f.read(2) == GZIP_MEMBER[:2]
        if not gzipped and os.fstat(f.fileno()).st_size == 0:
            yield IngestError(path, "empty file")
            return
        start = 0
        while True:
            f.seek(start)
            records = ArchiveIterator(f, check_digests=True)
            end = start  # where the record being read starts: the end of the last good one
            count = 0
            try:
                for record in records:
                    if records.err_count:
                        # warcio passed over a line of stray data after the previous record
                        records.err_count = 0
                        yield IngestError(f"{path}@{end}", "unexpected data after a WARC record "
                                                           "(a wrong Content-Length?): skipped")
                    count += 1
                    if record.format != "warc":
                        # warcio reads any line of five words as an old-style ARC header
                        raise ArchiveLoadFailed("not a WARC record")
                    item = _record_item(record, records, path, options)
                    end = records.get_record_offset() + records.get_record_length()
                    if item is not None:
                        yield item
                if records.err_count:
                    yield IngestError(f"{path}@{end}", "unexpected data at the end of the file: "
                                                       "skipped")
                return
            except _DAMAGE_ERRORS as exc:
                # the message may quote the damaged bytes: keep it printable
                detail = "".join(c if c.isprintable() else "?"
                                 for c in " ".join(str(exc).split())[:100]) or type(exc).__name__
                if not gzipped:
                    end = _skip_blank_lines(f, end)
                following = _next_record_start(f, end + 1, gzipped)
                then = ("reading resumed at the next record" if following is not None
                        else "no record after it")
                yield IngestError(f"{path}@{end}", f"damaged WARC record ({detail}): skipped; "
                                                   f"{then}")
                if following is None:
                    return
                start = following


def _record_item(record, records: ArchiveIterator, path: str, options: Options) -> Item | None:
    """The article (or error) a record gives, or None for a record that holds no article."""
    if record.rec_type not in ARTICLE_RECORD_TYPES:
        return None
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != ARTICLE_STATUS:
            return None
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    media, charset = media_type_of(content_type)
    if media not in HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    data = _read_limited(record.content_stream(), options.max_article_bytes)
    # the offset is known once the record has been read to its end
    offset = records.get_record_offset()
    origin = f"{path}@{offset}"
    where = f" ({uri})" if uri else ""
    if getattr(record.raw_stream, "limit", 0) > 0:
        return IngestError(origin, f"record is truncated: the file ends before it does{where}")
    if record.digest_checker is not None and any(
            p.startswith("block digest failed") for p in record.digest_checker.problems):
        return IngestError(origin, f"damaged record: its block digest does not match{where}")
    if len(data) > options.max_article_bytes:
        return IngestError(origin, f"page is over the limit of {options.max_article_bytes:,} "
                                   f"bytes (max_article_bytes){where}")
    if not data.strip():
        return IngestError(origin, f"empty page{where}")
    decoded = decode_bytes(data, declared=charset) if charset else decode_html(data)
    try:
        article = build_html_article(decoded, data, Metadata(url=uri), origin=origin,
                                     raw_format="html", options=options)
    except Rejected as exc:
        return IngestError(origin, f"{exc}{where}")
    except Exception as exc:  # a bug or a library failing on hostile input: one page lost
        LOG.exception("unexpected failure reading a WARC record")
        return IngestError(origin, f"could not read ({type(exc).__name__}: "
                                   f"{' '.join(str(exc).split())[:120]}){where}")
    if article.published is None:
        captured = normalize_published(record.rec_headers.get_header("WARC-Date"))
        if captured:
            article.published = captured
            article.decode_notes = article.decode_notes + (
                "publication date taken from WARC-Date (the capture time)",)
    return article
