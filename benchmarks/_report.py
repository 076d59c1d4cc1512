"""Shared by the benchmark scripts: machine description and docs/benchmarks.md sections.

Each script owns one section of docs/benchmarks.md, between
``<!-- BEGIN name -->`` and ``<!-- END name -->``; re-running it replaces that section only.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import sys
from datetime import datetime, timezone
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n\nNumbers written by the scripts under `benchmarks/`; re-run them to refresh.\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, "
            f"Python {platform.python_version()} on {platform.system()}")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_section(name: str, markdown: str, doc: Path = DOC) -> None:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = (f"<!-- BEGIN {name} -->\n{markdown.rstrip()}\n\n"
            f"_Measured {stamp} on {machine()}; command: `{' '.join(sys.argv)}`._\n"
            f"<!-- END {name} -->")
    text = doc.read_text() if doc.exists() else HEADER
    pattern = re.compile(rf"<!-- BEGIN {re.escape(name)} -->.*?<!-- END {re.escape(name)} -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: body, text)
    else:
        text = text.rstrip() + "\n\n" + body + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)
