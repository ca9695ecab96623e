"""Concurrency through the server: `storylens serve` answering many clients while an ingest
writes to its database and a second ingest starts.

The store-level harness (`concurrency`) reads through `Store`; this one reads the way users
do, over HTTP. Clients list stories and fetch a random story's page or JSON as fast as the
server answers, for as long as anything writes. Counted: requests, their status codes, and
errors: a 5xx, a failed connection, a timeout, or a body mentioning "locked". A 404 is a
story merged away between the listing and the fetch (`gone`), which is what a reader must
see then. The documents are checked afterwards as in the crash harness: stored once each.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from bench.reliability.concurrency import _finish, _ingest
from bench.reliability.crash import ArticleCounter, check_database
from bench.reliability.synthetic import write_jsonl
from bench.serve import server

REQUEST_TIMEOUT_S = 120.0
START_TIMEOUT_S = 300.0


def _client(base: str, seed: int, stop: threading.Event, tally: dict[str, Any]) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as http:
        while not stop.is_set():
            _one_visit(http, rng, tally)


def _one_visit(http: httpx.Client, rng: random.Random, tally: dict[str, Any]) -> None:
    try:
        listed = http.get("/api/stories", params={"limit": 20})
        _count(tally, listed)
        stories = listed.json()["stories"] if listed.status_code == 200 else []
        if stories:
            story = rng.choice(stories)["id"]
            path = rng.choice([f"/stories/{story}", f"/api/stories/{story}"])
            _count(tally, http.get(path))
    except (httpx.HTTPError, ValueError) as error:
        with tally["lock"]:
            tally["errors"].append(f"{type(error).__name__}: {error}"[:300])


def _count(tally: dict[str, Any], response: httpx.Response) -> None:
    with tally["lock"]:
        tally["status"][response.status_code] += 1
        if response.status_code >= 500 or "locked" in response.text[:2000].lower():
            tally["errors"].append(f"{response.status_code}: {response.text[:300]}")


def _wait_until_listening(base: str) -> None:
    started = time.monotonic()
    while time.monotonic() - started < START_TIMEOUT_S:
        try:
            if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.2)
    raise RuntimeError("the server did not start in time")


def run_http_load(folder: Path, docs: int = 200, clients: int = 50) -> dict[str, Any]:
    first_ids = write_jsonl(folder / "first.jsonl", docs)
    second_ids = write_jsonl(folder / "second.jsonl", docs, start=docs // 2)
    db = str(folder / "served.db")
    started = time.monotonic()
    first = _ingest(folder / "first.jsonl", db)
    counter = ArticleCounter(db)
    while counter() == 0 and first.poll() is None:
        time.sleep(0.1)
    tally: dict[str, Any] = {"lock": threading.Lock(), "status": Counter(), "errors": []}
    stop = threading.Event()
    with server(db, workers=1, warm=False) as (base, _):
        _wait_until_listening(base)
        threads = [
            threading.Thread(target=_client, args=(base, n, stop, tally)) for n in range(clients)
        ]
        for thread in threads:
            thread.start()
        second = _ingest(folder / "second.jsonl", db)
        ingests = [_finish(first), _finish(second)]
        stop.set()
        for thread in threads:
            thread.join()
    counter.close()
    union = sorted(set(first_ids) | set(second_ids))
    checks = check_database(db, union)
    status: Counter[int] = tally["status"]
    result = {
        "documents": len(union),
        "clients": clients,
        "requests": sum(status.values()),
        "status": {str(code): n for code, n in sorted(status.items())},
        "gone": status[404],
        "errors": len(tally["errors"]),
        "locked_errors": sum("locked" in e.lower() for e in tally["errors"]),
        "first_error": tally["errors"][0] if tally["errors"] else None,
        "ingests": ingests,
        "stored_reported": sum(i["stored"] or 0 for i in ingests),
        "seconds": round(time.monotonic() - started, 1),
        **{k: checks[k] for k in ("stored", "lost", "duplicated", "wrong_story_counts")},
        "integrity_check": checks.get("integrity_check"),
    }
    result["held"] = http_load_ok(result)
    return result


def http_load_ok(result: dict[str, Any]) -> bool:
    return (
        result["errors"] == 0
        and result["requests"] > 0
        and all(i["exit"] == 0 and i["locked_messages"] == 0 for i in result["ingests"])
        and result["lost"] == 0
        and result["duplicated"] == 0
        and result["stored_reported"] == result["documents"]
        and result["integrity_check"] == "ok"
    )


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        outcome = run_http_load(Path(tmp), docs=int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    print(json.dumps(outcome, indent=2))
