"""The one place that knows the stage order: ingest -> clean -> extract -> resolve -> store.

Each stage is a generator over the previous stage's items; an ``IngestError`` travels
through untouched so that one bad item never stops the batch. ``StepStats`` keeps counts
and time per step, as datatrove does, so a run can say where its time went.

Faces (the CLI, the HTTP API, the Python API in ``strikewatch.api``) call the functions
here and read from the store.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from . import clean as clean_stage
from . import extract as extract_stage
from . import ingest as ingest_stage
from . import resolve as resolve_stage
from .model import Article, Document, Event, Extraction, IngestError, Options
from .store import Store, report_id


@dataclass
class StepStats:
    name: str
    items: int = 0
    errors: int = 0
    seconds: float = 0.0


@dataclass
class RunStats:
    """What a run did, for the closing summary and the benchmarks."""

    steps: dict[str, StepStats] = field(default_factory=dict)
    read: int = 0
    stored: int = 0
    skipped: int = 0            # already in the database: nothing changed
    failed: int = 0
    events_created: int = 0
    events_updated: int = 0
    reports: int = 0
    errors: list[str] = field(default_factory=list)

    def step(self, name: str) -> StepStats:
        return self.steps.setdefault(name, StepStats(name))


@dataclass
class Processed:
    """One article after the per-article stages: what the store writes in one go."""

    article: Article
    document: Document
    extraction: Extraction


def _timed(stats: RunStats | None, name: str, fn: Callable[[Any], Any], item: Any) -> Any:
    start = time.perf_counter()
    try:
        return fn(item)
    finally:
        if stats is not None:
            step = stats.step(name)
            step.items += 1
            step.seconds += time.perf_counter() - start


def process_article(article: Article, options: Options = Options(),
                    stats: RunStats | None = None) -> Processed | IngestError:
    """clean + extract for one article; an exception becomes an error naming the article."""
    try:
        document = _timed(stats, "clean", lambda a: clean_stage.clean(a, options), article)
        extraction = _timed(stats, "extract", lambda d: extract_stage.extract(d, options), document)
    except Exception as exc:  # a bug on one article must not lose the batch
        return IngestError(article.origin or article.id,
                           f"article {article.id!r} could not be processed: "
                           f"{type(exc).__name__}: {exc}")
    return Processed(article, document, extraction)


def process(items: Iterable[Article | IngestError], options: Options = Options(),
            stats: RunStats | None = None) -> Iterator[Processed | IngestError]:
    for item in items:
        if isinstance(item, IngestError):
            yield item
        else:
            yield process_article(item, options, stats)


def read(paths: Iterable[str], options: Options = Options(),
         stats: RunStats | None = None) -> Iterator[Article | IngestError]:
    start = time.perf_counter()
    for item in ingest_stage.read(paths, options):
        if stats is not None:
            step = stats.step("ingest")
            step.items += 1
            step.seconds += time.perf_counter() - start
        yield item
        start = time.perf_counter()


def extract_article(article: Article, options: Options = Options()) -> tuple[Document, Extraction]:
    """No database: clean and extract one article (for ``extract`` and the Python API)."""
    document = clean_stage.clean(article, options)
    return document, extract_stage.extract(document, options)


# --- store + resolve ----------------------------------------------------------------------

def _reports_of(processed: Processed) -> list[Event]:
    art, doc = processed.article, processed.document
    reports = []
    for seq, event in enumerate(processed.extraction.events):
        reports.append(resolve_stage.as_report(
            _copy_event(event), report_id(art.id, seq), art.id, doc.published, art.outlet))
    return reports


def _copy_event(event: Event) -> Event:
    from dataclasses import replace
    return replace(event, attack_types=list(event.attack_types), weapons=list(event.weapons),
                   targets=list(event.targets), evidence=dict(event.evidence))


def _block(store: Store, reports: list[Event]) -> tuple[dict[str, Event], dict[str, list[str]]]:
    """The stored reports that resolve must see again with the new ones: those of the same
    country within the overnight window, and every report of the events they belong to."""
    block: dict[str, Event] = {r.id: r for r in reports}
    for r in reports:
        window = resolve_stage.report_window(r)
        if window:
            for other in store.reports_near(r.country, *window):
                block.setdefault(other.id, other)
    events = store.events_of_reports(block)
    missing = {rid for rids in events.values() for rid in rids} - set(block)
    for other in store.reports(missing):
        block[other.id] = other
    return block, events


def _describe_changes(old: dict[str, Event], new: list[Event], article_id: str) -> dict:
    changes = {}
    for event in new:
        if article_id not in event.sources:
            continue
        before = old.get(event.id)
        detail: dict[str, Any] = {"source_added": article_id}
        if before is None:
            detail["action"] = "created" if len(event.sources) == 1 else "merged"
        else:
            detail["action"] = "updated"
            for name in ("killed", "injured", "date", "location", "attacker"):
                a, b = getattr(before, name), getattr(event, name)
                if a != b:
                    detail[name] = [a.to_dict() if hasattr(a, "to_dict") else a,
                                    b.to_dict() if hasattr(b, "to_dict") else b]
        changes[event.id] = detail
    return changes


def store_processed(store: Store, processed: Processed, stats: RunStats | None = None) -> str:
    """Write one processed article and re-resolve the events it touches, atomically.

    Returns "stored", or "skipped" when the article is already stored (nothing changes).
    """
    art = processed.article
    start = time.perf_counter()
    with store.transaction():
        if store.has_article(art.id):
            return "skipped"
        reports = _reports_of(processed)
        store.add_article(art, processed.document, processed.extraction, reports)
        block, old_events = _block(store, reports)
        old = {eid: store.event(eid) for eid in old_events}
        merged = resolve_stage.merge_reports(block.values())
        for event in merged:
            wid = resolve_stage.wave_id(event.date, event.attacker, event.country or "")
            if event.date_precision == "day" and store.wave_exists(wid):
                event.wave_id = wid
        changes = _describe_changes({k: v for k, v in old.items() if v}, merged, art.id)
        store.replace_events(old_events.keys(), merged, art.id, changes)
        _store_waves(store, processed)
        if stats is not None:
            stats.reports += len(reports)
            for detail in changes.values():
                if detail["action"] == "created":
                    stats.events_created += 1
                else:
                    stats.events_updated += 1
    if stats is not None:
        step = stats.step("resolve+store")
        step.items += 1
        step.seconds += time.perf_counter() - start
    return "stored"


def _store_waves(store: Store, processed: Processed) -> None:
    art = processed.article
    waves = []
    for wave in processed.extraction.waves:
        wave.id = resolve_stage.wave_id(wave.date, wave.attacker, wave.target_country)
        wave.sources = [art.id]
        waves.append(wave)
    store.add_wave_reports(art.id, waves)
    for wid in sorted({w.id for w in waves}):
        wave_reports = store.wave_reports(wid)
        published = {}
        for w in wave_reports:
            for source in w.sources:
                row = store.article(source)
                published[source] = row["published"] if row else None
        merged = resolve_stage.merge_waves(wave_reports, published)
        store.put_wave(merged)
        store.link_wave(merged)


def ingest(paths: Iterable[str], store: Store, options: Options = Options(),
           on_item: Callable[[Processed | IngestError, str], None] | None = None,
           stats: RunStats | None = None) -> RunStats:
    """Read, clean, extract and store everything under ``paths``; one article per
    transaction, so an interruption loses at most the article being written."""
    stats = stats or RunStats()
    for item in process(read(paths, options, stats), options, stats):
        outcome = record(store, item, stats)
        if on_item:
            on_item(item, outcome)
    return stats


def record(store: Store, item: Processed | IngestError, stats: RunStats) -> str:
    """Store one item of ``process`` and count it; errors are counted, not raised."""
    if isinstance(item, IngestError):
        stats.failed += 1
        stats.errors.append(str(item))
        return "error"
    stats.read += 1
    try:
        outcome = store_processed(store, item, stats)
    except Exception as exc:
        stats.failed += 1
        stats.errors.append(f"{item.article.origin or item.article.id}: could not be stored: "
                            f"{type(exc).__name__}: {exc}")
        return "error"
    if outcome == "stored":
        stats.stored += 1
    elif outcome == "skipped":
        stats.skipped += 1
    return outcome
