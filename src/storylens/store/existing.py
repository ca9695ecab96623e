"""Opening a database that must already be a storylens database, for the reading commands.

`open_store` creates and migrates whatever `--db` names, which is right for `ingest` but
not for `stories`, `show` or `why`: a typo would create an empty database, and an unrelated
SQLite file would get our tables and a WAL journal. Here the database is first looked at
through a read-only connection (SQLite's `mode=ro`, PostgreSQL's read-only transactions)
and refused, in one line, unless it holds a storylens schema. Only a storylens database
behind this version's schema is migrated (as every storylens command would do).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, Engine, inspect
from sqlalchemy.exc import SQLAlchemyError

from storylens.errors import StoreError
from storylens.store.engine import check_sqlite_file, create_store_engine, resolve_url
from storylens.store.migrate import current_revision, head_revision, known_revision
from storylens.store.store import Store, _reason, open_store

# Tables whose presence (with Alembic's version table) marks a storylens database.
STORYLENS_TABLES = ("alembic_version", "articles", "stories")


def open_existing_store(url_or_path: str, *, read_only: bool) -> Store:
    """The storylens database at `url_or_path`; StoreError when there is none there.

    `read_only`: the store is opened read-only and its writes fail (SQLite's file is never
    written, nor is its journal mode changed). Otherwise it is opened as `open_store` does,
    once it is known to be a storylens database, except a SQLite file on read-only storage
    (a read-only filesystem), which is opened read-only all the same.
    """
    url, name = resolve_url(url_or_path)
    check_sqlite_file(url, name)
    _check_sqlite_file_exists(url, name)
    engine = _read_only_engine(url, name)
    try:
        behind = _check_storylens_schema(engine, name)
    except BaseException:
        engine.dispose()
        raise
    if behind:  # ours, from an older storylens: migrate it as any command would
        engine.dispose()
        open_store(url_or_path).close()
        engine = _read_only_engine(url, name)
    if not read_only and not _on_read_only_storage(url):
        engine.dispose()
        return open_store(url_or_path)
    # On read-only storage a command that would store (show) reads only.
    return Store(engine, name, read_only=True)


def _check_sqlite_file_exists(url: URL, name: str) -> None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    if not url.database.startswith("file:") and not Path(url.database).is_file():
        raise StoreError(
            f"no database at {name}: give the path of a storylens database "
            "(`storylens ingest` creates one)"
        )


def _read_only_engine(url: URL, name: str) -> Engine:
    try:
        engine = create_store_engine(_read_only_url(url), read_only=True)
        if not _on_read_only_storage(url) or _answers(engine):
            return engine
        # A WAL database on read-only storage: even `mode=ro` needs its -shm file, which
        # cannot be created there. Nothing can write the file either, so SQLite may read it
        # as immutable (no locks, no -wal or -shm).
        engine.dispose()
        return create_store_engine(_read_only_url(url, immutable=True), read_only=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open database {name}: {exc}") from exc


def _read_only_url(url: URL, *, immutable: bool = False) -> URL:
    """SQLite: the file as a URI in `mode=ro`, which never creates nor writes the file;
    `immutable`: read as a file nobody writes (see _read_only_engine)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return url
    if url.database.startswith("file:"):
        return url.update_query_dict({"uri": "true"})
    # The path percent-encoded: a URI filename gives '?', '#' and '%' their URI meaning.
    location = f"file:{quote(url.database)}?mode=ro" + ("&immutable=1" if immutable else "")
    return url.set(database=location).update_query_dict({"uri": "true"})


def on_read_only_storage(url_or_path: str) -> bool:
    """Whether `--db` names an existing SQLite file that cannot be written (a read-only
    filesystem or a file without write permission): it can then only be read."""
    url, _ = resolve_url(url_or_path)
    return _on_read_only_storage(url)


def _on_read_only_storage(url: URL) -> bool:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return False
    if url.database.startswith("file:"):
        return False
    path = Path(url.database)
    if not path.is_file():
        return False
    # SQLite writes the file and creates -wal/-shm (or a rollback journal) beside it.
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _answers(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master")
    except SQLAlchemyError:
        return False
    return True


def open_store_for_serving(url_or_path: str) -> Store:
    """The store `storylens serve` opens: created and migrated as by `open_store`, unless
    it is a SQLite file on read-only storage, which is then served read-only (uploads are
    refused; comparisons computed on the spot are not stored)."""
    if on_read_only_storage(url_or_path):
        return open_existing_store(url_or_path, read_only=True)
    return open_store(url_or_path)


def _check_storylens_schema(engine: Engine, name: str) -> bool:
    """Raise unless the database holds a storylens schema this version can read; True when
    that schema is older than this version's (it needs migrating)."""
    not_ours = f"{name} is not a storylens database: check --db (`storylens ingest` makes one)"
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if not set(STORYLENS_TABLES) <= tables:
                raise StoreError(not_ours)
            current = current_revision(connection)
    except SQLAlchemyError as exc:
        reason = _reason(exc)
        if "not a database" in reason:  # SQLite's word for a file of another kind
            raise StoreError(not_ours) from exc
        raise StoreError(f"cannot open database {name}: {reason}") from exc
    if current == head_revision():
        return False
    if current is None:
        raise StoreError(not_ours)
    if not known_revision(current):
        raise StoreError(
            f"database {name} has schema revision {current!r}, which this version "
            "of storylens does not know (was it written by a newer one?)"
        )
    return True
