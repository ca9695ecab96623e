"""Load clients for `bench.serve`: wrk (compiled, preferred) or asyncio + httpx.

Both run `clients` connections for `seconds`, each connection asking for the next path of
a list as soon as its previous answer arrives (a closed loop), and report requests,
requests/s, errors and latency percentiles in one shape. wrk costs the machine little, so
the server gets the cores; the Python client needs about as much CPU as the server it
measures, and its latencies then include its own queueing: it is the fallback only.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

WRK_TIMEOUT_S = 10  # wrk's per-request timeout: an answer slower than this is an error
MARKER = "STORYLENS_WRK "

# Prints wrk's summary as one JSON line; latencies in microseconds.
WRK_SCRIPT = """
local paths = {%(paths)s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '%(marker)s{"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,"write":%%d,'
    .. '"status":%%d,"timeout":%%d,"p50_us":%%d,"p90_us":%%d,"p99_us":%%d,"max_us":%%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def find_wrk(install: bool) -> str | None:
    """wrk's path; with `install`, apt-get it first when missing (root on Debian only)."""
    found = shutil.which("wrk")
    if found or not install:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("bench-serve: wrk is missing and only root can apt-get it", file=sys.stderr)
        return None
    print("bench-serve: installing wrk (apt-get install wrk)", file=sys.stderr)
    if _apt("install", "-y", "-qq", "wrk") != 0:  # the package lists may be missing or stale
        _apt("update", "-qq")
        _apt("install", "-y", "-qq", "wrk")
    return shutil.which("wrk")


def _apt(*args: str) -> int:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(["apt-get", *args], env=env, capture_output=True)
    return done.returncode


def run_wrk(wrk: str, base: str, paths: list[str], seconds: float, clients: int) -> dict[str, Any]:
    """One wrk run (one thread: at most one core) over `paths`, round robin."""
    quoted = ", ".join(json.dumps(path) for path in paths)  # a JSON string is a Lua string here
    script = WRK_SCRIPT % {"paths": quoted, "marker": MARKER}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        command = [wrk, "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s"]
        command += [f"--timeout={WRK_TIMEOUT_S}s", "-s", handle.name, base]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        Path(handle.name).unlink()
    line = next(x for x in output.splitlines() if x.startswith(MARKER))
    raw = json.loads(line[len(MARKER) :])
    errors = sum(raw[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "errors": errors,
        "errors_by_kind": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p90_ms": round(raw["p90_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
    }


def run_python(base: str, paths: list[str], seconds: float, clients: int) -> dict[str, Any]:
    """The same loop with asyncio + httpx in this process."""
    return asyncio.run(_python_load(base, paths, seconds, clients))


async def _python_load(base: str, paths: list[str], seconds: float, clients: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=WRK_TIMEOUT_S) as client:
        began = time.monotonic()
        deadline = began + seconds

        async def one_client(offset: int) -> None:
            nonlocal errors
            n = offset
            while time.monotonic() < deadline:
                n += 1
                start = time.perf_counter()
                try:
                    failed = (await client.get(paths[n % len(paths)])).status_code != 200
                except httpx.HTTPError:
                    failed = True
                latencies.append(time.perf_counter() - start)
                errors += failed

        await asyncio.gather(*(one_client(i) for i in range(clients)))
        elapsed = time.monotonic() - began
    ordered = sorted(latencies)

    def percentile(q: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {
        "requests": len(ordered),
        "requests_per_s": round(len(ordered) / elapsed, 1),
        "errors": errors,
        "p50_ms": percentile(0.50),
        "p90_ms": percentile(0.90),
        "p99_ms": percentile(0.99),
        "max_ms": round(1000 * ordered[-1], 1),
    }
