"""Extraction throughput and peak memory on a JSONL corpus, cold and warm.

    python benchmarks/throughput.py ../shared/corpus/bench/articles.jsonl [--limit N]

Each measurement runs in a fresh process so that peak RSS is that of the run alone:
- cold: a new process imports strikewatch, loads the gazetteer (from its cache) and cleans
  and extracts every article: what one `strikewatch extract` run costs;
- warm: the same, but the clock starts after imports and the gazetteer are loaded and one
  article has been processed: the steady rate of a long-running worker.
Articles/s is measured on one core (CPU time of the process, and wall time beside it).
Results are printed and written to docs/benchmarks.md (section "extract-throughput").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import write_section  # noqa: E402

CHILD = r"""
import json, resource, sys, time
t_wall0, t_cpu0 = time.perf_counter(), time.process_time()
from strikewatch import ingest
from strikewatch.clean import clean
from strikewatch.extract import extract
from strikewatch.gazetteer import default_gazetteer
path, limit, warm = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "warm"
gazetteer = default_gazetteer()
articles = ingest.read([path])
n = events = 0
if warm:
    for item in articles:
        if hasattr(item, "text"):
            extract(clean(item), gazetteer=gazetteer)
            break
    t_wall0, t_cpu0 = time.perf_counter(), time.process_time()
for item in articles:
    if not hasattr(item, "text"):
        continue
    events += len(extract(clean(item), gazetteer=gazetteer).events)
    n += 1
    if limit and n >= limit:
        break
cpu, wall = time.process_time() - t_cpu0, time.perf_counter() - t_wall0
print(json.dumps({"articles": n, "events": events, "cpu_s": cpu, "wall_s": wall,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(corpus: str, limit: int, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, corpus, str(limit), mode],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a JSONL corpus, e.g. ../shared/corpus/bench/articles.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="at most this many articles")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    rows = []
    for mode in ("cold", "warm"):
        r = run(args.corpus, args.limit, mode)
        r["mode"] = mode
        r["per_cpu_s"] = r["articles"] / r["cpu_s"] if r["cpu_s"] else 0.0
        r["per_wall_s"] = r["articles"] / r["wall_s"] if r["wall_s"] else 0.0
        rows.append(r)
        print(f"{mode}: {r['articles']} articles, {r['events']} events, "
              f"{r['per_cpu_s']:.0f} articles/s (CPU), {r['per_wall_s']:.0f} articles/s (wall), "
              f"peak RSS {r['peak_rss_mb']:.0f} MB")
    table = ["| run | articles | events | articles/s (CPU, one core) | articles/s (wall) | "
             "peak RSS |", "|---|---|---|---|---|---|"]
    for r in rows:
        table.append(f"| {r['mode']} | {r['articles']} | {r['events']} | {r['per_cpu_s']:.0f} | "
                     f"{r['per_wall_s']:.0f} | {r['peak_rss_mb']:.0f} MB |")
    text = ("## Extraction throughput (clean + extract, one process)\n\n"
            f"Corpus: `{Path(args.corpus).name}`. Cold includes imports and loading the cached "
            "gazetteer; warm starts the clock after them.\n\n" + "\n".join(table))
    if not args.no_write:
        write_section("extract-throughput", text)


if __name__ == "__main__":
    main()
