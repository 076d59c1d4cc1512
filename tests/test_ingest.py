"""The ingest stage: every reader, stable ids, raw bytes kept, and bad input reported
one item at a time while the rest of the batch comes through.

All fixtures are written here for the project, in the style of wire reports.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from strikewatch.ingest import (
    Article, IngestError, Options, article_from_html, article_from_text, count_items,
    decode_bytes, extract_html, make_article_id, normalize_published, read, read_stream,
)
from strikewatch.ingest import html as ingest_html
from strikewatch.ingest import readers

REPORT = (
    "Russian missiles struck an apartment block in Zaporizhzhia early on Sunday, killing "
    "at least three people and injuring 12, the head of the regional military "
    "administration said.\n"
    "Rescue workers pulled two residents from the rubble, and a fire broke out on the "
    "upper floors of the nine-storey building.\n"
)
REPORT_2 = (
    "Ukrainian drones hit an oil depot in the Bryansk region overnight, the Russian-"
    "installed governor said on Telegram, adding that no one was hurt.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Drone strike hits Odesa port warehouses | Black Sea Herald</title>
<meta property="og:title" content="Drone strike hits Odesa port warehouses">
<meta property="og:site_name" content="Black Sea Herald">
<meta property="article:published_time" content="2023-07-19T06:45:00+03:00">
<link rel="canonical" href="https://www.blacksea-herald.example/news/odesa-port-strike">
<style>.advert { color: red } body { font-family: STYLEMARKER; }</style>
<script>var tracker = "SCRIPTMARKER"; window.console.log("SCRIPTMARKER");</script>
</head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">NAVMARKER World</a></li>
<li><a href="/sport">NAVMARKER Sport</a></li></ul></nav>
<article>
<h1>Drone strike hits Odesa port warehouses</h1>
<p>Russian drones struck grain warehouses in the port of Odesa overnight, setting fire to
storage halls and injuring two security guards, the regional governor said on Wednesday.</p>
<p>Air defences shot down most of the attack drones launched from the south, but debris
fell on a residential street in the Prymorskyi district, damaging cars and windows.</p>
<p>Firefighters spent four hours putting out the blaze, which destroyed about 60 tonnes of
grain awaiting export, according to the port authority.</p>
</article>
<!-- COMMENTMARKER: editors check figures before publishing -->
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment">READERMARKER I live two streets away and heard it all night</div></section>
<footer>FOOTERMARKER Copyright 2023 Black Sea Herald. All rights reserved.</footer>
<script>document.write("SCRIPTMARKER")</script>
</body>
</html>
"""
PAGE_MARKERS = ("SCRIPTMARKER", "STYLEMARKER", "NAVMARKER", "COMMENTMARKER", "READERMARKER",
                "FOOTERMARKER")


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jsonl(*objects: object) -> bytes:
    return b"".join(json.dumps(o).encode("utf-8") + b"\n" for o in objects)


def articles(items: list) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list) -> list[IngestError]:
    return [i for i in items if isinstance(i, IngestError)]


# --- plain text ------------------------------------------------------------------------------

def test_txt_without_sidecar_keeps_bytes_and_gets_a_content_id(tmp_path):
    path = write(tmp_path / "zaporizhzhia.txt", REPORT)
    [article] = read([path])
    assert isinstance(article, Article)
    assert article.text == REPORT
    assert article.raw == REPORT.encode("utf-8")
    assert article.raw_format == "text"
    assert article.origin == str(path)
    assert article.id == make_article_id(None, REPORT)
    assert article.published is None and article.url is None
    assert article.language == "en"
    assert article.encoding == "utf-8" and article.decode_notes == ()


def test_txt_with_sidecar_takes_its_metadata(tmp_path):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / "a.json", json.dumps({
        "published": "2023-04-16T07:10:00+03:00", "url": "https://news.example/zap-strike",
        "title": "Missiles hit Zaporizhzhia", "outlet": "Example News"}))
    items = list(read([tmp_path]))
    assert len(items) == 1, "the sidecar is metadata, not an article"
    [article] = items
    assert article.published == "2023-04-16"
    assert article.url == "https://news.example/zap-strike"
    assert article.title == "Missiles hit Zaporizhzhia"
    assert article.outlet == "Example News"
    assert article.id == make_article_id("https://news.example/zap-strike", REPORT)


def test_sidecar_id_wins(tmp_path):
    write(tmp_path / "b.txt", REPORT)
    write(tmp_path / "b.json", json.dumps({"id": "zap-0416", "published": "2023-04-16"}))
    [article] = read([tmp_path / "b.txt"])
    assert article.id == "zap-0416"


def test_broken_sidecar_is_reported_and_the_article_still_read(tmp_path):
    write(tmp_path / "c.txt", REPORT)
    write(tmp_path / "c.json", "{published: 2023-04-16")
    items = list(read([tmp_path]))
    [error] = errors(items)
    [article] = articles(items)
    assert "c.json" in str(error) and "not valid JSON" in error.message
    assert article.text == REPORT and article.published is None


def test_utf8_bom_is_stripped_from_text_but_kept_in_raw(tmp_path):
    data = b"\xef\xbb\xbf" + REPORT.encode("utf-8")
    [article] = read([write(tmp_path / "bom.txt", data)])
    assert article.text == REPORT
    assert article.raw == data


# --- JSONL -----------------------------------------------------------------------------------

def test_jsonl_articles_keep_their_line_bytes(tmp_path):
    line1 = json.dumps({"id": "a1", "text": REPORT, "published": "2023-04-16",
                        "outlet": "Wire", "url": "https://wire.example/1", "title": "Strike"})
    line2 = json.dumps({"id": "a2", "text": REPORT_2, "published": "2023-05-02T22:15:00Z"},
                       ensure_ascii=False)
    data = line1.encode() + b"\n\n   \n" + line2.encode() + b"\r\n"
    path = write(tmp_path / "batch.jsonl", data)
    items = list(read([path]))
    assert [a.id for a in items] == ["a1", "a2"], "blank lines are skipped silently"
    first, second = items
    assert first.raw == line1.encode() and second.raw == line2.encode()
    assert first.raw_format == "jsonl"
    assert first.origin == f"{path}:1" and second.origin == f"{path}:4"
    assert (first.published, first.outlet, first.url, first.title) == (
        "2023-04-16", "Wire", "https://wire.example/1", "Strike")
    assert second.published == "2023-05-02"
    assert second.text == REPORT_2


def test_jsonl_html_field_is_extracted_and_explicit_metadata_wins(tmp_path):
    line = {"id": "h1", "html": PAGE, "title": "Odesa port hit again", "published": "2023-07-20"}
    [article] = read([write(tmp_path / "pages.ndjson", jsonl(line))])
    assert "grain warehouses in the port of Odesa" in article.text
    assert not any(marker in article.text for marker in PAGE_MARKERS)
    assert article.title == "Odesa port hit again"
    assert article.published == "2023-07-20"
    assert article.outlet == "Black Sea Herald", "what the page says fills the gaps"
    assert article.raw_format == "jsonl"


def test_jsonl_empty_text_beside_html_uses_the_html(tmp_path):
    [article] = read([write(tmp_path / "x.jsonl", jsonl({"id": "e", "text": " ", "html": PAGE}))])
    assert "Firefighters spent four hours" in article.text


def test_jsonl_unpaired_surrogate_is_replaced_and_flagged(tmp_path):
    data = b'{"id": "s", "text": "Shelling hit Kherson \\ud800 overnight, two were injured."}\n'
    [article] = read([write(tmp_path / "s.jsonl", data)])
    assert "\ufffd" in article.text
    article.text.encode("utf-8")  # every later stage can store it
    assert any("surrogate" in note for note in article.decode_notes)


# --- HTML ------------------------------------------------------------------------------------

def test_html_file_yields_only_the_article_text_and_its_metadata(tmp_path):
    path = write(tmp_path / "odesa.html", PAGE)
    [article] = read([path])
    assert article.raw == PAGE.encode("utf-8")
    assert article.raw_format == "html"
    for sentence in ("Russian drones struck grain warehouses", "debris\nfell on a residential"
                     .replace("\n", " "), "about 60 tonnes of\ngrain".replace("\n", " ")):
        assert sentence in " ".join(article.text.split())
    for marker in PAGE_MARKERS:
        assert marker not in article.text, marker
    assert article.published == "2023-07-19"
    assert article.outlet == "Black Sea Herald"
    assert "Drone strike hits Odesa port warehouses" in article.title
    assert article.url == "https://www.blacksea-herald.example/news/odesa-port-strike"
    assert article.id == make_article_id(article.url, "")
    assert article.language == "en"


def test_html_fallback_renders_body_without_scripts_styles_or_navigation(monkeypatch):
    monkeypatch.setattr(ingest_html, "trafilatura_module", lambda: None)
    page = extract_html(PAGE)
    assert page.extractor == "body-text"
    assert "Firefighters spent four hours putting out the blaze" in " ".join(page.text.split())
    for marker in ("SCRIPTMARKER", "STYLEMARKER", "NAVMARKER", "COMMENTMARKER", "FOOTERMARKER"):
        assert marker not in page.text
    assert page.title == "Drone strike hits Odesa port warehouses | Black Sea Herald"
    assert any("plain text of <body>" in note for note in page.notes)


def test_html_without_text_is_an_error_and_the_batch_goes_on(tmp_path):
    write(tmp_path / "1_empty.html",
          "<html><head><title>Live</title><script>x=1</script></head><body>"
          "<script>render()</script><nav><a href='/'>Home</a></nav></body></html>")
    write(tmp_path / "2_ok.txt", REPORT)
    items = list(read([tmp_path]))
    [error] = errors(items)
    assert error.message == "no article text found in HTML"
    assert "1_empty.html" in str(error)
    assert [a.text for a in articles(items)] == [REPORT]


@pytest.mark.parametrize("markup", [
    # a 2 MB attribute value
    '<html><body><div class="' + "c" * 2_000_000 + '"><p>{p}</p></div></body></html>',
    # 50,000 attributes on one element
    "<html><body><div " + " ".join(f"data-a{i}='1'" for i in range(50_000)) + "><p>{p}</p></div></body></html>",
    # nested far beyond what any page needs
    "<html><body>" + "<div>" * 20_000 + "<p>{p}</p>" + "</div>" * 20_000 + "</body></html>",
    # unclosed and crossed tags, stray brackets
    "<html><body><p>Shelling <b>hit <i>Kharkiv</p></b> <<>> </div></td><p>{p}",
    # a script payload in the body
    "<html><body><script>" + "while(true){};" * 20_000 + "</script><p>{p}</p></body></html>",
])
def test_hostile_html_never_crashes_the_reader(tmp_path, markup):
    p = ("Artillery fire damaged a school and two houses in Nikopol on Monday, the head "
         "of the district said, and one man was wounded.")
    write(tmp_path / "hostile.html", markup.replace("{p}", p))
    write(tmp_path / "next.txt", REPORT_2)
    items = list(read([tmp_path / "hostile.html", tmp_path / "next.txt"]))
    assert len(items) == 2
    assert items[1].text == REPORT_2
    first = items[0]
    if isinstance(first, Article):
        assert "while(true)" not in first.text
    else:
        assert first.message == "no article text found in HTML"


def test_html_declared_charset_is_used_for_legacy_bytes(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "Russian drones struck", "Russian drones (\u0434\u0440\u043e\u043d\u044b) struck")
    [article] = read([write(tmp_path / "ru.htm", page.encode("cp1251"))])
    assert "(\u0434\u0440\u043e\u043d\u044b)" in article.text
    assert article.encoding == "cp1251"
    assert article.decode_notes and "cp1251" in article.decode_notes[0]


def test_html_lang_attribute_sets_the_language():
    article = article_from_html(PAGE.replace('lang="en-GB"', 'lang="uk"'))
    assert article.language == "uk"


# --- gzip --------------------------------------------------------------------------------------

def test_gzipped_inputs_are_read_like_the_plain_ones(tmp_path):
    write(tmp_path / "a.txt.gz", gzip.compress(REPORT.encode()))
    write(tmp_path / "b.jsonl.gz", gzip.compress(jsonl({"id": "g1", "text": REPORT_2})))
    write(tmp_path / "c.html.gz", gzip.compress(PAGE.encode()))
    a, b, c = read([tmp_path])
    assert a.text == REPORT and a.raw == REPORT.encode(), "raw is the decompressed article"
    assert (b.id, b.text, b.origin) == ("g1", REPORT_2, f"{tmp_path / 'b.jsonl.gz'}:1")
    assert c.raw_format == "html" and "Odesa" in c.text


def test_gzip_behind_a_plain_name_is_undone(tmp_path):
    [article] = read([write(tmp_path / "saved.html", gzip.compress(PAGE.encode()))])
    assert "grain warehouses" in article.text


def test_broken_gzip_is_an_error(tmp_path):
    whole = gzip.compress((REPORT * 50).encode())
    write(tmp_path / "a_truncated.txt.gz", whole[: len(whole) // 2])
    write(tmp_path / "b_not_gzip.txt.gz", b"this was never compressed")
    write(tmp_path / "c.txt", REPORT_2)
    items = list(read([tmp_path]))
    assert [type(i).__name__ for i in items] == ["IngestError", "IngestError", "Article"]
    assert all("broken gzip data" in e.message for e in errors(items))


def test_gzip_broken_midway_through_jsonl_keeps_what_came_before(tmp_path):
    lines = jsonl(*({"id": f"n{i}", "text": f"{REPORT} Report number {i}."} for i in range(400)))
    whole = gzip.compress(lines)
    path = write(tmp_path / "cut.jsonl.gz", whole[: int(len(whole) * 0.6)])
    items = list(read([path]))
    assert len(articles(items)) > 100
    [error] = errors(items)
    assert error is items[-1] and "broken gzip data" in error.message
    assert error.origin.startswith(f"{path}:")


# --- directories, order, stdin -----------------------------------------------------------------

def test_directory_walk_is_recursive_sorted_and_skips_hidden_and_binary(tmp_path):
    write(tmp_path / "b.txt", "Shelling in Kherson, report b.")
    write(tmp_path / "a" / "z.txt", "Shelling in Kherson, report a/z.")
    write(tmp_path / "a" / "m" / "k.txt", "Shelling in Kherson, report a/m/k.")
    write(tmp_path / "c.jsonl", jsonl({"id": "c1", "text": "Shelling in Kherson, report c1."}))
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "notes.txt", "hidden directory")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    write(tmp_path / "Thumbs", b"\x00\x01\x02binary cache\x00")
    items = list(read([tmp_path]))
    assert [i.text.split("report ")[1] for i in items] == ["a/m/k.", "a/z.", "b.", "c1."]
    again = list(read([tmp_path]))
    assert [i.id for i in again] == [i.id for i in items]


def test_paths_are_read_in_the_order_given(tmp_path):
    a = write(tmp_path / "a.txt", REPORT)
    b = write(tmp_path / "b.txt", REPORT_2)
    assert [i.text for i in read([b, a])] == [REPORT_2, REPORT]


def test_explicit_binary_file_is_an_error(tmp_path):
    png = write(tmp_path / "chart.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    blob = write(tmp_path / "Thumbs", b"\x00\x01\x02binary cache\x00")
    first, second = read([png, blob])
    assert isinstance(first, IngestError) and ".png" in first.message
    assert isinstance(second, IngestError) and "binary" in second.message


@pytest.mark.parametrize("data,kind", [
    (jsonl({"id": "s1", "text": REPORT}), "jsonl"),
    (PAGE.encode(), "html"),
    (REPORT.encode(), "text"),
    (gzip.compress(jsonl({"id": "s1", "text": REPORT})), "jsonl"),
])
def test_stdin_stream_is_sniffed(data, kind):
    [article] = read_stream(io.BytesIO(data))
    assert article.raw_format == kind
    assert ("Odesa" if kind == "html" else "Zaporizhzhia") in article.text
    assert article.origin == ("<stdin>:1" if kind == "jsonl" else "<stdin>")


def test_dash_reads_standard_input(monkeypatch, tmp_path):
    fake = io.TextIOWrapper(io.BytesIO(jsonl({"id": "in1", "text": REPORT},
                                             {"id": "in2", "text": REPORT_2})))
    monkeypatch.setattr(sys, "stdin", fake)
    path = write(tmp_path / "f.txt", REPORT)
    items = list(read(["-", path]))
    assert [i.id for i in items[:2]] == ["in1", "in2"]
    assert items[2].origin == str(path)


@pytest.mark.parametrize("name,data,kind", [
    ("feed.dat", jsonl({"id": "d", "text": REPORT}), "jsonl"),
    ("page.php", PAGE.encode(), "html"),
    ("REPORT", REPORT.encode(), "text"),
])
def test_unknown_extension_is_sniffed(tmp_path, name, data, kind):
    [article] = read([write(tmp_path / name, data)])
    assert article.raw_format == kind


def test_pretty_printed_json_is_not_taken_for_jsonl(tmp_path):
    path = write(tmp_path / "export.json", json.dumps({"id": "x", "text": REPORT}, indent=2))
    [error] = read([path])
    assert isinstance(error, IngestError) and "not JSON Lines" in error.message


def test_count_items_matches_what_read_yields(tmp_path):
    write(tmp_path / "a.jsonl", jsonl({"id": "1", "text": REPORT}) + b"\n  \n"
          + jsonl({"id": "2", "text": REPORT_2}, {"id": "3"}))
    write(tmp_path / "b.txt", REPORT)
    write(tmp_path / "b.json", "{}")
    write(tmp_path / "sub" / "c.html", PAGE)
    write(tmp_path / "d.jsonl.gz", gzip.compress(jsonl({"id": "4", "text": REPORT})))
    write(tmp_path / "e.bin.cache", b"\x00\x00 skipped in a walk")
    write(tmp_path / "f.txt", b"\x00\x00 an error: a .txt must be text")
    paths = [tmp_path, tmp_path / "missing.txt"]
    assert count_items(paths) == len(list(read(paths))) == 8
    assert count_items(["-"]) is None


# --- ids -------------------------------------------------------------------------------------------

def test_ids_are_stable_and_follow_the_documented_scheme():
    expected = hashlib.sha256(b"url:bbc.example/news/world-123").hexdigest()[:16]
    assert make_article_id("https://www.BBC.example/news/world-123/#comments", "x") == expected
    assert make_article_id("http://bbc.example/news/world-123", "other text") == expected
    assert make_article_id(None, "Shelling hit Kherson.") == "05fc4f0d9a75d2a2"
    assert make_article_id(None, "Shelling hit Kherson.\r\n") == make_article_id("", "Shelling hit Kherson.")
    assert make_article_id(None, "Shelling hit Kherson.") != make_article_id(None, "Shelling hit Kharkiv.")
    assert make_article_id("https://x.example/a?id=1", "") != make_article_id("https://x.example/a?id=2", "")


def test_rereading_the_same_input_gives_the_same_ids(tmp_path):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / "b.html", PAGE.replace('<link rel="canonical" href="https://www.blacksea-herald.example/news/odesa-port-strike">', ""))
    first = [a.id for a in read([tmp_path])]
    second = [a.id for a in read([tmp_path])]
    assert first == second and len(set(first)) == 2


# --- bad input: one error each, the rest of the batch comes through --------------------------------------

BAD_FILES = {
    "nul.txt": (b"Shelling hit\x00\x00\x01 Kherson" * 10, "NUL bytes"),
    "controls.txt": (bytes(range(1, 9)) * 40 + b"some words", "control characters"),
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t \r\n  ", "empty text"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_error_and_the_batch_goes_on(tmp_path, name):
    data, expected = BAD_FILES[name]
    write(tmp_path / "a_good.txt", REPORT)
    bad = write(tmp_path / f"b_{name}", data)
    write(tmp_path / "c_good.txt", REPORT_2)
    items = list(read([tmp_path]))
    assert [i.text for i in articles(items)] == [REPORT, REPORT_2]
    [error] = errors(items)
    assert error.origin == str(bad)
    assert expected in error.message
    assert "\n" not in str(error)


def test_missing_path_is_an_error_and_the_batch_goes_on(tmp_path):
    good = write(tmp_path / "good.txt", REPORT)
    items = list(read([tmp_path / "nope.txt", good]))
    assert str(items[0]) == f"{tmp_path / 'nope.txt'}: no such file or directory"
    assert items[1].text == REPORT


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    write(tmp_path / "locked.txt", REPORT)
    write(tmp_path / "open.txt", REPORT_2)
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(readers, "open", guarded_open, raising=False)
    items = list(read([tmp_path]))
    assert str(items[0]) == f"{tmp_path / 'locked.txt'}: permission denied"
    assert items[1].text == REPORT_2


def test_50_mb_text_file_is_rejected_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.seek(50 * 1024 * 1024 - 1)
        f.write(b"x")
    write(tmp_path / "small.txt", REPORT)
    tracemalloc.start()
    try:
        items = list(read([path, tmp_path / "small.txt"]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    error, article = items
    assert isinstance(error, IngestError) and article.text == REPORT
    assert "huge.txt" in str(error)
    assert "52,428,800 bytes" in error.message and "5,000,000" in error.message
    assert peak < 2_000_000, f"read {peak:,} bytes of a file it should have refused"


def test_article_size_limit_applies_to_gzip_and_jsonl(tmp_path):
    options = Options(max_article_bytes=1_000, max_line_bytes=100_000)
    write(tmp_path / "a.txt.gz", gzip.compress(b"Shelling hit Kherson. " * 200))
    write(tmp_path / "b.jsonl", jsonl({"id": "big", "text": "Shelling hit Kherson. " * 200},
                                      {"id": "ok", "text": REPORT_2}))
    items = list(read([tmp_path], options))
    assert [type(i).__name__ for i in items] == ["IngestError", "IngestError", "Article"]
    assert "over the limit of 1,000 bytes" in items[0].message
    assert items[1].origin.endswith("b.jsonl:1") and "'big'" in items[1].message


def test_overlong_jsonl_line_is_skipped_without_losing_the_next(tmp_path):
    options = Options(max_line_bytes=10_000)
    path = write(tmp_path / "lines.jsonl",
                 jsonl({"id": "long", "text": "x" * 50_000}, {"id": "after", "text": REPORT}))
    first, second = read([path], options)
    assert isinstance(first, IngestError) and first.origin == f"{path}:1"
    assert "max_line_bytes" in first.message and "10,000" in first.message
    assert second.id == "after" and second.origin == f"{path}:2"


JSONL_BAD_LINES = [
    (b'{"id": "t1", "text": "Shelling hit Kherson."', "not valid JSON"),
    (b'["id", "text"]', "expected a JSON object, got an array"),
    (b'{"text": "Shelling hit Kherson."}', "missing `id`"),
    (b'{"id": "t2", "title": "No body"}', "missing `text` (or `html`)"),
    (b'{"id": "t3", "text": 42}', "`text` must be a string, got a number"),
    (b'{"id": "t4", "text": ""}', "empty text"),
    (b'{"id": "t4b", "html": "  "}', "empty HTML"),
    (b'{"id": ["t5"], "text": "Shelling hit Kherson."}', "`id` must be a string"),
    (b'{"id": "t6", "html": "<html><body><script>x()</script></body></html>"}',
     "no article text found in HTML"),
]


@pytest.mark.parametrize("line,expected", JSONL_BAD_LINES)
def test_bad_jsonl_line_gives_one_error_naming_the_line(tmp_path, line, expected):
    data = jsonl({"id": "ok1", "text": REPORT}) + line + b"\n" + jsonl({"id": "ok2", "text": REPORT_2})
    path = write(tmp_path / "mixed.jsonl", data)
    items = list(read([path]))
    assert [a.id for a in articles(items)] == ["ok1", "ok2"]
    [error] = errors(items)
    assert error.origin == f"{path}:2"
    assert expected in error.message


def test_duplicate_id_in_a_file_keeps_the_first(tmp_path):
    path = write(tmp_path / "dup.jsonl", jsonl({"id": "k", "text": REPORT}, {"id": "k", "text": REPORT_2},
                                               {"id": "m", "text": REPORT_2}))
    first, error, last = read([path])
    assert first.text == REPORT and last.id == "m"
    assert error.origin == f"{path}:2" and "duplicate id (first seen on line 1)" in error.message


def test_unreadable_published_is_left_empty_and_noted(tmp_path):
    path = write(tmp_path / "d.jsonl", jsonl({"id": "p", "text": REPORT, "published": "last Tuesday"}))
    [article] = read([path])
    assert article.published is None
    assert any("last Tuesday" in note for note in article.decode_notes)


# --- decoding ----------------------------------------------------------------------------------------

def test_cp1252_text_is_decoded_and_flagged(tmp_path):
    text = "The mayor said \u2018three people\u2019 were killed \u2013 the caf\u00e9 was destroyed."
    [article] = read([write(tmp_path / "win.txt", text.encode("cp1252"))])
    assert article.text == text
    assert article.encoding == "cp1252"
    assert article.decode_notes == ("decoded as cp1252 (not valid UTF-8)",)
    assert article.raw == text.encode("cp1252")


def test_latin1_text_is_decoded_and_flagged():
    decoded = decode_bytes("Caf\u00e9 owners on Deribasivska street counted the damage.".encode("latin-1"))
    assert decoded.text.startswith("Caf\u00e9 owners")
    assert decoded.notes and "not valid UTF-8" in decoded.notes[0]


def test_cyrillic_legacy_text_is_decoded():
    text = "\u0423\u0434\u0430\u0440 \u043f\u043e \u0425\u0430\u0440\u044c\u043a\u043e\u0432\u0443: \u043f\u043e\u0433\u0438\u0431\u043b\u0438 \u0442\u0440\u0438 \u0447\u0435\u043b\u043e\u0432\u0435\u043a\u0430."
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text and decoded.encoding == "cp1251"


def test_a_few_invalid_utf8_bytes_are_replaced_and_flagged(tmp_path):
    good = "Officials said \u201cthree\u201d people were killed in Kharkiv\u2019s Saltivka district."
    data = good.encode("utf-8").replace(b"three", b"th\xffr\xfe\x80ee")
    [article] = read([write(tmp_path / "damaged.txt", data)])
    assert article.encoding == "utf-8"
    assert article.text.count("\ufffd") == 3
    assert "\u201c" in article.text, "the intact UTF-8 is not re-read as cp1252"
    assert article.decode_notes == ("3 invalid bytes replaced with U+FFFD (not valid UTF-8)",)


def test_utf16_with_bom_is_text_not_binary(tmp_path):
    [article] = read([write(tmp_path / "u16.txt", REPORT.encode("utf-16"))])
    assert article.text == REPORT and article.encoding == "utf-16"


# --- dates -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("2022-10-10", "2022-10-10"),
    ("2022-10-10T23:30:00-05:00", "2022-10-10"),
    ("2022-10-10 08:30", "2022-10-10"),
    ("20221010", "2022-10-10"),
    ("10 October 2022", "2022-10-10"),
    ("Mon, 10 Oct 2022 08:30:00 GMT", "2022-10-10"),
    ("October 10, 2022", "2022-10-10"),
    ("Oct. 10, 2022 8:30 AM EST", "2022-10-10"),
    ("Monday, 10th October, 2022", "2022-10-10"),
    ("10.10.2022", "2022-10-10"),
    ("25/03/2022", "2022-03-25"),
    ("03/25/2022", "2022-03-25"),
    ("03/04/2022", None),
    ("2022-02-30", None),
    ("10/10/22", None),
    ("yesterday", None),
    ("", None),
    (None, None),
    (1665390600, None),
    (dt.date(2022, 10, 10), "2022-10-10"),
    (dt.datetime(2022, 10, 10, 23, 59), "2022-10-10"),
])
def test_normalize_published(value, expected):
    assert normalize_published(value) == expected


# --- the Python API ----------------------------------------------------------------------------------------

def test_article_from_text_and_html():
    article = article_from_text(REPORT, published="2023-04-16T09:00:00Z", outlet="Wire")
    assert article.published == "2023-04-16" and article.raw == REPORT.encode()
    assert article.origin == "<text>" and article.outlet == "Wire"
    page = article_from_html(PAGE.encode("utf-8"), url="https://mirror.example/odesa",
                             published="2023-07-21")
    assert page.url == "https://mirror.example/odesa" and page.published == "2023-07-21"
    assert page.id == make_article_id("https://mirror.example/odesa", "")
    assert page.raw == PAGE.encode("utf-8") and page.origin == "<html>"
    with pytest.raises(ValueError, match="empty text"):
        article_from_text("   \n")
    with pytest.raises(ValueError, match="no article text found in HTML"):
        article_from_html("<html><body><script>x()</script></body></html>")


# --- large input streams in bounded memory ------------------------------------------------------------------

def test_large_jsonl_streams_in_bounded_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    body = (REPORT * 8)[:2_000]
    with open(path, "wb") as f:
        for i in range(20_000):
            f.write(json.dumps({"id": f"wire-{i:05d}", "text": f"{body} ({i})",
                                "published": "2023-04-16"}).encode() + b"\n")
    size = path.stat().st_size
    assert size > 40_000_000
    tracemalloc.start()
    try:
        count = 0
        for item in read([path]):
            assert isinstance(item, Article)
            count += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 20_000
    # one line in flight plus the ids seen (for duplicate detection): a few MB, not the file
    assert peak < 10_000_000, f"peak {peak:,} bytes for a {size:,}-byte file"
