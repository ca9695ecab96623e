"""`storylens why A B`: why two stored articles are, or are not, in one story."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from storylens.cli.options import DbOption, errors_as_exit
from storylens.config import default_db
from storylens.terminal import printable


def why(
    first: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    second: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Explain the grouping of two stored articles in plain words: why they are, or are
    not, in one story, and why their stories are or are not in one thread.

    Says how alike their headlines, texts and names are, how far apart they were
    published, and which rule decided. Takes article ids or unique prefixes of them.

    Example: storylens why 3f2a 9e8d
    """
    from storylens.group.explain import explain
    from storylens.pipeline import restored_threads
    from storylens.store import open_existing_store
    from storylens.store.prefixes import resolve_article_ids

    with errors_as_exit(), open_existing_store(db or default_db(), read_only=True) as store:
        ids = resolve_article_ids(store, [first, second])
        found = {a.id: a for a in store.load_articles(ids)}
        linker = restored_threads(store)
    report = explain(linker.grouper, found[ids[0]], found[ids[1]], linker)
    if as_json:
        sys.stdout.write(printable(json.dumps(report, ensure_ascii=False, indent=2)) + "\n")
    else:
        sys.stdout.write(printable("\n".join(report["in_words"]) + "\n"))


def register(app: typer.Typer) -> None:
    app.command()(why)
