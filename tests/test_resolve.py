"""One event, many reports: cross-article merging (issue 4), on project-written articles.

The fixtures in tests/fixtures/articles/ are invented reports (see their README): three
outlets on one strike with a rising toll and a denial, strikes on one city on consecutive
days, a strike on a city and one on a nearby village.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from strikewatch import pipeline, resolve
from strikewatch.ingest import read
from strikewatch.model import Count, Event, Report, Span
from strikewatch.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
MERGE_FILES = ["merge_rising_toll.jsonl", "consecutive_days.jsonl", "city_and_village.jsonl"]


def articles(*names: str) -> list:
    return [a for a in read([str(FIXTURES / n) for n in names]) if hasattr(a, "text")]


def ingest_articles(db_path: Path, items: list) -> None:
    store = open_store(db_path)
    stats = pipeline.RunStats()
    try:
        for item in pipeline.process(items, stats=stats):
            pipeline.record(store, item, stats)
    finally:
        store.close()
    assert stats.failed == 0, stats.errors


def export(db_path: Path) -> list[dict]:
    """Everything a user sees of the events, without the time of ingestion."""
    store = open_store(db_path)
    try:
        rows = []
        for e in store.events():
            d = e.to_dict()
            d["claims"] = sorted(json.dumps(c.to_dict(), sort_keys=True)
                                 for c in store.claims(e.id))
            rows.append(d)
        return sorted(rows, key=lambda d: d["id"])
    finally:
        store.close()


@pytest.fixture(scope="module")
def merged_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("merge") / "events.db"
    ingest_articles(db, articles(*MERGE_FILES))
    return db


def events_at(db: Path, location: str) -> list[Event]:
    store = open_store(db)
    try:
        return [e for e in store.events() if e.location == location]
    finally:
        store.close()


def test_three_outlets_one_strike_make_one_event_with_the_latest_toll(merged_db):
    found = events_at(merged_db, "Zhytomyr")
    assert len(found) == 1
    event = found[0]
    assert event.date == "2025-05-13" and event.date_precision == "day"
    assert event.sources == ["merge-zhytomyr-1", "merge-zhytomyr-2", "merge-zhytomyr-3"]
    # CODEBOOK section 4: the latest report's figure wins (published the next morning)
    assert event.killed == Count(12, 12)
    assert event.injured == Count(37, 37)
    # every report's figure is kept, in the order of publication
    history = [(r.article_id, r.published, r.killed.min if r.killed else None)
               for r in event.reports]
    assert history == [("merge-zhytomyr-1", "2025-05-13", 5),
                       ("merge-zhytomyr-2", "2025-05-13", 9),
                       ("merge-zhytomyr-3", "2025-05-14", 12)]
    # the Russian denial marks the event disputed without erasing the side the others state
    assert event.disputed is True
    assert event.attacker == "RU"
    assert "Iskander-M" in event.weapons and "missile" in event.attack_types
    # each source keeps its own evidence for its own figure
    killed_evidence = {r.article_id: r.evidence["killed"][0].text for r in event.reports
                       if "killed" in r.evidence}
    assert "12" in killed_evidence["merge-zhytomyr-3"]


def test_the_denial_is_kept_as_a_claim_beside_the_event(merged_db):
    store = open_store(merged_db)
    try:
        event = [e for e in store.events() if e.location == "Zhytomyr"][0]
        claims = store.claims(event.id)
    finally:
        store.close()
    denials = [c for c in claims if c.kind == "denial"]
    assert denials and denials[0].side == "RU"
    assert denials[0].article_id == "merge-zhytomyr-2"


def test_strikes_on_one_city_on_consecutive_days_stay_two_events(merged_db):
    found = sorted(events_at(merged_db, "Odesa"), key=lambda e: e.date)
    assert [e.date for e in found] == ["2024-08-20", "2024-08-21"]
    first, second = found
    # the second article recalls Tuesday's strike: it is a second source of the first event
    assert first.sources == ["odesa-night-1", "odesa-night-2"]
    assert first.injured == Count(2, 2) and first.killed is None
    assert second.sources == ["odesa-night-2"] and second.killed == Count(1, 1)


def test_a_city_and_a_nearby_village_on_one_day_stay_two_events(merged_db):
    city, village = events_at(merged_db, "Kharkiv"), events_at(merged_db, "Tsyrkuny")
    assert len(city) == 1 and len(village) == 1
    assert city[0].date == village[0].date == "2024-04-18"
    assert city[0].injured == Count(4, 4) and village[0].killed == Count(1, 1)
    assert city[0].sources == village[0].sources == ["kharkiv-tsyrkuny-1", "kharkiv-tsyrkuny-2"]


def test_ingestion_order_does_not_change_the_database(merged_db, tmp_path):
    items = articles(*MERGE_FILES)
    baseline = export(merged_db)
    for seed in (1, 2, 3):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        db = tmp_path / f"shuffled-{seed}.db"
        ingest_articles(db, shuffled)
        assert export(db) == baseline, f"order {[a.id for a in shuffled]} changed the events"


def test_one_article_at_a_time_equals_one_batch(merged_db, tmp_path):
    db = tmp_path / "incremental.db"
    for item in articles(*MERGE_FILES):
        ingest_articles(db, [item])
    assert export(db) == export(merged_db)


def test_a_new_report_updates_the_event_keeps_its_id_and_records_the_update(tmp_path):
    db = tmp_path / "updates.db"
    first, second, third = articles("merge_rising_toll.jsonl")
    ingest_articles(db, [first, second])
    store = open_store(db)
    try:
        before = [e for e in store.events() if e.location == "Zhytomyr"]
    finally:
        store.close()
    assert len(before) == 1 and before[0].killed == Count(9, 9)
    ingest_articles(db, [third])
    store = open_store(db)
    try:
        after = store.event(before[0].id)          # the old id still finds the event
        updates = store.event_updates(after.id)
    finally:
        store.close()
    assert after.killed == Count(12, 12) and len(after.sources) == 3
    last = updates[-1]
    assert last["article_id"] == "merge-zhytomyr-3"
    assert last["detail"]["killed"] == [{"min": 9, "max": 9}, {"min": 12, "max": 12}]


def test_reingesting_changes_nothing(merged_db):
    before = export(merged_db)
    ingest_articles(merged_db, articles(*MERGE_FILES))
    assert export(merged_db) == before


# --- the pure merge rules, on hand-made reports -------------------------------------------

def report(article: str, location: str | None, day: str, *, admin1: str = "Kharkiv Oblast",
           precision: str = "day", attacker: str = "RU", killed: int | None = None,
           published: str | None = None, date_rule: str = "date:explicit") -> Event:
    event = Event(date=day, date_precision=precision, country="UA", admin1=admin1,
                  location=location, attacker=attacker,
                  killed=Count(killed, killed) if killed is not None else None)
    event.evidence = {"date": [Span(article, 0, 1, 0, 1, "x", date_rule)]}
    return resolve.as_report(event, f"{article}#0", article, published or day, "Outlet")


def test_overnight_reports_a_day_apart_merge_but_calendar_dates_do_not():
    late = report("a", "Kharkiv", "2024-04-18", date_rule="date:relative:overnight")
    next_day = report("b", "Kharkiv", "2024-04-19")
    assert len(resolve.merge_reports([late, next_day])) == 1
    plain = report("c", "Kharkiv", "2024-04-18")
    assert len(resolve.merge_reports([plain, next_day])) == 2


def test_opposite_sides_on_one_place_and_day_stay_apart():
    ru = report("a", "Kharkiv", "2024-04-18", attacker="RU")
    ua = report("b", "Kharkiv", "2024-04-18", attacker="UA")
    assert len(resolve.merge_reports([ru, ua])) == 2


def test_a_region_report_joins_its_only_settlement_but_not_one_of_two():
    region = report("a", None, "2024-04-18")
    city = report("b", "Kharkiv", "2024-04-18", killed=2)
    assert len(resolve.merge_reports([region, city])) == 1
    village = report("c", "Tsyrkuny", "2024-04-18")
    assert len(resolve.merge_reports([region, city, village])) == 3


def test_a_region_report_joins_its_settlement_only_on_the_same_calendar_day():
    # "strikes on the Dnipropetrovsk region yesterday" (Monday) and "Dnipro was hit on
    # Tuesday": vague about the place, the region report gets no overnight shift as well
    region = report("a", None, "2024-04-18", admin1="Dnipropetrovsk Oblast",
                    date_rule="date:relative:phrase:yesterday", published="2024-04-19")
    city = report("b", "Dnipro", "2024-04-19", admin1="Dnipropetrovsk Oblast")
    assert len(resolve.merge_reports([region, city])) == 2
    same_day = report("c", "Dnipro", "2024-04-18", admin1="Dnipropetrovsk Oblast")
    assert len(resolve.merge_reports([region, same_day])) == 1


def test_tolls_latest_report_wins_and_same_day_highest_confirmed_wins():
    early = report("a", "Kharkiv", "2024-04-18", killed=3, published="2024-04-18")
    later = report("b", "Kharkiv", "2024-04-18", killed=7, published="2024-04-19")
    revised_down = report("c", "Kharkiv", "2024-04-18", killed=5, published="2024-04-20")
    (merged,) = resolve.merge_reports([early, later, revised_down])
    assert merged.killed == Count(5, 5)           # the latest report, even if lower
    same_day = [report("a", "Kharkiv", "2024-04-18", killed=3, published="2024-04-18"),
                report("b", "Kharkiv", "2024-04-18", killed=4, published="2024-04-18")]
    assert resolve.merge_reports(same_day)[0].killed == Count(4, 4)
    assert [r.killed.min for r in merged.reports] == [3, 7, 5]


def test_event_ids_do_not_depend_on_report_order():
    reports = [report(a, "Kharkiv", "2024-04-18", killed=k) for a, k in
               (("a", 1), ("b", 2), ("c", 3))]
    ids = {tuple(e.id for e in resolve.merge_reports(random.Random(s).sample(reports, 3)))
           for s in range(5)}
    assert len(ids) == 1


def test_merge_history_is_plain_reports():
    merged = resolve.merge_reports([report("a", "Kharkiv", "2024-04-18", killed=1)])[0]
    assert isinstance(merged.reports[0], Report)
    assert merged.report_ids == ["a#0"] and merged.sources == ["a"]


def _pairwise_groups(items, passes):
    """The grouping rule of ``resolve._group`` written as its definition: every pair in
    order. Kept here as the reference that the faster grouping must equal."""
    label = list(range(len(items)))
    articles = [set(r.sources) for r in items]
    days = [{resolve._day(r.date)} - {None} for r in items]
    by_place: dict = {}
    for i, r in enumerate(items):
        by_place.setdefault(resolve._place_key(r), []).append(i)
    for test in passes:
        for members in by_place.values():
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    di, dj = resolve._day(items[i].date), resolve._day(items[j].date)
                    if di and dj and (dj - di).days > resolve.OVERNIGHT_SHIFT_DAYS:
                        break
                    gi, gj = label[i], label[j]
                    if gi == gj or not test(items[i], items[j]) or \
                            not resolve.compatible_sides(items[i], items[j]):
                        continue
                    joined = days[gi] | days[gj]
                    if articles[gi] & articles[gj] or \
                            (joined and (max(joined) - min(joined)).days > 1):
                        continue
                    for m in range(len(label)):
                        if label[m] == gj:
                            label[m] = gi
                    articles[gi] |= articles[gj]
                    days[gi] = joined
    return sorted(sorted(r.id for r, g in zip(items, label) if g == root)
                  for root in set(label))


def test_grouping_equals_trying_every_pair():
    """Many alike reports (one strike, many outlets), some from one article, some a day
    apart with "overnight" wording, opposite and disputed sides, odd dates."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from strikewatch.model import ReportKey

    key = st.builds(
        lambda n, article, place, day, shifty, side, disputed: ReportKey(
            id=f"r{n}", sources=(f"a{article}",) if article is not None else (),
            date=day, date_precision="day", country="UA", admin1="Kharkiv Oblast",
            region="kharkiv oblast", location=place, attacker=side,
            attribution="disputed" if disputed else "stated", shifty=shifty),
        st.integers(0, 10**6), st.one_of(st.none(), st.integers(0, 6)),
        st.sampled_from(["Kharkiv", "Izium"]),
        st.sampled_from(["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-08", "2024-02-31"]),
        st.booleans(), st.sampled_from(["RU", "RU", "UA", "unknown"]), st.booleans())

    exact = lambda a, b: a.date == b.date            # noqa: E731

    @settings(max_examples=500, deadline=None)
    @given(st.lists(key, max_size=24, unique_by=lambda k: k.id))
    def check(keys):
        items = sorted(keys, key=resolve._sort_key)
        passes = [exact, resolve.same_day]
        got = sorted(sorted(r.id for r in g) for g in resolve._group(items, passes))
        assert got == _pairwise_groups(items, passes)

    check()


def test_without_an_attribution_from_the_named_side_the_most_reported_one_wins():
    # the Russian report says nothing of who claimed it; of the others, two say "stated"
    # (from reports naming different sides, or none) and one "claimed"
    named = report("a", "Kharkiv", "2024-04-18", attacker="RU")
    named.attribution = None
    others = []
    for article, side, attribution in (("b", "unknown", "stated"), ("c", "other", "stated"),
                                       ("d", "unknown", "claimed")):
        r = report(article, "Kharkiv", "2024-04-18", attacker=side)
        r.attribution = attribution
        others.append(r)
    (merged,) = resolve.merge_reports([named, *others])
    assert (merged.attacker, merged.attribution) == ("RU", "stated")
