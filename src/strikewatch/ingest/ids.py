"""Stable article ids.

Scheme (version 1), so that anyone can recompute an id by hand:

    key = "url:" + canonical url        when the article has a url
          "text:" + canonical content   otherwise
    id  = first 16 hex digits of SHA-256(key encoded as UTF-8)

Canonical url: surrounding white space removed, the scheme and a leading "www." dropped,
the host lower-cased, the "#fragment" dropped and one trailing "/" of the path dropped;
the query string is kept (some sites tell articles apart only by it). So
"https://www.Example.com/news/a/#top" and "http://example.com/news/a" share an id: they
are the same article, and re-ingesting it must change nothing.

Canonical content: the text with "\\r\\n" and "\\r" made "\\n" and surrounding white space
removed (the same file saved on Windows and on Linux gets one id). For HTML input the
content is the HTML source, not the extracted text, so that an upgrade of the extractor
does not change ids.

16 hex digits are 64 bits: the chance of any collision among ten million articles is
below one in 300,000.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

ID_HEX_DIGITS = 16


def canonical_url(url: str) -> str:
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.netloc:
        return url.split("#", 1)[0]
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path
    if path.endswith("/"):
        path = path[:-1]
    return host + path + (f"?{parts.query}" if parts.query else "")


def canonical_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def make_article_id(url: str | None, text: str) -> str:
    """A short, stable hex id: a hash of the url when there is one, else of the content."""
    if url and url.strip():
        key = "url:" + canonical_url(url)
    else:
        key = "text:" + canonical_text(text)
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:ID_HEX_DIGITS]
