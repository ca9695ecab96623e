"""Story listings for `storylens stories`: a plain-text table and the scoring JSON."""

from __future__ import annotations

from typing import Any

from storylens.records import Story, StoryThread
from storylens.store import Store

TITLE_WIDTH = 70


def _clip(text: str | None, width: int) -> str:
    # Titles are untrusted: no control characters may reach a terminal.
    clean = "".join(ch if ch.isprintable() else " " for ch in (text or "-"))
    return clean if len(clean) <= width else clean[: width - 1] + "…"


def stories_table(stories: list[Story]) -> str:
    rows = [f"{'story':<16}  {'articles':>8}  {'dates':<23}  {'outlets':<30}  title"]
    for story in stories:
        dates = f"{story.first_published or '?'}..{story.last_published or '?'}"
        rows.append(
            f"{story.id:<16}  {len(story.article_ids):>8}  {dates:<23}  "
            f"{_clip(', '.join(story.outlets), 30):<30}  {_clip(story.title, TITLE_WIDTH)}"
        )
    return "\n".join(rows) + "\n"


def threads_table(threads: list[StoryThread]) -> str:
    rows = [
        f"{'thread':<17}  {'events':>6}  {'articles':>8}  {'dates':<23}  {'outlets':<30}  title"
    ]
    for thread in threads:
        dates = f"{thread.first_published or '?'}..{thread.last_published or '?'}"
        rows.append(
            f"{thread.id:<17}  {len(thread.events):>6}  {thread.article_count:>8}  {dates:<23}  "
            f"{_clip(', '.join(thread.outlets), 30):<30}  {_clip(thread.title, TITLE_WIDTH)}"
        )
    return "\n".join(rows) + "\n"


def stories_json(store: Store, stories: list[Story]) -> list[dict[str, Any]]:
    """Each story with its articles' own input ids, so results can be scored."""
    listed = []
    for story in stories:
        articles = store.load_articles(story.article_ids, with_analysis=False)
        listed.append(
            {
                "id": story.id,
                "title": story.title,
                "first_published": story.first_published,
                "last_published": story.last_published,
                "outlets": story.outlets,
                "thread": story.thread_id,
                "articles": [
                    {
                        "id": a.id,
                        "input_id": a.input_id,
                        "source": a.source,
                        "outlet": a.outlet,
                        "title": a.title,
                        "published": a.published,
                        "copy_of": a.copy_of,
                    }
                    for a in articles
                ],
            }
        )
    return listed
