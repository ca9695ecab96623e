"""The learned-weighting bound: its features, its rule and its capture of the stream."""

from __future__ import annotations

import math

import numpy as np
import pytest

pytest.importorskip("sklearn")

from bench.learned_bound import LearnedRule, captured_signals, features
from sklearn.linear_model import LogisticRegression

from group_support import make_article, unit_vector
from storylens.group import StoryGrouper
from storylens.group.signals import Signals


def _signals(lead: float, day_gap: int | None) -> Signals:
    return Signals(lead=lead, body=0.2, anchors=0.1, day_gap=day_gap, same_outlet=False)


def test_undated_signals_fill_their_own_columns_and_dated_ones_the_gap() -> None:
    undated, dated = features(_signals(0.8, None)), features(_signals(0.8, 3))
    assert len(undated) == len(dated) == 17
    assert undated[9:16] == undated[:7] and undated[-1] == 1.0
    assert dated[9:] == [0.0] * 8 and dated[7:9] == [3.0, 2.0]


def test_the_learned_rule_scores_the_models_probability_inside_the_window() -> None:
    rows = [features(_signals(lead, gap)) for lead in (0.1, 0.2, 0.8, 0.9) for gap in (0, 1)]
    labels = [0, 0, 0, 0, 1, 1, 1, 1]
    model = LogisticRegression().fit(np.array(rows), np.array(labels))
    rule = LearnedRule(model=model)
    close, far = rule.score(_signals(0.9, 0)), rule.score(_signals(0.1, 0))
    assert 0.5 < close <= 1.0 and 0.0 <= far < 0.5
    assert rule.score(_signals(0.9, rule.max_days + 1)) == -math.inf


def test_signals_are_captured_inside_and_the_grouper_restored_after() -> None:
    original = StoryGrouper._signals
    grouper = StoryGrouper()
    first = "Flood waters rose in Tewkesbury and Worcester after a week of heavy rain."
    second = "Residents of Worcester and Tewkesbury were told to leave as the river kept rising."
    with captured_signals() as seen:
        grouper.add(make_article("a", first, unit_vector(1, 0.2, base=100)))
        grouper.add(make_article("b", second, unit_vector(2, 0.2, base=100)))
    assert StoryGrouper._signals is original
    # The second article was scored against the first one's story as it was then: the
    # members are copied before the arrival adds itself to it.
    assert [members for _, members, _ in seen] == [("a",)]
    assert grouper.members(grouper.story_of["b"]) == ["a", "b"]
