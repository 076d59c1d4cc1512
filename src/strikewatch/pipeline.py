"""The one place that knows the stage order: ingest -> clean -> extract -> resolve -> store.

Each stage is a generator over the previous stage's items; an ``IngestError`` travels
through untouched so that one bad item never stops the batch. ``StepStats`` keeps counts
and time per step, as datatrove does, so a run can say where its time went.

Faces (the CLI, the HTTP API, the Python API in ``strikewatch.api``) call the functions
here and read from the store.
"""

from __future__ import annotations

import random
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Iterator

from . import clean as clean_stage
from . import extract as extract_stage
from . import ingest as ingest_stage
from . import resolve as resolve_stage
from .model import Article, Document, Event, Extraction, IngestError, Options, ReportKey
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
    retries: int = 0            # writes run again because a concurrent writer got in first
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


def _block(store: Store, keys: list[ReportKey]) -> tuple[list[ReportKey], dict[str, list[str]]]:
    """The stored reports that resolve must see again with the new ones: those of the same
    country and region within the overnight window, and every report of the events they
    belong to. Other regions' reports of those days cannot change, so they are not read:
    on a day of heavy news, reading and re-merging the whole country for every new
    article made storing cost grow with the size of the archive. Only the reports' keys
    are read here; ``resolve_block`` reads whole reports only for the events that change."""
    block: dict[str, ReportKey] = {k.id: k for k in keys}
    near: set[str] = set()
    for k in keys:
        window = resolve_stage.report_window(k)
        if window:
            for other in _keys(store, *store.report_keys_near(k.country, k.region, *window)):
                # a database written before the keys were stored gives its rows' regions
                # unfolded; resolve never joins reports of two regions
                if other.region == k.region:
                    near.add(other.id)
                    block.setdefault(other.id, other)
    events = store.events_of_reports(near | set(block))
    missing = {rid for rids in events.values() for rid in rids} - set(block)
    for other in _keys(store, *store.report_keys(missing)):
        block[other.id] = other
    return list(block.values()), events


def _keys(store: Store, keys: list[ReportKey], unkeyed: list[str]) -> list[ReportKey]:
    """Keys of stored reports, with those of reports stored before keys were (schema 2)
    made from the whole report."""
    return keys + [resolve_stage.report_key(r) for r in store.reports(unkeyed)]


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


# How often one article's transaction is run again when a concurrent writer made the
# database abort it (PostgreSQL: deadlock, serialisation failure); waits grow each time
WRITE_ATTEMPTS = 8
RETRY_WAIT_SECONDS = 0.02


def _block_key(country: str | None, day: str | None) -> str:
    return f"block:{country or ''}:{day or ''}"


def _day_keys(reports: list[Event]) -> set[str]:
    """The (country, day) blocks whose reports resolve will read for ``reports``."""
    keys = set()
    for r in reports:
        window = resolve_stage.report_window(r)
        if window is None:
            keys.add(_block_key(r.country, r.date))
            continue
        day, last = date.fromisoformat(window[0]), date.fromisoformat(window[1])
        while day <= last:
            keys.add(_block_key(r.country, day.isoformat()))
            day += timedelta(days=1)
    return keys


def _write_keys(processed: Processed, reports: list[Event]) -> set[str]:
    """What a writer of this article must hold so that no concurrent writer reads or
    rewrites the same events, waves or article meanwhile (see ``Store.lock_keys``)."""
    keys = {"article:" + processed.article.id} | _day_keys(reports)
    # a wave links the events of its day and country: the same block as those events
    keys |= {_block_key(w.target_country, w.date) for w in processed.extraction.waves}
    return keys


def _locked_block(store: Store, keys: list[ReportKey], held: set[str]
                  ) -> tuple[list[ReportKey], dict[str, list[str]]]:
    """``_block`` for a store where writers run concurrently: an event in the block may hold
    reports of days outside the new reports' windows (a chain of overnight reports); its
    other writers lock those days, so lock them too and read again until nothing is new."""
    while True:
        block, events = _block(store, keys)
        if not store.concurrent_writers:
            return block, events
        more = {_block_key(r.country, r.date) for r in block} - held
        if not more:
            return block, events
        store.lock_keys(more)
        held |= more


def _write(store: Store, processed: Processed) -> tuple[str, int, dict[str, Any], float]:
    """One attempt at ``store_processed``: (outcome, reports written, event changes,
    seconds spent merging)."""
    art = processed.article
    reports = _reports_of(processed)
    with store.transaction():
        held = _write_keys(processed, reports)
        # taken before has_article: a concurrent writer of the same article waits here and
        # then finds it stored
        store.lock_keys(held)
        if store.has_article(art.id):
            return "skipped", 0, {}, 0.0
        keys = [resolve_stage.report_key(r) for r in reports]
        store.add_article(art, processed.document, processed.extraction, reports, keys)
        block, old_events = _locked_block(store, keys, held)
        new = {r.id: r for r in reports}

        def load(ids: list[str]) -> list[Event]:
            return [new[i] for i in ids if i in new] + store.reports(i for i in ids
                                                                     if i not in new)

        start = time.perf_counter()
        change = resolve_stage.resolve_block(block, old_events, load, store.event_states,
                                             store.known_events)
        merging = time.perf_counter() - start
        changed, replaced = change.events, change.replaced
        old = store.event_summaries(replaced)
        for event in changed:
            wid = resolve_stage.wave_id(event.date, event.attacker, event.country or "")
            if event.date_precision == "day" and store.wave_exists(wid):
                event.wave_id = wid
        changes = _describe_changes(old, changed, art.id)
        store.replace_events(replaced, changed, art.id, changes, change.states, old_events)
        _store_waves(store, processed)
    return "stored", len(reports), changes, merging


def store_processed(store: Store, processed: Processed, stats: RunStats | None = None) -> str:
    """Write one processed article and re-resolve the events it touches, atomically.

    Returns "stored", or "skipped" when the article is already stored (nothing changes).
    Safe with several writers on one database: the store serialises writers of the same
    blocks (``Store.lock_keys``), and an attempt the database aborted for a concurrent
    writer is run again.
    """
    start = time.perf_counter()
    for attempt in range(WRITE_ATTEMPTS):
        try:
            outcome, n_reports, changes, merging = _write(store, processed)
            break
        except Exception as exc:
            if attempt + 1 == WRITE_ATTEMPTS or not store.is_retryable(exc):
                raise
            if stats is not None:
                stats.retries += 1
            time.sleep(random.uniform(0.5, 1.0) * RETRY_WAIT_SECONDS * 2 ** attempt)
    if outcome == "skipped":
        return outcome
    if stats is not None:
        stats.reports += n_reports
        for detail in changes.values():
            if detail["action"] == "created":
                stats.events_created += 1
            else:
                stats.events_updated += 1
        step = stats.step("resolve+store")
        step.items += 1
        step.seconds += time.perf_counter() - start
        # the part of it spent in resolve's merge (the rest is reading and writing rows)
        step = stats.step("resolve")
        step.items += 1
        step.seconds += merging
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
           on_item: Callable[[Processed | Article | IngestError, str], None] | None = None,
           stats: RunStats | None = None, *, workers: int = 1, dask: Any = None,
           batch_size: int | None = None) -> RunStats:
    """Read, clean, extract and store everything under ``paths``; one article per
    transaction, so an interruption loses at most the article being written.

    ``workers`` > 1 runs clean and extract in that many local processes; ``dask`` (a
    scheduler address "tcp://host:port", "local", or a ``distributed.Client``) runs them
    on a Dask cluster. Either way the store writes stay in this process, in input order,
    so the database is the one a single process writes. Articles already stored are
    skipped before any work is done (``on_item`` then gets the ``Article``), so a run that
    was interrupted resumes where it stopped.
    """
    stats = stats or RunStats()
    with executor(workers, dask) as (submit, ahead):
        for item, outcome in _ingest_batches(read(paths, options, stats), store, submit, ahead,
                                             options, stats, batch_size or BATCH_SIZE):
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


# --- parallel execution ---------------------------------------------------------------------
#
# Only clean and extract leave this process: they are pure functions of one article and
# take nearly all the time. Resolve and store stay here, one article per transaction in
# input order, because resolve reads what the previous articles stored. Work travels in
# batches, a bounded number at a time, so a corpus of any size streams in bounded memory.

BATCH_SIZE = 16                 # articles per task: large enough to hide the task overhead

Submit = Callable[..., Any]     # submit(fn, *args) -> a future with .result()


def process_batch(articles: list[Article], options: Options = Options()
                  ) -> tuple[list[Processed | IngestError], dict[str, tuple[int, float]]]:
    """clean + extract a batch where the worker runs (local pool, Dask); the step times
    travel back with the results. Workers keep their gazetteer loaded between batches
    (``default_gazetteer`` is one per process)."""
    stats = RunStats()
    out = [process_article(a, options, stats) for a in articles]
    return out, {name: (step.items, step.seconds) for name, step in stats.steps.items()}


class _Done:
    """A finished "future" for running in this process."""

    def __init__(self, value: Any):
        self.value = value

    def result(self) -> Any:
        return self.value


def _submit_here(fn: Callable[..., Any], *args: Any) -> _Done:
    return _Done(fn(*args))


def _init_worker() -> None:
    import signal

    from .gazetteer import default_gazetteer
    # Ctrl-C is for the main process, which stops the pool; a worker would only print
    # a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    default_gazetteer()


@contextmanager
def executor(workers: int = 1, dask: Any = None) -> Iterator[tuple[Submit, int]]:
    """(submit, batches to keep in flight) for this process, a local process pool, or a
    Dask cluster (see ``ingest``)."""
    if dask is not None:
        with _dask_executor(dask, workers) as found:
            yield found
        return
    if workers <= 1:
        yield _submit_here, 0
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver, not fork: the main process may run threads (progress bar, database
    # drivers), and a fork copies their locks in whatever state they are
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["strikewatch.pipeline"])
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker)
    try:
        yield pool.submit, 2 * workers
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _dask_executor(dask: Any, workers: int) -> Iterator[tuple[Submit, int]]:
    import logging

    from dask.distributed import Client, LocalCluster

    cluster = None
    if isinstance(dask, str):
        if dask == "local":
            cluster = LocalCluster(n_workers=max(workers, 2), threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            # how long to try: Dask's distributed.comm.timeouts.connect (30 s by default)
            client = Client(dask)
    else:
        client = dask               # the caller's Client: the caller closes it
    try:
        slots = sum(client.nthreads().values()) or 1

        def submit(fn: Callable[..., Any], *args: Any) -> Any:
            # pure=False: a batch is never the same task twice, even with equal contents
            return client.submit(fn, *args, pure=False)

        yield submit, 2 * slots
    finally:
        if client is not dask:
            client.close()
        if cluster is not None:
            cluster.close()


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _dispatch(batch: list[Article | IngestError], store: Store, submit: Submit,
              options: Options) -> tuple[list[Article | IngestError], set[str], Any]:
    known = store.known_articles(a.id for a in batch if isinstance(a, Article))
    todo = [a for a in batch if isinstance(a, Article) and a.id not in known]
    return batch, known, (submit(process_batch, todo, options) if todo else _Done(([], {})))


def _collect(batch: list[Article | IngestError], known: set[str], future: Any, store: Store,
             stats: RunStats) -> Iterator[tuple[Processed | Article | IngestError, str]]:
    results, steps = future.result()
    for name, (items, seconds) in steps.items():
        step = stats.step(name)
        step.items += items
        step.seconds += seconds
    done = iter(results)
    for item in batch:
        if isinstance(item, Article) and item.id in known:
            stats.read += 1
            stats.skipped += 1
            yield item, "skipped"
            continue
        processed = item if isinstance(item, IngestError) else next(done)
        yield processed, record(store, processed, stats)


def _ingest_batches(items: Iterable[Article | IngestError], store: Store, submit: Submit,
                    ahead: int, options: Options, stats: RunStats, batch_size: int
                    ) -> Iterator[tuple[Processed | Article | IngestError, str]]:
    pending: deque = deque()
    for batch in _batches(items, batch_size):
        pending.append(_dispatch(batch, store, submit, options))
        while len(pending) > ahead:
            yield from _collect(*pending.popleft(), store, stats)
    while pending:
        yield from _collect(*pending.popleft(), store, stats)
