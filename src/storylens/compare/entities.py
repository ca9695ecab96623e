"""Entities of a story: who and what each outlet names, one entry across name variants.

"Peskov" joins "Dmitry Peskov" and "Kremlin spokesman Dmitry Peskov": a shorter name joins
the fullest name of the story that ends with the same word and holds all of its words,
when exactly one such name exists (two people with one surname stay apart). Places join only
their own spellings ("MOSCOW", "Moscow"). A one-word name's kind is settled on the story's
evidence first (`entity_kinds`), so "Lisbon" is a place and "Freitas" a person.
"""

from __future__ import annotations

from collections import Counter

from storylens.analyse.names import strip_title
from storylens.compare.entity_kinds import Kind, settle_kinds
from storylens.records import Article, Entity, StoryEntity
from storylens.spelling import name_key

KINDS: dict[str, Kind] = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}
# Entities read per article and listed per story: bounded on hostile bodies.
MAX_ENTITIES_PER_ARTICLE = 400
MAX_STORY_ENTITIES = 60
MAX_NAME_CHARS = 80


def story_entities(
    articles: list[Article], labels: list[str], voices: list[str]
) -> list[StoryEntity]:
    """Entities mentioned in the story, most-mentioned first."""
    found: list[tuple[int, Entity, Kind, str]] = []
    for index, article in enumerate(articles):
        for entity in article.entities[:MAX_ENTITIES_PER_ARTICLE]:
            kind = KINDS.get(entity.label)
            name = _name(entity, kind)
            if kind is not None and name.strip(".") and _cited(article, entity):
                found.append((index, entity, kind, name))
    found = settle_kinds(articles, found)
    canonical = _canonical_names({(kind, name) for _, _, kind, name in found})
    entries: dict[tuple[Kind, str], _Entry] = {}
    for index, entity, kind, name in found:
        key = (kind, canonical[(kind, name)])
        entry = entries.setdefault(key, _Entry())
        entry.add(index, entity, name, labels[index], voices[index])
    ranked = sorted(_one_kind(entries).items(), key=lambda item: (-item[1].total(), item[0][1]))
    return [entry.record(name, kind, articles) for (kind, name), entry in ranked][
        :MAX_STORY_ENTITIES
    ]


def _name(entity: Entity, kind: Kind | None) -> str:
    text = " ".join(entity.text.split())[:MAX_NAME_CHARS]
    return strip_title(text) if kind == "person" else text


def _cited(article: Article, entity: Entity) -> bool:
    return 0 <= entity.start < entity.end <= len(article.body)


def _canonical_names(names: set[tuple[Kind, str]]) -> dict[tuple[Kind, str], str]:
    """Each (kind, name) mapped to the fullest name of its kind it is a variant of.

    Case and dots do not make two names ("MOSCOW"/"Moscow", "US"/"U.S."); the form shown is
    the one not in capitals, with dots.
    """
    forms: dict[tuple[Kind, str], list[str]] = {}
    for kind, name in sorted(names):
        forms.setdefault((kind, _key(name)), []).append(name)
    shown = {
        key: min(group, key=lambda n: (n.isupper(), -len(n), n)) for key, group in forms.items()
    }
    by_last: dict[tuple[Kind, str], list[str]] = {}
    for kind, key in shown:
        by_last.setdefault((kind, key.split()[-1]), []).append(key)
    mapping: dict[tuple[Kind, str], str] = {}
    for kind, name in names:
        key = _key(name)
        if kind == "place":  # "Lisbon" is not "Port of Lisbon", nor "York" "New York"
            mapping[(kind, name)] = shown[(kind, key)]
            continue
        words = set(key.split())
        fuller = [
            other for other in by_last[(kind, key.split()[-1])] if words <= set(other.split())
        ]
        longest = max(len(n.split()) for n in fuller)
        best = sorted({n for n in fuller if len(n.split()) == longest})
        mapping[(kind, name)] = shown[(kind, best[0] if len(best) == 1 else key)]
    return mapping


def _key(name: str) -> str:
    """Case, dots and the apostrophe's shape do not make two names ("Exporters’" /
    "Exporters'"), nor the script or spelling of a name's words ("Олег Жуковский" / "Oleg
    Zhukovsky" / "Oleg Schukowski": `spelling.name_key`)."""
    folded = name.replace(".", "").replace("’", "'").lower()
    return " ".join(name_key(word) or word for word in folded.split()) or name.lower()


def _one_kind(entries: dict[tuple[Kind, str], _Entry]) -> dict[tuple[Kind, str], _Entry]:
    """A name the tagger gave several kinds ("Sines" a place here, an organisation there) is
    listed once, under the kind most of its mentions have."""
    by_name: dict[str, list[tuple[Kind, str]]] = {}
    for key in entries:
        by_name.setdefault(_key(key[1]), []).append(key)
    merged: dict[tuple[Kind, str], _Entry] = {}
    for keys in by_name.values():
        keys.sort(key=lambda k: (-entries[k].total(), k))
        entry = entries[keys[0]]
        for other in keys[1:]:
            entry.absorb(entries[other])
        merged[keys[0]] = entry
    return merged


class _Entry:
    def __init__(self) -> None:
        self.variants: dict[str, None] = {}
        self.by_voice: dict[str, Counter[str]] = {}  # voice -> article label -> mentions
        self.first: dict[int, Entity] = {}

    def add(self, index: int, entity: Entity, name: str, label: str, voice: str) -> None:
        self.variants[name] = None
        self.by_voice.setdefault(voice, Counter())[label] += 1
        self.first.setdefault(index, entity)

    def absorb(self, other: _Entry) -> None:
        self.variants.update(other.variants)
        for voice, counts in other.by_voice.items():
            self.by_voice.setdefault(voice, Counter()).update(counts)
        for index, entity in other.first.items():
            self.first.setdefault(index, entity)

    def total(self) -> int:
        return sum(max(counts.values()) for counts in self.by_voice.values())

    def record(self, name: str, kind: Kind, articles: list[Article]) -> StoryEntity:
        # A syndicated copy repeats its original's mentions: each voice counts once, under
        # the outlet that mentions the entity most.
        mentions: dict[str, int] = {}
        for counts in self.by_voice.values():
            outlet, count = counts.most_common(1)[0]
            mentions[outlet] = max(mentions.get(outlet, 0), count)
        spans = [articles[i].span(e.start, e.end) for i, e in sorted(self.first.items())]
        return StoryEntity(name, kind, list(self.variants), mentions, spans)
