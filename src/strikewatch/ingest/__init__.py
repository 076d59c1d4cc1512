"""Ingest: turn input files, directories and streams into ``Article`` objects.

Every reader is a generator of ``Article | IngestError``: bad input becomes one error item
naming its file (and line) and the batch goes on; large inputs stream in bounded memory.

    >>> from strikewatch.ingest import read
    >>> for item in read(["articles.jsonl", "pages/"]):   # doctest: +SKIP
    ...     print(item.id if hasattr(item, "id") else f"skipped {item}")

Progress: ``count_items(paths)`` says ahead how many items ``read(paths)`` will yield (None
for standard input), so the CLI can size a progress bar and advance it once per item.

Live sources (the ``live`` extra: httpx, feedparser, warcio) are read by the same ``read``:
``http(s)://`` URLs of pages and RSS/Atom feeds, and ``.warc``/``.warc.gz`` archives. Their
modules load on first use (``read_url``, ``read_warc``, ``Fetcher``, ``HttpSettings``,
``FetchError``, ``parse_feed`` are importable from here), so a base install without the
extra still reads files.
"""

from ..model import Article, IngestError, Options
from .articles import Rejected, article_from_html, article_from_text
from .dates import normalize_published
from .decoding import decode_bytes
from .html import extract_html
from .ids import make_article_id
from .readers import count_items, read, read_stream

__all__ = [
    "Article", "IngestError", "Options", "Rejected",
    "read", "read_stream", "count_items",
    "article_from_text", "article_from_html",
    "make_article_id", "normalize_published", "decode_bytes", "extract_html",
]

# name -> module of the live-source API, imported on first use (PEP 562)
_LIVE = {"read_url": "web", "fetch_feed": "web", "entry_article": "web", "fetch_page": "web",
         "read_warc": "warc", "Fetcher": "http", "HttpSettings": "http", "FetchError": "http",
         "parse_feed": "feeds", "Feed": "feeds", "FeedEntry": "feeds"}


def __getattr__(name: str):
    if name in _LIVE:
        import importlib
        return getattr(importlib.import_module(f".{_LIVE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
