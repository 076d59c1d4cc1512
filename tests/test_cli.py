"""The ``strikewatch`` command line end to end, as a user runs it: real SQLite files in a
temporary folder, the shipped sample articles, and fixtures written here for the project.

Extraction is still improving, so these tests do not pin how many events the samples give;
they pin what the commands promise about whatever is stored: filters narrow to exactly the
matching events, every format carries the same events, re-ingesting changes nothing, bad
items fail one by one.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from strikewatch.cli import app
from strikewatch.model import event_from_dict
from strikewatch.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"
GOLD = REPO / "samples" / "gold.jsonl"
BAD_INPUT = REPO / "tests" / "fixtures" / "articles" / "bad_input"

# CODEBOOK section 2 / section 8, written out here rather than imported from the code: the
# test guards the contract, so it must not follow the code if the code drifts from it.
CODEBOOK_EVENT_FIELDS = {
    "date", "date_precision", "country", "admin1", "location", "sublocation", "lat", "lon",
    "geo_precision", "attack_types", "weapons", "attacker", "attacker_name", "attribution",
    "targets", "killed", "injured", "killed_unconfirmed", "children_killed", "double_tap",
    "launched", "intercepted", "evidence",
}
EXTRACTION_KEYS = {"id", "events", "waves", "aggregates", "claims", "cleaning"}

SUMMARY = re.compile(
    r"(?P<read>\d+) articles read: (?P<stored>\d+) stored, (?P<skipped>\d+) already stored, "
    r"(?P<failed>\d+) failed; (?P<reports>\d+) event reports, (?P<created>\d+) events created, "
    r"(?P<updated>\d+) updated; (?P<events>\d+) events in (?P<target>.+)")

# Written for the project: a wire-style report with the furniture cleaning must remove (a
# picture caption, a newsletter prompt) and an Italian sentence left by a syndication site.
NOISY_ARTICLE = (
    "Russian drones struck a grain terminal in the port of Izmail overnight, injuring two "
    "dock workers, the regional governor said on Tuesday.\n"
    "Firefighters work at the damaged grain terminal in Izmail on Tuesday "
    "(Picture: Getty Images)\n"
    "Sign up for our free Ukraine war briefing newsletter\n"
    "Three silos were destroyed and a fire burned for several hours before it was put out.\n"
    "Un operaio è rimasto ferito nell'attacco, ha detto il governatore.\n"
    "The air force said it shot down 17 of the 22 drones launched overnight.\n"
)
CAPTION = ("Firefighters work at the damaged grain terminal in Izmail on Tuesday "
           "(Picture: Getty Images)")
NEWSLETTER = "Sign up for our free Ukraine war briefing newsletter"
ITALIAN = "Un operaio è rimasto ferito nell'attacco, ha detto il governatore."

STDIN_ARTICLE = (
    "KROPYVNYTSKYI, Ukraine - A Russian missile hit a bus depot in Kropyvnytskyi on Sunday "
    "morning, killing three people and injuring eight, the regional governor said.\n"
    "Two of the injured were drivers preparing buses for the morning routes.\n"
)

runner = CliRunner()


def run(*args: str, env: dict | None = None, input: str | bytes | None = None):
    """Invoke the CLI in-process; STRIKEWATCH_DB is unset unless a test sets it."""
    env = {"STRIKEWATCH_DB": None, **(env or {})}
    return runner.invoke(app, [str(a) for a in args], env=env, input=input)


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"unexpected {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output


def summary(result) -> dict[str, str]:
    m = SUMMARY.search(result.stdout)
    assert m, f"no closing summary in {result.stdout!r}"
    return m.groupdict()


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def copy_db(src: Path, dst: Path) -> Path:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dst


def n_sample_articles() -> int:
    txt = len(list(SAMPLES.glob("*.txt")))
    jsonl = sum(1 for f in SAMPLES.glob("*.jsonl") for line in f.open() if line.strip())
    return txt + jsonl


# --- one ingested database for the read-only tests of this module -----------------------

@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "samples.db"
    result = run("ingest", SAMPLES, "--db", db)
    return db, result


@pytest.fixture(scope="module")
def sample_db(ingested) -> Path:
    db, result = ingested
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def all_events(sample_db) -> list[dict]:
    result = run("events", "--db", sample_db, "--format", "json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert events, "the sample articles must give at least one event"
    return events


# --- ingest -------------------------------------------------------------------------------

def test_ingest_samples_prints_a_summary_and_exits_0(ingested, all_events):
    db, result = ingested
    no_traceback(result)
    assert result.exit_code == 0
    s = summary(result)
    n = n_sample_articles()
    assert (s["read"], s["stored"], s["skipped"], s["failed"]) == (str(n), str(n), "0", "0")
    assert int(s["events"]) == len(all_events)
    assert s["target"].strip() == str(db)
    assert error_lines(result) == []


def test_reingesting_the_same_folder_changes_nothing(sample_db, tmp_path):
    db = copy_db(sample_db, tmp_path / "again.db")
    before = dump(db)
    result = run("ingest", SAMPLES, "--db", db)
    assert result.exit_code == 0, result.output
    s = summary(result)
    n = n_sample_articles()
    assert (s["stored"], s["skipped"], s["failed"]) == ("0", str(n), "0")
    assert (s["created"], s["updated"]) == ("0", "0")
    assert dump(db) == before


def test_stdin_is_ingested(tmp_path):
    db = tmp_path / "stdin.db"
    result = run("ingest", "-", "--db", db, input=STDIN_ARTICLE)
    assert result.exit_code == 0, result.output
    assert summary(result)["stored"] == "1"
    conn = sqlite3.connect(db)
    [(origin, text)] = conn.execute("SELECT origin, text FROM articles").fetchall()
    conn.close()
    assert text == STDIN_ARTICLE and "stdin" in origin


# --- events: formats ----------------------------------------------------------------------

def test_events_json_round_trips(all_events):
    for event in all_events:
        assert CODEBOOK_EVENT_FIELDS <= set(event)
        assert event["id"] and event["sources"]
        assert event_from_dict(event).to_dict() == event


def test_events_csv_parses_and_carries_the_same_events(sample_db, all_events):
    result = run("events", "--db", sample_db, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == [e["id"] for e in all_events]
    for row, event in zip(rows, all_events):
        assert row["date"] == (event["date"] or "")
        assert row["location"] == (event["location"] or "")
        assert row["attack_types"].split(";") == (event["attack_types"] or [""])
        killed = event["killed"] or {}
        assert row["killed_min"] == ("" if killed.get("min") is None else str(killed["min"]))
        assert row["sources"].split(";") == event["sources"]


def test_events_table_counts_the_events(sample_db, all_events):
    result = run("events", "--db", sample_db)
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith(f"{len(all_events)} events")
    # the ids are what a user copies into `show`: whole, even in an 80-column terminal
    for event in all_events:
        assert event["id"] in result.stdout
    # column names may fold in a narrow terminal; the short ones always fit
    for column in ("id", "date", "by"):
        assert re.search(rf"\b{column}\b", result.stdout)


# --- events: filters ----------------------------------------------------------------------

def _ids(sample_db, *options: str) -> list[str]:
    result = run("events", "--db", sample_db, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return [e["id"] for e in json.loads(result.stdout)]


FILTERS = {
    # option: what value(s) of an event the option selects on
    "--country": lambda e: {e["country"]},
    "--region": lambda e: {e["admin1"]},
    "--attacker": lambda e: {e["attacker"]},
    "--type": lambda e: set(e["attack_types"]),
}


@pytest.mark.parametrize("option", sorted(FILTERS))
def test_each_filter_narrows_to_exactly_the_matching_events(option, sample_db, all_events):
    values_of = FILTERS[option]
    candidates = sorted({v for e in all_events for v in values_of(e) if v})
    narrowing = [v for v in candidates
                 if 0 < sum(v in values_of(e) for e in all_events) < len(all_events)]
    assert narrowing, f"the samples give no value of {option} that narrows the list"
    for value in narrowing:
        expected = [e["id"] for e in all_events if value in values_of(e)]
        assert _ids(sample_db, option, value) == expected, (option, value)


def test_region_and_country_filters_ignore_case(sample_db, all_events):
    event = next(e for e in all_events if e["admin1"] and e["country"])
    assert _ids(sample_db, "--region", event["admin1"].lower()) == \
        _ids(sample_db, "--region", event["admin1"])
    assert _ids(sample_db, "--country", event["country"].lower()) == \
        _ids(sample_db, "--country", event["country"])


def test_date_range_is_inclusive_on_both_ends(sample_db, all_events):
    days = sorted({e["date"] for e in all_events if e["date"]})
    assert len(days) >= 3, "the samples span several days"
    first, last = days[1], days[-2]
    expected = [e["id"] for e in all_events if e["date"] and first <= e["date"] <= last]
    assert 0 < len(expected) < len(all_events)
    assert _ids(sample_db, "--from", first, "--to", last) == expected
    assert _ids(sample_db, "--from", first) == \
        [e["id"] for e in all_events if e["date"] and e["date"] >= first]
    assert _ids(sample_db, "--to", first) == \
        [e["id"] for e in all_events if e["date"] and e["date"] <= first]
    assert _ids(sample_db, "--from", last, "--to", last) == \
        [e["id"] for e in all_events if e["date"] == last]


def test_filters_combine_as_and(sample_db, all_events):
    event = next(e for e in all_events if e["attack_types"] and e["country"])
    kind, country = event["attack_types"][0], event["country"]
    expected = [e["id"] for e in all_events
                if kind in e["attack_types"] and e["country"] == country]
    assert event["id"] in expected
    assert _ids(sample_db, "--type", kind, "--country", country) == expected


def test_a_filter_that_matches_nothing_gives_an_empty_list_in_every_format(sample_db):
    nothing = ("--country", "ZZ")
    as_json = run("events", "--db", sample_db, "--format", "json", *nothing)
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []
    as_csv = run("events", "--db", sample_db, "--format", "csv", *nothing)
    assert as_csv.exit_code == 0
    assert list(csv.DictReader(io.StringIO(as_csv.stdout))) == []
    assert as_csv.stdout.startswith("id,date,")
    as_table = run("events", "--db", sample_db, *nothing)
    assert as_table.exit_code == 0 and as_table.stdout.rstrip().endswith("0 events")


# --- show ---------------------------------------------------------------------------------

def _well_sourced(all_events) -> dict:
    """The event with the most evidence, to show as much as possible."""
    return max(all_events, key=lambda e: (sum(map(len, e["evidence"].values())), e["id"]))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_show_prints_fields_sources_and_every_evidence_sentence(sample_db, all_events):
    for event in all_events:
        result = run("show", event["id"], "--db", sample_db)
        assert result.exit_code == 0, result.output
        shown = _flat(result.stdout)
        assert event["id"] in shown
        if event["location"]:
            assert event["location"] in shown
        for source in event["sources"]:
            assert source in shown
        for spans in event["evidence"].values():
            for span in spans:
                assert _flat(span["text"]) in shown, (event["id"], span["text"])


def test_show_names_each_source_article_with_its_outlet_and_url(sample_db, all_events):
    event = _well_sourced(all_events)
    conn = sqlite3.connect(sample_db)
    articles = {r[0]: r[1:] for r in conn.execute("SELECT id, outlet, url FROM articles")}
    conn.close()
    result = run("show", event["id"], "--db", sample_db)
    for source in event["sources"]:
        outlet, url = articles[source]
        for value in (outlet, url):
            if value:
                assert value in result.stdout


def test_show_accepts_a_unique_id_prefix(sample_db, all_events):
    ids = [e["id"] for e in all_events]
    event_id = ids[0]
    prefix = next(event_id[:n] for n in range(4, len(event_id) + 1)
                  if sum(i.startswith(event_id[:n]) for i in ids) == 1)
    assert prefix != event_id or len(ids) == 1
    by_prefix = run("show", prefix, "--db", sample_db)
    assert by_prefix.exit_code == 0, by_prefix.output
    assert by_prefix.stdout == run("show", event_id, "--db", sample_db).stdout


def test_show_json_carries_the_event_its_evidence_and_sources(sample_db, all_events):
    event = _well_sourced(all_events)
    result = run("show", event["id"], "--db", sample_db, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == event["id"]
    assert data["evidence"] == event["evidence"]
    assert {k: data[k] for k in CODEBOOK_EVENT_FIELDS} == \
        {k: event[k] for k in CODEBOOK_EVENT_FIELDS}
    assert [a["id"] for a in data["source_articles"]] == event["sources"]
    for article in data["source_articles"]:
        assert {"outlet", "published", "title", "url"} <= set(article)
    assert isinstance(data["claims"], list)


def test_show_of_a_missing_id_fails_with_a_clear_message(sample_db):
    result = run("show", "ev_doesnotexist", "--db", sample_db)
    no_traceback(result)
    assert result.exit_code != 0
    assert "no event 'ev_doesnotexist'" in result.stderr
    assert result.stdout == ""


def test_show_of_an_ambiguous_prefix_lists_the_candidates(sample_db, all_events):
    prefix = os.path.commonprefix([e["id"] for e in all_events])
    assert len(all_events) > 1 and prefix, "event ids share a prefix such as 'ev_'"
    result = run("show", prefix, "--db", sample_db)
    no_traceback(result)
    assert result.exit_code != 0
    assert "matches several events" in result.stderr
    listed = re.findall(r"ev_[0-9a-f]+", result.stderr)
    assert len(listed) >= 2 and set(listed) <= {e["id"] for e in all_events}


def test_user_text_in_error_messages_is_printed_literally(sample_db):
    # rich markup in an id ("[red]") must not be swallowed as a style
    result = run("show", "[red]ev_x", "--db", sample_db)
    assert result.exit_code != 0
    assert "'[red]ev_x'" in result.stderr


# --- bad input ----------------------------------------------------------------------------

def test_bad_input_gives_one_error_line_per_bad_item_and_stores_the_rest(tmp_path):
    db = tmp_path / "bad.db"
    result = run("ingest", BAD_INPUT, "--db", db)
    no_traceback(result)
    assert result.exit_code == 1
    lines = error_lines(result)
    named = sorted(re.match(r"error: (.*?): ", line).group(1) for line in lines)
    assert named == sorted([
        f"{BAD_INPUT / 'binary.txt'}", f"{BAD_INPUT / 'empty.txt'}",
        f"{BAD_INPUT / 'malformed.jsonl'}:2", f"{BAD_INPUT / 'malformed.jsonl'}:3",
        f"{BAD_INPUT / 'malformed.jsonl'}:4",
    ]), lines
    s = summary(result)
    assert (s["stored"], s["failed"]) == ("4", "5")
    conn = sqlite3.connect(db)
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    conn.close()
    assert {"bad-input-good-1", "bad-input-good-2"} <= ids and len(ids) == 4


def test_an_article_over_the_size_limit_is_rejected_and_the_rest_stored(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:        # sparse: 60 MB on paper, no disk used
        fh.truncate(60 * 1024 * 1024)
    good = tmp_path / "good.txt"
    good.write_text(STDIN_ARTICLE, encoding="utf-8")
    db = tmp_path / "huge.db"
    result = run("ingest", huge, good, "--db", db)
    no_traceback(result)
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert str(huge) in line and "limit" in line
    assert summary(result)["stored"] == "1"


def test_a_cp1252_file_is_decoded_and_flagged_not_rejected(tmp_path):
    db = tmp_path / "cp.db"
    source = BAD_INPUT / "cp1252.txt"
    result = run("ingest", source, "--db", db)
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    [(text, raw, encoding, notes)] = conn.execute(
        "SELECT text, raw, encoding, decode_notes FROM articles").fetchall()
    conn.close()
    assert "Hélène Dubois" in text and "\u201cThe stalls" in text
    assert bytes(raw) == source.read_bytes()
    assert encoding == "cp1252" and "cp1252" in notes

    shown = run("clean", source, "--spans")
    assert shown.exit_code == 0, shown.output
    assert re.search(r"FLAGGED encoding .*cp1252", shown.stdout)
    as_json = json.loads(run("clean", source, "--format", "json").stdout)
    assert as_json["encoding"] == "cp1252" and as_json["decode_notes"]


def test_a_missing_input_path_is_an_error_not_a_traceback(tmp_path):
    result = run("ingest", tmp_path / "nope.txt", "--db", tmp_path / "x.db")
    no_traceback(result)
    assert result.exit_code != 0
    assert "no such file or folder" in result.stderr and "nope.txt" in result.stderr


def test_an_interrupted_ingest_leaves_complete_articles_and_resumes(tmp_path, monkeypatch):
    db = tmp_path / "interrupted.db"
    real = SQLiteStore.replace_events
    calls = []

    def interrupt_on_second(store, old_ids, events, article_id, *args, **kwargs):
        calls.append(article_id)
        if len(calls) == 2:     # inside the second article's transaction, after its rows
            raise KeyboardInterrupt
        return real(store, old_ids, events, article_id, *args, **kwargs)

    monkeypatch.setattr(SQLiteStore, "replace_events", interrupt_on_second)
    result = run("ingest", SAMPLES, "--db", db)
    no_traceback(result)
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    conn = sqlite3.connect(db)
    stored = [r[0] for r in conn.execute("SELECT id FROM articles")]
    orphans = conn.execute(
        "SELECT COUNT(*) FROM reports WHERE article_id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    dangling = conn.execute(
        "SELECT COUNT(*) FROM event_reports WHERE report_id NOT IN (SELECT id FROM reports)"
    ).fetchone()[0]
    conn.close()
    assert stored == [calls[0]] and orphans == 0 and dangling == 0

    monkeypatch.undo()
    again = run("ingest", SAMPLES, "--db", db)
    assert again.exit_code == 0, again.output
    s = summary(again)
    assert (s["stored"], s["skipped"]) == (str(n_sample_articles() - 1), "1")


# --- extract (no database) ----------------------------------------------------------------

def test_extract_jsonl_has_exactly_the_codebook_keys(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("extract", SAMPLES, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == n_sample_articles()
    assert sum(len(line["events"]) for line in lines) > 0
    for line in lines:
        assert set(line) == EXTRACTION_KEYS
        assert {"removed", "flagged", "published"} <= set(line["cleaning"])
        for event in line["events"]:
            assert set(event) == CODEBOOK_EVENT_FIELDS
            for name in ("attack_types", "weapons", "targets"):
                assert isinstance(event[name], list)
            for spans in event["evidence"].values():
                assert all(s["article_id"] == line["id"] for s in spans)
    assert not list(tmp_path.iterdir()), "extract must not write a database"


def test_extract_reads_standard_input_and_writes_to_a_file(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("extract", "-", "-o", out, input=STDIN_ARTICLE)
    assert result.exit_code == 0, result.output
    [line] = [json.loads(s) for s in out.read_text(encoding="utf-8").splitlines()]
    assert set(line) == EXTRACTION_KEYS
    assert any(e["location"] == "Kropyvnytskyi" for e in line["events"])
    assert result.stdout == ""


def test_extract_table_and_the_real_entry_point(tmp_path):
    # a subprocess: the module runs as a program, and a wide terminal shows whole rows
    env = {**os.environ, "COLUMNS": "220"}
    env.pop("STRIKEWATCH_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "strikewatch.cli", "extract", "-", "--format", "table"],
        input=STDIN_ARTICLE.encode(), capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    table = proc.stdout.decode()
    for column in ("article", "date", "place", "region", "killed", "injured"):
        assert column in table
    assert "Kropyvnytskyi" in table
    assert not list(tmp_path.iterdir())


def test_extract_reports_bad_items_and_exits_1():
    result = run("extract", BAD_INPUT / "malformed.jsonl")
    no_traceback(result)
    assert result.exit_code == 1
    assert len(error_lines(result)) == 3
    assert [json.loads(s)["id"] for s in result.stdout.splitlines()] == \
        ["bad-input-good-1", "bad-input-good-2"]


# --- clean --------------------------------------------------------------------------------

@pytest.fixture()
def noisy_file(tmp_path) -> Path:
    path = tmp_path / "izmail.txt"
    path.write_text(NOISY_ARTICLE, encoding="utf-8")
    return path


def test_clean_shows_removed_and_flagged_spans_with_reasons(noisy_file):
    result = run("clean", noisy_file)
    assert result.exit_code == 0, result.output
    out = result.stdout
    removed = {m.group(1): m.group(2) for m in
               re.finditer(r"^REMOVED (\w+)\s+\[\d+:\d+\] (.+)$", out, re.M)}
    flagged = {m.group(1): m.group(2) for m in
               re.finditer(r"^FLAGGED (\w+)\s+\[\d+:\d+\] (.+)$", out, re.M)}
    assert CAPTION in removed["caption"] and "Picture" in removed["caption"]
    assert NEWSLETTER in removed["newsletter"]
    assert ITALIAN in flagged["foreign"] and "Italian" in flagged["foreign"]
    cleaned = out.split("\nREMOVED")[0]
    assert "(Picture:" not in cleaned and NEWSLETTER not in cleaned
    assert ITALIAN in cleaned, "a flagged fragment stays in the cleaned text"
    assert "Three silos were destroyed" in cleaned


def test_clean_json_and_spans_only(noisy_file):
    data = json.loads(run("clean", noisy_file, "--format", "json").stdout)
    assert {s["kind"] for s in data["removed"]} >= {"caption", "newsletter"}
    assert [s["text"] for s in data["flagged"] if s["kind"] == "foreign"] == [ITALIAN]
    for span in data["removed"] + data["flagged"]:
        assert NOISY_ARTICLE[span["start"]:span["end"]] == span["text"]
        assert span["reason"]
    assert "(Picture:" not in data["text"] and ITALIAN in data["text"]

    spans_only = run("clean", noisy_file, "--spans")
    assert spans_only.exit_code == 0
    assert "Three silos" not in spans_only.stdout and "REMOVED caption" in spans_only.stdout


# --- eval ---------------------------------------------------------------------------------

def test_eval_prints_precision_recall_f1():
    result = run("eval", "--articles", SAMPLES / "articles.jsonl", "--gold", GOLD)
    assert result.exit_code == 0, result.output
    assert re.search(r"P \d\.\d{3}\s+R \d\.\d{3}\s+F1 \d\.\d{3}\s+\(tp \d+, fp \d+, fn \d+\)",
                     result.stdout)
    # samples/gold.jsonl also covers the .txt samples, which are not in the file scored
    gold_ids = {json.loads(line)["id"] for line in GOLD.open() if line.strip()}
    left_out = len(gold_ids - _jsonl_ids())
    assert left_out and f"{left_out} gold articles not in" in result.stderr


def test_eval_json_has_the_documented_keys_and_consistent_scores():
    result = run("eval", "--articles", SAMPLES / "articles.jsonl", "--gold", GOLD, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"events", "fields", "sets", "waves",
                         "articles_with_empty_gold_and_events"}
    ev = data["events"]
    assert set(ev) == {"tp", "fp", "fn", "precision", "recall", "f1"}
    gold_events = sum(len(json.loads(line)["events"]) for line in GOLD.open()
                      if line.strip() and json.loads(line)["id"] in _jsonl_ids())
    assert ev["tp"] + ev["fn"] == gold_events
    if ev["tp"]:
        assert ev["precision"] == pytest.approx(ev["tp"] / (ev["tp"] + ev["fp"]), abs=1e-4)
        assert ev["recall"] == pytest.approx(ev["tp"] / (ev["tp"] + ev["fn"]), abs=1e-4)
    for v in data["fields"].values():
        assert {"right", "scored", "share"} == set(v) and v["right"] <= v["scored"]

    verbose = json.loads(run("eval", "--articles", SAMPLES / "articles.jsonl", "--gold", GOLD,
                             "--json", "--verbose").stdout)
    assert "articles" in verbose


def _jsonl_ids() -> set[str]:
    return {json.loads(line)["id"] for line in (SAMPLES / "articles.jsonl").open()
            if line.strip()}


# --- help, --db, STRIKEWATCH_DB -----------------------------------------------------------

COMMANDS = sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command_shows_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert f"Example: strikewatch {command}" in result.stdout


def test_top_level_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_db_option_is_respected_by_every_database_command(sample_db, all_events, tmp_path):
    other = tmp_path / "other.db"
    assert run("ingest", SAMPLES / "wire_belgorod_drones.txt", "--db", other).exit_code == 0
    other_ids = _ids(other)
    assert other_ids and set(other_ids) <= {e["id"] for e in all_events}
    missing = next(e["id"] for e in all_events if e["id"] not in other_ids)
    assert run("show", missing, "--db", other).exit_code != 0
    assert run("show", missing, "--db", sample_db).exit_code == 0
    assert not (tmp_path / "strikewatch.db").exists()


def test_strikewatch_db_variable_is_the_default_and_db_overrides_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    via_env = tmp_path / "env.db"
    env = {"STRIKEWATCH_DB": str(via_env)}
    result = run("ingest", SAMPLES / "wire_belgorod_drones.txt", env=env)
    assert result.exit_code == 0, result.output
    assert via_env.exists() and not (tmp_path / "strikewatch.db").exists()
    listed = json.loads(run("events", "--format", "json", env=env).stdout)
    assert listed
    assert run("show", listed[0]["id"], env=env).exit_code == 0
    explicit = tmp_path / "explicit.db"
    overridden = run("events", "--format", "json", "--db", explicit, env=env)
    assert json.loads(overridden.stdout) == [] and explicit.exists()


def test_without_db_or_variable_the_database_is_in_the_working_directory(tmp_path,
                                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STRIKEWATCH_DB", raising=False)
    result = run("ingest", SAMPLES / "wire_belgorod_drones.txt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "strikewatch.db").exists()
    assert json.loads(run("events", "--format", "json").stdout)


@pytest.mark.parametrize("args", [
    ["events"], ["show", "ev_1"], ["ingest", str(SAMPLES / "wire_belgorod_drones.txt")],
])
def test_a_file_that_is_not_sqlite_gives_a_clear_error_and_is_left_alone(args, tmp_path):
    notes = tmp_path / "notes.db"
    content = b"meeting notes, not a database\n" * 10
    notes.write_bytes(content)
    result = run(*args, "--db", notes)
    no_traceback(result)
    assert result.exit_code == 2
    assert "not a SQLite database" in result.stderr and str(notes) in result.stderr
    assert notes.read_bytes() == content


def test_a_folder_given_as_db_gives_a_clear_error(tmp_path):
    result = run("events", "--db", tmp_path)
    no_traceback(result)
    assert result.exit_code == 2 and "directory" in result.stderr


def test_the_cli_guide_covers_every_command():
    guide = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"strikewatch {command} " in guide, f"docs/cli.md says nothing of {command}"


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and re.fullmatch(r"strikewatch \d+\.\d+\.\d+\s*", result.stdout)
