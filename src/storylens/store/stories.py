"""Stories read back as records: listing, and lookup by id or unique id prefix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from storylens.errors import StoreError
from storylens.records import Story
from storylens.store.reader import story_article_ids
from storylens.store.schema import articles, stories
from storylens.store.writer import chunks

# Candidates named when a prefix is ambiguous.
SHOWN_CANDIDATES = 5


class UnknownStoryError(StoreError, LookupError):
    """No stored story has this id, or the prefix matches several (a StoreError for the CLI,
    a LookupError for callers that treat the store as a mapping)."""


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
