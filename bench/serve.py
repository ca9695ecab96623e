"""`make bench-serve`: the web server under 50 concurrent clients, on SQLite and PostgreSQL.

Per backend: the sample corpus is ingested into a fresh database; `storylens serve
--workers N` starts (comparing every story once and storing it: "first start"), stops,
and starts again (reading the stored comparisons back: "restart"). Every page is then
fetched once, so its rendering is cached, and each endpoint gets `--clients` connections
for `--seconds`, one endpoint after the other (story ids round robin). Reported per
endpoint: requests/s, p50/p90/p99/max latency as the clients saw it, errors (no answer,
or a status other than 200) and the machine's load average, which other jobs share.

The load comes from wrk (`--install-wrk` apt-gets it when missing, as `make bench-serve`
does), one thread, so at most one core; without wrk, from a Python client that competes
with the server for the cores (see bench/load.py). PostgreSQL runs when
STORYLENS_BENCH_PG_URL names a server (a fresh schema on it is used and dropped).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.load import find_wrk, run_python, run_wrk
from bench.reliability.pg import pg_schema
from bench.run import _commit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SAMPLE = ["html", "dumps", "feeds", "archive", "encodings", "gz"]
PG_ENV = "STORYLENS_BENCH_PG_URL"
WARM_TIMEOUT_S = 900
TARGET_P99_MS = 200  # on a story page, with 0 errors


def endpoint_paths(story_ids: list[str]) -> dict[str, list[str]]:
    return {
        "story page": [f"/stories/{s}" for s in story_ids],
        "story json": [f"/api/stories/{s}" for s in story_ids],
        "list page": ["/"],
        "stories api": ["/api/stories?limit=20"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="load per endpoint")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="storylens serve --workers")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--install-wrk", action="store_true", help="apt-get wrk if missing")
    args = parser.parse_args(argv)
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    wrk = None if args.client == "python" else find_wrk(args.install_wrk)
    if wrk is None and args.client == "wrk":
        print("bench-serve: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 1
    if wrk is None:
        print(
            "bench-serve: wrk not found (apt-get install wrk, or make bench-serve as root); "
            "measuring with the Python client, which competes with the server for the cores",
            file=sys.stderr,
        )
    results: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "commit": _commit(),
        "client": _wrk_version(wrk) if wrk else "python (asyncio + httpx)",
        "seconds": args.seconds,
        "clients": args.clients,
        "workers": args.workers,
        "backends": {},
    }

    def measure(base: str, paths: list[str]) -> dict[str, Any]:
        if wrk:
            return run_wrk(wrk, base, paths, args.seconds, args.clients)
        return run_python(base, paths, args.seconds, args.clients)

    with tempfile.TemporaryDirectory(prefix="storylens-bench-serve-") as tmp:
        for backend in ("sqlite", "postgresql"):
            with fresh_database(backend, Path(tmp)) as db:
                if db is None:
                    print(f"bench-serve: {backend} skipped ({PG_ENV} not set)", file=sys.stderr)
                    results["backends"][backend] = {"skipped": f"{PG_ENV} not set"}
                    continue
                print(f"bench-serve: {backend}", file=sys.stderr)
                results["backends"][backend] = run_backend(db, args.workers, measure)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "serve.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "serve.md").write_text(markdown(results))
    print(markdown(results))
    return 0


def _wrk_version(wrk: str) -> str:
    found = subprocess.run([wrk, "-v"], capture_output=True, text=True)
    words = (found.stdout + found.stderr).split()
    return " ".join(words[:2]) if words else "wrk"


@contextmanager
def fresh_database(backend: str, tmp: Path) -> Iterator[str | None]:
    """A new, empty database: a file, or a schema of its own on the PostgreSQL server."""
    if backend == "sqlite":
        yield str(tmp / "bench.db")
        return
    server = os.environ.get(PG_ENV)
    if not server:
        yield None
        return
    with pg_schema(server, prefix="storylens_bench") as url:
        yield url


def run_backend(db: str, workers: int, measure: Any) -> dict[str, Any]:
    inputs = [str(ROOT / "corpus" / name) for name in SAMPLE]
    command = [sys.executable, "-m", "storylens", "ingest", *inputs, "--db", db]
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    with server(db, workers) as (base, started):
        first_start_s = wait_until_warm(base, started)
    with server(db, workers) as (base, started):
        restart_s = wait_until_warm(base, started)
        story_ids = discover(base)
        endpoints = {}
        for name, paths in endpoint_paths(story_ids).items():
            load_before = os.getloadavg()[0]
            result = measure(base, paths)
            result["load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
            endpoints[name] = result
            print(f"bench-serve:   {name}: {result}", file=sys.stderr)
    return {
        "first_start_s": round(first_start_s, 1),
        "restart_s": round(restart_s, 1),
        "stories": len(story_ids),
        "endpoints": endpoints,
    }


@contextmanager
def server(db: str, workers: int, warm: bool = True) -> Iterator[tuple[str, float]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "storylens", "serve", "--db", db, "--port", str(port)]
    command += ["--workers", str(workers), "--rate-limit", "0"]  # every client is 127.0.0.1
    if not warm:
        command.append("--no-warm")
    started = time.monotonic()
    process = subprocess.Popen(command)
    try:
        yield f"http://127.0.0.1:{port}", started
    finally:
        process.terminate()  # uvicorn's supervisor stops its workers
        process.wait(timeout=60)


def wait_until_warm(base: str, started: float) -> float:
    """Seconds from process start until a worker has every story's comparison cached."""
    while time.monotonic() - started < WARM_TIMEOUT_S:
        try:
            health = httpx.get(base + "/healthz", timeout=5).json()
            if health.get("ok") and not health.get("warming") and health["cached_stories"]:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.2)
    raise RuntimeError("the server did not warm up in time")


def discover(base: str) -> list[str]:
    """Every story id; each page fetched a few times (new connections reach every worker),
    so what is measured is the steady state, not the first rendering."""
    listed = httpx.get(base + "/api/stories", params={"limit": 100}, timeout=30).json()
    story_ids = [s["id"] for s in listed["stories"]]
    for _ in range(4):
        for paths in endpoint_paths(story_ids).values():
            for path in paths:
                httpx.get(base + path, timeout=60).raise_for_status()
    return story_ids


def markdown(results: dict[str, Any]) -> str:
    measured = {k: v for k, v in results["backends"].items() if "skipped" not in v}
    lines = [
        "# storylens serve under load",
        "",
        f"{results['clients']} concurrent connections for {results['seconds']:g} s per "
        f"endpoint and backend, from {results['client']} (one thread); `storylens serve "
        f"--workers {results['workers']}`; sample corpus; client and server on the same "
        f"{results['machine']['cores']}-core machine; commit {results['commit']}.",
        "",
        "| backend | endpoint | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors "
        "| load average (start, end) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for backend, result in results["backends"].items():
        if "skipped" in result:
            lines.append(f"| {backend} | skipped: {result['skipped']} | | | | | | | |")
            continue
        for endpoint, row in result["endpoints"].items():
            load = ", ".join(str(x) for x in row["load_average"])
            lines.append(
                f"| {backend} | {endpoint} | {row['requests_per_s']} | {row['p50_ms']} "
                f"| {row['p90_ms']} | {row['p99_ms']} | {row['max_ms']} | {row['errors']} "
                f"| {load} |"
            )
    if measured:
        lines += [
            "",
            "| backend | stories | first start (s) | restart (s) |",
            "|---|---:|---:|---:|",
        ]
        for backend, result in measured.items():
            lines.append(
                f"| {backend} | {result['stories']} | {result['first_start_s']} "
                f"| {result['restart_s']} |"
            )
    lines += [
        "",
        "Latency is as the clients saw it: each connection sends its next request when the "
        "previous answer arrives, so queueing in the server counts. First start: from "
        "starting `storylens serve` until a worker has every story's comparison in memory "
        "(comparing every story once, models loaded, in a child process before the workers "
        "start). Restart: the same with the comparisons stored by the first start (no model "
        "loaded). Load average: of the whole machine (1 minute), which other jobs share; our "
        "own server and client add about 2 to it. Target: 0 errors, story page p99 < "
        f"{TARGET_P99_MS} ms.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
