"""Per-record failures in bounded memory (issue 27, item 4): an input of nothing but bad
records streams its failures to the store while it is read, stores at most a bounded
number of rows, and the API answers with counts and the first reasons, not every one.

(The memory of a million bad records is measured by `make bench-reliability`, part
`bad-records`, not here: a timed test of it would be slow and flaky.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from serve_support import AUTH, served
from storylens import failure_log
from storylens.analyse import Analyser
from storylens.cli import app
from storylens.config import Settings
from storylens.records import Failure
from storylens.store import Store, open_store

BAD_LINES = 250


@pytest.fixture
def small_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits small enough to cross with a few hundred records."""
    monkeypatch.setattr(failure_log, "FLUSH_EVERY", 10)
    monkeypatch.setattr(failure_log, "STORED_AT_MOST", 100)
    monkeypatch.setattr(failure_log, "FIRST_KEPT", 3)


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many failures each write to the store carried."""
    sizes: list[int] = []
    original = Store.write_batch

    def spy(self: Store, *args: Any, **kwargs: Any) -> int:
        given: Sequence[Failure] = kwargs.get("failures", args[2] if len(args) > 2 else ())
        sizes.append(len(given))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "write_batch", spy)
    yield sizes


def bad_records(tmp_path: Path) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_text("{}\n" * BAD_LINES)
    return path


@pytest.mark.usefixtures("small_log")
def test_failures_stream_to_the_store_in_bounded_rows(tmp_path: Path, written: list[int]) -> None:
    db = str(tmp_path / "f.db")
    result = CliRunner().invoke(app, ["ingest", str(bad_records(tmp_path)), "--db", db])
    assert result.exit_code == 1
    assert result.stderr.count("record has no html, text or body field") == BAD_LINES
    assert "0 new articles, 0 already stored, 250 failed" in result.stderr
    # Written as they came, ten at a time, never all at the end.
    assert max(written) <= 10 and len([n for n in written if n]) >= 10
    with open_store(db) as store:
        rows = store.load_failures()
    assert len(rows) == 101  # the first 100, then one row counting the rest
    assert rows[0].source.endswith("bad.jsonl#1")
    assert rows[-1].source == "ingest"
    assert rows[-1].reason.startswith("150 more failures not recorded one by one")


def test_failures_of_a_batch_of_articles_are_stored_with_it(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('{}\n{"title": "x", "body": "A body long enough to count as text."}\n')
    db = str(tmp_path / "m.db")
    result = CliRunner().invoke(app, ["ingest", str(mixed), "--db", db])
    assert result.exit_code == 1, result.stderr
    with open_store(db) as store:
        assert [f.source for f in store.load_failures()] == [f"{mixed}#1"]


@pytest.mark.usefixtures("small_log")
def test_the_api_answers_with_counts_and_the_first_reasons(tmp_path: Path) -> None:
    body = b"{}\n" * BAD_LINES
    headers = {**AUTH, "Content-Type": "application/x-ndjson"}
    with served(str(tmp_path / "api.db"), Analyser(Settings())) as client:
        response = client.post("/api/ingest", content=body, headers=headers)
        assert response.status_code == 200, response.text
        answer = response.json()
        assert (answer["stored"], answer["failed_count"]) == (0, BAD_LINES)
        assert [f["source"] for f in answer["failed"]] == [
            "upload.jsonl#1",
            "upload.jsonl#2",
            "upload.jsonl#3",
        ]
        assert len(response.content) < 1000
        assert len(stored_failures(client)) == 101


def stored_failures(client: TestClient) -> list[Failure]:
    return client.app.state.storylens.store.load_failures()  # type: ignore[attr-defined,no-any-return]
