"""Helpers for the grouping tests (this module has no tests): hand-made articles with
fixed vectors, so the tests need no model."""

from __future__ import annotations

import numpy as np

from storylens.records import Article, Entity


def unit_vector(seed: int, noise: float = 0.0, base: int | None = None) -> list[float]:
    """A unit vector of its own (seed), or one near the vector of `base` (noise: how far)."""
    rng = np.random.default_rng(seed)
    values = rng.normal(size=32)
    if base is not None:
        values = np.random.default_rng(base).normal(size=32) + noise * values
    return list(values / np.linalg.norm(values))


def make_article(
    ident: str, body: str, vector: list[float], published: str | None = "2025-03-14"
) -> Article:
    """An article whose capitalised words (but the first) are its entities."""
    entities = [
        Entity(word, "GPE", body.index(word), body.index(word) + len(word))
        for word in body.split()
        if word.istitle() and word not in body.split()[:1]
    ]
    return Article(
        id=ident, source=ident, body=body, published=published, embedding=vector, entities=entities
    )


QUAKE_A = (
    "A strong quake struck near Lindau on Friday, and officials in Varnholm counted 12 injured."
)
QUAKE_B = (
    "A strong quake struck near Ossory on Wednesday, and officials in Kellmoor counted 40 injured."
)
