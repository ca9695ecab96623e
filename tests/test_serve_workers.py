"""`storylens serve --workers 2` as a real process: the workers answer from the stored
comparisons, and none is computed again (the stories here were compared by hand, so a
model would only load if the server compared anything)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from storylens.compare import COMPARISON_VERSION
from storylens.store import open_store
from test_store import make_article
from test_store_comparisons import one_claim_comparison, two_stories

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def serving(db: Path, workers: int) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "storylens", "serve", "--db", str(db)]
    command += ["--port", str(port), "--workers", str(workers), "--rate-limit", "0"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the supervisor and its workers
        process.wait(timeout=60)


def wait_until_warm(base: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            health = httpx.get(base + "/healthz", timeout=5).json()
            if health["cached_stories"] == 2 and not health["warming"]:
                return
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.2)
    raise AssertionError("the workers did not warm up")


def test_workers_serve_the_stored_comparisons(tmp_path: Path) -> None:
    db = tmp_path / "workers.db"
    with open_store(str(db)) as store:
        members = two_stories(store)
        first = one_claim_comparison("s1", members, "Body number 1.")
        second = one_claim_comparison("s2", [make_article(3).id], "Body number 3.")
        assert store.save_comparison(first, COMPARISON_VERSION)
        assert store.save_comparison(second, COMPARISON_VERSION)
    with serving(db, workers=2) as (base, process):
        wait_until_warm(base, process)
        # Keep-alive off: every request a new connection, so both workers get some.
        for _ in range(20):
            response = httpx.get(f"{base}/api/stories/s1", timeout=10)
            assert response.status_code == 200
            assert response.json()["stories"][0]["claims"][0]["text"] == "Body number 1."
        page = httpx.get(f"{base}/stories/s2", timeout=10)
        assert page.status_code == 200 and "Body number 3." in page.text
    _, errors = process.communicate()
    assert "compared" not in errors  # no story needed comparing before the workers started
