"""The twelve cases of bench/reliability/probe.py, one function each, in the issue's order.

Each sends what the probe of issue 27 sent (the regression tests' inputs, imported) and
records what came back. HTTP cases go to the part's `storylens serve`; CLI cases run
`storylens` in a child process.
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench.reliability.probe import Case, Probe, cli, stop, tests_on_path, upload_budget
from bench.reliability.served import TOKEN, start_server
from bench.reliability.upload_shutdown import EXIT_BOUND_S, big_html_gzip, post_files

tests_on_path()

from serve_support import ARTICLES  # noqa: E402
from storylens.serve.protocol import HEADER_TIMEOUT_S  # noqa: E402
from storylens.serve.upload import SHUTTING_DOWN  # noqa: E402
from test_cli_terminal import CONTROL, HOSTILE, hostile_jsonl  # noqa: E402
from test_read_warc import pages, warc_bytes  # noqa: E402
from test_serve_hostile import (  # noqa: E402
    TAMPERED_CURSORS,
    assert_error_page,
    assert_error_shape,
)
from test_store_existing import READING_COMMANDS, digest, foreign_sqlite_file  # noqa: E402
from test_store_read_only_fs import _namespaces_work  # noqa: E402

AUTH = {"Authorization": f"Bearer {TOKEN}"}
# The issue's own story key: 50,000 characters.
LONG_ID = "a" * 50_000
# The failures an ingest stores one by one (storylens.failure_log), then one counting row.
STORED_AT_MOST = 10_001
# Short Russian titles that charset-normalizer took for CJK or Latin code pages.
SHORT_CP1251 = ("Итоги дня", "Кремль", "Да", "Пожар", "ещё")


def _holds(check: Callable[..., object], *args: object) -> bool:
    try:
        check(*args)
    except (AssertionError, KeyError, ValueError):
        return False
    return True


def security_headers(response: httpx.Response) -> bool:
    csp = response.headers.get("content-security-policy", "")
    return "default-src 'none'" in csp and response.headers.get("x-content-type-options") == (
        "nosniff"
    )


def error_answer(
    case: Case, sent: str, response: httpx.Response, status: int, *, page: bool = False
) -> bool:
    """Record an error answer: its status, the documented shape (JSON or the error page)
    and the security headers. True when all three are right."""
    shape = _holds(assert_error_page if page else assert_error_shape, response, status)
    headers = security_headers(response)
    held = response.status_code == status and shape and headers
    case.record(sent, response.status_code, held, error_shape=shape, security_headers=headers)
    return held


def case_cursor(probe: Probe, case: Case) -> None:
    for name in ("huge integer", "deep nesting", "lone surrogate"):
        cursor = {"cursor": TAMPERED_CURSORS[name]}
        response = httpx.get(f"{probe.base}/api/stories", params=cursor, timeout=30)
        error_answer(case, f"GET /api/stories?cursor=<{name}>", response, 400)
        page = httpx.get(f"{probe.base}/", params=cursor, timeout=30)
        error_answer(case, f"GET /?cursor=<{name}>", page, 400, page=True)


def case_token(probe: Probe, case: Case) -> None:
    tokens = (b"\xc3\xa9", "tökén".encode(), b"\xff\xfe")
    for token in tokens[:1] if probe.quick else tokens:
        headers = {b"Authorization": b"Bearer " + token}
        response = httpx.post(f"{probe.base}/api/ingest", content=b"{}", headers=headers)
        error_answer(case, f"POST /api/ingest, Authorization: Bearer {token!r}", response, 401)


def case_database_path(probe: Probe, case: Case) -> None:
    folder = str(probe.folder)
    cursor = {"cursor": TAMPERED_CURSORS["true for a count"]}
    response = httpx.get(f"{probe.base}/api/stories", params=cursor, timeout=30)
    error_answer(case, "GET /api/stories?cursor=<true for a count>", response, 400)
    paths = ["/api/stories/" + LONG_ID] + (
        [] if probe.quick else [f"/api/stories/{LONG_ID}/report.md"]
    )
    for path in paths:
        response = httpx.get(probe.base + path, timeout=30)
        held = error_answer(case, "GET " + path.replace(LONG_ID, "<50,000 x 'a'>"), response, 404)
        quiet = folder not in response.text and len(response.content) < 500
        case.checks[-1].update(path_hidden=folder not in response.text, bytes=len(response.content))
        case.checks[-1]["held"] = held and quiet


def _stored_failures(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        rows: int = connection.execute("SELECT count(*) FROM failures").fetchone()[0]
    return rows


def case_flood(probe: Probe, case: Case) -> None:
    records = 12_000 if probe.quick else 50_000  # past the 10,000 rows stored one by one
    headers = {**AUTH, "Content-Type": "application/x-ndjson"}
    url = f"{probe.base}/api/ingest"
    response = httpx.post(url, content=b"{}\n" * records, headers=headers, timeout=120)
    answer = response.json()
    held = answer.get("failed_count") == records and len(answer.get("failed", [])) <= 20
    case.record(
        f"POST /api/ingest, {records:,} `{{}}` lines",
        response.status_code,
        response.status_code == 200 and held and len(response.content) < 100_000,
        failed_count=answer.get("failed_count"),
        reasons_returned=len(answer.get("failed", [])),
        bytes=len(response.content),
    )
    path, db = probe.folder / "bad.jsonl", probe.folder / "flood.db"
    path.write_bytes(b"{}\n" * records)
    done = cli("ingest", str(path), "--db", str(db))
    rows = _stored_failures(db)
    case.record(
        f"storylens ingest, {records:,} `{{}}` lines",
        f"exit {done.returncode}",
        done.returncode == 1 and rows <= STORED_AT_MOST,
        failure_rows=rows,
    )


def case_upload(probe: Probe, case: Case) -> None:
    """The budget of an upload, then SIGTERM amid one, on a server of its own."""
    page = big_html_gzip(3)  # ~15 s of extraction, far past the budget
    budget = upload_budget(probe.quick)
    server, base = probe.budgeted
    answer: dict[str, Any] = {}
    post_files(base, [page] * 2, answer)
    reasons = [f["reason"] for f in answer.get("body", {}).get("failed", [])]
    case.record(
        f"POST /api/ingest, 2 gzip pages of 3 MB HTML, --max-upload-seconds {budget:g}",
        answer.get("status", answer.get("error", "?")),
        answer.get("status") == 200
        and answer["seconds"] < budget + 10
        and any("time budget" in reason for reason in reasons),
        seconds=answer["seconds"],
        reasons=reasons,
    )
    during: dict[str, Any] = {}
    poster = threading.Thread(target=post_files, args=(base, [page] * 4, during))
    poster.start()
    time.sleep(1.0)  # the extraction child is at work
    sent = time.monotonic()
    stop(server)
    exit_s = round(time.monotonic() - sent, 2)
    poster.join(timeout=30)
    reasons = [f["reason"] for f in during.get("body", {}).get("failed", [])]
    case.record(
        "SIGTERM to serve 1 s into an upload of 4 such pages",
        f"exit {server.returncode} after {exit_s} s",
        exit_s < EXIT_BOUND_S and during.get("status") == 200 and reasons == [SHUTTING_DOWN],
        exit_seconds=exit_s,
        reasons=reasons,
    )


def case_forwarded(probe: Probe, case: Case) -> None:
    found = []
    with httpx.Client(base_url=probe.limited) as client:
        for n in range(1, 5):
            forwarded = {"X-Forwarded-For": f"203.0.113.{n}"}
            found.append(client.get("/healthz", headers=forwarded))
    statuses = [response.status_code for response in found]
    limited = [response for response in found[1:] if response.status_code == 429]
    case.record(
        "4 x GET /healthz from loopback, X-Forwarded-For 203.0.113.1-4, rate limit 0.5/s",
        ", ".join(map(str, statuses)),
        statuses[0] == 200 and bool(limited),
    )
    if limited:
        error_answer(case, "the 429 answer", limited[0], 429)


def _no_controls(case: Case, sent: str, done: Any, code: int, stream: str, marker: str) -> None:
    text = getattr(done, stream)
    clean = not CONTROL.search(text)
    case.record(
        sent,
        f"exit {done.returncode}",
        done.returncode == code and clean and marker in text,
        **{f"{stream}_free_of_controls": clean},
    )


def case_terminal(probe: Probe, case: Case) -> None:
    folder = probe.folder / "terminal"
    folder.mkdir()
    hostile = hostile_jsonl(folder)
    missing = str(folder / f"gone {HOSTILE}.html")
    sent = "storylens extract of a JSONL record with OSC, RIS, C1 CSI and CR in its text"
    if probe.quick:  # one run: the record to stdout, the missing file's error to stderr
        done = cli("extract", hostile, missing)
        sent += ", and of a missing file whose name holds them"
        _no_controls(case, sent, done, 1, "stdout", "\\u001b]0;pwned\\u0007")
        _no_controls(case, sent, done, 1, "stderr", "no such file")
        return
    _no_controls(case, sent, cli("extract", hostile), 0, "stdout", "\\u001b]0;pwned\\u0007")
    done = cli("extract", hostile, "--json")
    _no_controls(case, sent + " (--json)", done, 0, "stdout", "\\u001b]0;pwned\\u0007")
    sent = "storylens extract of a missing file whose name holds those sequences"
    _no_controls(case, sent, cli("extract", missing), 1, "stderr", "no such file")


def case_warc(probe: Probe, case: Case) -> None:
    data = warc_bytes(pages(3))
    start = data.index(b"WARC-Target-URI: ", data.index(b"WARC-Type: response"))
    data = data[:start] + data[data.index(b"\r\n", start) + 2 :]  # the first has no URI
    second = data.index(b"WARC/1.", data.index(b"WARC-Type: response", start))
    garbage = b"GARBAGE \x01 not a record\r\nmore of it\r\n\r\n"
    path = probe.folder / "crawl.warc"
    path.write_bytes(data[:second] + garbage + data[second:])
    done = cli("extract", str(path), "--json")
    read = [json.loads(line)["source"] for line in done.stdout.splitlines() if line.strip()]
    case.record(
        "storylens extract of a WARC of 3 pages: the first without WARC-Target-URI, "
        f"{len(garbage)} bytes of garbage after it",
        f"exit {done.returncode}",
        read == [f"{path}#{n}" for n in (1, 2, 3)] and "malformed WARC: skipped" in done.stderr,
        pages_read=len(read),
        reported=done.stderr.strip().split(": ", 1)[-1],
    )


def _read_only_wrap(folder: Path) -> list[str]:
    """A command prefix that remounts `folder` read-only (a user namespace), then execs."""
    mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}"
    script = f'{mount} && touch {folder}/probe 2>/dev/null && exit 99; exec "$@"'
    return [shutil.which("unshare") or "unshare", "-rm", "sh", "-c", script, "sh"]


def _read_only_stories(case: Case, db: Path, wrap: list[str]) -> None:
    listed = cli("stories", "--db", str(db), "--json", wrap=wrap)
    stories = json.loads(listed.stdout) if listed.returncode == 0 else []
    case.record(
        "storylens stories --json, the database on a read-only mount",
        f"exit {listed.returncode}",
        listed.returncode == 0 and bool(stories),
        stories=len(stories),
    )


def case_read_only(probe: Probe, case: Case) -> None:
    if not _namespaces_work():
        case.skipped = "needs `unshare -rm` (Linux user namespaces)"
        return
    folder = probe.folder / "rofs"
    folder.mkdir()
    db = folder / "s.db"
    cli("ingest", str(ARTICLES), "--db", str(db))
    wrap = _read_only_wrap(folder)
    if not probe.quick:
        _read_only_stories(case, db, wrap)
    server, base = start_server(db, wrap=wrap)
    try:
        response = httpx.get(f"{base}/api/stories", timeout=30)
        case.record(
            "GET /api/stories (serve on the read-only mount)",
            response.status_code,
            response.status_code == 200,
        )
        upload = httpx.post(f"{base}/api/ingest", content=b"{}", headers=AUTH, timeout=30)
        if error_answer(case, "POST /api/ingest there", upload, 403):
            case.checks[-1]["held"] = "read-only" in upload.json()["error"]
    finally:
        stop(server)


def case_existing(probe: Probe, case: Case) -> None:
    folder = probe.folder / "existing"
    folder.mkdir()
    commands = ["stories"] if probe.quick else list(READING_COMMANDS)
    for name in commands:
        typo = folder / "newsroom.bd"
        done = cli(*READING_COMMANDS[name], "--db", str(typo))
        one_line = done.stdout == "" and done.stderr.count("\n") == 1
        case.record(
            f"storylens {name} --db <a path that does not exist>",
            f"exit {done.returncode}",
            done.returncode == 1 and one_line and not any(folder.iterdir()),
            created=sorted(p.name for p in folder.iterdir()),
        )
        other = foreign_sqlite_file(folder / "notes.db")
        before = digest(other)
        done = cli(*READING_COMMANDS[name], "--db", str(other))
        beside = sorted(p.name for p in folder.iterdir())
        case.record(
            f"storylens {name} --db <an SQLite file of another program>",
            f"exit {done.returncode}",
            done.returncode == 1 and digest(other) == before and beside == ["notes.db"],
            untouched=digest(other) == before,
            files=beside,
        )
        other.unlink()


def _slow_headers(base: str) -> tuple[bool, float]:
    """Send a request's headers one line at a time, never the end: closed, and when."""
    host, port = base.removeprefix("http://").split(":")
    began = time.monotonic()
    closed = False
    with socket.create_connection((host, int(port)), timeout=5) as slow:
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        while time.monotonic() - began < HEADER_TIMEOUT_S + 5 and not closed:
            try:
                slow.sendall(b"X-Drip: 1\r\n")
                slow.settimeout(0.5)
                closed = slow.recv(1024) == b""
            except TimeoutError:
                continue
            except OSError:  # reset by the server
                closed = True
    return closed, round(time.monotonic() - began, 1)


def case_host(probe: Probe, case: Case) -> None:
    for path in ("/api/stories/", "/healthz/", "/static"):
        response = httpx.get(probe.base + path, headers={"Host": "evil.example"}, timeout=30)
        reflected = any("evil.example" in value for value in response.headers.values())
        page = not path.startswith("/api/")  # pages answer with the error page
        held = error_answer(case, f"GET {path}, Host: evil.example", response, 404, page=page)
        case.checks[-1].update(host_reflected=reflected, held=held and not reflected)
    closed, seconds = _slow_headers(probe.base)
    case.record(
        "headers one line at a time, never finished",
        f"closed after {seconds} s" if closed else f"open after {seconds} s",
        closed and seconds < HEADER_TIMEOUT_S + 3,
    )


def case_cp1251(probe: Probe, case: Case) -> None:
    folder = probe.folder / "cp1251"
    folder.mkdir()
    titles = SHORT_CP1251[:2] if probe.quick else SHORT_CP1251
    files = []
    for n, title in enumerate(titles):
        line = json.dumps({"title": title, "body": title}, ensure_ascii=False) + "\n"
        files.append(folder / f"news{n}.jsonl")
        files[-1].write_bytes(line.encode("cp1251"))
    done = cli("extract", *map(str, files), "--json")
    read = [json.loads(line)["title"] for line in done.stdout.splitlines() if line.strip()]
    case.record(
        f"storylens extract of {len(titles)} one-line JSONL files in cp1251: " + ", ".join(titles),
        f"exit {done.returncode}",
        read == list(titles),
        titles_read=read,
    )


# (number, the defect as the issue put it, the case): run side by side, the longest first.
CASES: list[tuple[int, str, Callable[[Probe, Case], None]]] = [
    (9, "a database on a read-only filesystem cannot be read", case_read_only),
    (11, "Host header reflected in a redirect; no header-read timeout", case_host),
    (5, "a huge upload holds the ingest lock; SIGTERM does not stop serve", case_upload),
    (4, "per-record failures kept in memory until the end", case_flood),
    (7, "terminal control sequences from inputs reach stdout and stderr", case_terminal),
    (8, "a WARC record without WARC-Target-URI, or garbage, drops the later records", case_warc),
    (10, "read commands create or modify whatever --db names", case_existing),
    (12, "short cp1251 text in a JSONL line is mis-decoded", case_cp1251),
    (1, "a tampered list cursor gives a text/plain 500 without security headers", case_cursor),
    (2, "a non-ASCII Bearer token gives a 500", case_token),
    (
        3,
        "cursor `true` or a 50,000-character id: 503 showing the database path",
        case_database_path,
    ),
    (6, "the rate limit is bypassed with X-Forwarded-For from loopback", case_forwarded),
]
