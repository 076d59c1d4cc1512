"""``strikewatch watch``: polling feeds, only new articles, HTTP caching, back-off, stopping.

The feeds and pages come from a real HTTP server on 127.0.0.1 in the test process
(``live_server.py``), which answers conditional requests as a real one does and records
what each client sent. The last test runs the real command in a subprocess and stops it
with SIGTERM in the middle of ingesting.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import empty_pg_schema
from live_server import PROXY_VARIABLES, LiveServer, Reply, article_page, keep_local, rss
from strikewatch.cli import app
from strikewatch.ingest import make_article_id
from strikewatch.ingest.http import Fetcher, HttpSettings
from strikewatch.store import open_store
from strikewatch.watch import (
    Schedule, Shutdown, Stopped, WatchSettings, backoff_delay, parse_interval, poll, watch,
)

FAST = HttpSettings(connect_timeout=2.0, read_timeout=1.0, total_timeout=10.0, retries=1,
                    backoff=0.01, max_backoff=1.0, trust_env=False)


@pytest.fixture(autouse=True)
def local_only(server, monkeypatch):
    server.reset()
    keep_local(monkeypatch)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path) -> str:
    """An empty database: a SQLite file, or the module's PostgreSQL database emptied."""
    if request.param == "sqlite":
        return str(tmp_path / "watch.db")
    url = request.getfixturevalue("pg_database")
    empty_pg_schema(url)
    return url


@pytest.fixture
def store(target):
    db = open_store(target)
    yield db
    db.close()


@pytest.fixture
def fetcher():
    with Fetcher(FAST, sleep=lambda seconds: None) as f:
        yield f


class Feed:
    """An RSS feed the test publishes to; it answers If-None-Match / If-Modified-Since with
    304 while nothing changed, as a real server does."""

    def __init__(self, server: LiveServer, path: str = "/feeds/war.xml") -> None:
        self.server = server
        self.path = path
        self.items: list[tuple[str, str, str | None]] = []
        self.version = 1
        server.add(path, self.route)

    @property
    def url(self) -> str:
        return self.server.url(self.path)

    @property
    def etag(self) -> str:
        return f'"war-{self.version}"'

    @property
    def last_modified(self) -> str:
        return formatdate(1_710_000_000 + 60 * self.version, usegmt=True)

    def route(self, request):
        if (request.headers.get("if-none-match") == self.etag
                or request.headers.get("if-modified-since") == self.last_modified):
            return Reply(304, [("ETag", self.etag)])
        body = rss(self.items).encode()
        return Reply(200, [("Content-Type", "application/rss+xml"), ("ETag", self.etag),
                           ("Last-Modified", self.last_modified),
                           ("Content-Length", str(len(body)))], body)

    def publish(self, n: int, path: str | None = None, page: str | None = None,
                delay: float = 0.0) -> str:
        path = path or f"/news/report-{n}"
        body = (page or article_page(n)).encode()
        self.server.add(path, Reply(headers=[("Content-Type", "text/html; charset=utf-8")],
                                    body=body, body_delay=delay))
        self.items.insert(0, (path, f"Report {n}", None))
        self.version += 1
        return self.server.url(path)


def page_hits(server: LiveServer) -> int:
    return sum(1 for r in server.requests if r.path.startswith("/news/"))


# --- schedule and stopping ------------------------------------------------------------------

def test_intervals_are_read_with_their_unit():
    assert parse_interval("10m") == 600
    assert parse_interval("90s") == 90
    assert parse_interval("1.5h") == 5400
    assert parse_interval("45") == 45
    assert parse_interval("2 min") == 120
    for bad in ("", "ten minutes", "0", "5x", "-5m"):
        with pytest.raises(ValueError):
            parse_interval(bad)


def test_a_failing_feed_backs_off_exponentially_up_to_the_cap():
    assert [backoff_delay(600, n, 6 * 3600) for n in range(7)] == [
        600, 1200, 2400, 4800, 9600, 19200, 21600]
    assert backoff_delay(600, 10_000, 6 * 3600) == 21600
    assert backoff_delay(600, 3, cap=60) == 600, "never more often than --every"


def test_the_schedule_backs_off_one_feed_without_slowing_the_others():
    schedule = Schedule(["good", "bad"], every=60, max_backoff=3600, now=0)
    assert schedule.due_now(0) == ["good", "bad"]
    assert schedule.done("good", True, now=0) == 60
    assert schedule.done("bad", False, now=0) == 120
    assert schedule.due_now(60) == ["good"]
    schedule.done("good", True, now=60)
    assert schedule.done("bad", False, now=120) == 240
    assert schedule.done("bad", True, now=360) == 60, "a success resets the back-off"


def test_a_signal_during_a_database_write_waits_for_the_write():
    shutdown = Shutdown()
    restore = shutdown.install()
    try:
        finished = False
        with pytest.raises(Stopped) as caught:
            with shutdown.critical():
                signal.raise_signal(signal.SIGTERM)
                finished = True  # the write goes on to its end
        assert finished
        assert caught.value.exit_code == 143 and caught.value.signal_name == "SIGTERM"
        after_write = Shutdown()
        restore_again = after_write.install()
        try:
            with pytest.raises(Stopped) as at_once:
                signal.raise_signal(signal.SIGINT)
                time.sleep(1)  # never reached: outside a write a stop is immediate
            assert at_once.value.exit_code == 130
        finally:
            restore_again()
    finally:
        restore()


# --- one poll -------------------------------------------------------------------------------

def test_new_articles_are_stored_and_known_links_are_not_fetched_again(server, store, fetcher):
    feed = Feed(server)
    first = feed.publish(0)
    second = feed.publish(1)
    result = poll(store, feed.url, fetcher)
    assert (result.status, result.new, result.skipped, result.failed) == ("200", 2, 0, 0)
    assert store.known_articles([make_article_id(first, ""), make_article_id(second, "")]) == {
        make_article_id(first, ""), make_article_id(second, "")}
    third = feed.publish(2)
    result = poll(store, feed.url, fetcher)
    assert (result.new, result.skipped) == (1, 2)
    assert server.hits("/news/report-0") == 1 and server.hits("/news/report-1") == 1, \
        "known links are passed over before fetching"
    assert store.article(make_article_id(third, ""))["title"] == "Report 2"


def test_the_feed_is_fetched_with_its_validators_and_a_304_ends_the_poll(server, target,
                                                                         fetcher):
    feed = Feed(server)
    feed.publish(0)
    with open_store(target) as store:
        assert poll(store, feed.url, fetcher).status == "200"
    with open_store(target) as store:  # the caching state lives in the database
        result = poll(store, feed.url, fetcher)
    assert (result.status, result.new, result.skipped) == ("304", 0, 0)
    first, second = server.seen(feed.path)
    assert "if-none-match" not in first.headers
    assert second.headers["if-none-match"] == feed.etag
    assert second.headers["if-modified-since"] == feed.last_modified
    assert page_hits(server) == 1, "a 304 costs no page fetch"


def test_max_items_leaves_the_rest_for_the_next_poll(server, store, fetcher):
    feed = Feed(server)
    for n in range(3):
        feed.publish(n)
    result = poll(store, feed.url, fetcher, max_items=2)
    assert (result.new, result.left) == (2, 1)
    assert "1 left for the next poll" in result.line()
    # entries were left over: no validators saved, so the next poll is not told "304"
    assert store.feed_state(feed.url)["etag"] is None
    result = poll(store, feed.url, fetcher, max_items=2)
    assert (result.status, result.new, result.skipped, result.left) == ("200", 1, 2, 0)
    assert "if-none-match" not in server.seen(feed.path)[-1].headers
    assert store.feed_state(feed.url)["etag"] == feed.etag
    assert store.count_articles() == 3


def test_the_same_text_under_another_link_is_skipped_and_not_fetched_again(server, store,
                                                                          fetcher):
    feed = Feed(server)
    feed.publish(3, path="/news/dnipro")
    feed.publish(3, path="/news/dnipro-amp")   # the same page under a second url
    result = poll(store, feed.url, fetcher)
    assert (result.new, result.skipped) == (1, 1)
    assert store.count_articles() == 1
    feed.publish(4)
    result = poll(store, feed.url, fetcher)
    assert (result.new, result.skipped) == (1, 2)
    assert server.hits("/news/dnipro") == 1 and server.hits("/news/dnipro-amp") == 1


def test_a_failing_feed_counts_its_failures_and_keeps_its_validators(server, store, fetcher):
    feed = Feed(server)
    feed.publish(0)
    poll(store, feed.url, fetcher)
    server.add(feed.path, Reply(503, [], b""))
    result = poll(store, feed.url, fetcher)
    assert not result.ok and result.error == "HTTP 503 Service Unavailable after 2 attempts"
    assert "error: HTTP 503" in result.line()
    poll(store, feed.url, fetcher)
    state = store.feed_state(feed.url)
    assert (state["failures"], state["status"], state["etag"]) == (2, "error", feed.etag)
    server.add(feed.path, feed.route)
    assert poll(store, feed.url, fetcher).status == "304"
    assert store.feed_state(feed.url)["failures"] == 0


def test_a_page_that_may_come_back_is_tried_again_and_one_that_cannot_is_not(server, store,
                                                                            fetcher):
    feed = Feed(server)
    feed.items = [("/news/not-yet", "Announced early", None), ("/news/photo", "Photo", None)]
    server.page("/news/photo", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg")
    result = poll(store, feed.url, fetcher)
    assert (result.new, result.failed) == (0, 2)
    assert any("HTTP 404" in e for e in result.errors)
    assert any("content-type image/jpeg" in e for e in result.errors)
    assert store.feed_state(feed.url)["etag"] is None, "a page to try again: no validators"
    server.page("/news/not-yet", article_page(5))
    result = poll(store, feed.url, fetcher)
    assert (result.new, result.skipped, result.failed) == (1, 1, 0)
    assert server.hits("/news/not-yet") == 2 and server.hits("/news/photo") == 1


# --- the loop ---------------------------------------------------------------------------------

def test_the_loop_picks_up_new_items_and_stops_when_asked(server, store, fetcher):
    feed = Feed(server)
    feed.publish(0)
    lines: list[str] = []
    shutdown = Shutdown()
    outcome: list[BaseException] = []

    def run():
        try:
            watch([feed.url], store, WatchSettings(every=0.05), fetcher=fetcher,
                  shutdown=shutdown, log=lines.append)
        except BaseException as exc:  # noqa: BLE001 - the test looks at what ended it
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        # the first poll stores the article, the next ones hear "not modified"
        while time.monotonic() < deadline and not any("304" in line for line in lines):
            time.sleep(0.02)
        feed.publish(1)
        while time.monotonic() < deadline and sum(", 1 new" in l for l in lines) < 2:
            time.sleep(0.02)
    finally:
        shutdown.request()
        thread.join(10)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Stopped)
    assert sum(", 1 new" in line for line in lines) == 2
    assert any("304 not modified" in line for line in lines)
    assert all(feed.url in line and "next poll in" in line for line in lines)
    assert store.count_articles() == 2


def test_once_polls_every_feed_one_time(server, store, fetcher):
    feed = Feed(server)
    feed.publish(0)
    other = Feed(server, "/feeds/other.xml")
    other.publish(1, path="/news/other-1")
    lines: list[str] = []
    summary = watch([feed.url, other.url, feed.url], store, WatchSettings(once=True),
                    fetcher=fetcher, log=lines.append)
    assert (summary.polls, summary.new, summary.failed_polls) == (2, 2, 0)
    assert len(lines) == 2 and "next poll" not in lines[0]


# --- the command ------------------------------------------------------------------------------

def test_watch_command_refuses_a_bad_interval_or_a_url_that_is_no_feed_url(tmp_path):
    db = str(tmp_path / "w.db")
    bad_url = CliRunner().invoke(app, ["watch", "file:///etc/passwd", "--db", db, "--once"])
    assert bad_url.exit_code == 2 and "not a feed URL: file:///etc/passwd" in bad_url.output
    bad_every = CliRunner().invoke(app, ["watch", "http://127.0.0.1:9/rss", "--db", db,
                                         "--every", "soon"])
    assert bad_every.exit_code == 2 and "--every: not an interval" in bad_every.output
    assert not Path(db).exists(), "nothing was opened"


def test_watch_once_reports_each_poll_and_exits_1_on_a_failure(server, tmp_path):
    feed = Feed(server)
    feed.publish(0)
    feed.items.insert(0, ("/news/missing", "Missing", None))
    result = CliRunner().invoke(app, ["watch", feed.url, "--db", str(tmp_path / "w.db"),
                                      "--once"], env={"STRIKEWATCH_DB": None})
    assert result.exit_code == 1, result.output
    assert f"{feed.url}: HTTP 200, 1 new, 0 skipped, 1 failed" in result.output
    assert f"error: {server.url('/news/missing')}: HTTP 404 Not Found" in result.output
    assert "1 poll (0 failed): 1 new articles stored, 0 skipped, 1 failed" in result.stdout


# --- the command, stopped with SIGTERM in the middle of ingesting ----------------------------

def _consistent(db: Path) -> None:
    """The checks a half-written article would fail."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every stored report belongs to an event, and every event link to a stored report
        assert conn.execute(
            "SELECT COUNT(*) FROM reports r WHERE NOT EXISTS "
            "(SELECT 1 FROM event_reports er WHERE er.report_id = r.id)").fetchone() == (0,)
        assert conn.execute(
            "SELECT COUNT(*) FROM event_reports er WHERE NOT EXISTS "
            "(SELECT 1 FROM reports r WHERE r.id = er.report_id) OR NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.id = er.event_id)").fetchone() == (0,)
        # each article was written with its cleaning
        assert conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM cleaning_spans s WHERE s.article_id = a.id) "
            "AND a.cleaned_text = ''").fetchone() == (0,)


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "strikewatch.cli", "watch", *args]


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in PROXY_VARIABLES and k != "STRIKEWATCH_DB"}
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_ingest_leaves_a_whole_database_and_a_resumable_watch(server, tmp_path):
    feed = Feed(server)
    total = 16
    for n in range(total):
        feed.publish(n, delay=0.15)   # slow pages: the watcher is mid-feed when stopped
    db = tmp_path / "watch.db"
    proc = subprocess.Popen(_command(feed.url, "--db", str(db), "--every", "1h"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environment(),
                            cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while page_hits(server) < 4 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        assert proc.poll() is None, proc.communicate()[1].decode()
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    message = stderr.decode()
    assert proc.returncode == 143, message
    assert "stopped by SIGTERM" in message and "every article stored is complete" in message
    assert "Traceback" not in message
    _consistent(db)
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 1 <= stored < total, "stopped in the middle of the feed"

    fetched_before = page_hits(server)
    again = subprocess.run(_command(feed.url, "--db", str(db), "--once"), capture_output=True,
                           env=_environment(), cwd=tmp_path, timeout=120)
    assert again.returncode == 0, again.stderr.decode()
    assert f"{total - stored} new, {stored} skipped, 0 failed" in again.stderr.decode()
    assert page_hits(server) - fetched_before == total - stored, \
        "the resumed watch fetches only what was not stored"
    _consistent(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == total
