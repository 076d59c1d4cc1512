"""Metadata that scrapes leave at the top of the text: a ``date YYYY-MM-DD`` header, a dateline.

The publication date anchors every relative date in the article (CODEBOOK section 3), so a
date found here is only lifted when it is unambiguous: a full ISO date in a header, or a
dateline date that names the year. "MOSCOW, Aug 20 (Reuters)" gives no year and is not
guessed, as a careful coder would not guess it either.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

# " date 2024-03-15 For free real time ..." - a scraper's header, sometimes "Date:" or
# "published" and an ISO time after the date.
_DATE_HEADER = re.compile(
    r"\A\s*(?:date|Date|DATE|published|Published|PUBLISHED)\s*:?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")


def _mdy(k: str) -> str:
    return (_MONTH.replace("month", "month" + k) + r"\s(?P<day" + k + r">\d{1,2})(?:st|nd|rd|th)?"
            r"(?:,\s?(?P<year" + k + r">(?:19|20)\d\d))?")


def _dmy(k: str) -> str:
    return (r"(?P<day" + k + r">\d{1,2})\s" + _MONTH.replace("month", "month" + k)
            + r"(?:\s(?P<year" + k + r">(?:19|20)\d\d))?")



# "KYIV, Ukraine (AP) —", "MOSCOW, Aug 20 (Reuters) -", "WASHINGTON --", "March 3, 2022 -".
# The place is in capitals, or a short "City, Country" in title case; a sentence that merely
# opens with a dash ("A drama theater – ...") has lower-case words and is not a dateline.
_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+){0,3}"
_PLACE_TITLE = r"[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}"
_DATELINE = re.compile(
    r"\A\s*(?:"
    r"(?P<place>" + _PLACE_CAPS + r"|" + _PLACE_TITLE + r")"
    r"(?:,\s(?P<region>[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}))?"
    r"(?:,\s(?:" + _mdy("1") + r"|" + _dmy("2") + r"))?"
    r"|(?:" + _mdy("3") + r"))"
    r"\s*(?P<agency>\((?:AP|Reuters|AFP|CBS|CNN|KDKA|WCCO|ABC|NBC|UPI|PA|dpa|[A-Z]{2,6})\))?"
    r"\s*(?P<dash>—|–|--|-–|-)\s"
)


@dataclass(frozen=True)
class Header:
    start: int
    end: int
    kind: str               # "header" (removed) or "dateline" (kept, flagged)
    reason: str
    date: str | None


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date_header(text: str) -> Header | None:
    m = _DATE_HEADER.match(text)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.group("date").split("-"))
    date = _valid(y, mo, d)
    if date is None:
        return None
    s = len(m.group(0)) - len(m.group(0).lstrip())
    return Header(s, m.end(), "header", f"date header '{m.group('date')}'", date)


def find_dateline(text: str, start: int = 0) -> Header | None:
    m = _DATELINE.match(text, start)
    if not m:
        return None
    place = m.group("place")
    def g(name: str) -> str | None:
        return m.group(name + "1") or m.group(name + "2") or m.group(name + "3")

    has_date = bool(g("day"))
    if place:
        title_case = not place.isupper()
        # a title-case place needs a second sign that this is a dateline
        if title_case and not (m.group("region") or m.group("agency") or has_date):
            return None
        if len(place) > 40:
            return None
    date = None
    year, month, day = g("year"), g("month"), g("day")
    if year and month and day:
        date = _valid(int(year), _MONTHS[month[:3].lower()], int(day))
    s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    e = m.end("dash")
    return Header(s, e, "dateline", f"dateline '{text[s:e].strip()}'", date)
