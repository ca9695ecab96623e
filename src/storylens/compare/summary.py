"""An extractive summary: verbatim sentences of the sources, the core event first.

Nothing is generated, so the summary can say nothing no source says. It opens on the
statement the outlets' leads share (who did what, where, when), then the other shared
statements, each cited from the outlet used least so far (so the summary quotes more than
one outlet), then leads of single-source statements fill it up. Only sentences a reader
understands alone are cited: none opening on a pronoun ("He said…"), in lower case, or
inside a quotation whose marks it does not hold, or quoting someone it calls "he" or "she"
or nobody at all (`units.unattributed_quote`).
"""

from __future__ import annotations

import re

from storylens.compare.align import Vectors
from storylens.compare.claims import ClaimGroup, lead_units
from storylens.compare.units import Unit
from storylens.extract.dateline import parse_dateline
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
# "…," she said: whose words these are is in an earlier sentence.
PRONOUN_SAYS = re.compile(
    r"\b(?:he|she|they)\s+(?:said|says|added|told|asked|wrote|continued|insisted|explained)\b"
    r"|\b(?:said|says|added)\s+(?:he|she|they)\b",
    re.IGNORECASE,
)
# Words that lean on an earlier sentence for who or what they are about, or answer it.
_LEANING_WORDS = (
    r"he|she|they|it|this|that|these|those|his|her|their|its|but|and|also|meanwhile|"
    r"however|still|then|such|thus|so|let's|let’s|yet|instead|besides|moreover|furthermore|"
    r"therefore|otherwise|likewise|similarly|nevertheless|nonetheless|until then|by then|"
    r"since then|even so|as a result|"
    # "In that case, made public this month, …": which case is in the sentence before.
    r"(?:in|at|on|by|from|with|after|before|during|under|for) (?:that|this|those|these)"
)
LEANING = re.compile(rf"^[\"“‘'(]*(?:{_LEANING_WORDS})(?=\W)", re.IGNORECASE)
# ...or set off after the subject: "Hutchinson, though, did call for…".
LEANING_ASIDE = re.compile(
    r"^[^,.]{1,40},\s*(?:though|however|meanwhile|instead|too|in turn|in response|"
    r"nevertheless|nonetheless|likewise|similarly),",
    re.IGNORECASE,
)


# A sentence ends on its full stop (or ! ? …), a closing mark or bracket after it; a headline
# ("Trump Attacks Justice Department As 'Deep State'") does not, and three outlets' headlines
# tell one fact three times.
ENDED = re.compile(r"[.!?…][\"”’')\]]*\s*$")


def summarise(
    groups: list[ClaimGroup], units: list[Unit], vectors: Vectors, voices: list[str]
) -> list[Span]:
    """Up to SUMMARY_SIZE sentences: shared claims in rank order, then single-source leads."""
    chosen: list[int] = []
    used: dict[str, int] = {}
    leads = lead_units(units)
    standing = [
        [i for i in group.units if stands_alone(units[i].span.text) and not units[i].unattributed]
        for group in groups
    ]
    shared = [
        members for group, members in zip(groups, standing, strict=True) if group.shared and members
    ]
    # The core event: the shared statement most leads make, a lead under a dateline first
    # (a standfirst may come before it); stable: rank order otherwise.
    datelined = {i for i in leads if parse_dateline(units[i].span.text) is not None}
    shared.sort(
        key=lambda members: (
            -len(leads.intersection(members)),
            -len(datelined.intersection(members)),
        )
    )
    for members in shared:
        if len(chosen) == SUMMARY_SIZE:
            break
        _take(_least_used(members, units, voices, used), chosen, used, units, vectors, voices)
    singles = [
        members
        for group, members in zip(groups, standing, strict=True)
        if not group.shared and members
    ]
    for _ in range(MAX_TRIES):
        if len(chosen) == SUMMARY_SIZE or not singles:
            break
        best = min(singles, key=lambda members: _single_rank(members, units, voices, used))
        singles.remove(best)
        _take(_least_used(best, units, voices, used), chosen, used, units, vectors, voices)
    return [units[i].span for i in chosen]


def stands_alone(text: str) -> bool:
    """A sentence a reader understands out of its article: it opens on a capital, not on a
    pronoun or connective, holds both marks of any quotation it has, and ends as a sentence
    does (a headline is no sentence)."""
    stripped = text.lstrip("\"“‘'( ")
    if not stripped[:1].isupper() or LEANING.match(text) or LEANING_ASIDE.match(stripped):
        return False
    if PRONOUN_SAYS.search(text):
        return False
    return _balanced(text) and bool(ENDED.search(text))


def _balanced(text: str) -> bool:
    straight = text.count('"') % 2 == 0
    return straight and text.count("“") == text.count("”")


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
