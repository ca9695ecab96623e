"""The baseline: TF-IDF cosine sentence alignment over the same sentences storylens compares.

For each pair of articles, two sentences are aligned when each is the other's most similar
sentence in the other article and their TF-IDF cosine reaches the threshold.
"""

from __future__ import annotations

from itertools import combinations

from sklearn.feature_extraction.text import TfidfVectorizer

from bench.compare_scoring import PlacePair, place
from storylens.compare.units import sentence_units
from storylens.records import Article


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
