"""The HTTP API over a corpus store, and the pages of the web interface (`detente serve`).

The store is opened once: read-only, or owned for writing when the server watches feeds (`watch`: a
thread of its own ingests them, see detente.watcher). Each request queries through its own cursor, in a
snapshot, under a time limit (web/database.py). Every error under /api is `{"error": message, "status":
code}`, with the error's stable code (`DetenteError.code`) in the `X-Error-Code` header; a `DetenteError`
gives its own status (see detente.errors), in one handler; any other error is answered in the same shape
(500) by the guard around the app, which logs its traceback (web/middleware.py). POST /api/code codes a
text in a worker thread, under a size and a time limit (web/coding.py).
"""
from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import BadParameter, BodyTooLarge, DetenteError, InputError, NotFound, UnsupportedMediaType
from ..records import Skipped
from ..settings import default
from ..store import UNKNOWN_NAME_FIELDS
from . import answers, queries
from .coding import Coding
from .database import Database
from .middleware import SECURITY_HEADERS, Guard  # noqa: F401 (SECURITY_HEADERS importable from here, as before)
from .responses import CSV_LEADS, JsonResponse, _csv_cell, csv_response, error_response  # noqa: F401 (as before)

if TYPE_CHECKING:
    from ..coder import CoderOptions
    from ..watcher import WatchSettings

STATIC_DIR = Path(__file__).resolve().parent / "static"
PAGES = {"/": "documents.html", "/documents": "documents.html", "/dyad": "dyad.html", "/network": "network.html",
         "/flags": "flags.html", "/code": "code.html"}

# A library setting named by an error (`DetenteError.setting`), as the API's query parameter.
PARAMETERS = {"by": "by", "level": "level", "window_days": "window", "format": "format", "date": "date"}


def error_message(exc: DetenteError) -> str:
    """The message of an error, with the request parameter it is about when the library names a setting
    (a BadParameter names its parameter already)."""
    if isinstance(exc, BadParameter) or exc.setting not in PARAMETERS:
        return str(exc)
    return f"bad parameter {PARAMETERS[exc.setting]}: {exc}"


def output_format(value: str) -> str:
    if value not in ("json", "csv"):
        raise BadParameter("format", f"{value!r} is not json or csv")
    return value


CODE_REQUEST_SCHEMA = {
    "type": "object", "required": ["text"],
    "properties": {"text": {"type": "string", "description": "English news text"},
                   "date": {"type": "string", "format": "date", "description": "document date (YYYY-MM-DD)"}},
}


def create_app(db_path: str, *, max_body: int = default("max_body"), max_page_size: int = default("max_page_size"),
               query_timeout: float = default("query_timeout"), coder=None, options: "CoderOptions | None" = None,
               code_timeout: float = default("code_timeout"), code_workers: int = default("code_workers"),
               watch: "WatchSettings | None" = None, report: Callable[[str], None] = lambda s: None) -> FastAPI:
    """The API over the store at db_path. `coder` (optional) is an existing Coder to reuse for POST /api/code;
    otherwise one is built from `options` on first use. With `watch`, the server owns the store for writing
    and a thread of its own ingests the feeds (started and stopped with the server; `report` gets its log
    lines); without, the store is opened read-only."""
    db = Database(str(db_path), query_timeout, writable=watch is not None,
                  memory_limit=watch.memory_limit if watch is not None else None)
    coding = Coding(coder, options, workers=code_workers, timeout=code_timeout)
    watcher = None
    if watch is not None:
        from ..watcher import FeedWatcher

        watcher = FeedWatcher(db.store, watch, coding.engine, report)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        if watcher is not None:
            watcher.start()
        try:
            yield
        finally:  # the server stops: the watcher ends its poll, the store is closed (checkpointed)
            if watcher is not None:
                watcher.close()
            coding.close()
            db.close()

    app = FastAPI(title="detente", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="API over a detente corpus store: events, documents, dyads, actors, networks, flags; "
                              "and coding of a posted text.",
                  default_response_class=JsonResponse)
    app.state.db = db
    app.state.coding = coding
    app.state.watcher = watcher
    app.add_middleware(Guard)

    # ---- errors: one shape, in one place ---------------------------------------------------------------
    @app.exception_handler(DetenteError)
    async def _detente_error(request: Request, exc: DetenteError):
        return error_response(exc.status, error_message(exc), exc.code)

    @app.exception_handler(RequestValidationError)  # FastAPI's own check of parameter types
    async def _validation(request: Request, exc: RequestValidationError):
        problems = []
        for e in exc.errors():
            name = ".".join(str(p) for p in e.get("loc", ())[1:]) or "request"
            problems.append(f"bad parameter {name}: {e.get('msg', 'invalid')}")
        return error_response(400, "; ".join(problems) or "bad request", BadParameter.code)

    @app.exception_handler(StarletteHTTPException)  # no such route, method not allowed
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            what = "no API route" if request.url.path.startswith("/api/") else "not found:"
            return error_response(404, f"{what} {request.url.path}", NotFound.code)
        code = "method_not_allowed" if exc.status_code == 405 else "http_error"
        return error_response(exc.status_code, str(exc.detail), code)

    # ---- API -----------------------------------------------------------------------------------------
    def run(fn: Callable[..., Any], *args: Any) -> Any:
        return db.run(fn, *args)

    @app.get("/api/health", summary="Store status and counts (and the feed watcher's, when it watches)")
    def health():
        answer = run(queries.health)
        if watcher is not None:
            answer["watch"] = watcher.status.to_dict()
        return answer

    @app.get("/api/events", summary="Events, filtered and paged", responses=answers.EVENT_LIST)
    def events(source: str | None = Query(None, description="source actor code prefix (TUR matches TURGOV)"),
               target: str | None = Query(None, description="target actor code prefix"),
               code: str | None = Query(None, description="CAMEO code or prefix (19 matches 190, 193...)"),
               root: str | None = Query(None, description="CAMEO root code, 2 digits"),
               quad: int | None = Query(None, description="quad class 1-4"),
               start: str | None = Query(None, description="first event date YYYY-MM-DD"),
               end: str | None = Query(None, description="last event date YYYY-MM-DD"),
               doc: str | None = Query(None, description="doc_key of a document"),
               claimed: bool | None = Query(None, description="only claimed (true) or reported (false) events"),
               exact: bool = Query(False, description="source and target match whole codes, not prefixes"),
               undated: bool = Query(False, description="only events without a date"),
               cluster: str | None = Query(None, description="the mentions of one event cluster (its id)"),
               page: int = 1, page_size: int = default("page_size"), fmt: str = Query("json", alias="format")):
        fmt = output_format(fmt)
        f = queries.event_filter(source, target, code, root, quad, start, end, doc, claimed, exact, undated, cluster)
        result = run(queries.list_events, f, queries.Page.of(page, page_size, max_page_size))
        if fmt == "csv":
            return csv_response(result["events"], queries.EVENT_COLUMNS, "events", result["total"])
        return result

    @app.get("/api/documents", summary="Documents, searched and paged, newest first")
    def documents(q: str | None = Query(None, description="text or title contains (case-insensitive)"),
                  actor: str | None = Query(None, description="actor code prefix in the document's events or mentions"),
                  start: str | None = None, end: str | None = None, page: int = 1,
                  page_size: int = default("page_size"),
                  fmt: str = Query("json", alias="format")):
        fmt = output_format(fmt)
        start, end = queries.date_range(start, end)
        result = run(queries.list_documents, queries.search_text("q", q), queries.actor_code("actor", actor),
                     start, end, queries.Page.of(page, page_size, max_page_size))
        if fmt == "csv":
            return csv_response(result["documents"], queries.DOCUMENT_COLUMNS, "documents", result["total"])
        return result

    @app.get("/api/documents/{doc_key}", summary="A document with its events, mentions, quotes and places",
             responses=answers.DOCUMENT)
    def document(doc_key: str):
        return run(queries.document, doc_key)

    @app.get("/api/dyad", summary="Both directions of a dyad over time")
    def dyad(a: str | None = Query(None, description="actor code or prefix"),
             b: str | None = Query(None, description="actor code or prefix"),
             by: str = Query(default("period"), description="day, week, month or year"),
             mentions: bool = Query(False, description="count every mention instead of event clusters"),
             fmt: str = Query("json", alias="format")):
        fmt = output_format(fmt)
        a_code = queries.actor_code("a", a, required=True)
        b_code = queries.actor_code("b", b, required=True)
        result = run(queries.dyad, a_code, b_code, queries.period(by), mentions)
        if fmt == "csv":
            return csv_response(result["series"], queries.DYAD_COLUMNS, f"dyad-{a_code}-{b_code}")
        return result

    @app.get("/api/actor/{code}", summary="An actor's counterparts and its events over time")
    def actor(code: str, by: str = Query(default("period"), description="day, week, month or year"),
              mentions: bool = Query(False, description="count every mention, not event clusters")):
        return run(queries.actor, queries.actor_code("code", code, required=True), queries.period(by), mentions)

    @app.get("/api/actors", summary="Actor completion: codes by prefix and names by substring")
    def actors(q: str | None = Query(None, description="start of a code or part of a name"),
               limit: int = default("actors_limit"),
               fmt: str = Query("json", alias="format")):
        fmt = output_format(fmt)
        result = run(queries.actors, queries.search_text("q", q), queries.bounded("limit", limit, 1, max_page_size))
        if fmt == "csv":
            return csv_response(result["actors"], ("code", "name", "events"), "actors")
        return result

    @app.get("/api/actors/unknown", summary="Proper names that resolved to no actor, the most frequent first")
    def unknown_names(limit: int = default("unknown_limit"),
                      min_count: int = Query(1, description="mentions a name needs"),
                      kind: str | None = Query(None, description="person, organisation, group, place or other"),
                      sort: str = Query("mentions", description="mentions or documents first"),
                      fmt: str = Query("json", alias="format")):
        fmt = output_format(fmt)
        result = run(queries.unknown_names, queries.bounded("limit", limit, 1, max_page_size),
                     queries.bounded("min_count", min_count, 1), queries.unknown_kind(kind), queries.unknown_sort(sort))
        if fmt == "csv":
            rows = [{**r, "spellings": "; ".join(r["spellings"])} for r in result["names"]]
            return csv_response(rows, UNKNOWN_NAME_FIELDS, "unknown-names")
        return result

    @app.get("/api/network", summary="The heaviest directed dyads of a period")
    def network(start: str | None = None, end: str | None = None, min_count: int = 1,
                limit: int = default("network_limit"),
                level: str = Query("actor", description="nodes are whole actor codes (actor) or countries (country)"),
                fmt: str = Query("json", alias="format")):
        fmt = output_format(fmt)
        start, end = queries.date_range(start, end)
        result = run(queries.network, start, end, queries.bounded("min_count", min_count, 1),
                     queries.bounded("limit", limit, 1, max(max_page_size, default("network_limit"))), queries.network_level(level))
        if fmt == "csv":
            return csv_response(result["edges"], ("source", "target", "count", "goldstein_mean"), "network")
        return result

    @app.get("/api/flags", summary="Dual-track behaviour and say-do gaps, with evidence")
    def flag_list(window: int = Query(default("say_do_window"), description="days for say-do gaps"),
                  min_events: int = Query(default("min_events"), description="events each side of a pattern needs"),
                  limit: int = Query(default("flag_limit"), description="the strongest flags returned"),
                  mentions: bool = Query(False, description="count every mention, not event clusters"),
                  fmt: str = Query("json", alias="format")):
        fmt = output_format(fmt)
        result = run(queries.flag_list, queries.bounded("window", window, 0, 3650),
                     queries.bounded("min_events", min_events, 1), queries.bounded("limit", limit, 1, 500), mentions)
        if fmt == "csv":
            keys = ("doc_key", "doc_id", "date", "source", "cameo", "target", "quad_class", "goldstein", "trigger",
                    "sentence")
            rows = [{"kind": f["kind"], "actor": f["actor"], "summary": f["summary"], **e}
                    for f in result["flags"] for e in f["evidence"]]
            return csv_response(rows, ("kind", "actor", "summary", *keys), "flags")
        return result

    @app.post("/api/code", summary="Code a text (nothing is stored)", responses=answers.CODED,
              openapi_extra={"requestBody": {"required": True,
                                             "content": {"application/json": {"schema": CODE_REQUEST_SCHEMA}}}})
    async def code(request: Request):
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            raise BodyTooLarge(f"the body is larger than {max_body:,} bytes")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise UnsupportedMediaType('send the body as application/json: {"text": "...", "date": "YYYY-MM-DD"}')
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                raise BodyTooLarge(f"the body is larger than {max_body:,} bytes")
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise BadParameter("body", 'not valid JSON; send {"text": "...", "date": "YYYY-MM-DD"}') from None
        except RecursionError:  # brackets nested thousands deep
            raise BadParameter("body", 'nested too deeply; send {"text": "...", "date": "YYYY-MM-DD"}') from None
        if not isinstance(payload, dict):
            raise BadParameter("body", 'a JSON object is expected: {"text": "...", "date": "YYYY-MM-DD"}')
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip():
            raise BadParameter("text", "a non-empty string is required")
        date = payload.get("date")
        if date is not None and not isinstance(date, str):
            raise BadParameter("date", "a date string YYYY-MM-DD is expected")
        date = queries.iso_date("date", date)
        result = await coding.code(text, date)
        if isinstance(result, Skipped):
            raise InputError(f"the text was not coded: {result.reason}")
        return queries.coded_result(text, result)

    # ---- pages and static files ----------------------------------------------------------------------
    def page_route(filename: str) -> Callable[[], Response]:
        def serve_page() -> Response:
            path = STATIC_DIR / filename
            if not path.is_file():
                raise NotFound(f"page not available: {filename}")
            return FileResponse(path, media_type="text/html")

        return serve_page

    for route, filename in PAGES.items():
        app.add_api_route(route, page_route(filename), methods=["GET"], include_in_schema=False)
    article = page_route("article.html")

    @app.get("/article/{doc_key}", include_in_schema=False)
    def article_page(doc_key: str):
        return article()

    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    else:
        @app.get("/static/{rest:path}", include_in_schema=False)
        def no_static(rest: str):
            raise NotFound("no static files installed")

    return app
