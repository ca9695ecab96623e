"""Why two articles are, or are not, in one story: the signals and the rule that decided.

Shared by `storylens why` and the server's `/api/stories/{id}/why/{a}/{b}`.
"""

from __future__ import annotations

import math
from typing import Any

from storylens.group.anchors import anchors
from storylens.group.signals import Signals
from storylens.group.stream import StoryGrouper
from storylens.records import Article


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
    shared = sorted(anchors(first) & anchors(second))
    return {
        "articles": [_article(first), _article(second)],
        "same_story": same,
        "syndicated_copy": copy,
        "decided_by": decided,
        "pair": _signals(pair, rule.score(pair)),
        "first_vs_second_story": _signals(to_story, rule.score(to_story)) if to_story else None,
        "shared_anchors": shared,
        "date_gap_days": pair.day_gap,
        "thresholds": {
            "join": rule.join,
            "recheck_join": rule.recheck_join,
            "merge": rule.merge,
            "max_days": rule.max_days,
        },
    }


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
    for key in ("lead", "body", "anchors", "anchor_cosine", "conflict"):
        values[key] = round(float(values[key]), 4)  # type: ignore[arg-type]
    values["score"] = None if math.isinf(score) else round(score, 4)
    return values
