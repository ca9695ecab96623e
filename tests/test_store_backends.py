"""Fresh databases on each backend for the store's tests (helpers; this module has no tests).

The store suites run every backend-neutral test on SQLite and on PostgreSQL. PostgreSQL needs
a server: `STORYLENS_TEST_PG_URL` names one (`scripts/ci-postgres.sh` starts a throwaway
one, as CI does); without it the PostgreSQL variants are skipped. Each database handed out
is a schema of its own on that server, dropped afterwards, so tests never see each other's
tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, make_url, text

from storylens.store.engine import create_store_engine, resolve_url

PG_URL_ENV = "STORYLENS_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def pg_server_url() -> str:
    """The test server's URL; skips the calling test when there is none."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        pytest.skip(f"{PG_URL_ENV} is not set (scripts/ci-postgres.sh starts a server)")
    return url


@contextmanager
def database(backend: str, directory: Path) -> Iterator[str]:
    """A new, empty database of `backend`, as the path or URL a user gives `open_store`."""
    if backend == "sqlite":
        yield str(directory / "test.db")
    elif backend == "postgresql":
        with pg_schema(pg_server_url()) as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}")


@contextmanager
def pg_schema(server_url: str) -> Iterator[str]:
    """A schema of its own on the server, dropped afterwards; yields a URL that uses it.

    The URL sets the connection's search_path (libpq `options`), so the store, Alembic and
    the tests' own queries all find their tables there and nowhere else.
    """
    name = f"storylens_test_{uuid.uuid4().hex[:12]}"
    with connect(server_url) as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with connect(server_url) as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))


@contextmanager
def connect(url_or_path: str) -> Iterator[Connection]:
    """A connection inside a transaction, committed on success: for checks under the store."""
    url, _ = resolve_url(url_or_path)
    engine = create_store_engine(url)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def backend_of(url_or_path: str) -> str:
    return resolve_url(url_or_path)[0].get_backend_name()
