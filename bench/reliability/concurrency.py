"""Concurrency at the store: one ingest writing, many readers, and a second ingest.

An ingest of `docs` documents starts; reader processes (each with several threads sharing
one `Store`) list stories and load a random story's articles, and a `storylens stories
--json` loop reads through the CLI, all for as long as anything writes. Once the first
ingest has committed, a second one starts on an overlapping set of documents. Counted:
read operations and their errors ("database is locked" or any other), both ingests' exit
status and stderr, and whether every document ended stored exactly once with the two
ingests' "stored N new" adding up to the documents (no lost or double writes).

The same through the HTTP server, with 50 clients: `http_load`.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import re
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from bench.reliability.crash import ArticleCounter, _env, check_database, storylens
from bench.reliability.synthetic import write_jsonl
from storylens.errors import StorylensError
from storylens.store import open_store

THREADS_PER_READER = 4
# A pause between reads: on a small machine, readers spinning flat out starve the writers
# of CPU, which measures the CPU, not the locking.
READ_PAUSE = 0.01
_STORED = re.compile(r"stored (\d+) new articles, (\d+) already stored")


def _read_loop(db: str, stop: Any, results: Any) -> None:
    """One reader process: threads sharing one Store, reading until `stop` is set."""
    ops, errors = [0], []
    lock = threading.Lock()
    store = None
    while store is None and not stop.is_set():
        try:
            store = open_store(db)
        except StorylensError as exc:
            errors.append(f"open: {exc}")
            time.sleep(0.1)

    if store is None:  # stopped before the database would open
        results.put({"ops": 0, "errors": errors})
        return
    opened = store

    def work(seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            try:
                listed = opened.list_stories(limit=50)
                if listed:
                    opened.story_articles(rng.choice(listed).id)
                with lock:
                    ops[0] += 1
                time.sleep(READ_PAUSE)
            except StorylensError as exc:
                with lock:
                    errors.append(str(exc)[:300])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS_PER_READER)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    opened.close()
    results.put({"ops": ops[0], "errors": errors})


def _cli_loop(db: str, stop: threading.Event, tally: dict[str, Any]) -> None:
    while not stop.is_set():
        out = subprocess.run(
            storylens("stories", "--db", db, "--json"), env=_env(), capture_output=True
        )
        tally["cli_calls"] += 1
        if out.returncode != 0:
            tally["cli_errors"].append(out.stderr.decode(errors="replace")[-300:])
        else:
            json.loads(out.stdout)


def _ingest(inputs: Path, db: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        storylens("ingest", str(inputs), "--db", db, "--batch-size", "16"),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _finish(child: subprocess.Popen[bytes]) -> dict[str, Any]:
    _, stderr = child.communicate()
    text = stderr.decode(errors="replace")
    found = _STORED.search(text)
    return {
        "exit": child.returncode,
        "stored": int(found.group(1)) if found else None,
        "already": int(found.group(2)) if found else None,
        "locked_messages": text.count("locked"),
        "stderr_tail": text[-300:] if child.returncode else "",
    }


def run_concurrency(folder: Path, docs: int = 400, readers: int = 8) -> dict[str, Any]:
    first_ids = write_jsonl(folder / "first.jsonl", docs)
    # The second ingest overlaps the first by half: the same documents arrive twice at once.
    second_ids = write_jsonl(folder / "second.jsonl", docs, start=docs // 2)
    db = str(folder / "concurrent.db")
    context = multiprocessing.get_context("spawn")
    stop, results = context.Event(), context.Queue()
    started = time.monotonic()
    first = _ingest(folder / "first.jsonl", db)
    counter = ArticleCounter(db)
    while counter() == 0 and first.poll() is None:
        time.sleep(0.1)
    procs = [context.Process(target=_read_loop, args=(db, stop, results)) for _ in range(readers)]
    for proc in procs:
        proc.start()
    cli_stop = threading.Event()
    tally: dict[str, Any] = {"cli_calls": 0, "cli_errors": []}
    cli = threading.Thread(target=_cli_loop, args=(db, cli_stop, tally))
    cli.start()
    second = _ingest(folder / "second.jsonl", db)
    ingests = [_finish(first), _finish(second)]
    seconds = time.monotonic() - started
    stop.set()
    cli_stop.set()
    reads = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join()
    cli.join()
    counter.close()
    union = sorted(set(first_ids) | set(second_ids))
    checks = check_database(db, union)
    stored_sum = sum(i["stored"] or 0 for i in ingests)
    errors = [e for r in reads for e in r["errors"]] + tally["cli_errors"]
    result = {
        "documents": len(union),
        "reader_processes": readers,
        "reader_threads": readers * THREADS_PER_READER,
        "read_operations": sum(r["ops"] for r in reads),
        "cli_reads": tally["cli_calls"],
        "read_errors": len(errors),
        "locked_errors": sum("locked" in e for e in errors),
        "first_error": errors[0] if errors else None,
        "ingests": ingests,
        "stored_reported": stored_sum,
        "seconds": round(seconds, 1),
        **{k: checks[k] for k in ("stored", "lost", "duplicated", "wrong_story_counts")},
        "integrity_check": checks.get("integrity_check"),
    }
    result["held"] = concurrency_ok(result)
    return result


def concurrency_ok(result: dict[str, Any]) -> bool:
    return (
        result["read_errors"] == 0
        and all(i["exit"] == 0 and i["locked_messages"] == 0 for i in result["ingests"])
        and result["lost"] == 0
        and result["duplicated"] == 0
        and result["stored_reported"] == result["documents"]
        and result["wrong_story_counts"] == 0
        and result["integrity_check"] == "ok"
    )


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        outcome = run_concurrency(Path(tmp), docs=int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    print(json.dumps(outcome, indent=2))
