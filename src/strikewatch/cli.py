"""The ``strikewatch`` command line.

Every command that reads or writes a database takes ``--db`` (a SQLite file, default
``./strikewatch.db`` or $STRIKEWATCH_DB; or a ``postgresql://`` URL).
"""

from __future__ import annotations

import json
import os
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
# piped output (a file, another program) gets wide tables instead of the 80-column default
out = Console(highlight=False, soft_wrap=True,
              width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160)
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
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2)
    except ImportError as exc:
        err.print(f"error: {exc} (install strikewatch[postgres] for PostgreSQL)", markup=False)
        raise typer.Exit(2)


def _check_paths(paths: list[str]) -> None:
    # URLs are fetched, not opened: a bad one is an error item like a bad file's contents
    missing = [p for p in paths if p != "-" and not p[:8].lower().startswith(
        ("http://", "https://")) and not Path(p).exists()]
    if missing:
        err.print("error: no such file or folder: " + ", ".join(missing), markup=False)
        raise typer.Exit(2)


def _write_json(data: Any) -> None:
    # plain json, not rich's print_json: that highlights every token and took 20 ms per
    # event, minutes for a full `events --format json`; the layout (indent 2) is the same
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


# --- ingest -------------------------------------------------------------------------------

@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .jsonl, .html, .warc, .gz), "
                                      "folders, http(s):// URLs of articles or RSS/Atom "
                                      "feeds, or - for standard input."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    workers: int = typer.Option(1, "--workers", "-w", min=1,
                                help="Clean and extract in this many local processes."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS|local",
                                       help="Clean and extract on a Dask cluster: a scheduler "
                                            "address (tcp://host:8786) or 'local' for a "
                                            "local cluster of --workers (at least 2) processes."),
) -> None:
    """Read articles, clean them, extract events and store everything.

    Re-ingesting an article that is already stored changes nothing; a new report of a
    known event is merged into it. Bad items are reported one per line and skipped; the
    exit code is 1 when any item failed.

    Example: strikewatch ingest samples/ corpus.jsonl --db events.db --workers 2

    A URL is fetched (a feed: every article it links to); a .warc or .warc.gz file
    gives every archived HTML page. To follow feeds as they update, use `watch`.

    The database ends up the same with any --workers or --dask: only cleaning and
    extraction run elsewhere; storing stays in this process, in input order. An
    interrupted run, started again, skips the articles it already stored.
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
            pipeline.ingest(paths, store, Options(), on_item=on_item, stats=stats,
                            workers=workers, dask=dask)
    except ImportError as exc:
        if dask is None:
            raise
        err.print(f"error: {exc} (install strikewatch[dask] for --dask)", markup=False)
        raise typer.Exit(2)
    except (OSError, TimeoutError) as exc:
        if dask is None:
            raise
        err.print(f"error: cannot reach the Dask scheduler {dask}: {exc}", markup=False)
        raise typer.Exit(2)
    except KeyboardInterrupt:
        # the store is closed in `finally`, which still needs it for the event count
        err.print("interrupted: every article stored so far is complete; run again to resume")
        raise typer.Exit(130)
    finally:
        total_events = store.count_events()
        store.close()
    # each error was printed by on_item as it happened (one line per bad item, not twice)
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
    # the id is what a user copies into `show`: it must never fold over two lines
    id_width = max([len(a) for a in article_ids or []] + [len(e.id or "") for e in events]
                   + [2])
    for name in (["article"] if article_ids else ["id"]) + [
            "date", "prec", "place", "region", "by", "types", "killed", "injured", "sources"]:
        table.add_column(name, overflow="fold",
                         min_width=id_width if name in ("id", "article") else None)
    for i, e in enumerate(events):
        first = article_ids[i] if article_ids else (e.id or "")
        table.add_row(*[Text(str(v)) for v in (
            first, e.date or "?", e.date_precision, e.location or "-",
            e.admin1 or e.country or "?", e.attacker, ",".join(e.attack_types),
            _count(e.killed), _count(e.injured), len(e.sources) or "")])
    out.print(table)


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
        _write_json([e.to_dict() for e in found])
    elif format is ListFormat.csv:
        # the export's writer: the same columns as the API's csv, and cells that a
        # spreadsheet would run as a formula are neutralised
        from .api.exports import write_csv

        for chunk in write_csv(found):
            sys.stdout.write(chunk)
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
                err.print(f"error: {event_id!r} matches several events: {', '.join(ids)}",
                          markup=False)
                raise typer.Exit(2)
        if event is None:
            err.print(f"error: no event {event_id!r} in {store.target}", markup=False)
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
        _write_json(data)
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
            data["encoding"] = item.encoding
            data["decode_notes"] = list(item.decode_notes)
            _write_json(data)
            continue
        out.print(Text(f"== {item.id}  published {doc.published or '?'}  "
                       f"spun score {doc.quality.spun_score:.2f}"
                       f"{' (SPUN)' if doc.quality.spun else ''}  "
                       f"foreign share {doc.quality.foreign_share:.1%}", style="bold"))
        # a repaired or guessed encoding is a flag on the whole article, not on a span
        for note in item.decode_notes:
            out.print(Text(f"FLAGGED encoding   {note}", style="bold"))
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
    read_ids: set[str] = set()

    def read_articles():
        for item in pipeline.read([articles]):
            if not isinstance(item, IngestError):
                read_ids.add(item.id)
            yield item

    for item in pipeline.process(read_articles()):
        if isinstance(item, IngestError):
            err.print(f"error: {item}", markup=False)
            continue
        predictions[item.article.id] = item.extraction.to_dict()
    # Gold for articles that are not in --articles says nothing about extraction (a gold file
    # may cover more articles than the file scored, as samples/ does); an article that was
    # read but failed in extraction is still scored, its gold events as misses.
    gold_all = evaluate.load_jsonl(gold)
    unscored = sorted(set(gold_all) - read_ids)
    if unscored:
        err.print(f"note: {len(unscored)} gold articles not in {articles} were not scored",
                  markup=False)
    score = evaluate.evaluate(predictions, {k: v for k, v in gold_all.items() if k in read_ids})
    data = score.to_dict()
    if as_json:
        if not verbose:
            data.pop("articles")
        _write_json(data)
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


# --- serve / export -----------------------------------------------------------------------

class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"
    acled = "acled"


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (keep 127.0.0.1 "
                                                "unless others must reach it)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    write_token: Optional[str] = typer.Option(
        None, "--write-token", envvar="STRIKEWATCH_WRITE_TOKEN", show_envvar=True,
        help="Accept POST /api/articles from requests with 'Authorization: Bearer TOKEN'. "
             "Without it the server is read-only."),
    cors_origin: list[str] = typer.Option(
        [], "--cors-origin", help="Allow cross-origin reads from this origin "
                                  "(repeatable; none by default)."),
) -> None:
    """Serve the HTTP API (/api/...) and the dashboard (/) over a database.

    Example: strikewatch serve --db events.db --port 8000
    """
    try:
        import uvicorn

        from .api import create_app
    except ImportError as exc:
        err.print(f"error: {exc} (install strikewatch[server] to serve)")
        raise typer.Exit(2)
    from .store import StoreError, default_target

    target = db or default_target()
    if not target.startswith(("postgresql://", "postgres://")) and not Path(target).exists():
        err.print(f"note: {target} does not exist yet: serving an empty database")
    try:
        application = create_app(target, write_token=write_token, cors_origins=cors_origin)
    except StoreError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2)
    mode = "read-write (token set)" if write_token else "read-only"
    err.print(f"serving {target} at http://{host}:{port}/ ({mode}); Ctrl-C stops")
    uvicorn.run(application, host=host, port=port, log_level="warning",
                server_header=False)


@app.command()
def export(
    format: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f",
                                        help="csv, jsonl, geojson, or acled (ACLED's "
                                             "columns and conventions)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
    date_from: Optional[str] = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
    country: Optional[str] = typer.Option(None, help="ISO code of the country hit: UA, RU ..."),
    region: Optional[str] = typer.Option(None, help="First-level region, e.g. 'Odesa Oblast'."),
    attacker: Optional[str] = typer.Option(None, help="RU, UA, other or unknown."),
    attack_type: Optional[str] = typer.Option(None, "--type",
                                              help="Attack type: " + ", ".join(ATTACK_TYPES)),
) -> None:
    """Export stored events as CSV, JSON Lines, GeoJSON or an ACLED-style table
    (the same formats as GET /api/export).

    Example: strikewatch export --format acled --db events.db -o events.acled.csv
    """
    from .api import exports
    from .store import EventQuery

    store = _open(db)
    try:
        found = store.events(EventQuery(date_from=date_from, date_to=date_to, country=country,
                                        region=region, attacker=attacker,
                                        attack_type=attack_type))
    finally:
        store.close()
    sink = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        for chunk in exports.export(found, format.value):
            sink.write(chunk)
    finally:
        if output:
            sink.close()
    if output:
        err.print(f"{len(found)} events written to {output}", markup=False)

# --- watch ----------------------------------------------------------------------------------

@app.command()
def watch(
    feeds: list[str] = typer.Argument(..., metavar="FEED_URL",
                                      help="RSS or Atom feed URLs (http:// or https://)."),
    every: str = typer.Option("10m", "--every", help="Time between polls of a feed: "
                                                      "90s, 10m, 1h ..."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    once: bool = typer.Option(False, "--once", help="Poll each feed once, then exit "
                                                    "(for cron)."),
    max_items: Optional[int] = typer.Option(None, "--max-items", min=1,
                                            help="Fetch at most N new articles per feed and "
                                                 "poll; the rest wait for the next poll."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1,
                                  help="Seconds without data before a fetch times out."),
) -> None:
    """Poll RSS/Atom feeds and ingest every new article they link to.

    Articles already stored are recognised by their link before anything is fetched, and
    by their text after; feeds are fetched with If-None-Match / If-Modified-Since, the
    caching state kept in the database. A failing feed is polled less often (doubling, up
    to 6 h) without holding up the others. One line is logged per poll. Ctrl-C or SIGTERM
    stops it; the article being stored is finished first, so the database stays whole.

    Example: strikewatch watch https://news.example/world/rss.xml --every 10m --db events.db
    """
    from dataclasses import replace as _replace

    try:
        from .ingest.http import DEFAULT_SETTINGS, Fetcher, check_url
        from .watch import Shutdown, Stopped, WatchSettings, WatchSummary, parse_interval
        from .watch import watch as run_watch
    except ImportError as exc:
        err.print(f"error: {exc} (install strikewatch[live] to watch feeds)", markup=False)
        raise typer.Exit(2)

    try:
        interval = parse_interval(every)
    except ValueError as exc:
        err.print(f"error: --every: {exc}", markup=False)
        raise typer.Exit(2)
    bad = [f"{url} ({why})" for url in feeds for why in [check_url(url)] if why]
    if bad:
        err.print("error: not a feed URL: " + ", ".join(bad), markup=False)
        raise typer.Exit(2)
    store = _open(db)
    settings = WatchSettings(every=interval, once=once, max_items=max_items)
    fetcher = Fetcher(_replace(DEFAULT_SETTINGS, read_timeout=timeout))
    shutdown = Shutdown()
    summary = WatchSummary()
    restore = shutdown.install()
    try:
        err.print(f"watching {len(feeds)} feed{'s' if len(feeds) != 1 else ''} "
                  f"{'once' if once else 'every ' + every} into {store.target}"
                  f"{'' if once else '; Ctrl-C stops'}", markup=False)
        run_watch(feeds, store, settings, Options(), fetcher=fetcher, shutdown=shutdown,
                  log=lambda line: err.print(line, markup=False, highlight=False),
                  summary=summary)
    except Stopped as exc:
        err.print(f"stopped by {exc.signal_name}: {summary.line()}; every article stored is "
                  f"complete", markup=False)
        raise typer.Exit(exc.exit_code)
    finally:
        restore()
        fetcher.close()
        store.close()
    out.print(summary.line(), markup=False)
    if summary.failed_polls or summary.failed:
        raise typer.Exit(1)


# --- gazetteer --------------------------------------------------------------------------------

gazetteer_app = typer.Typer(
    help=("The place index: import full GeoNames country dumps for village-level geocoding."
          "\n\nExample: strikewatch gazetteer download UA RU --alternate-names"),
    no_args_is_help=True, rich_markup_mode=None)
app.add_typer(gazetteer_app, name="gazetteer")

DATA_DIR_HELP = ("Where imported gazetteer data lives [default: $STRIKEWATCH_DATA_DIR, else "
                 "$XDG_DATA_HOME/strikewatch, else ~/.local/share/strikewatch]. Extraction "
                 "reads the default one.")


def _build_gazetteer(data_dir: Optional[Path]) -> None:
    import time

    from .gazetteer import Gazetteer

    err.print("building the place index (about a minute for a full UA+RU import) ...")
    t0 = time.perf_counter()
    gaz = Gazetteer.load(data_dir=data_dir)
    out.print(f"place index: {len(gaz):,} places, built in {time.perf_counter() - t0:.0f} s, "
              f"cached in {gaz.path or 'memory only'}", markup=False)


@gazetteer_app.command("import")
def gazetteer_import(
    files: list[Path] = typer.Argument(..., help="GeoNames dumps (UA.zip, RU.zip or UA.txt) "
                                       "and, optionally, alternate names "
                                       "(alternateNamesV2.zip or alternatenames/UA.zip)."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
    build: bool = typer.Option(True, "--build/--no-build",
                               help="Build the place index now (else on first use)."),
) -> None:
    """Import GeoNames country dumps for village-level geocoding.

    Keeps the populated places and the first- and second-level administrative areas
    (oblasts, raions) of the countries the gazetteer covers, with their English, Ukrainian
    and Russian alternate names; extraction then resolves places with these and the bundled
    cities500. Importing a file of the same name again replaces it.

    Example: strikewatch gazetteer import UA.zip RU.zip alternateNamesV2.zip
    """
    from .gazetteer.importer import GazetteerImportError, import_files

    _check_paths([str(f) for f in files])
    try:
        import_files(files, data_dir=data_dir, progress=lambda m: err.print(m, markup=False))
    except (GazetteerImportError, OSError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2)
    if build:
        _build_gazetteer(data_dir)


@gazetteer_app.command("download")
def gazetteer_download(
    codes: list[str] = typer.Argument(..., metavar="CODE...",
                                      help="Country codes of the dumps: UA RU BY ..."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
    url: Optional[str] = typer.Option(None, "--url", help=(
        "Base URL of the dumps [default: $STRIKEWATCH_GEONAMES_URL, else "
        "https://download.geonames.org/export/dump/]")),
    alternate_names: bool = typer.Option(False, "--alternate-names", help=(
        "Also fetch each country's alternate names (alternatenames/UA.zip).")),
    keep: bool = typer.Option(False, "--keep", help="Keep the downloaded zips (in "
                                                   "<data dir>/gazetteer/downloads)."),
    build: bool = typer.Option(True, "--build/--no-build",
                               help="Build the place index now (else on first use)."),
) -> None:
    """Download GeoNames country dumps over HTTPS and import them.

    A transfer that breaks off is resumed where it stopped (also by running the command
    again); each file must match the size the server announced and pass the zip's CRC
    checks before it is imported.

    Example: strikewatch gazetteer download UA RU --alternate-names
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from .gazetteer.download import DownloadError, download
    from .gazetteer.importer import GazetteerImportError, import_files

    progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    tasks: dict[str, Any] = {}

    def on_bytes(name: str, done: int, total: Optional[int]) -> None:
        if name not in tasks:
            tasks[name] = progress.add_task(name, total=total)
        progress.update(tasks[name], completed=done, total=total)

    try:
        with progress:
            got = download(codes, data_dir=data_dir, url=url, alternate_names=alternate_names,
                           progress=on_bytes)
    except (DownloadError, OSError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1)
    for d in got:
        resumed = f", resumed at {d.resumed_from:,} bytes" if d.resumed_from else ""
        err.print(f"{d.path.name}: {d.size:,} bytes from {d.url}{resumed}", markup=False)
    try:
        import_files([d.path for d in got], data_dir=data_dir,
                     origins={str(d.path): d.url for d in got},
                     progress=lambda m: err.print(m, markup=False))
    except (GazetteerImportError, OSError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2)
    finally:
        if not keep:
            for d in got:
                d.path.unlink(missing_ok=True)
    if build:
        _build_gazetteer(data_dir)


@gazetteer_app.command("status")
def gazetteer_status(
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
    format: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f"),
) -> None:
    """Which place sources the gazetteer loads, how many places each, when imported, where.

    Example: strikewatch gazetteer status
    """
    from .gazetteer.status import status

    info = status(data_dir)
    if format is ShowFormat.json:
        out.print_json(data=info)
        return
    table = Table(header_style="bold")
    for name in ("source", "places", "areas", "alt. names", "imported", "file"):
        table.add_column(name, overflow="fold")
    for s in info["bundled"]:
        places = f"{s['places']:,}" if s["places"] is not None else "?"
        table.add_row(*[Text(str(v)) for v in (s["name"], places, "", "",
                                               s["version"] or "bundled", "(in the package)")])
    for s in info["imported"]:
        table.add_row(*[Text(str(v)) for v in (
            s["name"], f"{s['places']:,}" if s["kind"] == "geonames" else "",
            f"{s['areas']:,}" if s["kind"] == "geonames" else "",
            f"{s['names']:,}" if s["kind"] == "altnames" else "", s["imported"],
            s["file"] + ("" if s["present"] else "  (MISSING)"))])
    out.print(table)
    idx = info["index"]
    if not info["imported"]:
        out.print(f"nothing imported in {info['data_dir']}: cities500 only "
                  "(strikewatch gazetteer download UA RU)", markup=False)
    if idx["built"]:
        out.print(f"index: {idx['places']:,} places, {idx['districts']:,} districts, "
                  f"in {idx['path']}", markup=False)
    else:
        out.print(f"index: not built yet for this set of sources (built on first use, into "
                  f"{idx['path']})", markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
