"""Turning `--db` into an engine: a path or a URL, plus each backend's connection setup.

This is the only place that knows about backends: SQLite's pragmas and transaction begin,
PostgreSQL's driver and writer lock. Everything else is backend-neutral Core.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError

from storylens.errors import StoreError

# Execution option marking a connection that will write: SQLite then takes the write lock
# up front (BEGIN IMMEDIATE). A deferred transaction that reads and then writes can fail
# with "database is locked" at once, busy timeout or not, when another writer got in first.
WRITE = "storylens_write"

# Transaction-scoped advisory lock held by every PostgreSQL write transaction (an arbitrary
# constant: it only has to be the same in every storylens process).
PG_WRITE_LOCK = 0x5354_4F52_594C_454E  # "STORYLEN"

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# A bare PostgreSQL URL would pick psycopg2, which is not installed; psycopg 3 is.
_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}
BUSY_TIMEOUT_S = 30.0
_SQLITE_PRAGMAS = (
    f"busy_timeout={int(BUSY_TIMEOUT_S * 1000)}",  # first: the others may need a lock
    "synchronous=NORMAL",  # durable at checkpoints; safe with WAL, much faster than FULL
    "foreign_keys=ON",
)


def resolve_url(url_or_path: str) -> tuple[URL, str]:
    """The SQLAlchemy URL for `--db`, and how to name it in messages (no password)."""
    if not url_or_path:
        raise StoreError("no database given: pass a file path or a SQLAlchemy URL")
    if _URL.match(url_or_path):
        try:
            url = make_url(url_or_path)
        except ArgumentError as exc:
            raise StoreError(f"invalid database URL {url_or_path!r}: {exc}") from exc
        name = url.render_as_string(hide_password=True)
        return url.set(drivername=_DRIVERS.get(url.drivername, url.drivername)), name
    path = Path(url_or_path).expanduser().absolute()
    # URL.create, not a "sqlite:///..." string: a path may hold '?', '#' or '%'.
    return URL.create("sqlite", database=str(path)), url_or_path


def check_sqlite_file(url: URL, name: str) -> None:
    """Refuse, naming the path, what SQLite would only call "unable to open database file"."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    if url.database.startswith("file:"):  # a URI filename: leave it to SQLite
        return
    path = Path(url.database)
    if not path.parent.is_dir():
        raise StoreError(f"cannot open database {name}: directory {path.parent} does not exist")
    if path.is_dir():
        raise StoreError(f"cannot open database {name}: it is a directory")


def create_store_engine(url: URL, *, read_only: bool = False) -> Engine:
    """The engine for `url`. `read_only`: nothing is ever written, the journal mode is left
    as it is (SQLite: the URL should be a `mode=ro` URI too) and PostgreSQL transactions are
    read-only."""
    engine = create_engine(_postgresql_read_only(url) if read_only else url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect_read_only if read_only else _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _postgresql_begin)
    return engine


def _postgresql_read_only(url: URL) -> URL:
    """A PostgreSQL URL whose sessions default to read-only transactions (libpq `options`,
    added to any the URL has, such as a search_path)."""
    if url.get_backend_name() != "postgresql":
        return url
    given = url.query.get("options", "")
    options = given if isinstance(given, str) else " ".join(given)
    read_only = f"{options} -c default_transaction_read_only=on".strip()
    return url.update_query_dict({"options": read_only})


def _sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    del connection_record
    # sqlite3's own transaction handling skips BEGIN before SELECT and DDL; take it over
    # (the recipe of SQLAlchemy's SQLite docs) so reads and migrations are transactional.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA {_SQLITE_PRAGMAS[0]}")
        _use_wal(cursor)  # readers never block the writer and vice versa
        for pragma in _SQLITE_PRAGMAS[1:]:
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


def _sqlite_connect_read_only(dbapi_connection: Any, connection_record: Any) -> None:
    del connection_record
    dbapi_connection.isolation_level = None  # as in _sqlite_connect
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA {_SQLITE_PRAGMAS[0]}")  # the busy timeout; no journal switch
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch a new database to WAL, waiting out other processes doing the same.

    The switch needs an exclusive lock, and SQLite answers "database is locked" at once,
    without its busy handler, when it could deadlock (another connection of a fresh, still
    rollback-journal database holds its write lock): so wait and retry here. A database
    already in WAL mode answers at once.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _sqlite_begin(connection: Connection) -> None:
    writing = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _postgresql_begin(connection: Connection) -> None:
    # PostgreSQL's counterpart of BEGIN IMMEDIATE: one writing transaction at a time per
    # database, held until commit or rollback. It is what makes two processes migrating a
    # fresh database at once safe (the second waits, then finds it migrated), and keeps
    # read-then-write steps (a story's or a meta key's update-else-insert) from racing.
    if connection.get_execution_options().get(WRITE, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
