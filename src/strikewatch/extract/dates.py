"""Time expressions: find them in a text and resolve them against the publication date P.

CODEBOOK section 3 is the spec; `date_rules.py` holds the word tables. Every mention keeps
its span, the rule that read it, what kind of expression it is and how precise the date is,
so the extractor can explain each event date and decide which mention belongs to which event.

How it runs (linear in the text, patterns compiled at import):

1. One scan over the lower-cased text finds *anchors*: month and weekday names, "today",
   "week", "ago", years, clock times... Text without anchors costs that one scan.
2. For each anchor, the rules of its family are tried at the few word starts just before it
   (where cues such as "last", "overnight on", "between" sit) and at the anchor itself; the
   first match that covers the anchor and that its handler accepts becomes a mention.
3. Overlaps keep the longer mention; "the next day", "that day", "two days later" are then
   counted from the day the text spoke of last (no date if it named none).

Choices where the codebook is silent (ACLED/UCDP practice, noted again at the rule):
- "overnight into Sunday", "the night of 14-15 March", "Saturday night into Sunday": the date
  is the morning day (Sunday, 15 March), the day the strikes landed; "overnight on D" and "on
  the night of D" keep D as section 3 says.
- A day-month without a year that falls 2 to 21 days after P is a future reference ("talks
  on March 10"), kind "future"; one day after P is read as that date, since outlets west of
  Kyiv stamp articles a day behind the Kyiv date of a night strike. Likewise "by November",
  "until October" later in P's year, "next Monday", "tomorrow", "in the coming days".
- "a week before the invasion", "the day after the vote": counted from the date that follows
  when the text gives one ("the day before Independence Day"), else left without a date;
  standing alone, "the day before" / "a day earlier" is P - 1 (CODEBOOK) and "two days
  later" counts from the last day the text named.
- Numeric dates: ISO `2024-03-06`, dotted `06.03.2024` (always day first, European use), and
  slashed `24/02/2022` only when one side exceeds 12; an ambiguous `06/03/2024` is kept as an
  explicit mention with no date. A numeric form without a four-digit year ("9/11", "24/7") is
  never a date.
- Periods (ranges, "since ...", "in 2024", "over the past week") carry the first day in `date`
  and the last in `until`; precision is that of the bounds (day, month, or "unknown" for
  years). The extractor treats them as aggregates, not events.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from . import date_rules as R

PRECISIONS = ("day", "week", "month", "unknown")
KINDS = ("relative", "weekday", "explicit", "month", "vague", "period", "time", "age", "future")


@dataclass(frozen=True)
class DateMention:
    """One time expression: its span in the text and what date it stands for."""

    start: int
    end: int
    text: str
    date: date | None
    precision: str                  # day | week | month | unknown
    kind: str                       # one of KINDS
    rule: str                       # the rule (and cue) that read it, e.g. "weekday+last"
    until: date | None = None       # periods only: the last day covered


# --- public API ---------------------------------------------------------------------------

_PUBLISHED = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_published(value: str | date | None) -> date | None:
    """A publication date from metadata: `YYYY-MM-DD` or an ISO datetime; None if unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _PUBLISHED.match(str(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every time expression in `text`, resolved against the publication date."""
    if not text:
        return []
    low = _lower_same_length(text)
    ctx = _Ctx(text, low, parse_published(published))
    anchors = [(_FAMILY_PRIORITY[fam], m.start(), m.end(), fam)
               for m in _ANCHOR.finditer(low) for fam in (_anchor_family(m),)]
    if not anchors:
        return []
    anchors.sort()
    # non-overlapping mentions kept sorted by start, so that each check is a bisection
    starts: list[int] = []
    found: list = []
    for _, s, e, fam in anchors:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and found[i].end > s:
            continue                    # already inside a mention
        mention = _read_at_anchor(ctx, fam, s, e)
        if mention is None:
            continue
        lo = max(bisect.bisect_right(starts, mention.start) - 1, 0)
        hi = bisect.bisect_left(starts, mention.end)
        overlapping = [j for j in range(lo, hi)
                       if found[j].start < mention.end and mention.start < found[j].end]
        length = mention.end - mention.start
        if any(found[j].end - found[j].start >= length for j in overlapping):
            continue                    # the longer reading stays
        for j in reversed(overlapping):
            del starts[j], found[j]
        k = bisect.bisect_left(starts, mention.start)
        starts.insert(k, mention.start)
        found.insert(k, mention)
    return _resolve_narrative(found, ctx.P)


def resolve(expression: str, published: date | None) -> tuple[date | None, str] | None:
    """(date, precision) for one expression ("last Saturday"), or None if it holds no date.

    The same rules as `find_dates`; where the expression holds several, the longest wins.
    """
    mentions = find_dates(expression, published)
    if not mentions:
        return None
    best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
    return best.date, best.precision


# --- context and small date arithmetic ----------------------------------------------------

@dataclass
class _Ctx:
    text: str
    low: str
    P: date | None


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters ("İ") lower-case to two; keep them so offsets stay those of `text`
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("‘", "'").split())


def _add_months(d: date, months: int) -> date:
    """The first of the month `months` away from d's month."""
    idx = d.year * 12 + d.month - 1 + months
    return date(idx // 12, idx % 12 + 1, 1)


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def on_or_before(P: date, weekday: int) -> date:
    """The latest day with `weekday` (Monday 0) on or before P."""
    return P - timedelta(days=(P.weekday() - weekday) % 7)


def strictly_before(P: date, weekday: int) -> date:
    """The latest day with `weekday` strictly before P ("last Saturday")."""
    return P - timedelta(days=(P.weekday() - weekday - 1) % 7 + 1)


# How far after P a year-less day may fall and still be read as a future reference ("talks
# on March 10") rather than as last year's date; one day after P is the time-zone slack
# (module docstring). Kept short: "Feb. 24" in a January article is last year's invasion day.
_FUTURE_WINDOW = 21


def _latest_day(P: date, month: int, day: int, future_ok: bool = True
                ) -> tuple[date | None, str]:
    """CODEBOOK: a day-month without a year is the latest such date not after P.

    Returns (date, note) where note is "" , "tz" (P + 1) or "future". With `future_ok`
    False (after "since", "overnight on") the codebook rule applies without the window.
    """
    cand = _safe_date(P.year, month, day)
    if cand is not None and cand <= P:
        return cand, ""
    if cand is not None:
        ahead = (cand - P).days
        if ahead == 1:
            return cand, "tz"
        if ahead <= _FUTURE_WINDOW and future_ok:
            return None, "future"
    for back in range(1, 9):            # 29 February: the last leap year before P
        cand = _safe_date(P.year - back, month, day)
        if cand is not None:
            return cand, ""
    return None, ""


def _latest_month(P: date, month: int, strict: bool = False) -> date:
    """The first of the latest `month` not after P's month (strictly before, if strict)."""
    if month < P.month or (month == P.month and not strict):
        return date(P.year, month, 1)
    return date(P.year - 1, month, 1)


# --- lookup tables built from the rule data -----------------------------------------------

_MONTH_NUMBER = {name: num for num, names in R.MONTHS for name in names}
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(R.WEEKDAYS)}
_NAMED = {name: (m, d) for name, m, d in R.NAMED_DAYS}
_DAY_CUE = {w: e for w, e in R.DAY_CUES}
_RANGE_CUE = {w: e for w, e in R.RANGE_CUES}
_MONTH_CUE = {w: e for w, e in R.MONTH_CUES}
_YEAR_CUE = {w: e for w, e in R.YEAR_CUES}
_NUMBER = dict(R.NUMBER_WORDS)
for _tens, _tv in (("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50)):
    for _one, _ov in (("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5),
                      ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9)):
        _NUMBER[f"{_tens}-{_one}"] = _tv + _ov

# --- pattern fragments (matched against the lower-cased text) -----------------------------

_S = r"[^\S\n]+"        # a space inside a line: no expression runs across a line break
_SO = r"[^\S\n]*"


# characters of a phrase that stand for a class: any space, either apostrophe, any hyphen
_FLEX = {" ": _S, "'": "['’]", "-": r"(?:-|‐|[^\S\n])"}


def _alt(phrases) -> str:
    """An alternation of literal phrases, built as a character trie.

    Python's `re` tries alternatives one by one; a trie makes the cost of a failed match
    one character test instead of one per phrase. Longer phrases win, as they would if
    sorted by length. Spaces, apostrophes and hyphens match their variants (_FLEX).
    """
    root: dict = {}
    for p in set(phrases):
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [_FLEX.get(ch) or re.escape(ch) for ch in sorted(k for k in node if k)]
        alts = [a + build(node[ch]) for a, ch in zip(alts, sorted(k for k in node if k))]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(root) + ")"


_MON = ("(?:" + _alt(R.MONTH_FULL_NAMES) + r"(?![a-z])|"
        + _alt(n for n in _MONTH_NUMBER if n not in R.MONTH_FULL_NAMES) + r"\.?(?![a-z]))")
_MONTH_LONE = ("(?:" + _alt(R.MONTH_FULL_NAMES) + r"(?![a-z])|"
               + _alt(n for n in _MONTH_NUMBER if n not in R.MONTH_FULL_NAMES) + r"\.)")
_WD = _alt(R.WEEKDAYS)
_D = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY_END = r"(?![\w%]|[:.]\d|,\d{3}(?!\d))"     # "May 1,000" and "March 6.5" are not days
_NUM = _alt(list(_NUMBER) + list(R.VAGUE_COUNTS)) + r"(?![a-z])|\d{1,3}(?![\d,.])"
_NUMC = _alt(_NUMBER) + r"(?![a-z])|\d{1,3}(?![\d,.])"
_LINK = rf"(?:{_S}(?:to|and|until|till|through|into){_S}|{_SO}[-–—/]{_SO})"
_QUAL = _alt(R.MONTH_QUALIFIERS)
_TZ = _alt(R.TIME_ZONES)


def _md(sfx: str) -> str:
    return rf"(?P<mon{sfx}>{_MON}){_SO}(?P<d{sfx}>{_D}){_ORD}{_DAY_END}"


def _dm(sfx: str) -> str:
    return (rf"(?:the{_S})?(?<![\d.,/:\-–])(?P<dd{sfx}>{_D}){_ORD}(?:{_S}of)?{_S}"
            rf"(?P<mm{sfx}>{_MON})")


def _yr(sfx: str) -> str:
    return rf"(?:,?{_S}|,)(?P<y{sfx}>{_YEAR})"


def _cue(table) -> str:
    return rf"(?:(?P<cue>{_alt(w for w, _ in table)}){_S})?"


_CUE_DAY = _cue(R.DAY_CUES)
_CUE_RANGE = _cue(R.RANGE_CUES)
_CUE_MONTH = _cue(R.MONTH_CUES)
_CUE_YEAR = _cue(R.YEAR_CUES)

# --- handlers -------------------------------------------------------------------------------


def _mention(ctx: _Ctx, m: re.Match, d: date | None, precision: str, kind: str, rule: str,
             until: date | None = None) -> DateMention:
    s, e = m.start(), m.end()
    if d is None:
        precision = "unknown"
    return DateMention(s, e, ctx.text[s:e], d, precision, kind, rule, until)


def _rule_name(base: str, cue: str | None) -> str:
    return base if not cue else f"{base}+{cue.replace(' ', '_')}"


def _cased(ctx: _Ctx, m: re.Match, group: str) -> bool:
    """Month names are proper nouns: "May" the month, "may" the verb."""
    s = m.start(group)
    return ctx.text[s].isupper()


def _word_before(ctx: _Ctx, pos: int, n: int = 1) -> str:
    return " ".join(ctx.low[max(0, pos - 40):pos].replace("’", "'").split()[-n:])


def _word_after(ctx: _Ctx, pos: int, original: bool = False) -> str:
    src = ctx.text if original else ctx.low
    parts = src[pos:pos + 30].split()
    return parts[0].strip(".,;:!?\"'()“”‘’") if parts else ""


def _day_from(m: re.Match, sfx: str) -> tuple[int, int] | None:
    """(month, day) from an _md or _dm group set."""
    if f"mon{sfx}" in m.re.groupindex and m.group(f"mon{sfx}"):
        mon, d = m.group(f"mon{sfx}"), m.group(f"d{sfx}")
    elif f"mm{sfx}" in m.re.groupindex and m.group(f"mm{sfx}"):
        mon, d = m.group(f"mm{sfx}"), m.group(f"dd{sfx}")
    else:
        return None
    return _MONTH_NUMBER[mon.rstrip(".")], int(d)


def _month_start_group(m: re.Match, sfx: str) -> str:
    if f"mon{sfx}" in m.re.groupindex and m.group(f"mon{sfx}"):
        return f"mon{sfx}"
    return f"mm{sfx}"


def _resolve_day(ctx: _Ctx, month: int, day: int, year: str | None, future_ok: bool = True
                 ) -> tuple[date | None, str]:
    """(date, note): note "" | "tz" | "future" | "noyear" | "invalid"."""
    if year:
        d = _safe_date(int(year), month, day)
        if d is None:
            return None, "invalid"
        if ctx.P is not None and (d - ctx.P).days > 1:
            return None, "future"
        return d, ""
    if _safe_date(2000, month, day) is None:     # 31 April, 30 February
        return None, "invalid"
    if ctx.P is None:
        return None, "noyear"
    return _latest_day(ctx.P, month, day, future_ok)


def _explicit(ctx: _Ctx, m: re.Match, month: int, day: int, year: str | None, base: str,
              cue: str | None, effect: str | None) -> DateMention | None:
    d, note = _resolve_day(ctx, month, day, year, future_ok=effect not in ("since", "night"))
    if note == "invalid":
        return None
    rule = _rule_name(base + ("_tz" if note == "tz" else ""), cue)
    if note == "future" or effect == "future":
        return _mention(ctx, m, None, "unknown", "future", rule)
    if effect == "since" and d is not None:
        if ctx.P is not None and d > ctx.P:     # no time-zone slack for a period's start
            d = _safe_date(d.year - 1, d.month, d.day)
        return _mention(ctx, m, d, "day", "period", rule, until=ctx.P)
    if effect == "rate":
        return _mention(ctx, m, None, "unknown", "period", rule)
    return _mention(ctx, m, d, "day", "explicit", rule)


def _h_iso(ctx, m, rule):
    return _explicit(ctx, m, int(m["m"]), int(m["d"]), m["y"], "iso", None, None)


def _h_dot(ctx, m, rule):
    return _explicit(ctx, m, int(m["m"]), int(m["d"]), m["y"], "numeric_dmy", None, None)


def _h_slash(ctx, m, rule):
    a, b = int(m["a"]), int(m["b"])
    if a == b or (a > 12 >= b):
        return _explicit(ctx, m, b, a, m["y"], "numeric_dmy", None, None)
    if b > 12 >= a:
        return _explicit(ctx, m, a, b, m["y"], "numeric_mdy", None, None)
    if a > 12 and b > 12:
        return None
    # 06/03/2024: 6 March or June 3 - not guessed
    return _mention(ctx, m, None, "unknown", "explicit", "numeric_ambiguous")


def _h_md(ctx, m, rule):
    month_group = _month_start_group(m, "")
    if not _cased(ctx, m, month_group):
        return None
    md = _day_from(m, "")
    if md is None:
        return None
    if md[0] == 5 and _word_before(ctx, m.start(month_group)) in R.MONTH_TRAPS_BEFORE:
        return None
    cue = _norm(m["cue"]) if m["cue"] else None
    effect = _DAY_CUE.get(cue) if cue else None
    if effect == "strict":          # "last March 3" is just March 3
        effect = None
    return _explicit(ctx, m, md[0], md[1], m["y"], rule.name, cue, effect)


def _h_named(ctx, m, rule):
    if not ctx.text[m.start("name")].isupper():
        return None
    if (_word_before(ctx, m.start()) in R.NAMED_TRAPS_BEFORE
            or _word_before(ctx, m.start(), 2) in R.NAMED_TRAPS_BEFORE):
        return None                 # "US Independence Day", "the United States Independence Day"
    month, day = _NAMED[_norm(m["name"])]
    cue = _norm(m["cue"]) if m["cue"] else None
    effect = _DAY_CUE.get(cue) if cue else None
    if effect == "strict":
        effect = None
    return _explicit(ctx, m, month, day, None, "named_day", cue, effect)


def _weekday_date(ctx: _Ctx, wd: int, effect: str | None) -> tuple[date | None, str]:
    """(date, kind) for a weekday under a cue effect."""
    P = ctx.P
    if effect == "future":
        return None, "future"
    if P is None:
        return None, "weekday"
    if effect == "strict":
        return strictly_before(P, wd), "weekday"
    if effect == "this":
        # "this Monday": the Monday of P's week if it is not after P, else still to come
        if wd <= P.weekday():
            return P - timedelta(days=P.weekday() - wd), "weekday"
        return None, "future"
    return on_or_before(P, wd), "weekday"


def _weekday_trapped(ctx: _Ctx, m: re.Match) -> bool:
    before1 = _word_before(ctx, m.start("wd"))
    before2 = _word_before(ctx, m.start("wd"), 2)
    if before1 in R.WEEKDAY_TRAPS_BEFORE or before2 in R.WEEKDAY_TRAPS_BEFORE:
        return True
    after_pos = m.end("wd")
    after = _word_after(ctx, after_pos, original=True)
    if after and after.lower() in R.WEEKDAY_TRAPS_AFTER_NOUNS:
        return True
    if after and after[0].isupper() and after.lower() in R.WEEKDAY_TRAPS_AFTER_NAMES:
        return True
    return False


def _h_weekday(ctx, m, rule):
    if _weekday_trapped(ctx, m):
        return None
    wd = _WEEKDAY_NUMBER[m["wd"]]
    cue = _norm(m["cue"]) if m["cue"] else None
    effect = _DAY_CUE.get(cue) if cue else None
    name = _rule_name("weekday", cue)
    if effect == "rate":
        return _mention(ctx, m, None, "unknown", "period", name)
    d, kind = _weekday_date(ctx, wd, effect)
    if kind == "future":
        return _mention(ctx, m, None, "unknown", "future", name)
    if effect == "since" and d is not None:
        return _mention(ctx, m, d, "day", "period", name, until=ctx.P)
    return _mention(ctx, m, d, "day", "weekday", name)


def _h_weekday_pair(ctx, m, rule):
    """"Saturday night into Sunday" (the morning day) or "from Monday to Wednesday" (a span)."""
    if _weekday_trapped(ctx, m):
        return None
    cue = _norm(m["cue"]) if m["cue"] else ""
    link = _norm(m["link"])
    wd1, wd2 = _WEEKDAY_NUMBER[m["wd1"]], _WEEKDAY_NUMBER[m["wd"]]
    night = bool(m["part"]) or "night" in cue or "overnight" in cue
    if night and link in ("into", "to", "-", "–", "—", "/"):
        d, kind = _weekday_date(ctx, wd2, None)
        return _mention(ctx, m, d, "day", "weekday", "night_into_weekday")
    if cue in ("from", "between") or link in ("through", "until", "till", "-", "–", "—"):
        if ctx.P is None:
            return _mention(ctx, m, None, "unknown", "period", "weekday_span")
        end = on_or_before(ctx.P, wd2)
        start = end - timedelta(days=(wd2 - wd1) % 7)
        return _mention(ctx, m, start, "day", "period", "weekday_span", until=end)
    return None


def _range_bounds(ctx: _Ctx, m1: int, d1: int, m2: int, d2: int, y1: str | None,
                  y2: str | None) -> tuple[date, date] | str | None:
    """Both ends of a day range; the year comes from the text or from the end day.

    "future" when a year-less range lies just ahead of P; None when it is no range.
    """
    if y2 or y1:
        ey = int(y2 or y1)
        end = _safe_date(ey, m2, d2)
        sy = int(y1) if y1 else (ey if (m1, d1) <= (m2, d2) else ey - 1)
        start = _safe_date(sy, m1, d1)
    else:
        if ctx.P is None:
            return None
        end, note = _latest_day(ctx.P, m2, d2)
        if note == "future":
            return "future"
        if end is None:
            return None
        sy = end.year if (m1, d1) <= (m2, d2) else end.year - 1
        start = _safe_date(sy, m1, d1)
    if start is None or end is None or start > end:
        return None
    return start, end


def _range_mention(ctx, m, bounds, base: str, cue_table: dict) -> DateMention | None:
    cue = _norm(m["cue"]) if m.re.groupindex.get("cue") and m["cue"] else None
    effect = cue_table.get(cue) if cue else None
    if bounds is None:
        if ctx.P is None:
            return _mention(ctx, m, None, "unknown", "period", _rule_name(base, cue))
        return None
    if bounds == "future":
        return _mention(ctx, m, None, "unknown", "future", _rule_name(base, cue))
    start, end = bounds
    if ctx.P is not None and (start - ctx.P).days > 1:
        return _mention(ctx, m, None, "unknown", "future", _rule_name(base, cue))
    if effect == "night":
        # "the night of 14-15 March": one night; the strikes landed on the morning day
        return _mention(ctx, m, end, "day", "explicit", _rule_name("night_range", cue))
    return _mention(ctx, m, start, "day", "period", _rule_name(base, cue), until=end)


def _h_range_days(ctx, m, rule):
    """"Nov. 1-20", "between 10 and 15 March", "the night of 14-15 March"."""
    if not _cased(ctx, m, "mon"):
        return None
    month = _MONTH_NUMBER[m["mon"].rstrip(".")]
    d1, d2 = int(m["d"]), int(m["d2"])
    if d2 <= d1:
        return None
    bounds = _range_bounds(ctx, month, d1, month, d2, None, m["y"])
    return _range_mention(ctx, m, bounds, rule.name, _RANGE_CUE)


def _h_range_dates(ctx, m, rule):
    first, second = _day_from(m, "1"), _day_from(m, "2")
    if first is None or second is None:
        return None
    if not (_cased(ctx, m, _month_start_group(m, "1"))
            and _cased(ctx, m, _month_start_group(m, "2"))):
        return None
    bounds = _range_bounds(ctx, first[0], first[1], second[0], second[1], m["y1"], m["y2"])
    return _range_mention(ctx, m, bounds, "range_dates", {"between": "range", "from": "range"})


def _month_number(ctx: _Ctx, m: re.Match, group: str) -> int | None:
    name = m[group]
    if not _cased(ctx, m, group):
        return None
    return _MONTH_NUMBER[name.rstrip(".")]


def _h_range_months(ctx, m, rule):
    m1, m2 = _month_number(ctx, m, "mon"), _month_number(ctx, m, "mon2")
    if m1 is None or m2 is None or m1 == m2:
        return None
    cue = _norm(m["cue"])
    y1, y2 = m["y"], m["y2"]
    if y1 or y2:
        ey = int(y2 or y1)
        sy = int(y1) if y1 else (ey if m1 < m2 else ey - 1)
        start, end = date(sy, m1, 1), _month_end(date(ey, m2, 1))
    elif ctx.P is None:
        return _mention(ctx, m, None, "unknown", "period", _rule_name("month_range", cue))
    else:
        end_first = _latest_month(ctx.P, m2)
        end = _month_end(end_first)
        sy = end_first.year if m1 < m2 else end_first.year - 1
        start = date(sy, m1, 1)
    if start > end:
        return None
    if ctx.P is not None and start > ctx.P:
        return _mention(ctx, m, None, "unknown", "future", _rule_name("month_range", cue))
    return _mention(ctx, m, start, "month", "period", _rule_name("month_range", cue), until=end)


def _h_range_years(ctx, m, rule):
    y1, y2 = int(m["y"]), int(m["y2"])
    if y2 <= y1:
        return None
    return _mention(ctx, m, date(y1, 1, 1), "unknown", "period", "year_range",
                    until=date(y2, 12, 31))


def _h_month(ctx, m, rule):
    month = _month_number(ctx, m, "mon")
    if month is None:
        return None
    cue = _norm(m["cue"]) if m["cue"] else None
    qual = _norm(m["q"]) if m["q"] else None
    year = m.re.groupindex.get("y") and m["y"]
    if not (cue or qual or year):
        return None                 # a bare "May" or "March" is too often a verb or a name
    if month == 5:
        if _word_before(ctx, m.start("mon")) in R.MONTH_TRAPS_BEFORE:
            return None
        if ctx.low.startswith(("'s", "’s"), m.end("mon")):
            return None             # "May's government"
    effect = _MONTH_CUE.get(cue, "plain") if cue else "plain"
    base = "month_year" if year else "month"
    if qual:
        base += "_" + qual.split()[-2 if qual.endswith(" of") else -1]
    name = _rule_name(base, cue)
    P = ctx.P
    if year:
        first = date(int(year), month, 1)
        if P is not None and first > P:
            return _mention(ctx, m, None, "unknown", "future", name)
    elif P is None:
        return _mention(ctx, m, None, "unknown", "future" if effect == "future" else "month",
                        name)
    elif effect == "future":
        return _mention(ctx, m, None, "unknown", "future", name)
    elif effect in ("this", "deadline"):
        if month > P.month:
            return _mention(ctx, m, None, "unknown", "future", name)
        first = date(P.year, month, 1)
    else:
        first = _latest_month(P, month, strict=(effect == "strict"))
    if effect == "since":
        return _mention(ctx, m, first, "month", "period", name, until=P)
    return _mention(ctx, m, first, "month", "month", name)


def _h_year(ctx, m, rule):
    cue = _norm(m["cue"]) if m["cue"] else None
    qual = m["q"]
    if not (cue or qual):
        return None
    if _word_after(ctx, m.end()) in R.YEAR_COUNT_NOUNS:
        return None                 # "a crowd of 2000 people"
    y = int(m["y"])
    P = ctx.P
    name = _rule_name("year", cue)
    if P is not None and y > P.year:
        return _mention(ctx, m, None, "unknown", "future", name)
    until = date(y, 12, 31)
    if P is not None and (y == P.year or _YEAR_CUE.get(cue) == "since"):
        until = P
    return _mention(ctx, m, date(y, 1, 1), "unknown", "period", name, until=until)


_WAR_START = date(*R.WAR_START)


def _h_since_war(ctx, m, rule):
    if ctx.P is not None and ctx.P < _WAR_START:
        # before 24 February 2022 "since the war began" means 2014: not guessed
        return _mention(ctx, m, None, "unknown", "period", "since_war")
    return _mention(ctx, m, _WAR_START, "day", "period", "since_war", until=ctx.P)


def _h_since_start(ctx, m, rule):
    P = ctx.P
    if P is None:
        return _mention(ctx, m, None, "unknown", "period", "since_start_of")
    unit = m["unit"]
    start = {"year": date(P.year, 1, 1), "month": date(P.year, P.month, 1),
             "week": P - timedelta(days=P.weekday())}[unit]
    return _mention(ctx, m, start, "day", "period", f"since_start_of_{unit}", until=P)


def _count(word: str | None) -> int | None:
    """A count from digits or words; None for vague counts ("a few")."""
    if word is None:
        return None
    w = _norm(word)
    if w.isdigit():
        return int(w)
    return _NUMBER.get(w)


def _unit(word: str) -> str:
    w = _norm(word)
    if w.endswith("hours"):
        return "hour"
    return w[:-1] if w.endswith("s") else w


def _shift(P: date, n: int, unit: str) -> tuple[date, str]:
    """P moved back by n units, with the precision that distance allows."""
    if unit == "hour":
        return P - timedelta(days=n // 24), "day"
    if unit in ("day", "night"):
        return P - timedelta(days=n), "day"
    if unit == "week":
        return P - timedelta(days=7 * n), "week"
    if unit == "month":
        return _add_months(P, -n), "month"
    if unit == "year":
        return _add_months(P, -12 * n), "unknown"
    return _add_months(P, -120 * n), "unknown"     # decades


def _vague_precision(unit: str) -> str:
    return {"hour": "day", "day": "week", "night": "week", "week": "month"}.get(unit, "unknown")


def _h_ago(ctx, m, rule):
    unit = _unit(m["unit"])
    n_word = m["n"]
    n = _count(n_word) if n_word else None
    P = ctx.P
    if n is None:                       # "days ago", "a few weeks ago": about then
        prec = _vague_precision(unit)
        return _mention(ctx, m, P, prec if P else "unknown", "vague", f"ago_vague_{unit}")
    if P is None:
        return _mention(ctx, m, None, "unknown", "age", f"ago_{unit}")
    d, prec = _shift(P, n, unit)
    return _mention(ctx, m, d, prec, "age", f"ago_{unit}")


def _takes_object(ctx: _Ctx, end: int) -> bool:
    """ "a week before [the invasion]": the phrase counts from what follows, not from P."""
    rest = ctx.low[end:end + 3].lstrip(" \t\xa0")
    return bool(rest) and (rest[0].isalnum() or rest[0] in "\"'“‘")


def _h_later(ctx, m, rule):
    """"two days later" counts from the story's last day; "a day earlier" from P (CODEBOOK);
    "a week before the invasion" from the date that follows, if the text gives it."""
    n = _count(m["n"])
    if n is None:
        return None
    unit = _unit(m["unit"])
    direction = _norm(m["dir"])
    anchored = _takes_object(ctx, m.end())
    if direction == "on" and anchored:
        return None                 # "adjourned for 11 days on Friday"
    sign = -1 if direction in ("earlier", "before") else 1
    days = n * (7 if unit == "week" else 1)
    precision = "week" if unit == "week" else "day"
    if unit == "month" and (anchored or sign > 0):
        return _mention(ctx, m, None, "unknown", "relative", f"{unit}s_{direction}")
    if anchored and direction in ("before", "after"):
        # "a day before the strike on X" is P - 1 by the codebook unless the date of X follows
        fallback = (ctx.P - timedelta(days=1)
                    if ctx.P is not None and days == 1 and sign < 0 else None)
        return _Narrative(m.start(), m.end(), ctx.text[m.start():m.end()], sign * days,
                          precision, f"{n}_{unit}_{direction}_next_date", anchor="next",
                          fallback=fallback)
    if sign > 0:
        return _Narrative(m.start(), m.end(), ctx.text[m.start():m.end()], days,
                          precision, f"{n}_{unit}_later_than_last_date")
    if ctx.P is None:
        return _mention(ctx, m, None, "unknown", "relative", f"{unit}s_earlier")
    d, prec = _shift(ctx.P, n, unit)
    return _mention(ctx, m, d, prec, "relative", f"{unit}s_earlier" if n > 1 else
                    f"{unit}_earlier")


def _h_past(ctx, m, rule):
    """"over the past week", "in the last 24 hours": a period up to P."""
    unit = _unit(m["unit"])
    n_word = m["n"]
    if unit.startswith(("24", "48", "72")):
        n, unit = int(unit[:2]), "hour"
    else:
        n = _count(n_word) if n_word else 1
    P = ctx.P
    if n is None:                       # "in the past few days": about then
        return _mention(ctx, m, P, _vague_precision(unit) if P else "unknown", "vague",
                        f"past_few_{unit}s")
    if P is None:
        return _mention(ctx, m, None, "unknown", "period", f"past_{unit}s")
    start, prec = _shift(P, n, unit)
    if unit == "day" and n > 1:
        prec = "week" if n <= 7 else "month"
    if unit == "week" and n > 1:
        prec = "month"
    return _mention(ctx, m, start, prec, "period", f"past_{unit}s", until=P)


def _today_trapped(ctx: _Ctx, m: re.Match) -> bool:
    s = m.start()
    if not ctx.low.startswith("today", s) or not ctx.text[s].isupper():
        return False
    if _word_before(ctx, s) in R.TODAY_TRAPS_BEFORE:
        return True                 # Russia Today, USA Today
    return _word_after(ctx, m.end()) in R.TODAY_TRAPS_AFTER    # the Today programme


def _h_phrase(ctx, m, rule):
    key = _norm(m.group()).replace("‐", "-")
    spec = _PHRASE_LOOKUP.get(key)
    if spec is None:
        return None
    kind, how, arg, precision = spec
    if _today_trapped(ctx, m):
        return None
    P = ctx.P
    rule_name = "phrase:" + key
    if how == "future":
        return _mention(ctx, m, None, "unknown", "future", rule_name)
    if how == "rate":
        return _mention(ctx, m, None, "unknown", kind, rule_name)
    if key.endswith(_ANCHORABLE) and _takes_object(ctx, m.end()):
        # "the day before Independence Day": counted from the date that follows; without
        # one, "the day before" keeps its codebook reading (P - 1)
        fallback = P + timedelta(days=arg) if (P is not None and how == "offset") else None
        return _Narrative(m.start(), m.end(), ctx.text[m.start():m.end()], arg, precision,
                          rule_name + "_next_date", anchor="next", fallback=fallback)
    if how == "narrative":
        return _Narrative(m.start(), m.end(), ctx.text[m.start():m.end()], arg, precision,
                          rule_name)
    if P is None:
        return _mention(ctx, m, None, "unknown", kind, rule_name)
    if how == "offset":
        return _mention(ctx, m, P + timedelta(days=arg), precision, kind, rule_name)
    if how == "month":
        return _mention(ctx, m, _add_months(P, arg), precision, kind, rule_name)
    if how == "year":
        y = P.year + arg
        until = P if arg == 0 else date(y, 12, 31)
        return _mention(ctx, m, date(y, 1, 1), precision, kind, rule_name, until=until)
    return None


def _h_time(ctx, m, rule):
    P = ctx.P
    return _mention(ctx, m, P, "day" if P else "unknown", "time", rule.name)


# --- narrative days ("the next day") ------------------------------------------------------

_ANCHORABLE = ("before", "after", "prior")


@dataclass(frozen=True)
class _Narrative:
    """A day counted from another day of the text, resolved once all mentions are known:
    anchor "prev" counts from the day the text spoke of last ("the next day", "two days
    later"); "next" from the date right after it ("the day before Independence Day")."""

    start: int
    end: int
    text: str
    days: int
    precision: str
    rule: str
    anchor: str = "prev"
    fallback: date | None = None    # the date when there is nothing to count from


def _is_day(f) -> bool:
    return (isinstance(f, DateMention) and f.precision == "day" and f.date is not None
            and f.kind in ("explicit", "weekday", "relative", "period"))


def _resolve_narrative(found: list, P: date | None) -> list[DateMention]:
    out: list[DateMention] = []
    last: DateMention | None = None         # the last dated, non-period mention
    for i, f in enumerate(found):
        if isinstance(f, _Narrative):
            base, precision = None, f.precision
            if f.anchor == "next":
                nxt = found[i + 1] if i + 1 < len(found) else None
                if _is_day(nxt) and nxt.start - f.end <= 3:
                    base = nxt.date
            elif last is not None and last.precision == "day":
                base = last.date
            elif last is not None and f.days == 0:
                # "in early March ... hit two schools that day": as precise as March
                base, precision = last.date, last.precision
            d = base + timedelta(days=f.days) if base else f.fallback
            if d is not None and P is not None and d > P:
                d = None            # counted past the publication day: not a past event
            out.append(DateMention(f.start, f.end, f.text, d, precision if d else "unknown",
                                   "relative", f.rule))
            continue
        out.append(f)
        if f.date is not None and f.kind not in ("period", "future", "time"):
            last = f
    return out


# --- rules and families ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern
    handler: Callable


def _rule(name: str, pattern: str, handler: Callable) -> _Rule:
    return _Rule(name, re.compile(pattern), handler)


_PHRASE_LOOKUP = {_norm(k): v for k, v in R.PHRASES.items()}

_DAY_GROUPS = rf"(?:{_md('')}|{_dm('')})(?:{_yr('')})?"

_RULES: dict[str, _Rule] = {r.name: r for r in (
    _rule("weekday_pair",
          rf"(?:(?P<cue>(?:(?:on|during){_S})?(?:the{_S})?night{_S}(?:of|from|between)"
          rf"|overnight(?:{_S}from)?|from|between){_S})?"
          rf"(?P<wd1>{_WD})(?:['’]s)?(?:{_S}(?P<part>night|evening|overnight))?"
          rf"(?P<link>{_S}(?:into|to|and|through|until|till){_S}|{_SO}[-–—/]{_SO})"
          rf"(?:the{_S}(?:early|small|wee){_S}hours{_S}of{_S}|early{_S})?"
          rf"(?P<wd>{_WD})(?![a-z])", _h_weekday_pair),
    _rule("weekday_date",
          rf"{_CUE_DAY}(?:(?:early|late){_S}(?:on{_S})?)?(?P<wd>{_WD})(?:['’]s)?,?{_S}"
          rf"(?:the{_S})?{_DAY_GROUPS}", _h_md),
    _rule("weekday",
          rf"{_CUE_DAY}(?:(?P<q>early|late){_S}(?:on{_S})?)?(?P<wd>{_WD})(?P<poss>['’]s)?"
          rf"(?:{_S}(?P<part>morning|afternoon|evening|night|overnight|lunchtime|midday))?"
          rf"(?![a-z])", _h_weekday),
    _rule("range_dates",
          rf"(?P<cue>between|from){_S}(?:{_md('1')}|{_dm('1')})(?:{_yr('1')})?{_LINK}"
          rf"(?:{_md('2')}|{_dm('2')})(?:{_yr('2')})?", _h_range_dates),
    _rule("range_md",
          rf"{_CUE_RANGE}(?P<mon>{_MON}){_SO}(?P<d>{_D}){_ORD}{_LINK}(?P<d2>{_D}){_ORD}"
          rf"{_DAY_END}(?:{_yr('')})?", _h_range_days),
    _rule("range_dm",
          rf"{_CUE_RANGE}(?:the{_S})?(?<![\d.,/:\-–])(?P<d>{_D}){_ORD}{_LINK}(?:the{_S})?"
          rf"(?P<d2>{_D}){_ORD}(?:{_S}of)?{_S}(?P<mon>{_MON})(?:{_yr('')})?", _h_range_days),
    _rule("month_range",
          rf"(?P<cue>between|from|in|during|throughout|since|for){_S}"
          rf"(?:{_QUAL}(?:-|{_S}))?(?P<mon>{_MONTH_LONE})(?:,?{_S}(?P<y>{_YEAR}))?"
          rf"(?:{_S}(?:to|and|until|till|through|or){_S}|{_SO}[-–—]{_SO})"
          rf"(?:{_QUAL}(?:-|{_S}))?(?P<mon2>{_MONTH_LONE})(?:,?{_S}(?P<y2>{_YEAR}))?",
          _h_range_months),
    _rule("md", rf"{_CUE_DAY}{_md('')}(?:{_yr('')})?", _h_md),
    _rule("dm", rf"{_CUE_DAY}{_dm('')}(?:{_yr('')})?", _h_md),
    _rule("month_year",
          rf"{_CUE_MONTH}(?:(?P<q>{_QUAL})(?:-|{_S}))?(?P<mon>{_MONTH_LONE}),?{_S}"
          rf"(?P<y>{_YEAR})", _h_month),
    _rule("month",
          rf"{_CUE_MONTH}(?:(?P<q>{_QUAL})(?:-|{_S}))?(?P<mon>{_MONTH_LONE})(?!{_SO}\d)",
          _h_month),
    _rule("named_day",
          rf"{_CUE_DAY}(?:ukraine['’]s{_S})?(?P<name>{_alt(_NAMED)})(?![a-z])", _h_named),
    _rule("year_range",
          rf"(?P<cue>between|from){_S}(?P<y>{_YEAR}){_LINK}(?P<y2>{_YEAR})", _h_range_years),
    _rule("iso", rf"(?P<y>{_YEAR})-(?P<m>0?[1-9]|1[0-2])-(?P<d>[12]\d|3[01]|0?[1-9])(?!\d)",
          _h_iso),
    _rule("numeric_dmy",
          rf"(?<![\d.])(?P<d>[12]\d|3[01]|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>{_YEAR})"
          rf"(?!\.\d)", _h_dot),
    _rule("numeric_slash", rf"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{_YEAR})",
          _h_slash),
    _rule("year",
          rf"{_CUE_YEAR}(?:(?P<q>early|mid|late)(?:-|{_S}))?(?P<y>{_YEAR})(?![\w%]|[.,]\d)",
          _h_year),
    _rule("time_ampm",
          rf"(?:(?P<cue>{_alt(R.TIME_CUES)}){_S})?(?<![\d.,:])(?P<h>1[0-2]|0?\d)"
          rf"(?:[:.](?P<mi>[0-5]\d))?{_SO}(?P<ap>[ap])(?:\.{_SO}m\.?|m(?![a-z]))", _h_time),
    _rule("time_24h",
          rf"(?P<cue>{_alt(R.TIME_CUES)}){_S}(?<![\d.,:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)"
          rf"(?![\d]|[.,:]\d)(?:{_SO}(?P<tz>{_TZ})(?![a-z]))?", _h_time),
    _rule("time_zone",
          rf"(?<![\d.,:])(?P<h>[01]?\d|2[0-3])[:.h]?(?P<mi>[0-5]\d){_SO}(?P<tz>{_TZ})(?![a-z])",
          _h_time),
    _rule("since_war",
          rf"(?:ever{_S})?since{_S}(?P<what>{_alt(R.SINCE_WAR)})(?![a-z])"
          rf"(?!{_S}in{_S}(?:19|20)\d\d)", _h_since_war),
    _rule("since_start_of",
          rf"(?:ever{_S})?since{_S}the{_S}(?:start|beginning){_S}of{_S}(?:the|this){_S}"
          rf"(?P<unit>year|month|week)(?![a-z])", _h_since_start),
    _rule("ago",
          rf"(?:(?P<n>{_NUM}){_S})?(?P<unit>hours?|days?|weeks?|months?|years?|decades?)"
          rf"{_S}ago(?![a-z])", _h_ago),
    _rule("later",
          rf"(?P<n>{_NUMC}){_S}(?P<unit>days?|nights?|weeks?|months?){_S}"
          rf"(?P<dir>later|earlier|before|after|on)(?![a-z])", _h_later),
    _rule("past",
          rf"(?P<cue>over|in|during|for|within|throughout|across){_S}(?:the|these){_S}"
          rf"(?:past|last|previous|preceding){_S}(?:(?P<n>{_NUM}){_S})?"
          rf"(?P<unit>24{_S}hours|48{_S}hours|72{_S}hours|hours?|days?|weeks?|months?|years?)"
          rf"(?![a-z])(?!{_S}(?:of|before|in)(?![a-z]))", _h_past),
    _rule("phrase", _alt(_PHRASE_LOOKUP) + r"(?![a-z])", _h_phrase),
)}

# Families: which rules an anchor word calls, in order of preference at one position.
_FAMILIES: dict[str, tuple[str, ...]] = {
    "weekday": ("weekday_pair", "weekday_date", "weekday"),
    "month": ("range_dates", "range_md", "range_dm", "month_range", "weekday_date", "md", "dm",
              "month_year", "month"),
    "named": ("named_day",),
    "digits": ("year_range", "iso", "numeric_dmy", "numeric_slash", "year", "time_ampm",
               "time_24h", "time_zone"),
    "phrase": ("since_war", "since_start_of", "ago", "later", "past", "phrase", "time_ampm"),
}
# Anchors are read family by family: names of days and months first, so that "overnight on
# Dec. 21" is read whole before "overnight" alone is.
_FAMILY_PRIORITY = {"weekday": 0, "month": 1, "named": 2, "digits": 3, "phrase": 4}

_ANCHOR_WORDS: dict[str, str] = {}
for _name in R.WEEKDAYS:
    _ANCHOR_WORDS[_name] = "weekday"
for _name in _MONTH_NUMBER:
    _ANCHOR_WORDS[_name] = "month"
for _name in _NAMED:
    _ANCHOR_WORDS[_name.split(" of ")[0]] = "named"
for _name in ("today", "tonight", "tomorrow", "yesterday", "overnight", "night", "nights",
              "morning", "evening", "afternoon", "hours", "week", "weeks", "weekend", "month",
              "months", "year", "decades", "recent", "recently", "ago", "day", "days",
              "since", "dawn", "midnight", "noon", "daybreak", "lunchtime", "clock"):
    _ANCHOR_WORDS[_name] = "phrase"
for _name in R.TIME_ZONES:
    _ANCHOR_WORDS.setdefault(_name, "digits")

_ANCHOR = re.compile(
    r"(?<![a-z0-9])(?:(?P<w>" + _alt(_ANCHOR_WORDS) + r")(?![a-z])"
    r"|(?P<n>(?:19|20)\d\d(?!\d)|\d{1,2}(?:[:./]\d|" + _SO + r"[ap]\.?m(?![a-z]))))"
)


def _anchor_family(m: re.Match) -> str:
    w = m.group("w")
    if w is None:
        return "digits"
    return _ANCHOR_WORDS.get(_norm(w), "phrase")


def _family_regex(names: tuple[str, ...]) -> re.Pattern:
    parts = []
    for i, name in enumerate(names):
        body = re.sub(r"\(\?P<\w+>", "(?:", _RULES[name].regex.pattern)
        parts.append(f"(?P<R{i}>{body})")
    return re.compile("|".join(parts))


_FAMILY_REGEX = {fam: _family_regex(names) for fam, names in _FAMILIES.items()}
_FAMILY_RULES = {fam: tuple(_RULES[n] for n in names) for fam, names in _FAMILIES.items()}

# where a cue or the start of a range can begin: a word start before the anchor whose word
# can open an expression (a cue, a number, a day or month name); other words are skipped
_STARTERS = frozenset(
    phrase.replace("’", "'").replace("-", " ").split()[0].split("'")[0]
    for table in (R.DAY_CUES, R.RANGE_CUES, R.MONTH_CUES, R.YEAR_CUES)
    for phrase, _ in table
) | frozenset(
    p.replace("-", " ").split()[0].split("'")[0]
    for p in (list(R.PHRASES) + list(R.MONTH_QUALIFIERS) + list(R.TIME_CUES)
              + list(_NUMBER) + list(R.VAGUE_COUNTS) + list(_NAMED) + list(_WEEKDAY_NUMBER)
              + list(_MONTH_NUMBER))
) | frozenset({"since", "ever", "over", "in", "during", "for", "within", "throughout",
               "across", "the", "early", "late", "mid", "ukraine", "between", "from"})
_STARTER = re.compile(r"(?<![a-z0-9])(?:" + _alt(_STARTERS) + r"(?![a-z])|\d)")
_LOOKBACK = 64          # characters: the longest cue ("on the night of", "between 10 and")
_LOOKAHEAD = 80
_MAX_STARTS = 6         # "between the 10th and the 15th of March": six openers back


def _read_at_anchor(ctx: _Ctx, fam: str, s: int, e: int):
    low = ctx.low
    line_start = low.rfind("\n", 0, s) + 1
    back = max(line_start, s - _LOOKBACK)
    starts = [c.start() for c in _STARTER.finditer(low, back, s)][-_MAX_STARTS:]
    starts.append(s)
    line_end = low.find("\n", e)
    end = min(len(low), e + _LOOKAHEAD) if line_end < 0 else min(line_end, e + _LOOKAHEAD)
    master = _FAMILY_REGEX[fam]
    rules = _FAMILY_RULES[fam]
    for pos in starts:
        m = master.match(low, pos, end)
        if m is None or m.end() <= s:
            continue
        first = int(m.lastgroup[1:])
        # the first rule that matches here; if its handler says no, try the others
        for rule in rules[first:]:
            rm = rule.regex.match(low, pos, end)
            if rm is None or rm.end() <= s:
                continue
            result = rule.handler(ctx, rm, rule)
            if result is not None:
                return result
    return None
