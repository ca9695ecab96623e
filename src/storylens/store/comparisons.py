"""Stored comparisons: a `Comparison` as JSON and back, and the rows that keep them.

A comparison costs seconds of model time, so it is kept per story and read back while it
is current. Current means: computed from the articles the story has now, by this version
of the comparison. Both are in the row's `members_key`, a hash of the member ids (in ingest
order) and the version the caller gives; a row whose key differs is never returned. The
writer also deletes the row as soon as the story gains or loses an article, so
stale rows do not pile up.

The JSON is this module's own encoding of the record (every field, spans with their
text), not the report of `output/json.py`: the record comes back whole, so the CLI's
Markdown and HTML exports and the web page all render from it without recomputing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from storylens.records import (
    Claim,
    Comparison,
    Conflict,
    Coverage,
    Framing,
    QuoteMatch,
    Span,
    StoryEntity,
    TimelineItem,
)
from storylens.store import codec, reader
from storylens.store.schema import comparisons

# The layout of the JSON below; part of every key, so a change here retires old rows.
ENCODING_VERSION = 1


def members_key(article_ids: Sequence[str], version: int) -> str:
    """The key of a comparison of these articles (in this order) by comparison `version`."""
    digest = hashlib.sha256(f"comparison v{version}, encoding v{ENCODING_VERSION}\n".encode())
    for article_id in article_ids:
        digest.update(article_id.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def load(connection: Connection, story_id: str, key: str) -> Comparison | None:
    """The stored comparison of `story_id` if its key is `key`, else None."""
    query = select(comparisons.c.comparison).where(
        comparisons.c.story_id == story_id, comparisons.c.members_key == key
    )
    stored = connection.scalar(query)
    if stored is None:
        return None
    try:
        return decode(stored)
    except (ValueError, KeyError, TypeError, IndexError):
        # Only a row edited by hand can fail here (the key pins the encoding): it is a
        # cache entry, so it is recomputed (and overwritten) rather than failing the page.
        return None


def current_ids(connection: Connection, version: int) -> set[str]:
    """The stories whose stored comparison is current for comparison `version`."""
    stored = {row.story_id: row.members_key for row in connection.execute(select(comparisons))}
    members = reader.story_article_ids(connection, list(stored))
    return {sid for sid, key in stored.items() if members_key(members[sid], version) == key}


def save(connection: Connection, comparison: Comparison, version: int, now: datetime) -> bool:
    """Store `comparison` if its story still has exactly its articles; else store nothing
    (an ingest changed the story while it was compared) and return False."""
    story_id = comparison.story_id
    current = reader.story_article_ids(connection, [story_id])[story_id]
    if current != list(comparison.article_ids):
        return False
    connection.execute(delete(comparisons).where(comparisons.c.story_id == story_id))
    row = {
        "story_id": story_id,
        "members_key": members_key(current, version),
        "comparison": encode(comparison),
        "created_at": now,
    }
    connection.execute(insert(comparisons).values(row))
    return True


def encode(comparison: Comparison) -> str:
    return json.dumps(
        codec.clean_json(asdict(comparison)), ensure_ascii=False, separators=(",", ":")
    )


def decode(text: str) -> Comparison:
    data = json.loads(text)
    return Comparison(
        story_id=data["story_id"],
        article_ids=list(data["article_ids"]),
        claims=[_claim(item) for item in data["claims"]],
        quotes=[
            QuoteMatch(item["speaker"], _spans(item["renderings"]), list(item["kinds"]))
            for item in data["quotes"]
        ],
        summary=_spans(data["summary"]),
        conflicts=[_conflict(item) for item in data["conflicts"]],
        entities=[_entity(item) for item in data["entities"]],
        timeline=[_timeline_item(item) for item in data["timeline"]],
        framing=[_framing(item) for item in data["framing"]],
        coverage=[
            Coverage(item["outlet"], list(item["only_here"]), list(item["left_out"]))
            for item in data["coverage"]
        ],
    )


def _span(item: dict[str, Any]) -> Span:
    return Span(item["article"], int(item["start"]), int(item["end"]), item["text"])


def _spans(items: list[dict[str, Any]]) -> list[Span]:
    return [_span(item) for item in items]


def _claim(item: dict[str, Any]) -> Claim:
    return Claim(item["text"], _spans(item["sources"]), list(item["outlets"]), item["shared"])


def _conflict(item: dict[str, Any]) -> Conflict:
    return Conflict(
        kind=item["kind"],
        claim=int(item["claim"]),
        first=_span(item["first"]),
        second=_span(item["second"]),
        first_value=_span(item["first_value"]),
        second_value=_span(item["second_value"]),
    )


def _entity(item: dict[str, Any]) -> StoryEntity:
    return StoryEntity(
        name=item["name"],
        kind=item["kind"],
        variants=list(item["variants"]),
        mentions=dict(item["mentions"]),
        spans=_spans(item["spans"]),
    )


def _timeline_item(item: dict[str, Any]) -> TimelineItem:
    return TimelineItem(
        date=item["date"],
        precision=item["precision"],
        anchor=item["anchor"],
        when=_span(item["when"]),
        sentence=_span(item["sentence"]),
    )


def _framing(item: dict[str, Any]) -> Framing:
    return Framing(
        article=item["article"],
        outlet=item["outlet"],
        headline=item["headline"],
        lead=_span(item["lead"]) if item["lead"] is not None else None,
        first_claim=item["first_claim"],
        attribution_verbs=dict(item["attribution_verbs"]),
        hedges=_spans(item["hedges"]),
        loaded=_spans(item["loaded"]),
    )
