"""How much pair recall a claim model that cites one sentence per outlet can reach.

A storylens claim cites at most one sentence of each article, and a sentence makes one
claim with each other article. The gold counts every pair of sentences that share a
proposition, and a lead packing three facts pairs with three sentences of another outlet.
Between two articles, such claims can cover at most a matching of the gold's pairs (no
sentence in two of them): the largest one, summed over article pairs, over all gold pairs
is the recall a one-to-one alignment could reach if it found every pair it may.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path


def ceiling(gold_paths: Iterable[Path]) -> list[int]:
    """[pairs a one-to-one alignment could cover, gold pairs] over the labelled stories."""
    covered = total = 0
    for path in gold_paths:
        pairs = json.loads(path.read_text("utf-8")).get("shared_pairs", [])
        by_articles: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
        for first, second in pairs:
            if first[0] == second[0]:
                continue  # two sentences of one article are no cross-outlet pair
            first, second = sorted((first, second))
            by_articles[(first[0], second[0])].add((first, second))
        for edges in by_articles.values():
            covered += largest_matching(edges)
            total += len(edges)
    return [covered, total]


def largest_matching(edges: set[tuple[str, str]]) -> int:
    """Size of a maximum matching of a bipartite graph (augmenting paths; gold graphs of
    one article pair hold a few hundred edges at most)."""
    partners: dict[str, list[str]] = defaultdict(list)
    for left, right in sorted(edges):
        partners[left].append(right)
    matched: dict[str, str] = {}  # right -> left

    def augment(left: str, seen: set[str]) -> bool:
        for right in partners[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in matched or augment(matched[right], seen):
                matched[right] = left
                return True
        return False

    return sum(augment(left, set()) for left in list(partners))
