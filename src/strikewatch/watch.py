"""Watch feeds: poll RSS/Atom feeds on a schedule and ingest only what is new.

A face-level loop, beside the CLI: it calls ingest (``ingest.web``: fetch a feed, fetch an
entry's page) and the pipeline (clean, extract, resolve, store), and keeps its own state in
the store, so a restarted watcher carries on where the last one stopped.

One poll of one feed:

1. the feed is fetched with the validators of the last poll (``If-None-Match`` from its
   ETag, ``If-Modified-Since`` from its Last-Modified); a 304 ends the poll;
2. entries already known are passed over *before* their page is fetched: an article with
   the id their link gives (``make_article_id``), an article stored with that exact url,
   or an entry remembered as a duplicate or a permanent failure;
3. each new page is fetched; a text already stored under another url (the same wire story
   on two urls, a page reachable with and without a tracking parameter) is skipped by its
   content hash and remembered, so that the next poll does not fetch it again;
4. the rest go through the pipeline, one article per transaction.

The validators are saved only after a poll that dealt with every entry. A poll that left
entries for later (``max_items``) or hit a failure a later poll may cure (a timeout, a 503)
saves none, so the next poll gets the whole feed again instead of a 304 that would hide
those entries for good.

Errors: a feed that fails is polled again after ``every * 2**failures`` seconds (capped at
``max_backoff``), per feed: one broken feed neither stops nor slows the others.

Stopping: a SIGINT or SIGTERM ends the watcher at once, except while the database is being
written: then the write finishes (one article, one transaction) and the watcher stops right
after. A kill that cannot be caught still leaves the database whole: every write is one
transaction.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterator, Sequence

from . import pipeline
from .ingest.articles import Rejected
from .ingest.feeds import FeedEntry
from .ingest.http import Fetcher, FetchError
from .ingest.ids import make_article_id
from .ingest.web import entry_article, fetch_feed, unexpected
from .model import Options
from .store import Store

# interval units: "90s", "10m", "1.5h", "1d"; a bare number is seconds
INTERVAL_UNITS: dict[str, float] = {
    "": 1.0, "ms": 0.001, "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0,
    "d": 86400.0,
}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.I)

DEFAULT_EVERY = 600.0
# the longest pause a failing feed gets between polls
DEFAULT_MAX_BACKOFF = 6 * 3600.0

# outcomes remembered in feed_entries
DUPLICATE = "duplicate"
FAILED = "failed"


def parse_interval(text: str) -> float:
    """Seconds from "90s", "10m", "1.5h", "1d" or "45"; raises ValueError."""
    match = _INTERVAL.match(text or "")
    unit = match.group(2).lower() if match else None
    if not match or unit not in INTERVAL_UNITS:
        raise ValueError(f"not an interval: {text!r} (write e.g. 90s, 10m, 1h)")
    seconds = float(match.group(1)) * INTERVAL_UNITS[unit]
    if seconds <= 0:
        raise ValueError(f"the interval must be longer than zero: {text!r}")
    return seconds


def backoff_delay(every: float, failures: int, cap: float = DEFAULT_MAX_BACKOFF) -> float:
    """Seconds until the next poll of a feed that failed ``failures`` times in a row."""
    if failures <= 0:
        return every
    # 2**failures overflows a float past ~1000 failures; the cap is reached long before
    return min(every * 2.0 ** min(failures, 60), max(cap, every))


def format_duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.3g} s"
    if seconds < 7200:
        return f"{seconds / 60:.3g} min"
    return f"{seconds / 3600:.3g} h"


# --- stopping -------------------------------------------------------------------------------

class Stopped(BaseException):
    """The watcher was asked to stop (a signal, or ``Shutdown.request``).

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way
    (a library's, or the pipeline's own "one bad article must not stop the batch") holds
    it up."""

    def __init__(self, signum: int | None = None) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def signal_name(self) -> str:
        if self.signum is None:
            return "request"
        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"

    @property
    def exit_code(self) -> int:
        # the shell's convention: 128 + the signal number (130 for Ctrl-C, 143 for SIGTERM)
        return 128 + self.signum if self.signum else 1


class Shutdown:
    """Stop requests, held back while the database is being written.

    ``install()`` makes SIGINT and SIGTERM requests (main thread only). Outside a
    ``critical()`` block a request stops the watcher at once (``Stopped`` is raised where it
    is); inside one it waits until the block ends. ``check()`` and ``sleep()`` raise
    ``Stopped`` once a request came, so the loop also stops where a library swallowed it.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self.signum: int | None = None
        self._critical = 0

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def request(self, signum: int | None = None) -> None:
        if self.signum is None:
            self.signum = signum
        self._event.set()

    def _on_signal(self, signum: int, frame: object) -> None:
        self.request(signum)
        if not self._critical:
            raise Stopped(signum)

    def install(self, signals: Sequence[int] = (signal.SIGINT, signal.SIGTERM)
                ) -> Callable[[], None]:
        """Handle ``signals``; returns a function that puts the old handlers back."""
        old = {s: signal.signal(s, self._on_signal) for s in signals}

        def restore() -> None:
            for s, handler in old.items():
                signal.signal(s, handler)
        return restore

    @contextmanager
    def critical(self) -> Iterator[None]:
        """A block a stop request must not cut short (a database write)."""
        self._critical += 1
        try:
            yield
        finally:
            self._critical -= 1
        self.check()

    def check(self) -> None:
        if self._event.is_set() and not self._critical:
            raise Stopped(self.signum)

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds``, or less if a stop request comes (then ``Stopped``)."""
        if seconds > 0:
            self._event.wait(seconds)
        self.check()


# --- one poll -------------------------------------------------------------------------------

@dataclass
class PollResult:
    """What one poll of one feed did; ``line()`` is its log line."""

    feed: str
    status: str = "error"       # the HTTP status of the feed ("200", "304") or "error"
    new: int = 0                # articles stored
    skipped: int = 0            # known already: not fetched, or a duplicate text
    failed: int = 0             # entries whose page could not be fetched or stored
    left: int = 0               # new entries left for a later poll (max_items)
    error: str | None = None    # why the feed itself failed
    errors: list[str] = field(default_factory=list)   # one line per failed entry
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def line(self, next_poll: float | None = None) -> str:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.ok:
            status = "304 not modified" if self.status == "304" else f"HTTP {self.status}"
            text = (f"{stamp} {self.feed}: {status}, {self.new} new, {self.skipped} skipped, "
                    f"{self.failed} failed")
            if self.left:
                text += f", {self.left} left for the next poll"
        else:
            text = f"{stamp} {self.feed}: error: {self.error}"
        text += f" ({self.seconds:.1f} s)"
        if next_poll is not None:
            text += f"; next poll in {format_duration(next_poll)}"
        return text


def _order(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    # feeds list the newest first; storing the oldest first keeps each event's update log
    # in the order the reports came out. Undated entries come first, oldest first by their
    # place in the feed.
    oldest_first = list(reversed(entries))
    return sorted(oldest_first, key=lambda e: e.published or "")


def poll(store: Store, feed_url: str, fetcher: Fetcher, options: Options = Options(), *,
         max_items: int | None = None, shutdown: Shutdown | None = None,
         stats: pipeline.RunStats | None = None) -> PollResult:
    """Poll one feed once: fetch it (conditionally) and ingest its new entries."""
    shutdown = shutdown or Shutdown()
    stats = stats if stats is not None else pipeline.RunStats()
    started = time.monotonic()
    result = PollResult(feed=feed_url)
    state = store.feed_state(feed_url) or {}
    try:
        response, feed = fetch_feed(feed_url, fetcher, etag=state.get("etag"),
                                    last_modified=state.get("last_modified"))
    except (FetchError, Rejected, Exception) as exc:
        if isinstance(exc, FetchError):
            result.error = exc.reason
        elif isinstance(exc, Rejected):
            result.error = str(exc)
        else:  # a bug or a library failing on hostile input: this poll lost, not the watcher
            result.error = unexpected(exc)
        with shutdown.critical():
            # the validators are kept: the feed has not changed as far as we know
            store.save_feed_state(feed_url, etag=state.get("etag"),
                                  last_modified=state.get("last_modified"), status="error",
                                  failures=int(state.get("failures") or 0) + 1,
                                  error=result.error)
        result.seconds = time.monotonic() - started
        return result
    result.status = str(response.status)
    if feed is None:  # 304 Not Modified
        with shutdown.critical():
            store.save_feed_state(feed_url, etag=response.etag or state.get("etag"),
                                  last_modified=response.last_modified or state.get("last_modified"),
                                  status=result.status, failures=0)
        result.seconds = time.monotonic() - started
        return result
    result.errors += [f"{feed_url}: {problem}" for problem in feed.problems]
    entries = _order(feed.entries)
    ids = {e.url: make_article_id(e.url, "") for e in entries}
    known = (store.known_articles(ids.values()) | store.known_feed_entries(ids.values()))
    known_urls = store.known_urls(ids)
    retry_later = 0
    fetched = 0
    for entry in entries:
        shutdown.check()
        article_id = ids[entry.url]
        if article_id in known or entry.url in known_urls:
            result.skipped += 1
            continue
        if max_items is not None and fetched >= max_items:
            result.left += 1
            continue
        fetched += 1
        outcome = _ingest_entry(store, feed_url, entry, article_id, fetcher, options, shutdown,
                                stats, result)
        if outcome == "retry":
            retry_later += 1
        known.add(article_id)
    complete = result.left == 0 and retry_later == 0
    with shutdown.critical():
        store.save_feed_state(feed_url, etag=response.etag if complete else None,
                              last_modified=response.last_modified if complete else None,
                              status=result.status, failures=0)
    result.seconds = time.monotonic() - started
    return result


def _ingest_entry(store: Store, feed_url: str, entry: FeedEntry, article_id: str,
                  fetcher: Fetcher, options: Options, shutdown: Shutdown,
                  stats: pipeline.RunStats, result: PollResult) -> str:
    """Fetch, process and store one new entry; counts it in ``result``. Returns "stored",
    "skipped", "failed" (remembered, not tried again) or "retry" (tried again next poll)."""
    try:
        article = entry_article(entry, fetcher, options)
    except FetchError as exc:
        result.failed += 1
        result.errors.append(f"{entry.url}: {exc.reason}")
        if exc.retry_later:
            return "retry"
        with shutdown.critical():
            store.add_feed_entry(article_id, entry.url, feed_url, FAILED, exc.reason)
        return "failed"
    except Rejected as exc:
        result.failed += 1
        result.errors.append(f"{entry.url}: {exc}")
        with shutdown.critical():
            store.add_feed_entry(article_id, entry.url, feed_url, FAILED, str(exc))
        return "failed"
    except Exception as exc:  # a bug or a library failing on hostile input: one entry lost
        result.failed += 1
        result.errors.append(f"{entry.url}: {unexpected(exc)}")
        return "retry"
    duplicate = store.find_duplicate(article)
    if duplicate:
        result.skipped += 1
        with shutdown.critical():
            store.add_feed_entry(article_id, entry.url, feed_url, DUPLICATE, duplicate)
        return "skipped"
    processed = pipeline.process_article(article, options, stats)
    with shutdown.critical():
        outcome = pipeline.record(store, processed, stats)
    if outcome == "stored":
        result.new += 1
        return "stored"
    if outcome == "skipped":
        result.skipped += 1
        return "skipped"
    result.failed += 1
    result.errors.append(stats.errors[-1] if stats.errors else
                         f"{entry.url}: could not be stored")
    return "retry"


# --- the loop -------------------------------------------------------------------------------

@dataclass
class WatchSettings:
    every: float = DEFAULT_EVERY            # seconds between polls of a feed
    once: bool = False                      # poll each feed once, then return
    max_items: int | None = None            # new articles fetched per feed and poll
    max_backoff: float = DEFAULT_MAX_BACKOFF


@dataclass
class WatchSummary:
    polls: int = 0
    failed_polls: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0

    def add(self, result: PollResult) -> None:
        self.polls += 1
        self.failed_polls += 0 if result.ok else 1
        self.new += result.new
        self.skipped += result.skipped
        self.failed += result.failed

    def line(self) -> str:
        polls = "1 poll" if self.polls == 1 else f"{self.polls} polls"
        return (f"{polls} ({self.failed_polls} failed): {self.new} new articles stored, "
                f"{self.skipped} skipped, {self.failed} failed")


class Schedule:
    """When each feed is due: at once at the start, then ``every`` seconds after its last
    poll, or later after failures (``backoff_delay``)."""

    def __init__(self, feeds: Sequence[str], every: float, max_backoff: float,
                 now: float) -> None:
        self.every = every
        self.max_backoff = max_backoff
        self.due = {feed: now for feed in feeds}
        self.failures = {feed: 0 for feed in feeds}

    def due_now(self, now: float) -> list[str]:
        return [feed for feed, at in self.due.items() if at <= now]

    def done(self, feed: str, ok: bool, now: float) -> float:
        """Record a poll's outcome; returns the seconds until the feed's next poll."""
        self.failures[feed] = 0 if ok else self.failures[feed] + 1
        delay = backoff_delay(self.every, self.failures[feed], self.max_backoff)
        self.due[feed] = now + delay
        return delay

    def wait(self, now: float) -> float:
        return max(0.0, min(self.due.values()) - now)


def watch(feeds: Sequence[str], store: Store, settings: WatchSettings = WatchSettings(),
          options: Options = Options(), *, fetcher: Fetcher | None = None,
          shutdown: Shutdown | None = None, log: Callable[[str], None] = print,
          summary: WatchSummary | None = None) -> WatchSummary:
    """Poll ``feeds`` until stopped (``Stopped`` is raised), or once with ``settings.once``.

    ``log`` gets one line per poll, then one line per failed entry. ``summary`` (given by
    the caller, so that it still has the counts when ``Stopped`` propagates) adds up the
    polls.
    """
    feeds = list(dict.fromkeys(feeds))
    shutdown = shutdown or Shutdown()
    summary = summary if summary is not None else WatchSummary()
    own = fetcher is None
    if fetcher is None:
        fetcher = Fetcher()
    stats = pipeline.RunStats()
    schedule = Schedule(feeds, settings.every, settings.max_backoff, time.monotonic())
    try:
        while True:
            for feed in schedule.due_now(time.monotonic()):
                shutdown.check()
                try:
                    result = poll(store, feed, fetcher, options, max_items=settings.max_items,
                                  shutdown=shutdown, stats=stats)
                except Exception as exc:
                    # the database failed (a server gone away, a disk full): the feed backs
                    # off and is tried again, as for a failing feed, and the watcher lives on
                    result = PollResult(feed=feed, error=f"database: {type(exc).__name__}: "
                                                         f"{' '.join(str(exc).split())[:160]}")
                summary.add(result)
                delay = schedule.done(feed, result.ok, time.monotonic())
                log(result.line(None if settings.once else delay))
                for line in result.errors:
                    log(f"  error: {line}")
            if settings.once:
                return summary
            shutdown.sleep(schedule.wait(time.monotonic()))
    finally:
        if own:
            fetcher.close()
