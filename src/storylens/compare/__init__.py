"""Compare stage: what every outlet of a story says — claims, quotes and a summary.

`compare_story` takes a story's analysed articles (sentences, quotes and `copy_of` filled
in) and returns a `Comparison` whose every span is verbatim text of one article.
"""

from __future__ import annotations

import numpy as np

from storylens.analyse.embeddings import Embedder
from storylens.compare.align import Vectors
from storylens.compare.claims import align_claims, to_claim
from storylens.compare.outlets import outlet_label, voices
from storylens.compare.quotes import match_quotes, quote_diff
from storylens.compare.summary import summarise
from storylens.compare.units import Unit, quote_units, sentence_units
from storylens.records import Article, Comparison

__all__ = ["compare_story", "outlet_label", "quote_diff"]


def compare_story(story_id: str, articles: list[Article], embedder: Embedder) -> Comparison:
    """Align the story's statements and quotes across its articles and summarise it."""
    sentences = sentence_units(articles)
    quotes = quote_units(articles)
    sentence_vectors, quote_vectors = _embed(embedder, sentences, quotes)
    who = voices(articles)
    labels = [outlet_label(article) for article in articles]
    groups = align_claims(sentences, sentence_vectors, who)
    return Comparison(
        story_id=story_id,
        article_ids=[article.id for article in articles],
        claims=[to_claim(group, sentences, labels) for group in groups],
        quotes=match_quotes(quotes, quote_vectors),
        summary=summarise(groups, sentences, sentence_vectors, who),
    )


def _embed(embedder: Embedder, *batches: list[Unit]) -> list[Vectors]:
    """One embedding call for every unit; repeated texts (syndicated copies) embed once."""
    texts = list(dict.fromkeys(unit.span.text for batch in batches for unit in batch))
    if not texts:
        return [np.zeros((0, 1), dtype=np.float32) for _ in batches]
    vectors = embedder.embed(texts)
    row = {text: i for i, text in enumerate(texts)}
    return [vectors[[row[unit.span.text] for unit in batch]] for batch in batches]
