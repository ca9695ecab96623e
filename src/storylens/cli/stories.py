"""`storylens stories`: list the stored stories, biggest first."""

from __future__ import annotations

from typing import Annotated

import typer

from storylens.cli.options import DbOption, errors_as_exit, print_json, print_text
from storylens.config import default_db


def stories(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON with each story's articles.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many stories.")] = None,
) -> None:
    """List the stored stories, biggest first.

    Example: storylens stories --json | jq '.[0].articles'
    """
    from storylens.output.listing import stories_json, stories_table
    from storylens.store import open_existing_store

    with errors_as_exit(), open_existing_store(db or default_db(), read_only=True) as store:
        listed = store.list_stories(limit=limit)
        if as_json:
            print_json(stories_json(store, listed))
        else:
            print_text(stories_table(listed))


def register(app: typer.Typer) -> None:
    app.command()(stories)
