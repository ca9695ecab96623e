"""A stored thread's report: each event's comparison (stored, or computed once and stored,
as `compared` does for a story) and what changed; and a story's news since a date.

Shared by `storylens show THREAD`, `show ... --since`, the server and `Database.thread`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storylens.analyse import Analyser
from storylens.compare.threads_view import new_since, story_summary, thread_to_dict, thread_view
from storylens.compared import members_comparison
from storylens.errors import ConfigError
from storylens.group.threads import THREAD_PREFIX
from storylens.records import Article, Comparison, Story, StoryThread
from storylens.store import Store


def is_thread_key(key: str) -> bool:
    """Thread ids start with "t"; story ids are hex digits."""
    return key.startswith(THREAD_PREFIX)


def checked_since(since: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD), or a ConfigError saying how to write one."""
    if since is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(since[:10]).isoformat() if len(since) >= 10 else _bad(since)
    except ValueError:
        return _bad(since)


def _bad(since: str) -> str:
    raise ConfigError(f"--since {since[:40]!r} is not a date: write it as YYYY-MM-DD")


def thread_report(
    store: Store, key: str, analyser: Analyser, since: str | None = None
) -> dict[str, Any]:
    """The thread (id or unique prefix) as `show THREAD --json` prints it."""
    thread = store.get_thread(key)

    def compared(story: Story) -> tuple[Comparison, list[Article]]:
        found = members_comparison(store, story.id, story.article_ids, analyser)
        return found.comparison, found.articles

    return report_of(thread, compared, since)


def report_of(
    thread: StoryThread,
    compared: Callable[[Story], tuple[Comparison, list[Article]]],
    since: str | None = None,
) -> dict[str, Any]:
    """The report of a thread read already, each event's comparison from `compared` (the
    server's cached comparisons, or the store's)."""
    return {"schema_version": 2, "thread": thread_to_dict(thread_view(thread, compared), since)}


def story_since(store: Store, key: str, analyser: Analyser, since: str) -> dict[str, Any]:
    """What the story (id or unique prefix) gained on or after `since`."""
    story = store.get_story(key)
    found = members_comparison(store, story.id, story.article_ids, analyser)
    news = new_since(found.comparison, found.articles, since)
    return {
        "schema_version": 2,
        "story": {**story_summary(story), "thread": story.thread_id, **news},
    }
