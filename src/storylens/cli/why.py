"""`storylens why A B`: why two stored articles are, or are not, in one story."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from storylens.cli.options import DbOption, errors_as_exit
from storylens.config import default_db
from storylens.errors import StoreError
from storylens.terminal import printable

if TYPE_CHECKING:
    from storylens.store import Store


# Candidates named when an id prefix matches several articles.
SHOWN_CANDIDATES = 5


def why(
    first: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    second: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Explain the grouping of two stored articles in plain words: why they are, or are
    not, in one story.

    Says how alike their headlines, texts and names are, how far apart they were
    published, and which rule decided. Takes article ids or unique prefixes of them.

    Example: storylens why 3f2a 9e8d
    """
    from storylens.group.explain import explain
    from storylens.pipeline import restored_grouper
    from storylens.store import open_existing_store

    with errors_as_exit(), open_existing_store(db or default_db(), read_only=True) as store:
        ids = resolve_article_ids(store, [first, second])
        found = {a.id: a for a in store.load_articles(ids)}
        grouper = restored_grouper(store)
    report = explain(grouper, found[ids[0]], found[ids[1]])
    if as_json:
        sys.stdout.write(printable(json.dumps(report, ensure_ascii=False, indent=2)) + "\n")
    else:
        sys.stdout.write(printable("\n".join(report["in_words"]) + "\n"))


def resolve_article_ids(store: Store, keys: list[str]) -> list[str]:
    """Each key's stored article id: the id itself, or the one stored id it begins."""
    stored = store.has_articles(keys)
    if all(key in stored for key in keys):
        return keys
    known = sorted({i for story in store.list_stories() for i in story.article_ids})
    return [key if key in stored else _by_prefix(key, known) for key in keys]


def _by_prefix(key: str, known: list[str]) -> str:
    if not key:
        raise StoreError("no article id given: copy one from `storylens stories --json`")
    matches = [i for i in known if i.startswith(key)]
    if not matches:
        raise StoreError(f"no stored article with id or id prefix {key!r}")
    if len(matches) > 1:
        shown = ", ".join(matches[:SHOWN_CANDIDATES])
        more = len(matches) - SHOWN_CANDIDATES
        listed = f"{shown} and {more} more" if more > 0 else shown
        raise StoreError(f"article id prefix {key!r} is ambiguous: {listed}; give more characters")
    return matches[0]


def register(app: typer.Typer) -> None:
    app.command()(why)
