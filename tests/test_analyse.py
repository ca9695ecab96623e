"""The Analyser end to end, with the real spaCy and sentence-transformers models."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.analyse import FULL, MAX_ANALYSED_CHARS, Analyser
from storylens.config import Settings
from storylens.records import Article

pytestmark = pytest.mark.models

STORY = (
    "Lisbon keeps metro fares frozen\n\n"
    "LISBON, March 3. Transport Minister Elena Varga confirmed on Tuesday that fares on the "
    "metro would not change this year. Mr. Okafor of the U.S. Chamber of Commerce in Portugal "
    "welcomed the decision.\n\n"
    '"We will not raise the tariff," Transport Minister Elena Varga told reporters. '
    "The ministry's plan runs until Jan. 31 next year.\n\n"
    "Opposition deputies said the freeze was a \u201cpre-election gift\u201d and asked for an "
    "audit.\n\n"
    '"The budget is fixed," she said.\n\n'
    'Mayor Tom Reyes said: "The city will cover the difference for the first six months."\n\n'
    '"Nobody should pay more for the same trains," said Reyes.'
)


@pytest.fixture(scope="session")
def analyser() -> Analyser:
    return Analyser(Settings())


def _article(body: str, title: str | None = None, ident: str = "a1") -> Article:
    return Article(id=ident, source=f"test:{ident}", body=body, title=title)


def _check_offsets(article: Article) -> None:
    body = article.body
    for sentence in article.sentences:
        assert body[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text
    for entity in article.entities:
        assert 0 <= entity.start < entity.end <= len(body)
        assert body[entity.start : entity.end] == entity.text
    for quote in article.quotes:
        assert 0 <= quote.start < quote.end <= len(body)
        assert body[quote.start : quote.end] == quote.text
    assert article.embedding is not None
    assert abs(float(np.linalg.norm(article.embedding)) - 1.0) < 1e-3


def test_story_sentences_entities_quotes(analyser: Analyser) -> None:
    article = _article(STORY, title="Metro fares stay put")
    analyser.analyse([article])
    _check_offsets(article)
    texts = [s.text for s in article.sentences]
    assert texts[0] == "Lisbon keeps metro fares frozen"
    assert any(t.startswith("Mr. Okafor of the U.S. Chamber") for t in texts)
    assert "The ministry's plan runs until Jan. 31 next year." in texts
    people = {e.text for e in article.entities if e.label == "PERSON"}
    assert {"Elena Varga", "Tom Reyes"} <= people
    assert any(e.label == "GPE" and e.text == "Portugal" for e in article.entities)
    speakers = {q.text: q.speaker for q in article.quotes}
    assert speakers == {
        "We will not raise the tariff": "Elena Varga",
        "pre-election gift": None,
        "The budget is fixed": "Elena Varga",
        "The city will cover the difference for the first six months.": "Tom Reyes",
        "Nobody should pay more for the same trains": "Tom Reyes",
    }


def test_batch_fills_every_article_and_embeds_title_and_lead(analyser: Analyser) -> None:
    articles = [
        _article(STORY, "Metro fares stay put", "a"),
        _article("", None, "empty"),
        _article("Rain is expected on Friday across the north.", "Weather", "b"),
    ]
    analyser.analyse(articles)
    for article in articles:
        _check_offsets(article)
    assert articles[1].sentences == [] and articles[1].quotes == []
    similar = np.dot(articles[0].embedding, analyser.embed_sentences(["metro fares frozen"])[0])
    unrelated = np.dot(articles[2].embedding, analyser.embed_sentences(["metro fares frozen"])[0])
    assert similar > unrelated


def test_embed_sentences_gives_unit_vectors(analyser: Analyser) -> None:
    vectors = analyser.embed_sentences(["One sentence.", "Another, rather different one."])
    assert vectors.shape == (2, analyser.embedder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert analyser.embed_sentences([]).shape[0] == 0


def _article_prose(path: Path) -> str:
    """The paragraphs of a dump that carry the spokesman's statements and their context."""
    lines = path.read_text(encoding="utf-8").splitlines()
    keep = [line.strip() for line in lines if "Peskov" in line or "he said" in line]
    return "\n\n".join(keep)


def test_peskov_quotes_in_both_dumps(analyser: Analyser, kremlin_files: list[Path]) -> None:
    articles = [_article(_article_prose(p), None, p.stem) for p in kremlin_files]
    analyser.analyse(articles)
    for article in articles:
        _check_offsets(article)
        statements = [q for q in article.quotes if len(q.text.split()) >= 4]
        assert len(statements) == 2, article.id
        assert [q.speaker for q in statements] == ["Dmitry Peskov", "Dmitry Peskov"]
        # The second one is attributed by "he said" and must resolve to him too.
        tail = article.body[statements[1].end : statements[1].end + 20]
        assert "he said" in tail


def test_whole_dumps_with_page_furniture(analyser: Analyser, kremlin_files: list[Path]) -> None:
    """The flattened pages, menus and headline lists included, give the same speakers."""
    articles = [_article(p.read_text(encoding="utf-8"), None, p.stem) for p in kremlin_files]
    analyser.analyse(articles)
    for article in articles:
        _check_offsets(article)
        assert [q.speaker for q in article.quotes].count("Dmitry Peskov") == 2, article.id
    afp = articles[1]
    assert any(q.speaker == "Vladimir Putin" for q in afp.quotes)
    short = [q for q in afp.quotes if len(q.text.split()) < 4]
    assert short and all(q.speaker is None for q in short)


def test_hostile_bodies_stay_cheap(analyser: Analyser) -> None:
    """A run of marks took spaCy's tokenizer quadratic time; a huge body is cut."""
    bodies = ['"' * 30_000, "(" * 10_000 + " said Peskov", "Word. " * 40_000]
    articles = [_article(body, None, f"h{i}") for i, body in enumerate(bodies)]
    started = time.perf_counter()
    analyser.analyse(articles)
    assert time.perf_counter() - started < 60
    for article in articles:
        _check_offsets(article)
    assert max(s.end for s in articles[2].sentences) <= MAX_ANALYSED_CHARS


FRAGMENTS = [
    '"',
    "“",
    "”",
    "«",
    "»",
    "„",
    "\n",
    "\n\n",
    ". ",
    "Mr. ",
    "U.S. ",
    " he said",
    "said Peskov",
    "Dmitry Peskov ",
    "Anna ",
    "\ud83d",
    "\x00",
    "\u2029",
]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=30).map("".join),
    st.one_of(st.none(), st.text(max_size=20)),
)
def test_analyse_never_raises_and_offsets_hold(
    analyser: Analyser, body: str, title: str | None
) -> None:
    article = _article(body, title)
    analyser.analyse([article])
    _check_offsets(article)


def test_ingest_analyses_the_lead_and_comparing_completes_the_rest(analyser: Analyser) -> None:
    lead_only, full = _article(STORY, "Metro fares", "a1"), _article(STORY, "Metro fares", "a2")
    analyser.analyse_lead([lead_only])
    assert lead_only.analysis == "lead" and lead_only.embedding is not None
    assert (lead_only.sentences, lead_only.entities, lead_only.quotes) == ([], [], [])
    embedding = list(lead_only.embedding)
    assert analyser.complete([lead_only]) == [lead_only]
    assert lead_only.analysis == FULL and lead_only.sentences and lead_only.quotes
    assert lead_only.embedding == embedding  # what grouping read stays as it was
    assert analyser.complete([lead_only]) == []  # done once
    analyser.analyse([full])
    assert full.analysis == FULL
    assert np.allclose(full.embedding or [], embedding, atol=1e-6)
    assert (full.sentences, full.entities, full.quotes) == (
        lead_only.sentences,
        lead_only.entities,
        lead_only.quotes,
    )


def test_a_text_seen_before_is_not_embedded_again() -> None:
    from storylens.analyse.embeddings import Embedder

    embedder = Embedder(Settings().embedding_model, memo_size=2)
    wire = "Ferry fire in Marlow: two crew members hurt. The blaze started in the engine room."
    first = embedder.embed([wire, wire, "Another lead entirely."])
    assert embedder.texts_embedded == 2  # a copy in the same batch is embedded once
    again = embedder.embed([wire])
    assert embedder.texts_embedded == 2 and np.array_equal(again[0], first[0])
    embedder.embed(["Third text.", "Fourth text."])  # the memo holds two: the wire goes
    embedder.embed([wire])
    assert embedder.texts_embedded == 5
    embedder.forget()
    embedder.embed([wire])
    assert embedder.texts_embedded == 6


def test_an_article_analysed_by_an_older_version_is_analysed_again(analyser: Analyser) -> None:
    # A database from an older storylens holds "full" (version 1): comparing its story again
    # reads the article with today's analysis instead of keeping the old sentences.
    article = _article(STORY, "Metro fares", "a1")
    article.analysis, article.sentences = "full", []
    assert analyser.complete([article]) == [article]
    assert article.analysis == FULL != "full" and article.sentences
