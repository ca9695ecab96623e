"""Claims: the same statement aligned across the story's articles, shared or single-source.

Two sentences of different articles state the same thing when their vectors are close
*and* they agree on rare words (names, numbers, content words the rest of the story does
not repeat) — or, for translations and close paraphrases that reword everything, when
their vectors are very close. Dense similarity alone also pairs two different statements
about the same event, and words alone miss translations.
"""

from __future__ import annotations

from dataclasses import dataclass

from storylens.compare.align import (
    Pair,
    Vectors,
    candidate_pairs,
    greedy_groups,
    mean_cosine,
    mutual_best,
)
from storylens.compare.lexical import rarity, weighted_dice
from storylens.compare.units import Unit
from storylens.records import Claim

# Calibrated by hand on the TASS/AFP seed pair (two translations of one denial), on the
# invented golden story in tests/test_compare.py, and by reading every aligned pair of
# eight basil stories (Fox/NYT/HuffPost) to move each threshold until the wrong pairs
# near it went and the right ones stayed. On the seed pair restatements score cosine
# 0.61-0.84 with rarity-weighted word overlap 0.19-0.49; different statements about the
# same hack reach cosine 0.65 but share at most one rare word. Precision is bounded by
# MiniLM: about one aligned pair in eight was still wrong on basil.
COSINE_FLOOR = 0.5  # below this no pair is considered
COSINE_ALONE = 0.82  # this close, rewording (a translation) needs no shared words
OVERLAP_MIN = 0.15  # otherwise at least this rarity-weighted Dice overlap...
SHARED_WORDS_MIN = 2  # ...of at least this many content words (one is a coincidence)...
COMBINED_MIN = 0.72  # ...and cosine + LEXICAL_WEIGHT * overlap at least this
LEXICAL_WEIGHT = 0.5
# A group only grows while its members stay close on average, so a chain of pairwise
# matches cannot drift from one statement to another.
GROUP_MEAN_MIN = 0.55
# Added to the combined score when two sentences share a number (see `agreement`).
AGREEMENT_BONUS = 0.05


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Units (indices into the story's sentence units) that make one statement."""

    units: list[int]
    voices: int  # independent outlets making it

    @property
    def shared(self) -> bool:
        return self.voices >= 2


def agreement(first: frozenset[str], second: frozenset[str]) -> float:
    """Bonus for the numbers and names two sentences share: the same figures and actors
    are strong evidence of one statement. Differing numbers cost nothing: "five killed" /
    "seven killed" is one claim in conflict, found later (`conflicts`)."""
    numbers = {w for w in first if w[0].isdigit()} & {w for w in second if w[0].isdigit()}
    return AGREEMENT_BONUS if numbers else 0.0


def pair_score(
    cosine: float, overlap: float, shared_words: int, bonus: float = 0.0
) -> float | None:
    """Confidence that two sentences make the same statement, or None when they do not."""
    combined = cosine + LEXICAL_WEIGHT * overlap + bonus
    if cosine >= COSINE_ALONE:
        return combined
    if overlap >= OVERLAP_MIN and shared_words >= SHARED_WORDS_MIN and combined >= COMBINED_MIN:
        return combined
    return None


def align_claims(units: list[Unit], vectors: Vectors, voices: list[str]) -> list[ClaimGroup]:
    """Group sentences into claims, ranked: most independent outlets first, then position."""
    owners = [unit.article for unit in units]
    weights = rarity([unit.words for unit in units])
    pairs = []
    for i, j, cosine in candidate_pairs(vectors, owners, COSINE_FLOOR):
        first, second = units[i].words, units[j].words
        overlap = weighted_dice(first, second, weights)
        score = pair_score(cosine, overlap, len(first & second), agreement(first, second))
        if score is not None:
            pairs.append(Pair(score, i, j))

    def close_enough(first: list[int], second: list[int]) -> bool:
        return mean_cosine(vectors, first, second) >= GROUP_MEAN_MIN

    # Each sentence joins through its best match in the other article only: a sentence
    # whose partner prefers another sentence is a near-miss, not a restatement.
    grouped = greedy_groups(owners, mutual_best(pairs, owners), close_enough)
    groups = [
        ClaimGroup(members, len({voices[units[i].article] for i in members})) for members in grouped
    ]
    return sorted(groups, key=lambda g: _rank(g, units))


def _rank(group: ClaimGroup, units: list[Unit]) -> tuple[int, int, int, int]:
    first = units[group.units[0]]
    return (0 if group.shared else 1, -group.voices, first.article, first.position)


def to_claim(group: ClaimGroup, units: list[Unit], labels: list[str]) -> Claim:
    """The record: one span per article, in story order; the first one's wording."""
    sources = [units[i].span for i in group.units]
    outlets = list(dict.fromkeys(labels[units[i].article] for i in group.units))
    return Claim(sources[0].text, sources, outlets, group.shared)
