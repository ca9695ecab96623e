"""A real `storylens serve` process on 127.0.0.1 for the harnesses that probe it."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

TOKEN = "reliability-token"
START_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory so far (Linux), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def start_server(
    db: Path, *flags: str, wrap: Sequence[str] = ()
) -> tuple[subprocess.Popen[bytes], str]:
    """`storylens serve` on a free loopback port, answering; (process, base URL). `wrap`:
    a command that runs it (`unshare ... exec "$@"`), so that its pid is the server's."""
    import httpx

    port = free_port()
    command = [*wrap, sys.executable, "-m", "storylens.cli", "serve", "--db", str(db)]
    command += ["--port", str(port), "--token", TOKEN, "--no-warm", "--rate-limit", "0", *flags]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    server.wait()
    raise RuntimeError("storylens serve did not start")


@contextmanager
def serving(db: Path, *flags: str) -> Iterator[tuple[str, int]]:
    """(base URL, pid) of a server, stopped with SIGTERM (then killed) afterwards."""
    server, base = start_server(db, *flags)
    try:
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
