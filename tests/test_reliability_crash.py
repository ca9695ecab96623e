"""Crash safety in CI: a short ingest killed with SIGKILL, rerun until done, then checked.

The full run (2,000 documents, 20 kills) is `make bench-reliability`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.reliability.crash import crash_ok, crash_test

from test_store_backends import pg_schema, pg_server_url

DOCS, KILLS = 100, 3  # the size verified to land every kill (time-based planner)

pytestmark = pytest.mark.models  # every run loads the models: the slowest reliability test


def test_sqlite_ingest_killed_twice_stores_everything_once_and_the_same_stories(
    tmp_path: Path,
) -> None:
    result = crash_test(tmp_path, DOCS, KILLS, str(tmp_path / "ref.db"), str(tmp_path / "c.db"))
    assert result["kills"] == KILLS and result["runs"] == KILLS + 1
    assert crash_ok(result), result
    assert result["integrity_check"] == "ok" and result["stories"] > 1


def test_postgresql_ingest_killed_twice(tmp_path: Path) -> None:
    server = pg_server_url()
    with pg_schema(server) as reference, pg_schema(server) as crashed:
        result = crash_test(tmp_path, DOCS, KILLS, reference, crashed)
    assert result["kills"] == KILLS
    assert crash_ok(result), result
