"""Articles read back as records, in ingest order, with their analysis attached."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, Select, Table, select

from storylens.records import Article
from storylens.store import codec
from storylens.store.schema import articles, entities, quotes, sentences
from storylens.store.writer import chunks

# Articles per query when streaming the whole table (bounds memory, not a transaction).
PAGE = 500


def load_articles(
    connection: Connection, ids: Sequence[str] | None, *, with_analysis: bool
) -> list[Article]:
    """The stored articles among `ids` (all when None), in ingest order; unknown ids skipped."""
    if ids is None:
        query = select(articles).order_by(articles.c.seq)
        found = _rows(connection, query, with_embedding=with_analysis)
    else:
        found = []
        for chunk in chunks(list(dict.fromkeys(ids))):
            query = select(articles).where(articles.c.id.in_(chunk))
            found += _rows(connection, query, with_embedding=with_analysis)
        found.sort(key=lambda pair: pair[0])
    loaded = [article for _, article in found]
    if with_analysis:
        attach(connection, loaded, (sentences, entities, quotes))
    return loaded


def story_article_ids(connection: Connection, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """Member ids of each story, in ingest order."""
    members: dict[str, list[tuple[int, str]]] = {story_id: [] for story_id in story_ids}
    for chunk in chunks(list(story_ids)):
        query = select(articles.c.story_id, articles.c.seq, articles.c.id).where(
            articles.c.story_id.in_(chunk)
        )
        for story_id, seq, article_id in connection.execute(query):
            members[story_id].append((seq, article_id))
    return {story_id: [i for _, i in sorted(pairs)] for story_id, pairs in members.items()}


def iter_for_grouping(
    read: Callable[[], AbstractContextManager[Connection]],
) -> Iterator[Article]:
    """Every article in the order the grouper placed them (ingest order but for a regroup or
    a batch run), with its embedding, a page at a time (grouping reads no sentences,
    entities or quotes).

    `read` opens the store's read transaction; each page gets its own, so a long restore
    never holds one open (it would keep SQLite from checkpointing the WAL).
    """
    after: tuple[int, int] | None = None
    while True:
        with read() as connection:
            query = select(articles).order_by(articles.c.placed, articles.c.seq)
            if after is not None:
                placed, seq = after
                query = query.where(
                    (articles.c.placed > placed)
                    | ((articles.c.placed == placed) & (articles.c.seq > seq))
                )
            page = connection.execute(query.limit(PAGE)).mappings().all()
            loaded = [codec.article_from_row(row) for row in page]
        yield from loaded
        if len(page) < PAGE:
            return
        after = (page[-1]["placed"], page[-1]["seq"])


def attach(connection: Connection, loaded: list[Article], tables: Sequence[Table]) -> None:
    """Fill sentences/entities/quotes of `loaded` from the given child tables."""
    by_id = {article.id: article for article in loaded}
    for table in tables:
        for chunk in chunks(list(by_id)):
            query = (
                select(table)
                .where(table.c.article_id.in_(chunk))
                .order_by(table.c.article_id, table.c.idx)
            )
            for row in connection.execute(query).mappings():
                _add_child(by_id[row["article_id"]], table, row)


def _add_child(article: Article, table: Table, row: codec.Row) -> None:
    if table is sentences:
        article.sentences.append(codec.sentence_from_row(row))
    elif table is entities:
        article.entities.append(codec.entity_from_row(row))
    else:
        article.quotes.append(codec.quote_from_row(row))


def _rows(
    connection: Connection, query: Select[Any], *, with_embedding: bool = True
) -> list[tuple[int, Article]]:
    return [
        (row["seq"], codec.article_from_row(row, with_embedding=with_embedding))
        for row in connection.execute(query).mappings()
    ]
