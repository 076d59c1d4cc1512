"""Shared test configuration: where the services some tests need are found.

Tests that need a service find it through an environment variable that `.ci/run` sets:

- ``STRIKEWATCH_TEST_PG``: a postgresql:// URL of a server where tests may create databases;
- ``STRIKEWATCH_TEST_CHROMIUM``: the path of a Chromium binary for browser tests.

When the variable is unset the test is skipped with the reason, unless
``STRIKEWATCH_REQUIRE_SERVICES=1`` (CI), where a missing service fails the test instead.
"""

from __future__ import annotations

import os

import pytest


def require_service(variable: str, what: str) -> str:
    """The value of ``variable``, or skip (fail under STRIKEWATCH_REQUIRE_SERVICES=1)."""
    value = os.environ.get(variable, "").strip()
    if value:
        return value
    message = f"{what} not configured: set {variable}"
    if os.environ.get("STRIKEWATCH_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message} (STRIKEWATCH_REQUIRE_SERVICES=1: services are required)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the Chromium binary for browser tests ($STRIKEWATCH_TEST_CHROMIUM)."""
    path = require_service("STRIKEWATCH_TEST_CHROMIUM", "Chromium")
    if not os.path.exists(path):
        pytest.fail(f"STRIKEWATCH_TEST_CHROMIUM={path} does not exist")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A postgresql:// URL of a server where the test may create databases
    ($STRIKEWATCH_TEST_PG)."""
    return require_service("STRIKEWATCH_TEST_PG", "PostgreSQL")


def _with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@pytest.fixture(scope="module")
def pg_database(postgres_url: str):
    """The URL of a new, empty PostgreSQL database for this test module, dropped after."""
    import uuid

    import psycopg

    name = "strikewatch_test_" + uuid.uuid4().hex[:12]
    try:
        admin = psycopg.connect(postgres_url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        if os.environ.get("STRIKEWATCH_REQUIRE_SERVICES") == "1":
            pytest.fail(f"PostgreSQL at STRIKEWATCH_TEST_PG is not reachable: {exc}")
        pytest.skip(f"PostgreSQL at STRIKEWATCH_TEST_PG is not reachable: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield _with_database(postgres_url, name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_pg_schema(url: str) -> None:
    """Drop everything in the database's public schema (a fresh start for one test)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


# --- a database of the project's own articles, and a live API server over it --------------

import socket
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_INPUTS = [ROOT / "samples" / "articles", ROOT / "tests" / "fixtures" / "articles" / "xss.jsonl"]
WRITE_TOKEN = "test-write-token"


def fill_database(path: Path) -> Path:
    """Ingest the sample articles and the XSS fixture into a new SQLite file."""
    from strikewatch import pipeline
    from strikewatch.store import open_store

    with open_store(path) as store:
        stats = pipeline.ingest([str(p) for p in SAMPLE_INPUTS], store)
    assert stats.stored >= 9 and not stats.failed, stats.errors
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database holding the sample articles and the XSS fixture (read-only use)."""
    return fill_database(tmp_path_factory.mktemp("sample-db") / "sample.db")


class LiveServer:
    """uvicorn serving ``app`` on a free port of 127.0.0.1, in a thread."""

    def __init__(self, app):
        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run,
                                       kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        import time

        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory):
    """The real server (API and dashboard) over its own copy of the sample database, with
    writing enabled by ``WRITE_TOKEN``; yields the base url."""
    from strikewatch.api import create_app

    db = fill_database(tmp_path_factory.mktemp("live-db") / "live.db")
    with LiveServer(create_app(str(db), write_token=WRITE_TOKEN)) as server:
        yield server.url


# --- generated wire reports (store, concurrency and parallel tests) --------------------------
#
# Short reports in the style of wire copy, written for the project; the strikes are fictional.
# Event j hits WIRE_CITIES[j % 12] on day ``start + j % 5`` (so several events share a
# country and day, as on a heavy night); report k of an event is published k // 2 days
# later by a different outlet with a higher toll, so resolve has tolls to reconcile.

WIRE_CITIES = ("Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Mykolaiv", "Kherson",
               "Poltava", "Chernihiv", "Vinnytsia", "Zhytomyr", "Kryvyi Rih")
WIRE_WEAPONS = ("cruise missile", "ballistic missile", "Shahed drone", "guided aerial bomb")
WIRE_TARGETS = ("an apartment building", "a warehouse", "a school", "a power substation",
                "a grain terminal", "a railway depot")
WIRE_OUTLETS = ("Morning Wire", "Evening Ledger", "Eastern Courier", "Harbour Post")


def wire_article(article_id: str, city: str, day: str, killed: int, injured: int,
                 weapon: str, target: str, published: str, outlet: str) -> dict:
    import datetime

    weekday = datetime.date.fromisoformat(day).strftime("%A")
    text = (f"{city.upper()}, Ukraine - A Russian {weapon} struck {target} in {city} on "
            f"{weekday}, killing {killed} people and injuring {injured}, the regional governor "
            f"said.\nEmergency crews worked through the night to clear the debris, and "
            f"officials warned that the toll could rise.\nAir raid sirens sounded across the "
            f"region for more than two hours.\n")
    return {"id": article_id, "published": published, "outlet": outlet,
            "url": f"https://example.com/wire/{article_id}", "title": f"Strike on {city}",
            "text": text}


def wire_corpus(events: int, reports_per_event: int, start: str = "2024-03-04",
                prefix: str = "wire") -> list[dict]:
    """``events`` x ``reports_per_event`` articles, in a fixed order (report-major)."""
    import datetime

    first = datetime.date.fromisoformat(start)
    out = []
    for k in range(reports_per_event):
        for j in range(events):
            day = first + datetime.timedelta(days=j % 5 + 7 * (j // 60))
            published = day + datetime.timedelta(days=k // 2)
            out.append(wire_article(
                f"{prefix}-{j:05d}-{k}", WIRE_CITIES[j % 12], day.isoformat(),
                killed=2 + j % 7 + k, injured=5 + j % 11 + 2 * k,
                weapon=WIRE_WEAPONS[j % 4], target=WIRE_TARGETS[j % 6],
                published=published.isoformat(), outlet=WIRE_OUTLETS[k % 4]))
    return out


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    import json

    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


# --- a real HTTP server on 127.0.0.1 for the live-source and download tests -----------------

@pytest.fixture(scope="module")
def server():
    """tests/live_server.py's server, one per test module; tests set its routes."""
    from live_server import LiveServer

    live = LiveServer()
    yield live
    live.close()


# --- the gazetteer, loaded once per test session ------------------------------------------

@pytest.fixture(scope="session")
def gazetteer():
    """The default gazetteer (a process-wide cache): loaded once, outside any test's timing."""
    from strikewatch.gazetteer import default_gazetteer

    return default_gazetteer()


# --- the user's imported gazetteer data stays out of the tests -------------------------------

@pytest.fixture(autouse=True, scope="session")
def _no_user_gazetteer_imports(tmp_path_factory: pytest.TempPathFactory):
    """Tests see the bundled gazetteer (cities500) only, never the GeoNames dumps a user
    imported into their data directory; a test that imports sets a directory of its own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("STRIKEWATCH_DATA_DIR", str(tmp_path_factory.mktemp("no-gazetteer-imports")))
    yield
    patch.undo()
