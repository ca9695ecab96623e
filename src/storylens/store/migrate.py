"""Bringing a database to the newest schema with Alembic, configured in code (no .ini)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

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
    with engine.connect() as connection:
        connection.execution_options(**{WRITE: True})
        with connection.begin():
            current = current_revision(connection)
            if current is not None and not _known(current):
                raise StoreError(
                    f"database {name} has schema revision {current!r}, which this version "
                    "of storylens does not know (was it written by a newer one?)"
                )
            try:
                command.upgrade(alembic_config(connection), "head")
            except (CommandError, RevisionError) as exc:
                raise StoreError(f"cannot migrate database {name}: {exc}") from exc


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except (CommandError, RevisionError):
        return False
