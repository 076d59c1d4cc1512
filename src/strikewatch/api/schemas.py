"""Response and request shapes of the HTTP API, so that the OpenAPI schema says what the
endpoints really return (schemathesis checks every response against it)."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..model import ATTACK_TYPES, TARGETS

AttackType = Literal[ATTACK_TYPES]  # type: ignore[valid-type]
Target = Literal[TARGETS]  # type: ignore[valid-type]
Attacker = Literal["RU", "UA", "other", "unknown"]
Sort = Literal["date", "-date", "killed", "-killed", "location", "-location", "sources",
               "-sources"]
ExportFormat = Literal["csv", "jsonl", "geojson", "acled"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class CountOut(BaseModel):
    min: Optional[int] = Field(None, description="smallest count the wording allows")
    max: Optional[int] = Field(None, description="largest count, null when unbounded")


class SpanOut(BaseModel):
    article_id: str
    start: int = Field(description="offset into the article's cleaned text")
    end: int
    raw_start: int = Field(description="the same span mapped back into the raw text")
    raw_end: int
    text: str
    rule: str = Field("", description="the rule that produced the figure it supports")


class EventSummary(_Out):
    """An event with the codebook fields (CODEBOOK section 2), without its evidence."""

    id: str
    date: Optional[str] = None
    date_precision: str = "unknown"
    country: Optional[str] = None
    admin1: Optional[str] = None
    location: Optional[str] = None
    sublocation: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geo_precision: Optional[int] = None
    attack_types: list[str] = []
    weapons: list[str] = []
    attacker: str = "unknown"
    attacker_name: Optional[str] = None
    attribution: Optional[str] = None
    targets: list[str] = []
    killed: Optional[CountOut] = None
    injured: Optional[CountOut] = None
    killed_unconfirmed: Optional[CountOut] = None
    children_killed: Optional[int] = None
    double_tap: bool = False
    launched: Optional[int] = None
    intercepted: Optional[int] = None
    sources: list[str] = []
    wave_id: Optional[str] = None
    disputed: bool = False


class ReportOut(BaseModel):
    article_id: str
    published: Optional[str] = None
    outlet: Optional[str] = None
    killed: Optional[CountOut] = None
    injured: Optional[CountOut] = None
    killed_unconfirmed: Optional[CountOut] = None
    evidence: dict[str, list[SpanOut]] = {}


class ClaimOut(BaseModel):
    speaker: str
    role: Optional[str] = None
    side: str
    kind: str
    text: str
    span: Optional[SpanOut] = None
    article_id: Optional[str] = None
    event_index: Optional[int] = None


class UpdateOut(BaseModel):
    article_id: Optional[str] = None
    at: Optional[str] = None
    detail: dict = {}


class ArticleRef(BaseModel):
    id: str
    published: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None


class WaveOut(BaseModel):
    id: Optional[str] = None
    date: Optional[str] = None
    date_precision: str = "day"
    attacker: str
    target_country: str
    launched: dict[str, int] = {}
    intercepted: dict[str, int] = {}
    evidence: dict[str, list[SpanOut]] = {}
    sources: list[str] = []


class EventDetail(EventSummary):
    """One event with everything behind it: evidence, each source's figures, claims."""

    evidence: dict[str, list[SpanOut]] = {}
    report_ids: list[str] = []
    reports: list[ReportOut] = Field([], description="each source's figures: the history")
    claims: list[ClaimOut] = []
    updates: list[UpdateOut] = Field([], description="when each source was merged in")
    source_articles: list[ArticleRef] = []
    wave: Optional[WaveOut] = None


class Links(BaseModel):
    self: str
    next: Optional[str] = None
    prev: Optional[str] = None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters, over all pages")
    count: int = Field(description="events on this page")
    limit: int
    offset: int
    links: Links
    events: list[EventSummary]


class CleaningSpanOut(BaseModel):
    start: int = Field(description="raw-text offset")
    end: int
    action: str = Field(description="removed or flagged")
    kind: str
    reason: str
    text: str
    clean_start: Optional[int] = None
    clean_end: Optional[int] = None


class ArticleOut(_Out):
    id: str
    published: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    language: Optional[str] = None
    origin: Optional[str] = None
    encoding: Optional[str] = None
    raw_format: Optional[str] = None
    decode_notes: list[str] = []
    quality: dict = {}
    ingested_at: Optional[str] = None
    text: str = Field(description="the raw text, exactly as decoded from the input")
    cleaned_text: str = Field(description="what extraction read")
    spans: list[CleaningSpanOut] = Field(description="what cleaning removed or flagged")
    report_ids: list[str] = []
    event_ids: list[str] = Field([], description="events this article is a source of")


class WaveList(BaseModel):
    count: int
    waves: list[WaveOut]


class DayStat(BaseModel):
    date: Optional[str] = None
    events: int
    killed: int
    injured: int


class RegionStat(BaseModel):
    country: Optional[str] = None
    admin1: Optional[str] = None
    events: int
    killed: int
    injured: int


class Stats(BaseModel):
    articles: int
    events: int = Field(description="events matching the filters")
    waves: int
    killed: int = Field(description="sum of the lower bounds of killed over the events")
    injured: int
    by_day: list[DayStat]
    by_region: list[RegionStat]


class Meta(BaseModel):
    version: str
    write_enabled: bool
    articles: int
    events: int
    attack_types: list[str]
    targets: list[str]
    attackers: list[str]
    sorts: list[str]
    export_formats: list[str]
    regions: list[RegionStat]
    date_min: Optional[str] = None
    date_max: Optional[str] = None


class IngestItem(BaseModel):
    index: int = Field(description="position in the request body")
    id: Optional[str] = None
    outcome: Literal["stored", "skipped", "error"]
    message: Optional[str] = None
    event_ids: list[str] = []


class IngestResult(BaseModel):
    stored: int
    skipped: int
    errors: int
    results: list[IngestItem]


class Error(BaseModel):
    detail: str


ARTICLE_IN_SCHEMA = {
    "type": "object",
    "description": "An article as CODEBOOK section 8 writes it.",
    "required": ["id"],
    "properties": {
        "id": {"type": "string", "description": "unique id"},
        "text": {"type": "string", "description": "the raw scraped text (or give html)"},
        "html": {"type": "string"},
        "published": {"type": "string", "description": "YYYY-MM-DD or ISO datetime"},
        "url": {"type": "string"},
        "title": {"type": "string"},
        "outlet": {"type": "string"},
    },
}

INGEST_BODY_SCHEMA = {
    "oneOf": [ARTICLE_IN_SCHEMA, {"type": "array", "items": ARTICLE_IN_SCHEMA, "minItems": 1}],
}
