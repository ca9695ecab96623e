"""Synthetic news for the crash and concurrency harnesses: our own fictional documents.

`documents(n)` gives n JSONL records, five outlets' reports of each of n/5 events, with
fictional towns, people and figures, so that grouping has real stories to find. Everything
is derived from the record's number: the same n always gives the same documents.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

OUTLETS = ["Harbour Times", "Valley Post", "Meridian", "Northern Ledger", "Daily Courier"]
TOWNS = [
    *("Tarrow", "Kessler", "Brookfield", "Castelmonte", "Lisbon Quay", "Millbrook", "Sofiadal"),
    *("Ostrava Vale", "Penmarch", "Quillon", "Rastova", "Umberley", "Vellmar", "Wexhollow"),
]
PEOPLE = [
    *("Mara Olsen", "Tomas Reyna", "Ilse Brandt", "Kofi Mensah", "Anya Petrova", "Luis Ortega"),
    *("Hana Sato", "Rui Tavares", "Greta Lind", "Omar Haddad", "Nell Price", "Jonas Weber"),
]
EVENTS = [
    ("fire", "A fire closed the {thing} in {town}", "firefighters worked through the night"),
    ("strike", "Dock workers in {town} began a strike over {thing}", "talks stalled again"),
    ("flood", "Flooding cut the {thing} near {town}", "water rose after heavy rain"),
    ("vote", "The {town} council voted on the {thing}", "the motion passed narrowly"),
    ("quake", "An earthquake shook {town} and damaged the {thing}", "aftershocks followed"),
    ("plant", "A factory in {town} will cut jobs at the {thing}", "unions called it a shock"),
]
THINGS = ["bridge", "ferry line", "rail depot", "power plant", "old market", "port", "library"]


def _event(number: int) -> dict[str, Any]:
    rng = random.Random(number)
    kind, headline, detail = rng.choice(EVENTS)
    town = TOWNS[number % len(TOWNS)]
    return {
        "kind": kind,
        "headline": headline.format(thing=rng.choice(THINGS), town=f"{town} {number}"),
        "detail": detail,
        "person": rng.choice(PEOPLE),
        "figure": rng.randint(12, 9000),
        "day": date(2025, 1, 1) + timedelta(days=number * 5 % 700),
    }


def _report(event: dict[str, Any], outlet: int, number: int) -> dict[str, Any]:
    rng = random.Random(number * 7919 + outlet)
    person, figure = event["person"], event["figure"]
    sentences = [
        f"{event['headline']} on {event['day']:%A}, officials said.",
        f'"We are doing all we can," {person} told {OUTLETS[outlet]}.',
        f"About {figure} people were affected, according to the regional office.",
        f"Witnesses said {event['detail']}.",
        rng.choice(
            [
                "Residents were asked to stay away from the area.",
                "A full report is expected next week.",
                "The cost has not yet been estimated.",
            ]
        ),
    ]
    rng.shuffle(sentences[2:])
    return {
        "id": f"doc-{number:06d}-{outlet}",
        "outlet": OUTLETS[outlet],
        "title": f"{event['headline']}" + ("" if outlet % 2 else f" — {OUTLETS[outlet]}"),
        "published": event["day"].isoformat(),
        "url": f"https://{OUTLETS[outlet].lower().replace(' ', '')}.example/{number}/{outlet}",
        "text": "\n\n".join(sentences),
    }


def documents(n: int, start: int = 0) -> Iterator[dict[str, Any]]:
    """Records start..start+n: one report per outlet of each event, in event order."""
    for index in range(start, start + n):
        number, outlet = divmod(index, len(OUTLETS))
        yield _report(_event(number), outlet, number)


def write_jsonl(path: Path, n: int, start: int = 0) -> list[str]:
    """Write documents start..start+n as JSONL; returns their ids."""
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for record in documents(n, start):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            ids.append(record["id"])
    return ids
