"""Threads read back: each story's thread, the thread listing, one thread by id or prefix.

A thread is the set of stories (events) sharing a `stories.thread_id` (see group.threads);
nothing else is stored for it, so it can never disagree with its stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from storylens.errors import UnknownStoryError
from storylens.records import Story, StoryThread
from storylens.store.schema import articles, stories
from storylens.store.stories import SHOWN_CANDIDATES, _stories
from storylens.store.writer import chunks

# A key longer than any thread id cannot name one, and is not looked up.
MAX_THREAD_KEY = 80


def stored_threads(connection: Connection) -> dict[str, str | None]:
    """Every stored story's thread id (None where none was written yet)."""
    query = select(stories.c.id, stories.c.thread_id)
    return {story_id: thread_id for story_id, thread_id in connection.execute(query)}


def list_threads(connection: Connection, limit: int | None) -> list[StoryThread]:
    """Threads with the most events first, then most articles, then the most recent."""
    last = func.max(stories.c.last_published)
    query = (
        select(stories.c.thread_id)
        .where(stories.c.thread_id.is_not(None))
        .group_by(stories.c.thread_id)
        .order_by(
            func.count().desc(),
            func.sum(stories.c.article_count).desc(),
            last.is_(None),
            last.desc(),
            stories.c.thread_id,
        )
    )
    if limit is not None:
        query = query.limit(max(0, limit))
    return _threads(connection, list(connection.scalars(query)))


def get_thread(connection: Connection, key: str) -> StoryThread:
    """The thread with this id or unique id prefix; `UnknownStoryError` otherwise."""
    return _threads(connection, [resolve_thread_id(connection, key)])[0]


def resolve_thread_id(connection: Connection, key: str) -> str:
    if not key:
        raise UnknownStoryError("no thread id given")
    if len(key) > MAX_THREAD_KEY:
        raise UnknownStoryError(f"no thread with id or id prefix {key[:MAX_THREAD_KEY]!r}…")
    query = (
        select(stories.c.thread_id)
        .where(stories.c.thread_id.startswith(key, autoescape=True))
        .distinct()
    )
    # SQLite's LIKE ignores ASCII case and PostgreSQL's does not: match exactly in Python.
    matches = sorted(t for t in connection.scalars(query) if t and t.startswith(key))
    if key in matches:
        return key
    if not matches:
        raise UnknownStoryError(f"no thread with id or id prefix {key!r}")
    if len(matches) > 1:
        shown = ", ".join(matches[:SHOWN_CANDIDATES])
        raise UnknownStoryError(
            f"thread id prefix {key!r} is ambiguous: {shown}; give more characters"
        )
    return matches[0]


def _threads(connection: Connection, thread_ids: Sequence[str]) -> list[StoryThread]:
    rows: list[Any] = []
    for chunk in chunks(list(thread_ids)):
        query = select(stories).where(stories.c.thread_id.in_(chunk))
        rows.extend(connection.execute(query).mappings())
    events: dict[str, list[Story]] = {}
    counts: dict[str, int] = {}
    for story, row in zip(_stories(connection, rows), rows, strict=True):
        events.setdefault(row["thread_id"], []).append(story)
        counts[story.id] = row["article_count"]
    found = []
    for thread_id in thread_ids:
        members = sorted(events.get(thread_id, []), key=_when)
        biggest = min(members, key=lambda s: (-counts[s.id], _when(s)))
        dates = [d for s in members for d in (s.first_published, s.last_published) if d]
        found.append(
            StoryThread(
                id=thread_id,
                events=members,
                title=biggest.title,
                first_published=min(dates, default=None),
                last_published=max(dates, default=None),
                outlets=_outlets(connection, [s.id for s in members]),
                article_count=sum(counts[s.id] for s in members),
            )
        )
    return found


def _when(story: Story) -> tuple[bool, str, str]:
    """Earliest first; undated events last, by id."""
    return (story.first_published is None, story.first_published or "", story.id)


def _outlets(connection: Connection, story_ids: list[str]) -> list[str]:
    found: set[str] = set()
    for chunk in chunks(story_ids):
        query = (
            select(articles.c.outlet)
            .where(articles.c.story_id.in_(chunk), articles.c.outlet.is_not(None))
            .distinct()
        )
        found.update(connection.scalars(query))
    return sorted(found)
