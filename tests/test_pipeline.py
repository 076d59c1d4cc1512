"""The pipeline as a whole: the stage order, the order of arrival not mattering, and one bad
article never costing the rest of the batch.

The articles here are written for the project in the style of wire copy; the strikes they
describe are fictional.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikewatch import pipeline
from strikewatch.cli import app
from strikewatch.model import IngestError
from strikewatch.store import open_store
from strikewatch.store.sqlite import SQLiteStore

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"

# Two reports of one fictional strike, a day apart, the second with the higher toll.
FIRST_REPORT = {
    "id": "vinnytsia-first", "published": "2024-11-19", "outlet": "Morning Wire",
    "url": "https://example.com/world/vinnytsia-missile-strike",
    "title": "Missile hits shopping centre in Vinnytsia",
    "text": (
        "VINNYTSIA, Ukraine - A Russian cruise missile struck a shopping centre in Vinnytsia "
        "on Tuesday afternoon, killing at least four people and injuring 23, the regional "
        "governor said.\n"
        "Rescuers were searching the rubble of the two-storey building for people who might "
        "still be trapped.\n"
        "The air force said two other missiles were shot down over the region.\n"),
}
LATER_REPORT = {
    "id": "vinnytsia-second", "published": "2024-11-20", "outlet": "Evening Ledger",
    "url": "https://example.org/news/vinnytsia-toll-rises",
    "title": "Vinnytsia strike toll rises to seven",
    "text": (
        "Seven people were killed and 31 injured in Tuesday's Russian missile strike on a "
        "shopping centre in Vinnytsia, the regional governor said on Wednesday, raising the "
        "toll after three more bodies were found.\n"
        "The search of the site ended overnight.\n"
        "A day of mourning was declared in the city.\n"),
}
UNRELATED = {
    "id": "kherson-shelling", "published": "2024-11-21",
    "text": ("Russian artillery shelled a residential district of Kherson on Thursday morning, "
              "injuring two women, the city military administration said.\n"),
}


def write_jsonl(path: Path, *articles: dict) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def event_view(db: Path) -> list[tuple]:
    """What a user sees of the events: ids, places, days, figures and sources."""
    with open_store(db) as store:
        return sorted(
            (e.id, e.date, e.country, e.location, e.killed, e.injured, tuple(sorted(e.sources)))
            for e in store.events())


def ingest_one_by_one(db: Path, files: list[Path]) -> pipeline.RunStats:
    stats = pipeline.RunStats()
    with open_store(db) as store:
        for f in files:
            pipeline.ingest([str(f)], store, stats=stats)
    return stats


# --- order of arrival ---------------------------------------------------------------------

def test_the_order_two_reports_arrive_in_does_not_change_the_event(tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", FIRST_REPORT)
    later = write_jsonl(tmp_path / "later.jsonl", LATER_REPORT)
    ingest_one_by_one(tmp_path / "ab.db", [first, later])
    ingest_one_by_one(tmp_path / "ba.db", [later, first])
    both = write_jsonl(tmp_path / "both.jsonl", LATER_REPORT, FIRST_REPORT)
    ingest_one_by_one(tmp_path / "batch.db", [both])

    ab = event_view(tmp_path / "ab.db")
    assert ab == event_view(tmp_path / "ba.db") == event_view(tmp_path / "batch.db")
    merged = [e for e in ab if e[-1] == ("vinnytsia-first", "vinnytsia-second")]
    assert len(merged) == 1, ab
    _, day, country, location, killed, injured, _ = merged[0]
    assert (day, country, location) == ("2024-11-19", "UA", "Vinnytsia")
    # CODEBOOK section 4: the later report's toll wins, whichever arrived first
    assert (killed.min, injured.min) == (7, 31)


def test_every_order_of_a_three_report_story_gives_the_same_events(tmp_path):
    lines = (FIXTURES / "merge_rising_toll.jsonl").read_text(encoding="utf-8").splitlines()
    files = []
    for i, line in enumerate(lines):
        files.append(tmp_path / f"{i}.jsonl")
        files[-1].write_text(line + "\n", encoding="utf-8")
    views = []
    for n, order in enumerate(itertools.permutations(files)):
        db = tmp_path / f"order{n}.db"
        ingest_one_by_one(db, list(order))
        views.append(event_view(db))
    assert views[0], "the fixture gives events"
    assert all(v == views[0] for v in views[1:])


# --- one bad article, not a lost batch ----------------------------------------------------

@pytest.fixture()
def three_articles(tmp_path) -> Path:
    return write_jsonl(tmp_path / "three.jsonl", FIRST_REPORT, LATER_REPORT, UNRELATED)


def _fail_extraction_of(monkeypatch, article_id: str) -> None:
    real = pipeline.extract_stage.extract

    def extract(document, options):
        if document.id == article_id:
            raise RuntimeError("rule table exploded")
        return real(document, options)

    monkeypatch.setattr(pipeline.extract_stage, "extract", extract)


def test_an_exception_in_extraction_fails_only_that_article(tmp_path, three_articles,
                                                            monkeypatch):
    _fail_extraction_of(monkeypatch, "vinnytsia-second")
    db = tmp_path / "x.db"
    with open_store(db) as store:
        stats = pipeline.ingest([str(three_articles)], store)
        stored = {a["id"] for a in store.articles()}
    assert stats.failed == 1 and stats.stored == 2
    [message] = stats.errors
    assert "vinnytsia-second" in message and "RuntimeError" in message
    assert f"{three_articles}:2" in message, "the error names the file and line"
    assert stored == {"vinnytsia-first", "kherson-shelling"}

    monkeypatch.undo()      # fixed: the failed article goes in on the next run
    with open_store(db) as store:
        again = pipeline.ingest([str(three_articles)], store)
    assert (again.stored, again.skipped, again.failed) == (1, 2, 0)
    assert event_view(db) == event_view_after_clean_run(tmp_path, three_articles)


def event_view_after_clean_run(tmp_path: Path, source: Path) -> list[tuple]:
    db = tmp_path / "clean-run.db"
    ingest_one_by_one(db, [source])
    return event_view(db)


def test_process_turns_an_exception_into_an_error_and_goes_on(three_articles, monkeypatch):
    _fail_extraction_of(monkeypatch, "vinnytsia-first")
    items = list(pipeline.process(pipeline.read([str(three_articles)])))
    assert [type(i).__name__ for i in items] == ["IngestError", "Processed", "Processed"]
    assert isinstance(items[0], IngestError) and "vinnytsia-first" in str(items[0])


def test_an_extraction_error_through_the_cli_is_one_line_and_exit_1(tmp_path, three_articles,
                                                                     monkeypatch):
    _fail_extraction_of(monkeypatch, "kherson-shelling")
    result = CliRunner().invoke(app, ["ingest", str(three_articles), "--db",
                                      str(tmp_path / "cli.db")], env={"STRIKEWATCH_DB": None})
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "kherson-shelling" in errors[0]
    assert "2 stored" in result.stdout and "1 failed" in result.stdout


def test_a_failure_while_storing_leaves_nothing_half_written(tmp_path, three_articles,
                                                             monkeypatch):
    real = SQLiteStore.replace_events

    def replace_events(store, old_ids, events, article_id, *args, **kwargs):
        if article_id == "vinnytsia-second":   # its article and reports are written by now
            raise RuntimeError("disk full")
        return real(store, old_ids, events, article_id, *args, **kwargs)

    monkeypatch.setattr(SQLiteStore, "replace_events", replace_events)
    db = tmp_path / "half.db"
    with open_store(db) as store:
        stats = pipeline.ingest([str(three_articles)], store)
    assert stats.failed == 1 and "could not be stored" in stats.errors[0]
    conn = sqlite3.connect(db)
    leftovers = {table: conn.execute(
        f"SELECT COUNT(*) FROM {table} WHERE article_id = 'vinnytsia-second'").fetchone()[0]
        for table in ("reports", "cleaning_spans", "claims", "aggregates", "wave_reports",
                      "event_updates")}
    leftovers["articles"] = conn.execute(
        "SELECT COUNT(*) FROM articles WHERE id = 'vinnytsia-second'").fetchone()[0]
    sources = [json.loads(r[0])["sources"] for r in conn.execute("SELECT data FROM events")]
    conn.close()
    assert set(leftovers.values()) == {0}, leftovers
    assert all("vinnytsia-second" not in s for s in sources)


def test_run_stats_say_where_the_time_went(tmp_path, three_articles):
    with open_store(tmp_path / "stats.db") as store:
        stats = pipeline.ingest([str(three_articles)], store)
    assert (stats.read, stats.stored, stats.failed) == (3, 3, 0)
    for step in ("ingest", "clean", "extract", "resolve+store"):
        assert stats.steps[step].items == 3, step
        assert stats.steps[step].seconds >= 0
    assert stats.reports >= stats.events_created > 0
