"""`Store`: the database behind storylens, records in and records out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from storylens.errors import StoreError
from storylens.records import Article, Comparison, Failure, Story, StoryThread
from storylens.store import comparisons as stored_comparisons
from storylens.store import reader, writer
from storylens.store import stories as story_queries
from storylens.store import threads as thread_queries
from storylens.store.coverage import CoverageRow, coverage_rows
from storylens.store.engine import WRITE, check_sqlite_file, create_store_engine, resolve_url
from storylens.store.migrate import upgrade
from storylens.store.schema import articles, failures, meta
from storylens.store.stories import StoryCursor, StoryQuery


def open_store(url_or_path: str) -> Store:
    """Open (creating and migrating as needed) the database at a path or SQLAlchemy URL."""
    url, name = resolve_url(url_or_path)
    check_sqlite_file(url, name)
    try:
        engine = create_store_engine(url)
    except (SQLAlchemyError, ImportError) as exc:  # ImportError: the URL's driver is missing
        raise StoreError(f"cannot open database {name}: {exc}") from exc
    try:
        upgrade(engine, name)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {name}: {_reason(exc)}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, name)


def _reason(exc: SQLAlchemyError) -> str:
    # The driver's own message ("file is not a database"), without SQLAlchemy's SQL dump.
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig)
    return str(exc).splitlines()[0]


def _not_a_string(ids: Iterable[str]) -> Iterable[str]:
    if isinstance(ids, str):  # a str is an Iterable[str] too: catch the one-id mistake
        raise TypeError("expected a collection of ids, got one str")
    return ids


class Store:
    """Articles, stories, failures and settings of one database. Thread-safe; one engine."""

    def __init__(self, engine: Engine, name: str, *, read_only: bool = False) -> None:
        self._engine = engine
        self.name = name  # the path or URL as given (password hidden), for messages
        self.read_only = read_only  # opened by a reading command: every write is refused
        self._closed = False

    # -- writing ----------------------------------------------------------------------

    def write_batch(
        self,
        articles: Sequence[Article],
        stories: Sequence[Story] = (),
        failures: Sequence[Failure] = (),
        merged_away: Iterable[str] = (),
        regrouped: Sequence[Article] = (),
        threads: Mapping[str, str] | None = None,
    ) -> int:
        """Store one batch in one transaction; returns how many articles were new.

        Articles already stored (same id) are skipped. Each story is created or updated and
        its `article_ids` now point at it, wherever they were before; a story left with no
        articles (as `merged_away` ones should be) is deleted. Failures are recorded.
        `regrouped` stored articles get their new placement and copy link (see `regroup`).
        `threads`: stories whose thread (`group.threads`) is new or changed, and that thread.
        """
        now = datetime.now(UTC)
        with self._write() as connection:
            return writer.write_batch(
                connection, articles, stories, failures, list(merged_away), now, regrouped, threads
            )

    def replace_article(self, old_id: str, new: Article, story: Story | None = None) -> bool:
        """Store `new` as the next version of stored article `old_id` (an edited page), in
        one transaction: same story and placement, the story's comparison made again (see
        `writer.replace_article`). `story`: the story record as it reads with `new`."""
        with self._write() as connection:
            return writer.replace_article(connection, old_id, new, story, datetime.now(UTC))

    def save_comparison(self, comparison: Comparison, version: int) -> bool:
        """Keep a story's comparison (made by comparison `version`) for `load_comparison`.

        Nothing is stored, and False returned, when the story's members are no longer
        `comparison.article_ids` (an ingest changed the story while it was compared).
        """
        with self._write() as connection:
            return stored_comparisons.save(connection, comparison, version, datetime.now(UTC))

    def set_meta(self, key: str, value: str) -> None:
        if key.startswith("_"):
            raise StoreError(f"meta key {key!r}: keys starting with '_' are the store's own")
        with self._write() as connection:
            found = connection.execute(update(meta).where(meta.c.key == key).values(value=value))
            if found.rowcount == 0:
                connection.execute(insert(meta).values(key=key, value=value))

    # -- reading ----------------------------------------------------------------------

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` are stored."""
        wanted = list(dict.fromkeys(_not_a_string(ids)))
        with self._read() as connection:
            return writer.existing_ids(connection, wanted)

    def load_articles(
        self, ids: list[str] | None = None, with_analysis: bool = True
    ) -> list[Article]:
        """Stored articles in ingest order (all when `ids` is None; unknown ids skipped).

        `with_analysis=False` leaves out sentences, entities, quotes and the embedding.
        """
        wanted = None if ids is None else list(_not_a_string(ids))
        with self._read() as connection:
            return reader.load_articles(connection, wanted, with_analysis=with_analysis)

    def save_analysis(self, analysed: list[Article]) -> int:
        """Store a fuller analysis of stored articles (see `Analyser.complete`), one
        transaction; returns how many were stored."""
        if not analysed:
            return 0
        with self._write() as connection:
            return writer.replace_analysis(connection, analysed)

    def iter_articles_for_grouping(self) -> Iterator[Article]:
        """Every article in ingest order with its embedding (no sentences, entities, quotes)."""
        self._check_open()
        return reader.iter_for_grouping(self._read)

    def list_stories(self, limit: int | None = None) -> list[Story]:
        """Stories biggest first, then most recent; members in ingest order."""
        with self._read() as connection:
            return story_queries.list_stories(connection, limit)

    def search_stories(self, query: StoryQuery) -> list[tuple[Story, StoryCursor]]:
        """One page of stories matching `query`, each with the cursor resuming after it."""
        with self._read() as connection:
            return story_queries.search_stories(connection, query)

    def stored_threads(self) -> dict[str, str | None]:
        """Every stored story's thread id (None where none was written yet)."""
        with self._read() as connection:
            return thread_queries.stored_threads(connection)

    def list_threads(self, limit: int | None = None) -> list[StoryThread]:
        """Threads with the most events first; each thread's events earliest first."""
        with self._read() as connection:
            return thread_queries.list_threads(connection, limit)

    def get_thread(self, thread_id: str) -> StoryThread:
        """The thread with this id or unique id prefix; `UnknownStoryError` otherwise."""
        with self._read() as connection:
            return thread_queries.get_thread(connection, thread_id)

    def story_members(self, story_id: str) -> tuple[str, list[str]]:
        """The full id of a story (id or unique prefix) and its article ids, in ingest order."""
        with self._read() as connection:
            found = story_queries.resolve_story_id(connection, story_id)
            return found, reader.story_article_ids(connection, [found])[found]

    def load_comparison(
        self, story_id: str, article_ids: Sequence[str], version: int
    ) -> Comparison | None:
        """The stored comparison of the story if it was made from exactly `article_ids` (in
        this order) by comparison `version`; None when there is none that current."""
        key = stored_comparisons.members_key(article_ids, version)
        with self._read() as connection:
            return stored_comparisons.load(connection, story_id, key)

    def compared_story_ids(self, version: int) -> set[str]:
        """The stories with a stored comparison current for comparison `version`."""
        with self._read() as connection:
            return stored_comparisons.current_ids(connection, version)

    def last_seq(self) -> int:
        """The ingest number of the newest article (0 when empty): changes on every write
        that adds an article, and only stories of such writes change."""
        with self._read() as connection:
            return int(connection.scalar(select(func.max(articles.c.seq))) or 0)

    def get_story(self, story_id: str) -> Story:
        """The story with this id or unique id prefix; `UnknownStoryError` otherwise."""
        with self._read() as connection:
            return story_queries.get_story(connection, story_id)

    def story_articles(self, story_id: str) -> list[Article]:
        """The story's articles with their analysis, in ingest order (id or unique prefix)."""
        with self._read() as connection:
            found = story_queries.get_story(connection, story_id)
            return reader.load_articles(connection, found.article_ids, with_analysis=True)

    def coverage(
        self, since: str | None = None, until: str | None = None
    ) -> tuple[list[CoverageRow], dict[str, str | None]]:
        """Each grouped article's story, outlet and date in the range, and story titles."""
        with self._read() as connection:
            return coverage_rows(connection, since, until)

    def load_failures(self) -> list[Failure]:
        """Every recorded failure, oldest first."""
        query = select(failures.c.source, failures.c.reason).order_by(failures.c.id)
        with self._read() as connection:
            return [Failure(source, reason) for source, reason in connection.execute(query)]

    def get_meta(self, key: str) -> str | None:
        with self._read() as connection:
            value: str | None = connection.scalar(select(meta.c.value).where(meta.c.key == key))
            return value

    # -- lifecycle --------------------------------------------------------------------

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.name!r})"

    # -- transactions -----------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"database {self.name} is closed")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        self._check_open()
        try:
            with self._engine.connect() as connection, connection.begin():
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"database {self.name}: {_reason(exc)}") from exc

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        self._check_open()
        if self.read_only:
            raise StoreError(f"cannot write to database {self.name}: it was opened read-only")
        try:
            with self._engine.connect() as connection:
                connection.execution_options(**{WRITE: True})
                with connection.begin():
                    yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to database {self.name}: {_reason(exc)}") from exc
