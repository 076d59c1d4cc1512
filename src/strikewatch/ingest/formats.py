"""Rule tables for the readers: which file names hold which kind of input.

Kept as data so that adding a format is a table edit, not a new branch.
"""

from __future__ import annotations

# extension -> reader kind; ".gz" may follow any of them (see COMPRESSED_SUFFIXES)
KIND_BY_EXTENSION: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    # web archives (ingest/warc.py): every archived HTML page is an article; warcio undoes gzip
    ".warc": "warc",
}

COMPRESSED_SUFFIXES: tuple[str, ...] = (".gz",)

# Kinds whose file may carry a metadata sidecar NAME.json beside NAME.<ext>. The brief asks
# for .txt; saved HTML pages have the same need (a known url or date), so they get it too.
SIDECAR_KINDS: frozenset[str] = frozenset({"text", "html"})
SIDECAR_SUFFIX = ".json"
MAX_SIDECAR_BYTES = 1_000_000

# Extensions that never hold an article. A directory walk passes over them without a word
# (a scraped folder is full of images and archives); naming one explicitly is an error.
BINARY_EXTENSIONS: frozenset[str] = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico", ".svgz",
    ".heic", ".avif", ".psd",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".epub",
    ".zip", ".tar", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".lz4",
    ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".flac", ".avi", ".mov", ".mkv", ".webm",
    ".exe", ".dll", ".so", ".dylib", ".bin", ".o", ".a", ".class", ".jar", ".pyc", ".whl",
    ".sqlite", ".sqlite3", ".db", ".parquet", ".feather", ".arrow", ".npy", ".npz", ".pkl",
    ".woff", ".woff2", ".ttf", ".otf", ".eot",
})

# How much of an input of unknown type is looked at to decide what it is.
SNIFF_BYTES = 65_536
# How much of an input is looked at to decide whether it is binary.
BINARY_SAMPLE_BYTES = 8_192
# Share of C0 control characters above which a sample counts as binary rather than text.
BINARY_CONTROL_SHARE = 0.10

GZIP_MAGIC = b"\x1f\x8b"

# Markers, in the first SNIFF_BYTES (lower-cased), that make a document of unknown type HTML.
HTML_START_MARKERS: tuple[bytes, ...] = (b"<!doctype html", b"<html", b"<?xml")
HTML_BODY_MARKERS: tuple[bytes, ...] = (b"<body", b"<p>", b"<p ", b"<div", b"<article")


def split_name(name: str) -> tuple[str, str, bool]:
    """``(stem, extension, gzipped)`` of a file name, extension lower-cased.

    ``"a.Jsonl.gz"`` -> ``("a", ".jsonl", True)``; ``"notes"`` -> ``("notes", "", False)``.
    """
    lower = name.lower()
    gz = any(lower.endswith(s) and len(lower) > len(s) for s in COMPRESSED_SUFFIXES)
    if gz:
        cut = next(len(s) for s in COMPRESSED_SUFFIXES if lower.endswith(s))
        name, lower = name[:-cut], lower[:-cut]
    dot = lower.rfind(".")
    if dot <= 0:
        return name, "", gz
    return name[:dot], lower[dot:], gz


def kind_of(name: str) -> tuple[str, bool]:
    """The reader kind for a file name and whether it is gzipped.

    Kinds: ``text``, ``jsonl``, ``html``, ``binary`` (never an article), ``sniff`` (unknown:
    look at the content).
    """
    _, ext, gz = split_name(name)
    kind = KIND_BY_EXTENSION.get(ext)
    if kind is not None:
        return kind, gz
    if ext in BINARY_EXTENSIONS:
        return "binary", gz
    return "sniff", gz
