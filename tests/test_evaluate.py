"""The CODEBOOK section 9 scorer (``strikewatch.evaluate``) on small hand-made gold and
prediction dicts, and ``strikewatch eval --json`` through the CLI on articles written here."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from strikewatch import evaluate
from strikewatch.cli import app
from strikewatch.evaluate import fold, match_events, matches, set_f1


def ev(location="Kharkiv", admin1="Kharkiv Oblast", country="UA", date="2024-05-14",
       precision="day", **fields) -> dict:
    return {"country": country, "admin1": admin1, "location": location, "date": date,
            "date_precision": precision, **fields}


def score(gold_events: list[dict], pred_events: list[dict], gold_waves=(), pred_waves=()):
    gold = {"a1": {"id": "a1", "events": gold_events, "waves": list(gold_waves)}}
    pred = {"a1": {"id": "a1", "events": pred_events, "waves": list(pred_waves)}}
    return evaluate.evaluate(pred, gold).to_dict()


# --- matching rules ---------------------------------------------------------------------------

@pytest.mark.parametrize("gold_location, pred_location", [
    ("Zaporizhzhia", "ZAPORIZHZHIA"),
    ("Dnipro", "Dnípro"),
    ("Bila Tserkva", " bila tserkva "),
])
def test_locations_match_with_case_and_accents_folded(gold_location, pred_location):
    assert matches(ev(location=gold_location), ev(location=pred_location))
    assert not matches(ev(location=gold_location), ev(location="Kyiv"))
    assert fold("Kýiv") == "kyiv"


def test_country_must_match():
    assert not matches(ev(), ev(country="RU"))


def test_with_a_null_gold_location_the_admin1_decides():
    gold = ev(location=None, admin1="Sumy Oblast")
    assert matches(gold, ev(location=None, admin1="Sumy Oblast"))
    assert matches(gold, ev(location="Shostka", admin1="sumy oblast"))   # a settlement in it
    assert not matches(gold, ev(location=None, admin1="Kharkiv Oblast"))


def test_with_a_gold_location_the_admin1_does_not_decide():
    assert matches(ev(location="Kharkiv", admin1="Kharkiv Oblast"),
                   ev(location="Kharkiv", admin1="Some Other Oblast"))


@pytest.mark.parametrize("precision, must_match", [
    ("day", True), ("week", False), ("month", False), ("unknown", False),
])
def test_the_date_must_match_only_when_gold_is_day_precise(precision, must_match):
    gold = ev(date="2024-05-14", precision=precision)
    assert matches(gold, ev(date="2024-05-14"))
    assert matches(gold, ev(date="2024-05-10")) is (not must_match)


def test_matching_is_one_to_one():
    gold = [ev()]
    pred = [ev(), ev()]
    assert match_events(gold, pred) in ([(0, 0)], [(0, 1)])
    s = score(gold, pred)["events"]
    assert (s["tp"], s["fp"], s["fn"]) == (1, 1, 0)
    s = score([ev(), ev()], [ev()])["events"]
    assert (s["tp"], s["fp"], s["fn"]) == (1, 0, 1)


def test_matching_finds_the_largest_set_of_pairs():
    # gold 0 (region-level) could take either prediction; gold 1 only the first: both match
    gold = [ev(location=None, admin1="Kharkiv Oblast"), ev(location="Kharkiv")]
    pred = [ev(location="Kharkiv"), ev(location="Chuhuiv")]
    assert match_events(gold, pred) == [(0, 1), (1, 0)]


def test_of_two_candidates_the_one_agreeing_on_more_fields_is_matched():
    gold = [ev(killed={"min": 3, "max": 3}, attacker="RU")]
    pred = [ev(killed={"min": 1, "max": 1}, attacker="UA"),
            ev(killed={"min": 3, "max": 3}, attacker="RU")]
    assert match_events(gold, pred) == [(0, 1)]
    fields = score(gold, pred)["fields"]
    assert fields["killed.min"]["share"] == fields["attacker"]["share"] == 1.0


# --- scores -----------------------------------------------------------------------------------

def test_precision_recall_and_f1_over_all_articles():
    gold = {"a": {"events": [ev(), ev(location="Sumy", admin1="Sumy Oblast")]},
            "b": {"events": [ev(location="Odesa", admin1="Odesa Oblast")]},
            "c": {"events": []}}
    pred = {"a": {"events": [ev()]},
            "b": {"events": [ev(location="Odesa", admin1="Odesa Oblast"), ev(location="Izmail")]},
            "c": {"events": [ev(location="Lviv")]}}
    s = evaluate.evaluate(pred, gold)
    assert (s.tp, s.fp, s.fn) == (2, 2, 1)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert s.empty_gold_with_events == ["c"]            # events where gold has none


def test_an_article_missing_from_the_predictions_counts_its_gold_as_missed():
    s = evaluate.evaluate({}, {"a": {"events": [ev(), ev(location="Sumy")]}})
    assert (s.tp, s.fp, s.fn) == (0, 0, 2)
    assert s.recall == 0.0 and s.f1 == 0.0


def test_nothing_to_find_and_nothing_found_is_not_a_division_by_zero():
    s = evaluate.evaluate({"a": {"events": []}}, {"a": {"events": []}})
    assert (s.precision, s.recall) == (1.0, 1.0)


def test_field_shares_are_scored_on_matched_pairs_for_fields_the_gold_gives():
    gold = [ev(attacker="RU", killed={"min": 14, "max": None}, injured=None, double_tap=True),
            ev(location="Sumy", admin1="Sumy Oblast", attacker="RU")]
    pred = [ev(attacker="RU", killed={"min": 14, "max": 14}, injured=None, double_tap=False),
            ev(location="Sumy", admin1="Sumy Oblast", attacker="UA",
               killed={"min": 1, "max": 1})]
    fields = score(gold, pred)["fields"]
    assert fields["attacker"] == {"right": 1, "scored": 2, "share": 0.5}
    assert fields["killed.min"] == {"right": 1, "scored": 1, "share": 1.0}   # Sumy: no gold
    assert fields["killed.max"] == {"right": 0, "scored": 1, "share": 0.0}   # None vs 14
    # a null gold count is present: its parts are null, and a null prediction is right
    assert fields["injured.min"] == {"right": 1, "scored": 1, "share": 1.0}
    assert fields["double_tap"] == {"right": 0, "scored": 1, "share": 0.0}
    assert fields["date"]["share"] == 1.0 and fields["admin1"]["share"] == 1.0


def test_an_unmatched_prediction_scores_no_fields():
    fields = score([ev(attacker="RU")], [ev(location="Sumy", attacker="UA")])["fields"]
    assert fields == {}


@pytest.mark.parametrize("gold, pred, expected", [
    (["missile"], ["missile"], 1.0),
    (["missile", "drone"], ["missile"], 2 / 3),
    (["missile"], ["missile", "drone"], 2 / 3),
    (["missile"], ["drone"], 0.0),
    (["missile"], [], 0.0),
    ([], [], 1.0),
])
def test_set_f1(gold, pred, expected):
    assert set_f1(gold, pred) == pytest.approx(expected)


def test_list_fields_are_scored_only_where_the_gold_list_is_not_empty():
    gold = [ev(attack_types=["missile", "drone"], weapons=[], targets=["energy"]),
            ev(location="Sumy", attack_types=["drone"], targets=[])]
    pred = [ev(attack_types=["missile"], weapons=["Kh-101"], targets=["energy"]),
            ev(location="Sumy", attack_types=["drone"], targets=["residential"])]
    sets = score(gold, pred)["sets"]
    assert sets["attack_types"] == {"pairs": 2, "f1": round((2 / 3 + 1.0) / 2, 4)}
    assert sets["targets"] == {"pairs": 1, "f1": 1.0}
    assert "weapons" not in sets


def test_waves_are_scored_per_kind_and_class_on_the_wave_of_the_same_date():
    gold_wave = {"date": "2025-02-06", "launched": {"missile": 58, "drone": 96},
                 "intercepted": {"missile": 44, "drone": 71}}
    pred_waves = [
        {"date": "2025-02-05", "launched": {"missile": 58, "drone": 96},
         "intercepted": {"missile": 44, "drone": 71}},       # another day: not this wave
        {"date": "2025-02-06", "launched": {"missile": 58, "drone": 90},
         "intercepted": {"missile": 44}},
    ]
    waves = score([], [], [gold_wave], pred_waves)["waves"]
    assert waves["launched.missile"] == {"right": 1, "scored": 1, "share": 1.0}
    assert waves["launched.drone"] == {"right": 0, "scored": 1, "share": 0.0}
    assert waves["intercepted.missile"] == {"right": 1, "scored": 1, "share": 1.0}
    assert waves["intercepted.drone"] == {"right": 0, "scored": 1, "share": 0.0}
    missed = score([], [], [gold_wave], [])["waves"]
    assert all(v["right"] == 0 and v["scored"] == 1 for v in missed.values())


def test_per_article_report_names_what_was_missed_spurious_and_wrong():
    report = score([ev(attacker="RU"), ev(location="Sumy", admin1="Sumy Oblast")],
                   [ev(attacker="UA"), ev(location="Lviv", admin1="Lviv Oblast")])["articles"]
    [article] = report
    assert article["id"] == "a1"
    assert article["missed"] == ["2024-05-14 (day) UA Sumy"]
    assert article["spurious"] == ["2024-05-14 (day) UA Lviv"]
    assert article["wrong_fields"] == ["Kharkiv: attacker gold='RU' pred='UA'"]


# --- the CLI: strikewatch eval --json ------------------------------------------------------------

ARTICLES = [
    {"id": "eval-kharkiv", "published": "2024-05-15",
     "text": "A Russian missile hit a school in Kharkiv on Tuesday, killing two people and "
             "injuring five, the regional governor said."},
    {"id": "eval-talks", "published": "2024-05-15",
     "text": "Foreign ministers met in Geneva on Tuesday to discuss a possible ceasefire, "
             "officials said."},
]
GOLD = [
    {"id": "eval-kharkiv", "events": [
        {"date": "2024-05-14", "date_precision": "day", "country": "UA",
         "admin1": "Kharkiv Oblast", "location": "Kharkiv", "attack_types": ["missile"],
         "targets": ["education"], "attacker": "RU", "killed": {"min": 2, "max": 2},
         "injured": {"min": 5, "max": 5}, "double_tap": False},
        {"date": "2024-05-14", "date_precision": "day", "country": "UA",
         "admin1": "Sumy Oblast", "location": "Sumy"}],
     "waves": [{"date": "2024-05-14", "attacker": "RU", "target_country": "UA",
                "launched": {"drone": 40}, "intercepted": {"drone": 35}}]},
    {"id": "eval-talks", "events": [], "waves": []},
    {"id": "not-in-the-articles", "events": [{"country": "UA", "location": "Lviv"}]},
]


@pytest.fixture()
def eval_files(tmp_path):
    articles = tmp_path / "articles.jsonl"
    gold = tmp_path / "gold.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    gold.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    return articles, gold


def test_eval_json_keys_and_values_through_the_cli(eval_files, gazetteer):
    articles, gold = eval_files
    result = CliRunner().invoke(app, ["eval", "--articles", str(articles), "--gold", str(gold),
                                      "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"events", "fields", "sets", "waves",
                         "articles_with_empty_gold_and_events"}
    # the gold article that is not in --articles is left out, not counted as missed
    assert data["events"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5,
                              "f1": round(2 / 3, 4)}
    assert set(data["fields"]) == set(evaluate.EXACT_FIELDS)
    for name in ("date", "admin1", "attacker", "killed.min", "killed.max", "injured.min",
                 "injured.max", "double_tap"):
        assert data["fields"][name] == {"right": 1, "scored": 1, "share": 1.0}, name
    assert set(data["sets"]) == {"attack_types", "targets"}
    assert data["sets"]["attack_types"] == {"pairs": 1, "f1": 1.0}
    assert set(data["waves"]) == {"launched.drone", "intercepted.drone"}
    assert data["waves"]["launched.drone"] == {"right": 0, "scored": 1, "share": 0.0}
    assert data["articles_with_empty_gold_and_events"] == []
    assert "1 gold articles not in" in result.stderr


def test_eval_json_verbose_lists_each_article(eval_files, gazetteer):
    articles, gold = eval_files
    result = CliRunner().invoke(app, ["eval", "--articles", str(articles), "--gold", str(gold),
                                      "--json", "--verbose"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_id = {a["id"]: a for a in data["articles"]}
    assert set(by_id) == {"eval-kharkiv", "eval-talks"}
    assert by_id["eval-kharkiv"]["missed"] == ["2024-05-14 (day) UA Sumy"]
    assert by_id["eval-kharkiv"]["spurious"] == [] and by_id["eval-talks"]["spurious"] == []
