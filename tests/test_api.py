"""The HTTP API over a real SQLite database filled from the project's sample articles:
filters, paging, event and article detail, exports (ACLED conventions included), writing
with a token, security headers, errors, and schemathesis against the served schema."""

from __future__ import annotations

import csv
import io
import json
import threading
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from conftest import ROOT, WRITE_TOKEN, fill_database
from strikewatch.api import create_app, exports
from strikewatch.api.app import parse_bbox
from strikewatch.model import Count, Event, Report, Span

XSS_FIXTURE = ROOT / "tests" / "fixtures" / "articles" / "xss.jsonl"


@pytest.fixture(scope="module")
def client(sample_db: Path) -> TestClient:
    with TestClient(create_app(str(sample_db)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def all_events(client: TestClient) -> list[dict]:
    page = client.get("/api/events", params={"limit": 1000}).json()
    assert page["total"] == page["count"] >= 20
    return page["events"]


def ids(page: dict) -> set[str]:
    return {e["id"] for e in page["events"]}


def get_page(client: TestClient, **params) -> dict:
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    return response.json()


# --- listing, filters, paging ------------------------------------------------------------

def test_paging_gives_every_event_once_with_total_and_links(client, all_events):
    seen, url = [], "/api/events?limit=7&sort=date"
    while url:
        page = client.get(url).json()
        assert page["total"] == len(all_events)
        assert page["count"] == len(page["events"]) <= 7
        seen += [e["id"] for e in page["events"]]
        url = page["links"]["next"]
        if page["offset"]:
            assert page["links"]["prev"].endswith(f"offset={max(0, page['offset'] - 7)}")
    assert sorted(seen) == sorted(e["id"] for e in all_events)
    assert len(seen) == len(set(seen))


def test_links_keep_the_filters(client):
    page = client.get("/api/events", params={"country": "UA", "limit": 2}).json()
    assert "country=UA" in page["links"]["next"] and "offset=2" in page["links"]["next"]


def test_limit_is_capped_at_1000(client):
    assert client.get("/api/events", params={"limit": 1001}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422


def _narrowing(all_events, key):
    """A value of ``key`` that some but not all events have (so the filter must narrow)."""
    values = {}
    for e in all_events:
        for v in (e[key] if isinstance(e[key], list) else [e[key]]):
            if v is not None:
                values.setdefault(v, 0)
                values[v] += 1
    for value, n in sorted(values.items(), key=lambda kv: -kv[1]):
        if n < len(all_events):
            return value
    pytest.fail(f"the sample data has no narrowing value of {key}")


@pytest.mark.parametrize("param,key", [
    ("country", "country"), ("region", "admin1"), ("attacker", "attacker"),
    ("attack_type", "attack_types"), ("target", "targets"), ("weapon", "weapons"),
])
def test_each_field_filter_returns_exactly_the_matching_events(client, all_events, param, key):
    value = _narrowing(all_events, key)
    expected = {e["id"] for e in all_events
                if (value in e[key] if isinstance(e[key], list) else e[key] == value)}
    page = get_page(client, **{param: value})
    assert ids(page) == expected
    assert 0 < page["total"] < len(all_events)


def test_filters_ignore_case_where_names_are_typed(client, all_events):
    region = _narrowing(all_events, "admin1")
    assert get_page(client, region=region.upper())["total"] == get_page(client, region=region)["total"]
    assert get_page(client, country="ua")["total"] == get_page(client, country="UA")["total"]


def test_date_range_filter(client, all_events):
    dates = sorted({e["date"] for e in all_events if e["date"]})
    lo, hi = dates[1], dates[-2]
    page = get_page(client, date_from=lo, date_to=hi)
    assert ids(page) == {e["id"] for e in all_events if e["date"] and lo <= e["date"] <= hi}
    assert 0 < page["total"] < len(all_events)
    assert client.get("/api/events", params={"date_from": "08/11/2024"}).status_code == 422


def test_min_killed_filter_uses_the_lower_bound(client, all_events):
    page = get_page(client, min_killed=3)
    assert ids(page) == {e["id"] for e in all_events
                         if e["killed"] and (e["killed"]["min"] or 0) >= 3}
    assert 0 < page["total"] < len(all_events)


def test_text_search_finds_places_and_evidence_words(client, all_events):
    page = get_page(client, q="chernihiv")
    assert page["total"] >= 1
    assert all("Chernihiv" in (e["location"] or "") + (e["admin1"] or "") for e in page["events"])
    # a word that only the evidence sentence holds
    assert any(e["location"] == "Chernihiv" for e in get_page(client, q="injuring three people, including a child")["events"])
    assert get_page(client, q="no-such-words-anywhere")["total"] == 0


def test_bbox_filter_keeps_events_inside_the_box(client, all_events):
    box = (30.0, 50.0, 32.0, 52.0)        # around Chernihiv and Kyiv
    page = get_page(client, bbox=",".join(map(str, box)))
    assert ids(page) == {e["id"] for e in all_events if e["lat"] is not None
                         and box[0] <= e["lon"] <= box[2] and box[1] <= e["lat"] <= box[3]}
    assert 0 < page["total"] < len(all_events)
    for bad in ("1,2,3", "a,b,c,d", "10,10,0,0", "0,0,200,10", "nan,0,1,1"):
        response = client.get("/api/events", params={"bbox": bad})
        assert response.status_code == 422 and "bbox" in response.json()["detail"]


def test_sorting(client):
    newest = get_page(client, sort="-date")["events"]
    dates = [e["date"] for e in newest if e["date"]]
    assert dates == sorted(dates, reverse=True)
    by_killed = get_page(client, sort="-killed")["events"]
    killed = [e["killed"]["min"] for e in by_killed if e["killed"] and e["killed"]["min"] is not None]
    assert killed == sorted(killed, reverse=True)
    assert client.get("/api/events", params={"sort": "id; DROP TABLE events"}).status_code == 422


def test_list_is_light_detail_is_complete(client, all_events):
    assert "evidence" not in all_events[0] and "reports" not in all_events[0]


# --- one event, one article ---------------------------------------------------------------

def _event_of(all_events, location):
    return next(e for e in all_events if e["location"] == location)


def test_event_detail_has_evidence_sources_history_and_claims(client, all_events):
    summary = _event_of(all_events, "Chernihiv")
    event = client.get(f"/api/events/{summary['id']}").json()
    assert event["sources"] == ["xss-chernihiv"]
    assert event["injured"] == {"min": 3, "max": 3}
    assert event["reports"][0]["injured"] == {"min": 3, "max": 3}
    assert event["source_articles"][0]["id"] == "xss-chernihiv"
    article = client.get("/api/articles/xss-chernihiv").json()
    spans = [s for spans in event["evidence"].values() for s in spans]
    assert spans and "injured" in event["evidence"]
    for span in spans:
        assert article["cleaned_text"][span["start"]:span["end"]] == span["text"]
        assert article["text"][span["raw_start"]:span["raw_end"]] == span["text"]
    assert isinstance(event["claims"], list) and isinstance(event["updates"], list)
    assert event["updates"][0]["detail"]["action"] == "created"


def test_unknown_event_and_article_are_404_json(client):
    for url in ("/api/events/ev_000000000000", "/api/articles/no-such-article"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/json")
        assert response.json()["detail"].startswith("no such")


def test_article_keeps_raw_text_and_reports_what_cleaning_removed(client):
    raw_line = json.loads(XSS_FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    article = client.get("/api/articles/xss-chernihiv").json()
    assert article["text"] == raw_line["text"]            # byte for byte, payloads included
    assert article["outlet"] == raw_line["outlet"] and article["url"] == raw_line["url"]
    assert "raw" not in article
    assert article["event_ids"]

    noisy = client.get("/api/articles/courier_energy_wave").json()
    removed = [s for s in noisy["spans"] if s["action"] == "removed"]
    assert removed, "the tabloid sample has captions and prompts to remove"
    for span in removed:
        assert noisy["text"][span["start"]:span["end"]] == span["text"]
        assert span["text"] not in noisy["cleaned_text"] or len(span["text"]) < 4
        assert span["clean_start"] == span["clean_end"]   # the cut position


# --- waves, stats, meta -----------------------------------------------------------------------

def test_waves(client):
    waves = client.get("/api/waves").json()
    assert waves["count"] == len(waves["waves"]) >= 1
    wave = next(w for w in waves["waves"] if w["date"] == "2025-02-06")
    assert wave["target_country"] == "UA" and wave["launched"]
    assert client.get("/api/waves", params={"date_from": "2030-01-01"}).json()["count"] == 0


def test_stats_agree_with_the_event_list(client, all_events):
    stats = client.get("/api/stats").json()
    assert stats["events"] == len(all_events) == sum(d["events"] for d in stats["by_day"])
    assert sum(r["events"] for r in stats["by_region"]) == len(all_events)
    assert stats["killed"] == sum((e["killed"] or {}).get("min") or 0 for e in all_events)
    filtered = client.get("/api/stats", params={"attack_type": "drone"}).json()
    assert filtered["events"] == get_page(client, attack_type="drone")["total"] < stats["events"]


def test_meta_lists_the_choices_for_the_filter_panel(client, all_events):
    meta = client.get("/api/meta").json()
    assert meta["write_enabled"] is False
    assert "missile" in meta["attack_types"] and "energy" in meta["targets"]
    assert {e["admin1"] for e in all_events} == {r["admin1"] for r in meta["regions"]}
    assert meta["date_min"] == min(e["date"] for e in all_events if e["date"])


# --- exports ------------------------------------------------------------------------------------

def test_csv_export_has_one_row_per_filtered_event(client, all_events):
    response = client.get("/api/export", params={"format": "csv", "country": "UA"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["id"] for r in rows} == {e["id"] for e in all_events if e["country"] == "UA"}
    assert list(rows[0]) == list(exports.FLAT_COLUMNS)


def test_jsonl_export_is_full_events(client, all_events):
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) == len(all_events)
    assert all("evidence" in e and "reports" in e for e in events)


def test_geojson_export_puts_lon_before_lat(client, all_events):
    response = client.get("/api/export", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    data = response.json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) == len(all_events)
    kyiv = next(f for f in data["features"] if f["properties"]["location"] == "Kyiv")
    lon, lat = kyiv["geometry"]["coordinates"]
    assert 30 < lon < 31 and 50 < lat < 51


def test_acled_export_uses_acled_columns(client, all_events):
    text = client.get("/api/export", params={"format": "acled"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == exports.ACLED_COLUMNS
    assert len(rows) == len(all_events)
    sumy = next(r for r in rows if r["location"] == "Sumy")
    assert sumy["event_type"] == "Explosions/Remote violence"
    assert sumy["sub_event_type"] == "Shelling/artillery/missile attack"
    assert sumy["country"] == "Ukraine" and sumy["iso"] == "804" and sumy["time_precision"] == "1"
    assert sumy["actor1"] == "Military Forces of Russia (2000-)"
    assert int(sumy["fatalities"]) == next(e for e in all_events if e["location"] == "Sumy")["killed"]["min"]


def test_export_rejects_unknown_formats(client):
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def _event(**fields) -> Event:
    base = dict(id="ev_abc123", date="2024-05-14", date_precision="day", country="UA",
                admin1="Kharkiv Oblast", location="Kharkiv", lat=49.98, lon=36.25,
                geo_precision=1, attacker="RU", sources=["a1"])
    base.update(fields)
    return Event(**base)


def _killed_by(phrase: str, count: Count) -> Event:
    span = Span("a1", 0, 10, 0, 10, f"... {phrase} ...", f"casualty:test \u201c{phrase}\u201d")
    return _event(killed=count, evidence={"killed": [span]})


@pytest.mark.parametrize("phrase,count,expected", [
    ("dozens of people were killed", Count(24, None), 12),
    ("hundreds were killed", Count(200, None), 100),
    ("at least 14 people were killed", Count(14, None), 14),
    ("between 10 and 15 were killed", Count(10, 15), 10),
    ("14 people were killed", Count(14, 14), 14),
    ("up to 30 people may have died", Count(None, 30), 0),
    # a precise figure that happens to sit beside a vague word is not rewritten
    ("killing 24, as dozens were wounded", Count(25, None), 25),
])
def test_acled_fatalities_follow_acled_conventions(phrase, count, expected):
    assert exports.acled_fatalities(_killed_by(phrase, count)) == expected


def test_acled_fatalities_are_zero_when_none_reported():
    assert exports.acled_fatalities(_event()) == 0


@pytest.mark.parametrize("types,sub_event", [
    (["missile"], "Shelling/artillery/missile attack"),
    (["drone"], "Air/drone strike"),
    (["guided_bomb"], "Air/drone strike"),
    (["artillery"], "Shelling/artillery/missile attack"),
    (["drone", "missile"], "Shelling/artillery/missile attack"),
    (["explosion_unknown"], "Remote explosive/landmine/IED"),
    ([], "Remote explosive/landmine/IED"),
])
def test_acled_sub_event_types(types, sub_event):
    assert exports.acled_row(_event(attack_types=types))["sub_event_type"] == sub_event


def test_acled_actors_and_interaction():
    on_city = exports.acled_row(_event(targets=["residential"]), timestamp=1)
    assert (on_city["inter1"], on_city["inter2"], on_city["interaction"]) == (8, 7, 78)
    assert on_city["actor2"] == "Civilians (Ukraine)"
    assert on_city["civilian_targeting"] == "Civilian targeting"
    on_russia = exports.acled_row(_event(country="RU", attacker="UA", targets=["military"]))
    assert on_russia["actor1"] == "Military Forces of Ukraine (2019-)"
    assert on_russia["actor2"] == "Military Forces of Russia (2000-)"
    assert on_russia["interaction"] == 18 and on_russia["iso"] == 643
    region_only = exports.acled_row(_event(location=None, geo_precision=3, date_precision="month"))
    assert region_only["location"] == "Kharkiv Oblast"
    assert region_only["geo_precision"] == 3 and region_only["time_precision"] == 3


def test_acled_source_lists_outlets_and_notes_say_what_happened():
    event = _event(attack_types=["drone"], weapons=["Shahed-136"], injured=Count(3, 3),
                   reports=[Report("a1", "2024-05-14", "Example Wire", None, Count(3, 3)),
                            Report("a2", "2024-05-15", "Other Daily", None, Count(3, 3))])
    row = exports.acled_row(event)
    assert row["source"] == "Example Wire; Other Daily"
    assert "Shahed-136" in row["notes"] and "3 injured" in row["notes"]


def test_csv_cells_cannot_become_spreadsheet_formulas():
    text = "".join(exports.write_csv([_event(location="=HYPERLINK(\"http://x\")")]))
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["location"].startswith("'=")
    assert row["lat"] == "49.98"


def test_cli_export_offers_the_same_formats(sample_db, client, tmp_path):
    from typer.testing import CliRunner

    from strikewatch.cli import app

    runner = CliRunner()
    for fmt in exports.FORMATS:
        out = tmp_path / f"events.{fmt}"
        result = runner.invoke(app, ["export", "--format", fmt, "--db", str(sample_db),
                                     "-o", str(out)])
        assert result.exit_code == 0, result.output
        api_text = client.get("/api/export", params={"format": fmt}).text
        cli_text = out.read_bytes().decode("utf-8")
        if fmt == "acled":   # the timestamp column is the time of the export
            strip = lambda t: [r[:-1] for r in csv.reader(io.StringIO(t))]  # noqa: E731
            assert strip(cli_text) == strip(api_text)
        else:
            assert cli_text == api_text


# --- writing ----------------------------------------------------------------------------------

ARTICLE = {
    "id": "test-post-odesa", "published": "2024-08-20", "outlet": "Harbour Times",
    "url": "https://example.com/odesa-port",
    "text": ("Russian drones struck the port of Odesa overnight, injuring two dock workers, "
             "the head of the regional military administration said on Tuesday. A warehouse "
             "holding grain caught fire and was put out by morning."),
}


@pytest.fixture()
def writable(tmp_path) -> TestClient:
    db = fill_database(tmp_path / "write.db")
    app = create_app(str(db), write_token=WRITE_TOKEN, max_body_bytes=20_000)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}


def test_post_stores_an_article_and_returns_its_events(writable):
    response = writable.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["stored"] == 1 and result["errors"] == 0
    item = result["results"][0]
    assert item["outcome"] == "stored" and item["id"] == "test-post-odesa" and item["event_ids"]
    event = writable.get(f"/api/events/{item['event_ids'][0]}").json()
    assert event["location"] == "Odesa" and "test-post-odesa" in event["sources"]
    # the same article again changes nothing
    again = writable.post("/api/articles", json=[ARTICLE], headers=AUTH).json()
    assert again["results"][0]["outcome"] == "skipped"
    assert again["results"][0]["event_ids"] == item["event_ids"]


def test_post_reports_bad_items_and_stores_the_rest(writable):
    body = [{"id": "no-text-here"}, "not an object", dict(ARTICLE, id="second-good")]
    response = writable.post("/api/articles", json=body[:1] + body[2:], headers=AUTH)
    results = response.json()["results"]
    assert [r["outcome"] for r in results] == ["error", "stored"]
    assert "text" in results[0]["message"]
    assert writable.post("/api/articles", json=body, headers=AUTH).status_code == 400


def test_post_needs_the_token(writable, sample_db):
    assert writable.post("/api/articles", json=ARTICLE).status_code == 401
    wrong = writable.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    with TestClient(create_app(str(sample_db))) as read_only:
        response = read_only.post("/api/articles", json=ARTICLE, headers=AUTH)
        assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert writable.get("/api/articles/test-post-odesa").status_code == 404


def test_post_limits_size_and_checks_the_body(writable):
    big = dict(ARTICLE, text="Drones hit Odesa. " * 2000)
    assert writable.post("/api/articles", json=big, headers=AUTH).status_code == 413
    bad = writable.post("/api/articles", content=b"{not json",
                        headers={**AUTH, "Content-Type": "application/json"})
    assert bad.status_code == 400
    form = writable.post("/api/articles", content=b"id=1",
                         headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 415
    assert writable.post("/api/articles", json=[], headers=AUTH).status_code == 400


# --- security -----------------------------------------------------------------------------------

def test_security_headers_on_pages_and_api(client):
    for url in ("/", "/event/ev_x", "/api/events?limit=1", "/static/dashboard.js", "/api/nope"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "object-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_no_cors_unless_asked(client, sample_db):
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/events", headers=origin).headers
    with TestClient(create_app(str(sample_db), cors_origins=["https://ok.example"])) as c:
        ok = c.get("/api/events", headers={"Origin": "https://ok.example"})
        assert ok.headers["access-control-allow-origin"] == "https://ok.example"
        other = c.get("/api/events", headers=origin)
        assert "access-control-allow-origin" not in other.headers


def test_server_errors_are_json_without_traceback(sample_db):
    app = create_app(str(sample_db))

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internals at /home/user/db.py line 42")

    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/api/boom")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error"}
    assert "Traceback" not in response.text and "secret" not in response.text


def test_pages_have_no_inline_scripts_and_load_nothing_from_outside():
    static = ROOT / "src" / "strikewatch" / "web" / "static"
    import re
    for page in ("index.html", "event.html"):
        html = (static / page).read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        assert scripts and all('src="/static/' in attrs and not body.strip()
                               for attrs, body in scripts)
        assert not re.search(r"\son[a-z]+\s*=", html)
        assert not re.search(r"(src|href)=\"(https?:)?//", html)
    for script in ("common.js", "dashboard.js", "event.js"):
        code = (static / script).read_text(encoding="utf-8")
        assert not re.search(r"\.innerHTML\b|insertAdjacentHTML|outerHTML|document\.write", code)
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", code)


def test_region_outlines_draw_crimea_inside_ukraine():
    data = json.loads((ROOT / "src/strikewatch/web/static/map/regions.geojson").read_text())
    ukraine = {f["properties"]["name"]: f for f in data["features"]
               if f["properties"]["country"] == "UA"}
    assert len(ukraine) == 27
    crimea = ukraine["Autonomous Republic of Crimea"]
    assert _contains(crimea["geometry"], 34.10, 44.95)         # Simferopol
    assert _contains(ukraine["Sevastopol"]["geometry"], 33.52, 44.60)
    assert _contains(ukraine["Odesa Oblast"]["geometry"], 30.72, 46.48)
    assert not _contains(crimea["geometry"], 30.72, 46.48)


def _contains(geometry, x, y) -> bool:
    inside = False
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


def test_parse_bbox():
    assert parse_bbox("22.1,44.3,40.3,52.4") == (22.1, 44.3, 40.3, 52.4)
    assert parse_bbox(None) is None and parse_bbox("  ") is None


# --- the live server ------------------------------------------------------------------------------

def test_live_server_answers_concurrent_requests(api_server):
    import httpx

    errors: list[str] = []

    def hit(i: int) -> None:
        try:
            with httpx.Client(base_url=api_server, timeout=30) as http:
                for url in ("/api/events?limit=5", "/api/stats", f"/api/events?offset={i}",
                            "/api/export?format=geojson"):
                    response = http.get(url)
                    if response.status_code != 200:
                        errors.append(f"{url}: {response.status_code}")
        except Exception as exc:  # collected, asserted below
            errors.append(repr(exc))

    threads = [threading.Thread(target=hit, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_openapi_schema_finds_no_server_error(api_server):
    """schemathesis generates requests from the served OpenAPI schema (bounded: 25 examples
    per operation) and checks that none gets a 5xx and every response matches the schema."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import (
        content_type_conformance, not_a_server_error, response_schema_conformance,
        status_code_conformance,
    )

    schema = schemathesis.openapi.from_url(f"{api_server}/api/openapi.json")
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/events", "/api/events/{event_id}",
                                              "/api/articles/{article_id}", "/api/articles",
                                              "/api/waves", "/api/stats", "/api/export"}
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(checks=checks, timeout=30)

        check()


def test_the_api_works_the_same_over_postgresql(postgres_url, client):
    """The server option: the same endpoints over a PostgreSQL database give the same
    answers as over SQLite (the filters are SQL in the store, run by both engines)."""
    import uuid

    psycopg = pytest.importorskip("psycopg")
    from urllib.parse import urlsplit, urlunsplit

    from conftest import SAMPLE_INPUTS
    from strikewatch import pipeline
    from strikewatch.store import open_store

    name = "sw_api_" + uuid.uuid4().hex[:10]
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = urlunsplit(urlsplit(postgres_url)._replace(path=f"/{name}"))
    try:
        with open_store(url) as store:
            assert pipeline.ingest([str(p) for p in SAMPLE_INPUTS], store).stored >= 9
        with TestClient(create_app(url), raise_server_exceptions=False) as pg:
            for path, params in (("/api/events", {"limit": 1000, "sort": "-killed"}),
                                 ("/api/events", {"attack_type": "drone", "q": "kyiv"}),
                                 ("/api/events", {"bbox": "30,50,32,52", "min_killed": 0}),
                                 ("/api/stats", {"country": "UA"}), ("/api/waves", {})):
                mine, theirs = pg.get(path, params=params), client.get(path, params=params)
                assert mine.status_code == theirs.status_code == 200
                strip = lambda d: json.loads(json.dumps(d).replace(name, ""))  # noqa: E731
                if path == "/api/events":
                    assert [e["id"] for e in mine.json()["events"]] == \
                        [e["id"] for e in theirs.json()["events"]]
                else:
                    assert strip(mine.json()) == strip(theirs.json())
            assert pg.get("/api/articles/xss-chernihiv").json()["text"] == \
                client.get("/api/articles/xss-chernihiv").json()["text"]
            assert pg.get("/api/events", params={"q": "a\x00b"}).status_code == 422
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
