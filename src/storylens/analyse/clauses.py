"""Where a name stands in its clause: the subject that speaks, or a name said in passing.

News names a speaker first and describes them after, between commas: "Ana Ruiz, who is
married to Tom Hale, posted…" and "Ana Ruiz, the spokeswoman for Tom Hale, said…" are
both Ana Ruiz speaking. The rules here read that shape from the words around a name,
without a parser:

- a name *opens its part* of the clause when nothing but role words ("Harbour Minister",
  "the union leader") stands between it and the clause start or the last comma; the first
  name that does is the clause's subject, and later names sit in appositions about it;
- a name is *governed* when a preposition takes it ("a spokesman for Tom Hale", "after
  meeting with Tom Hale"): it is not the one speaking.
"""

from __future__ import annotations

import re

from storylens.analyse.lexicon import TITLE_WORDS

PART_BREAK = re.compile(r"[,;:()—–\n]")
# A new clause: coordinated after a comma, or subordinate with a subject of its own.
CLAUSE_OPENING = re.compile(
    r"(?P<coordinated>;|,\s+(?:and|but|or|yet|so|while|whereas)\s+)"
    r"|\b(?i:when|while|as|because|after|before|since|although|though|if|until|once)\s+"
    r"(?=he\b|she\b|they\b|[A-Z])"
)
# Words that, capitalised or not, start a phrase in which a name is not the subject.
PREPOSITIONS = frozenset(
    """about after against among at before behind between beyond by despite during except
    for from in inside into like near of off on over since than through to toward towards
    under unlike upon with without according following including regarding""".split()
)
SUBORDINATORS = PREPOSITIONS | frozenset(
    "although as because if once though unless until when whereas whether while".split()
)
# Lowercase words that may stand in a role before a name ("the former deputy mayor").
ROLE_MODIFIERS = frozenset("the a an former then acting interim new top senior chief".split())
MAX_ROLE_WORDS = 6  # "Kremlin Spokesman", "National Security Adviser": short


def opens_part(body: str, clause_start: int, name_start: int) -> bool:
    """True when only role words stand between the name and its part's start."""
    words = _part_words(body, clause_start, name_start)
    return len(words) <= MAX_ROLE_WORDS and all(_role_like(word) for word in words)


def governed(body: str, clause_start: int, name_start: int) -> bool:
    """True when a preposition takes the name ("for Senator Ana Ruiz"), role words skipped."""
    words = _part_words(body, clause_start, name_start)
    while words and _role_like(words[-1]):
        words.pop()
    return bool(words) and _bare(words[-1]) in PREPOSITIONS


def clause_start(body: str, start: int, end: int) -> int:
    """Where the clause ending at `end` begins: after the last `; ` or `, and`, or after a
    `when`/`as`/… that brings in a subject of its own (`…echoed him when she added`) and
    whose clause is still open at `end` (`After Tom Hale left, Ana Ruiz said`: closed)."""
    begin = start
    for match in CLAUSE_OPENING.finditer(body, start, end):
        if match.group("coordinated") or "," not in body[match.end() : end]:
            begin = match.end()
    return begin


def part_index(body: str, clause_start: int, position: int) -> int:
    """Which comma-delimited part of the clause `position` lies in (0 for the first)."""
    return len(PART_BREAK.findall(body, clause_start, position))


def _part_words(body: str, clause_start: int, name_start: int) -> list[str]:
    segment = body[clause_start:name_start]
    cut = max((m.end() for m in PART_BREAK.finditer(segment)), default=0)
    return segment[cut:].split()


def _bare(word: str) -> str:
    return word.strip(".'’\"“”").lower()


def _role_like(word: str) -> bool:
    bare = _bare(word)
    if not bare or bare in SUBORDINATORS:
        return False
    return word[0].isupper() or bare in TITLE_WORDS or bare in ROLE_MODIFIERS
