"""Live sources: article URLs, RSS/Atom feeds and WARC archives read by ``ingest.read``.

Everything is served by a real HTTP server on 127.0.0.1 inside the test process
(``live_server.py``); host names other than 127.0.0.1 and localhost do not resolve here, and
proxies from the environment are off, so nothing reaches beyond this machine. The pages
and WARC records are written for the project.
"""

from __future__ import annotations

import io
import socket
import sys
import time

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from live_server import Reply, article_page, atom, keep_local, report_text, rss
from strikewatch.cli import app
from strikewatch.ingest import Article, IngestError, Options, make_article_id, read
from strikewatch.ingest.http import FetchError, Fetcher, HttpSettings, retry_after_seconds
from strikewatch.ingest.web import fetch_feed, read_url

FAST = HttpSettings(connect_timeout=2.0, read_timeout=0.3, total_timeout=10.0, retries=2,
                    backoff=0.01, max_backoff=5.0, trust_env=False)


@pytest.fixture(autouse=True)
def local_only(server, monkeypatch):
    """A clean server, no proxies, and no name resolution beyond this machine: any other
    host name fails as an unknown host does (which the DNS test relies on)."""
    server.reset()
    keep_local(monkeypatch)


@pytest.fixture
def waits():
    return []


@pytest.fixture
def fetcher(waits):
    # backoffs are recorded, not slept: the retry tests stay fast
    with Fetcher(FAST, sleep=waits.append) as f:
        yield f


def items_of(url, fetcher, options=Options()):
    return list(read_url(url, options, fetcher))


def only_error(items) -> IngestError:
    [item] = items
    assert isinstance(item, IngestError), item
    return item


# --- article pages ------------------------------------------------------------------------------

def test_article_url_gives_the_page_text_raw_bytes_and_a_url_id(server, fetcher):
    page = article_page(0)
    url = server.page("/news/zaporizhzhia-strike", page)
    [article] = items_of(url, fetcher)
    assert isinstance(article, Article)
    assert "struck an apartment block in Zaporizhzhia early on Sunday" in article.text
    assert "All rights reserved" not in article.text and "World" not in article.text
    assert article.raw == page.encode("utf-8") and article.raw_format == "html"
    assert article.url == url and article.origin == url
    assert article.id == make_article_id(url, "")
    assert article.published == "2024-03-10"
    assert article.outlet == "Steppe Courier"


def test_requests_name_the_tool_in_their_user_agent(server, fetcher):
    url = server.page("/news/a", article_page(1))
    items_of(url, fetcher)
    [request] = server.seen("/news/a")
    assert request.headers["user-agent"].startswith("strikewatch/")
    assert "+http" in request.headers["user-agent"], "a contact URL for site operators"


CYRILLIC_PAGE = (
    "<html><head>{meta}<title>Shelling in Kharkiv</title></head><body><article>"
    "<p>Russian artillery shelled a residential district of Kharkiv on Tuesday, injuring "
    "four people, the regional governor said.</p>"
    "<p>\u00abКharkiv holds\u00bb, he wrote in Ukrainian: \u00ab\u0425\u0430\u0440\u043a\u0456"
    "\u0432 \u0442\u0440\u0438\u043c\u0430\u0454\u0442\u044c\u0441\u044f\u00bb, adding that "
    "rescue crews were still at work in the damaged buildings.</p></article></body></html>")
UKRAINIAN = "\u0425\u0430\u0440\u043a\u0456\u0432 \u0442\u0440\u0438\u043c\u0430\u0454\u0442\u044c\u0441\u044f"


@pytest.mark.parametrize("where", ["header", "meta"])
def test_charset_comes_from_the_header_or_the_page(server, fetcher, where):
    meta = '<meta charset="windows-1251">' if where == "meta" else ""
    data = CYRILLIC_PAGE.format(meta=meta).encode("cp1251")
    content_type = "text/html; charset=windows-1251" if where == "header" else "text/html"
    url = server.page("/news/kharkiv", data, content_type)
    [article] = items_of(url, fetcher)
    assert UKRAINIAN in article.text
    assert article.encoding == "cp1251"
    assert article.raw == data


def test_a_redirect_is_followed_and_the_article_keeps_the_url_asked_for(server, fetcher):
    target = server.page("/news/odesa-port", article_page(1))
    server.add("/r/123", Reply(302, [("Location", "/news/odesa-port")]))
    [article] = items_of(server.url("/r/123"), fetcher)
    assert "grain warehouses in the port in Odesa" in article.text
    assert article.url == server.url("/r/123")
    assert article.id == make_article_id(server.url("/r/123"), "")
    assert any(target in note and "redirected" in note for note in article.decode_notes)


def test_a_redirect_loop_ends_with_an_error(server, fetcher):
    server.add("/loop", Reply(302, [("Location", "/loop")]))
    error = only_error(items_of(server.url("/loop"), fetcher))
    assert error.origin == server.url("/loop")
    assert "too many redirects" in error.message
    assert server.hits("/loop") == FAST.max_redirects + 1


# --- failures: each one an error naming the URL and the reason ---------------------------------

def test_a_slow_server_times_out_after_the_retries(server, fetcher, waits):
    server.add("/slow", Reply(headers=[("Content-Type", "text/html")],
                              body=article_page(2).encode(), delay=1.5))
    start = time.monotonic()
    error = only_error(items_of(server.url("/slow"), fetcher))
    assert "timed out" in error.message and "after 3 attempts" in error.message
    assert server.hits("/slow") == 3
    assert waits == [0.01, 0.02], "exponential backoff between the attempts"
    assert time.monotonic() - start < 1.5 * 3, "each attempt gives up at the read timeout"


def test_a_500_is_retried_and_the_next_answer_used(server, fetcher, waits):
    answers = iter([Reply(500, [("Content-Type", "text/html")], b"<p>Internal error</p>")])
    good = Reply(headers=[("Content-Type", "text/html")], body=article_page(3).encode())
    server.add("/flaky", lambda request: next(answers, good))
    [article] = items_of(server.url("/flaky"), fetcher)
    assert isinstance(article, Article) and "bus station in Dnipro" in article.text
    assert server.hits("/flaky") == 2
    assert waits == [0.01]


def test_a_500_every_time_is_an_error_after_the_retries(server, fetcher):
    server.add("/broken", Reply(500, [("Content-Type", "text/html")], b"<p>oops</p>"))
    error = only_error(items_of(server.url("/broken"), fetcher))
    assert error.message == "HTTP 500 Internal Server Error after 3 attempts"
    assert server.hits("/broken") == 3


def test_429_waits_as_long_as_retry_after_says(server, fetcher, waits):
    answers = iter([Reply(429, [("Retry-After", "2")], b"")])
    good = Reply(headers=[("Content-Type", "text/html")], body=article_page(4).encode())
    server.add("/busy", lambda request: next(answers, good))
    [article] = items_of(server.url("/busy"), fetcher)
    assert isinstance(article, Article)
    assert waits == [2.0]


def test_retry_after_longer_than_allowed_gives_up_at_once(server, fetcher, waits):
    server.add("/busy-long", Reply(503, [("Retry-After", "3600")], b""))
    error = only_error(items_of(server.url("/busy-long"), fetcher))
    assert "HTTP 503" in error.message and "Retry-After" in error.message
    assert waits == [] and server.hits("/busy-long") == 1


def test_retry_after_as_an_http_date():
    from datetime import datetime, timezone
    now = datetime(2024, 3, 10, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("Sun, 10 Mar 2024 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("soon") is None


def test_a_404_is_not_retried(server, fetcher, waits):
    error = only_error(items_of(server.url("/no/such/page"), fetcher))
    assert error.origin == server.url("/no/such/page")
    assert error.message == "HTTP 404 Not Found"
    assert waits == [] and server.hits("/no/such/page") == 1


def test_an_unknown_host_is_a_dns_error(fetcher):
    error = only_error(items_of("http://newsroom.invalid/kyiv-strike", fetcher))
    assert error.origin == "http://newsroom.invalid/kyiv-strike"
    assert error.message.startswith("DNS lookup failed: host newsroom.invalid not found")


def test_a_refused_connection_is_retried_then_reported(fetcher, waits):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # nothing listens on the port any more
    error = only_error(items_of(f"http://127.0.0.1:{port}/news", fetcher))
    assert "cannot connect to 127.0.0.1" in error.message
    assert "after 3 attempts" in error.message and len(waits) == 2


def test_garbage_bytes_are_rejected_as_binary(server, fetcher):
    garbage = bytes(range(256)) * 64
    url = server.page("/garbage", garbage, "text/html")
    error = only_error(items_of(url, fetcher))
    assert "binary data" in error.message


@pytest.mark.parametrize("content_type", ["image/png", "application/octet-stream",
                                          "application/pdf"])
def test_a_binary_content_type_is_refused(server, fetcher, content_type):
    url = server.page("/file", b"\x89PNG\r\n\x1a\n" + b"\x00" * 1000, content_type)
    error = only_error(items_of(url, fetcher))
    assert error.message == f"not an article page or feed: content-type {content_type}"


def endless(chunk: bytes = b"<p>" + b"Shelling continued. " * 3270 + b"</p>\n",
            limit: int = 2_000_000_000):
    """A body of up to 2 GB, made on the fly: only a client that stops early ends it."""
    sent = 0
    yield b"<html><body>"
    while sent < limit:
        yield chunk
        sent += len(chunk)


def test_an_endless_body_is_cut_off_at_the_size_limit(server, fetcher):
    server.add("/endless", lambda request: Reply(headers=[("Content-Type", "text/html")],
                                                 body=endless()))
    start = time.monotonic()
    error = only_error(items_of(server.url("/endless"), fetcher,
                                Options(max_article_bytes=200_000)))
    assert "over the limit" in error.message and "download stopped" in error.message
    assert time.monotonic() - start < 10
    time.sleep(0.2)  # the server notices the hang-up
    # what the kernel buffered between the two sockets, not 2 GB
    assert server.sent.get("/endless", 0) < 64_000_000


def test_a_declared_2_gb_body_is_not_downloaded_at_all(server, fetcher):
    server.add("/huge", lambda request: Reply(
        headers=[("Content-Type", "text/html"), ("Content-Length", "2000000000")],
        body=endless()))
    error = only_error(items_of(server.url("/huge"), fetcher))
    assert error.message.startswith("response is 2,000,000,000 bytes (Content-Length)")
    assert "not downloaded" in error.message


def test_one_failing_source_does_not_stop_the_others(server, tmp_path):
    good = server.page("/news/good", article_page(5))
    server.add("/news/broken", Reply(500, [], b""))
    local = tmp_path / "local.txt"
    local.write_text(report_text(6)[0] + ". A local report of a strike on Chernihiv.\n")
    items = list(read(["http://newsroom.invalid/x", server.url("/news/missing"), good,
                       str(local)]))
    assert [type(i).__name__ for i in items] == ["IngestError", "IngestError", "Article",
                                                 "Article"]
    assert items[0].origin == "http://newsroom.invalid/x" and "DNS" in items[0].message
    assert items[1].message == "HTTP 404 Not Found"
    assert items[2].url == good and items[3].origin == str(local)


# --- feeds ------------------------------------------------------------------------------------

def test_rss_feed_gives_every_linked_article_with_the_feed_metadata(server, fetcher):
    server.page("/news/one", article_page(0, title="Page headline one"))
    server.page("/news/two", article_page(1))
    feed = rss([("/news/one", "Missiles hit Zaporizhzhia homes", "Mon, 11 Mar 2024 23:30:00 +0200"),
                (server.url("/news/two"), "Drones hit Odesa port", None)])
    feed_url = server.page("/feeds/war.xml", feed, "application/rss+xml; charset=utf-8")
    items = items_of(feed_url, fetcher)
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    one, two = items
    # the feed's metadata is explicit and wins; the page fills what the feed leaves out
    assert one.url == server.url("/news/one"), "a relative link is resolved against the feed"
    assert one.title == "Missiles hit Zaporizhzhia homes"
    assert one.published == "2024-03-11", "the date as the publisher wrote it, not in UTC"
    assert one.outlet == "Steppe Courier" and one.language == "en"
    assert one.id == make_article_id(server.url("/news/one"), "")
    assert two.published == "2024-03-10", "no date in the feed: the page's"
    assert two.title == "Drones hit Odesa port"


def test_atom_feed_entry_dates(server, fetcher):
    server.page("/a/published", article_page(2, published="2024-03-01T10:00:00+02:00"))
    server.page("/a/page-dated", article_page(3, published="2024-03-02T10:00:00+02:00"))
    server.page("/a/undated", article_page(4, published=None))
    feed = atom([
        ("/a/published", "Glide bombs hit <b>Kharkiv</b>", "2024-03-05T21:00:00-05:00",
         "2024-03-06T08:00:00Z"),
        ("/a/page-dated", "Missile hits Dnipro", None, "2024-03-07T08:00:00Z"),
        ("/a/undated", "Drones over Sumy", None, "2024-03-08T08:00:00Z"),
    ])
    feed_url = server.page("/feeds/atom", feed, "application/atom+xml")
    published, page_dated, undated = items_of(feed_url, fetcher)
    assert published.published == "2024-03-05"
    assert published.title == "Glide bombs hit Kharkiv", "an HTML title loses its tags"
    assert page_dated.published == "2024-03-02", "an update is not a publication: the page's date"
    assert undated.published == "2024-03-08", "nothing else: the entry's last update"
    assert any("last update" in note for note in undated.decode_notes)


def test_a_failed_entry_is_an_error_and_the_feed_goes_on(server, fetcher):
    server.page("/news/ok", article_page(5))
    server.page("/img/photo.jpg", b"\xff\xd8\xff" + b"\x00" * 100, "image/jpeg")
    feed = rss([("/news/gone", "Gone", None), ("/img/photo.jpg", "Photo", None),
                ("/news/ok", "Drones hit Sumy substation", None)])
    feed = feed.replace("</channel>", "<item><title>Live updates</title></item></channel>")
    feed_url = server.page("/feeds/mixed.xml", feed, "application/rss+xml")
    items = items_of(feed_url, fetcher)
    errors = [i for i in items if isinstance(i, IngestError)]
    [article] = [i for i in items if isinstance(i, Article)]
    assert article.url == server.url("/news/ok")
    assert {e.origin for e in errors} == {feed_url, server.url("/news/gone"),
                                          server.url("/img/photo.jpg")}
    by_origin = {e.origin: e.message for e in errors}
    assert by_origin[feed_url] == "entry 4 (Live updates) has no link: skipped"
    assert by_origin[server.url("/news/gone")] == f"HTTP 404 Not Found (linked from {feed_url})"
    assert "content-type image/jpeg" in by_origin[server.url("/img/photo.jpg")]


def test_a_feed_served_as_html_is_still_read_as_a_feed(server, fetcher):
    server.page("/news/ok", article_page(6))
    feed_url = server.page("/rss", rss([("/news/ok", "Hotel hit in Chernihiv", None)]),
                           "text/html; charset=utf-8")
    [article] = items_of(feed_url, fetcher)
    assert article.title == "Hotel hit in Chernihiv"


def test_xml_that_is_not_a_feed_is_an_error(server, fetcher):
    sitemap = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               '<url><loc>http://127.0.0.1/news/1</loc></url></urlset>')
    url = server.page("/sitemap.xml", sitemap, "application/xml")
    error = only_error(items_of(url, fetcher))
    assert error.message == "XML document (application/xml) is not an RSS or Atom feed"


def test_fetch_feed_refuses_a_page(server, fetcher):
    url = server.page("/news/page", article_page(0))
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        fetch_feed(url, fetcher)


def test_fetch_errors_say_whether_a_later_try_may_succeed(server, fetcher):
    server.add("/gone", Reply(410, [], b""))
    with pytest.raises(FetchError) as gone:
        fetcher.get(server.url("/gone"), max_bytes=1000)
    with pytest.raises(FetchError) as missing:
        fetcher.get(server.url("/not-yet"), max_bytes=1000)
    assert (gone.value.status, gone.value.retry_later) == (410, False)
    assert (missing.value.status, missing.value.retry_later) == (404, True)


def test_only_http_urls_are_fetched(fetcher):
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/a", "http://"):
        with pytest.raises(FetchError) as caught:
            fetcher.get(url, max_bytes=1000)
        assert not caught.value.retry_later


# --- WARC archives ------------------------------------------------------------------------------

def _response(writer, uri, status, content_type, body, date="2024-03-12T05:00:00Z"):
    headers = [("Content-Type", content_type)] if content_type else []
    http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                     http_headers=http_headers,
                                     warc_headers_dict={"WARC-Date": date})


PAGE_DATED = article_page(0).encode()
PAGE_UNDATED = article_page(1, published=None).encode()
PAGE_RESOURCE = article_page(2, published="2024-02-20T09:00:00Z").encode()


def warc_records(gz: bool) -> list[bytes]:
    """Each record of a small crawl, serialised alone (to cut and damage them in tests)."""
    out = []

    def add(make):
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=gz)
        writer.write_record(make(writer))
        out.append(buf.getvalue())

    add(lambda w: w.create_warcinfo_record("crawl.warc", {"software": "strikewatch tests"}))
    add(lambda w: w.create_warc_record(
        "http://courier.example/news/zap", "request", payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders("GET /news/zap HTTP/1.1", [("Host", "courier.example")],
                                      is_http_request=True)))
    add(lambda w: _response(w, "http://courier.example/news/zap", "200 OK",
                            "text/html; charset=utf-8", PAGE_DATED))
    add(lambda w: _response(w, "http://courier.example/logo.png", "200 OK", "image/png",
                            b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))
    add(lambda w: _response(w, "http://courier.example/old", "404 Not Found", "text/html",
                            b"<html><body><p>No such page here.</p></body></html>"))
    add(lambda w: _response(w, "http://courier.example/moved", "301 Moved Permanently",
                            "text/html", b"<p>Moved</p>"))
    add(lambda w: w.create_warc_record("http://courier.example/news/zap", "metadata",
                                       payload=io.BytesIO(b"outlink: http://courier.example/"),
                                       warc_content_type="application/warc-fields"))
    add(lambda w: _response(w, "http://courier.example/news/odesa", "200 OK", "text/html",
                            PAGE_UNDATED, date="2024-03-12T01:30:00Z"))
    add(lambda w: w.create_warc_record("http://courier.example/news/kharkiv", "resource",
                                       payload=io.BytesIO(PAGE_RESOURCE),
                                       warc_content_type="text/html"))
    return out


def articles_and_errors(items):
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, IngestError)])


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_every_archived_html_page_becomes_an_article(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    records = warc_records(gz)
    path.write_bytes(b"".join(records))
    items = list(read([path]))
    articles, errors = articles_and_errors(items)
    assert errors == []
    assert [a.url for a in articles] == ["http://courier.example/news/zap",
                                         "http://courier.example/news/odesa",
                                         "http://courier.example/news/kharkiv"]
    zap, odesa, kharkiv = articles
    assert zap.raw == PAGE_DATED and zap.raw_format == "html"
    assert "apartment block in Zaporizhzhia" in zap.text
    assert zap.published == "2024-03-10", "the page's own date"
    assert odesa.published == "2024-03-12", "no date in the page: WARC-Date"
    assert any("WARC-Date" in note for note in odesa.decode_notes)
    assert kharkiv.published == "2024-02-20"
    assert zap.id == make_article_id("http://courier.example/news/zap", "")
    offset = sum(len(r) for r in records[:2])
    assert zap.origin == f"{path}@{offset}"


def test_warc_files_are_read_in_a_directory_walk(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(b"".join(warc_records(True)))
    (tmp_path / "note.txt").write_text("Russian drones hit a warehouse in Izmail on Friday.\n")
    items = list(read([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article"] * 4


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_damaged_record_is_an_error_and_reading_goes_on(tmp_path, gz):
    records = warc_records(gz)
    zap = records[2]
    broken = bytearray(zap)
    # overwrite the deflate stream (gzip) or the record's first line, "WARC/1.0" (plain)
    if gz:
        broken[12:40] = b"\xff" * 28
    else:
        broken[0:6] = b"\xff" * 6
    path = tmp_path / ("damaged.warc.gz" if gz else "damaged.warc")
    path.write_bytes(b"".join(records[:2]) + bytes(broken) + b"".join(records[3:]))
    articles, errors = articles_and_errors(list(read([path])))
    assert [a.url for a in articles] == ["http://courier.example/news/odesa",
                                         "http://courier.example/news/kharkiv"]
    [error] = errors
    assert error.origin == f"{path}@{len(records[0]) + len(records[1])}"
    assert error.message.startswith("damaged WARC record")
    assert "reading resumed at the next record" in error.message


def test_garbage_between_records_is_skipped(tmp_path):
    records = warc_records(False)
    path = tmp_path / "garbage.warc"
    path.write_bytes(b"".join(records[:3]) + b"\x00\x17 not a record \xfe\r\n\r\n"
                     + b"".join(records[3:]))
    articles, errors = articles_and_errors(list(read([path])))
    assert len(articles) == 3
    [error] = errors
    assert error.origin == f"{path}@{len(b''.join(records[:3]))}"


def test_a_record_cut_short_by_the_end_of_the_file_is_an_error(tmp_path):
    records = warc_records(False)
    path = tmp_path / "cut.warc"
    path.write_bytes(b"".join(records[:3])[:-200])
    articles, errors = articles_and_errors(list(read([path])))
    assert articles == []
    [error] = errors
    assert "truncated" in error.message and "courier.example/news/zap" in error.message


def test_a_record_whose_digest_does_not_match_is_an_error(tmp_path):
    records = warc_records(False)
    tampered = records[2].replace(b"apartment block", b"apartment house")
    assert tampered != records[2]
    path = tmp_path / "tampered.warc"
    path.write_bytes(b"".join(records[:2]) + tampered + b"".join(records[3:]))
    articles, errors = articles_and_errors(list(read([path])))
    assert [a.url for a in articles] == ["http://courier.example/news/odesa",
                                         "http://courier.example/news/kharkiv"]
    [error] = errors
    assert "digest does not match" in error.message


def test_a_file_that_is_no_warc_is_an_error(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("these are notes, not an archive\n")
    [error] = list(read([path]))
    assert isinstance(error, IngestError)
    assert error.message == "damaged WARC record (not a WARC record): skipped; no record after it"


# --- the command line and a base install --------------------------------------------------------

def test_ingest_command_takes_urls(server, tmp_path):
    server.page("/news/one", article_page(0))
    server.page("/news/two", article_page(1))
    feed_url = server.page("/feeds/war.xml", rss([("/news/one", "One", None),
                                                  ("/news/two", "Two", None)]),
                           "application/rss+xml")
    db = tmp_path / "live.db"
    result = CliRunner().invoke(app, ["ingest", feed_url, server.url("/news/missing"),
                                      "--db", str(db)], env={"STRIKEWATCH_DB": None})
    assert result.exit_code == 1, result.output
    assert "2 articles read: 2 stored" in result.stdout
    assert f"error: {server.url('/news/missing')}: HTTP 404 Not Found" in result.output
    again = CliRunner().invoke(app, ["ingest", feed_url, "--db", str(db)],
                               env={"STRIKEWATCH_DB": None})
    assert again.exit_code == 0 and "2 already stored" in again.stdout


def test_without_the_live_extra_a_url_is_an_error_not_a_crash(server, monkeypatch, tmp_path):
    for name in [m for m in sys.modules if m.startswith("strikewatch.ingest.")
                 and m.rsplit(".", 1)[1] in ("web", "http", "feeds", "warc")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "httpx", None)
    monkeypatch.setitem(sys.modules, "warcio", None)
    warc = tmp_path / "crawl.warc"
    warc.write_bytes(b"WARC/1.0\r\n")
    local = tmp_path / "a.txt"
    local.write_text("Shelling hit Nikopol overnight, wounding two people.\n")
    url_error, warc_error, article = read([server.url("/news/x"), str(warc), str(local)])
    assert "pip install 'strikewatch[live]'" in url_error.message
    assert "pip install 'strikewatch[live]'" in warc_error.message
    assert isinstance(article, Article)
