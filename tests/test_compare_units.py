"""Compare stage without a model: bounds, invariants, speakers, diffs and outlet voices.

A deterministic fake embedder (hashed bag of words) stands in for MiniLM, so these run
in milliseconds and can be driven by Hypothesis.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.compare import compare_story, quote_diff
from storylens.compare.align import Pair, greedy_groups, mutual_best
from storylens.compare.lexical import content_words, dice
from storylens.compare.outlets import outlet_label, voices
from storylens.compare.quotes import speakers_conflict, surname
from storylens.compare.units import (
    MAX_SENTENCES_PER_ARTICLE,
    quote_statements,
    quote_units,
    sentence_units,
)
from storylens.records import Article, Comparison, Quote, Sentence


class FakeEmbedder:
    """Unit vectors of hashed words: same words, same vector. Counts its calls."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        vectors = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[row, zlib.crc32(word.encode()) % 64] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


def article_from(article_id: str, sentences: list[str], outlet: str | None = "Outlet") -> Article:
    body = " ".join(sentences)
    article = Article(id=article_id, source=f"{article_id}.txt", body=body, outlet=outlet)
    offset = 0
    for text in sentences:
        article.sentences.append(Sentence(offset, offset + len(text), text))
        offset += len(text) + 1
    return article


def spans_of(comparison: Comparison):  # type: ignore[no-untyped-def]
    yield from comparison.summary
    for claim in comparison.claims:
        yield from claim.sources
    for match in comparison.quotes:
        yield from match.renderings


# --- bounds and invariants -----------------------------------------------------------------


def test_a_hostile_ten_thousand_sentence_article_stays_bounded() -> None:
    sentences = [f"Sentence number {i} says something quite ordinary here." for i in range(10_000)]
    hostile = article_from("big", sentences)
    other = article_from("small", sentences[:5], outlet="Other")
    assert len(sentence_units([hostile])) == MAX_SENTENCES_PER_ARTICLE
    embedder = FakeEmbedder()
    comparison = compare_story("s", [hostile, other], embedder)  # type: ignore[arg-type]
    assert len(embedder.calls) == 1  # one batched call for the whole story
    assert embedder.calls[0] <= MAX_SENTENCES_PER_ARTICLE + 5
    assert sum(len(c.sources) for c in comparison.claims) <= MAX_SENTENCES_PER_ARTICLE + 5


def test_junk_and_out_of_range_sentences_are_skipped() -> None:
    article = article_from("a", ["MOSCOW, June 6. /TASS/.", "12 34 56 78 90", "Ok then."])
    article.sentences.append(Sentence(5, 10_000, "beyond the body"))
    article.sentences.append(Sentence(0, 0, ""))
    assert sentence_units([article]) == []


def test_offsets_win_over_a_wrong_sentence_text() -> None:
    article = article_from("a", ["The council approved the new budget on Friday."])
    article.sentences = [Sentence(0, 11, "something else entirely")]
    assert article.body[0:11] == "The council"
    assert sentence_units([article]) == []  # "The council": two words, junk
    article.sentences = [Sentence(0, 46, "not what the body says")]
    (unit,) = sentence_units([article])
    assert unit.span.text == article.body[:46]


def test_an_empty_story_compares_to_nothing() -> None:
    comparison = compare_story("empty", [], FakeEmbedder())  # type: ignore[arg-type]
    assert (comparison.claims, comparison.quotes, comparison.summary) == ([], [], [])
    bare = Article(id="x", source="x.txt", body="No analysis was run on this one at all.")
    comparison = compare_story("bare", [bare], FakeEmbedder())  # type: ignore[arg-type]
    assert comparison.article_ids == ["x"] and comparison.claims == []


WORDS = st.sampled_from(
    "mayor council budget river bridge storm flood police minister vote school fire road "
    "closed opened said 12 40 2024 the a of on in".split()
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
ARTICLE = st.lists(SENTENCE, min_size=0, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(ARTICLE, min_size=1, max_size=4), st.data())
def test_comparison_invariants_hold_for_any_story(bodies: list[list[str]], data) -> None:  # type: ignore[no-untyped-def]
    outlets = ["North", "South", None]
    articles = [
        article_from(f"a{i}", sentences, outlet=data.draw(st.sampled_from(outlets)))
        for i, sentences in enumerate(bodies)
    ]
    for article in articles[1:]:
        if data.draw(st.booleans()):
            article.copy_of = articles[0].id
    for article in articles:
        for sentence in article.sentences[:2]:
            speaker = data.draw(st.sampled_from(["Ann Lee", "Bo Diaz", None]))
            article.quotes.append(Quote(sentence.text, sentence.start, sentence.end, speaker))
    comparison = compare_story("s", articles, FakeEmbedder())  # type: ignore[arg-type]

    bodies_by_id = {a.id: a.body for a in articles}
    voice_of = dict(zip([a.id for a in articles], voices(articles), strict=True))
    for span in spans_of(comparison):
        assert bodies_by_id[span.article][span.start : span.end] == span.text
    for claim in comparison.claims:
        owners = [s.article for s in claim.sources]
        assert len(owners) == len(set(owners))
        assert claim.text == claim.sources[0].text
        assert claim.shared == (len({voice_of[owner] for owner in owners}) >= 2)
    quoted = {(q.start, a.id): q.speaker for a in articles for q in a.quotes}
    for match in comparison.quotes:
        owners = [s.article for s in match.renderings]
        assert len(owners) == len(set(owners))
        # A quoted rendering is one of its article's quotes; a reported one (another
        # outlet's quote printed as prose, reported speech) has no speaker of its own.
        assert all((s.start, s.article) in quoted for s in match.renderings if s.quoted)
        speakers = {quoted[(s.start, s.article)] for s in match.renderings if s.quoted} - {None}
        assert len(speakers) <= 1
    assert len(comparison.summary) <= 7
    ranks = [not claim.shared for claim in comparison.claims]
    assert ranks == sorted(ranks)


# --- outlets and voices ---------------------------------------------------------------------


def test_outlet_label_names_the_source_when_the_outlet_is_unknown() -> None:
    assert outlet_label(Article(id="1", source="in/a.html", body="x", outlet="AFP")) == "AFP"
    assert outlet_label(Article(id="1", source="in/a.html", body="x", outlet=" ")) == (
        "unknown outlet (in/a.html)"
    )


def test_copies_share_their_originals_voice() -> None:
    original = Article(id="o", source="o", body="x", outlet="Wire")
    copy = Article(id="c", source="c", body="x", outlet="Site", copy_of="o")
    orphan1 = Article(id="p", source="p", body="x", outlet="A", copy_of="gone")
    orphan2 = Article(id="q", source="q", body="x", outlet="B", copy_of="gone")
    loop1 = Article(id="l1", source="l1", body="x", outlet="L", copy_of="l2")
    loop2 = Article(id="l2", source="l2", body="x", outlet="M", copy_of="l1")
    keys = voices([original, copy, orphan1, orphan2, loop1, loop2])
    assert keys[0] == keys[1]
    assert keys[2] == keys[3] != keys[0]
    assert len(keys) == 6  # a copy_of cycle terminates


# --- speakers and quote diffs ----------------------------------------------------------------


def test_surnames_decide_whether_speakers_conflict() -> None:
    assert surname("Dmitry Peskov") == "peskov"
    assert surname("Martin Luther King Jr.") == "king"
    assert not speakers_conflict("Peskov", "Dmitry Peskov")
    assert not speakers_conflict("dmitry PESKOV", None)
    assert speakers_conflict("Dmitry Peskov", "Vladimir Putin")


def test_quote_diff_marks_words_deleted_and_inserted() -> None:
    diff = quote_diff(
        "which absolutely do not reflect the reality,",
        "which absolutely does not conform to reality",
    )
    assert diff == [
        ("equal", "which absolutely"),
        ("delete", "do"),
        ("insert", "does"),
        ("equal", "not"),
        ("delete", "reflect the"),
        ("insert", "conform to"),
        ("equal", "reality,"),
    ]
    assert quote_diff("same words", "Same words.") == [("equal", "same words")]
    assert quote_diff("", "new") == [("insert", "new")]


def test_quote_diff_of_huge_quotes_is_bounded_and_complete() -> None:
    first, second = "a " * 5000, "b " * 5000
    diff = quote_diff(first, second)
    assert {op for op, _ in diff} == {"delete", "insert"}
    assert sum(len(words.split()) for op, words in diff if op == "delete") == 5000


# --- lexical agreement and grouping -----------------------------------------------------------


def test_content_words_meet_across_inflections_and_keep_numbers() -> None:
    words = content_words("The Kremlin denied it reported 40,000 tonnes.")
    assert words == content_words("Kremlin denies the report on 40000 tonne")
    assert "40000" in words and "the" not in words
    assert dice(frozenset(), frozenset()) == 0.0


def test_groups_hold_at_most_one_unit_per_article() -> None:
    owners = [0, 0, 1, 2]
    pairs = [Pair(0.9, 0, 2), Pair(0.8, 1, 2), Pair(0.7, 2, 3), Pair(0.6, 1, 3)]
    groups = greedy_groups(owners, pairs, lambda a, b: True)
    assert groups == [[0, 2, 3], [1]]
    assert greedy_groups(owners, pairs, lambda a, b: False) == [[0], [1], [2], [3]]


def test_mutual_best_keeps_only_pairs_both_ends_prefer() -> None:
    owners = [0, 0, 1]
    pairs = [Pair(0.9, 0, 2), Pair(0.8, 1, 2)]
    assert mutual_best(pairs, owners) == [Pair(0.9, 0, 2)]


# --- quotes split into statements ----------------------------------------------------------


def quoted_article(sentences: list[str]) -> tuple[Article, Quote]:
    article = article_from("q", sentences)
    start = article.body.index("\u201c") + 1
    end = article.body.index("\u201d")
    quote = Quote(article.body[start:end], start, end, "Ana Petrova")
    article.quotes.append(quote)
    return article, quote


def test_a_quote_of_two_statements_becomes_two_units_with_the_speaker() -> None:
    article, _ = quoted_article(
        [
            "\u201cThe plant is safe and was inspected in May.",
            "We will publish every report this week.\u201d Ana Petrova said.",
        ]
    )
    units = quote_units([article])
    assert [u.span.text for u in units] == [
        "The plant is safe and was inspected in May.",
        "We will publish every report this week.",
    ]
    assert {u.speaker for u in units} == {"Ana Petrova"}
    assert all(article.body[u.span.start : u.span.end] == u.span.text for u in units)


def test_a_short_exclamation_stays_joined_to_the_next_statement() -> None:
    article, quote = quoted_article(
        ["\u201cNo.", "We never changed a single figure in the report.\u201d She said."]
    )
    assert quote_statements(article, quote.start, quote.end) == [(quote.start, quote.end)]
