"""The store interface and its SQL implementation, shared by SQLite and PostgreSQL.

One small interface (``Store``): the pipeline writes an article with everything extracted
from it in one transaction, and the faces (CLI, API) read events, articles, waves and
claims back as model objects. The engines differ only in connection, placeholders, blob
type and locking (``sqlite.py``, ``postgres.py``).
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

from ..model import (
    Aggregate, Article, Claim, CleaningSpan, Count, Document, Event, Extraction, ReportKey,
    Span, Wave, event_from_dict,
)
from .schema import MIGRATIONS, SCHEMA_VERSION

# Parsed reports kept in memory, least recently used out first. A stored report never
# changes (it is one article's view of an event, written once with the article and never
# updated or deleted). Resolve reads whole reports only when an event splits or was stored
# without a merge state (before schema 3); a busy day's splits read the same reports
# again. A report committed by another writer is the same row for everyone, so the cache
# is safe with concurrent writers too. About 15 KB per parsed report.
REPORT_CACHE_SIZE = 5_000
IN_CHUNK = 500                  # values per "IN (...)" statement


class StoreError(Exception):
    """A database that cannot be opened or used (wrong file, newer schema, server down)."""


@dataclass
class EventQuery:
    """Filters, sorting and paging for ``Store.events``; every filter is optional."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    region: str | None = None           # admin1, exact name, case-insensitive
    location: str | None = None
    attacker: str | None = None
    attack_type: str | None = None
    weapon: str | None = None
    target: str | None = None
    min_killed: int | None = None
    text: str | None = None             # substring of place names and evidence text
    bbox: tuple[float, float, float, float] | None = None   # min_lon, min_lat, max_lon, max_lat
    sort: str = "date"                  # date, -date, killed, -killed, location, -location
    limit: int | None = None
    offset: int = 0


# {c} is the engine's byte-wise collation and NULLs sort as the smallest value, so that
# a listing comes out in the same order from SQLite and PostgreSQL
SORTS = {
    "date": "date{c} ASC NULLS FIRST, id{c} ASC", "-date": "date{c} DESC NULLS LAST, id{c} ASC",
    "killed": "killed_min ASC NULLS FIRST, id{c} ASC",
    "-killed": "killed_min DESC NULLS LAST, id{c} ASC",
    "location": "location{c} ASC NULLS FIRST, id{c} ASC",
    "-location": "location{c} DESC NULLS LAST, id{c} ASC",
    "sources": "n_sources ASC, id{c} ASC", "-sources": "n_sources DESC, id{c} ASC",
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def report_id(article_id: str, index: int) -> str:
    return f"{article_id}#{index}"


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class Store:
    """SQL store. Subclasses provide ``_connect`` details; the SQL here is portable."""

    backend = "sql"
    placeholder = "?"
    blob_type = "BLOB"
    serial_type = "INTEGER PRIMARY KEY AUTOINCREMENT"
    text_order = ""             # appended to text columns in ORDER BY (PostgreSQL: "C")
    # False: the engine lets one writer in at a time (SQLite), so ``lock_keys`` has nothing
    # to do; True: writers run at once and must lock what they read and rewrite
    concurrent_writers = False

    def __init__(self, conn: Any, target: str):
        self.conn = conn
        self.target = target
        self._depth = 0
        self._report_cache: OrderedDict[str, Event] = OrderedDict()
        self._unkeyed_reports: bool | None = None      # rows stored before schema 3?

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _execute_many(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        """One statement for many rows: one round trip for a batch (PostgreSQL pipelines
        it), where a loop of ``_execute`` pays one per row."""
        rows = [tuple(r) for r in rows]
        if rows:
            self.conn.cursor().executemany(self._sql(sql), rows)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return list(self._execute(sql, params).fetchall())

    def _one(self, sql: str, params: Iterable[Any] = ()) -> tuple | None:
        return self._execute(sql, params).fetchone()

    def _rows_in(self, sql: str, values: Iterable[Any]) -> Iterator[tuple]:
        """The rows of ``sql`` (a constant with ``IN ({marks})``) for every one of ``values``,
        a statement per chunk: SQLite caps the number of parameters of one statement."""
        values = list(values)
        for i in range(0, len(values), IN_CHUNK):
            chunk = values[i:i + IN_CHUNK]
            yield from self._rows(sql.format(marks=",".join("?" * len(chunk))), chunk)

    def _begin(self) -> None:
        raise NotImplementedError

    def lock_keys(self, keys: Iterable[str]) -> None:
        """Serialise with every other writer that locks one of ``keys``, until the current
        transaction ends. A no-op where the engine already lets one writer in at a time
        (SQLite's BEGIN IMMEDIATE); PostgreSQL takes advisory locks."""

    def is_retryable(self, exc: BaseException) -> bool:
        """Did ``exc`` abort the transaction only because another writer got there first
        (deadlock, serialisation failure), so that running it again will succeed?"""
        return False

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All writes inside happen together or not at all; nesting joins the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.conn.rollback()
            raise
        self._depth = 0
        self.conn.commit()

    def schema_version(self) -> int:
        if self._depth:
            # inside a transaction a failed statement must not end it: try in a savepoint
            self._execute("SAVEPOINT schema_version")
            try:
                row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
            except Exception:
                self._execute("ROLLBACK TO SAVEPOINT schema_version")
                row = None
            self._execute("RELEASE SAVEPOINT schema_version")
            return int(row[0]) if row else 0
        try:
            row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        except Exception:
            self.conn.rollback()
            return 0
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.target}: database schema version {current} is newer than this "
                f"strikewatch understands ({SCHEMA_VERSION}); upgrade strikewatch")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                # several processes may open a new database at once: the first migrates,
                # the others wait here and then find the version already reached
                self.lock_keys(["schema:migrate"])
                if self.schema_version() >= version:
                    continue
                for statement in MIGRATIONS[version - 1]:
                    self._execute(statement.format(blob=self.blob_type, serial=self.serial_type))
                self._execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(version),))

    # -- articles ----------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        return {r[0] for r in self._rows_in("SELECT id FROM articles WHERE id IN ({marks})", ids)}

    def known_events(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored events (aliases do not count)."""
        return {r[0] for r in self._rows_in("SELECT id FROM events WHERE id IN ({marks})", ids)}

    def find_duplicate(self, article: Article) -> str | None:
        """The id of a stored article with the same text (whitespace-folded), if any."""
        row = self._one("SELECT id FROM articles WHERE content_hash = ? AND id <> ?",
                        (content_hash(article.text), article.id))
        return row[0] if row else None

    def add_article(self, article: Article, document: Document, extraction: Extraction,
                    reports: list[Event], keys: list[ReportKey]) -> None:
        """Store an article with its cleaning, extraction and its events as reports.

        ``reports`` are the article's events made ready for resolve (ids set), ``keys``
        their ``resolve.report_key`` (one each, in the same order). Must run
        inside ``transaction()``; the caller checks ``has_article`` first, so that
        re-ingesting an article changes nothing.
        """
        self._execute(
            "INSERT INTO articles (id, raw, raw_format, text, cleaned_text, published, url, "
            "title, outlet, language, origin, encoding, decode_notes, offsets, quality, "
            "content_hash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.raw, article.raw_format, article.text, document.text,
             document.published, article.url, article.title, article.outlet, article.language,
             article.origin, article.encoding, _dumps(list(article.decode_notes)),
             _dumps(document.offsets.segments), _dumps(asdict(document.quality)),
             content_hash(article.text), _now()))
        self._execute_many(
            "INSERT INTO cleaning_spans (article_id, seq, raw_start, raw_end, action, kind, "
            "reason, text, clean_start, clean_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
            ((article.id, seq, span.start, span.end, span.action, span.kind, span.reason,
              span.text, span.clean_start, span.clean_end)
             for seq, span in enumerate(document.spans)))
        self._execute_many(
            "INSERT INTO reports (id, article_id, seq, date, country, admin1, location, "
            "published, data, date_precision, region, attacker, attribution, shifty) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((report.id, article.id, seq, report.date, report.country, report.admin1,
              report.location, document.published, _dumps(report.to_dict()),
              key.date_precision, key.region, key.attacker, key.attribution, int(key.shifty))
             for seq, (report, key) in enumerate(zip(reports, keys, strict=True))))
        self._execute_many(
            "INSERT INTO claims (article_id, seq, report_id, kind, side, data) "
            "VALUES (?,?,?,?,?,?)",
            ((article.id, seq,
              report_id(article.id, claim.event_index) if claim.event_index is not None else None,
              claim.kind, claim.side, _dumps(claim.to_dict()))
             for seq, claim in enumerate(extraction.claims)))
        self._execute_many(
            "INSERT INTO aggregates (article_id, seq, data) VALUES (?,?,?)",
            ((article.id, seq, _dumps(aggregate.to_dict()))
             for seq, aggregate in enumerate(extraction.aggregates)))

    @staticmethod
    def _report_from_data(data: dict[str, Any]) -> Event:
        event = event_from_dict(data)
        event.id = data["id"]
        event.sources = list(data.get("sources") or [])
        return event

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT id, raw, raw_format, text, cleaned_text, published, url, title, outlet, "
            "language, origin, encoding, decode_notes, offsets, quality, ingested_at "
            "FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return None
        keys = ("id", "raw", "raw_format", "text", "cleaned_text", "published", "url", "title",
                "outlet", "language", "origin", "encoding", "decode_notes", "offsets", "quality",
                "ingested_at")
        out = dict(zip(keys, row))
        out["raw"] = bytes(out["raw"])
        for key in ("decode_notes", "offsets", "quality"):
            out[key] = json.loads(out[key])
        out["spans"] = [
            asdict(CleaningSpan(start=r[0], end=r[1], action=r[2], kind=r[3], reason=r[4],
                                text=r[5], clean_start=r[6], clean_end=r[7]))
            for r in self._rows(
                "SELECT raw_start, raw_end, action, kind, reason, text, clean_start, clean_end "
                "FROM cleaning_spans WHERE article_id = ? ORDER BY seq", (article_id,))]
        out["report_ids"] = [r[0] for r in self._rows(
            "SELECT id FROM reports WHERE article_id = ? ORDER BY seq", (article_id,))]
        return out

    def articles(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT id, published, outlet, title, url, origin FROM articles "
            f"ORDER BY published{self.text_order} NULLS FIRST, id{self.text_order} "
            "LIMIT ? OFFSET ?", (limit, offset))
        return [dict(zip(("id", "published", "outlet", "title", "url", "origin"), r)) for r in rows]

    def count_articles(self) -> int:
        return self._one("SELECT COUNT(*) FROM articles")[0]

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` that a stored article has as its url, exactly."""
        return {r[0] for r in self._rows_in("SELECT url FROM articles WHERE url IN ({marks})",
                                             urls)}

    # -- watched feeds (strikewatch watch; migration 2) ----------------------------------

    def feed_state(self, url: str) -> dict[str, Any] | None:
        """HTTP caching state and error count of a watched feed, None if never polled."""
        row = self._one("SELECT etag, last_modified, status, failures, error, polled_at "
                        "FROM watched_feeds WHERE url = ?", (url,))
        keys = ("etag", "last_modified", "status", "failures", "error", "polled_at")
        return dict(zip(keys, row)) if row else None

    def save_feed_state(self, url: str, *, etag: str | None, last_modified: str | None,
                        status: str, failures: int, error: str | None = None) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO watched_feeds (url, etag, last_modified, status, failures, error, "
                "polled_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (url) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, "
                "status = excluded.status, failures = excluded.failures, "
                "error = excluded.error, polled_at = excluded.polled_at",
                (url, etag, last_modified, status, failures, error, _now()))

    def add_feed_entry(self, article_id: str, url: str, feed_url: str, outcome: str,
                       detail: str | None = None) -> None:
        """Remember a feed entry handled without storing an article (``outcome``:
        "duplicate" of a stored text, or "failed" for good), so polls pass over it."""
        with self.transaction():
            self._execute(
                "INSERT INTO feed_entries (article_id, url, feed_url, outcome, detail, seen_at) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT (article_id) DO UPDATE SET "
                "outcome = excluded.outcome, detail = excluded.detail, seen_at = excluded.seen_at",
                (article_id, url, feed_url, outcome, detail, _now()))

    def known_feed_entries(self, article_ids: Iterable[str]) -> set[str]:
        return {r[0] for r in self._rows_in(
            "SELECT article_id FROM feed_entries WHERE article_id IN ({marks})", article_ids)}

    # -- reports and merged events (written by the pipeline after resolve) -----------------

    def wave_exists(self, wave_id: str) -> bool:
        return self._one("SELECT 1 FROM waves WHERE id = ?", (wave_id,)) is not None

    _KEY_COLUMNS = ("id, article_id, date, date_precision, country, admin1, region, location, "
                    "attacker, attribution, shifty")

    def report_keys_near(self, country: str | None, region: str, date_from: str, date_to: str
                         ) -> tuple[list[ReportKey], list[str]]:
        """The keys of the reports of ``country`` and ``region`` (admin1 folded) dated in the
        range, and the ids of reports in the range stored without a key (before schema 3),
        which the caller reads whole and filters itself."""
        if self._unkeyed_reports is None:
            # none once a database is migrated, as older versions refuse to write to it
            self._unkeyed_reports = self._one(
                "SELECT 1 FROM reports WHERE region IS NULL LIMIT 1") is not None
        region_is = "(region = ? OR region IS NULL)" if self._unkeyed_reports else "region = ?"
        return self._keys_of(self._rows(
            f"SELECT {self._KEY_COLUMNS} FROM reports WHERE country = ? AND {region_is} "
            "AND date >= ? AND date <= ?", (country, region, date_from, date_to)))

    def report_keys(self, ids: Iterable[str]) -> tuple[list[ReportKey], list[str]]:
        """The keys of the reports ``ids``, and those of them stored without a key."""
        return self._keys_of(self._rows_in(
            f"SELECT {self._KEY_COLUMNS} FROM reports WHERE id IN ({{marks}})", sorted(set(ids))))

    @staticmethod
    def _keys_of(rows: Iterable[tuple]) -> tuple[list[ReportKey], list[str]]:
        keys, unkeyed = [], []
        for (rid, article_id, day, precision, country, admin1, region, location, attacker,
             attribution, shifty) in rows:
            if region is None:
                unkeyed.append(rid)
                continue
            keys.append(ReportKey(
                id=rid, sources=(article_id,), date=day, date_precision=precision,
                country=country, admin1=admin1, region=region, location=location,
                attacker=attacker, attribution=attribution, shifty=bool(shifty)))
        return keys, unkeyed

    def reports(self, ids: Iterable[str]) -> list[Event]:
        """The stored reports of ``ids``, parsed. Callers must not change them: they are
        shared with the next call (see ``REPORT_CACHE_SIZE``)."""
        cache = self._report_cache
        out, missing = [], []
        for rid in sorted(set(ids)):
            hit = cache.get(rid)
            if hit is None:
                missing.append(rid)
            else:
                cache.move_to_end(rid)
                out.append(hit)
        for r in self._rows_in("SELECT data FROM reports WHERE id IN ({marks})", missing):
            report = self._report_from_data(json.loads(r[0]))
            cache[report.id] = report
            out.append(report)
        while len(cache) > REPORT_CACHE_SIZE:
            cache.popitem(last=False)
        return out

    def events_of_reports(self, report_ids: Iterable[str]) -> dict[str, list[str]]:
        """Map event id -> all its report ids, for the events holding any of ``report_ids``."""
        event_ids = {r[0] for r in self._rows_in(
            "SELECT event_id FROM event_reports WHERE report_id IN ({marks})",
            sorted(set(report_ids)))}
        return self.events_of_reports_by_id(event_ids)

    def replace_events(self, old_ids: Iterable[str], events: list[Event], article_id: str,
                       changes: dict[str, Any] | None = None,
                       states: dict[str, dict] | None = None,
                       stored_reports: dict[str, list[str]] | None = None) -> None:
        """Swap merged events: delete ``old_ids``, write ``events`` (ids set by resolve);
        an event whose id is among ``old_ids`` is written over the stored one.

        An old id that no longer exists afterwards becomes an alias of the new event that
        took over its reports, so links to it keep working. ``states`` are resolve's merge
        states of the events, kept for the next change (``event_states``);
        ``stored_reports`` the old events' report ids, if the caller has read them in this
        transaction (resolve's block has). Must run in a transaction.
        """
        old_ids = set(old_ids)
        new_ids = {e.id for e in events}
        old_reports = {eid: stored_reports[eid] for eid in old_ids} if stored_reports \
            is not None else self.events_of_reports_by_id(old_ids)
        for event_id in sorted(old_ids - new_ids):
            self._execute("DELETE FROM event_tags WHERE event_id = ?", (event_id,))
            self._execute("DELETE FROM event_reports WHERE event_id = ?", (event_id,))
            self._execute("DELETE FROM events WHERE id = ?", (event_id,))
        for event in events:
            state = (states or {}).get(event.id)
            if event.id in old_ids:
                self._rewrite_event(event, state, old_reports[event.id])
                continue
            self._insert_event(event, state)
            # an id in use again is an event, no longer an alias of another one
            self._execute("DELETE FROM event_aliases WHERE old_id = ?", (event.id,))
        for old in sorted(old_ids - new_ids):
            successor = next((e.id for e in events
                              if set(old_reports.get(old, ())) & {r for r in _report_ids(e)}), None)
            if successor:
                self._execute(
                    "INSERT INTO event_aliases (old_id, new_id) VALUES (?, ?) "
                    "ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id",
                    (old, successor))
                self._execute("UPDATE event_aliases SET new_id = ? WHERE new_id = ?",
                              (successor, old))
        for event in events:
            detail = (changes or {}).get(event.id)
            if detail:
                self._execute(
                    "INSERT INTO event_updates (event_id, article_id, at, detail) VALUES (?,?,?,?)",
                    (event.id, article_id, _now(), _dumps(detail)))

    def event_states(self, event_ids: Iterable[str]) -> dict[str, dict]:
        """Resolve's merge states of ``event_ids``, for those stored with one."""
        return {r[0]: json.loads(r[1]) for r in self._rows_in(
            "SELECT id, merge_state FROM events WHERE id IN ({marks}) "
            "AND merge_state IS NOT NULL", sorted(set(event_ids)))}

    def events_of_reports_by_id(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        """Map event id -> its report ids (sorted), for ``event_ids``."""
        event_ids = sorted(set(event_ids))
        out: dict[str, list[str]] = {event_id: [] for event_id in event_ids}
        # one query per chunk, not one per event: a busy day's block holds dozens
        for event_id, rid in self._rows_in(
                "SELECT event_id, report_id FROM event_reports WHERE event_id IN ({marks}) "
                f"ORDER BY event_id{self.text_order}, report_id{self.text_order}", event_ids):
            out[event_id].append(rid)
        return out

    _EVENT_COLUMNS = ("date", "date_precision", "country", "admin1", "location", "attacker",
                      "killed_min", "killed_max", "injured_min", "injured_max", "lat", "lon",
                      "wave_id", "disputed", "n_sources", "search_text", "data", "merge_state")

    @staticmethod
    def _event_row(event: Event, state: dict | None) -> tuple:
        """The values of ``_EVENT_COLUMNS`` for ``event``."""
        search = " ".join(filter(None, [
            event.location, event.admin1, event.sublocation, event.attacker_name,
            " ".join(s.text for spans in event.evidence.values() for s in spans)]))
        return (event.date, event.date_precision, event.country, event.admin1,
                event.location, event.attacker,
                event.killed.min if event.killed else None,
                event.killed.max if event.killed else None,
                event.injured.min if event.injured else None,
                event.injured.max if event.injured else None,
                event.lat, event.lon, event.wave_id, int(event.disputed), len(event.sources),
                search.lower(), _dumps(event.to_dict()),
                None if state is None else _dumps(state))

    def _insert_event(self, event: Event, state: dict | None = None) -> None:
        self._execute(
            f"INSERT INTO events (id, {', '.join(self._EVENT_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' * len(self._EVENT_COLUMNS))})",
            (event.id,) + self._event_row(event, state))
        self._execute_many("INSERT INTO event_reports (event_id, report_id) VALUES (?, ?)",
                           ((event.id, rid) for rid in _report_ids(event)))
        self._write_tags(event)

    def _rewrite_event(self, event: Event, state: dict | None,
                       stored_reports: Iterable[str]) -> None:
        """Write ``event`` over the stored event of the same id, whose reports were
        ``stored_reports``: the event's links to its reports change only by the reports
        that joined or left, as a strike's hundredth source should not rewrite ninety-nine."""
        self._execute(
            f"UPDATE events SET {', '.join(c + ' = ?' for c in self._EVENT_COLUMNS)} "
            "WHERE id = ?", self._event_row(event, state) + (event.id,))
        before, after = set(stored_reports), set(_report_ids(event))
        self._execute_many("DELETE FROM event_reports WHERE event_id = ? AND report_id = ?",
                           ((event.id, rid) for rid in sorted(before - after)))
        self._execute_many("INSERT INTO event_reports (event_id, report_id) VALUES (?, ?)",
                           ((event.id, rid) for rid in sorted(after - before)))
        self._execute("DELETE FROM event_tags WHERE event_id = ?", (event.id,))
        self._write_tags(event)

    def _write_tags(self, event: Event) -> None:
        tags = {("attack_type", v) for v in event.attack_types}
        tags |= {("weapon", v) for v in event.weapons} | {("target", v) for v in event.targets}
        self._execute_many("INSERT INTO event_tags (event_id, kind, value) VALUES (?, ?, ?)",
                           ((event.id, kind, value) for kind, value in sorted(tags)))

    # -- reading events ----------------------------------------------------------------

    def _where(self, q: EventQuery) -> tuple[str, list[Any]]:
        clauses, params = [], []
        simple = (("date >= ?", q.date_from), ("date <= ?", q.date_to),
                  ("country = ?", q.country.upper() if q.country else None),
                  ("LOWER(admin1) = LOWER(?)", q.region),
                  ("LOWER(location) = LOWER(?)", q.location),
                  ("attacker = ?", q.attacker), ("killed_min >= ?", q.min_killed))
        for clause, value in simple:
            if value is not None and value != "":
                clauses.append(clause)
                params.append(value)
        for kind, value in (("attack_type", q.attack_type), ("weapon", q.weapon),
                            ("target", q.target)):
            if value:
                clauses.append("EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = events.id "
                               "AND t.kind = ? AND LOWER(t.value) = LOWER(?))")
                params += [kind, value]
        if q.text:
            clauses.append("search_text LIKE ?")
            params.append("%" + q.text.lower().replace("%", "").replace("_", "") + "%")
        if q.bbox:
            min_lon, min_lat, max_lon, max_lat = q.bbox
            clauses.append("lon >= ? AND lon <= ? AND lat >= ? AND lat <= ?")
            params += [min_lon, max_lon, min_lat, max_lat]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @staticmethod
    def _event_from_row(row: tuple) -> Event:
        event = event_from_dict(json.loads(row[0]))
        event.wave_id = row[1]
        return event

    def events(self, query: EventQuery | None = None) -> list[Event]:
        q = query or EventQuery()
        where, params = self._where(q)
        order = SORTS.get(q.sort, SORTS["date"]).format(c=self.text_order)
        sql = f"SELECT data, wave_id FROM events{where} ORDER BY {order}"
        if q.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [q.limit, q.offset]
        return [self._event_from_row(r) for r in self._rows(sql, params)]

    def count_events(self, query: EventQuery | None = None) -> int:
        where, params = self._where(query or EventQuery())
        return self._one(f"SELECT COUNT(*) FROM events{where}", params)[0]

    def resolve_event_id(self, event_id: str) -> str:
        row = self._one("SELECT new_id FROM event_aliases WHERE old_id = ?", (event_id,))
        return row[0] if row else event_id

    def event(self, event_id: str) -> Event | None:
        row = self._one("SELECT data, wave_id FROM events WHERE id = ?",
                        (self.resolve_event_id(event_id),))
        return self._event_from_row(row) if row else None

    def event_summaries(self, ids: Iterable[str]) -> dict[str, Event]:
        """Events with only the fields an update log compares (day, place, side, tolls),
        read from their columns: a busy event's whole record carries every source's
        history, and decoding it for every new source made updates grow with the event."""
        ids = sorted(set(ids))
        out: dict[str, Event] = {}
        for r in self._rows_in(
                "SELECT id, date, location, attacker, killed_min, killed_max, injured_min, "
                "injured_max FROM events WHERE id IN ({marks})", ids):
            out[r[0]] = Event(id=r[0], date=r[1], location=r[2], attacker=r[3],
                              killed=_count(r[4], r[5]), injured=_count(r[6], r[7]))
        return out

    def find_events(self, prefix: str) -> list[str]:
        """Event ids starting with ``prefix`` (the CLI accepts a unique prefix)."""
        # ids are lower-case; SQLite's LIKE ignores case and PostgreSQL's does not
        like = prefix.lower().replace("%", "").replace("_", "\\_") + "%"
        return [r[0] for r in self._rows(
            "SELECT id FROM events WHERE id LIKE ? ESCAPE '\\' "
            f"ORDER BY id{self.text_order} LIMIT 10", (like,))]

    def event_updates(self, event_id: str) -> list[dict[str, Any]]:
        rows = self._rows("SELECT article_id, at, detail FROM event_updates WHERE event_id = ? "
                          "ORDER BY seq", (event_id,))
        return [{"article_id": r[0], "at": r[1], "detail": json.loads(r[2])} for r in rows]

    def claims(self, event_id: str | None = None, article_id: str | None = None) -> list[Claim]:
        if event_id is not None:
            rows = self._rows(
                "SELECT c.data FROM claims c JOIN event_reports er ON er.report_id = c.report_id "
                f"WHERE er.event_id = ? ORDER BY c.article_id{self.text_order}, c.seq",
                (self.resolve_event_id(event_id),))
        elif article_id is not None:
            rows = self._rows("SELECT data FROM claims WHERE article_id = ? ORDER BY seq",
                              (article_id,))
        else:
            rows = self._rows(
                f"SELECT data FROM claims ORDER BY article_id{self.text_order}, seq")
        return [_claim_from_dict(json.loads(r[0])) for r in rows]

    def aggregates(self, article_id: str | None = None) -> list[Aggregate]:
        if article_id is None:
            rows = self._rows(
                f"SELECT data FROM aggregates ORDER BY article_id{self.text_order}, seq")
        else:
            rows = self._rows("SELECT data FROM aggregates WHERE article_id = ? ORDER BY seq",
                              (article_id,))
        return [_aggregate_from_dict(json.loads(r[0])) for r in rows]

    # -- waves -------------------------------------------------------------------------

    def add_wave_reports(self, article_id: str, waves: list[Wave]) -> None:
        self._execute_many("INSERT INTO wave_reports (wave_id, article_id, seq, data) "
                           "VALUES (?,?,?,?)", ((wave.id, article_id, seq, _dumps(wave.to_dict()))
                                                for seq, wave in enumerate(waves)))

    def wave_reports(self, wave_id: str) -> list[Wave]:
        rows = self._rows("SELECT data FROM wave_reports WHERE wave_id = ? "
                          f"ORDER BY article_id{self.text_order}, seq", (wave_id,))
        return [_wave_from_dict(json.loads(r[0])) for r in rows]

    def put_wave(self, wave: Wave) -> None:
        self._execute("DELETE FROM waves WHERE id = ?", (wave.id,))
        self._execute("INSERT INTO waves (id, date, attacker, target_country, data) "
                      "VALUES (?,?,?,?,?)",
                      (wave.id, wave.date, wave.attacker, wave.target_country,
                       _dumps(wave.to_dict())))

    def waves(self, date_from: str | None = None, date_to: str | None = None) -> list[Wave]:
        clauses, params = [], []
        if date_from:
            clauses.append("date >= ?")
            params.append(date_from)
        if date_to:
            clauses.append("date <= ?")
            params.append(date_to)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return [_wave_from_dict(json.loads(r[0])) for r in self._rows(
            f"SELECT data FROM waves{where} "
            f"ORDER BY date{self.text_order} NULLS FIRST, id{self.text_order}", params)]

    def link_wave(self, wave: Wave) -> None:
        """City events of the wave's day, side and country belong to the wave."""
        self._execute(
            "UPDATE events SET wave_id = ? WHERE date = ? AND attacker = ? AND country = ? "
            "AND date_precision = 'day'", (wave.id, wave.date, wave.attacker, wave.target_country))

    def wave(self, wave_id: str) -> Wave | None:
        row = self._one("SELECT data FROM waves WHERE id = ?", (wave_id,))
        return _wave_from_dict(json.loads(row[0])) if row else None

    # -- statistics ----------------------------------------------------------------------

    def stats(self, query: EventQuery | None = None) -> dict[str, Any]:
        where, params = self._where(query or EventQuery())
        by_day = self._rows(
            f"SELECT date, COUNT(*), SUM(killed_min), SUM(injured_min) FROM events{where} "
            f"GROUP BY date ORDER BY date{self.text_order} NULLS FIRST", params)
        by_region = self._rows(
            f"SELECT country, admin1, COUNT(*), SUM(killed_min), SUM(injured_min) FROM events"
            f"{where} GROUP BY country, admin1 "
            f"ORDER BY COUNT(*) DESC, admin1{self.text_order} NULLS FIRST", params)
        return {
            "articles": self.count_articles(),
            "events": self.count_events(query),
            "waves": self._one("SELECT COUNT(*) FROM waves")[0],
            "by_day": [{"date": r[0], "events": r[1], "killed": r[2] or 0, "injured": r[3] or 0}
                       for r in by_day],
            "by_region": [{"country": r[0], "admin1": r[1], "events": r[2], "killed": r[3] or 0,
                           "injured": r[4] or 0} for r in by_region],
        }


def _count(low: int | None, high: int | None) -> Count | None:
    return None if low is None and high is None else Count(low, high)


def _report_ids(event: Event) -> list[str]:
    return list(event.report_ids)


def _claim_from_dict(d: dict[str, Any]) -> Claim:
    return Claim(speaker=d["speaker"], role=d.get("role"), side=d.get("side", "unknown"),
                 kind=d.get("kind", "other"), text=d.get("text", ""),
                 span=Span.from_dict(d["span"]) if d.get("span") else None,
                 article_id=d.get("article_id"), event_index=d.get("event_index"))


def _aggregate_from_dict(d: dict[str, Any]) -> Aggregate:
    return Aggregate(text=d["text"], period=d.get("period"), figure=Count.from_dict(d.get("figure")),
                     unit=d.get("unit"), span=Span.from_dict(d["span"]) if d.get("span") else None,
                     article_id=d.get("article_id"))


def _wave_from_dict(d: dict[str, Any]) -> Wave:
    return Wave(date=d.get("date"), attacker=d.get("attacker", "unknown"),
                target_country=d.get("target_country", "UA"),
                launched=dict(d.get("launched") or {}), intercepted=dict(d.get("intercepted") or {}),
                date_precision=d.get("date_precision", "day"),
                evidence={k: [Span.from_dict(s) for s in v]
                          for k, v in (d.get("evidence") or {}).items()},
                id=d.get("id"), sources=list(d.get("sources") or []))
