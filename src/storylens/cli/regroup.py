"""`storylens regroup`: rebuild the story grouping from the stored articles."""

from __future__ import annotations

import typer

from storylens.cli.options import DbOption, errors_as_exit
from storylens.config import default_db
from storylens.wording import counted


def regroup(db: DbOption = None) -> None:
    """Group every stored article afresh (after a rule or model change) and store the result.

    Example: storylens regroup --db newsroom.db
    """
    from storylens.pipeline import regroup as regroup_store
    from storylens.store import open_store

    with errors_as_exit(), open_store(db or default_db()) as store:
        articles, stories = regroup_store(store)
    typer.echo(
        f"regrouped {counted(articles, 'article')} into {counted(stories, 'story', 'stories')}",
        err=True,
    )


def register(app: typer.Typer) -> None:
    app.command()(regroup)
