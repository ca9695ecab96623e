"""Memory of ingesting a flood of bad records (issue 27, item 4), on the CLI and the API.

    python -m bench.reliability.bad_records --records 1000000 --api-records 300000

A million `{}` lines (3 MB) through `storylens ingest`: the peak resident memory of the
process, its time, and the failure rows it stored (they must stay flat: before the fix,
855 MB and a million rows). 300,000 over `POST /api/ingest` of a real `storylens serve`:
the answer's size and the server's peak memory (before: a 25 MB answer and +220 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.reliability.served import TOKEN, peak_rss_mb, serving

# The flat ceiling the issue asks for.
LIMIT_MB = 300


def cli_flood(folder: Path, records: int) -> dict[str, Any]:
    path = folder / "bad.jsonl"
    path.write_bytes(b"{}\n" * records)
    db = folder / "cli.db"
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "storylens.cli", "ingest", str(path), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT count(*) FROM failures").fetchone()[0]
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    return {
        "records": records,
        "exit_status": os.waitstatus_to_exitcode(status),
        "peak_rss_mb": round(peak, 1),
        "seconds": round(seconds, 1),
        "failure_rows": rows,
        "held": peak < LIMIT_MB,
    }


def api_flood(folder: Path, records: int) -> dict[str, Any]:
    import httpx

    with serving(folder / "api.db") as (base, pid):
        before = peak_rss_mb(pid)
        response = httpx.post(
            f"{base}/api/ingest",
            content=b"{}\n" * records,
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"},
            timeout=600,
        )
        after = peak_rss_mb(pid)
    answer = response.json()
    return {
        "records": records,
        "status": response.status_code,
        "failed": answer.get("failed_count"),
        "reasons_returned": len(answer.get("failed", [])),
        "response_bytes": len(response.content),
        "server_peak_rss_mb": {"before": before, "after": after},
        "held": response.status_code == 200 and len(response.content) < 100_000,
    }


def run_bad_records(records: int = 1_000_000, api_records: int = 300_000) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="storylens-bad-records-") as tmp:
        folder = Path(tmp)
        return {"cli": cli_flood(folder, records), "api": api_flood(folder, api_records)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--api-records", type=int, default=300_000)
    args = parser.parse_args(argv)
    print(json.dumps(run_bad_records(args.records, args.api_records), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
