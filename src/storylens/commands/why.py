"""`storylens why A B`: why two stored articles are, or are not, in one story."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from storylens.cli import DbOption, _errors_as_exit
from storylens.config import default_db
from storylens.errors import StoreError
from storylens.group.explain import explain
from storylens.terminal import printable


def why(
    first: Annotated[str, typer.Argument(help="Article id.")],
    second: Annotated[str, typer.Argument(help="Article id.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Explain the grouping of two stored articles: scores, shared names, date gap, rule.

    Example: storylens why 3f2a9c01d4e5b6a7 9e8d7c6b5a493827
    """
    from storylens.pipeline import restored_grouper
    from storylens.store import open_existing_store

    with _errors_as_exit(), open_existing_store(db or default_db(), read_only=True) as store:
        found = {a.id: a for a in store.load_articles([first, second])}
        for wanted in (first, second):
            if wanted not in found:
                raise StoreError(f"no stored article with id {wanted!r}")
        grouper = restored_grouper(store)
    report = explain(grouper, found[first], found[second])
    if as_json:
        sys.stdout.write(printable(json.dumps(report, ensure_ascii=False, indent=2)) + "\n")
    else:
        sys.stdout.write(printable(_text(report)))


def _text(report: dict[str, Any]) -> str:
    first, second = report["articles"]
    verdict = "in one story" if report["same_story"] else "in different stories"
    pair = report["pair"]
    lines = [
        f"{first['id']} ({first['outlet'] or '?'}, {first['published'] or 'undated'}) and "
        f"{second['id']} ({second['outlet'] or '?'}, {second['published'] or 'undated'}) "
        f"are {verdict}.",
        f"decided by: {report['decided_by']}",
        f"pair: score {pair['score']}, title+lead cosine {pair['lead']}, body {pair['body']}, "
        f"anchors {pair['anchors']} (cosine {pair['anchor_cosine']}), "
        f"lead names apart {pair['conflict']}, printed years apart {pair['year_gap']}, "
        f"same outlet {pair['same_outlet']}",
    ]
    if report["first_vs_second_story"]:
        story = report["first_vs_second_story"]
        lines.append(
            f"first vs. second's story: score {story['score']}, lead {story['lead']}, "
            f"body {story['body']}, anchors {story['anchors']} (cosine {story['anchor_cosine']}), "
            f"lead names apart {story['conflict']}"
        )
    gap = report["date_gap_days"]
    lines.append(f"date gap: {'unknown' if gap is None else f'{gap} days'}")
    lines.append("shared names/places/numbers: " + (", ".join(report["shared_anchors"]) or "none"))
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    app.command()(why)
