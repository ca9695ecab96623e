"""Opening a database: paths and URLs, SQLite setup, migrations, refusals, concurrency.

Tests taking `db` run on SQLite and on PostgreSQL (skipped without a server: see
test_store_backends); those taking `tmp_path` are about SQLite files.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.synchronize import Barrier as BarrierType
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from storylens.errors import StoreError
from storylens.records import Article, Entity, Sentence, Story
from storylens.store import migrate, open_store
from storylens.store.engine import WRITE, create_store_engine, resolve_url
from storylens.store.migrate import head_revision
from storylens.store.schema import ENTITY_PREFIX_LENGTH, metadata
from test_store_backends import BACKENDS, connect, database

TABLES = {"articles", "sentences", "entities", "quotes", "stories", "failures", "meta"}


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@contextmanager
def raw(path: Path | str) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, committed and closed (sqlite3's own `with` only commits)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


def tables_of(db: Path | str) -> set[str]:
    with connect(str(db)) as connection:
        return set(inspect(connection).get_table_names())


def article(n: int) -> Article:
    return Article(id=f"{n:016x}", source=f"doc{n}", body=f"body {n}")


def test_a_path_becomes_an_absolute_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("storylens.db") as store:
        assert store.name == "storylens.db"
    assert TABLES | {"alembic_version"} <= tables_of(tmp_path / "storylens.db")
    url, _ = resolve_url("storylens.db")
    assert url.database == str(tmp_path / "storylens.db")


def test_odd_characters_in_a_path_are_not_url_syntax(tmp_path: Path) -> None:
    path = tmp_path / "news ?x=1 #2 %41.db"
    with open_store(str(path)) as store:
        store.write_batch([article(1)], [])
    assert path.is_file() and len(list(tmp_path.iterdir())) == 1


def test_a_sqlalchemy_url_is_used_as_is(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/url.db") as store:
        assert store.write_batch([article(1)], []) == 1
    assert "articles" in tables_of(tmp_path / "url.db")


def test_sqlite_connections_are_set_up(tmp_path: Path) -> None:
    url, _ = resolve_url(str(tmp_path / "p.db"))
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            pragma = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
    finally:
        engine.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 30000,
        "synchronous": 1,
    }


def test_wal_mode_persists_in_the_file(tmp_path: Path) -> None:
    open_store(str(tmp_path / "w.db")).close()
    with raw(tmp_path / "w.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def versions_of(db: str) -> list[str]:
    with connect(db) as connection:
        return list(connection.scalars(text("SELECT version_num FROM alembic_version")))


def downgrade(db: str, revision: str) -> None:
    engine = create_store_engine(resolve_url(db)[0])
    try:
        migrate.downgrade(engine, db, revision)
    finally:
        engine.dispose()


def test_migration_runs_once_and_reopening_is_harmless(db: str) -> None:
    with open_store(db) as first, open_store(db) as second:
        first.write_batch([article(1)], [Story("s", [article(1).id])])
        assert second.load_articles()[0].story_id == "s"
    with open_store(db) as third:
        assert third.has_articles([article(1).id]) == {article(1).id}
    assert versions_of(db) == [head_revision()]


def test_reopening_takes_no_write_lock(db: str) -> None:
    open_store(db).close()
    engine = create_store_engine(resolve_url(db)[0])
    try:
        # Another process in the middle of a batch: it holds the writer lock of its backend.
        with engine.connect() as busy:
            busy.execution_options(**{WRITE: True})
            with busy.begin():
                busy.execute(text("UPDATE meta SET value = value WHERE key = '_ingest_seq'"))
                started = time.monotonic()
                with open_store(db) as store:
                    assert store.list_stories() == []
                assert time.monotonic() - started < 5
    finally:
        engine.dispose()


def test_the_migrated_schema_matches_schema_py(db: str) -> None:
    open_store(db).close()
    with connect(db) as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == []


def test_migrations_go_down_and_up_again(db: str) -> None:
    open_store(db).close()
    downgrade(db, "base")
    assert not TABLES & tables_of(db)
    with open_store(db) as store:
        assert store.write_batch([article(1)], []) == 1


def test_a_migration_that_copies_the_articles_table_keeps_their_analysis(db: str) -> None:
    # Dropping a column on SQLite copies the table and drops the old one; with foreign keys on
    # that drop would delete every article's sentences and entities (ON DELETE CASCADE).
    stored = Article(
        id="a" * 16,
        source="s",
        body="Ann Lee spoke.",
        sentences=[Sentence(0, 14, "Ann Lee spoke.")],
        entities=[Entity("Ann Lee", "PERSON", 0, 7)],
        analysis="full",
    )
    with open_store(db) as store:
        store.write_batch([stored], [])
    downgrade(db, "0004")  # 0005's downgrade drops the placement columns of `articles`
    with open_store(db) as store:
        (loaded,) = store.load_articles()
    assert (loaded.sentences, loaded.entities) == (stored.sentences, stored.entities)


def test_stored_entities_get_their_prefix_from_migration_0002(db: str) -> None:
    texts = ["Kremlin", "y" * (ENTITY_PREFIX_LENGTH + 5)]
    with open_store(db) as store:
        store.write_batch([Article(id="a" * 16, source="s", body="b")], [])
    downgrade(db, "0001")  # as a database written by the storylens of migration 0001
    with connect(db) as connection:
        for idx, entity_text in enumerate(texts):
            connection.execute(
                text(
                    'INSERT INTO entities (article_id, idx, start, "end", label, text) '
                    "VALUES (:id, :idx, 0, 1, 'ORG', :text)"
                ),
                {"id": "a" * 16, "idx": idx, "text": entity_text},
            )
    with open_store(db) as store:
        assert [e.text for e in store.load_articles()[0].entities] == texts
    with connect(db) as connection:
        prefixes = connection.scalars(text("SELECT text_prefix FROM entities ORDER BY idx"))
        assert list(prefixes) == [t[:ENTITY_PREFIX_LENGTH] for t in texts]
    assert versions_of(db) == [head_revision()]


def test_a_database_from_a_newer_storylens_is_refused(db: str) -> None:
    open_store(db).close()
    with connect(db) as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"'9999'.*newer") as caught:
        open_store(db)
    assert resolve_url(db)[1] in str(caught.value)  # names the database


def test_a_missing_directory_is_named(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "dir" / "x.db"
    with pytest.raises(StoreError, match=r"cannot open database .*x\.db.*does not exist"):
        open_store(str(path))
    assert not (tmp_path / "no").exists()


def test_a_file_that_is_not_a_database_is_named_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    content = b"These are notes, not a database.\n" * 200
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"notes\.txt.*not a database"):
        open_store(str(path))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))


def test_bad_urls_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="nosuchdialect"):
        open_store("nosuchdialect://user:secret@host/db")
    with pytest.raises(StoreError) as caught:
        open_store("nosuchdialect://user:secret@host/db")
    assert "secret" not in str(caught.value)
    with pytest.raises(StoreError, match="no database"):
        open_store("")


def open_and_write(db: str, n: int, barrier: BarrierType) -> None:
    """One process of the test below (module level: a spawned process imports it)."""
    barrier.wait(timeout=60)
    with open_store(db) as store:
        store.write_batch([article(n)], [])


def test_processes_opening_a_new_database_at_once_migrate_it_once(db: str) -> None:
    # Processes, not threads: Alembic's `context` is process-global, so only processes
    # show what the database's own lock does.
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(3)
    processes = [spawn.Process(target=open_and_write, args=(db, n, barrier)) for n in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        process.kill()  # a no-op for those that ended
    assert [process.exitcode for process in processes] == [0, 0, 0]
    assert versions_of(db) == [head_revision()]
    with open_store(db) as store:
        assert len(store.load_articles()) == 3


def test_two_writers_at_once_both_succeed(db: str) -> None:
    open_store(db).close()
    errors: list[BaseException] = []

    def ingest(offset: int) -> None:
        try:
            with open_store(db) as store:
                for batch in range(10):
                    start = offset + batch * 5
                    arts = [article(n) for n in range(start, start + 5)]
                    story = Story(f"s{offset}", [a.id for a in arts])
                    store.write_batch(arts, [story])
        except BaseException as exc:
            errors.append(exc)

    run_at_once(ingest, [0, 1000])
    assert errors == []
    with connect(db) as connection:
        seqs = list(connection.scalars(text("SELECT seq FROM articles ORDER BY seq")))
    assert seqs == list(range(1, 101))


def test_two_writers_of_the_same_articles_store_each_once(db: str) -> None:
    # Both ingest the same 60 articles (in opposite orders) plus 20 of their own, all with
    # entities: the "already stored?" check must not race with the other writer's insert.
    open_store(db).close()
    shared = [article(n) for n in range(60)]
    for a in shared:
        a.entities = [Entity(f"Name {a.id}", "PERSON", 0, 1)]
    errors: list[BaseException] = []
    written: list[int] = []

    def ingest(offset: int) -> None:
        own = [article(n) for n in range(offset, offset + 20)]
        batch = (shared if offset == 1000 else shared[::-1]) + own
        try:
            with open_store(db) as store:
                for start in range(0, len(batch), 4):
                    written.append(store.write_batch(batch[start : start + 4], []))
        except BaseException as exc:
            errors.append(exc)

    run_at_once(ingest, [1000, 2000])
    assert errors == [] and sum(written) == 100
    with open_store(db) as store:
        stored = store.load_articles()
    assert sorted(a.id for a in stored) == sorted(
        article(n).id for n in [*range(60), *range(1000, 1020), *range(2000, 2020)]
    )
    assert all(len(a.entities) == (1 if a.id in {s.id for s in shared} else 0) for a in stored)
    with connect(db) as connection:
        seqs = list(connection.scalars(text("SELECT seq FROM articles ORDER BY seq")))
    assert seqs == list(range(1, 101))


def run_at_once(target: Callable[[int], None], args: list[int]) -> None:
    """`target(arg)` for each arg, each in its own thread, all started together."""
    barrier = threading.Barrier(len(args))

    def run(arg: int) -> None:
        barrier.wait()
        target(arg)

    threads = [threading.Thread(target=run, args=(arg,)) for arg in args]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_articles_stored_before_migration_0003_count_as_fully_analysed(db: str) -> None:
    with open_store(db) as store:
        store.write_batch([Article(id="a" * 16, source="s", body="b", analysis="lead")], [])
    downgrade(db, "0002")  # the column is gone, as in a database of that storylens
    with open_store(db) as store:
        assert store.load_articles()[0].analysis == "full"
    assert versions_of(db) == [head_revision()]
