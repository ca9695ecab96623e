"""The web pages: the story list and a story's side-by-side page, rendered on the server.

Templates autoescape every value; the story page is rendered once per cached comparison.
The pages work without JavaScript; static/story.js only adds click-to-highlight.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from storylens.serve.app import cached_story, context, rendered_listing, validated
from storylens.serve.cache import CachedStory
from storylens.serve.listing import PAGE_SIZES, list_view
from storylens.serve.params import Listing, listing
from storylens.serve.view import story_view

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
async def story_list(request: Request, given: Annotated[Listing, Depends(listing)]) -> Response:
    ctx = context(request)
    shown, sort, limit = given.shown, given.sort, given.limit

    def render() -> bytes:
        view = list_view(ctx.store, given.query)
        filters = {k: v for k, v in shown.items() if v}
        kept = {**filters, "sort": sort, "limit": str(limit)}

        def page_params(cursor: str | None) -> dict[str, str] | None:
            return None if cursor is None else {**kept, **({"cursor": cursor} if cursor else {})}

        html = ctx.render(
            "list.html",
            view=view,
            shown=shown,
            sort=sort,
            limit=limit,
            page_sizes=PAGE_SIZES,
            filtered=bool(filters),
            clear_params={"sort": sort, "limit": str(limit)},
            previous_params=page_params(view.previous_cursor),
            next_params=page_params(view.next_cursor),
        )
        return html.encode()

    # While the server warms up, stories are being compared: the page's "disputed" badges
    # are read again once it is done.
    key = ("list page", given.query, tuple(shown.items()), sort, limit, ctx.warming)
    page = await rendered_listing(ctx, key, render)
    return validated(request, page, "text/html; charset=utf-8")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: str) -> Response:
    ctx = context(request)
    cached = await cached_story(ctx, story_id)

    def render(entry: CachedStory) -> bytes:
        return ctx.render("story.html", story=story_view(entry.articles, entry.comparison)).encode()

    html = await cached.rendered("html", render)  # once per comparison
    return validated(request, html, "text/html; charset=utf-8")
