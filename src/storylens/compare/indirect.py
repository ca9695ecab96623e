"""Indirect quotes: `Peskov said that the report was false.` / `The report was false, he said.`

Reported speech carries the same statement as a direct quote in another outlet, so it is
matched with the quotes. Only whole sentences without quote marks are read (a sentence with
quote marks is the direct quote's), in two shapes: a speaker and a speech verb opening the
sentence, or closing it after a comma. The speaker is resolved to the fullest name the
article gives; "he"/"she" only when the sentence and the two before it name exactly one
person (no guess between two).
"""

from __future__ import annotations

import re

from storylens.analyse.names import NameIndex, strip_title
from storylens.records import Article, Sentence, Span

_VERBS = (
    r"said|says|told\s+(?:[\w.'’-]+\s+){0,3}?|added|stated|insisted|claimed|argued|warned|"
    r"stressed|noted|explained|maintained|acknowledged|admitted|denied|confirmed|announced|"
    r"believes|believed|suggested|predicted|promised|complained|conceded|asserted"
)
_NAME = r"(?:[A-Z][\w.'’-]*\s+){0,5}?[A-Z][\w'’-]+|[Hh]e|[Ss]he|[Tt]he\s+(?:[\w-]+\s+){0,2}?[a-z]+"
_WHEN = r"(?:\s+(?:on|last|this)\s+\w+|\s+in\s+a\s+statement|\s+on\s+[A-Z]\w+)?"
OPENING = re.compile(
    rf"^(?P<who>{_NAME})(?:,[^,]{{1,80}},)?\s+(?:{_VERBS}){_WHEN}(?:,)?\s+(?:that\s+)?"
    rf"(?P<what>[^\s].*?)[.!]?$"
)
CLOSING = re.compile(
    rf"^(?P<what>.+?),\s+(?:(?P<who>{_NAME})\s+(?:{_VERBS}){_WHEN}|(?:said|says)\s+(?P<who2>{_NAME}))"
    rf"(?:,[^,]*)?[.!]?$"
)
QUOTE_MARKS = re.compile(r"[\"“”„«»]")
PRONOUNS = {"he", "she"}
MIN_WORDS = 5  # a reported statement shorter than this is a fragment
MAX_SENTENCE_CHARS = 600  # longer sentences are not read (bounded regex work)
PRONOUN_SENTENCES = 2  # sentences looked back for the one person "he" can be


def indirect_quotes(article: Article, limit: int) -> list[tuple[Span, str]]:
    """Up to `limit` (reported statement, speaker) pairs of one article."""
    names = NameIndex.build(article.body, article.entities)
    starts = [s.start for s in article.sentences]
    found: list[tuple[Span, str]] = []
    for position, sentence in enumerate(article.sentences):
        if len(found) == limit:
            break
        text = sentence.text
        if len(text) > MAX_SENTENCE_CHARS or QUOTE_MARKS.search(text):
            continue
        match = OPENING.match(text) or CLOSING.match(text)
        if match is None:
            continue
        who = match["who"] or match.groupdict().get("who2") or ""
        what = match.start("what"), match.end("what")
        if (
            len(article.body[sentence.start + what[0] : sentence.start + what[1]].split())
            < MIN_WORDS
        ):
            continue
        speaker = _speaker(who, sentence, article, names, starts, position)
        if speaker is not None:
            found.append(
                (article.span(sentence.start + what[0], sentence.start + what[1]), speaker)
            )
    return found


def _speaker(
    who: str,
    sentence: Sentence,
    article: Article,
    names: NameIndex,
    starts: list[int],
    position: int,
) -> str | None:
    words = who.split()
    if words and words[0].lower() in PRONOUNS and len(words) == 1:
        back = starts[max(0, position - PRONOUN_SENTENCES)]
        people = set(names.people_between(back, sentence.start, quoted=False))
        return people.pop() if len(people) == 1 else None
    if words and words[0].lower() == "the":
        return names.by_role(words[-1])  # "the spokesman": the only one the article names so
    name = strip_title(who)
    if not name or not name[0].isupper():
        return None
    # Only names the article's NER knows as people: "The ministry said" names no person.
    mentions = names.mentions_between(sentence.start, sentence.end)
    known = {m.name for m in mentions}
    canonical = names.canonical(name)
    return canonical if canonical in known or _surname_of(canonical, known) else None


def _surname_of(name: str, known: set[str]) -> bool:
    return any(other.split()[-1] == name.split()[-1] for other in known)
