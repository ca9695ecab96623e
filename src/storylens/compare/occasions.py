"""Occasions: where a quote was said, as the words around it tell ("in a statement",
"in his video", "told reporters").

One speaker says much the same thing on different occasions: "it has been an honour to
serve" in a written statement and again, a little differently, in a farewell video. Two
outlets quoting those are not rendering one statement, and a word-level diff of the two
would show a trimming that never happened. When both articles name the occasion and the
occasions differ, the quotes are kept apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storylens.records import Article

# Kinds of occasion and the words that name them. A word that also names other things
# ("post", "address", "remarks") is left out: a wrong occasion would split one statement.
OCCASION_WORDS: dict[str, tuple[str, ...]] = {
    "statement": ("statement", "press release", "news release"),
    "video": ("video",),
    "interview": ("interview",),
    "social media": ("tweet", "twitter", "facebook", "instagram"),
    "speech": ("speech", "rally"),
    "press conference": ("press conference", "news conference", "briefing", "reporters"),
    "letter": ("letter", "email", "e-mail", "memo"),
    "hearing": ("hearing", "testimony", "testified"),
    "broadcast": ("television", "radio", "podcast"),
}
_PATTERNS = {
    kind: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")s?\b", re.IGNORECASE)
    for kind, words in OCCASION_WORDS.items()
}
# Characters of context read on each side of a quote: a paragraph of news, bounded for a
# hostile body without line breaks.
MAX_CONTEXT_CHARS = 600


def occasions(article: Article, start: int, end: int, speaker: str | None) -> frozenset[str]:
    """The occasions the quote's paragraph names outside quote marks. A paragraph that
    names none, after one quoting the same speaker, goes on with that paragraph's occasion
    (`"...," Ruiz said in a statement.` then `"...," she said.`), as a reader takes it."""
    body = article.body
    begin, stop = _paragraph(body, start, end)
    found = _named(_outside_quotes(article, begin, stop, (start, end)))
    last = _end_before(body, begin)
    if found or speaker is None or last == 0:
        return found
    before, _ = _paragraph(body, last - 1, last)
    if not any(q.speaker == speaker and before <= q.start < last for q in article.quotes):
        return found
    return _named(_outside_quotes(article, before, last, (start, end)))


def _paragraph(body: str, start: int, end: int) -> tuple[int, int]:
    floor = max(0, start - MAX_CONTEXT_CHARS)
    ceiling = min(len(body), end + MAX_CONTEXT_CHARS)
    begin = body.rfind("\n", floor, start) + 1 or floor
    stop = body.find("\n", end, ceiling)
    return begin, stop if stop >= 0 else ceiling


def _end_before(body: str, begin: int) -> int:
    """Where the previous paragraph's text ends (blank lines between skipped, bounded)."""
    floor = max(0, begin - MAX_CONTEXT_CHARS)
    last = begin
    while last > floor and body[last - 1].isspace():
        last -= 1
    return last if last > floor else 0


def _outside_quotes(article: Article, begin: int, stop: int, own: tuple[int, int]) -> str:
    """The text of [begin, stop) with every quote in it (and the unit's own words) blanked."""
    chars = list(article.body[begin:stop])
    spans: Iterable[tuple[int, int]] = [(q.start, q.end) for q in article.quotes] + [own]
    for first, last in spans:
        for at in range(max(first, begin), min(last, stop)):
            chars[at - begin] = " "
    return "".join(chars)


def _named(text: str) -> frozenset[str]:
    return frozenset(kind for kind, pattern in _PATTERNS.items() if pattern.search(text))


def other_occasions(first: frozenset[str], second: frozenset[str]) -> bool:
    """Both quotes name where they were said, and no occasion is common to the two."""
    return bool(first) and bool(second) and not first & second
