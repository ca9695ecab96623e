"""The baseline: TF-IDF cosine sentence alignment over the same sentences storylens compares.

For each pair of articles, two sentences are aligned when each is the other's most similar
sentence in the other article and their TF-IDF cosine reaches the threshold.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.compare.units import sentence_units
from storylens.output.json import article_to_dict
from storylens.records import Article, Span

Place = tuple[str, int, int]  # article id, start, end
PlacePair = tuple[Place, Place]


def place(span: Span) -> Place:
    return (span.article, span.start, span.end)


def tfidf_pairs(articles: list[Article], threshold: float) -> list[PlacePair]:
    units = sentence_units(articles)
    if len(units) < 2:
        return []
    matrix = TfidfVectorizer(stop_words="english").fit_transform([u.span.text for u in units])
    sims = (matrix @ matrix.T).toarray()
    by_article: dict[int, list[int]] = {}
    for index, unit in enumerate(units):
        by_article.setdefault(unit.article, []).append(index)
    pairs: list[PlacePair] = []
    for first, second in combinations(sorted(by_article), 2):
        rows, cols = by_article[first], by_article[second]
        for i in rows:
            j = max(cols, key=lambda c: sims[i, c])
            best_back = max(rows, key=lambda r: sims[r, j])
            if best_back == i and sims[i, j] >= threshold:
                pairs.append((place(units[i].span), place(units[j].span)))
    return pairs


def tfidf_report(articles: list[Article], threshold: float) -> dict[str, Any]:
    """The baseline as a `compare --json` report of one story: each aligned pair a shared
    claim, every other sentence a single-source one (what a user would build first)."""
    paired = tfidf_pairs(articles, threshold)
    units = sentence_units(articles)
    in_pair = {p for pair in paired for p in pair}
    claims = [
        {"text": "", "shared": True, "sources": [_source(p) for p in pair]} for pair in paired
    ]
    claims += [
        {"text": "", "shared": False, "sources": [_source(place(u.span))]}
        for u in units
        if place(u.span) not in in_pair
    ]
    story = {"id": "tfidf", "articles": [a.id for a in articles], "claims": claims}
    return {"articles": [article_to_dict(a) for a in articles], "stories": [story]}


def _source(where: Place) -> dict[str, Any]:
    article, start, end = where
    return {"article": article, "start": start, "end": end}
