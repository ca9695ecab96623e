"""Lexical agreement between two statements: overlap of content words and numbers.

Dense vectors place two different statements about the same event close together
(same actors, same topic); the words they share tell a restatement from a new fact.
"""

from __future__ import annotations

import math
import re
import unicodedata

from storylens.extract.language import STOPWORDS as FUNCTION_WORDS

# Longer texts are cut: a hostile 1 MB "sentence" must not cost more than a normal one.
MAX_CHARS = 2000
# Words are compared on their first letters so inflections meet (report/reported,
# tonne/tonnes) without a stemmer; five letters keeps distinct words apart in English news.
PREFIX = 5

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")

STOPWORDS = frozenset(
    """
    a about above after again against all also an and another any are as at be been before
    being between both but by can could did do does doing down during each few for from had
    has have having he her here hers him his how i if in into is it its itself just may me
    might more most much must my no nor not now of off on once one only or other our ours out
    over own per same shall she should so some such than that the their theirs them then there
    these they this those through to too two under until up upon us very was we were what when
    where which while who whom whose why will with within without would yet you your
    said says say saying told tell tells added adding according also however
    """.split()
)


def content_words(text: str, language: str | None = None) -> frozenset[str]:
    """Content words (stopwords dropped, cut to a common prefix) and numbers of a text.

    A text in another language also drops that language's function words ("que", "los"):
    otherwise they count as rare words an English report never shares, and a translation's
    shared names and numbers weigh less than they should.
    """
    stop = FUNCTION_WORDS.get(language or "en", frozenset()) if language != "en" else frozenset()
    words: set[str] = set()
    for token in _TOKEN.findall(_fold(text[:MAX_CHARS].lower())):
        if token[0].isdigit():
            words.add(token.replace(",", ""))
        elif len(token) >= 3 and token not in STOPWORDS and token not in stop:
            words.add(_normalise(token))
    return frozenset(words)


def _fold(text: str) -> str:
    """Accents dropped: "Energía" and "Energia", "Andrés" and "Andres" are one word."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _normalise(word: str) -> str:
    # denied/denies -> deny: the one inflection that changes a stem's first letters.
    if len(word) > 4 and word.endswith(("ied", "ies")):
        word = word[:-3] + "y"
    # homes/home, jobs/job: a plural -s moves the cut of a short stem.
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:PREFIX]


def dice(first: frozenset[str], second: frozenset[str]) -> float:
    """Dice coefficient of two word sets (0 when both are empty)."""
    total = len(first) + len(second)
    return 2 * len(first & second) / total if total else 0.0


def weighted_dice(
    first: frozenset[str], second: frozenset[str], weights: dict[str, float]
) -> float:
    """Dice coefficient with each word counted by its weight (missing words weigh 1)."""
    total = sum(weights.get(w, 1.0) for w in first) + sum(weights.get(w, 1.0) for w in second)
    common = sum(weights.get(w, 1.0) for w in first & second)
    return 2 * common / total if total else 0.0


def rarity(word_sets: list[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over a story's sentences.

    A name every sentence repeats (the story's protagonist) says little about whether two
    sentences make the same statement; a word two sentences alone share says much.
    """
    counts: dict[str, int] = {}
    for words in word_sets:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    total = len(word_sets) + 1
    return {word: math.log(total / count) for word, count in counts.items()}
