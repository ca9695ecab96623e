"""A huge upload cannot hold the server (issue 27, item 5): it is extracted in a child
process within a time and a size budget, and SIGTERM stops `storylens serve` within
seconds in the middle of one (the batch in hand is written, the rest is one failure).

The full-size figures (forty 20 MB pages) are measured by `make bench-reliability`, part
`upload-shutdown`.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from bench.reliability.served import start_server
from bench.reliability.upload_shutdown import big_html_gzip, post_files

from serve_support import AUTH, served
from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.serve.upload import SHUTTING_DOWN

# A 3 MB page: about 15 s of extraction, far past the budgets below.
SLOW_PAGE = big_html_gzip(3)


def upload(client: Any, *pages: bytes) -> tuple[dict[str, Any], float]:
    files = [("files", (f"p{n}.html.gz", page, "application/gzip")) for n, page in enumerate(pages)]
    started = time.monotonic()
    response = client.post("/api/ingest", headers=AUTH, files=files)
    assert response.status_code == 200, response.text
    return response.json(), time.monotonic() - started


def reasons(answer: dict[str, Any]) -> list[str]:
    return [f["reason"] for f in answer["failed"]]


def test_an_upload_past_its_time_budget_is_cut_there(tmp_path: Path) -> None:
    with served(str(tmp_path / "t.db"), Analyser(Settings()), upload_seconds=1.0) as client:
        answer, seconds = upload(client, SLOW_PAGE, SLOW_PAGE)
    assert seconds < 8
    assert answer["stored"] == 0 and answer["failed_count"] == 1
    assert "time budget (1 s) was spent" in reasons(answer)[0]


def test_an_upload_past_its_size_budget_stops_reading(tmp_path: Path) -> None:
    # A 100 KB body limit: 500 KB of documents after decompression.
    db = str(tmp_path / "s.db")
    with served(db, Analyser(Settings()), max_body_bytes=100_000) as client:
        answer, _ = upload(client, big_html_gzip(0.6))
    assert answer["failed_count"] == 1
    assert "size budget (0 MB after decompression)" in reasons(answer)[0]


def test_the_stop_flag_ends_an_upload_at_once(tmp_path: Path) -> None:
    with served(str(tmp_path / "f.db"), Analyser(Settings())) as client:
        stop = client.app.state.storylens.stop  # type: ignore[attr-defined]
        threading.Timer(1.0, stop.set).start()
        answer, seconds = upload(client, SLOW_PAGE)
    assert seconds < 5
    assert reasons(answer) == [SHUTTING_DOWN]


def test_sigterm_stops_serve_within_seconds_during_a_huge_upload(tmp_path: Path) -> None:
    server, base = start_server(tmp_path / "term.db")
    answer: dict[str, Any] = {}
    poster = threading.Thread(target=post_files, args=(base, [SLOW_PAGE] * 4, answer))
    poster.start()
    time.sleep(2.0)  # the child is extracting the first page
    sent = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    exit_seconds = time.monotonic() - sent
    poster.join(timeout=30)
    assert exit_seconds < 5
    assert answer.get("status") == 200 and reasons(answer["body"]) == [SHUTTING_DOWN]
