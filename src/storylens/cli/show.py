"""`storylens show`: what every outlet says about one stored story."""

from __future__ import annotations

from typing import Annotated

import typer

from storylens.cli.options import (
    DbOption,
    FormatOption,
    chosen_format,
    errors_as_exit,
    settings,
    write_report,
)
from storylens.config import default_db


def show(
    story: Annotated[str, typer.Argument(help="Story id (or a unique prefix of it).")],
    db: DbOption = None,
    fmt: FormatOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    as_md: Annotated[bool, typer.Option("--md", help="Same as --format md.")] = False,
) -> None:
    """Compare what every outlet says about one stored story (Markdown unless --format).

    The comparison is stored, and read back until the story gains or loses an article
    (so the database is opened for writing, once it is known to be a storylens database).

    Example: storylens show 3f2a --format html > story.html
    """
    chosen = chosen_format(fmt, as_json, as_md, default="md")
    from storylens.analyse import Analyser
    from storylens.compared import story_comparison
    from storylens.store import open_existing_store

    with errors_as_exit():
        analyser = Analyser(settings())
        with open_existing_store(db or default_db(), read_only=False) as store:
            found = story_comparison(store, story, analyser)
            write_report(chosen, found.articles, [found.comparison])


def register(app: typer.Typer) -> None:
    app.command()(show)
