"""The Python API for notebooks and scripts (``strikewatch.extract_text``, ``extract_html``,
``open_database``), used the way the README shows. Articles are written for the project;
the strikes are fictional.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import strikewatch
from strikewatch.model import Event, Extraction

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "articles" / "wire_belgorod_drones.txt"
BAD_JSONL = REPO / "tests" / "fixtures" / "articles" / "bad_input" / "malformed.jsonl"

SCHOOL = ("A Russian missile hit a school in Kharkiv on Monday, killing two people and "
          "injuring five, the regional governor said.")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Drones hit Odesa oil depot | Harbour Gazette</title>
<script>var PAGE_TRACKER = "drones killed 99 people in Lviv";</script>
<style>.banner { content: "SHOULD NOT APPEAR"; }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Drones hit Odesa oil depot</h1>
<p>Russian drones struck an oil depot in Odesa on Tuesday, injuring three firefighters who
were putting out the blaze, the regional governor said.</p>
<p>Air defences shot down 20 of the 25 drones launched at the south overnight, the air force
said, and debris damaged two houses on the outskirts of the city.</p>
<p>Firefighters needed six hours to contain the fire, which sent thick smoke over the port.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>"""


# --- extract_text / extract_html -----------------------------------------------------------

def test_extract_text_returns_events_as_objects_dated_from_the_publication_day():
    result = strikewatch.extract_text(SCHOOL, published="2024-05-14", outlet="Example News",
                                      url="https://example.com/kharkiv-school")
    assert isinstance(result, Extraction)
    [event] = [e for e in result.events if e.location == "Kharkiv"]
    assert isinstance(event, Event)
    assert (event.date, event.date_precision) == ("2024-05-13", "day")   # the Monday before
    assert (event.country, event.admin1) == ("UA", "Kharkiv Oblast")
    assert (event.killed.min, event.killed.max) == (2, 2)
    assert (event.injured.min, event.injured.max) == (5, 5)
    assert "missile" in event.attack_types and event.attacker == "RU"
    [span] = event.evidence["killed"]
    assert "killing two people" in span.text
    assert SCHOOL[span.raw_start:span.raw_end] == span.text


def test_extract_text_does_not_invent_a_date_without_a_publication_day():
    result = strikewatch.extract_text(SCHOOL)
    assert result.events
    assert all(e.date is None and e.date_precision == "unknown" for e in result.events)


def test_extract_text_keeps_the_given_id_on_the_result_and_its_evidence():
    result = strikewatch.extract_text(SCHOOL, published="2024-05-14", id="my-article-7")
    assert result.article_id == "my-article-7"
    spans = [s for e in result.events for v in e.evidence.values() for s in v]
    assert spans and {s.article_id for s in spans} == {"my-article-7"}
    assert result.to_dict()["id"] == "my-article-7"


def test_extract_text_gives_the_same_answer_twice():
    a = strikewatch.extract_text(SCHOOL, published="2024-05-14")
    b = strikewatch.extract_text(SCHOOL, published="2024-05-14")
    assert a.article_id == b.article_id
    assert [e.codebook_dict() for e in a.events] == [e.codebook_dict() for e in b.events]


def test_extract_html_reads_the_article_not_the_scripts():
    result = strikewatch.extract_html(PAGE, published="2024-06-05",
                                      url="https://example.com/odesa-depot")
    assert any(e.location == "Odesa" and e.date == "2024-06-04" and e.injured
               and e.injured.min == 3 for e in result.events)
    evidence = " ".join(s.text for e in result.events for v in e.evidence.values() for s in v)
    assert "PAGE_TRACKER" not in evidence and "Lviv" not in evidence
    assert not any(e.location == "Lviv" for e in result.events)


def test_extract_html_accepts_bytes():
    as_bytes = strikewatch.extract_html(PAGE.encode("utf-8"), published="2024-06-05")
    as_text = strikewatch.extract_html(PAGE, published="2024-06-05")
    assert [e.codebook_dict() for e in as_bytes.events] == \
        [e.codebook_dict() for e in as_text.events]


# --- open_database ---------------------------------------------------------------------------

@pytest.fixture()
def db_path(tmp_path) -> Path:
    return tmp_path / "events.db"


def test_database_ingests_and_lists_events_as_dicts(db_path):
    with strikewatch.open_database(db_path) as db:
        stats = db.ingest([SAMPLE])
        assert (stats.stored, stats.failed) == (1, 0)
        events = db.events()
        assert events and all(isinstance(e, dict) for e in events)
        assert all(e["sources"] == [SAMPLE.stem] for e in events)
        objects = db.events(as_dicts=False)
        assert [e.id for e in objects] == [e["id"] for e in events]
        assert all(isinstance(e, Event) for e in objects)
        first = events[0]
        assert db.event(first["id"]) == first
        assert db.event(first["id"], as_dict=False).id == first["id"]
        assert db.event("ev_not_there") is None


def test_database_filters_match_the_cli_options(db_path):
    with strikewatch.open_database(db_path) as db:
        db.ingest([SAMPLE])
        everything = db.events()
        countries = {e["country"] for e in everything}
        for country in countries:
            assert db.events(country=country) == \
                [e for e in everything if e["country"] == country]
        day = everything[0]["date"]
        assert db.events(date_from=day, date_to=day) == \
            [e for e in everything if e["date"] == day]
        kind = everything[0]["attack_types"][0]
        assert db.events(attack_type=kind) == \
            [e for e in everything if kind in e["attack_types"]]
        assert db.events(country="ZZ") == []
        assert len(db.events(limit=1)) == 1
        with pytest.raises(TypeError):
            db.events(no_such_filter="x")


def test_database_keeps_the_raw_article_byte_for_byte(db_path):
    with strikewatch.open_database(str(db_path)) as db:
        db.ingest([str(SAMPLE)])
        article = db.article(SAMPLE.stem)
    assert article["raw"] == SAMPLE.read_bytes()
    assert article["outlet"] == "Eastern Wire" and article["published"] == "2024-07-21"
    assert article["cleaned_text"]


def test_database_reports_bad_input_instead_of_raising(db_path):
    with strikewatch.open_database(db_path) as db:
        stats = db.ingest([BAD_JSONL])
        assert (stats.stored, stats.failed) == (2, 3)
        assert all(str(BAD_JSONL) in line for line in stats.errors)


def test_leaving_the_with_block_closes_the_database(db_path):
    with strikewatch.open_database(db_path) as db:
        db.ingest([SAMPLE])
        ids = [e["id"] for e in db.events()]
    with pytest.raises(Exception):
        db.events()
    # closed cleanly: the file is a complete database another reader can open
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == len(ids)
    conn.close()
    with strikewatch.open_database(db_path) as again:
        assert [e["id"] for e in again.events()] == ids


def test_close_without_a_with_block(db_path):
    db = strikewatch.open_database(db_path)
    db.ingest([SAMPLE])
    db.close()
    with pytest.raises(Exception):
        db.events()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n", encoding="utf-8")
    from strikewatch.store import StoreError
    with pytest.raises(StoreError, match="not a SQLite database"):
        strikewatch.open_database(notes)
    assert notes.read_text(encoding="utf-8") == "shopping list\n"


def test_the_api_names_are_exported():
    for name in ("extract_text", "extract_html", "open_database", "Database"):
        assert callable(getattr(strikewatch, name))
    with pytest.raises(AttributeError):
        strikewatch.no_such_name
