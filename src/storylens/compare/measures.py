"""Measures in dispute across a story: "the 47-page indictment" / "a 48-page indictment".

A measure is a number joined by a hyphen to its unit, before the thing it measures ("47-page
indictment", "72-hour strike", "two-day summit"): the unit and the thing name what is
measured, so two outlets writing the same unit and thing measure the same thing whether or not
their sentences were aligned as one claim (a quote can carry it: "…," the 47-page indictment
says). When each outlet gives one value for it and two outlets give different ones, they
disagree. An outlet giving two values measures two things (two strikes, two documents): that
measure is not compared. Ages ("a 12-year-old boy") are no measure here: a story names several
people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

from storylens.compare.conflicts import APPROXIMATE, MAX_NUMBER_RATIO, NUMBER_WORDS, sub_span
from storylens.records import Claim, Conflict, Span

MEASURE = re.compile(
    r"(?<![\w.,$€£-])(?P<number>\d{1,6}|" + "|".join(NUMBER_WORDS) + r")"
    r"-(?P<unit>[a-z]{3,12})\s+(?P<thing>[a-z]{3,20})\b",
    re.IGNORECASE,
)

Mention = tuple[int, Span, Span]  # (value, the sentence, the words "47-page")


def measure_conflicts(
    sentences: list[Span], voices: dict[str, str], claims: list[Claim]
) -> Iterator[Conflict]:
    """A conflict for each two outlets giving one measure different values, cited under a
    claim that holds one of the two sentences (none: not shown)."""
    for mentions in _by_measure(sentences, voices).values():
        values = {voice: {value for value, _, _ in found} for voice, found in mentions.items()}
        if len(values) < 2 or any(len(v) > 1 for v in values.values()):
            continue
        for first, second in combinations(sorted(mentions), 2):
            (value_a, sentence_a, words_a), (value_b, sentence_b, words_b) = (
                mentions[first][0],
                mentions[second][0],
            )
            low, high = sorted((value_a, value_b))
            if low == high or low <= 0 or high / low > MAX_NUMBER_RATIO:
                continue
            claim = _claim_of(claims, sentence_a)
            claim = claim if claim is not None else _claim_of(claims, sentence_b)
            if claim is not None:
                yield Conflict("number", claim, sentence_a, sentence_b, words_a, words_b)


def _by_measure(
    sentences: list[Span], voices: dict[str, str]
) -> dict[tuple[str, str], dict[str, list[Mention]]]:
    found: dict[tuple[str, str], dict[str, list[Mention]]] = {}
    for sentence in sentences:
        for match in MEASURE.finditer(sentence.text):
            if APPROXIMATE.search(sentence.text[: match.start()]):
                continue  # "about 40-page": a rounder figure disputes nothing
            number = match["number"].lower()
            value = NUMBER_WORDS.get(number, int(number) if number.isdigit() else -1)
            key = (match["unit"].lower(), match["thing"].lower())
            words = sub_span(sentence, match.start(), match.end("unit"))
            voice = voices.get(sentence.article, sentence.article)
            found.setdefault(key, {}).setdefault(voice, []).append((value, sentence, words))
    return found


def _claim_of(claims: list[Claim], sentence: Span) -> int | None:
    """The first shared claim citing the sentence, else the first claim citing it."""
    citing = [
        (not claim.shared, index)
        for index, claim in enumerate(claims)
        for source in claim.sources
        if source.article == sentence.article and source.start == sentence.start
    ]
    return min(citing)[1] if citing else None
