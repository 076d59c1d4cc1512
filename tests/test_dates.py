"""Time expressions resolved against the publication date (CODEBOOK section 3).

Every sentence here was written for these tests in the style of wire copy; none comes from
the corpus.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikewatch.extract.dates import (
    KINDS,
    PRECISIONS,
    DateMention,
    find_dates,
    parse_published,
    resolve,
)

WED = date(2022, 10, 12)        # a Wednesday
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def only(text: str, P: date | None) -> DateMention:
    """The single mention in `text`; fails if there is none or more than one."""
    found = find_dates(text, P)
    assert len(found) == 1, [(m.text, m.rule) for m in found]
    return found[0]


def dates_of(text: str, P: date | None) -> list[tuple[str, date | None, str]]:
    return [(m.text, m.date, m.precision) for m in find_dates(text, P)]


# --- today, yesterday, the night -------------------------------------------------------------

@pytest.mark.parametrize("sentence, phrase", [
    ("Two people were killed in Kharkiv today, the regional governor said.", "today"),
    ("Explosions rocked the port city this morning, officials said.", "this morning"),
    ("Earlier today a drone hit an apartment block in the city centre.", "Earlier today"),
    ("Air raid sirens are expected to sound again tonight across the east.", "tonight"),
    ("The governor will speak this evening about the damage.", "this evening"),
    ("Shelling resumed this afternoon in the southern suburbs.", "this afternoon"),
])
def test_today_phrases_resolve_to_publication_day(sentence, phrase):
    m = only(sentence, WED)
    assert (m.text, m.date, m.precision, m.kind) == (phrase, WED, "day", "relative")


@pytest.mark.parametrize("sentence", [
    "A missile struck a warehouse in Odesa yesterday, injuring three workers.",
    "The bridge had been hit the day before, the mayor told reporters.",
    "Rescuers had pulled two bodies from the rubble the previous day.",
    "A day earlier, a drone attack cut power to 40,000 homes.",
    "Drones struck buildings in the city the day past.",     # machine-spun "the day before"
])
def test_yesterday_phrases_resolve_to_the_day_before_publication(sentence):
    m = only(sentence, WED)
    assert (m.date, m.precision) == (WED - timedelta(days=1), "day")


@pytest.mark.parametrize("sentence, expected", [
    ("Russia launched 40 drones at the capital overnight.", WED),
    ("A rocket hit a school in Mykolaiv last night.", WED),
    ("The refinery was struck overnight on Oct. 9, the operator said.", date(2022, 10, 9)),
    ("On the night of 9 October a drone hit the substation.", date(2022, 10, 9)),
    # the morning day: strikes "into Sunday" landed on Sunday (ACLED codes the landing day)
    ("Shelling continued overnight into Sunday in the border villages.", date(2022, 10, 9)),
    ("The city was shelled on Saturday night into Sunday.", date(2022, 10, 9)),
    ("Missiles hit the port on the night of 8-9 October.", date(2022, 10, 9)),
    # machine-spun copy of "overnight on Oct. 9"
    ("A guided bomb struck a clinic in a single day on Oct. 9.", date(2022, 10, 9)),
])
def test_night_expressions(sentence, expected):
    m = only(sentence, WED)
    assert (m.date, m.precision) == (expected, "day")


def test_overnight_on_a_date_is_one_mention_covering_both_words():
    m = only("The depot burned overnight on Dec. 21 after the strike.", date(2024, 12, 22))
    assert m.text == "overnight on Dec. 21"
    assert m.date == date(2024, 12, 21)


# --- weekdays ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Officials said on Wednesday that two people had died.", date(2022, 10, 12)),
    ("A missile hit the railway depot on Monday.", date(2022, 10, 10)),
    ("Saturday's explosion damaged the bridge.", date(2022, 10, 8)),
    ("The strike on Thursday morning killed a paramedic.", date(2022, 10, 6)),
    ("Residents sheltered in the metro late Sunday.", date(2022, 10, 9)),
])
def test_weekday_is_latest_such_day_on_or_before_publication(sentence, expected):
    m = only(sentence, WED)
    assert (m.date, m.precision, m.kind) == (expected, "day", "weekday")


def test_last_weekday_is_strictly_before_publication():
    assert only("The market was shelled last Wednesday.", WED).date == date(2022, 10, 5)
    assert only("The market was shelled last Monday.", WED).date == date(2022, 10, 10)


def test_last_saturday_on_a_saturday_is_a_week_back():
    saturday = date(2022, 10, 15)
    assert only("Drones hit the plant last Saturday.", saturday).date == date(2022, 10, 8)
    assert only("Drones hit the plant on Saturday.", saturday).date == saturday


def test_weekday_across_month_and_year_boundaries():
    assert only("A shell hit the hospital on Sunday.", date(2022, 11, 2)).date == date(2022, 10, 30)
    new_year = date(2023, 1, 2)                                  # a Monday
    assert only("Kyiv was attacked on Friday.", new_year).date == date(2022, 12, 30)
    assert only("Kyiv was attacked last Monday.", new_year).date == date(2022, 12, 26)
    assert only("Kyiv was attacked on Saturday evening.", new_year).date == date(2022, 12, 31)


def test_weekday_without_publication_date_stays_unresolved():
    m = only("A drone hit the port on Saturday.", None)
    assert (m.date, m.precision) == (None, "unknown")


def test_weekday_with_a_written_date_takes_the_written_date():
    m = only("Rescuers search the rubble in Dnipro, Ukraine, Monday, Oct. 10, 2022.", WED)
    assert (m.date, m.kind) == (date(2022, 10, 10), "explicit")


# --- explicit dates ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Drones hit residential buildings in Kazan on Dec. 21.",
    "Drones hit residential buildings in Kazan on 21 December.",
    "Drones hit residential buildings in Kazan on Dec 21.",
    "Drones hit residential buildings in Kazan on December 21st.",
    "Drones hit residential buildings in Kazan on the 21st of December.",
])
def test_day_month_without_year_is_latest_such_date_not_after_publication(sentence):
    m = only(sentence, date(2025, 1, 3))              # published after New Year
    assert (m.date, m.precision, m.kind) == (date(2024, 12, 21), "day", "explicit")


def test_day_month_earlier_in_the_same_year():
    m = only("On 2 March, a drone struck a multistorey building.", date(2024, 3, 15))
    assert m.date == date(2024, 3, 2)
    assert only("It was hit again on March 2nd.", date(2024, 3, 15)).date == date(2024, 3, 2)


@pytest.mark.parametrize("sentence", [
    "Residents look through the debris on March 6, 2024 in Odesa.",
    "Residents look through the debris on 6 March 2024 in Odesa.",
    "Residents look through the debris (2024-03-06) in Odesa.",
    "Residents look through the debris on 06.03.2024 in Odesa.",
])
def test_dates_with_a_year(sentence):
    assert only(sentence, date(2024, 3, 15)).date == date(2024, 3, 6)


def test_slashed_numeric_dates_only_when_unambiguous():
    assert only("The order was signed on 24/02/2022.", WED).date == date(2022, 2, 24)
    assert only("The order was signed on 02/24/2022.", WED).date == date(2022, 2, 24)
    ambiguous = only("The order was signed on 06/03/2022.", WED)
    assert (ambiguous.date, ambiguous.precision, ambiguous.rule) == (
        None, "unknown", "numeric_ambiguous")


def test_explicit_date_with_year_needs_no_publication_date():
    assert only("The theatre was bombed on March 16, 2022.", None).date == date(2022, 3, 16)
    undated = only("The theatre was bombed on March 16.", None)
    assert (undated.date, undated.precision) == (None, "unknown")


def test_named_days_resolve_like_dates():
    m = only("Russia shelled the city on Independence Day.", date(2022, 8, 25))
    assert (m.date, m.rule) == (date(2022, 8, 24), "named_day")
    victory = only("Parades were cancelled for Victory Day.", date(2022, 5, 10))
    assert victory.date == date(2022, 5, 9)


def test_day_counted_from_the_date_that_follows():
    m = find_dates("A train station was hit the day before Independence Day.", date(2022, 8, 25))
    assert m[0].text == "the day before"
    assert m[0].date == date(2022, 8, 23)


def test_day_before_an_event_without_its_date():
    # the codebook reading of "the day before" (P - 1) stands when the event is not dated
    m = only("A day before the strike on the bridge, officials warned of drones.", WED)
    assert (m.date, m.precision) == (date(2022, 10, 11), "day")
    # a longer distance from an undated event cannot be counted from P
    m = only("The depot was hit a week before the invasion began.", WED)
    assert (m.date, m.precision) == (None, "unknown")


def test_that_day_is_the_day_the_story_named_last():
    found = find_dates("Missiles hit Lviv on Oct. 10. Power was cut that day.", WED)
    assert [(m.text, m.date) for m in found] == [
        ("Oct. 10", date(2022, 10, 10)), ("that day", date(2022, 10, 10))]
    # after a month, "that day" is only as precise as the month
    found = find_dates("A school was hit in early March; nine died that day.", WED)
    assert [(m.text, m.date, m.precision) for m in found] == [
        ("in early March", date(2022, 3, 1), "month"),
        ("that day", date(2022, 3, 1), "month")]


def test_next_day_counts_from_the_last_day_the_story_named():
    found = find_dates("Kherson was shelled on Oct. 3. The next day, drones hit Mykolaiv.", WED)
    assert [(m.text, m.date) for m in found] == [
        ("Oct. 3", date(2022, 10, 3)), ("The next day", date(2022, 10, 4))]
    # with no day to count from, the next day has no date
    alone = only("The next day, drones hit Mykolaiv.", WED)
    assert (alone.date, alone.precision) == (None, "unknown")


# --- months and vague references --------------------------------------------------------------

def test_month_without_day_is_first_of_latest_such_month():
    assert dates_of("A theatre in Mariupol was bombed in March.", WED) == [
        ("in March", date(2022, 3, 1), "month")]
    assert only("The dam was hit in November.", WED).date == date(2021, 11, 1)
    assert only("Strikes intensified in early October.", WED).date == date(2022, 10, 1)
    assert only("Strikes intensified last October.", WED).date == date(2021, 10, 1)
    assert only("The mall was hit in June 2022.", None).date == date(2022, 6, 1)


@pytest.mark.parametrize("sentence, precision", [
    ("The city has been attacked almost daily earlier this month.", "month"),
    ("Drone attacks surged this month, officials said.", "month"),
    ("Four people were killed last week when a rocket landed downtown.", "week"),
    ("Russia has stepped up its strikes in recent weeks.", "week"),
    ("Fighting has intensified in recent days.", "week"),
    ("The plant was recently shelled again.", "week"),
    ("A Russian border city was shelled at the weekend.", "week"),
])
def test_vague_references_keep_publication_day_with_coarse_precision(sentence, precision):
    m = only(sentence, WED)
    assert (m.date, m.precision, m.kind) == (WED, precision, "vague")


def test_ages_count_back_from_publication():
    assert dates_of("The depot was hit two days ago.", WED) == [
        ("two days ago", date(2022, 10, 10), "day")]
    assert dates_of("The depot was hit a week ago.", WED) == [
        ("a week ago", date(2022, 10, 5), "week")]
    assert dates_of("The depot was hit last month.", WED) == [
        ("last month", date(2022, 9, 1), "month")]
    assert only("The depot was hit three months ago.", WED).date == date(2022, 7, 1)


# --- periods ----------------------------------------------------------------------------------

def test_ranges_are_periods_starting_on_their_first_day():
    m = only("Russia dropped 100 guided bombs between Nov. 1-20.", date(2024, 12, 22))
    assert (m.kind, m.date, m.until, m.precision) == (
        "period", date(2024, 11, 1), date(2024, 11, 20), "day")
    m = only("Shelling was heaviest between 10 and 15 March.", date(2024, 3, 20))
    assert (m.kind, m.date, m.until) == ("period", date(2024, 3, 10), date(2024, 3, 15))
    m = only("The convoy was blocked from 1 to 3 March.", date(2024, 3, 20))
    assert (m.date, m.until) == (date(2024, 3, 1), date(2024, 3, 3))


@pytest.mark.parametrize("sentence, start, until", [
    ("Drone strikes surged in October and November.", date(2021, 10, 1), date(2021, 11, 30)),
    ("The port was blockaded from March to May.", date(2022, 3, 1), date(2022, 5, 31)),
    ("Prices have doubled since February 24.", date(2022, 2, 24), WED),
    ("Civilian casualties rose sharply in 2021.", date(2021, 1, 1), date(2021, 12, 31)),
    ("More drones were launched this year than ever.", date(2022, 1, 1), WED),
    ("Ten towns were shelled over the past week.", date(2022, 10, 5), WED),
    ("Hundreds have died since the start of the war.", date(2022, 2, 24), WED),
])
def test_period_expressions(sentence, start, until):
    m = only(sentence, WED)
    assert (m.kind, m.date, m.until) == ("period", start, until)


@pytest.mark.parametrize("sentence", [
    "The army fired 20,000 shells per day in the Donbas.",
    "Air raid alerts sounded every day in the capital.",
])
def test_rates_are_periods_without_a_date(sentence):
    m = only(sentence, WED)
    assert (m.kind, m.date) == ("period", None)


# --- clock times ------------------------------------------------------------------------------

def test_clock_times_say_today_but_nothing_more():
    m = only("The first explosion was heard at 6:45 a.m. near the station.", WED)
    assert (m.kind, m.date) == ("time", WED)
    assert only("Sirens sounded at around 3.40pm.", WED).kind == "time"
    assert only("The blast came at 04:30 GMT.", WED).kind == "time"


# --- futures ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The ministers will meet tomorrow in Brussels.",
    "Talks are due to resume next Monday.",
    "More strikes are expected in the coming days.",
    "The new air defence system arrives next week.",
    "A decision is expected later this month.",
    "The talks are scheduled for Oct. 20.",          # eight days after publication
    "Kyiv hopes to join the bloc by 2030.",
    "The summit opens this Friday.",                  # Friday after a Wednesday
    "Gas storage should be full by November.",
])
def test_obvious_futures_have_no_date(sentence):
    m = only(sentence, WED)
    assert (m.kind, m.date) == ("future", None)


# --- traps --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "May I ask the governor a question?",
    "The strike may have killed more people than reported.",
    "Thousands joined the march on the capital.",
    "The Sunday Times reported the claim first.",
    "The Mail on Sunday published the photographs.",
    "Veterans remembered Black Sunday in silence.",
    "Both sides agreed a 24-hour ceasefire.",
    "He compared the attack to 9/11 and said crews work 24/7.",
    "A 12-year-old boy was among the wounded.",
    "The memorial honours soldiers of World War Two.",
    "A Su-25 jet and a 2S1 Gvozdika howitzer were destroyed.",
    "The claim was first aired on Russia Today.",
    "Theresa May condemned the attack.",
    "A crowd of 2000 people gathered in the square.",
    "Rescuers worked through Sundays to clear the debris.",
    "Families who fled since may return once power is restored.",
    "Conscripts had to march 20 kilometres to the front line.",
])
def test_non_dates_are_not_dated(sentence):
    assert [m for m in find_dates(sentence, WED) if m.date is not None] == []


def test_march_and_may_as_months_still_work():
    assert only("The theatre was bombed in March.", WED).date == date(2022, 3, 1)
    assert only("A school was hit on May 9.", WED).date == date(2022, 5, 9)


# --- api details ------------------------------------------------------------------------------

def test_offsets_point_into_the_text():
    text = ("KYIV - A missile hit a power plant on Monday, days after drones struck the "
            "capital overnight on Oct. 9, the governor said on Wednesday morning.")
    found = find_dates(text, WED)
    assert [m.text for m in found] == ["Monday", "overnight on Oct. 9", "Wednesday morning"]
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.kind in KINDS and m.precision in PRECISIONS


def test_parse_published():
    assert parse_published("2022-10-10") == date(2022, 10, 10)
    assert parse_published("2022-10-10T08:30:00+03:00") == date(2022, 10, 10)
    assert parse_published(None) is None
    assert parse_published("") is None
    assert parse_published("yesterday") is None
    assert parse_published("2022-02-30") is None


def test_resolve_one_expression():
    assert resolve("last Saturday", WED) == (date(2022, 10, 8), "day")
    assert resolve("earlier this month", WED) == (WED, "month")
    assert resolve("in March", WED) == (date(2022, 3, 1), "month")
    assert resolve("the day before", WED) == (date(2022, 10, 11), "day")
    assert resolve("no time here", WED) is None


def test_text_without_dates_is_fast():
    filler = ("The governor said the regional administration had sent rescuers and "
              "engineers to the damaged buildings, and that heating would be restored. ")
    text = (filler * 40)[:5000]
    find_dates(text, WED)
    runs = []
    for _ in range(20):
        t0 = time.perf_counter()
        assert find_dates(text, WED) == []
        runs.append(time.perf_counter() - t0)
    runs.sort()
    assert runs[len(runs) // 2] < 0.005     # typically ~0.2 ms; generous for loaded machines


# --- properties -------------------------------------------------------------------------------

publication_days = st.dates(min_value=date(1995, 1, 1), max_value=date(2040, 12, 31))


@settings(max_examples=300, deadline=None)
@given(P=publication_days, weekday=st.sampled_from(WEEKDAYS),
       template=st.sampled_from(["The plant was hit on {}.", "{}'s strike killed two.",
                                 "Shelling resumed {} morning.", "On {}, drones hit Lviv."]))
def test_weekday_resolves_within_the_week_up_to_publication(P, weekday, template):
    m = only(template.format(weekday), P)
    assert m.date is not None
    assert 0 <= (P - m.date).days <= 6
    assert m.date.strftime("%A") == weekday


@settings(max_examples=300, deadline=None)
@given(P=publication_days, weekday=st.sampled_from(WEEKDAYS))
def test_last_weekday_is_within_the_seven_days_before_publication(P, weekday):
    m = only(f"A drone hit the depot last {weekday}.", P)
    assert 1 <= (P - m.date).days <= 7
    assert m.date.strftime("%A") == weekday


@settings(max_examples=300, deadline=None)
@given(P=publication_days, month=st.integers(1, 12), day=st.integers(1, 28))
def test_day_month_never_resolves_after_publication_by_more_than_a_day(P, month, day):
    name = date(2000, month, day).strftime("%B")
    m = only(f"The bridge was struck on {day} {name}.", P)
    if m.date is not None:
        assert (m.date - P).days <= 1
        assert (m.date.month, m.date.day) == (month, day)
        assert (P - m.date).days < 366
    else:
        assert m.kind == "future"


_WORDS = ["on", "Monday", "last", "Saturday's", "March", "May", "in", "2022", "Dec.", "21",
          "overnight", "into", "Sunday", "the", "day", "before", "yesterday", "between", "and",
          "1-20", "ago", "two", "weeks", "since", "at", "6:45", "a.m.", "night", "of", "14-15",
          "recent", "killed", ",", ".", "\n", "’s", "early", "next", "—"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), max_size=30),
       P=st.one_of(st.none(), publication_days))
def test_any_text_gives_well_formed_mentions(words, P):
    text = " ".join(words)
    found = find_dates(text, P)
    last_end = 0
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end                      # sorted, no overlaps
        last_end = m.end
        assert m.kind in KINDS and m.precision in PRECISIONS
        if m.date is None:
            assert m.precision == "unknown"
        if m.kind == "future":
            assert m.date is None
