"""URLs: an article page, or a feed whose every linked article is fetched.

``read_url`` is what ``ingest.read`` calls for an ``http(s)://`` path: it fetches the URL,
tells a feed from a page by its content type and its first bytes, and yields articles and
errors like every other reader, one bad URL never stopping the others.

Metadata, as for JSONL: what the source states explicitly wins over what the page says.
For a feed entry that is the entry's link, title and publication date; the page fills the
gaps (outlet, language, a date the feed lacks); the entry's ``updated`` date comes last.
The article id is the ingest stage's stable id of the URL as linked (``make_article_id``),
so a watcher can tell a known article from its link alone, before fetching it.

Needs the ``live`` extra (httpx, feedparser).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Iterator

from ..model import Article, IngestError, Options
from .articles import DEFAULT_OPTIONS, Metadata, Rejected, build_html_article, build_text_article
from .decoding import Decoded, binary_reason, decode_bytes
from .feeds import Feed, FeedEntry, looks_like_feed, parse_feed
from .formats import HTML_BODY_MARKERS, HTML_START_MARKERS, SNIFF_BYTES
from .html import decode_html
from .http import FetchError, Fetcher, Response

LOG = logging.getLogger(__name__)

_XHTML_ROOT = re.compile(rb"<html[\s>]", re.I)

Item = Article | IngestError

# What a content type holds. A type not listed is refused before its body is downloaded.
PAGE_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
# Feeds come under their own types and, from many servers, as generic XML; some serve them as
# text/html or text/plain, which the first bytes then reveal.
FEED_TYPES: frozenset[str] = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/x-rss+xml", "application/x-atom+xml",
})
SOURCE_TYPES: frozenset[str] = frozenset(PAGE_TYPES) | FEED_TYPES

ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
ACCEPT_FEED = ("application/rss+xml,application/atom+xml,application/xml;q=0.9,"
               "text/xml;q=0.9,*/*;q=0.1")
ACCEPT_ANY = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
              "application/xml;q=0.9,text/plain;q=0.5,*/*;q=0.1")


def kind_of_response(response: Response) -> str:
    """``feed``, ``html`` or ``text``; raises ``Rejected`` for binary or unknown content."""
    head = response.body[:SNIFF_BYTES]
    if not head.strip():
        raise Rejected("empty response")
    reason = binary_reason(head)
    if reason:
        raise Rejected(reason)
    media = response.media_type
    if looks_like_feed(head) and (media is None or media in SOURCE_TYPES):
        return "feed"
    if media in PAGE_TYPES:
        return PAGE_TYPES[media]
    if media in FEED_TYPES:
        if _XHTML_ROOT.search(head[:8192]):
            return "html"  # XHTML served as XML
        raise Rejected(f"XML document ({media}) is not an RSS or Atom feed")
    if media is None:
        lower = head.lstrip().lower()
        html = lower.startswith(HTML_START_MARKERS) or any(m in lower for m in HTML_BODY_MARKERS)
        return "html" if html else "text"
    raise Rejected(f"not an article page or feed: content-type {media}")


def decode_response(response: Response, kind: str) -> Decoded:
    """Body bytes to text: the charset of the Content-Type header, else the page's
    ``<meta charset>``, else detection (``decode_bytes``); the header wins, as in browsers."""
    if response.charset:
        return decode_bytes(response.body, declared=response.charset)
    return decode_html(response.body) if kind == "html" else decode_bytes(response.body)


def article_from_response(response: Response, meta: Metadata, options: Options = DEFAULT_OPTIONS,
                          kind: str | None = None) -> Article:
    """An article from a fetched page; ``meta`` wins over the page. Raises ``Rejected``."""
    kind = kind or kind_of_response(response)
    if kind == "feed":
        raise Rejected("a feed, not an article page")
    if len(response.body) > options.max_article_bytes:
        raise Rejected(f"page is {len(response.body):,} bytes, over the limit of "
                       f"{options.max_article_bytes:,} bytes (max_article_bytes)")
    notes = list(meta.notes)
    if response.final_url != response.url:
        notes.append(f"fetched from {response.final_url} (redirected)")
    meta = replace(meta, url=meta.url or response.url, notes=notes)
    build = build_html_article if kind == "html" else build_text_article
    return build(decode_response(response, kind), response.body, meta, origin=response.url,
                 raw_format=kind, options=options)


def fetch_page(url: str, fetcher: Fetcher, options: Options = DEFAULT_OPTIONS,
               meta: Metadata | None = None) -> Article:
    """Fetch an article page; raises ``FetchError`` or ``Rejected``."""
    response = fetcher.get(url, max_bytes=options.max_article_bytes, accept=ACCEPT_PAGE,
                           media_types=PAGE_TYPES, what="an article page")
    kind = kind_of_response(response)
    if kind == "feed":
        raise Rejected("links to a feed, not an article page")
    return article_from_response(response, meta or Metadata(url=url), options, kind)


def entry_article(entry: FeedEntry, fetcher: Fetcher,
                  options: Options = DEFAULT_OPTIONS) -> Article:
    """Fetch the article a feed entry links to, with the entry's metadata; raises
    ``FetchError`` or ``Rejected``."""
    meta = Metadata(url=entry.url, title=entry.title, published=entry.published,
                    language=entry.language)
    article = fetch_page(entry.url, fetcher, options, meta)
    if article.published is None and entry.updated:
        article = replace(article, published=entry.updated, decode_notes=article.decode_notes + (
            "publication date taken from the feed entry's last update",))
    return article


def fetch_feed(url: str, fetcher: Fetcher, *, etag: str | None = None,
               last_modified: str | None = None) -> tuple[Response, Feed | None]:
    """Fetch and parse a feed; the feed is None when the server answers 304 Not Modified
    to the validators given. Raises ``FetchError`` or ``Rejected``."""
    response = fetcher.get(url, max_bytes=fetcher.settings.max_feed_bytes, accept=ACCEPT_FEED,
                           media_types=SOURCE_TYPES, what="a feed", etag=etag,
                           last_modified=last_modified)
    if response.status == 304:
        return response, None
    if kind_of_response(response) != "feed":
        raise Rejected(f"not an RSS or Atom feed (content-type {response.media_type or 'missing'})")
    return response, parse_feed(response.body, response.final_url,
                                _content_type(response))


def unexpected(exc: Exception) -> str:
    LOG.exception("unexpected failure reading a URL")
    return f"could not read ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})"


def _content_type(response: Response) -> str | None:
    if response.media_type and response.charset:
        return f"{response.media_type}; charset={response.charset}"
    return response.media_type


def feed_items(feed: Feed, fetcher: Fetcher, options: Options = DEFAULT_OPTIONS) -> Iterator[Item]:
    """Every article a feed links to, in feed order, and an error per entry that failed."""
    for problem in feed.problems:
        yield IngestError(feed.url, problem)
    for entry in feed.entries:
        try:
            yield entry_article(entry, fetcher, options)
        except FetchError as exc:
            yield IngestError(entry.url, f"{exc.reason} (linked from {feed.url})")
        except Rejected as exc:
            yield IngestError(entry.url, f"{exc} (linked from {feed.url})")
        except Exception as exc:  # a bug or a library failing on hostile input: one entry lost
            yield IngestError(entry.url, unexpected(exc))


def read_url(url: str, options: Options = DEFAULT_OPTIONS,
             fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Articles from a URL: the page itself, or every article of a feed."""
    own = fetcher is None
    if fetcher is None:
        fetcher = Fetcher()
    try:
        limit = max(options.max_article_bytes, fetcher.settings.max_feed_bytes)
        try:
            response = fetcher.get(url, max_bytes=limit, accept=ACCEPT_ANY,
                                   media_types=SOURCE_TYPES, what="an article page or feed")
            kind = kind_of_response(response)
            if kind == "feed":
                feed = parse_feed(response.body, response.final_url, _content_type(response))
            else:
                yield article_from_response(response, Metadata(url=url), options, kind)
                return
        except FetchError as exc:
            yield IngestError(url, exc.reason)
            return
        except Rejected as exc:
            yield IngestError(url, str(exc))
            return
        except Exception as exc:  # a bug or a library failing on hostile input: one URL lost
            yield IngestError(url, unexpected(exc))
            return
        yield from feed_items(feed, fetcher, options)
    finally:
        if own:
            fetcher.close()
