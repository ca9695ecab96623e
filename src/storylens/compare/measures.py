"""Measures in dispute across a story: "the 47-page indictment" / "a 48-page indictment".

A measure is a number with its unit and the thing it measures, in one of two shapes:
- joined by a hyphen, before the thing ("47-page indictment", "72-hour strike", "two-day
  summit");
- a unit "of" the thing ("55,000 pages of emails", "12 tonnes of printed leaflets"): the thing
  is the last word of the few after "of" (the head of "the minister's emails" and "printed
  emails" is "emails"), before any function word ("… pages of emails from her account").
The unit and the thing name what is measured, so two outlets writing the same unit and thing
measure the same thing whether or not their sentences were aligned as one claim (a quote can
carry it: "…," the 47-page indictment says). When each outlet gives one value for it and two
outlets give different ones, they disagree. An outlet giving two values measures two things
(two strikes, two documents): that measure is not compared. Ages ("a 12-year-old boy") are no
measure here: a story names several people. Nor is a span of time of something ("100 days of
war", "two years of talks"): it grows with each day an outlet writes on; nor a share ("30
percent of voters"): outlets cite different polls.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

from storylens.compare.conflicts import (
    APPROXIMATE,
    MAX_NUMBER_RATIO,
    NUMBER_WORDS,
    number_value,
    rounding_margin,
    sub_span,
)
from storylens.compare.lexical import STOPWORDS
from storylens.records import Claim, Conflict, Span

_NUMBER = r"(?<![\w.,$€£-])(?P<number>\d{1,3}(?:,\d{3})+|\d{1,6}|" + "|".join(NUMBER_WORDS) + r")"
MEASURE = re.compile(
    _NUMBER + r"-(?P<unit>[a-z]{3,12})\s+(?P<thing>[a-z]{3,20})\b",
    re.IGNORECASE,
)
# "55,000 pages of the minister's emails": a plural unit, "of", then up to four words; the thing
# is the last of their first run of words that are not function words (`_head`).
COUNT_OF = re.compile(
    _NUMBER + r"\s+(?P<unit>[a-z]{3,12}s)\s+of\s+(?P<phrase>[\w'’-]+(?:\s+[\w'’-]+){0,3})",
    re.IGNORECASE,
)
# Units whose count is no fixed fact of the story: time passing, a share of a whole.
NOT_COUNTS = frozenset(
    """seconds minutes hours days nights weeks months years decades centuries percent
    percentages points parts thousands millions billions dozens hundreds tens lots
    kinds types sorts""".split()
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
            if high - low < max(rounding_margin(words_a.text), rounding_margin(words_b.text)):
                continue  # "1,900-page" and "1,904-page": one figure the other rounded
            claim = _claim_of(claims, sentence_a)
            claim = claim if claim is not None else _claim_of(claims, sentence_b)
            if claim is not None:
                yield Conflict("number", claim, sentence_a, sentence_b, words_a, words_b)


def _by_measure(
    sentences: list[Span], voices: dict[str, str]
) -> dict[tuple[str, str], dict[str, list[Mention]]]:
    found: dict[tuple[str, str], dict[str, list[Mention]]] = {}
    for sentence in sentences:
        for key, value, start, end in _measures(sentence.text):
            words = sub_span(sentence, start, end)
            voice = voices.get(sentence.article, sentence.article)
            found.setdefault(key, {}).setdefault(voice, []).append((value, sentence, words))
    return found


def _measures(text: str) -> Iterator[tuple[tuple[str, str], int, int, int]]:
    """(unit, thing), value and the offsets of "number-unit" of each measure in `text`,
    figures an outlet gives as rounded ("about 40-page") left out."""
    for match in MEASURE.finditer(text):
        if not APPROXIMATE.search(text[: match.start()]):
            key = (match["unit"].lower(), match["thing"].lower())
            yield key, int(number_value(match["number"])), match.start(), match.end("unit")
    for match in COUNT_OF.finditer(text):
        unit = match["unit"].lower()
        thing = _head(match["phrase"])
        if unit in NOT_COUNTS or thing is None or APPROXIMATE.search(text[: match.start()]):
            continue
        yield (unit, thing), int(number_value(match["number"])), match.start(), match.end("unit")


def measure_keys(text: str) -> frozenset[str]:
    """What the text measures, whatever the values ("page indictment", "pages email"): two
    sentences measuring one thing may state one fact with different figures."""
    return frozenset(f"{unit} {thing}" for (unit, thing), *_ in _measures(text))


def _head(phrase: str) -> str | None:
    """The last word of the phrase's first run of words that are not function words
    ("the minister's emails as part" -> "emails"), without a plural "s"; None when there is
    none or it is a number."""
    head = None
    for word in phrase.lower().split():
        if word in STOPWORDS:
            if head is None:
                continue  # "of the minister's emails", "of her notes"
            break
        head = word
    if head is None or not head.isalpha() or len(head) < 3:
        return None
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def _claim_of(claims: list[Claim], sentence: Span) -> int | None:
    """The first shared claim citing the sentence, else the first claim citing it."""
    citing = [
        (not claim.shared, index)
        for index, claim in enumerate(claims)
        for source in claim.sources
        if source.article == sentence.article and source.start == sentence.start
    ]
    return min(citing)[1] if citing else None
