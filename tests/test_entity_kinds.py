"""The names table's kinds: a place the tagger called a person is listed under places, a
surname it called an organisation under the person, each name under one kind.

Our own invented sentences, tagged by hand the way the small tagger got the sample corpus
wrong (no model loads).
"""

from __future__ import annotations

from storylens.compare.entities import story_entities
from storylens.records import Article, Entity


def tagged(article_id: str, body: str, tags: list[tuple[str, str]], outlet: str) -> Article:
    """An article whose entities are `tags` ((text, label)), found in order in `body`."""
    made = Article(id=article_id, source=f"{article_id}.txt", body=body, outlet=outlet)
    position = 0
    for text, label in tags:
        start = body.index(text, position)
        made.entities.append(Entity(text, label, start, start + len(text)))
        position = start + len(text)
    return made


def kinds(*articles: Article) -> dict[str, set[str]]:
    labels = [a.outlet or "" for a in articles]
    found: dict[str, set[str]] = {}
    for entity in story_entities(list(articles), labels, labels):
        found.setdefault(entity.name, set()).add(entity.kind)
    return found


def test_a_city_the_tagger_called_a_person_is_a_place() -> None:
    first = tagged(
        "a",
        "Ferries left Quarrybay harbour at dawn. The plan keeps Quarrybay busy, "
        "said Odile Marchetti. Trade moved towards Vellmont and Ostrand.",
        [
            ("Quarrybay", "GPE"),
            ("Quarrybay", "PERSON"),
            ("Odile Marchetti", "PERSON"),
            ("Vellmont", "PERSON"),
            ("Ostrand", "ORG"),
        ],
        "Daily Courier",
    )
    second = tagged(
        "b",
        "Quarrybay lost ground to Pellagrine. Shipping in the Dornwater estuary slowed.",
        [("Quarrybay", "PERSON"), ("Pellagrine", "PERSON"), ("Dornwater", "ORG")],
        "Northern Ledger",
    )
    found = kinds(first, second)
    assert found["Quarrybay"] == {"place"}  # tagged a place once: a place everywhere
    assert found["Vellmont"] == {"place"}  # "towards Vellmont"
    assert found["Ostrand"] == {"place"}  # listed with a place: "Vellmont and Ostrand"
    assert found["Pellagrine"] == {"place"}  # "lost ground to Pellagrine"
    assert found["Dornwater"] == {"place"}  # "the Dornwater estuary"
    assert found["Odile Marchetti"] == {"person"}


def test_a_surname_the_tagger_called_an_organisation_joins_the_person() -> None:
    body = (
        "“We will not move,” said Tomasz Weller, a crane driver at Ostrand. "
        "“Two years is enough,” Weller said. Mr. Brannigan agreed with Weller."
    )
    found = kinds(
        tagged(
            "a",
            body,
            [
                ("Tomasz Weller", "PERSON"),
                ("Ostrand", "PERSON"),
                ("Weller", "ORG"),
                ("Brannigan", "ORG"),
                ("Weller", "GPE"),
            ],
            "Daily Courier",
        )
    )
    assert found["Tomasz Weller"] == {"person"} and "Weller" not in found  # one entry
    assert found["Brannigan"] == {"person"}  # a title before it
    assert found["Ostrand"] == {"place"}  # "a crane driver at Ostrand"


def test_firms_and_people_keep_their_tags_without_evidence() -> None:
    body = "Analysts at Brightcoil expect a deal. Nadia Okafor runs Brightcoil's cargo arm."
    found = kinds(
        tagged(
            "a",
            body,
            [("Brightcoil", "ORG"), ("Nadia Okafor", "PERSON"), ("Brightcoil", "ORG")],
            "Daily Courier",
        )
    )
    assert found == {"Brightcoil": {"organisation"}, "Nadia Okafor": {"person"}}


def test_a_town_is_not_joined_to_a_longer_place_ending_with_it() -> None:
    body = "Ships queued outside the Port of Quarrybay. Life in Quarrybay went on."
    found = kinds(
        tagged("a", body, [("Port of Quarrybay", "LOC"), ("Quarrybay", "GPE")], "Daily Courier")
    )
    assert found == {"Port of Quarrybay": {"place"}, "Quarrybay": {"place"}}
