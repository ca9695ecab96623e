"""A throwaway PostgreSQL schema per run, on the server STORYLENS_TEST_PG_URL names."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import make_url, text

from storylens.store.engine import create_store_engine, resolve_url

PG_URL_ENV = "STORYLENS_TEST_PG_URL"


@contextmanager
def pg_schema(server_url: str, prefix: str = "storylens_rel") -> Iterator[str]:
    """A URL whose connections use a new schema (search_path), dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_store_engine(resolve_url(server_url)[0])
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{name}"'))
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        engine.dispose()
