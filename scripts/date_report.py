#!/usr/bin/env python
"""Run the time-expression finder over articles, and compare it with gold event dates.

    python scripts/date_report.py ARTICLES.jsonl                    # every mention found
    python scripts/date_report.py ARTICLES.jsonl --gold GOLD.jsonl  # gold dates vs found
    python scripts/date_report.py ARTICLES.jsonl --speed            # throughput only

With ``--gold``, each gold event's ``quote`` (its source sentence) is read in its article
(or alone, if the quote is not found verbatim) with the article's publication date, and the
report says whether some mention inside the quote resolves to the gold ``date``. A miss where the quote holds no time expression at all is expected:
the extractor dates such events from context (the paragraph, or P with precision week).
Gold events without a quote are checked against every mention of the whole article.
The corpus stays outside the repository: pass its path.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from strikewatch.extract.dates import DateMention, find_dates, parse_published


def load(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def fmt(m: DateMention) -> str:
    until = f"..{m.until}" if m.until else ""
    return f"{m.text!r} -> {m.date}{until} {m.precision} {m.kind} [{m.rule}]"


def report_mentions(articles: list[dict]) -> None:
    kinds: Counter[str] = Counter()
    for art in articles:
        P = parse_published(art.get("published"))
        mentions = find_dates(art.get("text") or "", P)
        print(f"== {art['id']}  published {P}  ({len(mentions)} mentions)")
        for m in mentions:
            kinds[m.kind] += 1
            print(f"   {m.start:>6} {fmt(m)}")
    print("\nmentions by kind:", dict(kinds.most_common()))


def report_gold(articles: list[dict], gold: list[dict]) -> None:
    by_id = {a["id"]: a for a in articles}
    cache: dict[str, list[DateMention]] = {}

    def article_mentions(art_id: str, text: str, P) -> list[DateMention]:
        if art_id not in cache:
            cache[art_id] = find_dates(text, P)
        return cache[art_id]

    tally: Counter[str] = Counter()
    misses: list[str] = []
    for g in gold:
        art = by_id.get(g["id"])
        if art is None:
            continue
        P = parse_published(art.get("published"))
        for ev in g.get("events") or []:
            gold_date, gold_prec = ev.get("date"), ev.get("date_precision")
            quote = ev.get("quote")
            tally["events"] += 1
            tally[f"events_{gold_prec}"] += 1
            text = art.get("text") or ""
            at = text.find(quote) if quote else -1
            if at >= 0:
                # read in place, so that "that day" or "the next day" see what came before
                scope = "quote"
                mentions = [m for m in article_mentions(art["id"], text, P)
                            if at <= m.start and m.end <= at + len(quote)]
            elif quote:
                scope = "quote"
                mentions = find_dates(quote, P)
            else:
                scope = "article"
                mentions = article_mentions(art["id"], text, P)
            hit = [m for m in mentions if m.date and m.date.isoformat() == gold_date]
            same_prec = [m for m in hit if m.precision == gold_prec]
            if quote and not mentions:
                outcome = "no_expression"
            elif hit:
                outcome = "hit"
            else:
                outcome = "miss"
            tally[f"{scope}_{outcome}"] += 1
            if hit:
                tally[f"hit_{gold_prec}"] += 1
            if same_prec:
                tally["hit_same_precision"] += 1
            mark = {"hit": "OK  ", "miss": "MISS", "no_expression": "ctx "}[outcome]
            line = (f"{mark} {g['id']} P={P} gold={gold_date} {gold_prec} [{scope}] "
                    f"{(quote or '')[:110]!r}")
            print(line)
            shown = mentions if quote else hit[:3]
            for m in shown:
                print(f"        {fmt(m)}")
            if outcome == "miss":
                misses.append(line + "".join(f"\n        {fmt(m)}" for m in mentions[:6]))
    n = tally["events"]
    with_expr = tally["quote_hit"] + tally["quote_miss"]
    print("\n== summary")
    print(f"gold events: {n} (day {tally['events_day']}, week {tally['events_week']}, "
          f"month {tally['events_month']})")
    if n:
        hits = tally["quote_hit"] + tally["article_hit"]
        print(f"some mention resolves to the gold date: {hits}/{n} = {hits / n:.1%}")
        print(f"  ... with the gold precision too: {tally['hit_same_precision']}/{n}")
    if tally["events_day"]:
        print(f"gold day-precision events hit: {tally['hit_day']}/{tally['events_day']} = "
              f"{tally['hit_day'] / tally['events_day']:.1%}")
    if with_expr:
        print(f"quotes holding a time expression: {with_expr}; of these resolved to the gold "
              f"date: {tally['quote_hit']}/{with_expr} = {tally['quote_hit'] / with_expr:.1%}")
    print(f"quotes with no time expression (dated from context): {tally['quote_no_expression']}")
    print(f"events without a quote, checked on the whole article: "
          f"{tally['article_hit']} hit, {tally['article_miss']} miss")
    if misses:
        print("\n== misses where the text has a time expression")
        for line in misses:
            print(line)


def report_speed(articles: list[dict]) -> None:
    texts = [(a.get("text") or "", parse_published(a.get("published"))) for a in articles]
    chars = sum(len(t) for t, _ in texts)
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for t, P in texts:
        n += len(find_dates(t, P))
    # CPU time is what one core spends; wall time also counts other processes on the machine
    for label, dt in (("cpu", time.process_time() - c0), ("wall", time.perf_counter() - t0)):
        print(f"{label}: {len(texts)} articles, {chars:,} chars, {n} mentions in {dt:.2f}s: "
              f"{len(texts) / dt:,.0f} articles/s, {dt / len(texts) * 1e3:.3f} ms/article, "
              f"{dt / chars * 5000 * 1e3:.3f} ms per 5,000 chars")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", help="articles.jsonl (id, text, published)")
    ap.add_argument("--gold", help="gold.jsonl with events carrying date and quote")
    ap.add_argument("--speed", action="store_true", help="measure throughput only")
    args = ap.parse_args(argv)
    if not Path(args.articles).exists():
        print(f"no such file: {args.articles}", file=sys.stderr)
        return 2
    articles = load(args.articles)
    if args.speed:
        report_speed(articles)
    elif args.gold:
        report_gold(articles, load(args.gold))
    else:
        report_mentions(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
