"""Stored comparisons: the JSON encoding round trip, the store round trip, and when a
stored comparison stops being served (members changed, another comparison version).

The store tests run on SQLite and on PostgreSQL (skipped without a server: see
test_store_backends).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from storylens.analyse import FULL, Analyser
from storylens.analyse.embeddings import Embedder
from storylens.compared import story_comparison
from storylens.config import Settings
from storylens.errors import StoreError
from storylens.pipeline import regroup
from storylens.records import (
    Claim,
    Comparison,
    Conflict,
    Coverage,
    Framing,
    QuoteMatch,
    QuoteRendering,
    Span,
    StoryEntity,
    TimelineItem,
)
from storylens.store import Store, open_store
from storylens.store.comparisons import decode, encode, members_key
from storylens.store.schema import comparisons
from test_compare_units import FakeEmbedder
from test_store import make_article, story_of
from test_store_backends import BACKENDS, connect, database

VERSION = 1

# Text the store keeps as is (NUL and lone surrogates are replaced: tested below).
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
ids = st.text("0123456789abcdef", min_size=1, max_size=16)
small = st.integers(0, 10_000)
span = st.builds(Span, article=ids, start=small, end=small, text=texts)
spans = st.lists(span, max_size=3)

comparison_records = st.builds(
    Comparison,
    story_id=ids,
    article_ids=st.lists(ids, max_size=4),
    claims=st.lists(
        st.builds(Claim, text=texts, sources=spans, outlets=st.lists(texts), shared=st.booleans()),
        max_size=3,
    ),
    quotes=st.lists(
        st.builds(
            QuoteMatch,
            speaker=st.none() | texts,
            renderings=st.lists(
                st.builds(
                    QuoteRendering,
                    article=ids,
                    start=small,
                    end=small,
                    text=texts,
                    kind=st.sampled_from(["direct", "indirect"]),
                ),
                max_size=3,
            ),
        ),
        max_size=3,
    ),
    summary=spans,
    conflicts=st.lists(
        st.builds(
            Conflict,
            kind=st.sampled_from(["number", "date", "name", "attribution"]),
            claim=small,
            first=span,
            second=span,
            first_value=span,
            second_value=span,
        ),
        max_size=2,
    ),
    entities=st.lists(
        st.builds(
            StoryEntity,
            name=texts,
            kind=st.sampled_from(["person", "organisation", "place"]),
            variants=st.lists(texts, max_size=3),
            mentions=st.dictionaries(texts, small, max_size=3),
            spans=spans,
        ),
        max_size=2,
    ),
    timeline=st.lists(
        st.builds(
            TimelineItem,
            date=texts,
            precision=st.sampled_from(["day", "week", "month"]),
            anchor=st.sampled_from(["explicit", "published", "dateline"]),
            when=span,
            sentence=span,
        ),
        max_size=2,
    ),
    framing=st.lists(
        st.builds(
            Framing,
            article=ids,
            outlet=texts,
            headline=st.none() | texts,
            lead=st.none() | span,
            first_claim=st.none() | small,
            attribution_verbs=st.dictionaries(texts, small, max_size=3),
            hedges=spans,
            loaded=spans,
        ),
        max_size=2,
    ),
    coverage=st.lists(
        st.builds(Coverage, outlet=texts, only_here=st.lists(small), left_out=st.lists(small)),
        max_size=2,
    ),
)


@given(comparison_records)
def test_any_comparison_survives_its_encoding(comparison: Comparison) -> None:
    assert decode(encode(comparison)) == comparison


def test_unstorable_characters_are_replaced_one_for_one() -> None:
    comparison = one_claim_comparison("s1", ["a"], "x\x00y\ud800")
    (claim,) = decode(encode(comparison)).claims
    assert claim.text == claim.sources[0].text == "x\ufffdy\ufffd"


def test_the_key_depends_on_members_their_order_and_the_version() -> None:
    keys = {
        members_key(["a", "b"], 1),
        members_key(["b", "a"], 1),
        members_key(["a", "b"], 2),
        members_key(["ab"], 1),
        members_key(["a"], 1),
    }
    assert len(keys) == 5


def one_claim_comparison(story_id: str, article_ids: list[str], text: str) -> Comparison:
    source = Span(article_ids[0], 0, len(text), text)
    claim = Claim(text, [source], ["Outlet"], shared=False)
    return Comparison(story_id, list(article_ids), [claim], [], [source])


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with open_store(db) as opened:
        yield opened


def two_stories(store: Store) -> list[str]:
    """Story s1 of articles 1 and 2, story s2 of article 3; returns s1's member ids."""
    first, second, third = (make_article(n) for n in (1, 2, 3))
    for article in (first, second, third):
        article.analysis = FULL  # nothing left to analyse: no spaCy in these tests
    first.story_id = second.story_id = "s1"
    third.story_id = "s2"
    store.write_batch(
        [first, second, third], [story_of("s1", first, second), story_of("s2", third)]
    )
    return [first.id, second.id]


def stored_rows(db: str) -> dict[str, str]:
    with connect(db) as connection:
        query = select(comparisons.c.story_id, comparisons.c.members_key)
        return {story_id: key for story_id, key in connection.execute(query)}


def test_a_saved_comparison_comes_back_while_current(store: Store, db: str) -> None:
    members = two_stories(store)
    comparison = one_claim_comparison("s1", members, "Body number 1.")
    assert store.save_comparison(comparison, VERSION)
    assert store.load_comparison("s1", members, VERSION) == comparison
    assert stored_rows(db) == {"s1": members_key(members, VERSION)}
    assert store.compared_story_ids(VERSION) == {"s1"}
    assert store.compared_story_ids(VERSION + 1) == set()
    # Another comparison version, other members, another story: not this row.
    assert store.load_comparison("s1", members, VERSION + 1) is None
    assert store.load_comparison("s1", members[:1], VERSION) is None
    assert store.load_comparison("s2", members, VERSION) is None


def test_saving_again_replaces_the_row(store: Store, db: str) -> None:
    members = two_stories(store)
    store.save_comparison(one_claim_comparison("s1", members, "old"), VERSION)
    newer = one_claim_comparison("s1", members, "new")
    assert store.save_comparison(newer, VERSION + 1)
    assert store.load_comparison("s1", members, VERSION + 1) == newer
    assert store.load_comparison("s1", members, VERSION) is None
    assert list(stored_rows(db)) == ["s1"]


def test_a_comparison_of_other_members_is_not_saved(store: Store, db: str) -> None:
    members = two_stories(store)
    # Compared before article 2 joined (an ingest raced the comparison), or a story gone.
    assert not store.save_comparison(one_claim_comparison("s1", members[:1], "x"), VERSION)
    assert not store.save_comparison(one_claim_comparison("gone", members, "x"), VERSION)
    assert stored_rows(db) == {}


def test_a_new_member_retires_the_story_comparison_only(store: Store, db: str) -> None:
    members = two_stories(store)
    store.save_comparison(one_claim_comparison("s1", members, "x"), VERSION)
    store.save_comparison(one_claim_comparison("s2", [make_article(3).id], "y"), VERSION)
    joining = make_article(4)
    joining.story_id = "s1"
    store.write_batch([joining], [story_of("s1", make_article(1), make_article(2), joining)])
    assert list(stored_rows(db)) == ["s2"]
    assert store.load_comparison("s1", [*members, joining.id], VERSION) is None


def test_a_merge_retires_both_stories_comparisons(store: Store, db: str) -> None:
    members = two_stories(store)
    store.save_comparison(one_claim_comparison("s1", members, "x"), VERSION)
    store.save_comparison(one_claim_comparison("s2", [make_article(3).id], "y"), VERSION)
    merged = story_of("s1", *(make_article(n) for n in (1, 2, 3)))
    store.write_batch([], [merged], merged_away=["s2"])
    assert stored_rows(db) == {}


def test_restating_a_story_with_the_same_members_keeps_its_comparison(
    store: Store, db: str
) -> None:
    members = two_stories(store)
    store.save_comparison(one_claim_comparison("s1", members, "x"), VERSION)
    store.write_batch([], [story_of("s1", make_article(1), make_article(2), title="New")])
    assert list(stored_rows(db)) == ["s1"]


def test_regroup_retires_the_comparisons_of_changed_stories(store: Store, db: str) -> None:
    members = two_stories(store)  # hand-made stories: regrouping splits them up
    store.save_comparison(one_claim_comparison("s1", members, "x"), VERSION)
    regroup(store)
    with connect(db) as connection:
        assert connection.scalar(select(func.count()).select_from(comparisons)) == 0


class FakeEmbedderAnalyser(Analyser):
    """The real analyser with the stand-in embedder of the compare unit tests."""

    def __init__(self) -> None:
        super().__init__(Settings())
        self.fake = FakeEmbedder()

    @property
    def embedder(self) -> Embedder:
        return self.fake  # type: ignore[return-value]


def test_a_story_is_compared_once_then_read_back(store: Store) -> None:
    members = two_stories(store)
    analyser = FakeEmbedderAnalyser()
    embedder = analyser.fake
    first = story_comparison(store, "s1", analyser)
    calls = len(embedder.calls)
    again = story_comparison(store, "s1", analyser)
    assert first.computed and not again.computed and len(embedder.calls) == calls > 0
    assert again.comparison == first.comparison and again.comparison.article_ids == members
    assert [a.id for a in again.articles] == members


def test_a_comparison_that_cannot_be_stored_is_still_returned(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    members = two_stories(store)

    def locked(comparison: Comparison, version: int) -> bool:
        raise StoreError("database is locked")

    monkeypatch.setattr(store, "save_comparison", locked)
    found = story_comparison(store, "s1", FakeEmbedderAnalyser())
    assert found.computed and found.comparison.article_ids == members
    assert "comparison of story s1 not stored: database is locked" in caplog.text
