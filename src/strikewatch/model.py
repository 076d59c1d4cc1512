"""The types that flow between the stages (DESIGN.md, CODEBOOK.md sections 2 and 6).

Every stage imports this module; this module imports no stage. The types are plain
dataclasses so they pickle (process pools, Dask) and turn into JSON with ``to_dict``.

Offsets: "raw text" is ``Article.text``, the article's text exactly as decoded from the
input (for HTML input, the main text extracted from the page). "Cleaned text" is
``Document.text``. Evidence spans carry both.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

# --- codebook vocabularies (CODEBOOK section 2) -------------------------------------------

ATTACK_TYPES = (
    "missile", "drone", "guided_bomb", "air_strike", "artillery",
    "rocket_artillery", "ground_attack", "explosion_unknown",
)
TARGETS = (
    "residential", "commercial", "energy", "industrial", "government", "medical",
    "education", "transport", "port", "military", "emergency_services", "utility",
    "recreational", "cultural", "religious", "agricultural",
)
ATTACKERS = ("RU", "UA", "other", "unknown")
ATTRIBUTIONS = ("stated", "claimed", "unclaimed", "disputed")
DATE_PRECISIONS = ("day", "week", "month", "unknown")
CLAIM_KINDS = ("casualties", "attribution", "denial", "condemnation", "military", "other")

DatePrecision = Literal["day", "week", "month", "unknown"]

# The event fields of CODEBOOK section 8, in order: the extraction output has exactly these.
EVENT_FIELDS = (
    "date", "date_precision", "country", "admin1", "location", "sublocation", "lat", "lon",
    "geo_precision", "attack_types", "weapons", "attacker", "attacker_name", "attribution",
    "targets", "killed", "injured", "killed_unconfirmed", "children_killed", "double_tap",
    "launched", "intercepted", "evidence",
)


# --- ingest -------------------------------------------------------------------------------

@dataclass
class Article:
    """One input article. ``raw`` is the input exactly as read; it is never changed."""

    id: str
    text: str                       # the raw text, decoded (HTML: the extracted main text)
    raw: bytes                      # the input bytes: the file, the JSONL line, the HTML page
    raw_format: str = "text"        # "text" | "jsonl" | "html"
    published: str | None = None    # YYYY-MM-DD
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    language: str = "en"
    origin: str = ""                # where it came from: "path/file.jsonl:12", "<stdin>", a URL
    encoding: str = "utf-8"         # the charset the raw bytes were decoded with
    decode_notes: tuple[str, ...] = ()  # e.g. "decoded as cp1252", "3 invalid bytes replaced"


@dataclass
class IngestError:
    """An input item that could not be read; the rest of the batch goes on."""

    origin: str                     # "path/file.jsonl:12"
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


# --- clean --------------------------------------------------------------------------------

@dataclass
class CleaningSpan:
    """A piece of the raw text that cleaning removed or flagged, and why."""

    start: int                      # offsets into Article.text
    end: int
    action: Literal["removed", "flagged"]
    kind: str                       # caption, video, newsletter, furniture, social, contact,
                                    # read_more, byline, header, foreign, encoding
                                    # (removed spans: clean_start == clean_end is the cut)
    reason: str                     # the rule that fired, readable by a person
    text: str
    clean_start: int | None = None  # for flagged spans (still in the cleaned text)
    clean_end: int | None = None


@dataclass
class OffsetMap:
    """Maps offsets of the cleaned text back to the raw text.

    ``segments`` are ``(clean_start, raw_start, length)`` runs of text copied unchanged
    from raw to cleaned, sorted by ``clean_start``. Characters the cleaner inserted (a
    newline where a caption was cut out) belong to no run and map to the raw offset of
    the nearest run boundary.
    """

    segments: list[tuple[int, int, int]] = field(default_factory=list)

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([(0, 0, length)] if length else [])

    def to_raw(self, pos: int) -> int:
        if not self.segments:
            return pos
        starts = [s[0] for s in self.segments]
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return self.segments[0][1]
        clean_start, raw_start, length = self.segments[i]
        return raw_start + min(pos - clean_start, length)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            r = self.to_raw(start)
            return r, r
        # the end is exclusive: map the last character and step past it
        return self.to_raw(start), self.to_raw(end - 1) + 1


@dataclass
class Quality:
    spun_score: float = 0.0         # 0..1, higher means more synonym-swapped phrasing
    spun: bool = False
    foreign_share: float = 0.0      # share of characters flagged as another language
    notes: list[str] = field(default_factory=list)


@dataclass
class Document:
    """An article after cleaning: what extraction reads."""

    article: Article
    text: str
    spans: list[CleaningSpan]
    offsets: OffsetMap
    published: str | None           # from metadata, else lifted from a header or dateline
    quality: Quality = field(default_factory=Quality)

    @property
    def id(self) -> str:
        return self.article.id

    def foreign_spans(self) -> list[CleaningSpan]:
        """Foreign-language text still in the cleaned text (flagged, not removed)."""
        return [s for s in self.spans if s.kind == "foreign" and s.action == "flagged"]


# --- extract ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """Evidence: a stretch of the cleaned text, mapped back to the raw text."""

    article_id: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    text: str
    rule: str = ""                  # the rule that produced the figure it supports

    def to_dict(self) -> dict[str, Any]:
        # written out, not dataclasses.asdict: a busy event stores thousands of spans, and
        # asdict's generic deep copy was most of the cost of writing it
        return {"article_id": self.article_id, "start": self.start, "end": self.end,
                "raw_start": self.raw_start, "raw_end": self.raw_end, "text": self.text,
                "rule": self.rule}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        if d.keys() == _SPAN_FIELDS:
            # as ``to_dict`` wrote it: filled in directly, as a frozen dataclass's __init__
            # sets each field through object.__setattr__, ten times slower, and reading a
            # busy event back builds thousands of spans
            span = object.__new__(cls)
            span.__dict__.update(d)
            return span
        return cls(**{k: d.get(k, "") for k in _SPAN_FIELDS})


_SPAN_FIELDS = frozenset(f.name for f in dataclasses.fields(Span))


@dataclass(frozen=True)
class Count:
    """A casualty figure as CODEBOOK section 4 codes it: ``max`` None is unbounded."""

    min: int | None
    max: int | None

    def to_dict(self) -> dict[str, int | None]:
        return {"min": self.min, "max": self.max}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Count | None":
        return None if d is None else cls(d.get("min"), d.get("max"))


@dataclass
class Report:
    """What one source article said about an event: kept as the event's history."""

    article_id: str
    published: str | None
    outlet: str | None
    killed: Count | None
    injured: Count | None
    killed_unconfirmed: Count | None = None
    evidence: dict[str, list[Span]] = field(default_factory=dict)


@dataclass
class Event:
    """One attack on one locality on one day by one side (CODEBOOK sections 1-2)."""

    date: str | None = None
    date_precision: DatePrecision = "unknown"
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    sublocation: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    attack_types: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    attacker: str = "unknown"
    attacker_name: str | None = None
    attribution: str | None = None
    targets: list[str] = field(default_factory=list)
    killed: Count | None = None
    injured: Count | None = None
    killed_unconfirmed: Count | None = None
    children_killed: int | None = None
    double_tap: bool = False
    launched: int | None = None
    intercepted: int | None = None
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    # beyond the codebook fields: identity and provenance
    id: str | None = None
    sources: list[str] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)   # the stored reports merged into it
    reports: list[Report] = field(default_factory=list)
    wave_id: str | None = None
    disputed: bool = False

    def codebook_dict(self) -> dict[str, Any]:
        """The event as CODEBOOK section 8 writes it: exactly the codebook field names."""
        out: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, Count):
                value = value.to_dict()
            elif name == "evidence":
                value = {k: [s.to_dict() for s in spans] for k, spans in value.items()}
            elif isinstance(value, list):
                value = list(value)
            out[name] = value
        return out

    def to_dict(self) -> dict[str, Any]:
        out = self.codebook_dict()
        out["id"] = self.id
        out["sources"] = list(self.sources)
        out["report_ids"] = list(self.report_ids)
        out["wave_id"] = self.wave_id
        out["disputed"] = self.disputed
        out["reports"] = [report_to_dict(r) for r in self.reports]
        return out


@dataclass(frozen=True, eq=False)
class ReportKey:
    """What resolve needs to decide which stored reports are one event: a report without
    its evidence. The store keeps these fields in columns, so that grouping a busy day's
    reports reads no JSON; the full report is read only for an event that changes."""

    id: str | None
    sources: tuple[str, ...]
    date: str | None
    date_precision: str
    country: str | None
    admin1: str | None
    region: str                 # admin1 folded: reports of two regions are never one event
    location: str | None
    attacker: str
    attribution: str | None
    shifty: bool                # dated from wording that straddles midnight ("overnight")


def report_to_dict(r: Report) -> dict[str, Any]:
    return {
        "article_id": r.article_id, "published": r.published, "outlet": r.outlet,
        "killed": r.killed.to_dict() if r.killed else None,
        "injured": r.injured.to_dict() if r.injured else None,
        "killed_unconfirmed": r.killed_unconfirmed.to_dict() if r.killed_unconfirmed else None,
        "evidence": {k: [s.to_dict() for s in v] for k, v in r.evidence.items()},
    }


def event_from_dict(d: dict[str, Any]) -> Event:
    """Inverse of ``Event.to_dict`` (also reads plain codebook dicts)."""
    ev = Event()
    for name in EVENT_FIELDS:
        if name not in d:
            continue
        value = d[name]
        if name in ("killed", "injured", "killed_unconfirmed"):
            value = Count.from_dict(value)
        elif name == "evidence":
            value = {k: [Span.from_dict(s) for s in v] for k, v in (value or {}).items()}
        elif name in ("attack_types", "weapons", "targets"):
            value = list(value or [])
        setattr(ev, name, value)
    ev.id = d.get("id")
    ev.sources = list(d.get("sources") or [])
    ev.report_ids = list(d.get("report_ids") or [])
    ev.wave_id = d.get("wave_id")
    ev.disputed = bool(d.get("disputed", False))
    ev.reports = [
        Report(
            article_id=r["article_id"], published=r.get("published"), outlet=r.get("outlet"),
            killed=Count.from_dict(r.get("killed")), injured=Count.from_dict(r.get("injured")),
            killed_unconfirmed=Count.from_dict(r.get("killed_unconfirmed")),
            evidence={k: [Span.from_dict(s) for s in v]
                      for k, v in (r.get("evidence") or {}).items()},
        )
        for r in d.get("reports") or []
    ]
    return ev


@dataclass
class Wave:
    """A country-wide attack on one day (CODEBOOK section 6)."""

    date: str | None
    attacker: str
    target_country: str
    launched: dict[str, int] = field(default_factory=dict)      # by class: missile, drone
    intercepted: dict[str, int] = field(default_factory=dict)
    date_precision: DatePrecision = "day"
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    id: str | None = None
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "date": self.date, "date_precision": self.date_precision,
            "attacker": self.attacker, "target_country": self.target_country,
            "launched": dict(self.launched), "intercepted": dict(self.intercepted),
            "evidence": {k: [s.to_dict() for s in v] for k, v in self.evidence.items()},
            "sources": list(self.sources),
        }


@dataclass
class Aggregate:
    """A statement about a period, not an event ("100 guided bombs a day in November")."""

    text: str
    period: str | None              # as written: "Nov. 1-20", "in October and November"
    figure: Count | None
    unit: str | None                # what is counted: "killed", "guided bombs", "drone strikes"
    span: Span | None = None
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "period": self.period,
            "figure": self.figure.to_dict() if self.figure else None, "unit": self.unit,
            "span": self.span.to_dict() if self.span else None, "article_id": self.article_id,
        }


@dataclass
class Claim:
    """What someone said about an event (CODEBOOK section 6). Never merged into one truth."""

    speaker: str
    role: str | None
    side: str                       # RU, UA, other, unknown
    kind: str                       # one of CLAIM_KINDS
    text: str
    span: Span | None = None
    article_id: str | None = None
    event_index: int | None = None  # which event of the article it is about, if known

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker, "role": self.role, "side": self.side, "kind": self.kind,
            "text": self.text, "span": self.span.to_dict() if self.span else None,
            "article_id": self.article_id, "event_index": self.event_index,
        }


@dataclass
class Extraction:
    """Everything extraction found in one article (the ``extract --format jsonl`` line)."""

    article_id: str
    events: list[Event] = field(default_factory=list)
    waves: list[Wave] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self, document: Document | None = None) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "events": [e.codebook_dict() for e in self.events],
            "waves": [w.to_dict() for w in self.waves],
            "aggregates": [a.to_dict() for a in self.aggregates],
            "claims": [c.to_dict() for c in self.claims],
            "cleaning": cleaning_summary(document) if document else {},
        }


def cleaning_summary(doc: Document) -> dict[str, Any]:
    return {
        "published": doc.published,
        "removed": [dataclasses.asdict(s) for s in doc.spans if s.action == "removed"],
        "flagged": [dataclasses.asdict(s) for s in doc.spans if s.action == "flagged"],
        "spun_score": round(doc.quality.spun_score, 4),
        "spun": doc.quality.spun,
        "foreign_share": round(doc.quality.foreign_share, 4),
    }


# --- options (one object, as trafilatura's settings) ----------------------------------------

@dataclass(frozen=True)
class Options:
    """Guard rails and switches shared by every stage."""

    max_article_bytes: int = 5_000_000      # a single article above this is rejected
    max_line_bytes: int = 5_000_000         # a JSONL line above this is rejected
    spun_threshold: float = 0.5             # Quality.spun when spun_score reaches this
    default_language: str = "en"
