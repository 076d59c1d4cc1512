"""End-to-end ingest throughput and peak memory, per stage costs, and growth with corpus size.

    python benchmarks/ingest_throughput.py ../shared/corpus/bench/articles.jsonl \\
        [--pg postgresql://user:password@host:5432/postgres] [--only throughput|scaling] \\
        [--sizes 1000,10000,100000] [--scaling-workers 2]

Throughput (section "ingest-throughput" of docs/benchmarks.md): the whole corpus is ingested
into a new database by 1 process, by 2 worker processes (``--workers 2``) and by a local Dask
cluster of 2 workers (``--dask local``), into SQLite and, with ``--pg``, into PostgreSQL (a
scratch database created on that server for each run and dropped after). Every run is a
fresh child process, timed from its start to its exit (imports, gazetteer, pool start-up,
ingest, closing), so articles/s is what a user of ``strikewatch ingest`` gets. Peak RSS is
sampled every 0.1 s with psutil: the main process alone, and the main process with all its
descendants (pool workers, Dask nannies and workers) summed. The PostgreSQL server's own
memory is not counted. CPU is the user+system time of the run and all its children.

Per-stage cost: the seconds per article the pipeline's ``RunStats.steps`` recorded: ingest
(read + decode), clean, extract (in the workers when there are workers), resolve+store (the
main process's transaction per article) and, within it, resolve (resolve's merge alone).

Scaling (section "ingest-scaling"): the corpus is replicated with changed ids (``id~rK`` for
copy K, the text unchanged) to each size and ingested with ``--scaling-workers`` workers into
SQLite. The copies report the same strikes again, so every event gains sources as the corpus
grows: the hardest case for resolve, which re-reads the stored reports of a day's block for
every new report. Sizes are written to the section as each finishes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import write_section  # noqa: E402

MODES = {
    "1": ("1 process", {"workers": 1, "dask": None}),
    "2": ("2 worker processes (`--workers 2`)", {"workers": 2, "dask": None}),
    "dask": ("Dask local cluster, 2 workers (`--dask local`)", {"workers": 2, "dask": "local"}),
}
STEPS = ("ingest", "clean", "extract", "resolve+store", "resolve")


# --- the child: one ingest run ----------------------------------------------------------------

def child(mode: str, db: str, corpus: str) -> None:
    import resource

    from strikewatch import pipeline
    from strikewatch.store import open_store

    settings = MODES[mode][1]
    start = time.perf_counter()
    stats = pipeline.RunStats()
    with open_store(db) as store:
        pipeline.ingest([corpus], store, stats=stats, **settings)
        events = store.count_events()
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "read": stats.read, "stored": stats.stored, "failed": stats.failed,
        "events": events, "reports": stats.reports, "retries": stats.retries,
        "ingest_seconds": seconds,
        "cpu_seconds": own.ru_utime + own.ru_stime,
        "steps": {name: [s.items, s.seconds] for name, s in stats.steps.items()},
    }))


# --- the parent: run children, sample memory -----------------------------------------------

class Sampler(threading.Thread):
    """Peak RSS of a process and of it with all its descendants, and the CPU seconds they
    used (each process's last reading; pool workers are the fork server's children, so
    the run's own rusage would miss them)."""

    def __init__(self, pid: int, every: float = 0.1):
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process(pid)
        self.every = every
        self.peak_main = self.peak_all = 0
        self.cpu: dict[int, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.done.is_set():
            try:
                main = self.proc.memory_info().rss
                total = main
                self._cpu(self.proc)
                for kid in self.proc.children(recursive=True):
                    try:
                        total += kid.memory_info().rss
                        self._cpu(kid)
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            self.peak_main = max(self.peak_main, main)
            self.peak_all = max(self.peak_all, total)
            self.done.wait(self.every)

    def _cpu(self, proc) -> None:
        times = proc.cpu_times()
        self.cpu[proc.pid] = times.user + times.system


def run_child(mode: str, db: str, corpus: Path) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode, db, str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"run {mode} into {db} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    # the child's own rusage counts itself whole (its last 0.1 s too)
    sampler.cpu[proc.pid] = result["cpu_seconds"]
    result.update(wall_seconds=wall, peak_main_mb=sampler.peak_main / 2**20,
                  peak_all_mb=sampler.peak_all / 2**20, cpu_seconds=sum(sampler.cpu.values()))
    return result


class Scratch:
    """A new database per run: a SQLite file, or a PostgreSQL database on ``pg``."""

    def __init__(self, backend: str, pg: str | None, folder: Path):
        self.backend, self.pg, self.folder = backend, pg, folder
        self.name = None

    def __enter__(self) -> str:
        if self.backend == "sqlite":
            self.name = str(self.folder / f"run-{uuid.uuid4().hex[:8]}.db")
            return self.name
        import psycopg
        from urllib.parse import urlsplit, urlunsplit

        self.name = "strikewatch_bench_" + uuid.uuid4().hex[:10]
        with psycopg.connect(self.pg, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        parts = urlsplit(self.pg)
        return urlunsplit((parts.scheme, parts.netloc, "/" + self.name, parts.query, ""))

    def __exit__(self, *exc) -> None:
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(self.name + suffix).unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(self.pg, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def replicate(corpus: Path, size: int, out: Path, spread: bool = False) -> Path:
    """The first ``size`` articles of the corpus repeated: copy K gets ids ``id~rK``; with
    ``spread``, its publication dates also move K x 52 weeks later (a longer archive)."""
    from datetime import date, timedelta

    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(out, "w", encoding="utf-8") as fh:
        for n in range(size):
            obj = json.loads(lines[n % len(lines)])
            copy = n // len(lines)
            if copy:
                obj["id"] = f"{obj['id']}~r{copy}"
                if spread and obj.get("published"):
                    try:
                        day = date.fromisoformat(str(obj["published"])[:10])
                        obj["published"] = (day + timedelta(weeks=52 * copy)).isoformat()
                    except ValueError:
                        pass
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return out


# --- reports --------------------------------------------------------------------------------

def step_table(runs: list[tuple[str, dict]]) -> str:
    head = "| run | " + " | ".join(STEPS) + " | total of steps |"
    rows = [head, "|---|" + "---:|" * (len(STEPS) + 1)]
    for label, r in runs:
        n = max(r["read"], 1)
        cells = []
        for name in STEPS:
            seconds = r["steps"].get(name, [0, 0.0])[1]
            cells.append(f"{1000 * seconds / n:.2f}")
        total = sum(r["steps"].get(name, [0, 0.0])[1] for name in STEPS if name != "resolve")
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {1000 * total / n:.2f} |")
    return "\n".join(rows)


def throughput(corpus: Path, pg: str | None, folder: Path) -> None:
    n = count_lines(corpus)
    backends = ["sqlite"] + (["postgresql"] if pg else [])
    results = []
    for backend in backends:
        for mode in MODES:
            with Scratch(backend, pg, folder) as db:
                r = run_child(mode, db, corpus)
            results.append((backend, mode, r))
            print(f"{backend:10} {MODES[mode][0]:48} {r['read'] / r['wall_seconds']:7.1f} "
                  f"articles/s  peak {r['peak_main_mb']:.0f}/{r['peak_all_mb']:.0f} MB  "
                  f"cpu {r['cpu_seconds']:.0f} s", flush=True)
    lines = [
        "## Ingest throughput (end to end)", "",
        f"`strikewatch ingest` of `{corpus.name}` ({n:,} articles) into a new database; each "
        "run a fresh process, timed from start to exit. Peak RSS: the main process, and the "
        "main process with every worker summed (PostgreSQL's server not counted). CPU: user + "
        "system seconds of the run and all its workers.", "",
        "| backend | execution | articles/s | seconds | CPU s | peak RSS main (MB) | "
        "peak RSS all (MB) | events | errors | retries |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for backend, mode, r in results:
        lines.append(
            f"| {backend} | {MODES[mode][0]} | **{r['read'] / r['wall_seconds']:.1f}** | "
            f"{r['wall_seconds']:.1f} | {r['cpu_seconds']:.0f} | {r['peak_main_mb']:.0f} | "
            f"{r['peak_all_mb']:.0f} | {r['events']} | {r['failed']} | {r['retries']} |")
    lines += ["", "### Cost per stage (ms per article)", "",
              "From the runs' `RunStats.steps`. With workers, clean and extract are summed over "
              "the workers (they run in parallel); resolve+store is the main process's "
              "transaction per article and resolve the merge within it.", "",
              step_table([(f"{b}, {MODES[m][0]}", r) for b, m, r in results])]
    write_section("ingest-throughput", "\n".join(lines))


def scaling(corpus: Path, sizes: list[int], workers: int, folder: Path, spread: bool) -> None:
    mode = "2" if workers == 2 else "1"
    section = "ingest-scaling-spread" if spread else "ingest-scaling"
    how = ("replicated with changed ids and each copy's publication dates moved 52 weeks "
           "later per copy (a longer archive: relative dates move with them, dates written "
           "with a year do not)" if spread else
           "replicated with changed ids to each size (the copies report the same strikes "
           "again, so every event gains sources as the corpus grows)")
    rows = []
    for size in sizes:
        data = replicate(corpus, size, folder / f"replica-{size}.jsonl", spread)
        with Scratch("sqlite", None, folder) as db:
            r = run_child(mode, db, data)
        data.unlink()
        rows.append((size, r))
        print(f"{size:>8,} articles: {r['wall_seconds']:8.1f} s  "
              f"{r['read'] / r['wall_seconds']:6.1f} articles/s  "
              f"peak {r['peak_all_mb']:.0f} MB", flush=True)
        lines = [
            "## Ingest time as the corpus grows" + (", spread in time" if spread else ""), "",
            f"`{corpus.name}` {how}, ingested into a new SQLite database with "
            f"{MODES[mode][0]}.", "",
            "| articles | seconds | articles/s | x time of previous | x articles | events | "
            "reports | resolve+store ms/article | peak RSS all (MB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for i, (n, res) in enumerate(rows):
            ratio = (f"{res['wall_seconds'] / rows[i - 1][1]['wall_seconds']:.1f}"
                     if i else "")
            grow = f"{n / rows[i - 1][0]:.0f}" if i else ""
            store = res["steps"].get("resolve+store", [0, 0.0])[1]
            lines.append(f"| {n:,} | {res['wall_seconds']:.1f} | "
                         f"{res['read'] / res['wall_seconds']:.1f} | {ratio} | {grow} | "
                         f"{res['events']:,} | {res['reports']:,} | "
                         f"{1000 * store / max(res['read'], 1):.2f} | "
                         f"{res['peak_all_mb']:.0f} |")
        lines += ["", "### Cost per stage (ms per article)", "",
                  step_table([(f"{n:,} articles", res) for n, res in rows])]
        write_section(section, "\n".join(lines))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a JSONL corpus, e.g. bench/articles.jsonl")
    parser.add_argument("--pg", help="postgresql:// URL of a server where scratch databases "
                                     "may be created (omit: SQLite only)")
    parser.add_argument("--only", choices=("throughput", "scaling"))
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated corpus sizes for the scaling runs")
    parser.add_argument("--scaling-workers", type=int, default=2, choices=(1, 2))
    parser.add_argument("--spread", action="store_true",
                        help="scaling: move each copy's dates 52 weeks later per copy")
    parser.add_argument("--tmp", type=Path, default=None,
                        help="folder for scratch databases and replicas (default: a temp dir)")
    args = parser.parse_args()
    if args.pg:     # the command line is written into docs/benchmarks.md: no password there
        from strikewatch.store.postgres import redact
        sys.argv = [redact(a) if a == args.pg else a for a in sys.argv]
    with tempfile.TemporaryDirectory(prefix="strikewatch-bench-", dir=args.tmp) as tmp:
        folder = Path(tmp)
        if args.only in (None, "throughput"):
            throughput(args.corpus, args.pg, folder)
        if args.only in (None, "scaling"):
            sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
            scaling(args.corpus, sizes, args.scaling_workers, folder, args.spread)


if __name__ == "__main__":
    main()
