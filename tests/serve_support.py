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


@contextmanager
def running_server(app: object, **options: object) -> Iterator[str]:
    """Serve `app` with uvicorn on 127.0.0.1 (a free port) in a thread; yields its base URL.
    `options`: more uvicorn.Config arguments (as `storylens serve` gives them)."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = {"log_level": "warning", **options, "host": "127.0.0.1", "port": port}
    config = uvicorn.Config(app, **settings)  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
