"""`make bench-reliability`: every harness in full, figures to bench/results/reliability.*.

    python -m bench.reliability.run                       # everything, full size
    python -m bench.reliability.run --parts fuzz,bombs    # some parts; the others' figures
                                                          # already in reliability.json stay
    python -m bench.reliability.run --parts "" --from crash=crash.json  # a part run alone
    python -m bench.reliability.run --parts probe         # issue 27's twelve cases (~1 min)

Crash safety runs on PostgreSQL too when STORYLENS_TEST_PG_URL names a server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.reliability.bad_records import run_bad_records
from bench.reliability.bombs import BOMBS, run_bomb
from bench.reliability.concurrency import run_concurrency
from bench.reliability.crash import crash_ok, crash_test
from bench.reliability.fuzz import FuzzConfig, merge_summaries, run_fuzz
from bench.reliability.http_load import run_http_load
from bench.reliability.pg import PG_URL_ENV, pg_schema
from bench.reliability.probe import run_probe
from bench.reliability.report import write_report
from bench.reliability.upload_shutdown import run_upload_shutdown

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
PARTS = (
    "fuzz",
    "bombs",
    "crash",
    "crash-pg",
    "concurrency",
    "concurrency-http",
    "bad-records",
    "upload-shutdown",
    "probe",
)


def _fuzz(args: argparse.Namespace) -> dict[str, Any]:
    config = FuzzConfig(inputs=args.fuzz_inputs, seconds=args.fuzz_seconds)
    return run_fuzz(config, progress=True).as_json()


def _bombs(args: argparse.Namespace) -> list[dict[str, Any]]:
    del args
    results = []
    for bomb in BOMBS:
        results.append(run_bomb(bomb))
        print(f"bombs: {json.dumps(results[-1])}", file=sys.stderr)
    return results


def _crash(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="storylens-crash-") as tmp:
        folder = Path(tmp)
        ref, crashed = str(folder / "ref.db"), str(folder / "crash.db")
        result = crash_test(folder, args.docs, args.kills, ref, crashed, seed=args.seed)
    return {**result, "held": crash_ok(result)}


def _crash_pg(args: argparse.Namespace) -> dict[str, Any] | None:
    server = os.environ.get(PG_URL_ENV)
    if not server:
        print(f"crash-pg: {PG_URL_ENV} is not set; skipped", file=sys.stderr)
        return None
    with (
        tempfile.TemporaryDirectory(prefix="storylens-crash-") as tmp,
        pg_schema(server) as ref,
        pg_schema(server) as crashed,
    ):
        result = crash_test(Path(tmp), args.pg_docs, args.kills, ref, crashed, seed=args.seed)
    return {**result, "held": crash_ok(result)}


def _concurrency(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="storylens-concurrency-") as tmp:
        return run_concurrency(Path(tmp), docs=args.concurrency_docs, readers=args.readers)


def _figures_from_files(pairs: list[str]) -> dict[str, Any]:
    """`fuzz=a.json`: figures of a part run on its own (`python -m bench.reliability.fuzz
    --json`, or the crash harness's output), for parts run in parallel on a busy machine."""
    loaded: dict[str, list[dict[str, Any]]] = {}
    for pair in pairs:
        part, _, file = pair.partition("=")
        if part not in RUNNERS or not file:
            raise SystemExit(f"--from {pair!r}: expected PART=FILE with PART one of {PARTS}")
        loaded.setdefault(part, []).append(json.loads(Path(file).read_text()))
    figures: dict[str, Any] = {}
    for part, runs in loaded.items():
        if part == "fuzz":  # chunks with different seeds add up
            figures[part] = merge_summaries(runs)
        elif len(runs) == 1:
            figures[part] = {**runs[0], "held": crash_ok(runs[0])} if "crash" in part else runs[0]
        else:
            raise SystemExit(f"--from: only fuzz takes several files, not {part}")
    return figures


def _concurrency_http(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="storylens-http-") as tmp:
        return run_http_load(Path(tmp), docs=args.concurrency_docs, clients=args.clients)


def _bad_records(args: argparse.Namespace) -> dict[str, Any]:
    return run_bad_records(args.bad_records, args.api_bad_records)


RUNNERS = {
    "fuzz": _fuzz,
    "bombs": _bombs,
    "crash": _crash,
    "crash-pg": _crash_pg,
    "concurrency": _concurrency,
    "concurrency-http": _concurrency_http,
    "bad-records": _bad_records,
    "upload-shutdown": lambda args: run_upload_shutdown(),
    "probe": lambda args: run_probe(quick=args.quick_probe),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS))
    parser.add_argument("--fuzz-inputs", type=int, default=10_000)
    parser.add_argument("--fuzz-seconds", type=float, default=None)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--pg-docs", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--concurrency-docs", type=int, default=400)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--clients", type=int, default=50, help="HTTP clients of the server")
    parser.add_argument("--bad-records", type=int, default=1_000_000, help="{} lines, CLI")
    parser.add_argument("--api-bad-records", type=int, default=300_000, help="{} lines, API")
    parser.add_argument(
        "--quick-probe", action="store_true", help="the probe's cases in fewer variants"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--from",
        dest="from_files",
        action="append",
        default=[],
        metavar="PART=FILE",
        help="take a part's figures from the JSON its harness wrote when run on its own",
    )
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "reliability.json"
    results: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    random.seed(args.seed)
    for part, figures in _figures_from_files(args.from_files).items():
        results[part] = figures
    for part in filter(None, args.parts.split(",")):
        started = time.monotonic()
        results[part] = RUNNERS[part](args)
        print(f"reliability: {part} done in {time.monotonic() - started:.0f} s", file=sys.stderr)
        path.write_text(json.dumps(results, indent=2) + "\n")
    results["machine"] = {"cores": os.cpu_count(), "python": sys.version.split()[0]}
    path.write_text(json.dumps(results, indent=2) + "\n")
    write_report(results, RESULTS / "reliability.md")
    print(f"reliability: see {path.relative_to(ROOT)} and reliability.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
