"""Greedy alignment of units across articles: at most one unit per article in a group.

Candidate pairs come from the dense vectors (blockwise, top-k per unit, so memory and
time stay bounded on big stories); the caller decides which candidates are real matches
and in what order of confidence; groups then merge greedily, best pair first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

# Rows of the similarity matrix computed at once (block x units floats in memory).
BLOCK = 512
# Candidates kept per unit. One statement is rarely made by more articles of a story than
# this in one pass; further copies still join through the candidates of other members.
TOP_K = 24


@dataclass(frozen=True, slots=True)
class Pair:
    score: float  # the caller's confidence; higher merges first
    first: int
    second: int


def candidate_pairs(
    vectors: Vectors, articles: Sequence[int], floor: float
) -> list[tuple[int, int, float]]:
    """Pairs (i < j) from different articles whose cosine is at least `floor`."""
    owner = np.asarray(articles)
    found: dict[tuple[int, int], float] = {}
    for start in range(0, len(vectors), BLOCK):
        sims = vectors[start : start + BLOCK] @ vectors.T
        rows = np.arange(start, start + len(sims))
        sims[owner[rows][:, None] == owner[None, :]] = -1.0
        keep = min(TOP_K, sims.shape[1])
        top = np.argpartition(-sims, keep - 1, axis=1)[:, :keep]
        for row, cols in zip(rows, top, strict=True):
            for col in cols:
                cosine = float(sims[row - start, col])
                if cosine >= floor:
                    found[(min(row, col), max(row, col))] = cosine
    return [(i, j, cosine) for (i, j), cosine in sorted(found.items())]


def mutual_best(pairs: list[Pair], articles: Sequence[int]) -> list[Pair]:
    """Pairs in which each unit is the other's best match in the other's article."""
    best: dict[tuple[int, int], Pair] = {}
    for pair in pairs:
        for unit, other in ((pair.first, pair.second), (pair.second, pair.first)):
            key = (unit, articles[other])
            if key not in best or pair.score > best[key].score:
                best[key] = pair
    return [
        pair
        for pair in pairs
        if best[(pair.first, articles[pair.second])] is pair
        and best[(pair.second, articles[pair.first])] is pair
    ]


def standing_out(
    pairs: list[Pair],
    closeness: dict[tuple[int, int], float],
    articles: Sequence[int],
    margin: float,
) -> list[Pair]:
    """Pairs whose two units each stand out in the other's article: closer to the unit than
    any other unit of that article by at least `margin` (`closeness`: every candidate pair
    (i < j) and how close it is). A unit with two near-equal candidates in one article has
    no telling which of them restates it, so neither is taken."""
    top: dict[tuple[int, int], list[float]] = {}  # (unit, article) -> its two closest
    for (first, second), value in closeness.items():
        for unit, other in ((first, second), (second, first)):
            best = top.setdefault((unit, articles[other]), [])
            best.append(value)
            best.sort(reverse=True)
            del best[2:]

    def stands_out(unit: int, other: int, value: float) -> bool:
        best = top[(unit, articles[other])]
        return value >= best[0] and (len(best) < 2 or value - best[1] >= margin)

    found = []
    for pair in pairs:
        value = closeness[(min(pair.first, pair.second), max(pair.first, pair.second))]
        if stands_out(pair.first, pair.second, value) and stands_out(
            pair.second, pair.first, value
        ):
            found.append(pair)
    return found


def mean_cosine(vectors: Vectors, first: list[int], second: list[int]) -> float:
    return float((vectors[first] @ vectors[second].T).mean())


def greedy_groups(
    articles: Sequence[int],
    pairs: list[Pair],
    can_join: Callable[[list[int], list[int]], bool],
) -> list[list[int]]:
    """Merge units along pairs, best first, never putting two units of one article together.

    Returns every unit in exactly one group (singletons included), each group sorted and
    the groups ordered by their first unit.
    """
    group_of = list(range(len(articles)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(articles))}
    owners: dict[int, set[int]] = {i: {articles[i]} for i in range(len(articles))}
    for pair in sorted(pairs, key=lambda p: (-p.score, p.first, p.second)):
        a, b = group_of[pair.first], group_of[pair.second]
        if a == b or owners[a] & owners[b] or not can_join(members[a], members[b]):
            continue
        for unit in members[b]:
            group_of[unit] = a
        members[a] = sorted(members[a] + members.pop(b))
        owners[a] |= owners.pop(b)
    return sorted(members.values())
