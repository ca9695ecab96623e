"""The twelve cases of the hostile-input probe (issue 27), replayed against a real
`storylens serve` on 127.0.0.1 and the CLI.

    python -m bench.reliability.probe            # full form, JSON to stdout
    python -m bench.reliability.probe --quick    # fewer variants, smaller floods (~20 s)

Per case: what was sent, the status or exit code, whether an error answer has the
documented shape (`{"ok": false, "error", "status"}` or the error page) and the security
headers, and whether it held as the issue asks. The inputs are the regression tests'
(imported from tests/), so the harness and the tests cannot drift apart. Every server is
on loopback and stopped by the part itself (the main one by the SIGTERM of case 5).
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.reliability.served import start_server

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


# Cases side by side: one of them waits 10 s on a slow connection, most wait on a child.
WORKERS = 4


def upload_budget(quick: bool) -> float:
    """The upload budget of the server of case 5: seconds, so that the case takes seconds."""
    return 3.0 if quick else 5.0


def tests_on_path() -> None:
    """The regression tests' modules import each other by name (pytest's rootdir mode)."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))


@dataclass
class Case:
    number: int
    defect: str
    checks: list[dict[str, Any]] = field(default_factory=list)
    skipped: str | None = None
    seconds: float = 0.0

    def record(self, sent: str, answer: int | str, held: bool, **seen: Any) -> None:
        self.checks.append({"sent": sent, "answer": answer, **seen, "held": bool(held)})

    @property
    def passed(self) -> bool | None:
        if self.skipped:
            return None
        return bool(self.checks) and all(check["held"] for check in self.checks)

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.number,
            "defect": self.defect,
            "checks": self.checks,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 1),
            "passed": self.passed,
        }


Server = tuple[subprocess.Popen[bytes], str]  # the process, its base URL


@dataclass
class Probe:
    """Where the cases run: a scratch folder and the servers, each started in the
    background (a case waits for the one it uses, so CLI cases run meanwhile)."""

    folder: Path
    quick: bool
    started: dict[str, Future[Server]]

    @property
    def base(self) -> str:
        """The main server: defaults but for the rate limit (none)."""
        return self.started["main"].result()[1]

    @property
    def limited(self) -> str:
        """A server with a rate limit of 0.5 requests/s: a burst of one request."""
        return self.started["limited"].result()[1]

    @property
    def budgeted(self) -> Server:
        """A server with an upload budget of seconds (case 5 stops it with SIGTERM)."""
        return self.started["budgeted"].result()


def cli(*args: str, wrap: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """`storylens ARGS` in a child process (run by `wrap`), its output decoded as UTF-8."""
    command = [*wrap, sys.executable, "-m", "storylens.cli", *args]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def servers(folder: Path, quick: bool) -> Iterator[Probe]:
    """The three servers, started side by side; all stopped afterwards, whatever happened."""
    flags = {
        "main": (),
        "limited": ("--rate-limit", "0.5"),
        "budgeted": ("--max-upload-seconds", str(upload_budget(quick))),
    }
    with ThreadPoolExecutor(len(flags)) as pool:
        started = {
            name: pool.submit(start_server, folder / f"{name}.db", *more)
            for name, more in flags.items()
        }
        try:
            yield Probe(folder, quick, started)
        finally:
            for future in started.values():
                if future.exception() is None:
                    stop(future.result()[0])


def run_case(number: int, defect: str, check: Callable[[Probe, Case], None], probe: Probe) -> Case:
    """One case; a harness failure is a failed check, never the end of the part."""
    case = Case(number, defect)
    began = time.monotonic()
    try:
        check(probe, case)
    except Exception as exc:  # the part reports, it does not stop
        case.record("(the case itself)", f"{type(exc).__name__}: {exc}"[:300], False)
    case.seconds = time.monotonic() - began
    return case


def run_probe(quick: bool = False) -> dict[str, Any]:
    from bench.reliability.probe_cases import CASES

    began = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="storylens-probe-") as tmp,
        servers(Path(tmp), quick) as probe,
        ThreadPoolExecutor(WORKERS) as pool,
    ):
        futures = [pool.submit(run_case, *case, probe) for case in CASES]
        cases = [future.result() for future in futures]
    cases.sort(key=lambda case: case.number)
    passed = sum(case.passed is True for case in cases)
    return {
        "form": "quick" if quick else "full",
        "cases": [case.as_json() for case in cases],
        "passed": passed,
        "skipped": sum(case.passed is None for case in cases),
        "seconds": round(time.monotonic() - began, 1),
        "held": passed == len(cases),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer variants, smaller floods")
    args = parser.parse_args(argv)
    print(json.dumps(run_probe(args.quick), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
