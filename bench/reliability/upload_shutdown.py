"""A huge authorised upload and SIGTERM (issue 27, item 5), on a real `storylens serve`.

    python -m bench.reliability.upload_shutdown --files 40 --mb 20

Forty gzip files of 20 MB HTML (each ~70 KB sent, a 90 s extraction) in one upload: the
time the answer takes (bounded by the upload's time budget, `--max-upload-seconds`), the
server's peak memory, and how long the server takes to exit after SIGTERM sent in the
middle of such an upload (before the fix: minutes, 1.15 GB, and SIGTERM did not stop it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.reliability.served import TOKEN, peak_rss_mb, start_server

PARAGRAPH = (
    "<p>The harbour council voted on Tuesday to approve the new budget for the ferry "
    "terminal, officials said in a statement after the meeting.</p>\n"
)
# What the issue asks: the server gone within a few seconds of SIGTERM.
EXIT_BOUND_S = 5.0


def big_html_gzip(mb: float) -> bytes:
    """A gzip of one HTML page of about `mb` MB of paragraphs (compresses ~300x)."""
    count = int(mb * 1024 * 1024) // len(PARAGRAPH) - 1
    page = f"<html><body><article>{PARAGRAPH * count}</article></body></html>"
    return gzip.compress(page.encode(), compresslevel=6)


def post_files(base: str, files: list[bytes], answer: dict[str, Any]) -> None:
    import httpx

    multipart = [
        ("files", (f"page-{n}.html.gz", data, "application/gzip")) for n, data in enumerate(files)
    ]
    started = time.monotonic()
    try:
        response = httpx.post(
            f"{base}/api/ingest",
            files=multipart,
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=900,
        )
        answer.update(status=response.status_code, body=response.json())
    except httpx.HTTPError as exc:
        answer.update(error=type(exc).__name__)
    answer["seconds"] = round(time.monotonic() - started, 1)


def upload_and_sigterm(folder: Path, files: int, mb: float, after_s: float) -> dict[str, Any]:
    """Start the upload, send SIGTERM `after_s` later; how long until the server exits."""
    data = big_html_gzip(mb)
    server, base = start_server(folder / "term.db")
    answer: dict[str, Any] = {}
    poster = threading.Thread(target=post_files, args=(base, [data] * files, answer))
    poster.start()
    time.sleep(after_s)
    peak = peak_rss_mb(server.pid)
    sent = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=120)
        exit_s = round(time.monotonic() - sent, 2)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        exit_s = None
    poster.join(timeout=30)
    failures = answer.get("body", {}).get("failed", [])
    return {
        "files": files,
        "mb_each": mb,
        "sigterm_after_s": after_s,
        "exit_seconds": exit_s,
        "exit_status": server.returncode,
        "server_peak_rss_mb": peak,
        "answer_status": answer.get("status"),
        "answer_reasons": sorted({f["reason"] for f in failures}),
        "held": exit_s is not None and exit_s < EXIT_BOUND_S,
    }


def upload_within_budget(folder: Path, files: int, mb: float, seconds: float) -> dict[str, Any]:
    """The whole upload against a server whose budget is `seconds`: answered in time."""
    data = big_html_gzip(mb)
    server, base = start_server(folder / "budget.db", "--max-upload-seconds", str(seconds))
    answer: dict[str, Any] = {}
    try:
        post_files(base, [data] * files, answer)
        peak = peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    body = answer.get("body", {})
    return {
        "files": files,
        "mb_each": mb,
        "budget_s": seconds,
        "answer_seconds": answer["seconds"],
        "status": answer.get("status"),
        "stored": body.get("stored"),
        "failed": body.get("failed"),
        "server_peak_rss_mb": peak,
        "held": answer.get("status") == 200 and answer["seconds"] < seconds + 10,
    }


def run_upload_shutdown(files: int = 40, mb: float = 20, budget_s: float = 20) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="storylens-upload-") as tmp:
        folder = Path(tmp)
        return {
            "sigterm": upload_and_sigterm(folder, files, mb, after_s=3.0),
            "budget": upload_within_budget(folder, files, mb, budget_s),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--budget", type=float, default=20, help="--max-upload-seconds")
    args = parser.parse_args(argv)
    print(json.dumps(run_upload_shutdown(args.files, args.mb, args.budget), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
