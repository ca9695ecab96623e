"""`storylens threads`: list the stored threads (developing stories), most events first."""

from __future__ import annotations

from typing import Annotated

import typer

from storylens.cli.options import DbOption, errors_as_exit, print_json, print_text
from storylens.config import default_db


def threads(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON with each thread's stories.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many threads.")] = None,
) -> None:
    """List the stored threads: the events (stories) of one developing story, linked over
    days and weeks; most events first. `storylens show THREAD` gives one on a timeline.

    Example: storylens threads --limit 10
    """
    from storylens.compare.threads_view import thread_summary
    from storylens.output.listing import threads_table
    from storylens.store import open_existing_store

    with errors_as_exit(), open_existing_store(db or default_db(), read_only=True) as store:
        listed = store.list_threads(limit=limit)
    if as_json:
        print_json([thread_summary(thread) for thread in listed])
    else:
        print_text(threads_table(listed))


def register(app: typer.Typer) -> None:
    app.command()(threads)
