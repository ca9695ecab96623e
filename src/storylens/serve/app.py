"""The application: one store, one comparison cache, the API and the pages.

    app = create_app("storylens.db", ServeOptions(token="s3cret"))

Comparisons are precomputed on startup in a background thread (biggest stories first),
so pages answer from memory once warm; a story asked for before then is computed on the
spot. Writes (`POST /api/ingest`) need the token given at start; none given, none allowed.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException
from starlette.types import Scope

from storylens.analyse import Analyser
from storylens.config import DEFAULT_MAX_INPUT_BYTES, DEFAULT_UPLOAD_SECONDS, Settings
from storylens.errors import StoreError
from storylens.group import StoryGrouper
from storylens.group.threads import ThreadLinker
from storylens.pipeline import restored_threads
from storylens.quotemarks import balanced
from storylens.records import Story
from storylens.serve.cache import CachedStory, Rendering, StoryCache, ThreadReports
from storylens.serve.listing import list_page
from storylens.serve.openapi import documented_openapi
from storylens.serve.security import GuardMiddleware, json_error, json_error_body
from storylens.serve.shutdown import SHUTDOWN_GRACE_S, stop_on_signals
from storylens.store import Store, StoryQuery, UnknownStoryError, open_store_for_serving
from storylens.store.vectors import database_settings

HERE = Path(__file__).resolve().parent
log = logging.getLogger("storylens.serve")
# What anonymous clients learn of a database failure: the details (the database's path or
# URL, the driver's message) are for the server's log only.
DATABASE_UNAVAILABLE = "database error: the database did not answer; try again later"
# Requests a second per client address before 429s (bursts of twice that). A page view is
# three requests (page, script, style), so this leaves a person plenty of room.
DEFAULT_RATE_LIMIT = 50.0


@dataclass(slots=True)
class ServeOptions:
    token: str | None = None  # bearer token for writes; None: writes refused (403)
    max_body_bytes: int = DEFAULT_MAX_INPUT_BYTES  # larger request bodies get 413
    rate_limit: float = DEFAULT_RATE_LIMIT  # requests/s per client; 0 turns it off
    warm: bool = True  # precompute every story's comparison on startup
    settings: Settings = field(default_factory=Settings.from_env)  # read when serving starts
    upload_seconds: float = DEFAULT_UPLOAD_SECONDS  # an upload's time budget (serve.upload)


class ServeContext:
    """What the routes share: the store, the cache, the models, the templates."""

    def __init__(self, store: Store, options: ServeOptions, analyser: Analyser) -> None:
        self.store = store
        self.options = options
        self.analyser = analyser
        self.cache = StoryCache(store, analyser)
        self.thread_reports = ThreadReports(self.cache)
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False
        )
        self.templates.filters["balanced"] = balanced
        self.ingest_lock = threading.Lock()  # one ingest at a time: one grouper state
        self._grouper: tuple[int, ThreadLinker] | None = None  # (store's last_seq, state)
        self._grouper_lock = threading.Lock()
        self.stop = threading.Event()
        self._warming: threading.Thread | None = None
        self._warm_lock = threading.Lock()

    @property
    def warming(self) -> bool:
        return self._warming is not None and self._warming.is_alive()

    def start_warming(self) -> None:
        """Compute missing comparisons in the background (no-op while already at it)."""
        with self._warm_lock:
            if self.warming or self.stop.is_set():
                return
            self._warming = threading.Thread(target=self._warm, name="storylens-warm", daemon=True)
            self._warming.start()

    def _warm(self) -> None:
        # A store that went away (shutdown) ends warming; requests report errors, not this.
        with contextlib.suppress(StoreError):
            self.cache.warm(self.stop)

    def grouper(self) -> StoryGrouper:
        """The grouping state of the stored stories, rebuilt only after the store changed
        (rebuilding reads every stored article's grouping fields)."""
        return self.threads().grouper

    def threads(self) -> ThreadLinker:
        """The thread linker over that grouping state (rebuilt with it)."""
        with self._grouper_lock:
            seq = self.store.last_seq()
            if self._grouper is None or self._grouper[0] != seq:
                self._grouper = (seq, restored_threads(self.store))
            return self._grouper[1]

    def render(self, template: str, **values: Any) -> str:
        return self.templates.get_template(template).render(**values)


def context(request: Request) -> ServeContext:
    found: ServeContext = request.app.state.storylens
    return found


def create_app(
    store_url: str, options: ServeOptions | None = None, analyser: Analyser | None = None
) -> FastAPI:
    """The ASGI app over the store at `store_url` (opened and migrated now; a SQLite file
    on read-only storage is served read-only)."""
    from storylens.serve import api, coverage, pages, threads

    options = options or ServeOptions()
    store = open_store_for_serving(store_url)
    ctx = ServeContext(
        store, options, analyser or Analyser(database_settings(store, options.settings))
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        del app
        if options.warm:
            ctx.start_warming()
        with stop_on_signals(ctx.stop):
            yield
        ctx.stop.set()
        # An upload stopped by the flag writes the batch in hand first (a few seconds).
        if ctx.ingest_lock.acquire(timeout=SHUTDOWN_GRACE_S):
            ctx.ingest_lock.release()
        store.close()

    app = FastAPI(
        title="storylens",
        summary="Stories and how every outlet tells them.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the Swagger and ReDoc pages load scripts from a CDN
        redoc_url=None,
        # Starlette's redirect of "/x/" to "/x" is an absolute URL built from the Host header,
        # which a client chooses: an unknown path is a 404 instead.
        redirect_slashes=False,
        lifespan=lifespan,
    )
    app.state.storylens = ctx
    app.openapi = lambda: documented_openapi(app)  # type: ignore[method-assign]
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(coverage.router)
    app.include_router(threads.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_error_handlers(app)
    app.add_middleware(
        GuardMiddleware,
        max_body_bytes=options.max_body_bytes,
        rate_per_second=options.rate_limit,
        error_body=lambda scope, status, message: _error_body(ctx, scope, status, message),
    )
    return app


def wants_json(request: Request) -> bool:
    return _json_path(request.url.path)


def _json_path(path: str) -> bool:
    return path.startswith("/api/") or path == "/healthz"


def _error_body(ctx: ServeContext, scope: Scope, status: int, message: str) -> tuple[bytes, bytes]:
    """The last-resort error (see GuardMiddleware): JSON for the API, else the error page."""
    if _json_path(scope.get("path", "")):
        return json_error_body(scope, status, message)
    html = ctx.render("error.html", status=status, message=message)
    return b"text/html; charset=utf-8", html.encode()


def error_response(request: Request, status: int, message: str) -> Response:
    """The API's one JSON error shape, or the page's error page."""
    if wants_json(request):
        return Response(json_error(status, message), status, media_type="application/json")
    html = context(request).render("error.html", status=status, message=message)
    return HTMLResponse(html, status)


def _add_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        response = error_response(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    async def bad_params(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 400, validation_message(exc))

    async def unknown(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, str(exc))

    async def store_error(request: Request, exc: Exception) -> Response:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(request, 503, DATABASE_UNAVAILABLE)

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_params)
    app.add_exception_handler(UnknownStoryError, unknown)
    app.add_exception_handler(StoreError, store_error)


def validation_message(exc: RequestValidationError) -> str:
    """'query parameter limit: Input should be less than or equal to 100; …'"""
    parts = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ())]
        place = f"{where[0]} parameter {'.'.join(where[1:])}" if len(where) > 1 else "request"
        parts.append(f"{place}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def validated(
    request: Request, rendering: Rendering, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    """The rendering with its ETag, or an empty 304 when the client already has it
    (If-None-Match): a browser revalidating a story page gets no body back."""
    sent = {"etag": rendering.etag, "cache-control": "no-cache", **(headers or {})}
    if _etag_matches(request.headers.get("if-none-match"), rendering.etag):
        return Response(status_code=304, headers=sent)
    return Response(rendering.body, media_type=media_type, headers=sent)


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    given = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in given or etag in given


async def cached_story(ctx: ServeContext, story_key: str) -> CachedStory:
    """A warm story straight from memory on the event loop; else looked up (and maybe
    computed) in a worker thread, so the loop never waits on the store or the model."""
    found = ctx.cache.peek(story_key)
    return found if found is not None else await run_in_threadpool(ctx.cache.get, story_key)


def listing_of(ctx: ServeContext, query: StoryQuery) -> tuple[list[Story], str | None]:
    """One page of the story listing, remembered until the store changes (blocking)."""
    return ctx.cache.listing(query, lambda: list_page(ctx.store, query))


async def rendered_listing(
    ctx: ServeContext, key: Hashable, render: Callable[[], bytes]
) -> Rendering:
    """A listing rendered (list page, API JSON) once until the store changes: from memory
    on the event loop when current, else rendered in a worker thread."""
    found = ctx.cache.peek_listing(key)
    if found is not None:
        return cast(Rendering, found)
    return await run_in_threadpool(ctx.cache.listing, key, lambda: Rendering.of(render()))
