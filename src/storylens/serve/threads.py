"""Threads on the server: `GET /api/threads`, `GET /api/threads/{id}` (`?since=`), the
thread page `/threads/{id}` and `/stories/{id}/thread` (the story's current thread).

A thread's report reads each event's comparison from the story cache (stored, or computed
once and stored, as the story page does) off the event loop, and is kept in memory
(`cache.ThreadReports`) until one of its events changes or the thread gains or loses one;
listings are rendered once until the store changes.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from storylens.compare.threads_view import thread_summary
from storylens.serve.app import ServeContext, context, rendered_listing, validated
from storylens.serve.cache import CachedThread
from storylens.serve.listing import BadParameter, date_param

router = APIRouter()
MAX_LIMIT = 100
SinceParam = Annotated[str | None, Query(max_length=10)]


def since_param(value: str | None) -> str | None:
    try:
        return date_param("since", value)
    except BadParameter as exc:
        raise HTTPException(400, str(exc)) from None


@router.get("/api/threads")
async def list_threads(
    request: Request, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50
) -> Response:
    """Threads (developing stories), most events first: id, title, events, articles, first
    and last date, outlets and the ids of their stories."""
    ctx = context(request)

    def render() -> bytes:
        listed = [thread_summary(t) for t in ctx.store.list_threads(limit=limit)]
        return json.dumps({"threads": listed}, ensure_ascii=False).encode()

    rendered = await rendered_listing(ctx, ("threads api", limit), render)
    return validated(request, rendered, "application/json")


async def _report(ctx: ServeContext, thread_id: str, since: str | None) -> CachedThread:
    """From memory on the event loop when known current, else in a worker thread."""
    found = ctx.thread_reports.peek(thread_id, since)
    if found is not None:
        return found
    return await run_in_threadpool(ctx.thread_reports.get, thread_id, since)


@router.get("/api/threads/{thread_id}")
async def get_thread(request: Request, thread_id: str, since: SinceParam = None) -> Response:
    """The thread's events on a timeline, each with its comparison summary and what changed
    from the event before (as `storylens show THREAD --json`); with `since`, only what is
    new since that date (YYYY-MM-DD)."""
    ctx = context(request)
    found = await _report(ctx, thread_id, since_param(since))
    return validated(request, found.report_json, "application/json")


@router.get("/threads/{thread_id}", response_class=HTMLResponse)
async def thread_page(request: Request, thread_id: str, since: SinceParam = None) -> Response:
    ctx = context(request)
    found = await _report(ctx, thread_id, since_param(since))

    def render(cached: CachedThread) -> bytes:
        return ctx.render("thread.html", thread=cached.report["thread"]).encode()

    page = await found.rendered("page", render)  # once per cached report
    return validated(request, page, "text/html; charset=utf-8")


@router.get("/stories/{story_id}/thread")
def story_thread(request: Request, story_id: str) -> Response:
    """The thread page of the story's thread as it is now."""
    story = context(request).store.get_story(story_id)
    if story.thread_id is None:
        raise HTTPException(404, f"story {story.id!r} is in no thread yet")
    return RedirectResponse(f"/threads/{story.thread_id}", status_code=303)
