"""One batch written in one transaction: new articles, story assignments, failures.

Every function here takes a connection already inside the store's write transaction; none
commits. Whatever fails, the caller's transaction rolls the whole batch back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update

from storylens.errors import StoreError
from storylens.records import Article, Failure, Story
from storylens.store import codec
from storylens.store.schema import (
    ARTICLE_ID_LENGTH,
    STORY_ID_LENGTH,
    THREAD_ID_LENGTH,
    articles,
    comparisons,
    entities,
    failures,
    meta,
    quotes,
    sentences,
    stories,
)

SEQ_KEY = "_ingest_seq"
# Bound parameters per IN (...): far below SQLite's and PostgreSQL's limits.
CHUNK = 500

T = TypeVar("T")


def chunks(items: Sequence[T], size: int | None = None) -> Iterator[Sequence[T]]:
    size = size or CHUNK  # read at call time, so a test can make chunks tiny
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_ids(connection: Connection, ids: Sequence[str], table: Table = articles) -> set[str]:
    """Which of `ids` are rows of `table` (articles unless told)."""
    found: set[str] = set()
    for chunk in chunks(ids):
        found.update(connection.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def write_batch(
    connection: Connection,
    batch: Sequence[Article],
    story_list: Sequence[Story],
    failure_list: Sequence[Failure],
    merged_away: Iterable[str],
    now: datetime,
    regrouped: Sequence[Article] = (),
    threads: Mapping[str, str] | None = None,
) -> int:
    _check_ids([*batch, *regrouped], story_list)
    # The lock comes first: on PostgreSQL it serialises writers, so the "already stored?"
    # check below cannot race with another batch inserting the same article.
    last_seq = _lock_seq(connection)
    fresh = _fresh(connection, batch)
    _insert_articles(connection, fresh, last_seq, now)
    _replace_placements(connection, regrouped)
    touched = {a.story_id for a in fresh if a.story_id is not None} | set(merged_away)
    changed = set(touched)  # stories that gained or lost an article
    moved = _assign(connection, story_list, now)
    changed |= moved
    touched |= moved | {story.id for story in story_list}
    _forget_comparisons(connection, changed)
    _recount(connection, touched, now)
    _link_threads(connection, threads or {})
    if failure_list:
        connection.execute(insert(failures), [_failure_row(f, now) for f in failure_list])
    return len(fresh)


def _link_threads(connection: Connection, threads: Mapping[str, str]) -> None:
    """Set each listed story's thread (a story deleted meanwhile is no row: skipped)."""
    rows = [{"the_id": story, "the_thread": thread} for story, thread in sorted(threads.items())]
    for thread in threads.values():
        _check_id("thread", thread, THREAD_ID_LENGTH)
    if rows:
        statement = update(stories).where(stories.c.id == bindparam("the_id"))
        connection.execute(statement.values(thread_id=bindparam("the_thread")), rows)


def _check_ids(batch: Sequence[Article], story_list: Sequence[Story]) -> None:
    # PostgreSQL enforces the key lengths and SQLite does not: check here for both.
    for article in batch:
        for value in (article.id, article.copy_of):
            _check_id("article", value, ARTICLE_ID_LENGTH)
        _check_id("story", article.story_id, STORY_ID_LENGTH)
    for story in story_list:
        _check_id("story", story.id, STORY_ID_LENGTH)


def _check_id(kind: str, value: str | None, length: int) -> None:
    if value is not None and not (0 < len(value) <= length and value.isprintable()):
        raise StoreError(f"invalid {kind} id {value!r}: want 1 to {length} printable characters")


def _lock_seq(connection: Connection) -> int:
    """The last ingest number handed out, with its row locked until commit."""
    query = select(meta.c.value).where(meta.c.key == SEQ_KEY).with_for_update()
    value = connection.scalar(query)
    if value is not None:
        return int(value)
    # Only a damaged meta table lacks the row (migration 0001 adds it): rebuild it.
    last = connection.scalar(select(func.coalesce(func.max(articles.c.seq), 0)))
    connection.execute(insert(meta).values(key=SEQ_KEY, value=str(last)))
    return int(last or 0)


def _fresh(connection: Connection, batch: Sequence[Article]) -> list[Article]:
    """The batch's articles not stored yet, first occurrence of each id, in batch order."""
    first: dict[str, Article] = {}
    for article in batch:
        first.setdefault(article.id, article)
    unique = list(first.values())
    stored = existing_ids(connection, [a.id for a in unique])
    return [a for a in unique if a.id not in stored]


def _insert_articles(
    connection: Connection, fresh: list[Article], last_seq: int, now: datetime
) -> None:
    if not fresh:
        return
    rows = [codec.article_row(a, last_seq + n, now) for n, a in enumerate(fresh, start=1)]
    connection.execute(insert(articles), rows)
    _insert_analysis(connection, fresh)
    connection.execute(
        update(meta).where(meta.c.key == SEQ_KEY).values(value=str(last_seq + len(fresh)))
    )


def _replace_placements(connection: Connection, regrouped: Sequence[Article]) -> None:
    """Stored articles grouped afresh: their new placement and copy link (one statement,
    executed for every article)."""
    # Bound names must differ from the column names an UPDATE sets: hence "new_".
    rows = [
        {
            "new_id": article.id,
            "new_copy_of": article.copy_of,
            **{f"new_{k}": v for k, v in codec.placement_row(article.placement, 0).items()},
        }
        for article in regrouped
        if article.placement is not None
    ]
    if rows:
        columns = ("copy_of", *codec.PLACEMENT_COLUMNS)
        statement = update(articles).where(articles.c.id == bindparam("new_id"))
        connection.execute(statement.values({c: bindparam(f"new_{c}") for c in columns}), rows)


def _analysis_tables() -> tuple[tuple[Table, Callable[[Article], list[dict[str, Any]]]], ...]:
    """The tables holding an article's analysis, each with its row maker."""
    return (
        (sentences, codec.sentence_rows),
        (entities, codec.entity_rows),
        (quotes, codec.quote_rows),
    )


def _insert_analysis(connection: Connection, analysed: Sequence[Article]) -> None:
    for table, to_rows in _analysis_tables():
        child_rows = [row for a in analysed for row in to_rows(a)]
        if child_rows:
            connection.execute(insert(table), child_rows)


def replace_analysis(connection: Connection, analysed: Sequence[Article]) -> int:
    """Store a newer analysis of stored articles (their sentences, entities, quotes, level).

    Returns how many were stored; an article deleted meanwhile is skipped.
    """
    stored = [a for a in analysed if a.id in existing_ids(connection, [a.id for a in analysed])]
    ids = [a.id for a in stored]
    for chunk in chunks(ids):
        for table, _ in _analysis_tables():
            connection.execute(delete(table).where(table.c.article_id.in_(chunk)))
    _insert_analysis(connection, stored)
    for article in stored:
        connection.execute(
            update(articles).where(articles.c.id == article.id).values(analysis=article.analysis)
        )
    return len(stored)


def _assign(connection: Connection, story_list: Sequence[Story], now: datetime) -> set[str]:
    """Upsert the stories and point their articles at them; returns the stories whose members
    changed (those an article joined and those it left), none when every article was already
    in its story. A few statements for the whole list, each run over all its rows: three or
    four statements a story cost ~1 ms of SQLAlchemy a story, most of an ingest's writing."""
    if not story_list:
        return set()
    _upsert_stories(connection, story_list, now)
    wanted = {article_id: story.id for story in story_list for article_id in story.article_ids}
    placed = _story_ids(connection, list(wanted))
    moving = {a: s for a, s in wanted.items() if a in placed and placed[a] != s}
    if not moving:
        return set()
    left = {placed[article_id] for article_id in moving}
    statement = update(articles).where(articles.c.id == bindparam("the_id"))
    rows = [{"the_id": a, "the_story": s} for a, s in moving.items()]
    connection.execute(statement.values(story_id=bindparam("the_story")), rows)
    return {story_id for story_id in left if story_id is not None} | set(moving.values())


def _upsert_stories(connection: Connection, story_list: Sequence[Story], now: datetime) -> None:
    rows = {story.id: _story_fields(story, now) for story in story_list}
    stored = existing_ids(connection, list(rows), stories)
    if stored:
        # Bound names must differ from the column names an UPDATE sets: hence "new_".
        statement = update(stories).where(stories.c.id == bindparam("new_id"))
        names = next(iter(rows.values()))  # every row has the same fields
        values = statement.values({name: bindparam(f"new_{name}") for name in names})
        connection.execute(
            values,
            [{"new_id": i, **{f"new_{k}": v for k, v in rows[i].items()}} for i in sorted(stored)],
        )
    new = [{"id": i, "article_count": 0, **rows[i]} for i in rows if i not in stored]
    if new:
        connection.execute(insert(stories), new)


def _story_fields(story: Story, now: datetime) -> dict[str, Any]:
    return {
        "title": codec.clean_optional(story.title),
        "first_published": codec.clean_optional(story.first_published),
        "last_published": codec.clean_optional(story.last_published),
        "updated_at": now,
    }


def _story_ids(connection: Connection, article_ids: list[str]) -> dict[str, str | None]:
    """The story each stored article is in (None: in none yet); absent ones are left out."""
    found: dict[str, str | None] = {}
    for chunk in chunks(article_ids):
        query = select(articles.c.id, articles.c.story_id).where(articles.c.id.in_(chunk))
        found.update((article_id, story_id) for article_id, story_id in connection.execute(query))
    return found


def _forget_comparisons(connection: Connection, story_ids: set[str]) -> None:
    """Delete the stored comparisons of these stories (their members changed)."""
    for chunk in chunks(sorted(story_ids)):
        connection.execute(delete(comparisons).where(comparisons.c.story_id.in_(chunk)))


def _recount(connection: Connection, touched: set[str], now: datetime) -> None:
    """Set article_count of every touched story; drop those left without articles."""
    ordered = sorted(touched)
    counts: dict[str, int] = {}
    for chunk in chunks(ordered):
        query = (
            select(articles.c.story_id, func.count())
            .where(articles.c.story_id.in_(chunk))
            .group_by(articles.c.story_id)
        )
        counts.update((story_id, count) for story_id, count in connection.execute(query))
    empty = [story_id for story_id in ordered if story_id not in counts]
    for chunk in chunks(empty):
        connection.execute(delete(stories).where(stories.c.id.in_(chunk)))
    if counts:
        statement = update(stories).where(
            stories.c.id == bindparam("the_id"), stories.c.article_count != bindparam("the_count")
        )
        rows = [{"the_id": story_id, "the_count": n} for story_id, n in counts.items()]
        connection.execute(
            statement.values(article_count=bindparam("the_count"), updated_at=now), rows
        )


def _failure_row(failure: Failure, now: datetime) -> dict[str, Any]:
    return {
        "source": codec.clean_text(failure.source),
        "reason": codec.clean_text(failure.reason),
        "at": now,
    }


def replace_article(
    connection: Connection, old_id: str, new: Article, story: Story | None, now: datetime
) -> bool:
    """A new version of a stored article (an edited page): `new` takes `old_id`'s place.

    The new version keeps the old one's story, copy link and grouping placement, and gets a
    new ingest number; articles that were copies of the old one point at the new one; the
    old row and its analysis go; the story's comparison is forgotten, so it is made again
    from the new text. False (nothing written) when `old_id` is gone or `new` is stored.
    """
    _check_ids([new], [story] if story else [])
    last_seq = _lock_seq(connection)
    columns = (articles.c.story_id, articles.c.copy_of, *_placement_columns())
    old = connection.execute(select(*columns).where(articles.c.id == old_id)).mappings().first()
    if old is None or existing_ids(connection, [new.id]):
        return False
    row = {**codec.article_row(new, last_seq + 1, now), **old}
    connection.execute(insert(articles), [row])
    _insert_analysis(connection, [new])
    connection.execute(update(meta).where(meta.c.key == SEQ_KEY).values(value=str(last_seq + 1)))
    connection.execute(update(articles).where(articles.c.copy_of == old_id).values(copy_of=new.id))
    for table, _ in _analysis_tables():
        connection.execute(delete(table).where(table.c.article_id == old_id))
    connection.execute(delete(articles).where(articles.c.id == old_id))
    story_id = old["story_id"]
    if story is not None:
        _assign(connection, [story], now)
    if story_id is not None:
        _forget_comparisons(connection, {story_id})
        _recount(connection, {story_id}, now)
    return True


def _placement_columns() -> list[Any]:
    return [articles.c[name] for name in codec.PLACEMENT_COLUMNS]
