"""Records to rows and back, with the text made storable.

Neither PostgreSQL (text, json) nor UTF-8 itself can hold every Python string: NUL is
refused by PostgreSQL and lone surrogates cannot be encoded at all. Each such character is
replaced by U+FFFD on the way in, on every backend alike. One character for one keeps all
span offsets valid: `body[start:end] == text` still holds after the replacement.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import RowMapping

from storylens.records import Article, Entity, Placement, Quote, Sentence
from storylens.store.schema import ENTITY_PREFIX_LENGTH

REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_FLOAT32 = np.dtype("<f4")  # fixed byte order: the file may move between machines

Row = RowMapping


def clean_text(text: str) -> str:
    return _UNSTORABLE.sub(REPLACEMENT, text) if _UNSTORABLE.search(text) else text


def clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


def clean_json(value: Any) -> Any:
    """A JSON-storable copy: str keys, lists for tuples, finite floats, clean strings.

    Anything JSON cannot hold (a date, a set) is stored as its `str()`: metadata is
    informational, and refusing it would fail the whole batch.
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean_text(str(key)): clean_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(item) for item in value]
    return clean_text(str(value))


def pack_embedding(values: list[float] | None) -> bytes | None:
    return None if values is None else np.asarray(values, dtype=_FLOAT32).tobytes()


def unpack_embedding(blob: bytes | None) -> list[float] | None:
    if blob is None:
        return None
    values: list[float] = np.frombuffer(bytes(blob), dtype=_FLOAT32).tolist()
    return values


def article_row(article: Article, seq: int, now: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "seq": seq,
        "source": clean_text(article.source),
        "input_id": clean_optional(article.input_id),
        "url": clean_optional(article.url),
        "outlet": clean_optional(article.outlet),
        "title": clean_optional(article.title),
        "published": clean_optional(article.published),
        "author": clean_optional(article.author),
        "language": clean_optional(article.language),
        "body": clean_text(article.body),
        "metadata": clean_json(article.metadata),
        "embedding": pack_embedding(article.embedding),
        "analysis": article.analysis,
        "story_id": article.story_id,
        "copy_of": article.copy_of,
        **placement_row(article.placement, seq),
        "ingested_at": now,
    }


PLACEMENT_COLUMNS = ("placed", "joined_story", "merged_stories")  # what `placement_row` fills


def placement_row(placement: Placement | None, seq: int) -> dict[str, Any]:
    """An article placed by no grouper (written directly) replays in ingest order."""
    if placement is None:
        return {"placed": seq, "joined_story": None, "merged_stories": None}
    return {
        "placed": placement.order,
        "joined_story": placement.story_id,
        "merged_stories": json.dumps(list(placement.merged)) if placement.merged else None,
    }


def placement_from_row(row: Row) -> Placement | None:
    if row["joined_story"] is None:
        return None
    merged = tuple(json.loads(row["merged_stories"] or "[]"))
    return Placement(row["placed"], row["joined_story"], merged)


def sentence_rows(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article.id,
            "idx": i,
            "start": s.start,
            "end": s.end,
            "text": clean_text(s.text),
        }
        for i, s in enumerate(article.sentences)
    ]


def entity_rows(article: Article) -> list[dict[str, Any]]:
    rows = []
    for i, e in enumerate(article.entities):
        text = clean_text(e.text)
        rows.append(
            {
                "article_id": article.id,
                "idx": i,
                "start": e.start,
                "end": e.end,
                "label": clean_text(e.label),
                "text": text,
                "text_prefix": entity_prefix(text),
            }
        )
    return rows


def entity_prefix(text: str) -> str:
    """The indexed part of an entity's text (see `schema.entities`)."""
    return text[:ENTITY_PREFIX_LENGTH]


def quote_rows(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article.id,
            "idx": i,
            "start": q.start,
            "end": q.end,
            "text": clean_text(q.text),
            "speaker": clean_optional(q.speaker),
        }
        for i, q in enumerate(article.quotes)
    ]


def article_from_row(row: Row, *, with_embedding: bool = True) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        body=row["body"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        author=row["author"],
        language=row["language"],
        url=row["url"],
        input_id=row["input_id"],
        metadata=dict(row["metadata"] or {}),
        embedding=unpack_embedding(row["embedding"]) if with_embedding else None,
        analysis=row["analysis"],
        story_id=row["story_id"],
        copy_of=row["copy_of"],
        placement=placement_from_row(row),
    )


def sentence_from_row(row: Row) -> Sentence:
    return Sentence(start=row["start"], end=row["end"], text=row["text"])


def entity_from_row(row: Row) -> Entity:
    return Entity(text=row["text"], label=row["label"], start=row["start"], end=row["end"])


def quote_from_row(row: Row) -> Quote:
    return Quote(text=row["text"], start=row["start"], end=row["end"], speaker=row["speaker"])
