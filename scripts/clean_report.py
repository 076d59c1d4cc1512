"""Print what the clean stage removes and flags, article by article, and sum it up.

    python scripts/clean_report.py PATH/articles.jsonl [--limit N] [--quiet] [--only KIND]

Per article: every removed and flagged span with its reason, and the spun score. At the end:
counts by kind and by rule reason, the most frequent flagged foreign words, the spun-score
distribution, and the time spent cleaning. Read it after changing a rule: a rule that fires
where it should not shows up here first.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
from pathlib import Path

from strikewatch.clean import clean
from strikewatch.model import Article


def read_articles(path: Path, limit: int | None):
    with path.open("rb") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            if not line.strip():
                continue
            d = json.loads(line)
            yield Article(
                id=str(d["id"]), text=d.get("text") or "", raw=line,
                published=(d.get("published") or None) and str(d["published"])[:10],
                url=d.get("url"), title=d.get("title"), outlet=d.get("outlet"),
                language=d.get("language") or "en", origin=f"{path}:{n + 1}",
            )


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[k]


def short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--quiet", action="store_true", help="print only the summary")
    ap.add_argument("--only", default=None, help="print only spans of this kind (e.g. foreign)")
    ap.add_argument("--top", type=int, default=40, help="rows in the frequency tables")
    args = ap.parse_args(argv)

    by_kind: collections.Counter[str] = collections.Counter()
    by_reason: collections.Counter[tuple[str, str, str]] = collections.Counter()
    foreign_text: collections.Counter[str] = collections.Counter()
    scores: list[tuple[float, str]] = []
    n_articles = n_chars = n_spun = n_published_lifted = 0
    elapsed = 0.0
    out = sys.stdout
    for article in read_articles(args.path, args.limit):
        t0 = time.perf_counter()
        doc = clean(article)
        elapsed += time.perf_counter() - t0
        n_articles += 1
        n_chars += len(article.text)
        scores.append((doc.quality.spun_score, article.id))
        n_spun += doc.quality.spun
        if doc.published and not article.published:
            n_published_lifted += 1
        spans = [s for s in doc.spans if args.only is None or s.kind == args.only]
        for s in doc.spans:
            by_kind[f"{s.action}:{s.kind}"] += 1
            by_reason[(s.action, s.kind, s.reason if s.kind != "foreign" or s.action == "removed"
                       else s.reason.split(" '")[0])] += 1
            if s.action == "flagged" and s.kind == "foreign":
                foreign_text[short(s.text, 60)] += 1
        if args.quiet or (args.only and not spans):
            continue
        out.write(f"=== {article.id} [{article.outlet}] published={doc.published} "
                  f"spun={doc.quality.spun_score:.3f} foreign={doc.quality.foreign_share:.3f} "
                  f"chars {len(article.text)} -> {len(doc.text)}\n")
        for s in spans:
            out.write(f"  {s.action:7} {s.kind:10} {short(s.reason, 60):60} | {short(s.text)}\n")
        for note in doc.quality.notes:
            out.write(f"  note: {note}\n")

    out.write("\n##### summary\n")
    out.write(f"articles {n_articles}, characters {n_chars}, published lifted from text "
              f"{n_published_lifted}\n")
    out.write("\nspans by action:kind\n")
    for k, v in by_kind.most_common():
        out.write(f"  {v:6}  {k}\n")
    out.write("\nspans by reason\n")
    for (action, kind, reason), v in by_reason.most_common(args.top):
        out.write(f"  {v:6}  {action:7} {kind:10} {reason}\n")
    out.write("\nmost frequent flagged foreign text\n")
    for t, v in foreign_text.most_common(args.top):
        out.write(f"  {v:6}  {t}\n")
    values = sorted(s for s, _ in scores)
    if values:
        out.write("\nspun score distribution\n")
        for q in (0.5, 0.9, 0.95, 0.99, 1.0):
            out.write(f"  p{int(q * 100):<3} {percentile(values, q):.4f}\n")
        out.write(f"  mean {statistics.fmean(values):.4f}; spun=True {n_spun} of {len(values)}\n")
        edges = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01]
        for lo, hi in zip(edges, edges[1:]):
            c = sum(1 for v in values if lo <= v < hi)
            out.write(f"  [{lo:.2f}, {min(hi, 1.0):.2f}) {c}\n")
        out.write("  highest: " + ", ".join(f"{i} {s:.3f}" for s, i in sorted(scores, reverse=True)[:8])
                  + "\n")
    if n_articles:
        out.write(f"\ntime: {1000 * elapsed / n_articles:.3f} ms/article, "
                  f"{1000 * elapsed / max(n_chars, 1) * 5000:.3f} ms per 5,000 chars, "
                  f"{n_articles / elapsed:.0f} articles/s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
