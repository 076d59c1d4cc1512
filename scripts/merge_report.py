"""Ingest corpora together and report how resolve merged them: events with more than one
source, and every merge that joins two different days or two different settlements, with
the reports' own dates and places so that each can be judged.

    python scripts/merge_report.py ../shared/corpus/dev/articles.jsonl ../shared/corpus/seeds/articles.jsonl
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from strikewatch import pipeline
from strikewatch.store import open_store


def main(paths: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "merge.db")
        stats = pipeline.ingest(paths, store)
        events = store.events()
        reports = {r.id: r for r in store.reports(rid for e in events for rid in e.report_ids)}
        multi = [e for e in events if len(e.sources) > 1]
        print(f"{stats.stored} articles, {stats.reports} reports -> {len(events)} events; "
              f"{len(multi)} events have more than one source "
              f"({sum(len(e.report_ids) for e in multi) - len(multi)} duplicate reports merged)")
        for e in multi:
            rs = [reports[r] for r in e.report_ids if r in reports]
            days = {r.date for r in rs}
            places = {r.location or r.admin1 for r in rs}
            flag = []
            if len(days) > 1:
                flag.append("DAYS")
            if len(places) > 1:
                flag.append("PLACES")
            print(f"\n{e.id} {e.date} {e.location or e.admin1} sources={len(e.sources)} "
                  f"{' '.join(flag)}")
            for r in rs:
                ev = (r.evidence.get("date") or [None])[0]
                why = f" [{ev.rule}]" if ev else ""
                print(f"   {r.id}: {r.date} ({r.date_precision}){why} {r.location or r.admin1} "
                      f"killed={r.killed.to_dict() if r.killed else None}")
        store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
