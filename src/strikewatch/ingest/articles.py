"""Article builders shared by the readers and the Python API.

A reader hands over what it read (raw bytes, decoded text, metadata as found) and gets back
an ``Article`` or the reason there is none (``Rejected``), which the reader turns into an
``IngestError`` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..model import Article, Options
from .dates import normalize_published
from .decoding import Decoded, repair_text, text_binary_reason
from .html import decode_html, extract_html
from .ids import make_article_id

DEFAULT_OPTIONS = Options()

# metadata keys read from JSONL objects and sidecars (CODEBOOK section 8), and the other
# names they commonly go by, tried in this order
METADATA_KEYS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "published": ("published", "date"),
    "url": ("url",),
    "title": ("title",),
    "outlet": ("outlet",),
    "language": ("language", "lang"),
}

_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$", re.I)


class Rejected(ValueError):
    """Input that yields no article; the message is one line, for a person."""


@dataclass
class Metadata:
    """Metadata as given with the input (JSONL fields, sidecar, keyword arguments)."""

    id: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)


def _one_line(value: Any, limit: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def json_type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def metadata_from_mapping(obj: Mapping[str, Any]) -> Metadata:
    """Read metadata from a JSON object. A malformed optional field is dropped with a note,
    a malformed ``id`` rejects the article (an id is how every later stage refers to it).
    Explicit names win over alternative ones (``published`` over ``date``)."""
    meta = Metadata()
    raw_id = obj.get("id")
    if raw_id is not None:
        if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
            raise Rejected(f"`id` must be a string, got {json_type_name(raw_id)}")
        meta.id = str(raw_id).strip() or None
    for name, keys in METADATA_KEYS.items():
        if name == "id":
            continue
        key = next((k for k in keys if obj.get(k) not in (None, "")), None)
        if key is None:
            continue
        value = obj[key]
        if name == "published":
            meta.published = normalize_published(value)
            if meta.published is None:
                meta.notes.append(f"`{key}` {_one_line(value)!r} is not a date: left empty")
            continue
        if not isinstance(value, str):
            meta.notes.append(f"`{key}` ignored: {json_type_name(value)}, not a string")
            continue
        if name == "language":
            match = _LANGUAGE_TAG.match(value.strip())
            if match:
                meta.language = match.group(1).lower()
            else:
                meta.notes.append(f"`{key}` {_one_line(value)!r} is not a language code: ignored")
            continue
        setattr(meta, name, " ".join(value.split()) or None)
    return meta


def _check_text(text: str, what: str) -> tuple[str, tuple[str, ...]]:
    reason = text_binary_reason(text)
    if reason:
        raise Rejected(reason)
    if not text.strip():
        raise Rejected(f"empty {what} (nothing but white space)" if text else f"empty {what}")
    return repair_text(text)


def check_size(size: int, options: Options, what: str = "article") -> None:
    if size > options.max_article_bytes:
        raise Rejected(f"{what} is {size:,} bytes, over the limit of "
                       f"{options.max_article_bytes:,} bytes (max_article_bytes)")


def utf8_size(text: str) -> int:
    # a str of n characters takes n to 4n bytes: only encode when it might be over a limit
    return len(text.encode("utf-8", "surrogatepass"))


def build_text_article(
    decoded: Decoded, raw: bytes, meta: Metadata, *, origin: str, raw_format: str,
    options: Options = DEFAULT_OPTIONS,
) -> Article:
    """An article whose text is ``decoded.text``; raises ``Rejected``."""
    text, repairs = _check_text(decoded.text, "text")
    return Article(
        id=meta.id or make_article_id(meta.url, text),
        text=text,
        raw=raw,
        raw_format=raw_format,
        published=meta.published,
        url=meta.url,
        title=meta.title,
        outlet=meta.outlet,
        language=meta.language or options.default_language,
        origin=origin,
        encoding=decoded.encoding,
        decode_notes=decoded.notes + repairs + tuple(meta.notes),
    )


def build_html_article(
    decoded: Decoded, raw: bytes, meta: Metadata, *, origin: str, raw_format: str,
    options: Options = DEFAULT_OPTIONS,
) -> Article:
    """An article from an HTML page; metadata given in ``meta`` wins over the page's own."""
    markup, repairs = _check_text(decoded.text, "HTML")
    page = extract_html(markup, url=meta.url)
    text = page.text
    if not text.strip():
        raise Rejected("no article text found in HTML")
    url = meta.url or page.url
    return Article(
        # the id hashes the url, else the HTML source: stable across extractor versions
        id=meta.id or make_article_id(url, markup),
        text=text,
        raw=raw,
        raw_format=raw_format,
        published=meta.published or page.published,
        url=url,
        title=meta.title or page.title,
        outlet=meta.outlet or page.outlet,
        language=meta.language or page.language or options.default_language,
        origin=origin,
        encoding=decoded.encoding,
        decode_notes=decoded.notes + repairs + tuple(meta.notes) + page.notes,
    )


# --- the Python API --------------------------------------------------------------------------

def _keyword_metadata(id: str | None, published: Any, url: str | None, title: str | None,
                      outlet: str | None, language: str | None) -> Metadata:
    given = {"id": id, "published": published, "url": url, "title": title, "outlet": outlet,
             "language": language}
    return metadata_from_mapping({k: v for k, v in given.items() if v is not None})


def article_from_text(
    text: str, *, id: str | None = None, published: Any = None, url: str | None = None,
    title: str | None = None, outlet: str | None = None, origin: str = "<text>",
    language: str | None = None, options: Options = DEFAULT_OPTIONS,
) -> Article:
    """An article from text in memory. ``raw`` is the text encoded as UTF-8.

    Raises ``ValueError`` (``Rejected``) for empty or binary text or text over
    ``options.max_article_bytes``.
    """
    if not isinstance(text, str):
        raise Rejected(f"text must be a str, got {type(text).__name__}")
    meta = _keyword_metadata(id, published, url, title, outlet, language)
    text, repairs = repair_text(text)
    raw = text.encode("utf-8")
    check_size(len(raw), options)
    return build_text_article(Decoded(text, "utf-8", repairs), raw, meta, origin=origin,
                              raw_format="text", options=options)


def article_from_html(
    html: str | bytes, *, id: str | None = None, url: str | None = None,
    published: Any = None, origin: str = "<html>", title: str | None = None,
    outlet: str | None = None, language: str | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Article:
    """An article from an HTML page in memory (bytes are decoded as a file would be).

    Metadata passed here wins over what the page says. Raises ``ValueError``
    (``Rejected``) when the page has no article text.
    """
    if isinstance(html, (bytes, bytearray)):
        raw = bytes(html)
        check_size(len(raw), options)
        decoded = decode_html(raw)
    elif isinstance(html, str):
        text, repairs = repair_text(html)
        raw = text.encode("utf-8")
        check_size(len(raw), options)
        decoded = Decoded(text, "utf-8", repairs)
    else:
        raise Rejected(f"html must be str or bytes, got {type(html).__name__}")
    meta = _keyword_metadata(id, published, url, title, outlet, language)
    return build_html_article(decoded, raw, meta, origin=origin, raw_format="html",
                              options=options)
