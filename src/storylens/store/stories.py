"""Stories read back as records: listing, and lookup by id or unique id prefix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from storylens.errors import UnknownStoryError
from storylens.records import Story
from storylens.store.reader import story_article_ids
from storylens.store.schema import articles, stories
from storylens.store.writer import chunks

# Candidates named when a prefix is ambiguous.
SHOWN_CANDIDATES = 5
# Story ids are 16 hex digits; a key longer than this cannot name one, and is not looked up
# (nor echoed whole in the message: it comes from a client).
MAX_STORY_KEY = 64


def list_stories(connection: Connection, limit: int | None) -> list[Story]:
    """Biggest first, then most recently published (undated last), then by id."""
    query = select(stories).order_by(
        stories.c.article_count.desc(),
        stories.c.last_published.is_(None),  # portable NULLS LAST: false sorts first
        stories.c.last_published.desc(),
        stories.c.id,
    )
    if limit is not None:
        query = query.limit(max(0, limit))
    rows = list(connection.execute(query).mappings())
    return _stories(connection, rows)


def get_story(connection: Connection, key: str) -> Story:
    story_id = resolve_story_id(connection, key)
    rows = list(connection.execute(select(stories).where(stories.c.id == story_id)).mappings())
    return _stories(connection, rows)[0]


def resolve_story_id(connection: Connection, key: str) -> str:
    """The id itself if stored, else the one stored id that starts with `key`."""
    if not key:
        raise UnknownStoryError("no story id given")
    if len(key) > MAX_STORY_KEY:
        raise UnknownStoryError(
            f"no story with id or id prefix {key[:MAX_STORY_KEY]!r}… ({len(key)} characters)"
        )
    if connection.scalar(select(stories.c.id).where(stories.c.id == key)) is not None:
        return key
    query = select(stories.c.id).where(stories.c.id.startswith(key, autoescape=True))
    # SQLite's LIKE ignores ASCII case and PostgreSQL's does not: match exactly in Python.
    matches: list[str] = sorted(i for i in connection.scalars(query) if i.startswith(key))
    if not matches:
        raise UnknownStoryError(f"no story with id or id prefix {key!r}")
    if len(matches) > 1:
        shown = ", ".join(matches[:SHOWN_CANDIDATES])
        more = (
            f" and {len(matches) - SHOWN_CANDIDATES} more"
            if len(matches) > SHOWN_CANDIDATES
            else ""
        )
        raise UnknownStoryError(
            f"story id prefix {key!r} is ambiguous: {shown}{more}; give more characters"
        )
    return matches[0]


def _stories(connection: Connection, rows: Sequence[Any]) -> list[Story]:
    ids = [row["id"] for row in rows]
    members = story_article_ids(connection, ids)
    outlets = _outlets(connection, ids)
    return [
        Story(
            id=row["id"],
            article_ids=members[row["id"]],
            title=row["title"],
            first_published=row["first_published"],
            last_published=row["last_published"],
            outlets=sorted(outlets.get(row["id"], ())),
            thread_id=row.get("thread_id"),
        )
        for row in rows
    ]


def _outlets(connection: Connection, story_ids: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for chunk in chunks(story_ids):
        query = (
            select(articles.c.story_id, articles.c.outlet)
            .where(articles.c.story_id.in_(chunk), articles.c.outlet.is_not(None))
            .distinct()
        )
        for story_id, outlet in connection.execute(query):
            found.setdefault(story_id, set()).add(outlet)
    return found


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """A filtered, sorted page of stories (the web listing and `GET /api/stories`).

    `text` matches, ignoring ASCII case, any member article's title or outlet; `outlet` is
    an exact outlet name; `date_from`/`date_to` (ISO dates) keep stories whose dates
    overlap the range. `after` is the last story of the previous page (keyset paging: a
    page stays right while new stories arrive).
    """

    text: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "size"  # "size" (biggest first) or "recent" (latest article first)
    limit: int = 50
    after: StoryCursor | None = None


@dataclass(frozen=True, slots=True)
class StoryCursor:
    """Where a page ended: the sort keys of its last story."""

    article_count: int
    last_published: str  # "" for an undated story: sorts after every date
    id: str


SORTS = ("size", "recent")


def search_stories(connection: Connection, query: StoryQuery) -> list[tuple[Story, StoryCursor]]:
    """One page of stories matching `query`, each with the cursor that resumes after it."""
    if query.sort not in SORTS:
        raise ValueError(f"unknown sort {query.sort!r}: use one of {', '.join(SORTS)}")
    last = func.coalesce(stories.c.last_published, "")
    statement = select(stories).where(*_filters(query))
    if query.after is not None:
        statement = statement.where(_after(query.sort, query.after, last))
    if query.sort == "size":
        order = (stories.c.article_count.desc(), last.desc(), stories.c.id)
    else:
        order = (last.desc(), stories.c.article_count.desc(), stories.c.id)
    rows = list(connection.execute(statement.order_by(*order).limit(query.limit)).mappings())
    return [
        (story, StoryCursor(row["article_count"], row["last_published"] or "", row["id"]))
        for story, row in zip(_stories(connection, rows), rows, strict=True)
    ]


def _filters(query: StoryQuery) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    member = select(articles.c.id).where(articles.c.story_id == stories.c.id)
    if query.text:
        needle = query.text.lower()
        found.append(
            member.where(
                or_(
                    func.lower(articles.c.title).contains(needle, autoescape=True),
                    func.lower(articles.c.outlet).contains(needle, autoescape=True),
                )
            ).exists()
        )
    if query.outlet:
        found.append(member.where(articles.c.outlet == query.outlet).exists())
    if query.date_from:
        found.append(stories.c.last_published >= query.date_from)
    if query.date_to:
        # Dates may carry a time ("2025-03-03T10:31:00Z"): compare the day part only.
        found.append(func.substr(stories.c.first_published, 1, 10) <= query.date_to)
    return found


def _after(sort: str, cursor: StoryCursor, last: ColumnElement[str]) -> ColumnElement[bool]:
    """Rows strictly after the cursor in (first desc, second desc, id asc) order."""
    count: ColumnElement[Any] = stories.c.article_count
    by_size = ((count, cursor.article_count), (last, cursor.last_published))
    (first, first_value), (second, second_value) = by_size if sort == "size" else by_size[::-1]
    return or_(
        first < first_value,
        and_(first == first_value, second < second_value),
        and_(first == first_value, second == second_value, stories.c.id > cursor.id),
    )
