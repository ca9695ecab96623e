"""The server against hostile requests (the probe of issue 27): every error a client can
provoke has the one error shape and the security headers, and tells nothing of the server.

An empty store is enough (no models are loaded): these are all refusals and failures.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from serve_support import served
from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.serve.app import ServeContext
from storylens.serve.listing import BadParameter, decode_cursor


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "hostile.db")


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    with served(db, Analyser(Settings())) as opened:
        yield opened


def context_of(client: TestClient) -> ServeContext:
    found: ServeContext = client.app.state.storylens  # type: ignore[attr-defined]
    return found


def cursor_of(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    """The documented JSON error, with the security headers of every response."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    body: dict[str, Any] = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


def assert_error_page(response: Any, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]


TAMPERED_CURSORS = {
    "huge integer": cursor_of(json.dumps([10**400, "", "x"]).encode()),
    "deep nesting": cursor_of(b"[" * 5000 + b"]" * 5000),
    "lone surrogate": cursor_of(b'[1, "\\ud800", "x"]'),
    "true for a count": cursor_of(b'[true, "", "x"]'),
    "negative count": cursor_of(b'[-1, "", "x"]'),
    "long id": cursor_of(json.dumps([1, "", "x" * 5_000]).encode()),
}


@pytest.mark.parametrize("cursor", TAMPERED_CURSORS.values(), ids=TAMPERED_CURSORS.keys())
def test_a_tampered_cursor_is_a_bad_parameter(cursor: str) -> None:
    with pytest.raises(BadParameter, match="cursor is not one this server handed out"):
        decode_cursor(cursor)


@pytest.mark.parametrize("cursor", TAMPERED_CURSORS.values(), ids=TAMPERED_CURSORS.keys())
def test_a_tampered_cursor_is_a_400_in_the_error_shape(client: TestClient, cursor: str) -> None:
    body = assert_error_shape(client.get("/api/stories", params={"cursor": cursor}), 400)
    assert "cursor" in body["error"]
    assert_error_page(client.get("/", params={"cursor": cursor}), 400)


def test_an_unexpected_failure_is_a_500_in_the_error_shape(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> int:
        raise RuntimeError("secret detail of /srv/storylens")

    monkeypatch.setattr(context_of(client).store, "last_seq", broken)
    body = assert_error_shape(client.get("/healthz"), 500)
    assert "secret" not in body["error"] and "/srv" not in body["error"]


def test_an_unexpected_failure_of_a_page_is_the_error_page(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> object:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(context_of(client).store, "search_stories", broken)
    response = client.get("/")
    assert_error_page(response, 500)
    assert "secret" not in response.text


def test_a_non_ascii_bearer_token_is_a_401(client: TestClient) -> None:
    for token in ("é".encode(), "tökén".encode(), b"\xff\xfe"):
        response = client.post(
            "/api/ingest", content=b"{}", headers={"Authorization": b"Bearer " + token}
        )
        assert_error_shape(response, 401)


def test_a_non_ascii_token_of_the_server_is_accepted(db: str) -> None:
    with served(db, Analyser(Settings()), token="tökén") as client:
        right = {"Authorization": "Bearer tökén".encode()}
        assert client.post("/api/ingest", content=b"", headers=right).status_code == 400
        wrong = {"Authorization": "Bearer tökén2".encode()}
        assert_error_shape(client.post("/api/ingest", content=b"", headers=wrong), 401)


def test_a_database_error_does_not_show_where_the_database_is(client: TestClient, db: str) -> None:
    context_of(client).store.close()  # every query now fails with a StoreError naming it
    for path in ("/healthz", "/api/stories", "/api/stories/abc"):
        body = assert_error_shape(client.get(path), 503)
        assert db not in body["error"] and "hostile.db" not in body["error"]
    page = client.get("/")
    assert_error_page(page, 503)
    assert "hostile.db" not in page.text


def test_a_huge_story_id_is_a_404_that_does_not_echo_it(client: TestClient) -> None:
    for path in ("/api/stories/" + "a" * 5_000, "/api/stories/" + "a" * 5_000 + "/report.md"):
        body = assert_error_shape(client.get(path), 404)
        assert len(body["error"]) < 200


@pytest.mark.parametrize("path", ["/api/stories/", "/healthz/", "/static"])
def test_no_redirect_reflects_the_host_header(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 404
    assert not any("evil.example" in value for value in response.headers.values())
