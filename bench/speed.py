"""Start-up and end-to-end ingest speed, beside bare trafilatura on the same pages.

- `storylens --help` and a one-page `storylens extract`: wall time of the whole command
  (what a user waits for), the median of several runs;
- `storylens ingest` of every page of `../shared/bench/extraction/` (saved as `.html`
  files), on one worker and on one per core, wall time of the whole command (start-up and
  model load included) as pages per second, beside `trafilatura.extract` over the same
  pages in one process (the library alone: no grouping, no database, no start-up).

Writes bench/results/speed.md and speed.json.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
RESULTS = ROOT / "bench" / "results"
STORYLENS = [sys.executable, "-m", "storylens"]
RUNS = 5
# Runs of each ingest and of trafilatura, taken in turn. On a quiet machine the ratio of
# one round varied by +-2%; a machine shared with another job shifts single runs by 10%,
# so five rounds keep one disturbed round from moving the median.
INGEST_RUNS = 5
TRAFILATURA = "trafilatura.extract, 1 process (library only)"


def run_speed(shared: Path, results: Path, machine: dict[str, Any]) -> dict[str, Any]:
    _compile_package()
    with tempfile.TemporaryDirectory(prefix="storylens-speed-") as work:
        pages = _saved_pages(shared / "extraction", Path(work) / "pages")
        one_page = str(pages[0])
        startup = {
            "help_s": _median_wall([*STORYLENS, "--help"]),
            "extract_one_page_s": _median_wall([*STORYLENS, "extract", one_page]),
        }
        ingest = _ingest_runs(pages, Path(work))
    found = {"machine": machine, "pages": len(pages), "startup": startup, "ingest": ingest}
    (results / "speed.json").write_text(json.dumps(found, indent=2) + "\n")
    (results / "speed.md").write_text(_markdown(found))
    print((results / "speed.md").read_text())
    return found


def _compile_package() -> None:
    """storylens' bytecode written as `pip install` writes it for an installed package (an
    editable install in an environment that sets PYTHONDONTWRITEBYTECODE would otherwise
    compile every module in every process, workers included: ~0.15 s a process), so the
    timings are those of an installed storylens, as trafilatura's are."""
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "storylens"), quiet=1)


def _saved_pages(extraction: Path, to: Path) -> list[Path]:
    to.mkdir(parents=True)
    pages = []
    for number, page in enumerate(sorted(extraction.glob("*/*/page.html.gz"))):
        saved = to / f"{number:04d}-{page.parent.parent.name}.html"
        saved.write_bytes(gzip.decompress(page.read_bytes()))
        pages.append(saved)
    return pages


def _median_wall(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def _ingest_runs(pages: list[Path], work: Path) -> dict[str, dict[str, Any]]:
    """Each run `INGEST_RUNS` times, the runs of the three taken in turn (a machine that slows
    down for a while slows all three alike): the median of each, every run's seconds, and for
    storylens its speed against trafilatura's in the same round (this machine's speed drifts
    by several percent from minute to minute, so a ratio of two medians alone can mislead)."""
    cores = os.cpu_count() or 1
    runs: dict[str, Callable[[], float]] = {
        f"storylens ingest, {n} worker{'s' if n > 1 else ''}": partial(_ingest, pages, work, n)
        for n in sorted({1, cores})
    }
    runs[TRAFILATURA] = partial(_trafilatura, pages)
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(INGEST_RUNS):
        for name, run in runs.items():
            seconds[name].append(run())
    found = {name: _rate(len(pages), taken) for name, taken in seconds.items()}
    for name, taken in seconds.items():
        if name != TRAFILATURA:  # > 1: faster than trafilatura in that round
            ratios = [base / own for base, own in zip(seconds[TRAFILATURA], taken, strict=True)]
            found[name]["x_trafilatura_by_round"] = [round(r, 3) for r in ratios]
    return found


def _rate(pages: int, runs: list[float]) -> dict[str, Any]:
    seconds = statistics.median(runs)
    return {
        "seconds": round(seconds, 1),
        "pages_per_s": round(pages / seconds, 1),
        "runs_s": [round(run, 2) for run in runs],
    }


def _ingest(pages: list[Path], work: Path, workers: int) -> float:
    db = work / f"ingest-{workers}.db"
    db.unlink(missing_ok=True)  # a fresh store each run: nothing skipped as already stored
    command = [*STORYLENS, "ingest", str(pages[0].parent), "--db", str(db)]
    started = time.perf_counter()
    subprocess.run([*command, "--workers", str(workers)], capture_output=True, check=False)
    return time.perf_counter() - started


def _trafilatura(pages: list[Path]) -> float:
    import trafilatura

    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.read_text(encoding="utf-8", errors="replace"))
    return time.perf_counter() - started


def _markdown(found: dict[str, Any]) -> str:
    startup = found["startup"]
    lines = [
        "# Speed: start-up and end-to-end ingest",
        "",
        f"Machine: {found['machine']['cores']} cores, Python {found['machine']['python']}, "
        f"commit {found['machine']['commit']}. Wall time of whole commands (median of {RUNS}).",
        "",
        "| command | seconds |",
        "|---|---|",
        f"| `storylens --help` | {startup['help_s']:.2f} |",
        f"| `storylens extract` one page | {startup['extract_one_page_s']:.2f} |",
        "",
        f"Ingest of {found['pages']} real pages (`../shared/bench/extraction`, every set), "
        "start-up and model load included (storylens' bytecode compiled first, as an "
        "installed package has it), beside trafilatura alone on the same pages "
        f"(median of {INGEST_RUNS} runs each, taken in turn):",
        "",
        "| run | seconds | pages/s | runs (s) | x trafilatura, round by round |",
        "|---|---|---|---|---|",
    ]
    for name, result in found["ingest"].items():
        runs = ", ".join(f"{run:.1f}" for run in result["runs_s"])
        ratios = ", ".join(f"{r:.2f}" for r in result.get("x_trafilatura_by_round", []))
        lines.append(
            f"| {name} | {result['seconds']:.1f} | {result['pages_per_s']:.1f} | {runs} | "
            f"{ratios or '-'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    if not SHARED_BENCH.is_dir():
        print("bench: ../shared/bench is not beside the repository", file=sys.stderr)
        return 0
    from bench.run import machine_facts

    RESULTS.mkdir(parents=True, exist_ok=True)
    run_speed(SHARED_BENCH, RESULTS, machine_facts())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
