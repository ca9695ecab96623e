"""`make bench-serve`: the web server under 50 concurrent clients, on SQLite and PostgreSQL.

The sample corpus is ingested into a fresh store; `storylens serve` runs as a child
process (comparisons precomputed on startup, rate limit off: every client is 127.0.0.1);
then `--clients` asyncio clients (httpx) request a mix of pages and API calls for
`--seconds`. Reported per endpoint: requests, errors (any status but 200, or no answer),
p50 and p99 latency; overall requests/s. Client and server share this machine's cores.
PostgreSQL runs when STORYLENS_BENCH_PG_URL names a database (it is ingested into).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
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

from bench.run import _commit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SAMPLE = ["html", "dumps", "feeds", "archive", "encodings", "gz"]
PG_ENV = "STORYLENS_BENCH_PG_URL"
# What a client asks for, and how often (a reader opens story pages most).
MIX = {
    "story page": 4,
    "story json": 2,
    "stories api": 2,
    "list page": 1,
    "search api": 1,
    "article api": 1,
    "healthz": 1,
}
WARM_TIMEOUT_S = 900


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="load duration per backend")
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args(argv)
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "commit": _commit(),
        "seconds": args.seconds,
        "clients": args.clients,
        "backends": {},
    }
    with tempfile.TemporaryDirectory(prefix="storylens-bench-serve-") as tmp:
        backends = {"sqlite": str(Path(tmp) / "bench.db"), "postgresql": os.environ.get(PG_ENV)}
        for backend, db in backends.items():
            if not db:
                print(f"bench-serve: {backend} skipped ({PG_ENV} not set)", file=sys.stderr)
                results["backends"][backend] = {"skipped": f"{PG_ENV} not set"}
                continue
            print(f"bench-serve: {backend}", file=sys.stderr)
            results["backends"][backend] = run_backend(db, args.seconds, args.clients)
    (RESULTS / "serve.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "serve.md").write_text(markdown(results))
    print(markdown(results))
    return 0


def run_backend(db: str, seconds: float, clients: int) -> dict[str, Any]:
    inputs = [str(ROOT / "corpus" / name) for name in SAMPLE]
    command = [sys.executable, "-m", "storylens", "ingest", *inputs, "--db", db]
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    with server(db) as (base, started):
        warm_s = wait_until_warm(base, started)
        targets = discover(base)
        measured = asyncio.run(load(base, targets, seconds, clients))
    return {"warm_up_s": round(warm_s, 1), "stories": len(targets["stories"]), **measured}


@contextmanager
def server(db: str) -> Iterator[tuple[str, float]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "storylens", "serve", "--db", db, "--port", str(port)]
    started = time.monotonic()
    process = subprocess.Popen([*command, "--rate-limit", "0"])
    try:
        yield f"http://127.0.0.1:{port}", started
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_warm(base: str, started: float) -> float:
    """Seconds from process start until every story's comparison is cached."""
    while time.monotonic() - started < WARM_TIMEOUT_S:
        try:
            health = httpx.get(base + "/healthz", timeout=5).json()
            if health.get("ok") and not health.get("warming") and health["cached_stories"]:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.5)
    raise RuntimeError("the server did not warm up in time")


def discover(base: str) -> dict[str, list[str]]:
    listed = httpx.get(base + "/api/stories", params={"limit": 100}, timeout=30).json()
    stories = [s["id"] for s in listed["stories"]]
    articles = []
    for story_id in stories[:5]:
        report = httpx.get(f"{base}/api/stories/{story_id}", timeout=60).json()
        articles += [a["id"] for a in report["articles"]]
    return {"stories": stories, "articles": articles}


def pick(rng: random.Random, targets: dict[str, list[str]]) -> tuple[str, str, dict[str, str]]:
    endpoint = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    story = rng.choice(targets["stories"])
    paths = {
        "story page": (f"/stories/{story}", {}),
        "story json": (f"/api/stories/{story}", {}),
        "stories api": ("/api/stories", {"limit": "20"}),
        "list page": ("/", {}),
        "search api": ("/api/stories", {"q": rng.choice(["quake", "port", "council", "gas"])}),
        "article api": (f"/api/articles/{rng.choice(targets['articles'])}", {}),
        "healthz": ("/healthz", {}),
    }
    path, params = paths[endpoint]
    return endpoint, path, params


async def load(
    base: str, targets: dict[str, list[str]], seconds: float, clients: int
) -> dict[str, Any]:
    latencies: dict[str, list[float]] = {name: [] for name in MIX}
    server_times: dict[str, list[float]] = {name: [] for name in MIX}
    errors: dict[str, int] = dict.fromkeys(MIX, 0)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        deadline = time.monotonic() + seconds

        async def one_client(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                endpoint, path, params = pick(rng, targets)
                began = time.perf_counter()
                try:
                    response = await client.get(path, params=params)
                    failed = response.status_code != 200
                    server_times[endpoint].append(server_time(response))
                except httpx.HTTPError:
                    failed = True
                latencies[endpoint].append(time.perf_counter() - began)
                errors[endpoint] += failed

        began = time.monotonic()
        load_before = os.getloadavg()[0]
        await asyncio.gather(*(one_client(i) for i in range(clients)))
        elapsed = time.monotonic() - began
        load_after = os.getloadavg()[0]
    total = sum(len(v) for v in latencies.values())
    return {
        "requests": total,
        "requests_per_s": round(total / elapsed, 1),
        "errors": sum(errors.values()),
        "load_average": [round(load_before, 1), round(load_after, 1)],
        "endpoints": {
            name: {
                "requests": len(values),
                "errors": errors[name],
                "p50_ms": percentile(values, 0.50),
                "p99_ms": percentile(values, 0.99),
                "server_p50_ms": percentile(server_times[name], 0.50),
                "server_p99_ms": percentile(server_times[name], 0.99),
            }
            for name, values in latencies.items()
        },
    }


def server_time(response: httpx.Response) -> float:
    """The app's own time for this request (its Server-Timing header), in seconds."""
    timing = response.headers.get("server-timing", "")
    _, _, duration = timing.partition("dur=")
    return float(duration or 0) / 1000


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "# storylens serve under load",
        "",
        f"{results['clients']} concurrent clients (asyncio + httpx) for {results['seconds']:g} s "
        f"per backend against the sample corpus; client and server on the same "
        f"{results['machine']['cores']}-core machine; commit {results['commit']}.",
        "",
        "| backend | warm-up (s) | requests/s | requests | errors | load average (start, end) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    measured = {k: v for k, v in results["backends"].items() if "skipped" not in v}
    for backend, result in results["backends"].items():
        if "skipped" in result:
            lines.append(f"| {backend} | skipped: {result['skipped']} | | | | |")
        else:
            lines.append(
                f"| {backend} | {result['warm_up_s']} | {result['requests_per_s']} "
                f"| {result['requests']} | {result['errors']} "
                f"| {', '.join(str(x) for x in result['load_average'])} |"
            )
    if measured:
        header = " | ".join(
            f"{b} p50 / p99 ms (errors) | {b} server p50 / p99 ms" for b in measured
        )
        lines += ["", f"| endpoint | {header} |", "|---|" + "---:|" * 2 * len(measured)]
        for endpoint in MIX:
            cells = []
            for result in measured.values():
                row = result["endpoints"][endpoint]
                cells.append(f"{row['p50_ms']} / {row['p99_ms']} ({row['errors']})")
                cells.append(f"{row['server_p50_ms']} / {row['server_p99_ms']}")
            lines.append(f"| {endpoint} | {' | '.join(cells)} |")
    lines += [
        "",
        "Latency is as the clients saw it (queueing included); server time is the app's own "
        "(its Server-Timing header). Warm-up: from starting `storylens serve` until every "
        "story's comparison is cached (model load included). Load average: of the whole "
        "machine, which other jobs share. Target: 0 errors, story page p99 < 200 ms.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
