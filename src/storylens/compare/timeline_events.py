"""One event, told once: the timeline's dated sentences that tell the same fact on one date.

Two dated sentences are one event when they carry the same date and tell the same fact: two
sentences of one claim (the comparison aligned them), the same words, or a copy's sentence and
its original's with most of their words in common (an agency's copy trims a dateline or a
credit, not the fact). The timeline keeps one item per dated sentence, so each outlet's words
and each sentence's date stay checkable, and numbers each item with its event: every view (the
page, the Markdown and HTML reports) shows an event once, naming who dates it and how.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from storylens.records import Claim, Span, TimelineItem

_WORDS = re.compile(r"\w+")
# Two dated sentences of an original and its copy are one event when this share of their
# words is common.
COPY_OVERLAP = 0.6


@dataclass(slots=True, frozen=True)
class _Dated:
    """A dated sentence as the merging reads it."""

    date: str
    words: tuple[str, ...]
    claim: int | None  # the claim its sentence belongs to, if any
    original: str  # its article, or the original that article copies

    def same_event(self, other: _Dated) -> bool:
        if self.date != other.date:
            return False
        if (self.claim is not None and self.claim == other.claim) or self.words == other.words:
            return True
        if self.original != other.original or not self.words or not other.words:
            return False
        mine, theirs = set(self.words), set(other.words)
        return len(mine & theirs) >= COPY_OVERLAP * max(len(mine), len(theirs))


def number_events(
    items: list[TimelineItem], claims: list[Claim], original_of: dict[str, str]
) -> list[TimelineItem]:
    """The items, each with the number of its event (0, 1, … in the items' order)."""
    claim_of = _claim_spans(claims)
    facts = [
        _Dated(
            item.date,
            tuple(_WORDS.findall(item.sentence.text.lower())),
            _claim_at(claim_of, item.sentence),
            original_of.get(item.sentence.article, item.sentence.article),
        )
        for item in items
    ]
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(facts)), 2):
        if facts[i].same_event(facts[j]):
            parent[max(root(i), root(j))] = min(root(i), root(j))
    number: dict[int, int] = {}
    return [
        replace(item, event=number.setdefault(root(i), len(number))) for i, item in enumerate(items)
    ]


def _claim_spans(claims: list[Claim]) -> dict[str, list[tuple[int, int, int]]]:
    """article -> (start, end, claim) of every sentence a claim aligned, copies included."""
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for index, claim in enumerate(claims):
        for span in [*claim.sources, *claim.republished]:
            spans.setdefault(span.article, []).append((span.start, span.end, index))
    return spans


def _claim_at(spans: dict[str, list[tuple[int, int, int]]], sentence: Span) -> int | None:
    """The claim whose sentence overlaps this one most, if any does."""
    best, overlap = None, 0
    for start, end, claim in spans.get(sentence.article, []):
        common = min(end, sentence.end) - max(start, sentence.start)
        if common > overlap:
            best, overlap = claim, common
    return best


def events(items: list[TimelineItem]) -> list[list[TimelineItem]]:
    """The items grouped by event, in the order each event first appears."""
    grouped: dict[int, list[TimelineItem]] = {}
    for item in items:
        grouped.setdefault(item.event, []).append(item)
    return list(grouped.values())
