"""The dashboard in headless Chromium (Playwright driving the Debian chromium binary), on the
real server over the sample articles and the XSS fixture: it loads, a filter moves map,
timeline and table together, an event page shows its evidence, and hostile text stays text.

Saves its screenshots under pytest's temporary directory; with
STRIKEWATCH_UPDATE_SCREENSHOTS=1 it refreshes docs/dashboard.png and docs/event.png instead
(a test run never changes the repository otherwise)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, WRITE_TOKEN

sync_api = pytest.importorskip("playwright.sync_api")

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: docs/ when asked to refresh them, else a temporary directory."""
    if os.environ.get("STRIKEWATCH_UPDATE_SCREENSHOTS") == "1":
        return DOCS
    return tmp_path_factory.mktemp("screenshots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]

# a second hostile article, posted through the API by the test: its payloads would set
# window.__xss if any of them ran (the fixture's own payloads call alert())
FLAG_ARTICLE = {
    "id": "xss-flags-sumy",
    "published": "2024-11-09",
    "outlet": "Flag Wire<img src=x onerror=\"window.__xss=1\">",
    "title": "Drone strike on Sumy <svg onload=\"window.__xss=2\">",
    "url": "javascript:window.__xss=3",
    "text": ("Russian drones hit a bus depot in Sumy on Saturday, injuring four people, the "
             "regional governor said. <img src=x onerror=\"window.__xss=4\">\n\n"
             "Firefighters put out the blaze within an hour.\"><script>window.__xss=5</script> "
             "<iframe src=\"javascript:window.__xss=6\"></iframe>"),
}


@pytest.fixture(scope="module")
def browser_context(chromium_path, api_server, tmp_path_factory):
    import httpx

    response = httpx.post(f"{api_server}/api/articles", json=FLAG_ARTICLE, timeout=60,
                          headers={"Authorization": f"Bearer {WRITE_TOKEN}"})
    assert response.status_code == 200 and response.json()["stored"] == 1, response.text
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=chromium_path,
            headless=True, args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        outside: list[str] = []

        def only_local(route):
            if route.request.url.startswith(api_server):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        # a payload that ran would call alert (the fixture) or set window.__xss (ours)
        context.add_init_script("window.__alerts = 0; window.alert = () => { window.__alerts += 1; };")
        yield context, api_server, outside
        context.close()


@pytest.fixture()
def page(browser_context):
    context, base, outside = browser_context
    page = context.new_page()
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}")
            if m.type == "error" and "favicon" not in m.text else None)
    page.base = base
    yield page
    page.close()
    assert outside == [], f"the page tried to reach outside: {outside}"
    assert problems == []


def open_dashboard(page, query: str = "") -> None:
    page.goto(f"{page.base}/{query}")
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    wait_loaded(page)


def wait_until(page, predicate: str, timeout: float = 20.0) -> None:
    """Poll a JavaScript function until it returns true. (Playwright's wait_for_function
    evaluates strings with eval, which the page's CSP rightly forbids.)"""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {predicate}")
        time.sleep(0.05)


def wait_loaded(page) -> None:
    page.wait_for_selector("body[data-loading='0']", timeout=20_000)


def counts(page) -> dict[str, int]:
    return page.evaluate("""() => ({
        table: Number(document.querySelector('#events-table').dataset.total),
        rows: document.querySelectorAll('#events-table tbody tr[data-id]').length,
        markers: Number(document.querySelector('#map').dataset.markers),
        unlocated: Number(document.querySelector('#map').dataset.unlocated),
        drawn: document.querySelectorAll('#map path.sw-marker').length,
        timeline: Number(document.querySelector('#timeline').dataset.events),
        bars: document.querySelectorAll('#timeline g.day').length,
        regions: document.querySelectorAll('#map path.leaflet-interactive:not(.sw-marker)').length,
    })""")


def api(page, path: str) -> dict:
    return json.loads(page.request.get(f"{page.base}{path}").text())


def test_dashboard_loads_with_markers_rows_and_timeline(page, shots):
    open_dashboard(page)
    wait_until(page, "() => document.querySelectorAll('#map path.leaflet-interactive').length > 40")
    c = counts(page)
    total = api(page, "/api/events?limit=1")["total"]
    assert c["table"] == total >= 20
    assert c["rows"] == min(total, 50)
    assert c["markers"] + c["unlocated"] == total and c["drawn"] == c["markers"] > 0
    assert c["timeline"] == total and c["bars"] > 0
    assert c["regions"] >= 27                     # the oblast outlines are drawn
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)


def test_a_filter_moves_map_timeline_and_table_together(page):
    open_dashboard(page)
    before = counts(page)
    page.select_option("select[name='attack_type']", "drone")
    wait_until(page, "() => Number(document.querySelector('#events-table').dataset.total)"
                     f" !== {before['table']}")
    wait_loaded(page)
    after = counts(page)
    expected = api(page, "/api/events?attack_type=drone&limit=1")["total"]
    assert 0 < after["table"] == expected < before["table"]
    assert after["markers"] + after["unlocated"] == expected == after["timeline"]
    assert after["drawn"] == after["markers"]
    assert "attack_type=drone" in page.url
    types = page.locator("#events-table tbody tr td:nth-child(4)").all_inner_texts()
    assert types and all("drone" in t for t in types)
    # a second filter narrows further, and the views still agree
    page.fill("input[name='q']", "Belgorod")
    page.click("#apply")
    wait_until(page, "() => Number(document.querySelector('#events-table').dataset.total)"
                     f" !== {expected}")
    wait_loaded(page)
    narrowed = counts(page)
    assert 0 < narrowed["table"] < expected
    assert narrowed["markers"] + narrowed["unlocated"] == narrowed["table"] == narrowed["timeline"]
    # the downloads follow the filters
    href = page.get_attribute("#dl-acled", "href")
    assert "attack_type=drone" in href and "q=Belgorod" in href and "format=acled" in href


def test_event_page_shows_the_source_with_evidence_highlighted(page, shots):
    kyiv = next(e for e in api(page, "/api/events?limit=1000&q=Kyiv")["events"]
                if e["location"] == "Kyiv" and "courier_energy_wave" in e["sources"])
    open_dashboard(page, "?q=Kyiv")
    page.click(f"#events-table tr[data-id='{kyiv['id']}'] a")
    page.wait_for_url(re.compile(r"/event/"))
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    event = api(page, f"/api/events/{kyiv['id']}")
    title = page.text_content("#event-title")
    assert title.startswith(f"{kyiv['sublocation']}, Kyiv" if kyiv["sublocation"] else "Kyiv")
    marks = page.locator("#articles mark.evidence")
    assert marks.count() > 0
    sentences = {s["text"] for spans in event["evidence"].values() for s in spans}
    assert all(any(m in s or s in m for s in sentences) for m in marks.all_inner_texts())
    assert "injured" in ",".join(marks.evaluate_all("ms => ms.map(m => m.dataset.fields)"))
    # the furniture that cleaning removed is shown, greyed out
    removed = page.locator("#articles .removed")
    assert removed.count() > 0
    assert any("Picture" in t or "JavaScript" in t for t in removed.all_inner_texts())
    colour = removed.first.evaluate("n => getComputedStyle(n).color")
    assert colour == "rgb(154, 163, 173)"
    # the figures by source and the evidence list
    assert page.locator("#reports tbody tr").count() == len(event["reports"])
    assert page.locator("#evidence li.evidence-item").count() > 0
    page.screenshot(path=str(shots / "event.png"), full_page=True)


def _assert_inert(page) -> None:
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("window.__alerts") == 0
    live = page.evaluate("""() => ({
        scripts: [...document.scripts].map(s => s.getAttribute('src')),
        handlers: [...document.querySelectorAll('*')].filter(n =>
            [...n.attributes].some(a => a.name.startsWith('on'))).length,
        badLinks: [...document.querySelectorAll('a[href], iframe')].filter(n =>
            /^\\s*javascript:/i.test(n.getAttribute('href') || n.getAttribute('src') || '')).length,
        payloadNodes: document.querySelectorAll('img[src="x"], iframe, #articles svg, #events-table svg').length,
    })""")
    assert all(src and src.startswith("/static/") for src in live["scripts"]), live["scripts"]
    assert live["handlers"] == 0 and live["badLinks"] == 0 and live["payloadNodes"] == 0


def test_hostile_article_text_stays_inert(page):
    for query in ("?q=Chernihiv", "?q=Sumy"):
        open_dashboard(page, query)
        assert counts(page)["table"] >= 1
        page.locator("#map path.sw-marker").first.click(force=True)   # opens its popup
        page.wait_for_selector(".leaflet-popup-content .open-event")
        _assert_inert(page)
    for article_id, payload in (("xss-chernihiv", "<script>alert(1)</script>"),
                                ("xss-flags-sumy", "<script>window.__xss=5</script>")):
        article = api(page, f"/api/articles/{article_id}")
        page.goto(f"{page.base}/event/{article['event_ids'][0]}")
        page.wait_for_selector("body[data-ready='1']", timeout=20_000)
        text = page.inner_text("#articles")
        assert payload in text                    # shown as text, not run and not dropped
        assert article["title"] in page.inner_text("#articles h3")
        # a javascript: url is printed, never linked
        assert page.locator("#articles a.url").count() == 0
        assert "(not a web address)" in text
        _assert_inert(page)
