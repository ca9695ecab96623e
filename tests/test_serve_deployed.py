"""The server as `storylens serve` deploys it (its uvicorn.run is caught, then served on
127.0.0.1 by a real uvicorn), so these tests see uvicorn's own handling of connections.

- Forwarded headers are believed only from configured proxies (issue 27, item 6): a client
  on loopback cannot escape the rate limit by naming another address in X-Forwarded-For.
- A client must finish its request's headers in time (issue 27, item 11: slowloris).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from serve_support import running_server
from storylens.cli import app as cli_app
from storylens.serve import protocol

runner = CliRunner()


@contextmanager
def served_as_the_command_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *flags: str
) -> Iterator[str]:
    """Run `storylens serve` with `flags` (rate limit 1/s: a burst of 2), catch what it hands
    uvicorn.run, and serve that on 127.0.0.1; yields the base URL."""
    caught: dict[str, Any] = {}

    def run(app: object, **options: Any) -> None:
        caught.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", run)
    db = str(tmp_path / "proxies.db")
    args = ["serve", "--db", db, "--no-warm", "--rate-limit", "1", *flags]
    result = runner.invoke(cli_app, args)
    assert result.exit_code == 0, result.stderr
    app = caught.pop("app")
    for place in ("host", "port"):
        caught.pop(place)
    with running_server(app, **caught) as base:
        yield base


def statuses(base: str, forwarded_for: list[str]) -> list[int]:
    with httpx.Client(base_url=base) as client:
        return [
            client.get("/healthz", headers={"X-Forwarded-For": address}).status_code
            for address in forwarded_for
        ]


def test_x_forwarded_for_from_loopback_does_not_escape_the_rate_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with served_as_the_command_would(tmp_path, monkeypatch) as base:
        found = statuses(base, ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"])
    assert found[:2] == [200, 200] and 429 in found[2:]


def test_a_trusted_proxy_forwards_its_clients_addresses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flags = ("--trusted-proxy", "127.0.0.1")
    with served_as_the_command_would(tmp_path, monkeypatch, *flags) as base:
        found = statuses(base, ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"])
    assert found == [200] * 4  # each forwarded client has its own bucket


def test_a_trusted_proxy_that_is_not_an_address_is_a_usage_error(tmp_path: Path) -> None:
    db = str(tmp_path / "proxies.db")
    result = runner.invoke(cli_app, ["serve", "--db", db, "--trusted-proxy", "proxy.internal"])
    assert result.exit_code == 2
    assert "is not an IP address or network" in result.stderr


def test_headers_sent_too_slowly_lose_the_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(protocol, "HEADER_TIMEOUT_S", 0.5)
    with served_as_the_command_would(tmp_path, monkeypatch) as base:
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            began = time.monotonic()
            closed = False
            while time.monotonic() - began < 4 and not closed:
                try:
                    slow.sendall(b"X-Drip: 1\r\n")  # one more header line, never the end
                    slow.settimeout(0.2)
                    closed = slow.recv(1024) == b""
                except TimeoutError:
                    continue
                except OSError:  # reset by the server
                    closed = True
        assert closed and time.monotonic() - began < 3
        assert statuses(base, ["203.0.113.9"]) == [200]  # other clients are still served
