"""The state of `storylens watch` in the store: sources, seen items, versions, fetches,
robots.txt. Records in, records out; each call is its own transaction, so a watcher killed
at any point keeps everything it finished (commit per item)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from storylens.store.codec import clean_optional, clean_text
from storylens.store.schema import (
    articles,
    watch_fetches,
    watch_hosts,
    watch_items,
    watch_sources,
    watch_versions,
)
from storylens.store.store import Store


@dataclass(slots=True)
class Source:
    id: int
    url: str
    outlet: str | None
    language: str | None
    kind: str | None
    state: str
    reason: str | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    lastmod: str | None
    conditional: bool
    unchanged: int
    interval_s: float
    next_due: datetime
    last_fetch: datetime | None
    last_new: int
    total_new: int
    failures: float


@dataclass(slots=True)
class Item:
    id: int
    url: str
    guid_key: str | None
    source_id: int | None
    entry_sig: str | None
    content_hash: str | None
    article_id: str | None
    version: int
    state: str
    reason: str | None
    attempts: int


def _record(cls: Any, row: Any) -> Any:
    return cls(**{f.name: row[f.name] for f in fields(cls)})


class WatchState:
    """The watcher's tables of one store (see `schema.watch_*`)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- sources ----------------------------------------------------------------------

    def add_source(
        self, url_key: str, url: str, outlet: str | None, language: str | None, **initial: Any
    ) -> Source:
        """The source with this key, created with `initial` values if new; a given outlet or
        language replaces the stored one."""
        with self.store._write() as connection:
            row = (
                connection.execute(select(watch_sources).where(watch_sources.c.url_key == url_key))
                .mappings()
                .first()
            )
            if row is None:
                values = {"url_key": url_key, "url": url, "outlet": outlet, "language": language}
                connection.execute(insert(watch_sources).values(**values, **initial))
            elif (outlet and outlet != row["outlet"]) or (language and language != row["language"]):
                connection.execute(
                    update(watch_sources)
                    .where(watch_sources.c.id == row["id"])
                    .values(outlet=outlet or row["outlet"], language=language or row["language"])
                )
            found = (
                connection.execute(select(watch_sources).where(watch_sources.c.url_key == url_key))
                .mappings()
                .one()
            )
        return _record(Source, found)

    def sources(self, ids: Sequence[int] | None = None) -> list[Source]:
        query = select(watch_sources).order_by(watch_sources.c.id)
        if ids is not None:
            query = query.where(watch_sources.c.id.in_(list(ids)))
        with self.store._read() as connection:
            return [_record(Source, row) for row in connection.execute(query).mappings()]

    def save_source(self, source: Source, **changes: Any) -> None:
        for name, value in changes.items():
            setattr(source, name, value)
        with self.store._write() as connection:
            connection.execute(
                update(watch_sources)
                .where(watch_sources.c.id == source.id)
                .values(
                    {k: clean_optional(v) if isinstance(v, str) else v for k, v in changes.items()}
                )
            )

    # -- items ------------------------------------------------------------------------

    def find_item(self, url_key: str, guid_key: str | None = None) -> Item | None:
        """The item seen at this canonical URL, else the one with this feed GUID."""
        with self.store._read() as connection:
            row = (
                connection.execute(select(watch_items).where(watch_items.c.url_key == url_key))
                .mappings()
                .first()
            )
            if row is None and guid_key is not None:
                row = (
                    connection.execute(
                        select(watch_items)
                        .where(watch_items.c.guid_key == guid_key)
                        .order_by(watch_items.c.id)
                        .limit(1)
                    )
                    .mappings()
                    .first()
                )
        return None if row is None else _record(Item, row)

    def begin_item(
        self, url_key: str, url: str, guid_key: str | None, source_id: int, now: datetime
    ) -> Item:
        """A new item, pending until `finish_item` (a crash leaves it pending, see
        `pending_items`)."""
        values = {
            "url_key": url_key,
            "url": clean_text(url),
            "guid_key": guid_key,
            "source_id": source_id,
            "version": 0,
            "state": "pending",
            "attempts": 0,
            "first_seen": now,
        }
        with self.store._write() as connection:
            connection.execute(insert(watch_items).values(values))
            row = (
                connection.execute(select(watch_items).where(watch_items.c.url_key == url_key))
                .mappings()
                .one()
            )
        return _record(Item, row)

    def finish_item(self, item: Item, now: datetime, **changes: Any) -> None:
        for name, value in changes.items():
            setattr(item, name, value)
        with self.store._write() as connection:
            connection.execute(
                update(watch_items)
                .where(watch_items.c.id == item.id)
                .values(fetched_at=now, **changes)
            )

    def pending_items(self) -> list[Item]:
        """Items a killed run began and did not finish."""
        query = select(watch_items).where(watch_items.c.state == "pending")
        with self.store._read() as connection:
            return [_record(Item, row) for row in connection.execute(query).mappings()]

    def article_with_url(self, url: str) -> tuple[str, str, str] | None:
        """(id, title, body) of a stored article with this URL (a full scan: only asked
        for the few items a killed run left pending)."""
        query = select(articles.c.id, articles.c.title, articles.c.body).where(
            articles.c.url == url
        )
        with self.store._read() as connection:
            row = connection.execute(query.limit(1)).first()
        return None if row is None else (row[0], row[1] or "", row[2])

    def article_text(self, article_id: str) -> tuple[str | None, str] | None:
        query = select(articles.c.title, articles.c.body).where(articles.c.id == article_id)
        with self.store._read() as connection:
            row = connection.execute(query).first()
        return None if row is None else (row[0], row[1])

    def keep_version(
        self, item: Item, article_id: str, title: str | None, body: str, now: datetime
    ) -> None:
        """Keep the text of the version an edit replaces."""
        values = {
            "item_id": item.id,
            "version": item.version,
            "article_id": article_id,
            "title": title,
            "body": body,
            "replaced_at": now,
        }
        with self.store._write() as connection:
            connection.execute(insert(watch_versions).values(values))

    def versions(self, item_id: int) -> list[tuple[int, str]]:
        query = (
            select(watch_versions.c.version, watch_versions.c.article_id)
            .where(watch_versions.c.item_id == item_id)
            .order_by(watch_versions.c.version)
        )
        with self.store._read() as connection:
            return [(int(v), str(a)) for v, a in connection.execute(query)]

    # -- fetches and robots.txt ---------------------------------------------------------

    def record_fetch(
        self,
        source_id: int | None,
        url: str,
        at: datetime,
        status: int | None,
        outcome: str,
        reason: str | None,
        size: int,
    ) -> None:
        values = {
            "source_id": source_id,
            "url": clean_text(url),
            "at": at,
            "status": status,
            "outcome": outcome,
            "reason": clean_optional(reason),
            "bytes": size,
        }
        with self.store._write() as connection:
            connection.execute(insert(watch_fetches).values(values))

    def fetches(self, source_id: int | None = None) -> list[dict[str, Any]]:
        query = select(watch_fetches).order_by(watch_fetches.c.id)
        if source_id is not None:
            query = query.where(watch_fetches.c.source_id == source_id)
        with self.store._read() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def forget_fetches_before(self, moment: datetime) -> None:
        with self.store._write() as connection:
            connection.execute(delete(watch_fetches).where(watch_fetches.c.at < moment))

    def robots(self, origin: str) -> tuple[str | None, datetime] | None:
        query = select(watch_hosts.c.robots, watch_hosts.c.fetched_at).where(
            watch_hosts.c.origin == origin
        )
        with self.store._read() as connection:
            row = connection.execute(query).first()
        return None if row is None else (row[0], row[1])

    def save_robots(self, origin: str, text: str | None, at: datetime) -> None:
        with self.store._write() as connection:
            connection.execute(delete(watch_hosts).where(watch_hosts.c.origin == origin))
            values = {"origin": origin, "robots": clean_optional(text), "fetched_at": at}
            connection.execute(insert(watch_hosts).values(values))

    def item_problems(
        self, states: Sequence[str], per_source: int = 3
    ) -> dict[int, list[tuple[str, str, str | None]]]:
        """Per source, its latest items in `states` as (url, state, reason), newest first."""
        query = (
            select(
                watch_items.c.source_id,
                watch_items.c.url,
                watch_items.c.state,
                watch_items.c.reason,
            )
            .where(watch_items.c.state.in_(list(states)))
            .order_by(watch_items.c.id.desc())
        )
        found: dict[int, list[tuple[str, str, str | None]]] = {}
        with self.store._read() as connection:
            for source_id, url, state, reason in connection.execute(query):
                mine = found.setdefault(source_id, [])
                if len(mine) < per_source:
                    mine.append((url, state, reason))
        return found

    def item_counts(self) -> dict[int, dict[str, int]]:
        """Per source, how many items are in each state."""
        query = select(watch_items.c.source_id, watch_items.c.state, func.count()).group_by(
            watch_items.c.source_id, watch_items.c.state
        )
        counts: dict[int, dict[str, int]] = {}
        with self.store._read() as connection:
            for source_id, state, count in connection.execute(query):
                counts.setdefault(source_id, {})[state] = int(count)
        return counts
