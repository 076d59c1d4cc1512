"""Storage behind one small interface: SQLite (embedded default) or PostgreSQL (server).

``open_store(target)`` takes a file path (SQLite) or a ``postgresql://`` URL.
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import EventQuery, Store, StoreError, report_id

DEFAULT_DB = "strikewatch.db"


def default_target() -> str:
    return os.environ.get("STRIKEWATCH_DB") or DEFAULT_DB


def open_store(target: str | Path | None = None) -> Store:
    target = str(target or default_target())
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore
        return PostgresStore.open(target)
    from .sqlite import SQLiteStore
    return SQLiteStore.open(target)


__all__ = ["EventQuery", "Store", "StoreError", "open_store", "default_target", "report_id"]
