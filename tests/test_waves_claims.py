"""Waves, aggregates and claims (CODEBOOK section 6), on sentences written for these tests.

A wave is a country-wide attack day with launched/intercepted figures by class; an aggregate is
a statement about a period; a claim is what someone said about an event, with the speaker's side
and the kind of statement, kept side by side with the other side's claims.
"""

from __future__ import annotations

import pytest

import strikewatch
from strikewatch import pipeline
from strikewatch.ingest import article_from_text
from strikewatch.model import CLAIM_KINDS

pytestmark = pytest.mark.usefixtures("gazetteer")

PUBLISHED = "2024-03-23"        # a Saturday: "on Friday" is 2024-03-22
FRIDAY = "2024-03-22"


def extract(text: str, published: str | None = PUBLISHED):
    return strikewatch.extract_text(text, published=published)


# --- waves ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, date, launched, intercepted", [
    pytest.param("Overnight, air defences shot down 41 of 46 drones launched by Russia, the air "
                 "force said.", PUBLISHED, {"drone": 46}, {"drone": 41}, id="n-of-m"),
    pytest.param("On Friday, air defences shot down 41 of the 46 drones Russia launched, the air "
                 "force said.", FRIDAY, {"drone": 46}, {"drone": 41}, id="weekday"),
    pytest.param("Overnight, Russia launched 46 drones and three missiles at Ukraine, the air "
                 "force said. Air defences shot down 41 drones and two missiles.", PUBLISHED,
                 {"drone": 46, "missile": 3}, {"drone": 41, "missile": 2}, id="two-sentences"),
    pytest.param("Ukraine's air force said air defences shot down 31 of the 38 drones and two of "
                 "the four missiles Russia launched at the country overnight.", PUBLISHED,
                 {"drone": 38, "missile": 4}, {"drone": 31, "missile": 2}, id="two-classes"),
    pytest.param("Ukraine's air force said air defences destroyed 20 of the 25 drones launched at "
                 "the south overnight.", PUBLISHED, {"drone": 25}, {"drone": 20}, id="destroyed"),
])
def test_country_wide_figures_make_a_wave_by_class(text, date, launched, intercepted):
    result = extract(text)
    assert result.events == []
    [wave] = result.waves
    assert (wave.date, wave.date_precision) == (date, "day")
    assert (wave.attacker, wave.target_country) == ("RU", "UA")
    assert (wave.launched, wave.intercepted) == (launched, intercepted)


def test_a_wave_against_russia_has_ukraine_as_attacker():
    result = extract("The Russian Defence Ministry said air defences destroyed 30 drones over "
                     "the Belgorod, Kursk and Bryansk regions overnight.")
    assert result.events == []
    [wave] = result.waves
    assert (wave.date, wave.attacker, wave.target_country) == (PUBLISHED, "UA", "RU")
    assert (wave.launched, wave.intercepted) == ({}, {"drone": 30})


def test_a_few_drones_over_one_region_are_no_wave():
    result = extract("Air defences shot down three drones over the Odesa region overnight, the "
                     "regional governor said.")
    assert result.waves == [] and result.events == []
    # the same interception on a country-wide scale is a wave
    result = extract("Air defences shot down 30 drones over Ukraine overnight, the air force "
                     "said.")
    assert [w.intercepted for w in result.waves] == [{"drone": 30}]


def test_wave_figures_carry_their_sentence_as_evidence_in_cleaned_and_raw_text():
    text = ("Follow us on Telegram for the latest updates\n"
            "Firefighters at a burning depot (Picture: AFP)\n"
            "Russian drones hit Kyiv overnight, damaging a house.\n"
            "Russia launched 46 drones and three missiles at Ukraine overnight, the air force "
            "said. Air defences shot down 41 drones and two missiles.\n")
    article = article_from_text(text, id="wave-evidence", published=PUBLISHED)
    document, extraction = pipeline.extract_article(article)
    [wave] = extraction.waves
    assert set(wave.evidence) == {"launched.drone", "launched.missile", "intercepted.drone",
                                  "intercepted.missile"}
    for key, spans in wave.evidence.items():
        for span in spans:
            assert document.text[span.start:span.end] == span.text
            assert article.text[span.raw_start:span.raw_end] == span.text
            assert span.raw_start > span.start          # the furniture before was cut out
    assert "46 drones" in wave.evidence["launched.drone"][0].text
    assert "41 drones" in wave.evidence["intercepted.drone"][0].text
    # and no city event took the wave's figures
    [kyiv] = extraction.events
    assert (kyiv.location, kyiv.launched, kyiv.intercepted) == ("Kyiv", None, None)


# --- aggregates ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, period, figure, unit_word", [
    ("Russia has launched more than 400 drones at Ukraine over the past week, Ukraine's air "
     "force said.", "over the past week", (401, None), "drones"),
    ("Russia dropped more than 100 guided bombs per day on the Kharkiv region between May 1 and "
     "May 10.", "per day", (101, None), "guided bombs"),
    ("Since the start of the year, Russian strikes have killed more than 300 civilians in the "
     "Kharkiv region, the governor said.", "Since the start of the year", (301, None),
     "civilians"),
])
def test_statements_about_a_period_are_aggregates_not_events_or_waves(text, period, figure,
                                                                      unit_word):
    result = extract(text)
    assert result.events == [] and result.waves == []
    [aggregate] = result.aggregates
    assert aggregate.period == period
    assert (aggregate.figure.min, aggregate.figure.max) == figure
    assert unit_word in aggregate.unit
    assert aggregate.span is not None and aggregate.span.text == text
    assert aggregate.article_id == result.article_id


def test_a_single_strike_is_no_aggregate():
    result = extract("Russian strikes killed two civilians in Kharkiv on Friday, the governor "
                     "said.")
    assert result.aggregates == []
    assert [e.location for e in result.events] == ["Kharkiv"]


# --- claims ----------------------------------------------------------------------------------

CONFLICT = ("Russian missiles struck Kharkiv on Friday, damaging a thermal power plant. "
            "The Russian Defence Ministry said it had used precision weapons against energy and "
            "command facilities of the Ukrainian army. "
            "Ukrainian President Volodymyr Zelensky said the missiles had hit civilian areas and "
            "called the attack an act of terror.")


def test_conflicting_claims_are_kept_side_by_side_about_the_same_event():
    result = extract(CONFLICT)
    [event] = result.events
    assert event.location == "Kharkiv"
    by_side = {c.side: c for c in result.claims}
    assert set(by_side) == {"RU", "UA"}
    russia, ukraine = by_side["RU"], by_side["UA"]
    assert (russia.speaker, russia.kind) == ("The Russian Defence Ministry", "military")
    assert "precision weapons" in russia.text
    assert (ukraine.speaker, ukraine.kind) == ("Ukrainian President Volodymyr Zelensky",
                                               "condemnation")
    assert "civilian areas" in ukraine.text
    assert russia.event_index == ukraine.event_index == 0
    for claim in result.claims:
        assert claim.kind in CLAIM_KINDS
        assert claim.span.text == claim.text and CONFLICT[claim.span.start:claim.span.end] == \
            claim.text
    # neither claim changes the event: the reporter's own sentence says who struck
    assert (event.attacker, event.attribution) == ("RU", "stated")


@pytest.mark.parametrize("statement, speaker, side, kind", [
    ("Russia's Foreign Ministry accused Kyiv of terrorism.", "Russia's Foreign Ministry", "RU",
     "attribution"),
    ("Russia's defence ministry denied targeting civilians, calling the reports a provocation.",
     "Russia's defence ministry", "RU", "denial"),
    ("Kharkiv mayor Ihor Terekhov said two people were killed and 14 injured.", "Ihor Terekhov",
     "UA", "casualties"),
])
def test_a_claim_has_a_speaker_a_side_and_a_kind(statement, speaker, side, kind):
    result = extract(f"A drone struck an oil depot in Kharkiv on Friday. {statement}")
    [claim] = [c for c in result.claims if c.text == statement]
    assert (claim.speaker, claim.side, claim.kind) == (speaker, side, kind)
    assert claim.event_index == 0


def test_statements_far_from_any_strike_are_not_claims():
    result = extract("The foreign minister said talks with European partners would continue "
                     "next week. He added that the aid package was welcome.")
    assert result.claims == [] and result.events == []
