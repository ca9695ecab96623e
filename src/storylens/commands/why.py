"""`storylens why A B`: why two stored articles are, or are not, in one story."""

from __future__ import annotations

import json
import math
import sys
from typing import Annotated, Any

import typer

from storylens.cli import DbOption, _errors_as_exit
from storylens.config import default_db
from storylens.errors import StoreError
from storylens.group import StoryGrouper
from storylens.group.signals import Signals
from storylens.records import Article


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
    from storylens.store import open_store

    with _errors_as_exit(), open_store(db or default_db()) as store:
        found = {a.id: a for a in store.load_articles([first, second])}
        for wanted in (first, second):
            if wanted not in found:
                raise StoreError(f"no stored article with id {wanted!r}")
        grouper = restored_grouper(store)
    report = explain(grouper, found[first], found[second])
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(report))


def explain(grouper: StoryGrouper, first: Article, second: Article) -> dict[str, Any]:
    """The explanation as a JSON-ready dict (see `storylens why --json`)."""
    rule = grouper.rules
    same = first.story_id is not None and first.story_id == second.story_id
    pair = grouper.pair_signals(first, second)
    to_story = grouper.signals(first, second.story_id) if second.story_id else None
    copy = first.copy_of == second.id or second.copy_of == first.id
    if copy:
        decided = "syndicated copy: MinHash near-duplicate bodies join the original's story"
    else:
        best = max((s for s in (pair, to_story) if s), key=rule.score)
        decided = rule.explain(best)
    shared = sorted(_anchors(first) & _anchors(second))
    return {
        "articles": [_article(first), _article(second)],
        "same_story": same,
        "syndicated_copy": copy,
        "decided_by": decided,
        "pair": _signals(pair, rule.score(pair)),
        "first_vs_second_story": _signals(to_story, rule.score(to_story)) if to_story else None,
        "shared_anchors": shared,
        "date_gap_days": pair.day_gap,
        "thresholds": {"join": rule.join, "merge": rule.merge, "max_days": rule.max_days},
    }


def _anchors(article: Article) -> frozenset[str]:
    from storylens.group.anchors import anchors

    return anchors(article)


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "story_id": article.story_id,
        "copy_of": article.copy_of,
    }


def _signals(signals: Signals, score: float) -> dict[str, Any]:
    values = signals.as_dict()
    for key in ("lead", "body", "anchors"):
        values[key] = round(float(values[key]), 4)  # type: ignore[arg-type]
    values["score"] = None if math.isinf(score) else round(score, 4)
    return values


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
        f"anchors {pair['anchors']}, same outlet {pair['same_outlet']}",
    ]
    if report["first_vs_second_story"]:
        story = report["first_vs_second_story"]
        lines.append(
            f"first vs. second's story: score {story['score']}, lead {story['lead']}, "
            f"body {story['body']}, anchors {story['anchors']}"
        )
    gap = report["date_gap_days"]
    lines.append(f"date gap: {'unknown' if gap is None else f'{gap} days'}")
    lines.append("shared names/places/numbers: " + (", ".join(report["shared_anchors"]) or "none"))
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    app.command()(why)
