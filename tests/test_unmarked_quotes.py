"""A quote one outlet prints as plain prose: another outlet's quote, word for word."""

from __future__ import annotations

import re

from storylens.compare import compare_story
from storylens.compare.units import quote_units, sentence_units
from storylens.compare.unmarked import unmarked_quotes
from storylens.records import Article, Quote, Sentence

RELEASE = (
    "Harbour fees paid with the club's funds were described as a donation to 'Friends of the Pier'"
)


def _article(article_id: str, outlet: str, body: str, quoted: str | None = None) -> Article:
    made = Article(id=article_id, source=f"{article_id}.txt", body=body, outlet=outlet)
    made.sentences = [Sentence(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", body)]
    if quoted is not None:
        start = body.index(quoted)
        made.quotes = [Quote(quoted, start, start + len(quoted), "the harbour authority")]
    return made


def _story() -> list[Article]:
    quoting = _article(
        "a",
        "Daily Courier",
        "The club's treasurer was charged on Monday with misusing its accounts.\n"
        f"\u201c{RELEASE},\u201d the harbour authority said in a release.",
        quoted=RELEASE,
    )
    printing = _article(
        "b",
        "Northern Ledger",
        "Prosecutors charged the club's treasurer over its accounts on Monday.\n"
        "Harbour fees paid with the club's funds were described as a donation to "
        "\u201cFriends of the Pier.\u201d\n"
        "The treasurer was described as cooperative by his lawyer on Monday.",
    )
    title = printing.body.index("Friends of the Pier.")
    printing.quotes = [Quote("Friends of the Pier.", title, title + 20, None)]
    return [quoting, printing]


def test_a_sentence_repeating_eight_words_of_another_outlets_quote_is_a_rendering() -> None:
    articles = _story()
    sentences = sentence_units(articles)
    found = unmarked_quotes(articles, sentences, quote_units(articles))
    # The name in quote marks leaves the sentence prose; shorter shared runs ("on Monday",
    # "the club's treasurer") are phrasing, not a copied text.
    assert [(u.article, u.kind, u.speaker) for u in found] == [(1, "indirect", None)]
    assert found[0].span.text.startswith("Harbour fees paid")


def test_the_prose_rendering_joins_the_quote_on_the_story(embedder) -> None:  # type: ignore[no-untyped-def]
    comparison = compare_story("s", _story(), embedder)
    matched = [q for q in comparison.quotes if len(q.renderings) == 2]
    assert len(matched) == 1
    assert matched[0].speaker == "the harbour authority"
    assert [r.kind for r in matched[0].renderings] == ["direct", "indirect"]
    assert matched[0].renderings[1].text.startswith("Harbour fees paid")
