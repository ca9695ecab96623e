"""Young stories (an early report that started a story of its own before its story formed):
bridging, re-checking them against the story that grew, and letting their members go."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from group_support import QUAKE_A, QUAKE_B, make_article, unit_vector
from storylens.group import StoryGrouper
from storylens.group.signals import DecisionRule, Signals
from storylens.group.stream import Decision


def _young_story_case(rule: DecisionRule) -> StoryGrouper:
    grouper = StoryGrouper(rule)
    left = make_article(
        "l1", "Ferry strike in Portmere halts Dunlow crossings.", unit_vector(7, base=200)
    )
    grouper.add(left)
    grouper.add(
        make_article("l2", "Portmere ferry strike stops crossings.", unit_vector(9, 0.2, base=200))
    )
    # An early report that arrived before its story formed: a story of its own.
    right = make_article("r", "Dunlow ferry unions meet Portmere owners.", unit_vector(8, base=300))
    grouper.add(right)
    both = 0.6 * np.array(left.embedding) + 0.4 * np.array(right.embedding)
    bridge = list(both / np.linalg.norm(both))
    grouper.add(make_article("x", "Portmere and Dunlow ferry strike talks.", bridge))
    return grouper


def test_a_young_story_that_takes_the_article_too_merges_into_the_best() -> None:
    # The early report stays apart on arrival (0.68 < join); both stories take the bridge
    # at `join` (1.53 and 1.04), neither at `merge`.
    young = _young_story_case(DecisionRule(join=0.8, merge=9.0, young_story=1))
    assert young.story_of["x"] == young.story_of["l1"] == young.story_of["r"]
    # Without the young-story rule only a `merge` score bridges them.
    plain = _young_story_case(DecisionRule(join=0.8, merge=9.0, young_story=0))
    assert plain.story_of["x"] == plain.story_of["l1"] != plain.story_of["r"]


def test_without_dates_the_young_story_bridge_needs_a_margin_more() -> None:
    grouper = StoryGrouper(DecisionRule(join=0.85, merge=1.25, undated_young_margin=0.1))
    grouper.add(make_article("y", QUAKE_A, unit_vector(1), published=None))
    undated = Signals(lead=0.8, body=0.3, anchors=0.5, day_gap=None, same_outlet=False)
    dated = replace(undated, day_gap=0)
    # A one-article story taking the article at join bridges when dated...
    assert grouper._bridges(0.9, "y", dated)
    # ...but undated only at join plus the margin (or at merge, as any story).
    assert not grouper._bridges(0.9, "y", undated)
    assert grouper._bridges(0.96, "y", undated)


EARLY_REPORT_CASE = [  # id, body, share of the early report's vector
    ("s1", "Ferry strike in Portmere halts crossings to Dunlow.", 0.0),
    ("early", "Dunlow unions meet the owners over pay.", 0.7),
    ("s2", "Portmere ferry strike: unions and owners meet over pay in Dunlow.", 0.42),
    ("s3", "Unions and owners of the Portmere ferry meet in Dunlow over pay.", 0.5),
]
RECHECK_ONLY = DecisionRule(merge=9.0, young_story=0, recheck=3, recheck_join=0.9)


def _early_report_case(
    rule: DecisionRule, count: int = len(EARLY_REPORT_CASE)
) -> tuple[StoryGrouper, list[Decision]]:
    """A first report, then an early one worded and embedded apart from it (a story of its
    own), then reports between the two: the later story grows towards the first report."""
    grouper = StoryGrouper(rule)
    first, early = np.array(unit_vector(7, base=200)), np.array(unit_vector(8, base=300))
    decisions = []
    for ident, body, share in EARLY_REPORT_CASE[:count]:
        mixed = (1 - share) * first + share * early
        decisions.append(
            grouper.add(make_article(ident, body, list(mixed / np.linalg.norm(mixed))))
        )
    return grouper, decisions


def test_a_young_story_is_rechecked_against_the_story_that_grew() -> None:
    # No bridge merges (merge out of reach, no young-story bridging): only the re-check.
    grouper, decisions = _early_report_case(RECHECK_ONLY)
    assert decisions[1].rule == "new"  # the early report scored under join on arrival
    assert grouper.story_of["s1"] == grouper.story_of["early"] == grouper.story_of["s3"]
    # The merge is the last arrival's, recorded as its merge (replayed after a restart).
    assert decisions[-1].rule == "merged"
    assert decisions[-1].rechecked == decisions[-1].merged == ("s1",)
    # Without the re-check the first report stays a story of its own.
    plain, _ = _early_report_case(replace(RECHECK_ONLY, recheck=0))
    assert plain.story_of["s1"] == "s1" != plain.story_of["s3"]


def test_a_story_keeps_member_features_only_while_it_is_young() -> None:
    grouper, _ = _early_report_case(replace(RECHECK_ONLY, recheck=1), count=3)
    sizes = {len(s.article_ids): len(s.young_members) for s in grouper.stories.values()}
    assert sizes == {1: 1, 2: 0}


def test_a_young_story_out_of_every_arrivals_reach_lets_go_of_its_members() -> None:
    grouper = StoryGrouper(DecisionRule(max_days=4, recheck=3))
    grouper.add(make_article("old", QUAKE_A, unit_vector(1), published="2025-03-01"))
    grouper.add(make_article("undated", QUAKE_B, unit_vector(2), published=None))
    grouper.add(
        make_article("recent", "Tarrow tram fares rise.", unit_vector(3), published="2025-03-06")
    )
    # Five days on, an article a window late could still reach the first story.
    assert grouper.stories["old"].young_members
    grouper.add(
        make_article("later", "Kellmoor opens a bridge.", unit_vector(4), published="2025-03-10")
    )
    # Nine days on (two windows), no arrival in date order can: its members go, it is no
    # longer re-checked; the recent and the undated stories keep theirs.
    assert not grouper.stories["old"].young_members
    assert grouper.stories["recent"].young_members
    assert grouper.stories["undated"].young_members
    assert grouper.members("old") == ["old"]
