"""Opening a database: paths and URLs, SQLite setup, migrations, refusals, concurrency."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from storylens.errors import StoreError
from storylens.records import Article, Story
from storylens.store import open_store
from storylens.store.engine import create_store_engine, resolve_url
from storylens.store.migrate import alembic_config, head_revision
from storylens.store.schema import metadata

TABLES = {"articles", "sentences", "entities", "quotes", "stories", "failures", "meta"}


@contextmanager
def raw(path: Path | str) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, committed and closed (sqlite3's own `with` only commits)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


def tables_of(path: Path) -> set[str]:
    with raw(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


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


def test_migration_runs_once_and_reopening_is_harmless(tmp_path: Path) -> None:
    path = str(tmp_path / "m.db")
    with open_store(path) as first, open_store(path) as second:
        first.write_batch([article(1)], [Story("s", [article(1).id])])
        assert second.load_articles()[0].story_id == "s"
    with open_store(path) as third:
        assert third.has_articles([article(1).id]) == {article(1).id}
    with raw(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]


def test_reopening_takes_no_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    open_store(str(path)).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a batch
    try:
        started = time.monotonic()
        with open_store(str(path)) as store:
            assert store.list_stories() == []
        assert time.monotonic() - started < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_the_migrated_schema_matches_schema_py(tmp_path: Path) -> None:
    open_store(str(tmp_path / "s.db")).close()
    url, _ = resolve_url(str(tmp_path / "s.db"))
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    open_store(str(path)).close()
    url, _ = resolve_url(str(path))
    engine = create_store_engine(url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
    finally:
        engine.dispose()
    assert not TABLES & tables_of(path)
    with open_store(str(path)) as store:
        assert store.write_batch([article(1)], []) == 1


def test_a_database_from_a_newer_storylens_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(str(path)).close()
    with raw(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match=r"new\.db.*'9999'.*newer"):
        open_store(str(path))


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


def test_two_writers_at_once_both_succeed(tmp_path: Path) -> None:
    path = str(tmp_path / "c.db")
    open_store(path).close()
    errors: list[BaseException] = []

    def ingest(offset: int) -> None:
        try:
            with open_store(path) as store:
                for batch in range(10):
                    start = offset + batch * 5
                    arts = [article(n) for n in range(start, start + 5)]
                    story = Story(f"s{offset}", [a.id for a in arts])
                    store.write_batch(arts, [story])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(offset,)) for offset in (0, 1000)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with raw(path) as connection:
        seqs = [seq for (seq,) in connection.execute("SELECT seq FROM articles ORDER BY seq")]
    assert seqs == list(range(1, 101))
