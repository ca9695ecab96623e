"""Bringing a database to the newest schema with Alembic, configured in code (no .ini)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text

from storylens.errors import StoreError
from storylens.store.engine import WRITE

MIGRATIONS = Path(__file__).resolve().with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    # ConfigParser interpolation: a '%' in the install path must be doubled.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, name: str) -> None:
    """Migrate to head; a database already there costs one read, and takes no write lock.

    The upgrade runs inside one write transaction, which takes the database's writer lock
    first (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock: see `engine`), so two
    processes opening a new database at once do not both create the tables: the second
    waits, then finds nothing to do.
    """
    head = head_revision()
    with engine.connect() as connection:
        if current_revision(connection) == head:
            return
    with _migration(engine) as connection:
        current = current_revision(connection)
        if current is not None and not known_revision(current):
            raise StoreError(
                f"database {name} has schema revision {current!r}, which this version "
                "of storylens does not know (was it written by a newer one?)"
            )
        _run(connection, name, command.upgrade, "head")


def downgrade(engine: Engine, name: str, revision: str) -> None:
    """Migrate down to `revision` (for tools and tests: storylens itself only goes up)."""
    with _migration(engine) as connection:
        _run(connection, name, command.downgrade, revision)


@contextmanager
def _migration(engine: Engine) -> Iterator[Connection]:
    """A connection in one write transaction for a migration, committed when it succeeds.

    On SQLite, foreign keys are off while it runs: altering a table there means copying it
    and dropping the old one, and with foreign keys on, the drop would delete every row that
    points at it (ON DELETE CASCADE: the articles' sentences and entities). The pragma only
    takes effect outside a transaction, so it is set on the driver's connection before BEGIN;
    that the migrated rows still point where they must is checked before the commit.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            connection.execution_options(**{WRITE: True})
            with connection.begin():
                yield connection
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.execute(text("PRAGMA foreign_key_check")).first()
    if broken is not None:
        raise StoreError(f"migration left a row of {broken[0]} pointing at a missing {broken[2]}")


def _run(
    connection: Connection, name: str, step: Callable[[Config, str], None], revision: str
) -> None:
    try:
        step(alembic_config(connection), revision)
    except (CommandError, RevisionError) as exc:
        raise StoreError(f"cannot migrate database {name}: {exc}") from exc


def known_revision(revision: str) -> bool:
    """Whether this version of storylens has migration `revision`."""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except (CommandError, RevisionError):
        return False
