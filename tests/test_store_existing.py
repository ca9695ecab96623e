"""The reading commands open only a storylens database, and read-only (issue 27, item 10):
a missing path is not created, a foreign file is refused untouched, with one line each.

Tests taking `db` run on SQLite and on PostgreSQL (skipped without a server: see
test_store_backends); those taking `tmp_path` alone are about SQLite files.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli import app
from storylens.errors import StoreError
from storylens.records import Article, Story
from storylens.store import open_existing_store, open_store
from storylens.store.engine import create_store_engine, resolve_url
from storylens.store.migrate import current_revision, downgrade, head_revision
from test_store_backends import BACKENDS, connect, database

runner = CliRunner()
READING_COMMANDS = {
    "stories": ["stories"],
    "show": ["show", "abc"],
    "why": ["why", "a" * 16, "b" * 16],
}


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


def stored_story(db: str) -> Story:
    story = Story("s" * 16, ["a" * 16], title="Ferry strike ends")
    with open_store(db) as store:
        store.write_batch(
            [Article(id="a" * 16, source="p", body="Body.", story_id=story.id)], [story]
        )
    return story


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def foreign_sqlite_file(path: Path) -> Path:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.close()
    return path


@pytest.mark.parametrize("command", READING_COMMANDS.values(), ids=READING_COMMANDS.keys())
def test_a_missing_database_is_refused_not_created(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "newsroom.bd"
    result = runner.invoke(app, [*command, "--db", str(typo)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no database at" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READING_COMMANDS.values(), ids=READING_COMMANDS.keys())
def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path, command: list[str]) -> None:
    other = foreign_sqlite_file(tmp_path / "notes.db")
    before = digest(other)
    result = runner.invoke(app, [*command, "--db", str(other)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "is not a storylens database" in result.stderr
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal, no -shm


@pytest.mark.parametrize("content", [b"hello\n", b"", b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_file_of_another_kind_is_not_a_storylens_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="is not a storylens database"):
        open_existing_store(str(path), read_only=True)
    assert path.read_bytes() == content


def test_reading_a_storylens_database_leaves_its_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    stored_story(str(path))
    before = digest(path)
    result = runner.invoke(app, ["stories", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    assert "Ferry strike ends" in result.stdout
    assert digest(path) == before


def test_a_read_only_store_reads_and_refuses_writes(db: str) -> None:
    story = stored_story(db)
    with open_existing_store(db, read_only=True) as store:
        assert store.read_only
        assert [s.id for s in store.list_stories()] == [story.id]
        with pytest.raises(StoreError, match="read-only"):
            store.set_meta("note", "x")


def test_an_empty_database_is_not_a_storylens_database(db: str) -> None:
    if "://" not in db:
        Path(db).touch()  # SQLite's empty database is an empty file
    with pytest.raises(StoreError, match="is not a storylens database"):
        open_existing_store(db, read_only=True)
    with connect(db) as connection:  # nothing was created in it
        assert current_revision(connection) is None


def test_an_older_storylens_database_is_migrated_then_read(db: str) -> None:
    story = stored_story(db)
    url, name = resolve_url(db)
    engine = create_store_engine(url)
    try:
        downgrade(engine, name, "0004")
    finally:
        engine.dispose()
    with open_existing_store(db, read_only=True) as store:
        assert [s.id for s in store.list_stories()] == [story.id]
    with connect(db) as connection:
        assert current_revision(connection) == head_revision()


def test_show_may_store_what_it_computes(db: str) -> None:
    stored_story(db)
    with open_existing_store(db, read_only=False) as store:
        assert not store.read_only
        store.set_meta("note", "x")
        assert store.get_meta("note") == "x"
