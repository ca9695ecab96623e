"""A story's bounded, IDF-weighted profile of terms or anchors, and its cosine to an article.

A story's profile is the sum of its members' weighted terms (each weighed by its inverse
document frequency when the member arrived), so it never needs the members again. Only the
heaviest entries are kept: memory and scoring time per story stay bounded however big it grows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class Weighted:
    """An article's weighted terms (or anchors), their norm and their sum, computed once
    per article."""

    weights: dict[str, float]
    norm: float
    total: float = 0.0

    @classmethod
    def of(cls, weights: dict[str, float]) -> Weighted:
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return cls(weights, norm, sum(weights.values()))

    def shared_weight(self, keys: Mapping[str, object]) -> float:
        """The summed weight of its entries that are keys of `keys` (exactly rounded, so
        the same in any order: a set's order changes with each process' string hashing)."""
        weights = self.weights
        return math.fsum([weights[key] for key in weights.keys() & keys.keys()])


@dataclass(slots=True)
class Profile:
    """Summed weights with their cached norm, trimmed to the `keep` heaviest entries."""

    keep: int
    weights: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    total: float = 0.0  # the weights' sum, exactly rounded

    def add(self, items: Iterable[tuple[str, float]]) -> None:
        weights = self.weights
        for key, weight in items:
            weights[key] = weights.get(key, 0.0) + weight
        if len(weights) > 2 * self.keep:
            # Ties broken by key, so the same sums keep the same entries in every process.
            heaviest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
            weights.clear()
            weights.update(heaviest[: self.keep])
        self.norm = math.sqrt(sum(v * v for v in weights.values()))
        self.total = math.fsum(weights.values())

    def absorb(self, other: Profile) -> None:
        self.add(other.weights.items())

    def cosine(self, article: Weighted) -> float:
        """Cosine of an article's weighted entries to this profile (0 when either is empty)."""
        if not article.norm or not self.norm:
            return 0.0
        # Only the entries both hold: a set intersection in C, then an exactly rounded sum
        # (the same in any order; an article holds a few hundred terms, a profile shares a
        # few dozen of them, and this is read for every candidate story of every article).
        weights, own = self.weights, article.weights
        dot = math.fsum([own[k] * weights[k] for k in own.keys() & weights.keys()])
        return dot / (article.norm * self.norm)

    def __contains__(self, key: object) -> bool:
        return key in self.weights

    def as_mapping(self) -> Mapping[str, float]:
        return self.weights
