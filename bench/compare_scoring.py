"""Scores of the compare stage against a gold set: pairs of spans judged the same or not.

A gold span and a predicted span match when they overlap in the same article (sentence
boundaries of the gold and of a run may differ by a quote mark or a dateline).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storylens.records import Article, Comparison, Span

Place = tuple[str, int, int]  # article id, start, end
PlacePair = tuple[Place, Place]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    outside: int = 0  # predicted pairs no gold item judged (not counted either way)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.outside += other.outside

    def scores(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision is not None and recall is not None and precision + recall
            else None
        )
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "unjudged_predictions": self.outside,
        }


@dataclass
class Ratio:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, note: str = "") -> None:
        self.total += 1
        self.right += int(ok)
        if not ok and note:
            self.misses.append(note)

    def value(self) -> float | None:
        return self.right / self.total if self.total else None


def overlaps(a: Place, b: Place) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def place(span: Span) -> Place:
    return (span.article, span.start, span.end)


def group_pairs(groups: Iterable[list[Span]]) -> list[PlacePair]:
    """Every cross-article pair of spans within each group."""
    pairs = []
    for spans in groups:
        for i, first in enumerate(spans):
            for second in spans[i + 1 :]:
                if first.article != second.article:
                    pairs.append((place(first), place(second)))
    return pairs


def pair_matches(predicted: PlacePair, judged: PlacePair) -> bool:
    (a, b), (x, y) = predicted, judged
    return (overlaps(a, x) and overlaps(b, y)) or (overlaps(a, y) and overlaps(b, x))


def score_judged_pairs(predicted: list[PlacePair], judged: list[tuple[PlacePair, bool]]) -> Counts:
    """Precision over the judged pairs a system predicts; recall over the positive ones."""
    counts = Counts()
    hit = [any(pair_matches(p, pair) for p in predicted) for pair, _ in judged]
    for (_, positive), found in zip(judged, hit, strict=True):
        if found and positive:
            counts.tp += 1
        elif found:
            counts.fp += 1
        elif positive:
            counts.fn += 1
    counts.outside = sum(1 for p in predicted if not any(pair_matches(p, j) for j, _ in judged))
    return counts


def verbatim(comparisons: list[Comparison], articles: dict[str, Article]) -> Ratio:
    """Share of every cited span that is exactly its article's text."""
    from storylens.output.json import all_spans

    ratio = Ratio()
    for comparison in comparisons:
        for span in all_spans(comparison):
            body = articles[span.article].body
            ratio.add(body[span.start : span.end] == span.text, f"{span.article}:{span.start}")
    return ratio


def surname(name: str | None) -> str | None:
    words = (name or "").replace("’s", "").split()
    return words[-1].lower().strip(".,") if words else None
