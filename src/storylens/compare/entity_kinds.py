"""The kind of a one-word name, settled from the whole story's text rather than one tag.

The small tagger calls a bare "Lisbon" a person ("to keep Lisbon competitive") and a surname
an organisation ("Freitas said"), so the names table listed cities under people. A one-word
name is settled on evidence the story itself gives, in this order:

1. person: it is the last word of a full name the story tags as a person ("Freitas" of
   "Paulo Freitas"), or a mention has a title before it ("Mr Freitas"), or a person-tagged
   mention says something ("Freitas said": a firm or a capital says things too);
2. place: it is tagged a place anywhere in the story, or is a word of a longer place name
   ("Lisbon" of "Port of Lisbon"), or a person-tagged mention follows a preposition of place
   ("towards Sines", "lost ground to Valencia"), or a mention is followed by a word for a
   place ("the Tagus estuary"), or is named in one list with a place ("Sines and Leixões");
3. otherwise the tags decide, as before (the kind most mentions have).

Longer names keep their tags: the tagger is right about "Paulo Freitas" and "Port of Lisbon".
"""

from __future__ import annotations

import re
from typing import Literal

from storylens.analyse.lexicon import TITLE_WORDS
from storylens.records import Article, Entity

Kind = Literal["person", "organisation", "place"]
Found = tuple[int, Entity, Kind, str]  # (article index, entity, kind, name)

# A person is rarely right after these; a town often is. ("with" and "by" are left out:
# "met with", "said by" take people.)
PLACE_PREPOSITIONS = frozenset(
    "in at near outside towards toward into across around to from via throughout within".split()
)
PLACE_NOUNS = frozenset(
    """estuary river valley bay coast delta basin strait island islands peninsula mountains
    sea lake harbour harbor port region province county district""".split()
)
WORD_BEFORE = re.compile(r"([A-Za-z.]+)\W{0,2}$")  # "towards " / "Mr. " / "at the "
WORD_AFTER = re.compile(r"^\s+([A-Za-z]+)")
LIST_JOIN = re.compile(r"^(?:\s*,\s*|\s+(?:and|or)\s+|\s*,\s+(?:and|or)\s+)$")
SAYS = re.compile(r"^\s+(?:said|says|told|tells|added|adds|asked|asks)\b")
CONTEXT = 40  # characters read either side of a mention
ROUNDS = 3  # a list of places settles one name a round ("Sines and Leixões and Poço")


def settle_kinds(articles: list[Article], found: list[Found]) -> list[Found]:
    """`found` with each one-word name's kind settled on the story's evidence."""
    person_words = _person_words(found)
    place_words = _place_words(found)
    settled: dict[str, Kind] = {}
    for key, mentions in _one_word_names(found).items():
        if key in person_words or any(_named_as_person(articles, f) for f in mentions):
            settled[key] = "person"
        elif key in place_words or any(_placed(articles, f) for f in mentions):
            settled[key] = "place"
    for _ in range(ROUNDS):
        listed = _listed_with_places(articles, found, settled)
        if not listed:
            break
        settled.update(dict.fromkeys(listed, "place"))
    return [
        (index, entity, settled.get(_fold(name), kind), name) for index, entity, kind, name in found
    ]


def _fold(name: str) -> str:
    return name.replace("’", "'").replace(".", "").lower().strip()


def _one_word_names(found: list[Found]) -> dict[str, list[Found]]:
    names: dict[str, list[Found]] = {}
    for item in found:
        key = _fold(item[3])
        if key and " " not in key:
            names.setdefault(key, []).append(item)
    return names


def _person_words(found: list[Found]) -> set[str]:
    words = set()
    for _, _, kind, name in found:
        parts = _fold(name).split()
        if kind == "person" and len(parts) > 1:
            words.add(parts[-1])
    return words


def _place_words(found: list[Found]) -> set[str]:
    """Names tagged a place anywhere, and the capitalised words of longer place names."""
    words = set()
    for _, _, kind, name in found:
        if kind == "place":
            words.add(_fold(name))
            if " " in name.strip():
                words.update(_fold(w) for w in name.split() if w[:1].isupper())
    return words


def _before(articles: list[Article], item: Found) -> str:
    index, entity, _, _ = item
    return articles[index].body[max(0, entity.start - CONTEXT) : entity.start]


def _after(articles: list[Article], item: Found) -> str:
    index, entity, _, _ = item
    return articles[index].body[entity.end : entity.end + CONTEXT]


def _named_as_person(articles: list[Article], item: Found) -> bool:
    before = WORD_BEFORE.search(_before(articles, item))
    if before is not None and before.group(1).lower().rstrip(".") in TITLE_WORDS:
        return True
    return item[2] == "person" and SAYS.match(_after(articles, item)) is not None


def _placed(articles: list[Article], item: Found) -> bool:
    after = _after(articles, item)
    noun = WORD_AFTER.match(after)
    if noun is not None and noun.group(1).lower() in PLACE_NOUNS:
        return True
    if item[2] != "person" or after.startswith(("'s", "’s")):
        return False  # "at Google" is a firm; "in Smith's view" is a person
    before = WORD_BEFORE.search(_before(articles, item))
    return before is not None and before.group(1).lower() in PLACE_PREPOSITIONS


def _listed_with_places(
    articles: list[Article], found: list[Found], settled: dict[str, Kind]
) -> set[str]:
    """One-word names not yet settled, named in one list with a settled place."""
    places = [
        (index, entity)
        for index, entity, kind, name in found
        if settled.get(_fold(name), kind) == "place"
    ]
    listed = set()
    for index, entity, _, name in found:
        key = _fold(name)
        if " " in key or key in settled:
            continue
        body = articles[index].body
        if any(_beside(body, entity, other) for i, other in places if i == index):
            listed.add(key)
    return listed


def _beside(body: str, entity: Entity, other: Entity) -> bool:
    """`entity` and `other` next to each other in a list ("A and B", "A, B")."""
    first, second = (entity, other) if entity.start < other.start else (other, entity)
    gap = body[first.end : second.start]
    return len(gap) <= 7 and LIST_JOIN.match(gap) is not None
