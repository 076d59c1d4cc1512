"""The ``strikewatch`` command line.

Every command that reads or writes a database takes ``--db`` (a SQLite file, default
``./strikewatch.db`` or $STRIKEWATCH_DB; or a ``postgresql://`` URL).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .model import ATTACK_TYPES, Event, IngestError, Options

app = typer.Typer(
    name="strikewatch",
    help=("Turn news articles about the Russia-Ukraine war into a deduplicated, geocoded,\n"
          "evidence-linked database of attack events.\n\n"
          "Quick start:\n\n"
          "  strikewatch ingest samples/          # read, clean, extract, store\n\n"
          "  strikewatch events                   # list what was found\n\n"
          "  strikewatch show ev_1234             # one event with its evidence"),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB_HELP = ("Database: a SQLite file path or a postgresql:// URL "
           "[default: $STRIKEWATCH_DB or ./strikewatch.db]")


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        out.print(f"strikewatch {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    pass


def _open(db: Optional[str]):
    from .store import StoreError, open_store
    try:
        return open_store(db)
    except StoreError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2)
    except ImportError as exc:
        err.print(f"error: {exc} (install strikewatch[postgres] for PostgreSQL)")
        raise typer.Exit(2)


def _check_paths(paths: list[str]) -> None:
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        err.print("error: no such file or folder: " + ", ".join(missing))
        raise typer.Exit(2)


# --- ingest -------------------------------------------------------------------------------

@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .jsonl, .html, .gz), folders, "
                                      "or - for standard input."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read articles, clean them, extract events and store everything.

    Re-ingesting an article that is already stored changes nothing; a new report of a
    known event is merged into it. Bad items are reported one per line and skipped; the
    exit code is 1 when any item failed.

    Example: strikewatch ingest samples/ corpus.jsonl --db events.db
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from . import pipeline

    _check_paths(paths)
    store = _open(db)
    stats = pipeline.RunStats()
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingesting"), BarColumn(),
                        TextColumn("{task.completed} articles"), TextColumn("{task.fields[rate]}"),
                        TimeElapsedColumn(), console=err, transient=True,
                        disable=quiet or not err.is_terminal)

    def on_item(item: Any, outcome: str) -> None:
        if isinstance(item, IngestError) or outcome == "error":
            progress.console.print(f"error: {stats.errors[-1]}", markup=False)
        progress.advance(task)
        elapsed = progress.tasks[0].elapsed or 0
        done = progress.tasks[0].completed
        progress.update(task, rate=f"{done / elapsed:.0f}/s" if elapsed > 0.5 else "")

    try:
        with progress:
            task = progress.add_task("ingest", total=None, rate="")
            pipeline.ingest(paths, store, Options(), on_item=on_item, stats=stats)
    except KeyboardInterrupt:
        err.print("interrupted: every article stored so far is complete; run again to resume")
        store.close()
        raise typer.Exit(130)
    finally:
        total_events = store.count_events()
        store.close()
    if not err.is_terminal or quiet:
        for line in stats.errors:
            err.print(f"error: {line}", markup=False)
    out.print(f"{stats.read} articles read: {stats.stored} stored, {stats.skipped} already "
              f"stored, {stats.failed} failed; {stats.reports} event reports, "
              f"{stats.events_created} events created, {stats.events_updated} updated; "
              f"{total_events} events in {store.target}", markup=False)
    if stats.failed:
        raise typer.Exit(1)


# --- extract (no database) ----------------------------------------------------------------

@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, or - for standard input."),
    format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f",
                                         help="jsonl: one line per article, CODEBOOK section 8; "
                                              "table: one row per event."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
) -> None:
    """Extract events from articles without a database.

    Example: strikewatch extract corpus.jsonl --format jsonl -o events.jsonl
    """
    from . import pipeline

    _check_paths(paths)
    sink = open(output, "w", encoding="utf-8") if output else sys.stdout
    failed = 0
    rows: list[tuple[str, Event]] = []
    try:
        for item in pipeline.process(pipeline.read(paths)):
            if isinstance(item, IngestError):
                failed += 1
                err.print(f"error: {item}", markup=False)
                continue
            if format is ExtractFormat.jsonl:
                line = item.extraction.to_dict(item.document)
                sink.write(json.dumps(line, ensure_ascii=False) + "\n")
            else:
                rows += [(item.article.id, e) for e in item.extraction.events]
    finally:
        if output:
            sink.close()
    if format is ExtractFormat.table:
        _event_table([e for _, e in rows], article_ids=[a for a, _ in rows])
    raise typer.Exit(1 if failed else 0)


# --- events / show ------------------------------------------------------------------------

def _count(c: Any) -> str:
    if c is None:
        return ""
    if c.min is not None and c.max == c.min:
        return str(c.min)
    if c.max is None:
        return f"{c.min}+" if c.min is not None else ""
    return f"{c.min if c.min is not None else ''}-{c.max}"


def _event_table(events: list[Event], article_ids: list[str] | None = None) -> None:
    table = Table(show_lines=False, header_style="bold")
    for name in (["article"] if article_ids else ["id"]) + [
            "date", "prec", "place", "region", "by", "types", "killed", "injured", "sources"]:
        table.add_column(name, overflow="fold")
    for i, e in enumerate(events):
        first = article_ids[i] if article_ids else (e.id or "")
        table.add_row(*[Text(str(v)) for v in (
            first, e.date or "?", e.date_precision, e.location or "-",
            e.admin1 or e.country or "?", e.attacker, ",".join(e.attack_types),
            _count(e.killed), _count(e.injured), len(e.sources) or "")])
    out.print(table)


def _flat(e: Event) -> dict[str, Any]:
    return {
        "id": e.id, "date": e.date, "date_precision": e.date_precision, "country": e.country,
        "admin1": e.admin1, "location": e.location, "sublocation": e.sublocation,
        "lat": e.lat, "lon": e.lon, "geo_precision": e.geo_precision,
        "attack_types": ";".join(e.attack_types), "weapons": ";".join(e.weapons),
        "attacker": e.attacker, "attacker_name": e.attacker_name, "attribution": e.attribution,
        "targets": ";".join(e.targets),
        "killed_min": e.killed.min if e.killed else None,
        "killed_max": e.killed.max if e.killed else None,
        "injured_min": e.injured.min if e.injured else None,
        "injured_max": e.injured.max if e.injured else None,
        "children_killed": e.children_killed, "double_tap": e.double_tap,
        "launched": e.launched, "intercepted": e.intercepted, "wave_id": e.wave_id,
        "disputed": e.disputed, "sources": ";".join(e.sources),
    }


@app.command()
def events(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    date_from: Optional[str] = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
    country: Optional[str] = typer.Option(None, help="ISO code of the country hit: UA, RU ..."),
    region: Optional[str] = typer.Option(None, help="First-level region, e.g. 'Odesa Oblast'."),
    attacker: Optional[str] = typer.Option(None, help="RU, UA, other or unknown."),
    attack_type: Optional[str] = typer.Option(None, "--type",
                                              help="Attack type: " + ", ".join(ATTACK_TYPES)),
    weapon: Optional[str] = typer.Option(None, help="Weapon, e.g. Shahed-136, Iskander-M."),
    target: Optional[str] = typer.Option(None, help="Target class, e.g. energy, residential."),
    min_killed: Optional[int] = typer.Option(None, help="At least this many killed."),
    search: Optional[str] = typer.Option(None, help="Text in place names or evidence."),
    sort: str = typer.Option("date", help="date, -date, killed, -killed, location, sources."),
    limit: Optional[int] = typer.Option(None, help="At most this many events."),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f"),
) -> None:
    """List stored events, filtered.

    Example: strikewatch events --country UA --from 2024-03-01 --type missile --format csv
    """
    from .store import EventQuery

    store = _open(db)
    try:
        found = store.events(EventQuery(
            date_from=date_from, date_to=date_to, country=country, region=region,
            attacker=attacker, attack_type=attack_type, weapon=weapon, target=target,
            min_killed=min_killed, text=search, sort=sort, limit=limit))
    finally:
        store.close()
    if format is ListFormat.json:
        out.print_json(data=[e.to_dict() for e in found]) if found else out.print("[]")
    elif format is ListFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(_flat(Event()).keys()))
        writer.writeheader()
        for e in found:
            writer.writerow(_flat(e))
        sys.stdout.write(buf.getvalue())
    else:
        _event_table(found)
        out.print(f"{len(found)} events", markup=False)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = 0 if left < 0 else left + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return left, right


@app.command()
def show(
    event_id: str = typer.Argument(..., help="Event id (or a unique prefix of it)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    format: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f"),
) -> None:
    """One event: its fields, every source with its figures, and the evidence sentences
    with the supporting words highlighted.

    Example: strikewatch show ev_3f2a
    """
    store = _open(db)
    try:
        event = store.event(event_id)
        if event is None:
            ids = store.find_events(event_id)
            if len(ids) == 1:
                event = store.event(ids[0])
            elif ids:
                err.print(f"error: {event_id!r} matches several events: {', '.join(ids)}")
                raise typer.Exit(2)
        if event is None:
            err.print(f"error: no event {event_id!r} in {store.target}")
            raise typer.Exit(1)
        articles = {a: store.article(a) for a in event.sources}
        claims = store.claims(event.id)
        updates = store.event_updates(event.id)
    finally:
        store.close()
    if format is ShowFormat.json:
        data = event.to_dict()
        data["claims"] = [c.to_dict() for c in claims]
        data["updates"] = updates
        data["source_articles"] = [
            {k: a.get(k) for k in ("id", "outlet", "published", "title", "url")}
            for a in articles.values() if a]
        out.print_json(data=data)
        return
    _print_event(event, articles, claims)


def _print_event(event: Event, articles: dict[str, Any], claims: list) -> None:
    head = Text(f"{event.id}\n", style="bold")
    head.append(f"{event.date or '?'} ({event.date_precision})  "
                f"{event.location or '-'}, {event.admin1 or '-'}, {event.country or '?'}")
    if event.sublocation:
        head.append(f"  [{event.sublocation}]")
    out.print(head)
    rows = [
        ("attacker", f"{event.attacker} ({event.attacker_name or '-'}; "
                     f"{event.attribution or '-'})" + ("  DISPUTED" if event.disputed else "")),
        ("attack types", ", ".join(event.attack_types) or "-"),
        ("weapons", ", ".join(event.weapons) or "-"),
        ("targets", ", ".join(event.targets) or "-"),
        ("killed", _count(event.killed) or "-"), ("injured", _count(event.injured) or "-"),
        ("killed (unconfirmed)", _count(event.killed_unconfirmed) or "-"),
        ("children killed", str(event.children_killed) if event.children_killed is not None
         else "-"),
        ("double tap", "yes" if event.double_tap else "no"),
        ("launched / intercepted", f"{event.launched if event.launched is not None else '-'} / "
                                   f"{event.intercepted if event.intercepted is not None else '-'}"),
        ("coordinates", f"{event.lat}, {event.lon} (precision {event.geo_precision})"),
        ("wave", event.wave_id or "-"),
    ]
    for name, value in rows:
        out.print(Text(f"  {name:<24}") + Text(value))
    out.print(Text("\nsources", style="bold"))
    for report in event.reports:
        art = articles.get(report.article_id) or {}
        out.print(Text(f"  {report.published or '?'}  {art.get('outlet') or '?'}  "
                       f"{report.article_id}  killed {_count(report.killed) or '-'}, "
                       f"injured {_count(report.injured) or '-'}"))
        if art.get("url"):
            out.print(Text(f"      {art['url']}"))
    out.print(Text("\nevidence", style="bold"))
    by_sentence: dict[tuple[str, int, int], list[tuple[str, int, int]]] = {}
    for name, spans in event.evidence.items():
        for span in spans:
            art = articles.get(span.article_id)
            if not art:
                continue
            lo, hi = _sentence_bounds(art["cleaned_text"], span.start, span.end)
            by_sentence.setdefault((span.article_id, lo, hi), []).append((name, span.start,
                                                                          span.end))
    for (article_id, lo, hi), marks in sorted(by_sentence.items()):
        text = articles[article_id]["cleaned_text"]
        line = Text(text[lo:hi].strip())
        offset = lo + (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
        for _, start, end in marks:
            line.stylize("bold reverse", max(0, start - offset), max(0, end - offset))
        fields = ", ".join(sorted({m[0] for m in marks}))
        out.print(Text(f"  [{article_id}] {fields}:", style="dim"))
        out.print(Text("    ") + line)
    if claims:
        out.print(Text("\nclaims", style="bold"))
        for c in claims:
            out.print(Text(f"  {c.side:<7} {c.kind:<13} {c.speaker}: ") + Text(c.text))


# --- clean --------------------------------------------------------------------------------

@app.command()
def clean(
    file: str = typer.Argument(..., help="An article file (.txt, .html, .jsonl) or -."),
    format: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f"),
    only_spans: bool = typer.Option(False, "--spans", help="Only list what was removed "
                                                           "or flagged, not the cleaned text."),
) -> None:
    """Show the cleaned text of an article and what was removed or flagged, and why.

    Example: strikewatch clean article.txt
    """
    from . import clean as clean_stage
    from . import pipeline
    from .model import cleaning_summary

    _check_paths([file])
    failed = 0
    for item in pipeline.read([file]):
        if isinstance(item, IngestError):
            failed += 1
            err.print(f"error: {item}", markup=False)
            continue
        doc = clean_stage.clean(item)
        if format is ShowFormat.json:
            data = cleaning_summary(doc)
            data["id"] = item.id
            data["text"] = doc.text
            out.print_json(data=data)
            continue
        out.print(Text(f"== {item.id}  published {doc.published or '?'}  "
                       f"spun score {doc.quality.spun_score:.2f}"
                       f"{' (SPUN)' if doc.quality.spun else ''}  "
                       f"foreign share {doc.quality.foreign_share:.1%}", style="bold"))
        if not only_spans:
            text = Text(doc.text)
            for span in doc.spans:
                if span.action == "flagged" and span.clean_start is not None:
                    text.stylize("underline", span.clean_start, span.clean_end)
            out.print(text)
            out.print()
        for span in doc.spans:
            label = "REMOVED" if span.action == "removed" else "FLAGGED"
            out.print(Text(f"{label} {span.kind:<10} [{span.start}:{span.end}] ", style="bold")
                      + Text(span.reason + ": ") + Text(repr(span.text[:160])))
    raise typer.Exit(1 if failed else 0)


# --- eval ---------------------------------------------------------------------------------

@app.command("eval")
def eval_(
    articles: str = typer.Option(..., "--articles", help="articles.jsonl (CODEBOOK section 8)."),
    gold: str = typer.Option(..., "--gold", help="gold.jsonl with the expected events."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="List missed and spurious events per article."),
) -> None:
    """Score extraction against gold annotations (CODEBOOK section 9).

    Example: strikewatch eval --articles dev/articles.jsonl --gold dev/gold.jsonl
    """
    from . import evaluate, pipeline

    _check_paths([articles, gold])
    predictions = {}
    for item in pipeline.process(pipeline.read([articles])):
        if isinstance(item, IngestError):
            err.print(f"error: {item}", markup=False)
            continue
        predictions[item.article.id] = item.extraction.to_dict()
    score = evaluate.evaluate(predictions, evaluate.load_jsonl(gold))
    data = score.to_dict()
    if as_json:
        if not verbose:
            data.pop("articles")
        out.print_json(data=data)
        return
    ev = data["events"]
    out.print(f"events: P {ev['precision']:.3f}  R {ev['recall']:.3f}  F1 {ev['f1']:.3f}  "
              f"(tp {ev['tp']}, fp {ev['fp']}, fn {ev['fn']})", markup=False)
    for name, v in data["fields"].items():
        share = "-" if v["share"] is None else f"{v['share']:.3f}"
        out.print(f"  {name:<13} {share}  ({v['right']}/{v['scored']})", markup=False)
    for name, v in data["sets"].items():
        f1 = "-" if v["f1"] is None else f"{v['f1']:.3f}"
        out.print(f"  {name:<13} set F1 {f1}  ({v['pairs']} pairs)", markup=False)
    for name, v in data["waves"].items():
        share = "-" if v["share"] is None else f"{v['share']:.3f}"
        out.print(f"  wave {name:<20} {share}  ({v['right']}/{v['scored']})", markup=False)
    if data["articles_with_empty_gold_and_events"]:
        out.print("events in articles whose gold is empty: "
                  + ", ".join(data["articles_with_empty_gold_and_events"]), markup=False)
    if verbose:
        for a in data["articles"]:
            if a["missed"] or a["spurious"] or a["wrong_fields"]:
                out.print(f"\n{a['id']}", markup=False)
                for m in a["missed"]:
                    out.print(f"  missed   {m}", markup=False)
                for s in a["spurious"]:
                    out.print(f"  spurious {s}", markup=False)
                for w in a["wrong_fields"]:
                    out.print(f"  wrong    {w}", markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
