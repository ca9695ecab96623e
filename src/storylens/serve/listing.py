"""Story listing parameters (shared by `GET /api/stories` and the list page): checked,
with messages that say how to fix them, and turned into a store query."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import replace
from datetime import date
from typing import Any

from storylens.records import Story
from storylens.store import Store, StoryCursor, StoryQuery

MAX_PAGE = 100
DEFAULT_PAGE = 20
MAX_TEXT = 200  # characters of a search text or outlet name
SORTS = ("size", "recent")
# Bounds on what a cursor may hold: story ids are 16 hex digits and dates ISO strings, so
# anything longer was not handed out by this server (and would only burden the query).
MAX_CURSOR_CHARS = 512
MAX_CURSOR_TEXT = 64
# The largest article count a cursor may name: a database integer (SQLite's and
# PostgreSQL's BIGINT); a larger one would fail in the driver, not as a bad parameter.
MAX_CURSOR_COUNT = 2**63 - 1


class BadParameter(ValueError):
    """A listing parameter that cannot be used; the message names it and the fix."""


def story_query(
    *,
    q: str | None,
    outlet: str | None,
    date_from: str | None,
    date_to: str | None,
    sort: str,
    cursor: str | None,
    limit: int,
) -> StoryQuery:
    if sort not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if not 1 <= limit <= MAX_PAGE:
        raise BadParameter(f"limit must be between 1 and {MAX_PAGE}")
    for name, value in (("q", q), ("outlet", outlet)):
        if value is not None and len(value) > MAX_TEXT:
            raise BadParameter(f"{name} is longer than {MAX_TEXT} characters")
    start, end = _date("from", date_from), _date("to", date_to)
    if start and end and start > end:
        raise BadParameter("from is after to: give an earlier from or a later to")
    return StoryQuery(
        text=(q or "").strip() or None,
        outlet=(outlet or "").strip() or None,
        date_from=start,
        date_to=end,
        sort=sort,
        limit=limit,
        after=decode_cursor(cursor) if cursor else None,
    )


def _date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def encode_cursor(cursor: StoryCursor) -> str:
    raw = json.dumps([cursor.article_count, cursor.last_published, cursor.id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str) -> StoryCursor:
    """A cursor as `encode_cursor` made it; anything else is a BadParameter.

    A cursor comes back from the client, so it is checked as hostile input: its size, its
    JSON (deep nesting is a RecursionError), and each value's type and range, so that
    nothing reaches the database that the driver would refuse (a huge integer, `true`,
    a lone surrogate).
    """
    foreign = BadParameter("cursor is not one this server handed out: drop it to start over")
    if len(text) > MAX_CURSOR_CHARS:
        raise foreign
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        count, last, story_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, RecursionError):
        raise foreign from None
    if not (_cursor_count(count) and _cursor_text(last) and _cursor_text(story_id)):
        raise foreign
    return StoryCursor(count, last, story_id)


def _cursor_count(value: object) -> bool:
    # bool is an int subclass: `true` must not pass for 1.
    return type(value) is int and 0 <= value <= MAX_CURSOR_COUNT


def _cursor_text(value: object) -> bool:
    if not isinstance(value, str) or len(value) > MAX_CURSOR_TEXT:
        return False
    try:
        value.encode("utf-8")  # a lone surrogate cannot be stored or compared
    except UnicodeEncodeError:
        return False
    return True


def story_summary(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "outlets": story.outlets,
        "article_count": len(story.article_ids),
    }


def list_page(store: Store, query: StoryQuery) -> tuple[list[Story], str | None]:
    """One page of stories, and the cursor of the next page (None on the last)."""
    found = store.search_stories(replace(query, limit=query.limit + 1))
    page = found[: query.limit]
    more = len(found) > query.limit
    return [story for story, _ in page], encode_cursor(page[-1][1]) if more else None
