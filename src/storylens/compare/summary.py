"""An extractive summary: verbatim sentences of the sources, most-shared statements first.

Nothing is generated, so the summary can say nothing no source says. Each statement
shared by several outlets is cited from the outlet used least so far (so the summary
quotes more than one outlet), then leads of single-source statements fill it up.
"""

from __future__ import annotations

from storylens.compare.align import Vectors
from storylens.compare.claims import ClaimGroup
from storylens.compare.units import Unit
from storylens.records import Span

# Five sentences read in under a minute and fit a screen beside the claims; the contract
# allows 3-7.
SUMMARY_SIZE = 5
# Two chosen sentences at least this similar say the same thing twice (MiniLM cosine;
# restatements across outlets score 0.7-0.9 on the seed pair).
NEAR_DUPLICATE = 0.8
# Single-source candidates tried before giving up: bounds the work when most of them are
# near-duplicates of what is already chosen.
MAX_TRIES = 50


def summarise(
    groups: list[ClaimGroup], units: list[Unit], vectors: Vectors, voices: list[str]
) -> list[Span]:
    """Up to SUMMARY_SIZE sentences: shared claims in rank order, then single-source leads."""
    chosen: list[int] = []
    used: dict[str, int] = {}
    for group in groups:
        if len(chosen) == SUMMARY_SIZE or not group.shared:
            break
        _take(_least_used(group.units, units, voices, used), chosen, used, units, vectors, voices)
    singles = [group.units for group in groups if not group.shared]
    for _ in range(MAX_TRIES):
        if len(chosen) == SUMMARY_SIZE or not singles:
            break
        best = min(singles, key=lambda members: _single_rank(members, units, voices, used))
        singles.remove(best)
        _take(_least_used(best, units, voices, used), chosen, used, units, vectors, voices)
    return [units[i].span for i in chosen]


def _least_used(
    members: list[int], units: list[Unit], voices: list[str], used: dict[str, int]
) -> int:
    # The earliest sentence (a lead) of the outlet cited least so far.
    return min(members, key=lambda i: (used.get(voices[units[i].article], 0), units[i].position, i))


def _single_rank(
    members: list[int], units: list[Unit], voices: list[str], used: dict[str, int]
) -> tuple[int, int, int]:
    first = units[members[0]]
    return (used.get(voices[first.article], 0), first.position, first.article)


def _take(
    index: int,
    chosen: list[int],
    used: dict[str, int],
    units: list[Unit],
    vectors: Vectors,
    voices: list[str],
) -> None:
    if chosen and float((vectors[chosen] @ vectors[index]).max()) >= NEAR_DUPLICATE:
        return
    chosen.append(index)
    voice = voices[units[index].article]
    used[voice] = used.get(voice, 0) + 1
