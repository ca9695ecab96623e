"""The web pages: the story list and a story's side-by-side page, rendered on the server.

Templates autoescape every value; the story page is rendered once per cached comparison.
The pages work without JavaScript; static/story.js only adds click-to-highlight.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from storylens.serve.app import cached_listing, cached_story, context, error_response
from storylens.serve.cache import CachedStory
from storylens.serve.listing import DEFAULT_PAGE, BadParameter, story_query
from storylens.serve.view import story_view

router = APIRouter()

TextParam = Annotated[str | None, Query(max_length=200)]


@router.get("/", response_class=HTMLResponse)
async def story_list(
    request: Request,
    q: TextParam = None,
    outlet: TextParam = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    sort: str = "size",
    cursor: str | None = None,
    limit: int = DEFAULT_PAGE,
) -> Response:
    ctx = context(request)
    try:
        query = story_query(
            q=q,
            outlet=outlet,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            cursor=cursor,
            limit=limit,
        )
    except BadParameter as exc:
        return error_response(request, 400, str(exc))
    stories, next_cursor = await cached_listing(ctx, query)
    shown = {"q": q or "", "outlet": outlet or "", "from": date_from or "", "to": date_to or ""}
    next_params = {**{k: v for k, v in shown.items() if v}, "sort": sort, "limit": str(limit)}
    if next_cursor:
        next_params["cursor"] = next_cursor
    html = ctx.render(
        "list.html",
        stories=stories,
        shown=shown,
        sort=sort,
        next_params=next_params if next_cursor else None,
    )
    return HTMLResponse(html)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: str) -> Response:
    ctx = context(request)
    cached = await cached_story(ctx, story_id)

    def render(entry: CachedStory) -> bytes:
        return ctx.render("story.html", story=story_view(entry.report)).encode()

    html = cached.renderings.get("html")
    if html is None:  # rendered once per comparison, off the event loop
        html = await run_in_threadpool(cached.rendering, "html", render)
    return HTMLResponse(html)
