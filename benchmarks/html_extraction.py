"""How well the HTML reader finds an article's main text.

    python benchmarks/html_extraction.py PATH/TO/shared/corpus/html [--compare] [--no-write]

For every page ``html/*.html.gz`` the text that ``strikewatch.ingest.read`` extracts is
compared with the human-marked ``articleBody`` in ``ground-truth.json``: both are cut into
tokens (runs of letters and digits, case-folded: white space and punctuation separate
tokens) and compared as bags of words. Precision is the share of extracted tokens that are
in the body, recall the share of body tokens that were extracted; both and F1 are averaged
over pages (a page the reader rejects scores 0). Pages/s is one process, one core,
including gzip, decoding and metadata.

``--compare`` also scores other trafilatura settings and the body-text fallback alone, to
show why TRAFILATURA_OPTIONS is what it is. The numbers go to docs/benchmarks.md
(section ``html-extraction``) unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from strikewatch.ingest import IngestError, read
from strikewatch.ingest import html as ingest_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import write_section  # noqa: E402

TOKEN = re.compile(r"\w+")

# settings compared with --compare: name -> changes to TRAFILATURA_OPTIONS
VARIANTS: dict[str, dict[str, object]] = {
    "trafilatura defaults (balanced, comments on)": {"favor_precision": False, "include_comments": True},
    "balanced, comments off": {"favor_precision": False},
    "favor_recall, comments off": {"favor_precision": False, "favor_recall": True},
    "favor_precision, tables off": {"include_tables": False},
    "favor_precision, fast (no fallback extractors)": {"fast": True},
}


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(text.casefold()))


def score(extracted: str, truth: str) -> tuple[float, float, float]:
    got, want = tokens(extracted), tokens(truth)
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load(corpus: Path) -> tuple[dict[str, str], list[Path]]:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((corpus / "html").glob("*.html.gz"))
    bodies = {key: entry["articleBody"] for key, entry in truth.items()}
    pages = [p for p in pages if p.name.removesuffix(".html.gz") in bodies]
    return bodies, pages


def run_reader(bodies: dict[str, str], pages: list[Path]) -> dict[str, object]:
    """Score the reader as shipped: ``read()`` on the .html.gz files."""
    scores, errors = [], []
    start = time.perf_counter()
    for page, item in zip(pages, read(pages)):
        if isinstance(item, IngestError):
            errors.append(str(item))
            scores.append((0.0, 0.0, 0.0))
        else:
            scores.append(score(item.text, bodies[page.name.removesuffix(".html.gz")]))
    elapsed = time.perf_counter() - start
    return summarise(scores, elapsed, errors)


def run_variant(bodies: dict[str, str], pages: list[Path], changes: dict[str, object] | None,
                body_text_only: bool = False) -> dict[str, object]:
    options = {**ingest_html.TRAFILATURA_OPTIONS, **(changes or {})}
    scores = []
    start = time.perf_counter()
    for page in pages:
        markup = ingest_html.decode_html(gzip.decompress(page.read_bytes())).text
        if body_text_only:
            tree = ingest_html._parse(ingest_html._prepare(markup))
            text = ingest_html.body_text(tree) if tree is not None else ""
        else:
            text = ingest_html.extract_html(markup, trafilatura_options=options).text
        scores.append(score(text, bodies[page.name.removesuffix(".html.gz")]))
    return summarise(scores, time.perf_counter() - start, [])


def summarise(scores: list[tuple[float, float, float]], elapsed: float,
              errors: list[str]) -> dict[str, object]:
    n = len(scores)
    return {
        "pages": n,
        "precision": sum(s[0] for s in scores) / n,
        "recall": sum(s[1] for s in scores) / n,
        "f1": sum(s[2] for s in scores) / n,
        "median_f1": statistics.median(s[2] for s in scores),
        "below_0.5": sum(1 for s in scores if s[2] < 0.5),
        "pages_per_s": n / elapsed if elapsed else float("inf"),
        "errors": errors,
    }


def row(name: str, r: dict[str, object]) -> str:
    return (f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
            f"{r['median_f1']:.3f} | {r['below_0.5']} | {r['pages_per_s']:.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the html/ folder of the corpus "
                        "(holding ground-truth.json and html/*.html.gz)")
    parser.add_argument("--compare", action="store_true",
                        help="also score other trafilatura settings and the fallback alone")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args(argv)

    bodies, pages = load(args.corpus)
    if not pages:
        print(f"no pages with ground truth under {args.corpus}", file=sys.stderr)
        return 1
    if ingest_html.trafilatura_module() is None:
        print("warning: trafilatura unavailable, measuring the body-text fallback",
              file=sys.stderr)
    # warm up imports and caches so that pages/s measures extraction
    list(read(pages[:1]))

    header = ("| extractor | precision | recall | F1 | median F1 | pages F1 < 0.5 | pages/s |\n"
              "|---|---:|---:|---:|---:|---:|---:|")
    result = run_reader(bodies, pages)
    lines = [header, row("**shipped: `ingest.read` (TRAFILATURA_OPTIONS)**", result)]
    print(f"{result['pages']} pages: precision {result['precision']:.4f}  recall "
          f"{result['recall']:.4f}  F1 {result['f1']:.4f}  (median {result['median_f1']:.4f}, "
          f"{result['below_0.5']} below 0.5)  {result['pages_per_s']:.1f} pages/s")
    for error in result["errors"]:  # type: ignore[attr-defined]
        print(f"  error: {error}")
    if args.compare:
        for name, changes in VARIANTS.items():
            r = run_variant(bodies, pages, changes)
            print(f"  {name}: P {r['precision']:.4f} R {r['recall']:.4f} F1 {r['f1']:.4f}")
            lines.append(row(name, r))
        r = run_variant(bodies, pages, None, body_text_only=True)
        print(f"  body-text fallback alone: P {r['precision']:.4f} R {r['recall']:.4f} "
              f"F1 {r['f1']:.4f}")
        lines.append(row("body-text fallback alone (no trafilatura)", r))

    markdown = (
        "## HTML main-text extraction\n\n"
        f"{len(pages)} real news pages (scrapinghub article-extraction-benchmark): the reader's "
        "text against the human-marked article body, bag-of-words tokens (case-folded, split "
        "on white space and punctuation), averaged over pages; one process.\n\n"
        + "\n".join(lines) + "\n\n"
        f"Rejected pages: {len(result['errors'])}."  # type: ignore[arg-type]
    )
    if not args.no_write:
        write_section("html-extraction", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
