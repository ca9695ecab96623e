"""Crash safety in CI: a short ingest killed with SIGKILL, rerun until done, then checked.

Kills are planned by stored-article count (`bench.reliability.kills`), so every planned kill
lands however slow start-up is. The full run (5,000 documents, 20 kills) is
`make bench-reliability`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.reliability.crash import crash_ok, crash_test

from test_store_backends import pg_schema, pg_server_url

DOCS, KILLS = 100, 3  # one kill during start-up, two inside the ingest's batches

pytestmark = pytest.mark.models  # every run loads the models: the slowest reliability test


def test_sqlite_ingest_killed_three_times_stores_everything_once_and_the_same_stories(
    tmp_path: Path,
) -> None:
    result = crash_test(tmp_path, DOCS, KILLS, str(tmp_path / "ref.db"), str(tmp_path / "c.db"))
    assert result["kills_planned"] == result["kills"] == KILLS
    assert result["runs"] == KILLS + 1
    # The batch kills land inside the ingest, not after it: some articles stored, not all.
    assert all(0 < stored < DOCS for stored in result["stored_at_kills"][1:])
    assert crash_ok(result), result
    assert result["integrity_check"] == "ok" and result["stories"] > 1


def test_postgresql_ingest_killed_three_times(tmp_path: Path) -> None:
    server = pg_server_url()
    with pg_schema(server) as reference, pg_schema(server) as crashed:
        result = crash_test(tmp_path, DOCS, KILLS, reference, crashed)
    assert result["kills_planned"] == result["kills"] == KILLS
    assert crash_ok(result), result
