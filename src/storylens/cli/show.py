"""`storylens show`: what every outlet says about one stored story."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from storylens.cli.options import (
    DbOption,
    FormatOption,
    chosen_format,
    errors_as_exit,
    print_json,
    print_text,
    settings,
    write_report,
)
from storylens.config import default_db


def show(
    story: Annotated[
        str, typer.Argument(help="Story id, or thread id (t...), or a unique prefix of it.")
    ],
    db: DbOption = None,
    fmt: FormatOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    as_md: Annotated[bool, typer.Option("--md", help="Same as --format md.")] = False,
    since: Annotated[
        str | None,
        typer.Option(
            help="Only what is new since this date (YYYY-MM-DD): articles, facts, quotes, "
            "disagreements."
        ),
    ] = None,
) -> None:
    """Compare what every outlet says about one stored story (Markdown unless --format);
    for a thread (an id from `storylens threads`), its events on a timeline, each with its
    comparison and what changed from the event before.

    The comparison is stored, and read back until the story gains or loses an article
    (so the database is opened for writing, once it is known to be a storylens database).

    Example: storylens show 3f2a --format html > story.html; storylens show t3f2a --since 2025-03-01
    """
    chosen = chosen_format(fmt, as_json, as_md, default="md")
    from storylens.analyse import Analyser
    from storylens.compared import story_comparison
    from storylens.store import open_existing_store
    from storylens.thread_compared import checked_since, is_thread_key

    with errors_as_exit():
        since = checked_since(since)
        analyser = Analyser(settings())
        with open_existing_store(db or default_db(), read_only=False) as store:
            if is_thread_key(story) or since is not None:
                _show_news(store, story, analyser, since, chosen)
                return
            found = story_comparison(store, story, analyser)
            write_report(chosen, found.articles, [found.comparison])


def _show_news(store: Any, key: str, analyser: Any, since: str | None, chosen: str) -> None:
    """A thread's timeline, or a story's news since a date (JSON, else Markdown)."""
    from storylens.compare.threads_view import since_markdown, thread_markdown
    from storylens.errors import ConfigError
    from storylens.thread_compared import is_thread_key, story_since, thread_report

    if chosen == "html":
        raise ConfigError("--format html shows one story: use md or json for threads and --since")
    if is_thread_key(key):
        found = thread_report(store, key, analyser, since)
        text = thread_markdown(found["thread"])
    else:
        assert since is not None
        found = story_since(store, key, analyser, since)
        text = since_markdown(found["story"], f"Story {found['story']['story']}")
    if chosen == "json":
        print_json(found)
    else:
        print_text(text)


def register(app: typer.Typer) -> None:
    app.command()(show)
