"""Story listing parameters (shared by `GET /api/stories` and the list page): checked,
with messages that say how to fix them, and turned into a store query."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from typing import Any

from storylens.compare import COMPARISON_VERSION
from storylens.compare.copies import copies_by_original
from storylens.records import Story
from storylens.store import Store, StoryCursor, StoryQuery

MAX_PAGE = 100
DEFAULT_PAGE = 20
PAGE_SIZES = (20, 50, 100)  # offered by the list page (any limit up to MAX_PAGE works)
MAX_TEXT = 200  # characters of a search text or outlet name
SORTS = ("size", "recent")
# Bounds on what a cursor may hold: story ids are 16 hex digits and dates ISO strings, so
# anything longer was not handed out by this server (and would only burden the query).
# The longest cursor `encode_cursor` makes: a 19-digit count and two 64-character texts of
# 4-byte characters, as UTF-8 JSON in base64 (~730 characters).
MAX_CURSOR_CHARS = 1024
MAX_CURSOR_TEXT = 64
# The largest article count a cursor may name: a database integer (SQLite's and
# PostgreSQL's BIGINT); a larger one would fail in the driver, not as a bad parameter.
MAX_CURSOR_COUNT = 2**63 - 1
# Stories read from the store at a time while filtering by outlet in Python.
SCAN_CHUNK = 500


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
    start, end = date_range(date_from, date_to)
    return StoryQuery(
        text=(q or "").strip() or None,
        outlet=(outlet or "").strip() or None,
        date_from=start,
        date_to=end,
        sort=sort,
        limit=limit,
        after=decode_cursor(cursor) if cursor else None,
    )


def date_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """The `from` and `to` query values checked, either open; BadParameter names the fix."""
    start, end = date_param("from", date_from), date_param("to", date_to)
    if start and end and start > end:
        raise BadParameter("from is after to: give an earlier from or a later to")
    return start, end


def date_param(name: str, value: str | None) -> str | None:
    """A YYYY-MM-DD query value checked (BadParameter naming the parameter), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def encode_cursor(cursor: StoryCursor) -> str:
    # Not ASCII-escaped: "\\ud83d\\ude00" is 12 characters for a 4-byte character.
    raw = json.dumps([cursor.article_count, cursor.last_published, cursor.id], ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode().rstrip("=")


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
    found = list(islice(matching_stories(store, query), query.limit + 1))
    page = found[: query.limit]
    more = len(found) > query.limit
    return [story for story, _ in page], encode_cursor(page[-1][1]) if more else None


def matching_stories(store: Store, query: StoryQuery) -> Iterator[tuple[Story, StoryCursor]]:
    """The stories matching `query` in its order, from its cursor on, without a limit.

    The outlet filter matches any part of an outlet's name, ignoring case ("valley" finds
    "Valley Post"): the store matches outlets exactly, so the outlet is matched here, on
    the stories the other filters leave, read a chunk at a time.
    """
    wanted = (query.outlet or "").casefold()
    chunk = replace(query, outlet=None, limit=SCAN_CHUNK if wanted else query.limit + 1)
    while True:
        found = store.search_stories(chunk)
        for story, cursor in found:
            if not wanted or any(wanted in outlet.casefold() for outlet in story.outlets):
                yield story, cursor
        if len(found) < chunk.limit:
            return
        chunk = replace(chunk, after=found[-1][1], limit=SCAN_CHUNK)


@dataclass(frozen=True, slots=True)
class ListedStory:
    """A story as the list page shows it."""

    story: Story
    sources: int  # independent sources: articles that are no republished copy
    republished: int  # republished copies of another article of the story
    disputed: int | None  # facts the outlets state differently; None: not compared yet


@dataclass(frozen=True, slots=True)
class ListView:
    """One page of the list page: its stories, where it lies among all matches, and the
    cursors of the pages around it ("" for the first page, None for none)."""

    stories: list[ListedStory]
    total: int  # stories matching the filters, on every page
    first: int  # position of the page's first story among them, from 1
    previous_cursor: str | None
    next_cursor: str | None
    outlets: list[str]  # the outlets of the stories the other filters leave (suggestions)


def list_view(store: Store, query: StoryQuery) -> ListView:
    """The list page: every match is read (to count them and find the previous page), but
    only the shown page's articles and stored comparisons."""
    everything = replace(query, outlet=None, after=None)
    wanted = (query.outlet or "").casefold()
    outlets: set[str] = set()
    matches: list[tuple[Story, StoryCursor]] = []
    for story, cursor in matching_stories(store, everything):
        outlets.update(story.outlets)
        if not wanted or any(wanted in outlet.casefold() for outlet in story.outlets):
            matches.append((story, cursor))
    start = _position(matches, query.after, query.sort)
    page = [story for story, _ in matches[start : start + query.limit]]
    if start == 0:
        previous = None
    elif start <= query.limit:
        previous = ""
    else:
        previous = encode_cursor(matches[start - query.limit - 1][1])
    more = start + query.limit < len(matches)
    return ListView(
        stories=_listed(store, page),
        total=len(matches),
        first=start + 1,
        previous_cursor=previous,
        next_cursor=encode_cursor(matches[start + query.limit - 1][1]) if more else None,
        outlets=sorted(outlets, key=str.casefold),
    )


def _position(
    matches: list[tuple[Story, StoryCursor]], after: StoryCursor | None, sort: str
) -> int:
    """The index of the first match that comes after the cursor in the store's order."""
    if after is None:
        return 0
    for index, (_, cursor) in enumerate(matches):
        if _comes_after(cursor, after, sort):
            return index
    return len(matches)


def _comes_after(cursor: StoryCursor, after: StoryCursor, sort: str) -> bool:
    # The store's order: (article count desc, last published desc, id asc) by size, the
    # first two swapped by recency; an undated story's "" sorts after every date.
    if sort == "size":
        size = (cursor.article_count, cursor.last_published)
        if size != (after.article_count, after.last_published):
            return size < (after.article_count, after.last_published)
    else:
        recent = (cursor.last_published, cursor.article_count)
        if recent != (after.last_published, after.article_count):
            return recent < (after.last_published, after.article_count)
    return cursor.id > after.id


def _listed(store: Store, stories: list[Story]) -> list[ListedStory]:
    wanted = [article_id for story in stories for article_id in story.article_ids]
    articles = {a.id: a for a in store.load_articles(wanted, with_analysis=False)}
    listed = []
    for story in stories:
        members = [articles[i] for i in story.article_ids if i in articles]
        copies = sum(len(c) for c in copies_by_original(members).values())
        comparison = store.load_comparison(story.id, story.article_ids, COMPARISON_VERSION)
        disputed = None if comparison is None else len({c.claim for c in comparison.conflicts})
        listed.append(ListedStory(story, len(members) - copies, copies, disputed))
    return listed
