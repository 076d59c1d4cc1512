"""Rule tables for time expressions (CODEBOOK section 3), kept as data.

`dates.py` turns these tables into precompiled patterns; nothing here runs at import beyond
building tuples. Words are written in lower case: matching runs on the lower-cased text and
the handlers look at the original text only where case carries meaning ("May" the month
against "may" the verb, "March" against "the march").
"""

from __future__ import annotations

# Month names as news copy writes them. Abbreviations without their period ("Dec 21") are
# accepted only in front of a day number; a month standing alone needs its full name or the
# abbreviation with its period ("in Dec."), so that "mar", "dec" or "jan" in running text
# are never read as months.
MONTHS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("january", "jan")),
    (2, ("february", "feb")),
    (3, ("march", "mar")),
    (4, ("april", "apr")),
    (5, ("may",)),
    (6, ("june", "jun")),
    (7, ("july", "jul")),
    (8, ("august", "aug")),
    (9, ("september", "sept", "sep")),
    (10, ("october", "oct")),
    (11, ("november", "nov")),
    (12, ("december", "dec")),
)
MONTH_FULL_NAMES = frozenset(names[0] for _, names in MONTHS)

# Weekday names: full names only ("Sat" is also a verb, "Sun" a newspaper).
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)

# Counts written as words, for "two days ago", "over the past three weeks".
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "couple of": 2,
}
# Vague counts: "a few days ago" says roughly when, not which day.
VAGUE_COUNTS = frozenset({"a few", "few", "several", "some", "many", "a number of"})

# Named days, resolved like a month-day without a year. "Independence Day" is Ukraine's
# (24 August): the corpus is about the war, and US or other independence days are
# excluded by the words in front (WEEKDAY/NAMED traps below).
NAMED_DAYS: tuple[tuple[str, int, int], ...] = (
    ("independence day", 8, 24),
    ("victory day", 5, 9),
    ("new year's eve", 12, 31),
    ("new year's day", 1, 1),
    ("christmas eve", 12, 24),
    ("christmas day", 12, 25),
    ("orthodox christmas", 1, 7),
    ("defender of the fatherland day", 2, 23),
    # not listed: days whose date differs by country or moved ("Constitution Day",
    # Ukraine's "Defenders Day" - 14 October until 2023, 1 October since)
)

# The start of Russia's full-scale invasion: what "since the start of the war" means in this
# corpus. Before that date the same words point at the 2014 war, which we do not guess.
WAR_START = (2022, 2, 24)

# Fixed phrases: phrase -> (kind, how, arg, precision).
#   how "offset": the date is P + arg days;           "future": no date (not yet happened);
#   "month": the first of P's month + arg months;     "year": period of P's year + arg;
#   "rate": a per-day or per-week rate, no date;      "narrative": a day after the day the
#   text spoke of last (arg days), not P-relative.
# Codebook section 3 fixes today/yesterday/overnight/last week/earlier this month; the rest
# follow the same reading and are noted where an analyst's choice was needed.
PHRASES: dict[str, tuple[str, str, int, str]] = {
    # today (CODEBOOK: "today", "this morning", "earlier today", "tonight" -> P)
    "today": ("relative", "offset", 0, "day"),
    "today's": ("relative", "offset", 0, "day"),
    "earlier today": ("relative", "offset", 0, "day"),
    "later today": ("relative", "offset", 0, "day"),
    "early today": ("relative", "offset", 0, "day"),
    "late today": ("relative", "offset", 0, "day"),
    "this morning": ("relative", "offset", 0, "day"),
    "this morning's": ("relative", "offset", 0, "day"),
    "early this morning": ("relative", "offset", 0, "day"),
    "earlier this morning": ("relative", "offset", 0, "day"),
    "this afternoon": ("relative", "offset", 0, "day"),
    "this evening": ("relative", "offset", 0, "day"),
    "earlier this evening": ("relative", "offset", 0, "day"),
    "tonight": ("relative", "offset", 0, "day"),
    "tonight's": ("relative", "offset", 0, "day"),
    # the night: CODEBOOK "overnight", "last night" -> P (the strike lands in the small hours
    # of the publication day; the date is the day it landed, as ACLED codes it)
    "overnight": ("relative", "offset", 0, "day"),
    "last night": ("relative", "offset", 0, "day"),
    "last night's": ("relative", "offset", 0, "day"),
    "late last night": ("relative", "offset", 0, "day"),
    "early this morning's": ("relative", "offset", 0, "day"),
    "in the early hours": ("relative", "offset", 0, "day"),
    "in the early hours of the morning": ("relative", "offset", 0, "day"),
    "in the early morning": ("relative", "offset", 0, "day"),
    "in the small hours": ("relative", "offset", 0, "day"),
    "during the night": ("relative", "offset", 0, "day"),
    "in a single day": ("period", "rate", 0, "unknown"),   # "the most in a single day"
    # yesterday (CODEBOOK: "yesterday", "the day before", "the previous day" -> P - 1);
    # "the day past" is machine-spun copy of "the day before" (CODEBOOK section 7)
    "yesterday": ("relative", "offset", -1, "day"),
    "yesterday's": ("relative", "offset", -1, "day"),
    "late yesterday": ("relative", "offset", -1, "day"),
    "early yesterday": ("relative", "offset", -1, "day"),
    "yesterday morning": ("relative", "offset", -1, "day"),
    "yesterday afternoon": ("relative", "offset", -1, "day"),
    "yesterday evening": ("relative", "offset", -1, "day"),
    "the day before": ("relative", "offset", -1, "day"),
    "the previous day": ("relative", "offset", -1, "day"),
    "the day prior": ("relative", "offset", -1, "day"),
    "the prior day": ("relative", "offset", -1, "day"),
    "the day earlier": ("relative", "offset", -1, "day"),
    "the day past": ("relative", "offset", -1, "day"),
    "the previous night": ("relative", "offset", -1, "day"),
    "the night before": ("relative", "offset", -1, "day"),
    "the previous evening": ("relative", "offset", -1, "day"),
    "the day before yesterday": ("relative", "offset", -2, "day"),
    # the day after a day the story told: counted from that day, never from P
    "the next day": ("relative", "narrative", 1, "day"),
    "the following day": ("relative", "narrative", 1, "day"),
    "the day after": ("relative", "narrative", 1, "day"),
    "the next morning": ("relative", "narrative", 1, "day"),
    "the following morning": ("relative", "narrative", 1, "day"),
    # the day the story is telling about ("Local officials said at the time that two schools
    # were hit that day"): the day the text named last
    "that day": ("relative", "narrative", 0, "day"),
    "the same day": ("relative", "narrative", 0, "day"),
    "later that day": ("relative", "narrative", 0, "day"),
    "earlier that day": ("relative", "narrative", 0, "day"),
    "that morning": ("relative", "narrative", 0, "day"),
    "that afternoon": ("relative", "narrative", 0, "day"),
    "that evening": ("relative", "narrative", 0, "day"),
    "that night": ("relative", "narrative", 0, "day"),
    "later that night": ("relative", "narrative", 0, "day"),
    # futures: never the date of an event that already happened
    "tomorrow": ("future", "future", 0, "unknown"),
    "tomorrow's": ("future", "future", 0, "unknown"),
    "the day after tomorrow": ("future", "future", 0, "unknown"),
    "next week": ("future", "future", 0, "unknown"),
    "next weekend": ("future", "future", 0, "unknown"),
    "next month": ("future", "future", 0, "unknown"),
    "next year": ("future", "future", 0, "unknown"),
    "later this week": ("future", "future", 0, "unknown"),
    "later this month": ("future", "future", 0, "unknown"),
    "later this year": ("future", "future", 0, "unknown"),
    "in the coming hours": ("future", "future", 0, "unknown"),
    "in the coming days": ("future", "future", 0, "unknown"),
    "in the coming weeks": ("future", "future", 0, "unknown"),
    "in the coming months": ("future", "future", 0, "unknown"),
    "in the days ahead": ("future", "future", 0, "unknown"),
    "in the weeks ahead": ("future", "future", 0, "unknown"),
    "in the months ahead": ("future", "future", 0, "unknown"),
    "in the next few days": ("future", "future", 0, "unknown"),
    "in the next few weeks": ("future", "future", 0, "unknown"),
    "in the near future": ("future", "future", 0, "unknown"),
    "over the coming days": ("future", "future", 0, "unknown"),
    "over the coming weeks": ("future", "future", 0, "unknown"),
    # about a week (CODEBOOK: "last week", "in recent weeks" -> P, precision week)
    "last week": ("vague", "offset", 0, "week"),
    "last week's": ("vague", "offset", 0, "week"),
    "late last week": ("vague", "offset", 0, "week"),
    "early last week": ("vague", "offset", 0, "week"),
    "this week": ("vague", "offset", 0, "week"),
    "this week's": ("vague", "offset", 0, "week"),
    "earlier this week": ("vague", "offset", 0, "week"),
    "early this week": ("vague", "offset", 0, "week"),
    "earlier in the week": ("vague", "offset", 0, "week"),
    "in recent days": ("vague", "offset", 0, "week"),
    "in recent weeks": ("vague", "offset", 0, "week"),
    "over recent days": ("vague", "offset", 0, "week"),
    "over recent weeks": ("vague", "offset", 0, "week"),
    "recent days": ("vague", "offset", 0, "week"),
    "recent weeks": ("vague", "offset", 0, "week"),
    "recently": ("vague", "offset", 0, "week"),
    "in the past few days": ("vague", "offset", 0, "week"),
    "over the past few days": ("vague", "offset", 0, "week"),
    "in the last few days": ("vague", "offset", 0, "week"),
    "over the last few days": ("vague", "offset", 0, "week"),
    "the past few days": ("vague", "offset", 0, "week"),
    "the last few days": ("vague", "offset", 0, "week"),
    # weekends: as vague as "last week" (the text does not say which day): P, precision week
    "the weekend": ("vague", "offset", 0, "week"),
    "this weekend": ("vague", "offset", 0, "week"),
    "at the weekend": ("vague", "offset", 0, "week"),
    "over the weekend": ("vague", "offset", 0, "week"),
    "during the weekend": ("vague", "offset", 0, "week"),
    "last weekend": ("vague", "offset", 0, "week"),
    # about a month (CODEBOOK: "earlier this month" -> P, precision month)
    "this month": ("vague", "offset", 0, "month"),
    "this month's": ("vague", "offset", 0, "month"),
    "earlier this month": ("vague", "offset", 0, "month"),
    "early this month": ("vague", "offset", 0, "month"),
    "earlier in the month": ("vague", "offset", 0, "month"),
    "in recent months": ("vague", "offset", 0, "month"),
    "over recent months": ("vague", "offset", 0, "month"),
    "recent months": ("vague", "offset", 0, "month"),
    "in the past few weeks": ("vague", "offset", 0, "month"),
    "over the past few weeks": ("vague", "offset", 0, "month"),
    "in the last few weeks": ("vague", "offset", 0, "month"),
    "over the last few weeks": ("vague", "offset", 0, "month"),
    "last month": ("age", "month", -1, "month"),
    "last month's": ("age", "month", -1, "month"),
    "late last month": ("age", "month", -1, "month"),
    "early last month": ("age", "month", -1, "month"),
    "earlier last month": ("age", "month", -1, "month"),
    # years: coarser than any codebook precision, so precision "unknown"; kept as periods
    "this year": ("period", "year", 0, "unknown"),
    "this year's": ("period", "year", 0, "unknown"),
    "earlier this year": ("period", "year", 0, "unknown"),
    "early this year": ("period", "year", 0, "unknown"),
    "so far this year": ("period", "year", 0, "unknown"),
    "last year": ("period", "year", -1, "unknown"),
    "last year's": ("period", "year", -1, "unknown"),
    "the previous year": ("period", "year", -1, "unknown"),
    "the earlier 12 months": ("period", "year", -1, "unknown"),   # spun "the previous year"
    # rates: a figure per period is an aggregate, never one event
    "per day": ("period", "rate", 0, "unknown"),
    "a day on average": ("period", "rate", 0, "unknown"),
    "every day": ("period", "rate", 0, "unknown"),
    "every single day": ("period", "rate", 0, "unknown"),
    "each day": ("period", "rate", 0, "unknown"),
    "day after day": ("period", "rate", 0, "unknown"),
    "day-after-day": ("period", "rate", 0, "unknown"),
    "every night": ("period", "rate", 0, "unknown"),
    "each night": ("period", "rate", 0, "unknown"),
    "night after night": ("period", "rate", 0, "unknown"),
    "per night": ("period", "rate", 0, "unknown"),
    "per week": ("period", "rate", 0, "unknown"),
    "every week": ("period", "rate", 0, "unknown"),
    "each week": ("period", "rate", 0, "unknown"),
    "per month": ("period", "rate", 0, "unknown"),
    "every month": ("period", "rate", 0, "unknown"),
    "around the clock": ("period", "rate", 0, "unknown"),
    "almost every day": ("period", "rate", 0, "unknown"),
    "nearly every day": ("period", "rate", 0, "unknown"),
    "practically every day": ("period", "rate", 0, "unknown"),
    "practically day-after-day": ("period", "rate", 0, "unknown"),
    # clock words: no date of their own, they say "today"
    "at dawn": ("time", "offset", 0, "day"),
    "before dawn": ("time", "offset", 0, "day"),
    "just before dawn": ("time", "offset", 0, "day"),
    "at daybreak": ("time", "offset", 0, "day"),
    "at midnight": ("time", "offset", 0, "day"),
    "around midnight": ("time", "offset", 0, "day"),
    "shortly after midnight": ("time", "offset", 0, "day"),
    "just after midnight": ("time", "offset", 0, "day"),
    "shortly before midnight": ("time", "offset", 0, "day"),
    "after midnight": ("time", "offset", 0, "day"),
    "at noon": ("time", "offset", 0, "day"),
    "around noon": ("time", "offset", 0, "day"),
    "at lunchtime": ("time", "offset", 0, "day"),
}

# "since the start of the war" and its wordings (after "since"): the full-scale invasion.
SINCE_WAR = (
    "the start of the war", "the beginning of the war", "the outbreak of the war",
    "the start of the full-scale war", "the start of the full-scale invasion",
    "the beginning of the full-scale invasion", "the start of the invasion",
    "the beginning of the invasion", "the start of russia's invasion",
    "the start of russia's full-scale invasion", "the beginning of russia's invasion",
    "the start of the russian invasion", "the beginning of the russian invasion",
    "the invasion began", "the invasion started", "the full-scale invasion began",
    "the war began", "the war started", "the war broke out", "the conflict began",
    "the conflict started", "the conflict broke out", "the full-scale invasion",
    "the invasion", "the russian invasion", "russia's invasion", "russia's full-scale invasion",
    "russia invaded", "russia invaded ukraine", "moscow invaded", "moscow invaded ukraine",
    "russia launched its invasion", "russia launched its full-scale invasion",
    "moscow launched its invasion", "russia's invasion of ukraine",
    "the russian invasion of ukraine", "the invasion of ukraine",
    "the start of the conflict", "the beginning of the conflict",
)
# "since the start of the year / month / week": a period up to P.
SINCE_START_OF = ("year", "month", "week")

# Time zones and clock suffixes that make "10.30" a time.
TIME_ZONES = (
    "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "msk", "hrs", "local time",
    "kyiv time", "kiev time", "moscow time",
)

# Words before a time that make a bare "10:30" a time ("at 10:30").
TIME_CUES = (
    "at", "around", "about", "after", "before", "until", "by", "from", "since",
    "shortly after", "shortly before", "just after", "just before", "approximately",
    "roughly", "at around", "at about", "at approximately",
)

# Prefix cues before a weekday or a day, and what they do:
#   strict  - "last Saturday": the latest such day strictly before P (CODEBOOK);
#   future  - "next Monday", "this coming Friday": not yet happened, no date;
#   this    - "this Monday": the day of P's week (Monday start) if not after P, else future;
#   since   - "since Monday": a period from that day up to P;
#   rate    - "every Monday": habitual, no date;
#   night   - "overnight on", "the night of": the date is the day named (CODEBOOK section 3
#             "overnight on D" -> D);
#   extend  - "in the early hours of", "the morning of": part of the expression, no change.
DAY_CUES: tuple[tuple[str, str], ...] = (
    ("last", "strict"),
    ("this past", "strict"),
    ("next", "future"),
    ("this coming", "future"),
    ("coming", "future"),
    ("this", "this"),
    ("since", "since"),
    ("ever since", "since"),
    ("every", "rate"),
    ("each", "rate"),
    ("overnight", "night"),
    ("overnight on", "night"),
    ("overnight of", "night"),
    ("overnight into", "night"),
    ("overnight to", "night"),
    ("night of", "night"),
    ("the night of", "night"),
    ("on the night of", "night"),
    ("during the night of", "night"),
    ("in the night of", "night"),
    ("the night into", "night"),
    ("night into", "night"),
    ("in a single day on", "night"),     # spun copy of "overnight on"
    ("in a single day into", "night"),
    ("in the early hours of", "extend"),
    ("the early hours of", "extend"),
    ("in the small hours of", "extend"),
    ("the small hours of", "extend"),
    ("in the wee hours of", "extend"),
    ("the morning of", "extend"),
    ("on the morning of", "extend"),
    ("the afternoon of", "extend"),
    ("on the afternoon of", "extend"),
    ("the evening of", "extend"),
    ("on the evening of", "extend"),
    ("early on", "extend"),
    ("late on", "extend"),
)
# The same cues in front of a range ("the night of 14-15 March") plus the range openers.
RANGE_CUES: tuple[tuple[str, str], ...] = tuple(
    (w, e) for w, e in DAY_CUES if e in ("night", "extend")
) + (("between", "range"), ("from", "range"), ("overnight from", "night"),
     ("the night from", "night"), ("on the night from", "night"))

# Prepositions that make a lone month name a month reference ("in March", "last May").
# "the" is not among them: "the March attack" is rare next to "the march".
# "deadline": "by November", "until October" name a month still to come when it lies later
# in P's year (the codebook's "latest such month" would send it a year back).
MONTH_CUES: tuple[tuple[str, str], ...] = (
    ("in", "plain"), ("during", "plain"), ("throughout", "plain"), ("through", "plain"),
    ("of", "plain"), ("until", "deadline"), ("till", "deadline"), ("by", "deadline"),
    ("before", "plain"), ("after", "plain"), ("from", "plain"), ("as of", "plain"),
    ("since", "since"), ("ever since", "since"),
    ("last", "strict"), ("this past", "strict"),
    ("next", "future"), ("this coming", "future"), ("this", "this"),
)
MONTH_QUALIFIERS = (
    "early", "mid", "late", "the end of", "the beginning of", "the start of",
    "the middle of", "the first half of", "the second half of", "the latter half of",
)

# A year after these words is a period ("in 2024", "since 2014", "the fall of 2024").
YEAR_CUES: tuple[tuple[str, str], ...] = (
    ("in", "plain"), ("during", "plain"), ("throughout", "plain"), ("of", "plain"),
    ("until", "plain"), ("till", "plain"), ("from", "plain"), ("since", "since"),
    ("ever since", "since"), ("by", "plain"), ("before", "plain"), ("after", "plain"),
    ("early", "plain"), ("late", "plain"), ("mid", "plain"),
)
# ... unless a count noun follows: "a crowd of 2000 people" is not a year.
YEAR_COUNT_NOUNS = frozenset({
    "people", "persons", "civilians", "troops", "soldiers", "servicemen", "men", "women",
    "children", "residents", "refugees", "homes", "houses", "buildings", "apartments",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "tons", "tonnes",
    "dollars", "euros", "rubles", "roubles", "hryvnias", "pounds", "units", "vehicles",
    "tanks", "drones", "missiles", "shells", "rockets", "bombs", "rounds", "sorties",
    "strikes", "attacks", "targets", "fighters", "prisoners", "pows", "kg", "mm",
})

# Traps: words around a date word that make it a name, not a date.
WEEKDAY_TRAPS_BEFORE = frozenset({
    "black", "bloody", "good", "holy", "easter", "palm", "ash", "super", "cyber",
    "maundy", "shrove", "great", "orthodox", "clean", "mail on", "observer on",
})
# after a weekday: newspaper titles when capitalised ("the Sunday Times"), nouns in any case
WEEKDAY_TRAPS_AFTER_NAMES = frozenset({
    "times", "telegraph", "mirror", "express", "post", "people", "sport", "mail", "herald",
    "independent", "star", "tribune", "observer", "world", "league", "market",
})
WEEKDAY_TRAPS_AFTER_NOUNS = frozenset({
    "school", "schools", "paper", "newspaper", "newspapers", "edition", "editions",
    "supplement", "magazine", "best-seller", "bestseller",
})
TODAY_TRAPS_BEFORE = frozenset({"russia", "usa", "bbc"})    # only when "Today" is capitalised
TODAY_TRAPS_AFTER = frozenset({"programme", "program", "show", "newspaper", "daily"})
NAMED_TRAPS_BEFORE = frozenset({
    "us", "u.s.", "american", "america's", "united states", "belarus", "belarusian",
    "israel", "israel's", "indian", "india's", "pakistan's", "georgia's", "moldova's",
})
MONTH_TRAPS_BEFORE = frozenset({"theresa", "mrs", "mrs.", "ms", "ms.", "brian", "brian's"})
