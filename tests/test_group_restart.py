"""A grouper rebuilt after a restart must be the grouper the uninterrupted run had.

The stream below is our own: reports of invented events whose vectors scatter around the
event's, with a low merge bar so that bridge articles merge stories, and long bodies so that
the stories' bounded term profiles get trimmed. A restart is simulated after every batch:
the stored view (each article's current story, its placement, its copy link) is replayed
into a fresh grouper, whose whole state must equal the live one's.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from group_support import QUAKE_A, QUAKE_B, make_article, unit_vector
from storylens.group import StoryGrouper
from storylens.group.signals import PROFILE_TERMS, DecisionRule, terms
from storylens.group.story_state import Features
from storylens.pipeline import regroup, restored_grouper, stories_of
from storylens.records import Article, Placement
from storylens.store import open_store

TOWNS = ["Tarrow", "Kessler", "Penmarch", "Quillon", "Rastova", "Umberley", "Vellmar", "Orvik"]
SYLLABLES = ["ka", "lo", "mer", "vin", "tas", "rud", "pel", "gor", "sim", "ten", "bax", "wul"]
WORDS = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})
RULES = replace(DecisionRule(), merge=0.75, join=0.7)
BATCH = 8


def _event_vector(event: int, rng: random.Random, spread: float) -> list[float]:
    base = np.random.default_rng(event).normal(size=24)
    noise = np.random.default_rng(rng.randrange(10**6)).normal(size=24)
    vector = base + spread * noise
    return list(vector / np.linalg.norm(vector))


def _stream(count: int = 160) -> list[Article]:
    rng = random.Random(7)
    found = []
    for number in range(count):
        event = rng.randrange(14)
        town = TOWNS[event % len(TOWNS)]
        # Each event draws from its own vocabulary, so stories differ in their terms too.
        vocabulary = (WORDS * 2)[event * 100 : event * 100 + 1000]
        words = " ".join(rng.choice(vocabulary) for _ in range(300))
        body = f"Officials in {town} said {event * 37} people were affected. {words}."
        found.append(
            Article(
                id=f"art-{number:04d}",
                source=f"art-{number:04d}",
                title=f"{town} event {event}",
                body=body,
                outlet=f"outlet{number % 5}",
                published=f"2025-03-{10 + event % 3:02d}",
                embedding=_event_vector(event, rng, spread=rng.choice([0.4, 0.9, 1.4])),
            )
        )
    # A syndicated copy: the replay must take the copy path without searching the index.
    found.insert(40, replace(found[10], id="copy-0010", source="copy", outlet="wire"))
    return found


def _stored_view(live: StoryGrouper, added: list[Article]) -> list[Article]:
    """What the store holds after a commit: each article in its current story."""
    stored = []
    for article in added:
        row = copy.copy(article)
        row.story_id = live.story_of[article.id]
        stored.append(row)
    return stored


def _state(grouper: StoryGrouper) -> dict[str, Any]:
    stories = {
        story_id: (
            story.article_ids,
            story.vector_sum.tobytes(),
            story.profile.weights,
            story.anchor_profile.weights,
            story.lead_names.weights,
            story.anchors,
            story.days,
            story.outlets,
            # What a young story is re-checked with (`StoryGrouper._recheck`).
            [(m.terms, m.anchors, m.day, m.outlet) for m in story.young_members],
        )
        for story_id, story in grouper.stories.items()
    }
    return {"stories": stories, "story_of": grouper.story_of, "seen": grouper._seen}


def test_replayed_placements_rebuild_the_live_state_after_every_batch() -> None:
    stream = _stream()
    live = StoryGrouper(RULES)
    added: list[Article] = []
    decisions = []
    for start in range(0, len(stream), BATCH):
        for article in stream[start : start + BATCH]:
            decisions.append(live.add(article).rule)
            added.append(article)
        rebuilt = StoryGrouper(RULES)
        assert rebuilt.replay(_stored_view(live, added))
        assert _state(rebuilt) == _state(live)
        assert rebuilt._index.nearest(np.asarray(stream[0].embedding, np.float32)) == (
            live._index.nearest(np.asarray(stream[0].embedding, np.float32))
        )
    # The stream exercises what made a plain restore differ: merges, copies, trimmed profiles.
    assert decisions.count("merged") >= 2 and "copy" in decisions
    assert any(
        _distinct_terms(s.article_ids, stream) > 2 * PROFILE_TERMS for s in live.stories.values()
    )


def test_replay_rebuilds_the_state_after_young_stories_were_rechecked() -> None:
    # No bridge merges: every merge here is a re-check of a young story (`_recheck`).
    rules = replace(RULES, merge=9.0, young_story=0, recheck_join=0.8)
    stream = _stream()
    live = StoryGrouper(rules)
    added: list[Article] = []
    rechecked = 0
    for start in range(0, len(stream), BATCH):
        for article in stream[start : start + BATCH]:
            rechecked += len(live.add(article).rechecked)
            added.append(article)
        rebuilt = StoryGrouper(rules)
        assert rebuilt.replay(_stored_view(live, added))
        assert _state(rebuilt) == _state(live)
    assert rechecked >= 2


def _distinct_terms(article_ids: list[str], stream: list[Article]) -> int:
    """More than twice PROFILE_TERMS distinct terms: the story's profile was trimmed."""
    by_id = {a.id: a for a in stream}
    return len(set().union(*(terms(by_id[i]) for i in article_ids)))


def test_restarting_after_every_batch_gives_the_uninterrupted_stories() -> None:
    stream = _stream()
    live = StoryGrouper(RULES)
    for article in stream:
        live.add(copy.copy(article))
    grouper = StoryGrouper(RULES)
    added: list[Article] = []
    for start in range(0, len(stream), BATCH):
        grouper_before = grouper
        grouper = StoryGrouper(RULES)
        assert grouper.replay(_stored_view(grouper_before, added))
        for article in stream[start : start + BATCH]:
            added.append(copy.copy(article))
            grouper.add(added[-1])
    assert grouper.story_of == live.story_of


def test_placements_that_disagree_with_the_stored_stories_are_refused() -> None:
    stream = _stream(40)
    live = StoryGrouper(RULES)
    for article in stream:
        live.add(article)
    stored = _stored_view(live, stream)
    # Another writer moved an article to a story of its own since it was placed.
    stored[5].story_id = "elsewhere"
    assert not StoryGrouper(RULES).replay(stored)


def test_store_keeps_placements_and_replays_them_in_placement_order(tmp_path: Path) -> None:
    stream = _stream(48)
    grouper = StoryGrouper()
    for article in stream:
        grouper.add(article)
    by_id = {a.id: a for a in stream}
    db = str(tmp_path / "placed.db")
    with open_store(db) as store:
        # Written story by story (as `storylens batch` does), not in the order placed.
        for story in stories_of(grouper, by_id):
            for article_id in story.article_ids:
                by_id[article_id].story_id = story.id
            store.write_batch([by_id[i] for i in story.article_ids], [story])
        loaded = list(store.iter_articles_for_grouping())
        assert [a.id for a in loaded] == [a.id for a in stream]
        assert [a.placement for a in loaded] == [a.placement for a in stream]
        assert restored_grouper(store).story_of == grouper.story_of


def test_regroup_stores_the_new_placements(tmp_path: Path) -> None:
    stream = _stream(32)
    for article in stream:
        article.placement = Placement(0, article.id)  # stale: as if from another grouping
    db = str(tmp_path / "regroup.db")
    with open_store(db) as store:
        for article in stream:
            article.story_id = article.id
        store.write_batch(stream, stories_of(_grouped_alone(stream), {a.id: a for a in stream}))
        regroup(store)
        assert StoryGrouper().replay(store.iter_articles_for_grouping())


def _grouped_alone(articles: list[Article]) -> StoryGrouper:
    """A grouper holding each article as a story of its own (a stale grouping to replace)."""
    grouper = StoryGrouper()
    for article in articles:
        grouper.restore(article)
    return grouper


def test_a_restored_grouper_finds_the_same_candidates_as_the_live_one() -> None:
    live = StoryGrouper()
    stream = [
        make_article("u1", QUAKE_A, unit_vector(1, 0.2, base=100), published=None),
        make_article("d1", QUAKE_A, unit_vector(2, 0.2, base=100), published="2025-03-14"),
        make_article("d2", QUAKE_B, unit_vector(3, 0.2, base=100), published="2025-03-15"),
        make_article("x1", "The council of Tarrow voted on tram fares.", unit_vector(4)),
    ]
    for article in stream:
        live.add(article)
    restored = StoryGrouper()
    for article in stream:
        restored.restore(article)
    for published in (None, "2025-03-16"):
        probe = make_article("p", QUAKE_A, unit_vector(5, 0.2, base=100), published=published)
        features = Features.of(probe)
        assert restored.candidates(features) == live.candidates(features)
