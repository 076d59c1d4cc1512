"""Whole-article regression tests of extraction (CODEBOOK sections 1-6 and 9).

Two sets of articles, both written for the project (invented events at real places):

- ``samples/articles/`` with ``samples/gold.jsonl``: the README's sample articles;
- ``tests/fixtures/extract/articles.jsonl`` with ``gold.jsonl`` there: four short articles in
  other styles (a Russian state-outlet report with "Kiev"/"Lugansk"/"Energodar" and ministry
  claims, a round-up of several regions with wave figures, an aid/politics story that holds no
  event, a wire story with a dateline, a caption and a double tap). See the README there.

The scores are held at floors a little below what extraction reaches today, so that a change to
the rules that costs events or fields fails here; specific events are then checked field by
field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from strikewatch import evaluate, pipeline
from strikewatch.model import Count, Event, IngestError

pytestmark = pytest.mark.usefixtures("gazetteer")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "articles"
SAMPLE_GOLD = ROOT / "samples" / "gold.jsonl"
FIXTURES = ROOT / "tests" / "fixtures" / "extract"


def _extract_all(path: Path) -> dict[str, tuple]:
    out = {}
    for item in pipeline.read([str(path)]):
        assert not isinstance(item, IngestError), item
        document, extraction = pipeline.extract_article(item)
        out[item.id] = (item, document, extraction)
    return out


@pytest.fixture(scope="module")
def samples() -> dict[str, tuple]:
    return _extract_all(SAMPLES)


@pytest.fixture(scope="module")
def fixtures() -> dict[str, tuple]:
    return _extract_all(FIXTURES / "articles.jsonl")


def _score(extracted: dict[str, tuple], gold_path: Path) -> dict:
    gold = evaluate.load_jsonl(str(gold_path))
    assert set(gold) == set(extracted)
    predictions = {k: x.to_dict(doc) for k, (_, doc, x) in extracted.items()}
    return evaluate.evaluate(predictions, gold).to_dict()


def count(c: Count | None) -> tuple[int | None, int | None] | None:
    return None if c is None else (c.min, c.max)


def events_of(extracted: dict[str, tuple], article_id: str) -> list[Event]:
    return extracted[article_id][2].events


def event_at(extracted, article_id: str, place: str, date: str | None = None) -> Event:
    """The one event of the article at ``place`` (a location, or an admin1 for a region-level
    event), on ``date`` if given."""
    found = [e for e in events_of(extracted, article_id)
             if (e.location == place or (e.location is None and e.admin1 == place))
             and (date is None or e.date == date)]
    assert len(found) == 1, [(e.location, e.admin1, e.date) for e in
                             events_of(extracted, article_id)]
    return found[0]


def places(extracted, article_id: str) -> set[str]:
    return {e.location or e.admin1 for e in events_of(extracted, article_id)}


# --- CODEBOOK section 9 scores, held at floors ----------------------------------------------

# Measured 2026-11-26 (strikewatch eval, see docs/testing-extraction.md) and set a little
# lower: samples F1 0.979 (P 1.0, R 0.958, tp 23), date 1.0, admin1 1.0, attacker 1.0,
# killed.min 1.0, injured.min 1.0, injured.max 0.957, double_tap 1.0, attack_types 0.983,
# weapons 1.0, targets 0.830; fixtures F1 1.0 (tp 10), every field 1.0, attack_types 1.0,
# weapons 1.0, targets 0.875, waves 1.0 except intercepted.drone 0.5.
SAMPLE_FLOORS = {
    "f1": 0.93, "precision": 0.93, "recall": 0.92,
    "fields": {"date": 0.95, "admin1": 0.95, "attacker": 0.95, "killed.min": 0.90,
               "injured.min": 0.95, "injured.max": 0.90, "double_tap": 0.95},
    "sets": {"attack_types": 0.93, "weapons": 0.95, "targets": 0.75},
}
FIXTURE_FLOORS = {
    "f1": 0.95, "precision": 0.95, "recall": 0.95,
    "fields": {"date": 0.95, "admin1": 0.95, "attacker": 0.95, "killed.min": 0.95,
               "injured.min": 0.95, "double_tap": 0.95},
    "sets": {"attack_types": 0.95, "targets": 0.80, "weapons": 0.95},
    "waves": {"launched.drone": 1.0, "launched.missile": 1.0, "intercepted.missile": 1.0},
}


def _check_floors(scores: dict, floors: dict) -> None:
    ev = scores["events"]
    assert ev["f1"] >= floors["f1"], ev
    assert ev["precision"] >= floors["precision"], ev
    assert ev["recall"] >= floors["recall"], ev
    for name, floor in floors["fields"].items():
        assert scores["fields"][name]["share"] >= floor, (name, scores["fields"][name])
    for name, floor in floors["sets"].items():
        assert scores["sets"][name]["f1"] >= floor, (name, scores["sets"][name])
    for name, floor in floors.get("waves", {}).items():
        assert scores["waves"][name]["share"] >= floor, (name, scores["waves"][name])


def test_sample_scores_stay_at_or_above_their_floors(samples):
    scores = _score(samples, SAMPLE_GOLD)
    assert scores["events"]["tp"] >= 20
    _check_floors(scores, SAMPLE_FLOORS)


def test_fixture_scores_stay_at_or_above_their_floors(fixtures):
    scores = _score(fixtures, FIXTURES / "gold.jsonl")
    assert scores["events"]["tp"] >= 9
    _check_floors(scores, FIXTURE_FLOORS)
    assert scores["articles_with_empty_gold_and_events"] == []


def test_the_floors_would_catch_a_lost_event(samples):
    # the scorer, fed the same predictions with one event per article dropped, falls below
    gold = evaluate.load_jsonl(str(SAMPLE_GOLD))
    predictions = {k: x.to_dict(doc) for k, (_, doc, x) in samples.items()}
    for p in predictions.values():
        p["events"] = p["events"][1:]
    scores = evaluate.evaluate(predictions, gold).to_dict()
    assert scores["events"]["recall"] < SAMPLE_FLOORS["recall"]


# --- samples: specific events, field by field ----------------------------------------------

def test_sumy_double_tap(samples):
    assert places(samples, "star_sumy_double_tap") == {"Sumy"}   # not READ MORE, not Robotyne
    event = event_at(samples, "star_sumy_double_tap", "Sumy")
    assert (event.date, event.date_precision) == ("2023-09-16", "day")
    assert (event.country, event.admin1, event.geo_precision) == ("UA", "Sumy Oblast", 1)
    assert event.attack_types == ["missile"] and event.weapons == ["Iskander-M"]
    assert (event.attacker, event.attribution) == ("RU", "claimed")
    assert count(event.killed) == (9, None)
    assert count(event.injured) == (31, None)          # "More than 30 feriti": foreign word
    assert event.double_tap is True
    assert "double-tap" in event.evidence["double_tap"][0].text
    assert "emergency_services" in event.targets


def test_energy_wave_city_events_and_the_wave(samples):
    extracted = events_of(samples, "courier_energy_wave")
    assert places(samples, "courier_energy_wave") == {"Zaporizhzhia", "Kyiv", "Lviv",
                                                      "Rivne Oblast"}   # not Vinnytsia, Kharkiv
    assert {e.date for e in extracted} == {"2025-02-06"}
    zap = event_at(samples, "courier_energy_wave", "Zaporizhzhia")
    assert (count(zap.killed), count(zap.injured), zap.children_killed) == ((4, None), (17, None),
                                                                          1)
    assert zap.attack_types == ["missile"] and "residential" in zap.targets
    kyiv = event_at(samples, "courier_energy_wave", "Kyiv")          # "In the capital, debris"
    assert (kyiv.admin1, count(kyiv.injured), kyiv.attack_types) == ("Kyiv", (3, 3), ["missile"])
    rivne = event_at(samples, "courier_energy_wave", "Rivne Oblast")
    assert (rivne.location, rivne.geo_precision, rivne.attack_types) == (None, 3, ["drone"])
    lviv = event_at(samples, "courier_energy_wave", "Lviv")
    assert "energy" in lviv.targets and lviv.attack_types == []
    # figures for the whole wave never go into a city event (CODEBOOK section 6)
    assert all(e.launched is None and e.intercepted is None for e in extracted)
    [wave] = samples["courier_energy_wave"][2].waves
    assert (wave.date, wave.attacker, wave.target_country) == ("2025-02-06", "RU", "UA")


def test_state_outlet_spellings_and_ministry_claims(samples):
    donetsk = event_at(samples, "eurasia-donetsk-shelling", "Donetsk")
    assert (donetsk.date, donetsk.attacker, donetsk.attacker_name) == ("2023-11-21", "UA",
                                                                       "Ukrainian forces")
    assert (count(donetsk.killed), count(donetsk.injured)) == ((3, 3), (11, 11))
    assert donetsk.attack_types == ["artillery"]
    horlivka = event_at(samples, "eurasia-donetsk-shelling", "Horlivka")   # "Gorlovka"
    assert (horlivka.date, horlivka.attacker, count(horlivka.injured)) == ("2023-11-22", "UA",
                                                                           (2, 2))
    mykolaiv = event_at(samples, "eurasia-donetsk-shelling", "Mykolaiv Oblast")  # "Nikolayev Region"
    assert (mykolaiv.location, mykolaiv.geo_precision) == (None, 3)
    assert (mykolaiv.attacker, mykolaiv.attribution) == ("RU", "claimed")
    assert "Kharkiv" in places(samples, "eurasia-donetsk-shelling")          # "near Kharkov"
    assert not places(samples, "eurasia-donetsk-shelling") & {"Belgorod Oblast", "Kursk Oblast",
                                                               "Avdiivka"}


def test_round_up_of_the_day_skips_the_accident_the_interceptions_and_the_aggregate(samples):
    assert places(samples, "sentinel-day-840") <= {"Kherson", "Nikopol", "Zaporizhzhia Oblast"}
    kherson = event_at(samples, "sentinel-day-840", "Kherson")
    assert (kherson.date, kherson.attack_types, count(kherson.injured)) == (
        "2024-06-11", ["artillery"], (2, 2))
    assert kherson.sublocation == "Dniprovskyi district"
    nikopol = event_at(samples, "sentinel-day-840", "Nikopol")
    assert (nikopol.date, nikopol.attack_types, count(nikopol.injured)) == (
        "2024-06-12", ["drone"], (3, 3))


def test_market_and_city_shelled_the_same_day_are_two_events(samples):
    assert places(samples, "northline-oleshky-market") == {"Oleshky", "Kherson"}   # not KYIV
    oleshky = event_at(samples, "northline-oleshky-market", "Oleshky")
    assert (oleshky.date, count(oleshky.killed)) == ("2023-04-26", (6, None))
    assert oleshky.attack_types == ["artillery"] and "commercial" in oleshky.targets
    kherson = event_at(samples, "northline-oleshky-market", "Kherson")
    assert (kherson.date, kherson.attacker, count(kherson.killed)) == ("2023-04-26", "RU", (1, 1))
    assert "education" in kherson.targets


def test_spun_copy_still_gives_the_glide_bomb_and_the_past_strike(samples):
    bomb = event_at(samples, "spun_kharkiv_glide_bomb", "Kharkiv", "2024-10-08")
    assert bomb.weapons == ["KAB"] and "guided_bomb" in bomb.attack_types
    assert (count(bomb.killed), count(bomb.injured)) == ((3, 3), (20, 20))   # "about 20"
    past = event_at(samples, "spun_kharkiv_glide_bomb", "Kharkiv", "2024-09-29")
    assert (past.attack_types, count(past.killed)) == (["drone"], (1, 1))
    [bryansk] = [e for e in events_of(samples, "spun_kharkiv_glide_bomb")
                 if e.admin1 == "Bryansk Oblast"]               # "Russia's Bryansk area"
    assert (bryansk.country, bryansk.date, bryansk.attacker) == ("RU", "2024-10-07", "UA")


def test_wire_copy_in_one_paragraph(samples):
    belgorod = event_at(samples, "wire_belgorod_drones", "Belgorod", "2024-07-21")
    assert (belgorod.country, belgorod.attacker, belgorod.attack_types) == ("RU", "UA", ["drone"])
    assert (count(belgorod.killed), count(belgorod.injured)) == ((0, 0), (5, 5))


def test_a_toll_header_date_and_past_strikes(samples):
    # the " date 2025-03-08" header is the publication day; the strike was on Thursday
    dnipro = event_at(samples, "ledger-dnipro-toll", "Dnipro", "2025-03-06")
    assert dnipro.weapons == ["Iskander-M"] and dnipro.attack_types == ["missile"]
    past = event_at(samples, "ledger-dnipro-toll", "Dnipro", "2025-01-14")
    assert past.attack_types == ["missile"]
    pavlohrad = event_at(samples, "ledger-dnipro-toll", "Pavlohrad", "2025-02-03")
    assert pavlohrad.attack_types == ["drone"]


# --- the project's own fixture articles --------------------------------------------------------

def test_aid_and_politics_article_has_no_event_and_no_wave(fixtures):
    _, document, extraction = fixtures["ledger-eu-grid-aid"]
    assert extraction.events == []
    assert extraction.waves == []
    # the article is not empty of place names and attack words: it names six Ukrainian cities
    for name in ("Kharkiv", "Dnipro", "Lviv", "Chernihiv", "Sumy"):
        assert name in document.text
    assert "strikes" in document.text and "threatened to strike" in document.text


def test_state_outlet_style_report(fixtures):
    aid = "dispatch-lugansk-shelling"
    assert places(fixtures, aid) == {"Luhansk", "Enerhodar", "Kryvyi Rih"}
    luhansk = event_at(fixtures, aid, "Luhansk")
    assert (luhansk.country, luhansk.admin1) == ("UA", "Luhansk Oblast")
    assert (luhansk.date, luhansk.date_precision) == ("2024-02-13", "day")
    assert (luhansk.attacker, luhansk.attacker_name, luhansk.attribution) == (
        "UA", "Ukrainian forces", "stated")
    assert (count(luhansk.killed), count(luhansk.injured)) == ((2, 2), (7, 7))
    assert luhansk.attack_types == ["artillery"]
    enerhodar = event_at(fixtures, aid, "Enerhodar")
    assert (enerhodar.admin1, enerhodar.date, enerhodar.attacker) == ("Zaporizhzhia Oblast",
                                                                      "2024-02-14", "UA")
    assert (enerhodar.attack_types, count(enerhodar.injured)) == (["drone"], (4, 4))
    assert "transport" in enerhodar.targets
    depot = event_at(fixtures, aid, "Kryvyi Rih")
    assert (depot.geo_precision, depot.attribution) == (2, "claimed")
    assert (depot.date, depot.date_precision) == ("2024-02-14", "week")
    assert "energy" in depot.targets
    claims = fixtures[aid][2].claims
    assert any(c.side == "RU" and c.kind == "military" and "Defence Ministry" in c.speaker
               for c in claims)


def test_round_up_of_several_regions(fixtures):
    aid = "courier-day-930-roundup"
    assert places(fixtures, aid) == {"Zaporizhzhia", "Sumy Oblast", "Kharkiv", "Grayvoron"}
    zap = event_at(fixtures, aid, "Zaporizhzhia")
    assert (zap.date, zap.weapons, zap.attack_types) == ("2024-09-09", ["KAB"], ["guided_bomb"])
    assert count(zap.injured) == (9, 9) and "industrial" in zap.targets
    sumy = event_at(fixtures, aid, "Sumy Oblast")
    assert (sumy.location, sumy.geo_precision, sumy.date) == (None, 3, "2024-09-10")
    assert sumy.attack_types == ["artillery"] and "energy" in sumy.targets
    kharkiv = event_at(fixtures, aid, "Kharkiv")
    assert (kharkiv.sublocation, kharkiv.date) == ("Kyivskyi district", "2024-09-09")
    assert (count(kharkiv.killed), count(kharkiv.injured)) == ((1, 1), (2, 2))
    grayvoron = event_at(fixtures, aid, "Grayvoron")
    assert (grayvoron.country, grayvoron.admin1, grayvoron.geo_precision) == (
        "RU", "Belgorod Oblast", 2)
    assert (grayvoron.attacker, count(grayvoron.killed)) == ("UA", (1, 1))
    [wave] = fixtures[aid][2].waves
    assert (wave.date, wave.attacker, wave.target_country) == ("2024-09-10", "RU", "UA")
    assert wave.launched == {"drone": 38, "missile": 4}
    assert wave.intercepted == {"drone": 31, "missile": 2}
    assert all(e.launched is None and e.intercepted is None for e in events_of(fixtures, aid))
    [aggregate] = fixtures[aid][2].aggregates
    assert count(aggregate.figure) == (1800, None) and aggregate.period == "in August"


def test_wire_story_with_a_dateline_a_caption_and_a_double_tap(fixtures):
    aid = "wirepoint-odesa-double-tap"
    _, document, extraction = fixtures[aid]
    assert places(fixtures, aid) == {"Odesa", "Kutsurub"}            # not Crimea (origin)
    assert "(Picture: Wirepoint)" not in document.text
    monday = event_at(fixtures, aid, "Odesa", "2024-11-18")
    assert monday.double_tap is True
    assert (count(monday.killed), monday.children_killed, count(monday.injured)) == (
        (8, None), 1, (27, 27))                  # the two rescuers are among the eight
    assert monday.attack_types == ["missile"] and monday.attacker == "RU"
    assert {"residential", "emergency_services"} <= set(monday.targets)
    assert monday.sublocation is None            # Prymorskyi is named only in the caption
    port = event_at(fixtures, aid, "Odesa", "2024-11-19")    # overnight debris on the port
    assert (count(port.killed), count(port.injured)) == ((0, 0), (0, 0))
    assert "port" in port.targets and port.attack_types == ["drone"]
    village = event_at(fixtures, aid, "Kutsurub")
    assert (village.admin1, village.geo_precision, count(village.injured)) == (
        "Mykolaiv Oblast", 2, (1, 1))
    assert extraction.waves == []
