"""The HTTP API (FastAPI) and the export formats it shares with the CLI.

``create_app`` is imported lazily so that ``strikewatch.api.exports`` (used by the CLI's
``export`` command) works without the ``server`` extras installed.
"""

from __future__ import annotations

from typing import Any


def create_app(db: str, write_token: str | None = None, **options: Any) -> Any:
    """The FastAPI application serving the API and the dashboard; see ``app.create_app``."""
    from .app import create_app as _create_app
    return _create_app(db, write_token=write_token, **options)


__all__ = ["create_app"]
