"""PostgreSQL only: URLs as users write them, and the writer lock (see store.engine).

The backend-neutral suites (test_store, test_store_open, test_store_roundtrip) run on
PostgreSQL too; this holds what only PostgreSQL has. Tests that need a server skip without
`STORYLENS_TEST_PG_URL`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from storylens.errors import StoreError
from storylens.records import Article
from storylens.store import Store, open_store, writer
from storylens.store.engine import PG_WRITE_LOCK, resolve_url
from test_store_backends import connect, pg_schema, pg_server_url


@pytest.fixture
def store() -> Iterator[Store]:
    with pg_schema(pg_server_url()) as url, open_store(url) as opened:
        yield opened


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_a_bare_postgresql_url_uses_psycopg(scheme: str) -> None:
    url, name = resolve_url(f"{scheme}://news:secret@db.example:5433/news?sslmode=require")
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.password) == (
        "db.example",
        5433,
        "news",
        "secret",
    )
    assert url.query == {"sslmode": "require"}
    assert "secret" not in name and name.startswith(f"{scheme}://news:")


def test_an_explicit_driver_is_kept() -> None:
    url, _ = resolve_url("postgresql+psycopg2://news@localhost/news")
    assert url.drivername == "postgresql+psycopg2"


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    # Port 1 on loopback: nothing listens, so the connection is refused at once.
    url = "postgresql://news:secret@127.0.0.1:1/news?connect_timeout=5"
    with pytest.raises(StoreError, match=r"cannot open database postgresql://news:\*+@") as caught:
        open_store(url)
    assert "secret" not in str(caught.value)


def writer_locks_held() -> int:
    """Sessions holding the store's writer lock now (on the whole server)."""
    # A bigint advisory lock shows as its high and low 32 bits, with objsubid 1.
    query = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND classid::bigint = :high AND objid::bigint = :low AND objsubid = 1"
    )
    key = {"high": PG_WRITE_LOCK >> 32, "low": PG_WRITE_LOCK & 0xFFFF_FFFF}
    with connect(pg_server_url()) as connection:
        return int(connection.scalar(query, key) or 0)


def test_a_write_holds_the_writer_lock_until_it_commits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    recount = writer._recount

    def recount_and_look(*args: Any) -> None:
        seen.append(writer_locks_held())
        recount(*args)

    monkeypatch.setattr(writer, "_recount", recount_and_look)
    store.write_batch([Article(id="a" * 16, source="s", body="b")], [])
    assert seen == [1]
    assert writer_locks_held() == 0
    assert store.list_stories() == [] and writer_locks_held() == 0  # reads take no lock
