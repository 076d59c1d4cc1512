"""The HTTP API and the dashboard, one FastAPI application (``strikewatch serve``).

Read endpoints take the same filters as the CLI's ``events`` command. Writing
(``POST /api/articles``) needs the token given at start-up; without one the server is
read-only. Every response carries a strict Content-Security-Policy (no inline scripts: the
dashboard's JavaScript is in static files) and errors are JSON without stack traces.
"""

from __future__ import annotations

import hmac
import io
import json
import logging
import math
import queue
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Iterator, Optional, Sequence
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..model import ATTACK_TYPES, ATTACKERS, TARGETS, IngestError, Options
from ..store import EventQuery, Store, StoreError, open_store
from ..store.base import SORTS
from . import exports
from .schemas import (
    INGEST_BODY_SCHEMA, ArticleOut, Attacker, AttackType, Error, EventDetail, EventPage,
    ExportFormat, IngestResult, Meta, Sort, Stats, Target, WaveList,
)

log = logging.getLogger("strikewatch.api")

WEB_DIR = Path(__file__).resolve().parent.parent / "web" / "static"

MAX_PAGE = 1000
DEFAULT_PAGE = 100
DEFAULT_MAX_BODY = 5_000_000
# beyond any real offset or count; keeps SQLite's 64-bit integers from overflowing
BIG = 1_000_000_000

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

ERRORS = {
    404: {"model": Error, "description": "not found"},
    422: {"model": Error, "description": "a parameter is not valid"},
}


# --- store access --------------------------------------------------------------------------

class StorePool:
    """Store connections handed to one request at a time.

    uvicorn runs sync endpoints on a thread pool; a SQLite or psycopg connection must not
    be used by two threads at once, so each request borrows its own and gives it back.
    """

    def __init__(self, target: str):
        self.target = target
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self.release(self._open())      # fail at start-up, not on the first request

    def _open(self) -> Store:
        store = open_store(self.target)
        with self._lock:
            self._all.append(store)
        return store

    def acquire(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._open()

    def release(self, store: Store) -> None:
        self._idle.put(store)

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # closing at shutdown: nothing left to do about it
                    pass
            self._all.clear()


# --- security headers (pure ASGI, so streamed responses keep streaming) ---------------------

class SecurityHeaders:
    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- filters -----------------------------------------------------------------------------------

DATE = r"^\d{4}-\d{2}-\d{2}$"


def _clean(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if "\x00" in value:
        raise HTTPException(422, "parameters may not contain NUL characters")
    value = value.strip()
    return value or None


def parse_bbox(value: Optional[str]) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees (WGS84), as GeoJSON orders a bbox."""
    value = _clean(value)
    if value is None:
        return None
    parts = value.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise HTTPException(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(422, "bbox out of range: need -180 <= min_lon <= max_lon <= 180 "
                                 "and -90 <= min_lat <= max_lat <= 90")
    return min_lon, min_lat, max_lon, max_lat


def event_filters(
    date_from: Optional[str] = Query(None, pattern=DATE, description="first day, YYYY-MM-DD"),
    date_to: Optional[str] = Query(None, pattern=DATE, description="last day, YYYY-MM-DD"),
    country: Optional[str] = Query(None, pattern=r"^[A-Za-z]{2}$",
                                   description="ISO 3166-1 alpha-2 code of the country hit"),
    region: Optional[str] = Query(None, max_length=200,
                                  description="first-level region (admin1), exact name, "
                                              "any case: 'Odesa Oblast'"),
    location: Optional[str] = Query(None, max_length=200, description="settlement, exact name"),
    attacker: Optional[Attacker] = Query(None, description="side that carried out the attack"),
    attack_type: Optional[AttackType] = Query(None),
    weapon: Optional[str] = Query(None, max_length=100, description="canonical weapon name: "
                                                                   "Shahed-136, Iskander-M"),
    target: Optional[Target] = Query(None),
    min_killed: Optional[int] = Query(None, ge=0, le=BIG, description="at least this many "
                                                                     "killed (lower bound)"),
    q: Optional[str] = Query(None, max_length=200, description="text in place names or "
                                                              "evidence"),
    bbox: Optional[str] = Query(None, max_length=200,
                                description="min_lon,min_lat,max_lon,max_lat"),
    sort: Sort = Query("date", description="sort order; a leading - reverses it"),
) -> EventQuery:
    return EventQuery(
        date_from=date_from, date_to=date_to, country=_clean(country), region=_clean(region),
        location=_clean(location), attacker=attacker, attack_type=attack_type,
        weapon=_clean(weapon), target=target, min_killed=min_killed, text=_clean(q),
        bbox=parse_bbox(bbox), sort=sort)


def _page_link(request: Request, offset: int, limit: int) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items()
              if k not in ("offset", "limit")]
    params += [("limit", str(limit)), ("offset", str(offset))]
    return f"{request.url.path}?{urlencode(params)}"


# --- writing -------------------------------------------------------------------------------------

def _event_ids_of(store: Store, article_id: str) -> list[str]:
    row = store.article(article_id)
    if not row:
        return []
    return sorted(store.events_of_reports(row["report_ids"]))


def ingest_objects(store: Store, objects: list[Any], options: Options) -> dict[str, Any]:
    """Store each article object (CODEBOOK section 8) as ``strikewatch ingest`` would."""
    from .. import ingest as ingest_stage
    from .. import pipeline

    stats = pipeline.RunStats()
    results = []
    for index, obj in enumerate(objects):
        entry: dict[str, Any] = {"index": index, "id": None, "outcome": "error",
                                 "message": None, "event_ids": []}
        results.append(entry)
        if not isinstance(obj, dict):
            entry["message"] = "expected a JSON object"
            stats.failed += 1
            continue
        if isinstance(obj.get("id"), (str, int)) and not isinstance(obj.get("id"), bool):
            entry["id"] = str(obj["id"])
        # one JSON line through the same reader as a JSONL file: identical rules for ids,
        # text/html, dates and sizes
        line = json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
        items = list(ingest_stage.read_stream(io.BytesIO(line), f"item {index}", options))
        if not items:
            entry["message"] = "no article in this item"
            stats.failed += 1
            continue
        item = items[0]
        if isinstance(item, IngestError):
            entry["message"] = item.message
            stats.failed += 1
            continue
        entry["id"] = item.id
        processed = pipeline.process_article(item, options, stats)
        outcome = pipeline.record(store, processed, stats)
        entry["outcome"] = outcome
        if outcome == "error":
            entry["message"] = stats.errors[-1] if stats.errors else "could not be stored"
        else:
            entry["event_ids"] = _event_ids_of(store, item.id)
    return {"stored": stats.stored, "skipped": stats.skipped,
            "errors": sum(1 for r in results if r["outcome"] == "error"), "results": results}


# --- the application ---------------------------------------------------------------------------

def create_app(db: str, write_token: Optional[str] = None, *,
               cors_origins: Sequence[str] = (), max_body_bytes: int = DEFAULT_MAX_BODY,
               options: Options = Options()) -> FastAPI:
    """The API and dashboard over the database ``db`` (SQLite path or postgresql:// URL).

    ``write_token`` enables ``POST /api/articles`` for requests carrying
    ``Authorization: Bearer <token>``; ``cors_origins`` opts in to cross-origin reads from
    those origins (none by default); request bodies over ``max_body_bytes`` get 413.
    Raises ``StoreError`` when the database cannot be opened.
    """
    pool = StorePool(str(db))
    token = write_token or None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="strikewatch",
        version=__version__,
        description=("Attack events extracted from news articles, with the evidence for "
                     "every figure. Filters match the CLI's `events` command."),
        openapi_url="/api/openapi.json",
        # the interactive docs pages load scripts from a CDN: no internet here, strict CSP
        docs_url=None, redoc_url=None,
    )
    app.state.pool = pool

    def store_dep() -> Iterator[Store]:
        store = pool.acquire()
        try:
            yield store
        finally:
            pool.release(store)

    # -- errors: JSON, never a stack trace ------------------------------------------------

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        return JSONResponse({"detail": detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return JSONResponse({"detail": "; ".join(parts) or "invalid request"}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("database error on %s: %s", request.url.path, exc)
        return JSONResponse({"detail": "database unavailable"}, status_code=503)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    # -- events ---------------------------------------------------------------------------------

    @app.get("/api/events", response_model=EventPage, tags=["events"], responses=ERRORS)
    def list_events(
        request: Request,
        query: EventQuery = Depends(event_filters),
        limit: int = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description="page size"),
        offset: int = Query(0, ge=0, le=BIG),
        store: Store = Depends(store_dep),
    ) -> dict[str, Any]:
        """Events matching the filters, one page at a time, with the total and paging links."""
        total = store.count_events(query)
        query.limit, query.offset = limit, offset
        found = store.events(query)
        links = {"self": _page_link(request, offset, limit), "next": None, "prev": None}
        if offset + limit < total:
            links["next"] = _page_link(request, offset + limit, limit)
        if offset > 0:
            links["prev"] = _page_link(request, max(0, offset - limit), limit)
        return {"total": total, "count": len(found), "limit": limit, "offset": offset,
                "links": links, "events": [exports.summary_dict(e) for e in found]}

    @app.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"],
             responses=ERRORS)
    def get_event(event_id: str, store: Store = Depends(store_dep)) -> dict[str, Any]:
        """One event with its evidence spans, every source's figures (the history), the
        claims made about it, when each source was merged in, and its wave."""
        event = store.event(event_id)
        if event is None:
            raise HTTPException(404, "no such event")
        data = event.to_dict()
        data["claims"] = [c.to_dict() for c in store.claims(event.id)]
        data["updates"] = store.event_updates(event.id)
        refs = []
        for article_id in event.sources:
            art = store.article(article_id)
            if art:
                refs.append({k: art.get(k) for k in ("id", "published", "outlet", "title",
                                                      "url")})
        data["source_articles"] = refs
        wave = store.wave(event.wave_id) if event.wave_id else None
        data["wave"] = wave.to_dict() if wave else None
        return data

    # -- articles -------------------------------------------------------------------------------

    @app.get("/api/articles/{article_id:path}", response_model=ArticleOut, tags=["articles"],
             responses=ERRORS)
    def get_article(article_id: str, store: Store = Depends(store_dep)) -> dict[str, Any]:
        """An article's raw text, cleaned text and what cleaning removed or flagged (raw
        offsets; flagged spans also carry their cleaned-text offsets)."""
        if "\x00" in article_id:
            raise HTTPException(404, "no such article")
        art = store.article(article_id)
        if art is None:
            raise HTTPException(404, "no such article")
        art.pop("raw", None)        # the input bytes: may be binary, and the text says it
        art.pop("offsets", None)
        art["event_ids"] = sorted(store.events_of_reports(art["report_ids"]))
        return art

    write_responses = {
        400: {"model": Error, "description": "the body is not JSON or not articles"},
        401: {"model": Error, "description": "missing or wrong bearer token"},
        403: {"model": Error, "description": "writing is disabled (no token configured)"},
        413: {"model": Error, "description": "body over the size limit"},
        415: {"model": Error, "description": "the body is not application/json"},
    }

    @app.post("/api/articles", response_model=IngestResult, tags=["articles"],
              responses=write_responses,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": INGEST_BODY_SCHEMA}}},
                  "security": [{"bearer": []}]})
    async def post_articles(request: Request) -> dict[str, Any]:
        """Ingest one article or a list of them (CODEBOOK section 8: `id`, `text` or `html`,
        optional `published`, `url`, `title`, `outlet`), as `strikewatch ingest` would.
        Needs `Authorization: Bearer <token>` and a server started with a write token."""
        if token is None:
            raise HTTPException(403, "read-only server: start it with --write-token (or "
                                     "$STRIKEWATCH_WRITE_TOKEN) to accept articles")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                given.strip().encode("utf-8", "replace"), token.encode("utf-8")):
            raise HTTPException(401, "missing or wrong bearer token",
                                headers={"WWW-Authenticate": "Bearer"})
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_body_bytes:
            raise HTTPException(413, f"body over the limit of {max_body_bytes} bytes")
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            raise HTTPException(415, "send the articles as application/json")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body_bytes:
                raise HTTPException(413, f"body over the limit of {max_body_bytes} bytes")
        try:
            data = json.loads(bytes(body))
        except (ValueError, RecursionError):
            raise HTTPException(400, "the body is not valid JSON")
        objects = data if isinstance(data, list) else [data]
        if not objects or not all(isinstance(o, dict) for o in objects):
            raise HTTPException(400, "send an article object or a non-empty list of them")

        def work() -> dict[str, Any]:
            store = pool.acquire()
            try:
                return ingest_objects(store, objects, options)
            finally:
                pool.release(store)

        return await run_in_threadpool(work)

    # -- waves, stats, meta ----------------------------------------------------------------------

    @app.get("/api/waves", response_model=WaveList, tags=["waves"], responses=ERRORS)
    def list_waves(
        date_from: Optional[str] = Query(None, pattern=DATE),
        date_to: Optional[str] = Query(None, pattern=DATE),
        store: Store = Depends(store_dep),
    ) -> dict[str, Any]:
        """Country-wide attacks, one per day and side (CODEBOOK section 6)."""
        waves = [w.to_dict() for w in store.waves(date_from, date_to)]
        return {"count": len(waves), "waves": waves}

    @app.get("/api/stats", response_model=Stats, tags=["stats"], responses=ERRORS)
    def stats(query: EventQuery = Depends(event_filters),
              store: Store = Depends(store_dep)) -> dict[str, Any]:
        """Counts and casualties (sums of the lower bounds) by day and by region, for the
        events matching the filters."""
        data = store.stats(query)
        data["killed"] = sum(d["killed"] for d in data["by_day"])
        data["injured"] = sum(d["injured"] for d in data["by_day"])
        return data

    @app.get("/api/meta", response_model=Meta, tags=["stats"])
    def meta(store: Store = Depends(store_dep)) -> dict[str, Any]:
        """What the filter panel offers: vocabularies, the regions in the database and the
        date range; and whether this server accepts articles."""
        data = store.stats()
        days = [d["date"] for d in data["by_day"] if d["date"]]
        return {
            "version": __version__, "write_enabled": token is not None,
            "articles": data["articles"], "events": data["events"],
            "attack_types": list(ATTACK_TYPES), "targets": list(TARGETS),
            "attackers": list(ATTACKERS), "sorts": list(SORTS),
            "export_formats": list(exports.FORMATS),
            "regions": sorted(data["by_region"],
                              key=lambda r: (r["country"] or "", r["admin1"] or "")),
            "date_min": min(days) if days else None, "date_max": max(days) if days else None,
        }

    # -- exports ----------------------------------------------------------------------------------

    @app.get("/api/export", tags=["export"], responses={
        200: {"description": "the events in the requested format", "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "application/geo+json": {"schema": {"type": "object"}}}},
        **ERRORS}, response_class=StreamingResponse)
    def export(
        format: ExportFormat = Query("csv", description="csv, jsonl, geojson or acled "
                                                        "(ACLED's columns and conventions)"),
        query: EventQuery = Depends(event_filters),
        store: Store = Depends(store_dep),
    ) -> StreamingResponse:
        """Every event matching the filters, as a download."""
        events = store.events(query)     # read now: the store goes back to the pool
        name = f"strikewatch-events.{exports.EXTENSIONS[format]}"
        return StreamingResponse(
            exports.export(events, format), media_type=exports.MEDIA_TYPES[format],
            headers={"Content-Disposition": f'attachment; filename="{name}"'})

    # -- dashboard ----------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/event/{event_id}", include_in_schema=False)
    def event_page(event_id: str) -> FileResponse:
        return FileResponse(WEB_DIR / "event.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(SecurityHeaders)
    return app
