"""No sentence is "only one outlet reports this" while another outlet renders its quote.

The claims align sentences by their meaning (`claims`); the quotes match one speaker's
renderings by their words and speaker (`quotes.match_quotes`), which finds a translation, a
shortened quote or a quote cut from a longer one that the sentences' vectors miss. A lone
sentence holding a rendering of a quote another outlet renders too would read as
single-source beside a quote list that shows the other outlet's words: it is shown as
unconfirmed instead, beside the other outlet's sentence that holds its rendering.
"""

from __future__ import annotations

from dataclasses import replace

from storylens.compare.claims import ClaimGroup
from storylens.compare.second_opinion import one_per_article
from storylens.compare.units import Unit
from storylens.records import QuoteMatch, Span


def unconfirm_quoted(
    groups: list[ClaimGroup], units: list[Unit], matches: list[QuoteMatch], voices: list[str]
) -> list[ClaimGroup]:
    """The groups, each lone sentence that holds a rendering of a quote another outlet also
    renders made unconfirmed, near the sentences holding the other outlets' renderings.
    `voices`: per article (a copy shares its original's)."""
    by_article: dict[str, list[int]] = {}
    for index, unit in enumerate(units):
        by_article.setdefault(unit.span.article, []).append(index)
    holders = [[_holder(units, by_article, span) for span in m.renderings] for m in matches]
    near: dict[int, set[int]] = {}
    for held in holders:
        found = [index for index in held if index is not None]
        for one in found:
            own = voices[units[one].article]
            others = [other for other in found if voices[units[other].article] != own]
            if others:
                near.setdefault(one, set()).update(others)
    rechecked = []
    for group in groups:
        lone = group.units[0]
        if group.shared or group.unconfirmed or lone not in near:
            rechecked.append(group)
            continue
        nearest = one_per_article(sorted(near[lone]), units)
        rechecked.append(replace(group, near=tuple(nearest)))
    return rechecked


def _holder(units: list[Unit], by_article: dict[str, list[int]], span: Span) -> int | None:
    """The sentence unit holding most of a quote's rendering (None: none of them does)."""
    best, overlap = None, 0
    for index in by_article.get(span.article, []):
        own = units[index].span
        shared = min(own.end, span.end) - max(own.start, span.start)
        if shared > overlap:
            best, overlap = index, shared
    return best
