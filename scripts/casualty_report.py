#!/usr/bin/env python
"""Run the casualty finder over articles, and compare it with gold figures.

    python scripts/casualty_report.py ARTICLES.jsonl                  # every mention found
    python scripts/casualty_report.py ARTICLES.jsonl --gold GOLD.jsonl  # gold vs found

With ``--gold``, each gold event's killed / injured figure is set next to what
``find_casualties`` returns on the event's ``quote`` (the source sentence), then on every
sentence of the article (for gold events whose quote is not the sentence with the figure,
or that have no quote). A summary counts the figures reproduced exactly: ``min`` alone,
and ``min`` and ``max`` together. The corpus stays outside the repository: pass its path.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from strikewatch.extract.casualties import CasualtyMention, find_casualties
from strikewatch.extract.numbers import find_quantities
from strikewatch.model import Count

# A naive splitter is enough here: end punctuation before a capital or a quote, or a line break.
_SENTENCE_RE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(A-Z0-9])|\n+")
FIELDS = ("killed", "injured", "killed_unconfirmed")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text) if s and s.strip()]


def fmt(c: Count | dict | None) -> str:
    if c is None:
        return "-"
    if isinstance(c, dict):
        c = Count.from_dict(c)
    return f"{c.min if c.min is not None else '?'}..{c.max if c.max is not None else '∞'}"


def fmt_mention(m: CasualtyMention) -> str:
    flags = "".join(f for f, on in (("B", m.breakdown), ("T", m.toll_update),
                                    ("F", m.foreign), ("?", not m.confirmed)) if on)
    return f"{m.kind} {fmt(m.count)} [{m.rule}{' ' + flags if flags else ''}]"


def load(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def report_mentions(articles: list[dict]) -> None:
    n_sent = n_mentions = 0
    kinds: Counter[str] = Counter()
    t0 = time.perf_counter()
    for art in articles:
        for sent in sentences(art.get("text") or ""):
            n_sent += 1
            found = find_casualties(sent)
            if not found:
                continue
            print(f"{art['id']}: {sent[:220]}")
            for m in found:
                n_mentions += 1
                kinds[m.kind] += 1
                print(f"    {fmt_mention(m)}  «{sent[m.start:m.end]}»")
    dt = time.perf_counter() - t0
    print(f"\n{len(articles)} articles, {n_sent} sentences, {n_mentions} mentions "
          f"({dict(kinds)}), {dt:.2f}s ({len(articles) / dt if dt else 0:.0f} articles/s)")


def matches(found: list[CasualtyMention], field: str, gold: dict) -> tuple[bool, bool]:
    """(min reproduced, min and max reproduced) by a mention of the field's kind."""
    same = [m for m in found if m.kind == field]
    by_min = any(m.count.min == gold.get("min") for m in same)
    exact = any(m.count.min == gold.get("min") and m.count.max == gold.get("max") for m in same)
    return by_min, exact


def stated_in(quote: str, gold: dict, found_min: bool) -> bool:
    """Whether the quote states the gold figure at all (many quotes are the sentence with
    the place or the attack, and the figure sits in another sentence)."""
    if found_min:
        return True
    values = {gold.get("min"), gold.get("max")} - {None}
    return any(q.count.min in values or q.count.max in values or q.value in values
               for q in find_quantities(quote))


def report_gold(articles: list[dict], gold_rows: list[dict]) -> None:
    by_id = {a["id"]: a for a in articles}
    stats: Counter[str] = Counter()
    misses: list[str] = []
    for row in gold_rows:
        art = by_id.get(row["id"])
        art_sents = sentences(art.get("text") or "") if art else []
        art_found = [m for s in art_sents for m in find_casualties(s)]
        for ev in row.get("events", []):
            quote = ev.get("quote")
            q_found = find_casualties(quote) if quote else []
            for field in FIELDS:
                gold = ev.get(field)
                if gold is None:
                    if quote and any(m.kind == field and not m.breakdown for m in q_found):
                        stats[f"{field}: extra on quote (gold null)"] += 1
                    continue
                stats[f"{field}: gold"] += 1
                if quote:
                    stats[f"{field}: gold with quote"] += 1
                q_min, q_exact = matches(q_found, field, gold)
                a_min, a_exact = matches(art_found, field, gold)
                if quote and stated_in(quote, gold, q_min):
                    stats[f"{field}: gold stated in its quote"] += 1
                stats[f"{field}: min on quote"] += q_min
                stats[f"{field}: min+max on quote"] += q_exact
                stats[f"{field}: min in article"] += a_min
                stats[f"{field}: min+max in article"] += a_exact
                mark = "ok " if q_min else ("art" if a_min else "MISS")
                if quote and not q_min and not stated_in(quote, gold, q_min):
                    mark += " (figure not in quote)"
                line = (f"[{mark}] {row['id']} {field} gold {fmt(gold)} | on quote: "
                        f"{', '.join(fmt_mention(m) for m in q_found if m.kind == field) or '-'}")
                print(line)
                if quote:
                    print(f"      quote: {quote[:240]}")
                if quote and not q_min:
                    misses.append(line)
                if not quote:
                    stats[f"{field}: gold without quote (article only)"] += 1
    print("\nSummary")
    for key in sorted(stats):
        print(f"  {key:40s} {stats[key]}")
    for field in ("killed", "injured"):
        g = stats[f"{field}: gold with quote"]
        if g:
            stated = stats[f"{field}: gold stated in its quote"]
            print(f"  {field}: min reproduced on quote {stats[f'{field}: min on quote']}/{g} "
                  f"= {stats[f'{field}: min on quote'] / g:.0%}; on quotes that state the "
                  f"figure {stats[f'{field}: min on quote']}/{stated}; anywhere in the article "
                  f"{stats[f'{field}: min in article']}/{stats[f'{field}: gold']}")
    print(f"\n{len(misses)} gold figures with a quote not reproduced on it")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", help="articles.jsonl (id, text)")
    ap.add_argument("--gold", help="gold.jsonl with events carrying a 'quote'")
    args = ap.parse_args(argv)
    if not Path(args.articles).exists():
        print(f"no such file: {args.articles}", file=sys.stderr)
        return 2
    articles = load(args.articles)
    if args.gold:
        report_gold(articles, load(args.gold))
    else:
        report_mentions(articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
