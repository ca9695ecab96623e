"""Named entities from spaCy's NER, as exact spans of the article body."""

from __future__ import annotations

import re
from typing import Any

from storylens.analyse.pipelines import entity_label
from storylens.records import Entity

# spaCy often takes the article into a name ("The U.S. Department of Transportation"); the
# same organisation must read the same whichever way a sentence introduces it.
LEADING_THE = re.compile(r"(?:[Tt]he)\s+")
TRAILING_POSSESSIVE = re.compile(r"['’]s$")
PLACES = frozenset({"GPE", "LOC"})
BREAKS = frozenset("\n\r\u2028\u2029")
# The rest of a hyphenated name the tokenizer cut ("Campa" of "Mr. Campa-Najjar said").
HYPHENATED_REST = re.compile(r"(?:-[A-Z][\w'’]*)+")
# A title only people carry, then a given name and a surname, is a person whatever the small
# NER model says ("Bishop Daniel Jenky" tagged ORG, so his quote went to the place after
# him). Titles that also open organisations' names ("General Electric", "Justice Department",
# "Speaker's Office") are left out.
PERSON_TITLED = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Rev|Prof|Bishop|Archbishop|Cardinal|Rabbi|Imam|Reverend|"
    r"Father|Senator|Representative|Congressman|Congresswoman|President|Mayor|Governor|Pope|"
    r"Sheikh|Sir|Dame)\.?\s+[A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w'’-]*"
)


def entities_from_doc(doc: Any, body: str) -> list[Entity]:
    """The entities of a spaCy `doc` made from `body` (or a prefix of it)."""
    entities = []
    for ent in doc.ents:
        label = entity_label(ent.label_)
        if PERSON_TITLED.fullmatch(ent.text):
            label = "PERSON"
        span = _clean_span(body, ent.start_char, ent.end_char, label)
        if span is not None:
            entities.append(Entity(body[span[0] : span[1]], label, span[0], span[1]))
    return entities


def _clean_span(body: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trim whitespace, a leading "the" and a possessive; None for a span across a line."""
    text = body[start:end]
    if any(ch in BREAKS for ch in text):
        return None  # a name never runs across paragraphs: a headline glued to the dateline
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    article = LEADING_THE.match(body, start, end)
    # ...but "The Hague" and "The Gambia" are places whose name includes the article.
    keeps_article = label in PLACES and len(body[start:end].split()) == 2
    if article is not None and article.end() < end and not keeps_article:
        start = article.end()
    possessive = TRAILING_POSSESSIVE.search(body[start:end])
    if possessive is not None and possessive.start() > 0:
        end = start + possessive.start()
    if start >= end or not any(ch.isalnum() for ch in body[start:end]):
        return None
    rest = HYPHENATED_REST.match(body, end) if label == "PERSON" else None
    return start, rest.end() if rest is not None else end
