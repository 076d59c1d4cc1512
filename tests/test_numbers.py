"""Quantities: CODEBOOK section 4 row by row, number forms, what is not a count, and
properties over every integer a report can hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikewatch.extract.numbers import (
    QUALIFIERS, apply_qualifier, find_quantities, parse_quantity,
)
from strikewatch.model import Count

UNBOUNDED = None


# --- CODEBOOK section 4, row by row ------------------------------------------------------

@pytest.mark.parametrize("phrase, expected", [
    ("14", Count(14, 14)),
    ("at least 14", Count(14, UNBOUNDED)),
    ("no fewer than 14", Count(14, UNBOUNDED)),
    ("14 or more", Count(14, UNBOUNDED)),
    ("a minimum of 14", Count(14, UNBOUNDED)),
    ("more than 70", Count(71, UNBOUNDED)),
    ("over 70", Count(71, UNBOUNDED)),
    ("about 20", Count(20, 20)),
    ("around 20", Count(20, 20)),
    ("some 20", Count(20, 20)),
    ("nearly 20", Count(20, 20)),
    ("almost 20", Count(20, 20)),
    ("roughly 20", Count(20, 20)),
    ("approximately 20", Count(20, 20)),
    ("up to 30", Count(None, 30)),
    ("as many as 30", Count(None, 30)),
    ("between 10 and 15", Count(10, 15)),
    ("10 to 15", Count(10, 15)),
    ("10-15", Count(10, 15)),
    ("two", Count(2, 2)),
    ("a dozen", Count(12, 12)),
    ("TWO", Count(2, 2)),
    ("a few", Count(2, UNBOUNDED)),
    ("a number of", Count(2, UNBOUNDED)),
    ("numerous", Count(2, UNBOUNDED)),
    ("many", Count(2, UNBOUNDED)),
    ("several", Count(3, UNBOUNDED)),
    ("dozens", Count(24, UNBOUNDED)),
    ("DOZENS", Count(24, UNBOUNDED)),
    ("scores", Count(40, UNBOUNDED)),
    ("hundreds", Count(200, UNBOUNDED)),
    ("more than a dozen", Count(13, UNBOUNDED)),
])
def test_codebook_table(phrase, expected):
    assert parse_quantity(phrase) == expected


@pytest.mark.parametrize("phrase, value", [
    ("1,625", 1625),
    ("1 625", 1625),
    ("1\u202f625", 1625),
    ("12,000", 12000),
    ("Twenty-five", 25),
    ("twenty five", 25),
    ("a hundred", 100),
    ("one hundred and twelve", 112),
    ("half a dozen", 6),
    ("a couple of", 2),
    ("Seventy-One", 71),
    ("two thousand and five", 2005),
    ("1.5 million", 1_500_000),
    ("three million", 3_000_000),
])
def test_number_forms(phrase, value):
    assert parse_quantity(phrase) == Count(value, value)


@pytest.mark.parametrize("phrase", [
    "300,00", "1,00,0", "12.5 people", "1.000", "12,3456", "1234,567",
])
def test_mangled_numbers_are_not_guessed(phrase):
    assert parse_quantity(phrase) is None


@pytest.mark.parametrize("sentence", [
    "The bridge was opened in 2018.",                       # a year
    "Sirens sounded at 3.30am and again at 10:45.",          # clock times
    "Turnout was 64% and inflation hit 14 percent.",         # percentages
    "The aid package is worth $400 and £250m more.",         # money
    "The village lies 12 km from the border, about 8 miles.",  # distances
    "Officers of the 72nd brigade held the 3rd line.",       # ordinals
    "An S-300 and a Kh-101 were fired, along with a 2S1.",   # model names
    "The strike came on 2 March, and another on Dec. 21.",   # dates
    "A 66-year-old woman and her five-year-old grandson.",   # ages as modifiers
    "Oleh Marchenko, 47, said the shelling went on for four straight hours.",
    "The 12-mile bridge was closed for three days.",         # modifiers, durations
])
def test_things_that_are_not_counts(sentence):
    assert find_quantities(sentence) == []


def test_find_quantities_spans_and_qualifiers():
    text = "At least 14 people were killed and dozens were hurt; some 1,625 lost power."
    found = find_quantities(text)
    assert [(q.text, q.count, q.rule) for q in found] == [
        ("At least 14", Count(14, None), "at_least"),
        ("dozens", Count(24, None), "vague"),
        ("some 1,625", Count(1625, 1625), "about"),
    ]
    for q in found:
        assert text[q.start:q.end] == q.text
    assert found[0].value == 14


def test_as_many_as_is_a_qualifier_not_the_vague_many():
    [q] = find_quantities("As many as 30 people were evacuated")
    assert q.count == Count(None, 30)


def test_no_one_is_not_one():
    assert find_quantities("No one was hurt and nobody was killed") == []


def test_years_with_people_stay_counts():
    assert [q.count for q in find_quantities("about 2000 people fled")] == [Count(2000, 2000)]


def test_toll_rise_from_to_is_two_numbers_not_a_range():
    assert [q.count for q in find_quantities("the toll rose from 14 to 30")] == \
        [Count(14, 14), Count(30, 30)]


# --- properties ---------------------------------------------------------------------------

_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int, british_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_ONES[hundreds]} hundred")
    if rest:
        if rest < 20:
            words = _ONES[rest]
        else:
            tens, ones = divmod(rest, 10)
            words = _TENS[tens] + (("-" if hyphen else " ") + _ONES[ones] if ones else "")
        if hundreds and british_and:
            parts.append("and")
        parts.append(words)
    return " ".join(parts)


def to_words(n: int, british_and: bool = True, hyphen: bool = True) -> str:
    """English number words written for the tests (independent of the parser)."""
    if n == 0:
        return "zero"
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    parts = []
    if millions:
        parts.append(_below_thousand(millions, british_and, hyphen) + " million")
    if thousands:
        parts.append(_below_thousand(thousands, british_and, hyphen) + " thousand")
    if units:
        parts.append(_below_thousand(units, british_and, hyphen))
    return " ".join(parts)


@given(st.integers(0, 10**6))
def test_digits_parse_back(n):
    assert parse_quantity(str(n)) == Count(n, n)
    assert parse_quantity(f"{n:,}") == Count(n, n)


@given(st.integers(0, 10**6), st.booleans(), st.booleans(),
       st.sampled_from([str.lower, str.upper, str.title, str.capitalize]))
def test_words_parse_back(n, british_and, hyphen, case):
    assert parse_quantity(case(to_words(n, british_and, hyphen))) == Count(n, n)


@given(st.integers(1, 10**6), st.sampled_from(QUALIFIERS), st.data())
def test_qualifiers_map_per_the_table(n, qualifier, data):
    rule, phrases = qualifier
    phrase = data.draw(st.sampled_from(phrases))
    expected = apply_qualifier(rule, n)
    assert parse_quantity(f"{phrase} {n:,}") == expected
    assert parse_quantity(f"{phrase} {to_words(n)}") == expected


@pytest.mark.parametrize("rule, n, expected", [
    ("at_least", 14, Count(14, None)), ("more_than", 70, Count(71, None)),
    ("about", 20, Count(20, 20)), ("up_to", 30, Count(None, 30)),
    ("fewer_than", 10, Count(None, 9)), ("exact", 5, Count(5, 5)),
])
def test_apply_qualifier(rule, n, expected):
    assert apply_qualifier(rule, n) == expected


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.booleans())
def test_between_a_and_b(a, b, british_and):
    assert parse_quantity(f"between {a} and {b}") == Count(min(a, b), max(a, b))
    # "between" needs two ends, so even "between one hundred and one" is a range
    assert parse_quantity(f"between {to_words(a, british_and)} and {to_words(b, british_and)}") == \
        Count(min(a, b), max(a, b))


@st.composite
def mangled(draw):
    """Digit groups joined by a separator where some later group is not three digits."""
    first = draw(st.text("0123456789", min_size=1, max_size=3).filter(lambda s: s[0] != "0"))
    sizes = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3)
                 .filter(lambda ls: any(x != 3 for x in ls)))
    groups = [draw(st.text("0123456789", min_size=k, max_size=k)) for k in sizes]
    sep = draw(st.sampled_from([",", "."]))
    return first + "".join(sep + g for g in groups)


@settings(max_examples=300)
@given(mangled())
def test_mangled_separators_never_yield_a_number(text):
    assert parse_quantity(text) is None
    assert parse_quantity(f"{text} people were evacuated") is None
