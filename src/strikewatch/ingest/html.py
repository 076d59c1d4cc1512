"""Main text and metadata of an HTML page.

trafilatura finds the article body and its metadata (title, date, canonical url, site
name). When it finds no text, the plain text of ``<body>`` without scripts, styles,
navigation, forms and comments stands in; when that is empty too, the page has no article.

Hostile markup (huge attributes, deep nesting, script payloads, broken tags) must not
stop a batch: every failure of the extractor is caught and the fallback takes over.
"""

from __future__ import annotations

import copy
import importlib.util
import itertools
import logging
import re
import sys
import types
from dataclasses import dataclass
from typing import Any, Mapping

from lxml import etree
from lxml import html as lxml_html

from .dates import normalize_published
from .decoding import Decoded, decode_bytes

LOG = logging.getLogger(__name__)

# Options tuned on benchmarks/html_extraction.py (181 real news pages, token F1 against the
# human-marked article body; `--compare` prints the table in docs/benchmarks.md).
# favor_precision scored best (F1 0.965; balanced 0.959, favor_recall 0.959, trafilatura's
# defaults 0.956), and it errs the right way here: boilerplate that slips into the text
# becomes false events downstream, a lost sentence rarely does. Comments are readers' words,
# not reporting. Tables stay (without them F1 0.960): tallies of strikes and casualties sit
# in tables on some sites. fast mode skips the readability/jusText fallbacks (F1 0.947).
# Deduplication stays off: its cache is shared across calls, so a page's text would depend
# on the pages read before it.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": True,
    # htmldate: prefer the original publication date over a later update; no free-text
    # date search (it reads any date in the page, and a wrong date is worse than none)
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}

# Elements whose text is never article text, removed by the fallback renderer.
FALLBACK_DROP_TAGS: tuple[str, ...] = (
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "video", "audio", "nav", "footer", "aside", "form", "button",
    "select", "textarea", "dialog",
)
# Elements that start a new line in the fallback rendering.
FALLBACK_BLOCK_TAGS: tuple[str, ...] = (
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "main", "header", "blockquote", "pre", "table", "tr", "td", "th",
    "figure", "figcaption", "hr", "address", "details", "summary",
)

# A start tag longer than this loses its attributes before parsing. Real pages stay under it
# (the longest tags in the 181 benchmark pages are SVG paths and one <meta>); hostile ones
# do not: libxml2 checks duplicate attributes in quadratic time (100,000 attributes: 12 s)
# and trafilatura runs its regexes over class and id values (a 4 MB class: 6 s).
MAX_TAG_CHARS = 16_384
_OVERSIZED_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]{0,40})[^<>]{%d,}+>" % MAX_TAG_CHARS)
# Above this many elements the page goes straight to the body-text rendering: trafilatura
# spends 20-80 microseconds an element (300,000 paragraphs: 24 s), and news pages have a few
# thousand (at most 1,709 in the benchmark pages).
MAX_ELEMENTS_FOR_EXTRACTOR = 50_000
# Below this many characters (trafilatura's own MIN_EXTRACTED_SIZE) its text is checked against
# the body-text rendering (see extract_html).
SHORT_TEXT_CHARS = 250
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_HAS_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$", re.I)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")

# as trafilatura's own parser: its extraction was tuned on trees parsed this way
_PARSER = lxml_html.HTMLParser(recover=True, remove_comments=True, remove_pis=True,
                               collect_ids=False, default_doctype=False, no_network=True)


@dataclass(frozen=True)
class HtmlText:
    """What a page yields: its main text (may be empty) and the metadata found in it."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    extractor: str = "trafilatura"    # "trafilatura" | "body-text"
    notes: tuple[str, ...] = ()


# --- trafilatura, loaded once ----------------------------------------------------------------

_trafilatura: Any = None
_trafilatura_error: str | None = None


def _install_lxml_clean_stub() -> None:
    # lxml 5.2 moved lxml.html.clean into the separate package lxml_html_clean. trafilatura
    # imports jusText, which imports lxml.html.clean at import time, although trafilatura
    # never calls it (only jusText's paragraph classifier). Where lxml_html_clean is not
    # installed, a stub lets trafilatura load; using the stub raises.
    if "lxml.html.clean" in sys.modules or importlib.util.find_spec("lxml_html_clean"):
        return
    stub = types.ModuleType("lxml.html.clean")

    class Cleaner:  # noqa: D401 - stand-in only
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise ImportError("lxml.html.clean is not installed (pip install lxml_html_clean)")

    stub.Cleaner = Cleaner  # type: ignore[attr-defined]
    sys.modules["lxml.html.clean"] = stub


def trafilatura_module() -> Any:
    """The trafilatura module, or None when it cannot be imported (the fallback runs)."""
    global _trafilatura, _trafilatura_error
    if _trafilatura is None and _trafilatura_error is None:
        try:
            _install_lxml_clean_stub()
            import trafilatura

            _trafilatura = trafilatura
        except Exception as exc:  # any import failure leaves the fallback in charge
            _trafilatura_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            LOG.warning("trafilatura unavailable, HTML falls back to body text: %s",
                        _trafilatura_error)
    return _trafilatura


# --- decoding and parsing --------------------------------------------------------------------

def decode_html(data: bytes) -> Decoded:
    """Decode HTML bytes; a ``<meta charset>`` in the first 4 KiB is tried before detection."""
    match = _DECLARED_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", "replace") if match else None
    return decode_bytes(data, declared=declared)


def _prepare(markup: str) -> str:
    # lxml refuses str input with an encoding declaration; the text is decoded already
    markup = _XML_DECLARATION.sub("", markup, count=1)
    # a bare fragment ("<p>...</p>", common in JSONL "html" fields) gets a document around
    # it: trafilatura rejects single-block input as "not HTML"
    if not _HAS_DOCUMENT.search(markup[:4096]):
        markup = f"<html><body><div>{markup}</div></body></html>"
    return _OVERSIZED_TAG.sub(r"<\1>", markup)


def _parse(markup: str) -> Any:
    trafilatura = trafilatura_module()
    try:
        if trafilatura is not None:
            # trafilatura's loader repairs what trips libxml2 (a doctype on the first line
            # of the page, a self-closing <html/>): 3 of the 181 benchmark pages lose text
            # without it
            return trafilatura.load_html(markup)
        return lxml_html.document_fromstring(markup, parser=_PARSER)
    except Exception:  # malformed beyond recovery: the page has no text
        return None


def _language(tree: Any) -> str | None:
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    match = _LANGUAGE_TAG.match(value.strip())
    return match.group(1).lower() if match else None


def _clean_meta(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


# --- fallback: the plain text of <body> ---------------------------------------------------------

def body_text(tree: Any) -> str:
    """Plain text of the page body: one line per block, scripts/styles/navigation dropped.

    Mutates ``tree`` (it is the reader's own parse).
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    etree.strip_elements(root, etree.Comment, *FALLBACK_DROP_TAGS, with_tail=False)
    for element in root.iter(*FALLBACK_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _title_of(tree: Any) -> str | None:
    title = tree.find(".//title")
    return _clean_meta(title.text_content()) if title is not None else None


# --- the extractor ---------------------------------------------------------------------------

def extract_html(markup: str, url: str | None = None, *,
                 trafilatura_options: Mapping[str, Any] | None = None) -> HtmlText:
    """Main text and metadata of an HTML page given as text. ``text`` is "" if none found.

    ``trafilatura_options`` replaces TRAFILATURA_OPTIONS (the benchmark compares settings).
    """
    tree = _parse(_prepare(markup))
    if tree is None:
        return HtmlText(text="", extractor="body-text")
    language = _language(tree)
    notes: list[str] = []
    trafilatura = trafilatura_module()
    elements = sum(1 for _ in itertools.islice(tree.iter(), MAX_ELEMENTS_FOR_EXTRACTOR + 1))
    meta: dict[str, Any] = {}
    if elements > MAX_ELEMENTS_FOR_EXTRACTOR:
        notes.append(f"page has over {MAX_ELEMENTS_FOR_EXTRACTOR:,} elements: used the plain "
                     f"text of <body> instead of main-text extraction")
    elif trafilatura is not None:
        try:
            doc = trafilatura.bare_extraction(
                tree, url=url, **(TRAFILATURA_OPTIONS if trafilatura_options is None
                                  else trafilatura_options))
        except Exception as exc:  # hostile markup: RecursionError, lxml errors, ...
            doc = None
            notes.append(f"trafilatura failed ({type(exc).__name__})")
        if doc is not None:
            text = (doc.text or "").strip()
            meta = {
                "title": _clean_meta(doc.title),
                "published": normalize_published(doc.date),
                "url": _clean_meta(doc.url),
                # the site's own name; its host name where the page does not give one
                "outlet": _clean_meta(doc.sitename) or _hostname(doc.hostname),
            }
            if text and len(text) < SHORT_TEXT_CHARS and not body_text(copy.deepcopy(tree)):
                # on a page without an article trafilatura returns whatever text there is,
                # a menu's "Home" included; the body without navigation has none
                text = ""
            if text:
                return HtmlText(text=text, language=language, extractor="trafilatura",
                                notes=tuple(notes), **meta)
        notes.append("no main text found by trafilatura: used the plain text of <body>")
    else:
        notes.append(f"trafilatura unavailable ({_trafilatura_error}): used the plain text of <body>")
    try:
        text = body_text(tree)
    except Exception as exc:  # pragma: no cover - lxml on pathological trees
        LOG.debug("body text failed: %s", exc)
        text = ""
    meta["title"] = meta.get("title") or _title_of(tree)
    return HtmlText(text=text, language=language, extractor="body-text",
                    notes=tuple(notes), **meta)


def _hostname(host: Any) -> str | None:
    host = _clean_meta(host)
    if host and host.lower().startswith("www."):
        host = host[4:]
    return host
