"""Publication dates from metadata, normalised to ``YYYY-MM-DD``.

The date is read as written, in the publisher's own time zone: "2022-10-10T23:30:00-05:00"
is 2022-10-10, the day the outlet put on the article, not the UTC day. A value that does
not name one calendar day unambiguously gives None; the date is never guessed (a wrong
publication date moves every relative date of the article: "yesterday", "on Saturday").
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4})"
# what may follow the date: nothing, or a time / zone after a separator
_REST = r"(?:$|[T\s,.;|@-])"

# (pattern, day-month order ambiguous?) - tried in order, matched at the start of the value.
DATE_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(p, re.I), ambiguous) for p, ambiguous in (
        # ISO 8601 and its relatives: 2022-10-10, 2022-10-10T08:30Z, 2022/10/10, 2022.10.10
        (rf"{_YEAR}[-/.](?P<m>\d{{1,2}})[-/.]{_DAY}{_REST}", False),
        # ISO 8601 basic: 20221010, 20221010T083000Z
        (rf"{_YEAR}(?P<m>\d\d)(?P<d>\d\d)(?:$|T\d)", False),
        # 10 October 2022, Mon, 10 Oct 2022 08:30:00 GMT (RFC 2822), 10th of October, 2022
        (rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_REST}", False),
        # October 10, 2022, Oct. 10 2022, Monday, October 10th, 2022 8:30 AM
        (rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_REST}", False),
        # 10.10.2022: with dots, day first (Ukraine, Russia, Germany) is the only usage
        (rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.{_YEAR}{_REST}", False),
        # 10/10/2022 or 10-10-2022: day first in Europe, month first in the US; only read
        # when the two orders agree or one of them is impossible
        (rf"(?P<a>\d{{1,2}})[/-](?P<b>\d{{1,2}})[/-]{_YEAR}{_REST}", True),
    )
)


def _valid(y: int, m: int, d: int) -> str | None:
    if not EARLIEST_YEAR <= y <= LATEST_YEAR:
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def normalize_published(value: Any) -> str | None:
    """``YYYY-MM-DD`` from a date, a datetime, an ISO string or a common written form.

    None when the value is missing or cannot be read as exactly one calendar day
    ("03/04/2022" could be 3 April or 4 March: None; "25/03/2022" can only be 25 March).
    Numbers are not read as timestamps: seconds or milliseconds, UTC or local, is a guess.
    """
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    for pattern, ambiguous in DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        y = int(groups["y"])
        if ambiguous:
            a, b = int(groups["a"]), int(groups["b"])
            day_first, month_first = _valid(y, b, a), _valid(y, a, b)
            if day_first and month_first and day_first != month_first:
                return None
            return day_first or month_first
        m = MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        return _valid(y, m, int(groups["d"]))
    return None
