"""Stored comparisons: a `Comparison` as JSON and back, and the rows that keep them.

A comparison costs seconds of model time, so it is kept per story and read back while it
is current. Current means: computed from the articles the story has now, by this version
of the comparison. Both are in the row's `members_key`, a hash of the member ids (in ingest
order) and the version the caller gives; a row whose key differs is never returned. The
writer also deletes the row as soon as the story gains or loses an article, so
stale rows do not pile up.

The JSON is the record's own data (`storylens.recorddata`: every field, spans with their
text, derived from the type hints), not the report of `output/json.py`: the record comes
back whole, so the CLI's
Markdown and HTML exports and the web page all render from it without recomputing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select

from storylens.recorddata import from_data, to_data
from storylens.records import Comparison
from storylens.store import codec, reader
from storylens.store.schema import comparisons

# The layout of the JSON below; part of every key, so a change here retires old rows.
ENCODING_VERSION = 2


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
        codec.clean_json(to_data(comparison)), ensure_ascii=False, separators=(",", ":")
    )


def decode(text: str) -> Comparison:
    return from_data(Comparison, json.loads(text))
