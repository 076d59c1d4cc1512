"""RSS and Atom feeds: the list of articles a feed links to, with what it says about them.

feedparser reads every RSS version, RDF and Atom, and copes with the malformed feeds news
sites publish. It is only ever handed bytes already fetched (as a stream: given a string,
feedparser would open it as a URL or a file name), so parsing a feed never touches the
network or the disk.

What an entry gives: its link (resolved against the feed's URL), title and dates. The
publication date is read as written, in the publisher's time zone (``normalize_published``),
like every date at ingest; ``updated`` is kept apart, since an update is not a publication
(the caller uses it only when neither the feed nor the page gives a publication date).

Needs the ``live`` extra (feedparser).
"""

from __future__ import annotations

import html
import io
import re
import time
from dataclasses import dataclass

import feedparser

from .articles import Rejected
from .dates import normalize_published
from .http import check_url

# The root element of a feed, after an XML declaration, comments, processing instructions
# (stylesheets) and a doctype: what tells a feed from other XML or HTML by its content.
_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:(?:<\?[^>]{0,500}\?>|<!--.{0,2000}?-->|<!DOCTYPE[^>]{0,500}>)\s*)*"
    rb"<(?:rss|feed|(?:[A-Za-z][\w.-]{0,20}:)?RDF)[\s>]", re.S | re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")
_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$", re.I)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: an article to fetch, with the feed's metadata for it."""

    url: str
    title: str | None = None
    published: str | None = None    # YYYY-MM-DD, as the feed gives it
    updated: str | None = None      # YYYY-MM-DD: the last update, a fallback only
    language: str | None = None     # the feed's language, for every entry


@dataclass(frozen=True)
class Feed:
    url: str
    title: str | None
    entries: tuple[FeedEntry, ...]
    version: str = ""               # "rss20", "atom10" ... as feedparser names it
    problems: tuple[str, ...] = ()  # entries passed over (no link, not http), one line each


def looks_like_feed(head: bytes) -> bool:
    """Whether a document starts like RSS, RDF or Atom (its root element)."""
    return bool(_FEED_ROOT.match(head[:8192]))


def _text(value: object, is_html: bool = False) -> str | None:
    if not isinstance(value, str):
        return None
    if is_html:
        value = html.unescape(_TAG.sub(" ", value))
    value = " ".join(value.split())
    return value or None


def _date(entry: dict, key: str) -> str | None:
    # dict.get: feedparser's own get() answers "updated" with the published date when an
    # entry has no update (a deprecated fallback), which would blur the two
    raw = dict.get(entry, key)
    date = normalize_published(raw) if isinstance(raw, str) else None
    if date is None:
        # a form our reader does not know but feedparser does: its UTC reading of it
        parsed = dict.get(entry, f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            date = normalize_published(time.strftime("%Y-%m-%d", parsed))
    return date


def _language(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _LANGUAGE_TAG.match(value.strip())
    return match.group(1).lower() if match else None


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> Feed:
    """The entries of an RSS/Atom document fetched from ``url``; raises ``Rejected`` when
    the document is not a feed. Entries without an http(s) link are listed in ``problems``;
    a link given twice is kept once."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers,
                                  sanitize_html=False)
    except Exception as exc:  # feedparser on hostile input: the feed is lost, not the batch
        raise Rejected(f"cannot parse the feed ({type(exc).__name__})") from None
    if not parsed.get("version") and not parsed.entries:
        detail = parsed.get("bozo_exception")
        why = f" ({' '.join(str(detail).split())[:100]})" if detail else ""
        raise Rejected(f"not an RSS or Atom feed{why}")
    info = parsed.feed
    language = _language(info.get("language"))
    entries: list[FeedEntry] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(parsed.entries, 1):
        title_is_html = (entry.get("title_detail") or {}).get("type") == "text/html"
        title = _text(entry.get("title"), title_is_html)
        link = _text(entry.get("link"))
        if not link:
            problems.append(f"entry {number} ({title or 'untitled'}) has no link: skipped")
            continue
        why = check_url(link)
        if why:
            problems.append(f"entry {number} link {link[:100]!r}: {why}: skipped")
            continue
        if link in seen:
            continue
        seen.add(link)
        entries.append(FeedEntry(url=link, title=title, published=_date(entry, "published"),
                                 updated=_date(entry, "updated"), language=language))
    return Feed(url=url, title=_text(info.get("title")), entries=tuple(entries),
                version=parsed.get("version") or "", problems=tuple(problems))
