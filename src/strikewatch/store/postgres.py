"""PostgreSQL: the server store, for archives and for several writers at once.

The SQL is ``base.Store``'s; this module only supplies the connection (psycopg 3), the
placeholder (``%s``), the blob type (BYTEA) and the locking that makes concurrent writers
safe.

Why locks at all: ``pipeline.store_processed`` reads the stored reports near a new one,
merges them and rewrites the events they form. Two writers doing that at once for the same
place and day would each miss the other's uncommitted report and both write the event (a
duplicate, or a lost update). SQLite avoids this by letting one writer in at a time. Here
each transaction takes ``pg_advisory_xact_lock`` on the (country, day) blocks it is about
to read and rewrite, in sorted order so two writers never wait for each other in a cycle;
writers on other blocks run in parallel. The transactions run at READ COMMITTED so that
every statement after a lock wait sees what the previous holder committed.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable
from urllib.parse import urlsplit, urlunsplit

from .base import Store, StoreError

# SQLSTATEs after which the whole transaction can simply run again: deadlock_detected,
# serialization_failure (both are PostgreSQL's way of saying "another writer got there
# first"), and unique_violation, which a concurrent insert of the same key can raise
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001", "23505"})

_PLACEHOLDER = re.compile(r"%|\?")


def lock_key(key: str) -> int:
    """A stable signed 64-bit number for an advisory lock (the same in every process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(),
                          "big", signed=True)


def redact(url: str) -> str:
    """The URL without its password, for messages and ``Store.target``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://..."
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{netloc}", parts.path, parts.query, ""))


class PostgresStore(Store):
    backend = "postgresql"
    placeholder = "%s"
    blob_type = "BYTEA"
    serial_type = "BIGSERIAL PRIMARY KEY"
    # PostgreSQL sorts text by the database's locale, SQLite byte-wise; "C" makes both
    # sort alike, so a listing is the same on either engine
    text_order = ' COLLATE "C"'
    concurrent_writers = True

    def __init__(self, conn: Any, target: str):
        super().__init__(conn, target)
        self._sql_cache: dict[str, str] = {}

    @classmethod
    def open(cls, url: str) -> "PostgresStore":
        try:
            import psycopg
        except ImportError as exc:  # the optional dependency group
            raise ImportError("PostgreSQL needs psycopg: pip install 'strikewatch[postgres]'"
                              ) from exc
        try:
            # autocommit: transactions are opened explicitly by ``_begin`` (as SQLite's
            # BEGIN IMMEDIATE), so a read outside ``transaction()`` holds no snapshot open
            conn = psycopg.connect(url, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise StoreError(f"{redact(url)}: cannot connect to PostgreSQL: "
                             f"{str(exc).strip()}") from exc
        store = cls(conn, redact(url))
        try:
            store.migrate()
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"{redact(url)}: cannot create or migrate the schema: "
                             f"{str(exc).strip()}") from exc
        return store

    def _sql(self, sql: str) -> str:
        out = self._sql_cache.get(sql)
        if out is None:
            # "?" -> "%s"; a literal "%" (LIKE patterns in the SQL text) must be doubled
            out = _PLACEHOLDER.sub(lambda m: "%%" if m.group() == "%" else "%s", sql)
            self._sql_cache[sql] = out
        return out

    @staticmethod
    def _params(params: Iterable[Any]) -> tuple:
        # PostgreSQL text cannot hold NUL; U+FFFD keeps every offset into the text valid
        # (the raw bytes, in BYTEA, keep the NUL)
        return tuple(p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p
                     else p for p in params)

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), self._params(params))
        return cur

    def _execute_many(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        rows = [self._params(r) for r in rows]
        if rows:
            self.conn.cursor().executemany(self._sql(sql), rows)

    def _begin(self) -> None:
        self.conn.execute("BEGIN ISOLATION LEVEL READ COMMITTED")

    def lock_keys(self, keys: Iterable[str]) -> None:
        numbers = sorted({lock_key(k) for k in keys})
        if numbers:
            # one round trip; the ORDER BY makes the server take them in sorted order
            self._execute("SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS t(k) "
                          "ORDER BY k", (numbers,))

    def is_retryable(self, exc: BaseException) -> bool:
        return getattr(exc, "sqlstate", None) in RETRYABLE_SQLSTATES
