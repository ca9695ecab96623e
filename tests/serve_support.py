"""Helpers for the serve tests (this module has no tests): a served store with our fixture
articles ingested through the API itself, on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from storylens.analyse import Analyser
from storylens.serve import ServeOptions, create_app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "serve_articles.jsonl"
TOKEN = "test-token-7f3a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@contextmanager
def served(db: str, analyser: Analyser, **options: object) -> Iterator[TestClient]:
    """A TestClient over a new app on `db` (no warm-up thread: requests compute)."""
    settings = {"token": TOKEN, "warm": False, "rate_limit": 0.0, **options}
    app = create_app(db, ServeOptions(**settings), analyser=analyser)  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield client


def ingest_fixture(client: TestClient, path: Path = ARTICLES) -> dict[str, object]:
    response = client.post(
        "/api/ingest",
        content=path.read_bytes(),
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result
