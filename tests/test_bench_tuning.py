"""The grouping tuner's shortcuts change its speed, never its stories."""

from __future__ import annotations

import pytest
from bench.tune_grouping import group, memoise_article_features

from storylens.group import story_state
from storylens.group.signals import DecisionRule
from storylens.group.syndication import CopyDetector
from storylens.records import Article

_WIRE = " ".join(f"word{i}" for i in range(60))


def _articles() -> list[Article]:
    return [
        Article(id="a", source="a", body=_WIRE, published="2025-03-14", outlet="one"),
        Article(id="b", source="b", body=_WIRE + " extra", published="2025-03-14", outlet="two"),
        Article(id="c", source="c", body="Quite another thing.", published="2025-03-15"),
    ]


@pytest.fixture
def restore_originals(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tuner patches these for its whole run; a test puts them back."""
    monkeypatch.setattr(story_state.Features, "of", story_state.Features.__dict__["of"])
    monkeypatch.setattr(CopyDetector, "signature", CopyDetector.__dict__["signature"])


@pytest.mark.usefixtures("restore_originals")
def test_memoised_features_are_computed_once_and_group_alike() -> None:
    before = group(_articles(), DecisionRule())
    memoise_article_features()
    article = _articles()[0]
    assert story_state.Features.of(article) is story_state.Features.of(article)
    assert CopyDetector.signature(_WIRE) is CopyDetector.signature(_WIRE)
    after = group(_articles(), DecisionRule())
    assert after == before
    assert after["a"] == after["b"] != after["c"]  # the near-copy joins its original


@pytest.mark.usefixtures("restore_originals")
def test_memoised_features_follow_the_article_not_a_freed_one() -> None:
    memoise_article_features()
    for word in ("quake", "flood", "strike", "verdict"):
        article = Article(id=word, source=word, body=f"{word} " * 20)
        assert set(story_state.Features.of(article).terms) == {word}
        del article  # its id may be handed to the next article
