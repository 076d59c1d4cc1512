"""The Python API for notebooks and scripts; it mirrors the CLI.

    >>> import strikewatch
    >>> result = strikewatch.extract_text(
    ...     "A Russian missile hit a school in Kharkiv on Monday, killing two people.",
    ...     published="2024-05-14", outlet="Example News")
    >>> [(e.location, e.date, e.killed.min) for e in result.events]   # doctest: +SKIP
    [('Kharkiv', '2024-05-13', 2)]

    >>> with strikewatch.open_database("events.db") as db:          # doctest: +SKIP
    ...     db.ingest(["samples/"])
    ...     for event in db.events(country="UA", attack_type="missile"):
    ...         print(event["date"], event["location"], event["killed"])
"""

from __future__ import annotations

import os
from typing import Any, Iterable

from . import ingest as ingest_stage
from . import pipeline
from .model import Event, Extraction, Options
from .store import EventQuery, Store, open_store


def extract_text(text: str, *, published: str | None = None, url: str | None = None,
                 outlet: str | None = None, title: str | None = None, id: str | None = None,
                 options: Options = Options()) -> Extraction:
    """Events, waves, aggregates and claims of one text, without a database."""
    article = ingest_stage.article_from_text(text, id=id, published=published, url=url,
                                             title=title, outlet=outlet)
    return pipeline.extract_article(article, options)[1]


def extract_html(html: str | bytes, *, url: str | None = None, published: str | None = None,
                 options: Options = Options()) -> Extraction:
    """As ``extract_text``, for a web page: the main text is found first."""
    article = ingest_stage.article_from_html(html, url=url, published=published)
    return pipeline.extract_article(article, options)[1]


class Database:
    """An open strikewatch database (SQLite path or ``postgresql://`` URL)."""

    def __init__(self, target: str | os.PathLike | None = None, options: Options = Options()):
        self.store: Store = open_store(target)
        self.options = options

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(self, paths: Iterable[str | os.PathLike]) -> pipeline.RunStats:
        """Ingest files, folders or JSONL corpora; returns counts and the errors met."""
        return pipeline.ingest([str(p) for p in paths], self.store, self.options)

    def events(self, as_dicts: bool = True, **filters: Any) -> list[dict[str, Any]] | list[Event]:
        """Events matching ``EventQuery`` filters (date_from, date_to, country, region,
        attacker, attack_type, weapon, target, min_killed, text, bbox, sort, limit)."""
        found = self.store.events(EventQuery(**filters))
        return [e.to_dict() for e in found] if as_dicts else found

    def event(self, event_id: str, as_dict: bool = True) -> dict[str, Any] | Event | None:
        found = self.store.event(event_id)
        if found is None or not as_dict:
            return found
        return found.to_dict()

    def article(self, article_id: str) -> dict[str, Any] | None:
        return self.store.article(article_id)


def open_database(target: str | os.PathLike | None = None,
                  options: Options = Options()) -> Database:
    return Database(target, options)
