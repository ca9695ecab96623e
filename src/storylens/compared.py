"""Stored stories' comparisons, computed once: read back from the store while current,
else computed and stored, so `storylens show`, the server and a restarted server never
compare the same story twice.

    found = story_comparison(store, "3f2a", analyser)
    found.comparison, found.articles, found.computed

A stored comparison is current while the story has the same articles and
`COMPARISON_VERSION` is unchanged (see store/comparisons.py); reading one needs no model.
Computing one first completes its articles' analysis (ingest did only what grouping reads)
and stores that too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from storylens.analyse import Analyser
from storylens.compare import COMPARISON_VERSION, compare_story
from storylens.errors import StoreError
from storylens.records import Article, Comparison, Story
from storylens.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class StoryComparison:
    story_id: str
    # The story's articles in ingest order; with their analysis only when it was computed.
    articles: list[Article]
    comparison: Comparison
    computed: bool  # False: read back from the store


def story_comparison(store: Store, story_key: str, analyser: Analyser) -> StoryComparison:
    """The comparison of the story with this id or unique id prefix (UnknownStoryError)."""
    story_id, article_ids = store.story_members(story_key)
    return members_comparison(store, story_id, article_ids, analyser)


def members_comparison(
    store: Store, story_id: str, article_ids: Sequence[str], analyser: Analyser
) -> StoryComparison:
    """The comparison of `story_id` made of exactly these articles, stored or computed."""
    stored = store.load_comparison(story_id, article_ids, COMPARISON_VERSION)
    if stored is not None:
        articles = store.load_articles(list(article_ids), with_analysis=False)
        return StoryComparison(story_id, articles, stored, computed=False)
    articles = analysed_members(store, article_ids, analyser)
    comparison = compare_story(story_id, articles, analyser.embedder, analyser.second_opinion)
    # Not stored when an ingest changed the story meanwhile: the next reader recomputes.
    # Nor when the write fails (a long ingest held the write lock past the busy timeout):
    # the comparison is still right, so it is returned, and only the reason is logged.
    if store.read_only:  # a database on read-only storage: computed each time
        return StoryComparison(story_id, articles, comparison, computed=True)
    try:
        store.save_comparison(comparison, COMPARISON_VERSION)
    except StoreError as exc:
        log.warning("comparison of story %s not stored: %s", story_id, exc)
    return StoryComparison(story_id, articles, comparison, computed=True)


def analysed_members(store: Store, article_ids: Sequence[str], analyser: Analyser) -> list[Article]:
    """The stored articles, fully analysed: what ingest left out is analysed now and stored
    for the next time (a cache fill: when the write fails, the analysis in memory serves)."""
    members = store.load_articles(list(article_ids), with_analysis=True)
    completed = analyser.complete(members)
    if store.read_only:
        return members
    try:
        store.save_analysis(completed)
    except StoreError as exc:
        log.warning("analysis of %d articles not stored: %s", len(completed), exc)
    return members


def uncompared_stories(store: Store, min_articles: int = 1) -> list[Story]:
    """The stories of at least `min_articles` without a current stored comparison, biggest
    first (no model needed to tell)."""
    compared = store.compared_story_ids(COMPARISON_VERSION)
    return [
        story
        for story in store.list_stories()
        if story.id not in compared and len(story.article_ids) >= min_articles
    ]
