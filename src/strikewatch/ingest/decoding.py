"""Bytes to text: decode what can be decoded, flag what was repaired, reject only binary.

Order of attempts (the first that fits wins):

1. a byte order mark names the encoding (UTF-8 BOM stripped, UTF-16/32 decoded);
2. strict UTF-8;
3. UTF-8 with a few damaged bytes: when the bytes hold well-formed multi-byte UTF-8
   sequences and only a few invalid bytes, the file is UTF-8 that lost some bytes in
   transit, and re-reading it as a legacy charset would turn every curly quote into
   mojibake ("â€™"); the invalid bytes become U+FFFD;
4. mostly-ASCII text (English news with a few accented letters and curly quotes) in
   cp1252, the Western default, when it decodes cleanly: on such short evidence a detector
   confuses cp1252 with its Central European twin cp1250 ("Hélène" read as "Hélčne");
5. a single-byte legacy charset chosen by charset-normalizer among CANDIDATE_CHARSETS
   (restricted: on short English text an unrestricted detection picks cp775 or shift_jis);
6. UTF-8 with every invalid byte replaced by U+FFFD.

Whatever happened is said in ``Decoded.notes`` and ends up in ``Article.decode_notes``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .formats import BINARY_CONTROL_SHARE, BINARY_SAMPLE_BYTES

# (byte order mark, Python codec, name recorded in Article.encoding). UTF-32 first: its
# little-endian mark begins with the UTF-16 one.
BYTE_ORDER_MARKS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Legacy charsets news text about the war turns up in, most likely first: Western European
# (cp1252 before its look-alikes, which decode the same bytes to the same text), then
# Cyrillic (Russian and Ukrainian sites), then Central European and others.
# charset-normalizer ranks by how clean the decoded text looks; among charsets that give
# the same text this order decides the name recorded.
CANDIDATE_CHARSETS: tuple[str, ...] = (
    "cp1252", "latin_1", "iso8859_15",
    "cp1251", "koi8_u", "koi8_r", "iso8859_5", "mac_cyrillic", "cp866",
    "cp1250", "iso8859_2", "cp1257", "cp1254", "iso8859_9", "cp1253", "iso8859_7",
)

# A well-formed UTF-8 sequence of two to four bytes (RFC 3629, no overlongs, no surrogates).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# C0 controls that never occur in text (tab, newlines, form feed, vertical tab and escape do).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


# At most this many invalid bytes beside well-formed UTF-8 sequences: damaged UTF-8.
FEW_INVALID_BYTES = 16
# Non-ASCII bytes per ASCII letter below which text is taken for Western (cp1252) text;
# Cyrillic text in a single-byte charset has more high bytes than ASCII letters.
MOSTLY_ASCII_HIGH_SHARE = 0.1


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def binary_reason(sample: bytes) -> str | None:
    """Why these bytes are not text (None when they may be): NUL bytes or control characters.

    Looks at the first BINARY_SAMPLE_BYTES only. UTF-16/32 text (with its byte order mark)
    is full of NUL bytes and is text.
    """
    if any(sample.startswith(bom) for bom, _, _ in BYTE_ORDER_MARKS):
        return None
    sample = sample[:BINARY_SAMPLE_BYTES]
    if b"\x00" in sample:
        return "binary data (contains NUL bytes), not text"
    if sample:
        share = len(_CONTROL_BYTES.findall(sample)) / len(sample)
        if share > BINARY_CONTROL_SHARE:
            return f"binary data ({share:.0%} control characters), not text"
    return None


def text_binary_reason(text: str) -> str | None:
    """As ``binary_reason`` for text that arrived already decoded (a JSONL field)."""
    sample = text[:BINARY_SAMPLE_BYTES]
    if "\x00" in sample:
        return "text contains NUL characters: binary data, not text"
    if sample:
        share = len(_CONTROL_CHARS.findall(sample)) / len(sample)
        if share > BINARY_CONTROL_SHARE:
            return f"text is {share:.0%} control characters: binary data, not text"
    return None


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Replace unpaired surrogates (JSON allows ``"\\ud800"``) that no encoder accepts."""
    if not _LONE_SURROGATE.search(text):
        return text, ()
    count = len(_LONE_SURROGATE.findall(text))
    return (_LONE_SURROGATE.sub("\ufffd", text),
            (f"{_plural(count, 'unpaired surrogate')} replaced with U+FFFD",))


def _invalid_utf8_bytes(data: bytes) -> int:
    return len(data) - len(data.decode("utf-8", "ignore").encode("utf-8"))


def _detect_legacy(data: bytes) -> str | None:
    # imported here: charset-normalizer costs ~50 ms to import and most input is UTF-8
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CANDIDATE_CHARSETS)).best()
    if best is None:
        return None
    possible = set(best.could_be_from_charset) | {best.encoding}
    for name in CANDIDATE_CHARSETS:
        if name in possible:
            return name
    return best.encoding


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode input bytes (see the module docstring for the order of attempts).

    ``declared`` is a charset the input names for itself (an HTML ``<meta charset>``); it
    is tried before detection when the bytes are not UTF-8.
    """
    for bom, codec, name in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), name)
            except UnicodeDecodeError:
                text = data.decode(codec, "replace")
                bad = text.count("\ufffd")
                return Decoded(text, name, (f"{_plural(bad, 'invalid sequence')} replaced",))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    invalid = _invalid_utf8_bytes(data)
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if multibyte and (multibyte * 4 >= invalid or invalid <= FEW_INVALID_BYTES):
        return _utf8_replaced(data, invalid)
    if declared:
        codec = _codec_name(declared)
        if codec and codec not in ("utf_8", "utf_8_sig"):
            try:
                return Decoded(data.decode(codec), codec,
                               (f"decoded as {codec} (declared in the document; not valid UTF-8)",))
            except UnicodeDecodeError:
                pass
    high = sum(1 for b in data if b >= 0x80)
    letters = sum(1 for b in data if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    if high <= letters * MOSTLY_ASCII_HIGH_SHARE:
        try:
            return Decoded(data.decode("cp1252"), "cp1252",
                           ("decoded as cp1252 (not valid UTF-8)",))
        except UnicodeDecodeError:
            pass
    legacy = _detect_legacy(data)
    if legacy and legacy not in ("utf_8", "ascii"):
        try:
            return Decoded(data.decode(legacy), legacy, (f"decoded as {legacy} (not valid UTF-8)",))
        except (UnicodeDecodeError, LookupError):
            pass
    return _utf8_replaced(data, invalid)


def _utf8_replaced(data: bytes, invalid: int) -> Decoded:
    return Decoded(data.decode("utf-8", "replace"), "utf-8",
                   (f"{_plural(invalid, 'invalid byte')} replaced with U+FFFD (not valid UTF-8)",))


# The WHATWG encoding standard reads these labels as windows-1252, as every browser does: pages
# that say "iso-8859-1" use the curly quotes in 0x80-0x9F.
DECLARED_CHARSET_ALIASES: dict[str, str] = {"iso8859_1": "cp1252", "ascii": "cp1252"}


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None
    return DECLARED_CHARSET_ALIASES.get(name, name)
