"""The dashboard: static HTML, JavaScript and CSS served by the API (``strikewatch serve``).

Everything is in ``static/`` (scripts, styles, the vendored map library and the region
outlines; see ``static/LICENSES.md``); pages build their content with the DOM API from
the JSON API, so nothing from an article is ever parsed as HTML.
"""

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
