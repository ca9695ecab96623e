"""Resource bounds: inputs built to exhaust memory or time, each run in its own process.

Each bomb is written to a temporary folder and given to `storylens extract` (or `ingest`)
as a child process; its peak RSS comes from `os.wait4` (ru_maxrss of that child alone).
A bomb passes when the command ends within its time limit without a traceback, says why it
refused or cut the input when it should, and its peak RSS stays under the bound.

    python -m bench.reliability.bombs [--quick] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1024 * 1024
# Bounds on peak RSS, from measured runs (bench/results/reliability.md): `extract` of a
# refused bomb peaks near 165 MB (the interpreter and trafilatura), never near its expansion.
# An accepted 19 MB body costs ~20x its size in extract (paragraph and line copies, language
# guessing), ~380 MB: bounded by the 20 MB input limit. Ingest adds the models (~800 MB).
EXTRACT_BOUND_MB = 300
ACCEPTED_BOUND_MB = 700
INGEST_BOUND_MB = 2000
SECONDS = 300


@dataclass(slots=True, frozen=True)
class Bomb:
    name: str
    what: str
    build: Callable[[Path, int], tuple[list[str], Path | None]]  # args, stdin file
    expect: str | None  # what stderr must say (refused or cut); None: accepted, bounded
    command: str = "extract"
    bound_mb: int = EXTRACT_BOUND_MB


def _gzip_members(path: Path, head: bytes, unit: bytes, total: int, tail: bytes = b"") -> None:
    """A gzip of head + unit repeated to `total` bytes + tail, written as cheap members."""
    member = gzip.compress(unit, compresslevel=9)
    with path.open("wb") as out:
        out.write(gzip.compress(head))
        for _ in range(total // len(unit)):
            out.write(member)
        out.write(gzip.compress(tail))


def _gzip_bomb(folder: Path, scale: int) -> tuple[list[str], Path | None]:
    path = folder / "bomb.html.gz"
    _gzip_members(path, b"<html><body><p>", b"a" * (16 * MB), scale * 1024 * MB)
    return [str(path)], None


def _jsonl_bomb(folder: Path, scale: int) -> tuple[list[str], Path | None]:
    path = folder / "bomb.jsonl.gz"
    head = b'{"title": "ok", "text": "fine"}\n{"text": "'
    _gzip_members(path, head, b"b" * (16 * MB), scale * 1024 * MB, b'"}\n{"text": "after"}\n')
    return [str(path)], None


def _warc_bomb(folder: Path, scale: int) -> tuple[list[str], Path | None]:
    path = folder / "bomb.warc.gz"
    line = b"<p>" + b"c" * 120 + b"</p>\n"  # a page's lines: only the record is too big
    unit = line * (16 * MB // len(line))
    size = scale * 1024 * MB // len(unit) * len(unit)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.test/\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(http) + size}\r\n\r\n".encode()
        + http
    )
    _gzip_members(path, head, unit, size, b"\r\n\r\n")
    return [str(path)], None


def _long_line(folder: Path, scale: int) -> tuple[list[str], Path | None]:
    path = folder / "line.txt"
    with path.open("wb") as out:
        for _ in range(scale * 200 // 8):
            out.write(b"word " * (8 * MB // 5))
    return ["-"], path  # through stdin: no file size to refuse it by


def _long_jsonl_line(folder: Path, scale: int) -> tuple[list[str], Path | None]:
    path = folder / "line.jsonl"
    with path.open("wb") as out:
        out.write(b'{"text": "')
        for _ in range(scale * 200 // 8):
            out.write(b"word " * (8 * MB // 5))
        out.write(b'"}\n{"text": "The second record still reads."}\n')
    return [str(path)], None


def _deep_html(folder: Path, scale: int) -> tuple[list[str], Path | None]:
    del scale
    path = folder / "deep.html"
    depth = 100_000
    body = b"<p>A harbour crane fell on Tuesday, the port authority said.</p>" * 20
    path.write_bytes(b"<html><body>" + b"<div>" * depth + body + b"</div>" * depth)
    return [str(path)], None


def _giant_string(folder: Path, scale: int) -> tuple[list[str], Path | None]:
    del scale
    path = folder / "giant.json"
    words = "The council met again and the vote was delayed. " * (19 * MB // 50)
    path.write_text(json.dumps({"title": "Council vote", "text": words}))
    return [str(path)], None


BOMBS = [
    Bomb("gzip bomb", "1 MB of gzip expanding to 1 GB", _gzip_bomb, "decompressed size over"),
    Bomb("gzip JSONL bomb", "a 1 GB JSONL line inside gzip", _jsonl_bomb, "record is over"),
    Bomb("WARC bomb", "a gzipped WARC record of 1 GB", _warc_bomb, "record is over"),
    Bomb("200 MB line (stdin)", "one 200 MB line through a pipe", _long_line, "input is over"),
    Bomb("200 MB JSONL line", "one 200 MB JSONL record", _long_jsonl_line, "record is over"),
    Bomb("HTML 100,000 deep", "<div> nested 100,000 levels", _deep_html, "nested over 255"),
    Bomb(
        "JSON giant string",
        "a 19 MB string body (under the limit)",
        _giant_string,
        None,
        bound_mb=ACCEPTED_BOUND_MB,
    ),
    Bomb(
        "JSON giant string, ingested",
        "the same through analyse, group and store",
        _giant_string,
        None,
        command="ingest",
        bound_mb=INGEST_BOUND_MB,
    ),
]


def _command(bomb: Bomb, args: list[str], folder: Path) -> list[str]:
    base = [sys.executable, "-m", "storylens", bomb.command, *args]
    return [*base, "--db", str(folder / "bomb.db")] if bomb.command == "ingest" else base


def run_bomb(bomb: Bomb, scale: int = 1) -> dict[str, Any]:
    """Build and run one bomb; its figures and whether it held."""
    with tempfile.TemporaryDirectory(prefix="storylens-bomb-") as tmp:
        folder = Path(tmp)
        args, stdin_path = bomb.build(folder, scale)
        input_bytes = sum(p.stat().st_size for p in folder.iterdir())
        started = time.monotonic()
        with (stdin_path or Path(os.devnull)).open("rb") as stdin:
            child = subprocess.Popen(
                _command(bomb, args, folder),
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": _pythonpath()},
            )
            stderr, status, rss_kb = _wait(child)
        seconds = time.monotonic() - started
    return _verdict(bomb, stderr, status, rss_kb, seconds, input_bytes)


def _wait(child: subprocess.Popen[bytes]) -> tuple[str, int | None, int]:
    """stderr, exit status (None: killed at the time limit) and peak RSS in KB.

    The peak is the child's own high-water mark after exec (/proc VmHWM, read while it
    runs): `ru_maxrss` of a forked child keeps the parent's RSS at fork time, so a child
    of a test process holding the models would report gigabytes it never touched.
    """
    assert child.stderr is not None
    deadline = time.monotonic() + SECONDS
    chunks: list[bytes] = []
    peak_kb = 0
    os.set_blocking(child.stderr.fileno(), False)
    while True:
        peak_kb = max(peak_kb, _high_water_kb(child.pid))
        pid, wait_status, usage = os.wait4(child.pid, os.WNOHANG)
        chunk = child.stderr.read()
        if chunk:
            chunks.append(chunk[: 64 * 1024])
        if pid:
            break
        if time.monotonic() > deadline:
            child.kill()
            pid, wait_status, usage = os.wait4(child.pid, 0)
            child.returncode = -9
            return b"".join(chunks).decode(errors="replace"), None, peak_kb or usage.ru_maxrss
        time.sleep(0.02)
    child.returncode = os.waitstatus_to_exitcode(wait_status)
    return b"".join(chunks).decode(errors="replace"), child.returncode, peak_kb or usage.ru_maxrss


def _high_water_kb(pid: int) -> int:
    """The process' peak resident set (VmHWM) in KB; 0 where /proc does not say."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _pythonpath() -> str:
    src = str(Path(__file__).resolve().parents[2] / "src")
    return os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)


def _verdict(
    bomb: Bomb, stderr: str, status: int | None, rss_kb: int, seconds: float, size: int
) -> dict[str, Any]:
    problems = []
    if status is None:
        problems.append(f"still running after {SECONDS} s")
    elif status not in (0, 1):
        problems.append(f"exit status {status}")
    if "Traceback" in stderr:
        problems.append("traceback on stderr")
    if bomb.expect and bomb.expect not in stderr:
        problems.append(f"stderr does not say {bomb.expect!r}")
    peak_mb = rss_kb / 1024
    if peak_mb > bomb.bound_mb:
        problems.append(f"peak RSS {peak_mb:.0f} MB over {bomb.bound_mb} MB")
    message = next((line for line in stderr.splitlines() if ": " in line), "")
    return {
        "bomb": bomb.name,
        "what": bomb.what,
        "command": bomb.command,
        "input_mb": round(size / MB, 1),
        "exit": status,
        "message": message[:200],
        "peak_rss_mb": round(peak_mb),
        "bound_mb": bomb.bound_mb,
        "seconds": round(seconds, 1),
        "held": not problems,
        "problems": problems,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the resource-bound bombs.")
    parser.add_argument("--only", default=None, help="bombs whose name contains this")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    results = []
    for bomb in BOMBS:
        if args.only and args.only.lower() not in bomb.name.lower():
            continue
        result = run_bomb(bomb)
        print(json.dumps(result), flush=True)
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0 if all(r["held"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
