"""SQLite: the embedded default store (one file, WAL journal, one writer at a time)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from .base import Store, StoreError

BUSY_SECONDS = 60               # how long a connection waits for another writer's lock


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. Several processes opening a new file at once can find it mid-switch,
    and SQLite then answers "database is locked" at once, without waiting the busy timeout
    (its busy handler is not called there): wait and ask again, as the timeout would."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class SQLiteStore(Store):
    backend = "sqlite"

    @classmethod
    def open(cls, path: str | Path) -> "SQLiteStore":
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        if path.exists() and path.stat().st_size:
            with open(path, "rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise StoreError(f"{path}: not a SQLite database (refusing to overwrite it)")
        if path.parent and not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
        try:
            # autocommit mode: transactions are opened explicitly with BEGIN IMMEDIATE so
            # that a writer takes the lock up front and concurrent writers queue, not fail
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_SECONDS,
                                   check_same_thread=False)
            _set_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from exc
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            conn.close()
            raise StoreError(f"{path}: a SQLite database of another application (tables: "
                             f"{', '.join(sorted(tables)[:5])}); refusing to add strikewatch "
                             f"tables to it")
        store = cls(conn, str(path))
        store.migrate()
        return store

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
