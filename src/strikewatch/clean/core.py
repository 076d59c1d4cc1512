"""The clean stage: Article -> Document (CODEBOOK section 7).

Order of work: find everything to remove on the raw text (header, furniture), cut it out
while recording an offsets map, then look at the cleaned text for foreign-language spans
(flagged, not removed) and spun phrasing. The raw text is never modified.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from strikewatch.clean.foreign import find_foreign
from strikewatch.clean.furniture import Removal, find_removals, text_words
from strikewatch.clean.metadata import find_date_header, find_dateline
from strikewatch.clean.segment import segment
from strikewatch.clean.spun import spun_hits, spun_score
from strikewatch.model import Article, CleaningSpan, Document, IngestError, OffsetMap, Options, Quality


@dataclass
class _Cut:
    """A stretch of raw text left out of the cleaned text: removed spans plus the whitespace
    that would otherwise leave a hole (an empty line, a double space)."""

    start: int
    end: int
    spans: list[Removal]


def _merge(removals: list[Removal]) -> list[Removal]:
    """Non-overlapping removals; one that overlaps an earlier one extends it."""
    out: list[Removal] = []
    for r in sorted(removals, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end:
            last = out[-1]
            if r.end > last.end:
                out[-1] = Removal(last.start, r.end, last.kind, last.reason, last.rule)
            continue
        out.append(r)
    return out


def _cuts(text: str, removals: list[Removal]) -> list[_Cut]:
    n = len(text)
    # removals with only whitespace between them leave as one cut
    groups: list[_Cut] = []
    for r in removals:
        if groups and not text[groups[-1].end:r.start].strip():
            groups[-1].end = max(groups[-1].end, r.end)
            groups[-1].spans.append(r)
        else:
            groups.append(_Cut(r.start, r.end, [r]))
    cuts: list[_Cut] = []
    for g in groups:
        s, e = g.start, g.end
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line_end = n if line_end < 0 else line_end
        if not text[line_start:s].strip() and not text[e:line_end].strip():
            # the whole line goes, with the blank lines after it
            s = line_start
            while e < n and text[e].isspace():
                e += 1
            if e == n:
                # nothing follows: drop the line break before it instead
                while s > 0 and text[s - 1].isspace():
                    s -= 1
        else:
            if s == 0 or text[s - 1].isspace():
                while e < n and text[e] in " \t\xa0":
                    e += 1
            if e == n or text[e] == "\n":
                while s > 0 and text[s - 1] in " \t\xa0":
                    s -= 1
        if cuts and s <= cuts[-1].end:
            cuts[-1].end = max(cuts[-1].end, e)
            cuts[-1].spans.extend(g.spans)
        else:
            cuts.append(_Cut(s, e, g.spans))
    return cuts


def _joiner(left: str, right: str, removed: str) -> str:
    """What replaces a cut so that words and paragraphs do not run together."""
    if not left or not right:
        return ""
    if "\n" in removed:
        return "" if left[-1] == "\n" or right[0] == "\n" else "\n"
    return "" if left[-1].isspace() or right[0].isspace() else " "


def _build(text: str, cuts: list[_Cut]) -> tuple[str, OffsetMap, dict[int, int]]:
    """Cleaned text, its offsets map, and the cleaned offset of each cut (by raw start)."""
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    at: dict[int, int] = {}
    pos = 0
    raw = 0
    bounds = [(c.start, c.end) for c in cuts] + [(len(text), len(text))]
    prev: tuple[int, int] | None = None
    for cs, ce in bounds:
        if cs > raw:
            piece = text[raw:cs]
            if prev is not None:
                joiner = _joiner(pieces[-1] if pieces else "", piece, text[prev[0]:prev[1]])
                if joiner:
                    pieces.append(joiner)
                    pos += 1
            segments.append((pos, raw, len(piece)))
            pieces.append(piece)
            pos += len(piece)
        if ce > cs:
            at[cs] = pos
            prev = (cs, ce)
        raw = max(raw, ce)
    return "".join(pieces), OffsetMap(segments), at


def _within_runs(cleaned: str, offsets: OffsetMap, start: int, end: int) -> list[tuple[int, int]]:
    """Split a flagged stretch of the cleaned text where a removal sat inside it, so that each
    piece maps back to identical raw text."""
    out = []
    for cs, _rs, n in offsets.segments:
        s, e = max(start, cs), min(end, cs + n)
        while s < e and cleaned[s].isspace():
            s += 1
        while e > s and cleaned[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def clean(article: Article, options: Options = Options()) -> Document:
    text = article.text
    notes: list[str] = []
    published = article.published
    removals: list[Removal] = []

    header = find_date_header(text)
    if header is not None:
        removals.append(Removal(header.start, header.end, "header", header.reason, "date_header"))
        if published is None and header.date:
            published = header.date
            notes.append(f"published date {header.date} lifted from the text's date header")
    dateline = find_dateline(text, header.end if header else 0)
    if dateline is not None and dateline.date and published is None:
        published = dateline.date
        notes.append(f"published date {dateline.date} lifted from the {dateline.reason}")

    seg = segment(text)
    lower = text.lower()
    words = text_words(lower)
    floor = header.end if header is not None else 0
    for r in find_removals(seg, lower, words):
        # the header keeps its own span; furniture right after it starts where it ends
        if r.start < floor:
            r = Removal(floor, r.end, r.kind, r.reason, r.rule)
        if r.end > r.start:
            removals.append(r)
    removals = _merge(removals)
    cuts = _cuts(text, removals)
    cleaned, offsets, at = _build(text, cuts)

    spans: list[CleaningSpan] = []
    removed_foreign = 0
    for cut in cuts:
        pos = at[cut.start]
        for r in cut.spans:
            spans.append(CleaningSpan(r.start, r.end, "removed", r.kind, r.reason,
                                      text[r.start:r.end], pos, pos))
            if r.kind == "foreign":
                removed_foreign += r.end - r.start

    host = (article.language or options.default_language or "en").lower()[:2]
    flagged_chars = 0
    seg_of = (lambda: seg) if cleaned == text else (lambda: segment(cleaned))
    for f in find_foreign(cleaned, seg_of, host, words):
        kind = "encoding" if f.lang == "encoding" else "foreign"
        for cs, ce in _within_runs(cleaned, offsets, f.start, f.end):
            rs, re_ = offsets.span_to_raw(cs, ce)
            spans.append(CleaningSpan(rs, re_, "flagged", kind, f.reason, cleaned[cs:ce], cs, ce))
            if kind == "foreign":
                flagged_chars += ce - cs
    if host != "en":
        notes.append(f"word-level foreign check covers English articles only (article is '{host}')")

    hits = spun_hits(cleaned, words)
    score = spun_score(cleaned, hits)
    if hits:
        shown = ", ".join(sorted({f"'{cleaned[h.start:h.end]}' ({h.plain})" for h in hits})[:5])
        notes.append(f"spun phrasing: {len(hits)} hit(s), e.g. {shown}")
    total = len(cleaned) + removed_foreign
    quality = Quality(
        spun_score=round(score, 4),
        spun=score >= options.spun_threshold,
        foreign_share=round((flagged_chars + removed_foreign) / total, 4) if total else 0.0,
        notes=notes,
    )
    spans.sort(key=lambda s: (s.start, s.end))
    return Document(article=article, text=cleaned, spans=spans, offsets=offsets,
                    published=published, quality=quality)


def clean_all(articles: Iterable[Article | IngestError], options: Options = Options()
              ) -> Iterator[Document | IngestError]:
    """Clean a stream of articles; ingest errors pass through, and an article the cleaner
    fails on becomes an error item so that one bad page does not stop a batch."""
    for item in articles:
        if isinstance(item, IngestError):
            yield item
            continue
        try:
            yield clean(item, options)
        except Exception as exc:  # noqa: BLE001 - reported per item, as ingest does
            yield IngestError(item.origin or item.id, f"clean failed: {type(exc).__name__}: {exc}")
