"""Property tests: any article comes back as stored, with unstorable characters replaced.

Every test runs on SQLite and on PostgreSQL (skipped without a server: see
test_store_backends).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.records import Article, Entity, Quote, Sentence, Story
from storylens.store import Store, open_store
from storylens.store.codec import REPLACEMENT, clean_json, clean_text
from test_store_backends import BACKENDS, database

_ids = itertools.count(1)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
optional_text = st.none() | st.text(max_size=40)


@pytest.fixture(scope="module", params=BACKENDS)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    with (
        database(request.param, tmp_path_factory.mktemp("roundtrip")) as url,
        open_store(url) as opened,
    ):
        yield opened


@st.composite
def spans(draw: st.DrawFn, body: str) -> tuple[int, int, str]:
    start = draw(st.integers(0, len(body)))
    end = draw(st.integers(start, len(body)))
    return start, end, body[start:end]


@st.composite
def articles(draw: st.DrawFn) -> Article:
    body = draw(st.text(max_size=300))
    sentence_spans = draw(st.lists(spans(body), max_size=4))
    entity_spans = draw(st.lists(spans(body), max_size=4))
    quote_spans = draw(st.lists(spans(body), max_size=3))
    return Article(
        id=f"{next(_ids):016x}",  # unique per example: the module's store is shared
        source=draw(st.text(min_size=1, max_size=40)),
        body=body,
        title=draw(optional_text),
        outlet=draw(optional_text),
        published=draw(st.none() | st.dates().map(date.isoformat)),
        author=draw(optional_text),
        language=draw(st.none() | st.sampled_from(["en", "es", "ru", "zh-Hant"])),
        url=draw(optional_text),
        input_id=draw(optional_text),
        metadata=draw(st.dictionaries(st.text(max_size=10), json_values, max_size=5)),
        sentences=[Sentence(s, e, t) for s, e, t in sentence_spans],
        entities=[
            Entity(t, draw(st.sampled_from(["PERSON", "GPE", "ORG"])), s, e)
            for s, e, t in entity_spans
        ],
        quotes=[Quote(t, s, e, draw(optional_text)) for s, e, t in quote_spans],
        # float32 values: the store keeps embeddings as float32, exactly.
        embedding=draw(st.none() | st.lists(st.floats(width=32, allow_nan=False), max_size=8)),
        copy_of=draw(st.none() | st.just("0" * 16)),
    )


def storable(article: Article) -> Article:
    """What the store promises to give back: the same, NUL and lone surrogates replaced."""

    def opt(text: str | None) -> str | None:
        return None if text is None else clean_text(text)

    return Article(
        id=article.id,
        source=clean_text(article.source),
        body=clean_text(article.body),
        title=opt(article.title),
        outlet=opt(article.outlet),
        published=article.published,
        author=opt(article.author),
        language=article.language,
        url=opt(article.url),
        input_id=opt(article.input_id),
        metadata=clean_json(article.metadata),
        sentences=[Sentence(s.start, s.end, clean_text(s.text)) for s in article.sentences],
        entities=[Entity(clean_text(e.text), e.label, e.start, e.end) for e in article.entities],
        quotes=[Quote(clean_text(q.text), q.start, q.end, opt(q.speaker)) for q in article.quotes],
        embedding=article.embedding,
        copy_of=article.copy_of,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles())
def test_any_article_round_trips(store: Store, article: Article) -> None:
    assert store.write_batch([article], []) == 1
    (loaded,) = store.load_articles([article.id])
    assert loaded == storable(article)
    for sentence in loaded.sentences:  # spans still cite the body exactly
        assert loaded.body[sentence.start : sentence.end] == sentence.text


def test_nul_and_lone_surrogates_become_replacement_characters(store: Store) -> None:
    body = "A\x00B \ud800 C \udfff"
    article = Article(
        id="f" * 16,
        source="bad\x00name",
        body=body,
        title="t\ud83d",
        metadata={"k\x00": ["v\udc80", {"n": "\x00"}]},
        sentences=[Sentence(0, 3, body[0:3])],
        quotes=[Quote(body[4:5], 4, 5, "sp\x00")],
    )
    store.write_batch([article], [])
    (loaded,) = store.load_articles([article.id])
    assert loaded.body == "A\ufffdB \ufffd C \ufffd" and len(loaded.body) == len(body)
    assert (loaded.source, loaded.title) == ("bad\ufffdname", "t\ufffd")
    assert loaded.metadata == {"k\ufffd": ["v\ufffd", {"n": "\ufffd"}]}
    assert loaded.sentences == [Sentence(0, 3, "A\ufffdB")]
    assert loaded.quotes == [Quote(REPLACEMENT, 4, 5, "sp\ufffd")]


def test_metadata_is_made_json(store: Store) -> None:
    when = date(2024, 1, 2)
    metadata: dict[str, Any] = {
        "tuple": (1, 2),
        "nan": math.nan,
        "inf": -math.inf,
        "date": when,
        "nested": {3: "int key"},
    }
    article = Article(id="e" * 16, source="s", body="b", metadata=metadata)
    store.write_batch([article], [])
    (loaded,) = store.load_articles([article.id])
    assert loaded.metadata == {
        "tuple": [1, 2],
        "nan": None,
        "inf": None,
        "date": "2024-01-02",
        "nested": {"3": "int key"},
    }


def test_empty_and_missing_embeddings_stay_distinct(store: Store) -> None:
    empty = Article(id="d" * 16, source="s", body="b", embedding=[])
    missing = Article(id="c" * 16, source="s", body="b", embedding=None)
    store.write_batch([empty, missing], [])
    assert [a.embedding for a in store.load_articles([empty.id, missing.id])] == [[], None]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sizes=st.lists(st.integers(1, 4), min_size=1, max_size=4),
    title=optional_text,
    dates=st.lists(st.dates().map(date.isoformat), min_size=2, max_size=2).map(sorted),
)
def test_any_stories_round_trip_with_their_members(
    store: Store, sizes: list[int], title: str | None, dates: list[str]
) -> None:
    stories = []
    batch = []
    for size in sizes:
        ids = [f"{next(_ids):016x}" for _ in range(size)]
        story = Story(ids[0], ids, title, dates[0], dates[1])
        batch += [Article(id=i, source="s", body="b", story_id=story.id) for i in ids]
        stories.append(story)
    assert store.write_batch(batch, stories) == len(batch)
    for story in stories:
        loaded = store.get_story(story.id)
        assert loaded.article_ids == story.article_ids
        assert (loaded.title, loaded.first_published, loaded.last_published) == (
            None if title is None else clean_text(title),
            dates[0],
            dates[1],
        )
        assert [a.id for a in store.story_articles(story.id)] == story.article_ids
