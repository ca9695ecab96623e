"""`make bench`: storylens and its peers on the shared benchmark data, side by side.

Extraction: storylens and trafilatura (plus readability-lxml, justext and boilerpy3 when the
peer venv has them) over every page of `../shared/bench/extraction/`, HTML and text-dump
input, scored by the shared scorer. Stories: storylens' streaming grouper and the TF-IDF
floor over `../shared/bench/stories/`, in the files' order and in shuffles of it. Watch:
`storylens watch` on loopback (`bench.watch`, about 3 minutes; it needs no shared data).
Results go to `bench/results/` as JSON and Markdown.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.extraction import run_extraction
from bench.grouping import run_grouping
from bench.grouping_orders import run_orders

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
RESULTS = ROOT / "bench" / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        choices=[
            "extraction",
            "grouping",
            "stories",
            "compare",
            "speed",
            "scale",
            "multilingual",
            "watch",
        ],
        default=None,
        help="one benchmark (`stories` is the old name of `grouping`; `scale` the scale curve)",
    )
    parser.add_argument("--scale", action="store_true", help="also the grouping scale curve")
    parser.add_argument(
        "--scale-sizes", default="10000,100000", help="store sizes, comma-separated"
    )
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset (quick run)")
    parser.add_argument(
        "--tools", default=None, help="extraction: comma-separated tools (storylens,trafilatura)"
    )
    parser.add_argument("--mode", choices=["html", "dump"], default=None, help="extraction input")
    parser.add_argument(
        "--sets", default=None, help="extraction: comma-separated data sets (aeb,l3s-gn1)"
    )
    args = parser.parse_args(argv)
    if args.only == "watch" or not SHARED_BENCH.is_dir():
        if args.only not in (None, "watch"):
            print(
                "bench: ../shared/bench is not beside the repository; nothing to run",
                file=sys.stderr,
            )
            return 0
        if args.only is None:
            print(
                "bench: ../shared/bench is not beside the repository; watch only", file=sys.stderr
            )
        return run_watch()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    machine = machine_facts()
    if args.only in (None, "extraction"):
        run_extraction(
            SHARED_BENCH,
            RESULTS,
            machine,
            limit=args.limit,
            only_tools=args.tools.split(",") if args.tools else None,
            modes=(args.mode,) if args.mode else ("html", "dump"),
            only_sets=args.sets.split(",") if args.sets else None,
        )
    if args.only in (None, "grouping", "stories"):
        run_grouping(SHARED_BENCH, RESULTS, machine)
        run_orders(SHARED_BENCH, RESULTS, machine)
        from bench.threads import run_threads

        run_threads(RESULTS, machine)
    if args.only in (None, "multilingual"):
        from bench.multilingual import MODELS, ORDERS, run_multilingual

        run_multilingual(RESULTS, machine, list(MODELS), ORDERS, english=True)
    if args.only in (None, "compare"):
        from bench.compare import main as run_compare

        run_compare()
    if args.only in (None, "speed"):
        from bench.speed import run_speed

        run_speed(SHARED_BENCH, RESULTS, machine)
    if args.only is None:
        run_watch()
    if args.scale or args.only == "scale":
        from bench.grouping_scale import run_scale

        run_scale(SHARED_BENCH, RESULTS, machine, [int(n) for n in args.scale_sizes.split(",")])
    print(f"bench: done in {time.perf_counter() - started:.0f} s; see {RESULTS.relative_to(ROOT)}/")
    return 0


def run_watch() -> int:
    """`make bench-watch` at its full setting (1,000 feeds, an hour simulated: about 3
    minutes on 2 cores), writing bench/results/watch.md and .json."""
    from bench.watch import main as watch_main

    return watch_main([])


def machine_facts() -> dict[str, object]:
    return {"cores": os.cpu_count(), "python": sys.version.split()[0], "commit": _commit()}


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


if __name__ == "__main__":
    raise SystemExit(main())
