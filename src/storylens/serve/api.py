"""The JSON API: stories, one story's comparison, articles, ingest, health.

Errors have one shape, `{"ok": false, "error": "...", "status": N}`: 400 for a bad
parameter (the message says which and how to fix it), 401/403 for writes without the
right token, 404 for unknown ids, 413 for oversized uploads, 429 when rate limited.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from storylens.group.explain import explain
from storylens.output.html import report_html
from storylens.output.json import article_to_dict
from storylens.output.markdown import comparison_to_markdown
from storylens.pipeline import Ingestor
from storylens.records import Article, Failure, IngestReport
from storylens.serve.app import (
    ServeContext,
    cached_story,
    context,
    listing_of,
    rendered_listing,
    validated,
)
from storylens.serve.cache import CachedStory, Rendering
from storylens.serve.listing import story_summary
from storylens.serve.params import Listing, listing
from storylens.serve.threads import since_param
from storylens.serve.upload import UploadBudget, extract_uploads
from storylens.thread_compared import story_since

router = APIRouter()

# Files in one multipart upload; each is one input (a JSONL file holds many articles).
MAX_UPLOAD_FILES = 100
# Raw (non-multipart) bodies are named after their type, so the reader's sniffing can use it.
RAW_SUFFIXES = {
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/json": ".json",
    "text/html": ".html",
    "text/plain": ".txt",
}


@router.get("/healthz")
def healthz(request: Request) -> dict[str, Any]:
    """Whether the server and its database answer; how many comparisons are ready."""
    ctx = context(request)
    ctx.store.last_seq()  # raises (503) when the database does not answer
    return {"ok": True, "cached_stories": len(ctx.cache), "warming": ctx.warming}


@router.get("/api/stories")
async def list_stories(request: Request, given: Annotated[Listing, Depends(listing)]) -> Response:
    """Stories matching the filters, a page at a time (`next_cursor` resumes)."""
    ctx = context(request)

    def render() -> bytes:
        stories, next_cursor = listing_of(ctx, given.query)
        listed = {"stories": [story_summary(s) for s in stories], "next_cursor": next_cursor}
        return json.dumps(listed, ensure_ascii=False, separators=(",", ":")).encode()

    rendered = await rendered_listing(ctx, ("stories api", given.query), render)
    return validated(request, rendered, "application/json")


@router.get("/api/stories/{story_id}")
async def get_story(
    request: Request, story_id: str, since: Annotated[str | None, Query(max_length=10)] = None
) -> Response:
    """The story's comparison: the same JSON as `storylens show --json`; with `since`
    (YYYY-MM-DD), only the articles, facts, quotes and disagreements new since then."""
    day = since_param(since)  # an empty `since` asks for the whole story
    if day is not None:
        ctx = context(request)
        news = await run_in_threadpool(story_since, ctx.store, story_id, ctx.analyser, day)
        body = json.dumps(news, ensure_ascii=False).encode()
        return validated(request, Rendering.of(body), "application/json")
    cached = await cached_story(context(request), story_id)
    return validated(request, cached.report_json, "application/json")


@router.get("/api/stories/{story_id}/report.md")
def get_story_markdown(request: Request, story_id: str) -> Response:
    """The story's Markdown report, as `storylens show --md` prints it."""
    cached = context(request).cache.get(story_id)
    body = cached.rendering("markdown", _markdown)
    headers = {"content-disposition": f'attachment; filename="story-{cached.story_id}.md"'}
    return validated(request, body, "text/markdown; charset=utf-8", headers)


@router.get("/api/stories/{story_id}/report.html")
def get_story_report(request: Request, story_id: str) -> Response:
    """The self-contained HTML report (`storylens show --format html`), as a download: it
    carries its own styles and is meant to be mailed, not shown under this site's CSP."""
    cached = context(request).cache.get(story_id)
    body = cached.rendering("report-html", _report_html)
    headers = {"content-disposition": f'attachment; filename="story-{cached.story_id}.html"'}
    return validated(request, body, "text/html; charset=utf-8", headers)


def _report_html(cached: CachedStory) -> bytes:
    return report_html([cached.comparison], {a.id: a for a in cached.articles}).encode()


def _markdown(cached: CachedStory) -> bytes:
    by_id = {a.id: a for a in cached.articles}
    return (comparison_to_markdown(cached.comparison, by_id) + "\n").encode()


@router.get("/api/stories/{story_id}/why/{first}/{second}")
def why(request: Request, story_id: str, first: str, second: str) -> dict[str, Any]:
    """Why two articles are, or are not, in one story (as `storylens why --json`); the
    first must belong to the story named in the path."""
    ctx = context(request)
    story = ctx.store.get_story(story_id)
    found = {a.id: a for a in ctx.store.load_articles([first, second])}
    for wanted in (first, second):
        if wanted not in found:
            raise HTTPException(404, f"no article with id {wanted!r}")
    if found[first].story_id != story.id:
        raise HTTPException(404, f"article {first!r} is not in story {story.id!r}")
    linker = ctx.threads()
    return explain(linker.grouper, found[first], found[second], linker)


@router.get("/api/articles/{article_id}")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One stored article with its entities and quotes."""
    found = context(request).store.load_articles([article_id], with_analysis=True)
    if not found:
        raise HTTPException(404, f"no article with id {article_id!r}")
    article = found[0]
    return {
        **article_to_dict(article),
        "entities": [
            {"text": e.text, "label": e.label, "start": e.start, "end": e.end}
            for e in article.entities
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
            for q in article.quotes
        ],
    }


@router.post("/api/ingest")
async def ingest(request: Request) -> JSONResponse:
    """Ingest uploaded files (multipart, any field name) or one raw JSONL/JSON/HTML/text
    body. Needs `Authorization: Bearer <token>` with the token the server started with.

    Answers with counts: `failed` lists the first reasons (as it always has, now bounded),
    `failed_count` counts them all. The upload is read within a time and size budget (see
    serve.upload); what is past it is one failure."""
    ctx = context(request)
    _check_token(request, ctx.options.token)
    if ctx.store.read_only:
        raise HTTPException(403, "writes are disabled: the database is read-only")
    uploads = await _uploads(request)
    if not uploads:
        raise HTTPException(400, "nothing to ingest: send files (multipart) or a JSONL body")
    report = await run_in_threadpool(_ingest, ctx, uploads)
    ctx.start_warming()
    return JSONResponse(
        {
            "ok": True,
            "stored": report.stored,
            "already_stored": report.already_stored,
            # `failed` lists reasons as it always has, now only the first ones (bounded);
            # `failed_count` says how many failed in all.
            "failed": [{"source": f.source, "reason": f.reason} for f in report.failures],
            "failed_count": report.failed,
        }
    )


def _check_token(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "writes are disabled: the server was started without --token")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    # Header values arrive decoded as latin-1: back to the bytes the client sent, compared
    # with the token's UTF-8 (compare_digest refuses a str holding non-ASCII characters).
    sent = value.strip().encode("latin-1", errors="replace")
    if scheme.lower() != "bearer" or not hmac.compare_digest(sent, token.encode("utf-8")):
        raise HTTPException(
            401,
            "missing or wrong token: send Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _uploads(request: Request) -> list[tuple[str, bytes]]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=MAX_UPLOAD_FILES)
        files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        return [(f"upload:{f.filename or 'file'}", await f.read()) for f in files]
    body = await request.body()
    return [(f"upload{RAW_SUFFIXES.get(kind, '')}", body)] if body else []


def _ingest(ctx: ServeContext, uploads: list[tuple[str, bytes]]) -> IngestReport:
    budget = UploadBudget.for_body_limit(ctx.options.max_body_bytes, ctx.options.upload_seconds)
    # The grouper is rebuilt from the store for each upload, so stories ingested meanwhile
    # by another process (the CLI) are continued, not duplicated.
    with ctx.ingest_lock:
        ingestor = Ingestor(ctx.store, ctx.analyser)

        def articles() -> Iterator[Article]:
            for item in extract_uploads(uploads, ctx.options.settings, budget, ctx.stop):
                if isinstance(item, Failure):
                    ingestor.record_failure(item)
                else:
                    yield item

        try:
            ingestor.ingest(articles())
        finally:
            ctx.cache.invalidate()  # batches already written show at once
    return ingestor.report
