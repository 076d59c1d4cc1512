"""strikewatch: evidence-linked attack events from news articles.

The Python API (see ``strikewatch.facade``): ``extract_text``, ``extract_html``,
``open_database``. They are loaded on first use so that importing a single stage module
(``strikewatch.model``, a worker process) stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["extract_text", "extract_html", "open_database", "Database"]


def __getattr__(name: str):
    if name in __all__:
        from . import facade
        return getattr(facade, name)
    raise AttributeError(f"module 'strikewatch' has no attribute {name!r}")
