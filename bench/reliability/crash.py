"""Crash safety: `storylens ingest` killed with SIGKILL at planned points, then rerun.

Kills are planned by stored-article count (`kills.plan_kills`): spread over the documents,
a few during start-up, each landing while the run still has work. The same command is
started again after every kill, until it finishes. The database must then hold every
document exactly once, the same stories (by membership) as a run that was never
interrupted, and be consistent: `PRAGMA integrity_check` on SQLite, and on both
backends every story's article count matching its articles.

    python -m bench.reliability.crash --docs 5000 --kills 20 [--pg URL]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.reliability.kills import PlannedKill, plan_kills
from bench.reliability.pg import pg_schema
from bench.reliability.synthetic import write_jsonl
from storylens.store.engine import create_store_engine, resolve_url

BATCH_SIZE = 16  # small batches: many commits for a kill to land between or inside
POLL = 0.1
ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    src = str(ROOT / "src")
    path = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def storylens(*args: str) -> list[str]:
    return [sys.executable, "-m", "storylens", *args]


def ingest_command(inputs: Path, db: str) -> list[str]:
    return storylens("ingest", str(inputs), "--db", db, "--batch-size", str(BATCH_SIZE))


class ArticleCounter:
    """Counts a database's articles while an ingest writes to it (one engine, reused)."""

    def __init__(self, db: str) -> None:
        self._engine = create_store_engine(resolve_url(db)[0])

    def __call__(self) -> int:
        try:
            with self._engine.connect() as connection:
                return int(connection.scalar(text("SELECT count(*) FROM articles")) or 0)
        except Exception:  # no tables yet: the first run is still migrating
            return 0

    def close(self) -> None:
        self._engine.dispose()


def run_uninterrupted(inputs: Path, db: str) -> tuple[float, float]:
    """Total seconds, and seconds until the first batch was committed (the start-up)."""
    counter = ArticleCounter(db)
    started = time.monotonic()
    first_commit = None
    child = subprocess.Popen(
        ingest_command(inputs, db), env=_env(), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    while child.poll() is None:
        if first_commit is None and counter() > 0:
            first_commit = time.monotonic() - started
        time.sleep(POLL)
    counter.close()
    _, stderr = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"ingest exited {child.returncode}: {stderr.decode()[-2000:]}")
    total = time.monotonic() - started
    return total, first_commit or total


def run_with_kills(
    inputs: Path, db: str, kills: int, timing: tuple[float, float], rng: random.Random
) -> dict[str, Any]:
    """Start the ingest, SIGKILL it as planned (`plan_kills`), then let the last run finish."""
    total, startup = timing
    docs = sum(1 for _ in inputs.open("rb"))
    batches = max(1, -(-docs // BATCH_SIZE))
    spans = Spans(startup=startup, batch=max(total - startup, 0.0) / batches)
    plan = plan_kills(docs, kills, BATCH_SIZE, rng)
    counter = ArticleCounter(db)
    landed: list[dict[str, Any]] = []
    runs = 0
    started = time.monotonic()
    for kill in plan:
        runs += 1
        child = _start(inputs, db)
        landed.append(_kill_as_planned(child, counter, kill, spans))
        _close(child)
        # Start-up is as slow as the machine is busy: aim start-up kills at the quickest
        # start-up seen, so they land before the first commit more often.
        if landed[-1]["first_commit_after"] is not None:
            spans = replace(spans, startup=min(spans.startup, landed[-1]["first_commit_after"]))
    runs += 1
    child = _start(inputs, db)
    _, stderr = child.communicate()
    counter.close()
    if child.returncode != 0:
        raise RuntimeError(f"ingest exited {child.returncode}: {stderr.decode()[-2000:]}")
    return {
        "kills_planned": len(plan),
        "kills": sum(k["landed"] for k in landed),
        "startup_kills": sum(k["landed"] and k["before_first_commit"] for k in landed),
        "runs": runs,
        "stored_at_kills": [k["stored"] for k in landed],
        "seconds": round(time.monotonic() - started, 1),
    }


@dataclass(frozen=True, slots=True)
class Spans:
    """Seconds measured on the uninterrupted run: its start-up, and one batch on average."""

    startup: float
    batch: float


def _start(inputs: Path, db: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ingest_command(inputs, db), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _kill_as_planned(
    child: subprocess.Popen[bytes], counter: ArticleCounter, kill: PlannedKill, spans: Spans
) -> dict[str, Any]:
    """SIGKILL the child once the kill is due; what was stored then, and whether it landed.

    Due: for a start-up kill, after its share of the start-up; for the others, once
    `kill.target` articles are stored and then its share of a batch. Either way the kill
    comes at once when a commit shows up during the wait, so a start-up kill lands before
    the second commit at the latest and a batch kill before the process can run out of work.
    """
    started, at_start, first_commit_after = time.monotonic(), counter(), None
    waited_from, count_then = (time.monotonic(), at_start) if kill.startup else (None, None)
    while child.poll() is None:
        stored = counter()
        if first_commit_after is None and stored != at_start:
            first_commit_after = time.monotonic() - started
        if waited_from is None and stored >= kill.target:
            waited_from, count_then = time.monotonic(), stored
        if waited_from is not None:
            span = spans.startup if kill.startup else spans.batch
            due = time.monotonic() >= waited_from + kill.delay * span
            if due or stored != count_then:
                child.send_signal(signal.SIGKILL)
                break
        time.sleep(POLL)
    child.wait()
    stored = counter()
    return {
        "landed": child.returncode == -signal.SIGKILL,
        "stored": stored,
        "before_first_commit": stored == at_start,
        "first_commit_after": first_commit_after,
    }


def _close(child: subprocess.Popen[bytes]) -> None:
    if child.stderr is not None:
        child.stderr.close()


def _query(db: str, sql: str) -> list[Any]:
    url, _ = resolve_url(db)
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql)))
    except Exception:  # a database the first run had no time to create
        return []
    finally:
        engine.dispose()


def story_membership(db: str) -> set[frozenset[str]]:
    """The stories as sets of input ids, from `storylens stories --json`."""
    out = subprocess.run(
        storylens("stories", "--db", db, "--json"), env=_env(), check=True, capture_output=True
    )
    listed = json.loads(out.stdout)
    return {frozenset(a["input_id"] for a in story["articles"]) for story in listed}


def check_database(db: str, ids: list[str]) -> dict[str, Any]:
    """Documents lost and duplicated, and the consistency checks."""
    stored = [row[0] for row in _query(db, "SELECT input_id FROM articles")]
    counts = _query(
        db,
        "SELECT s.id FROM stories s LEFT JOIN articles a ON a.story_id = s.id "
        "GROUP BY s.id, s.article_count HAVING count(a.id) != s.article_count",
    )
    orphans = _query(
        db,
        "SELECT count(*) FROM articles a WHERE a.story_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM stories s WHERE s.id = a.story_id)",
    )
    result: dict[str, Any] = {
        "documents": len(ids),
        "stored": len(stored),
        "lost": len(set(ids) - set(stored)),
        "duplicated": len(stored) - len(set(stored)),
        "wrong_story_counts": len(counts),
        "orphan_articles": int(orphans[0][0]) if orphans else None,
    }
    if resolve_url(db)[0].get_backend_name() == "sqlite":
        result["integrity_check"] = _query(db, "PRAGMA integrity_check")[0][0]
    return result


def crash_test(
    folder: Path, docs: int, kills: int, reference_db: str, crashed_db: str, seed: int = 1
) -> dict[str, Any]:
    """The whole check: reference run, killed runs, comparison. Returns the figures."""
    inputs = folder / "docs.jsonl"
    ids = write_jsonl(inputs, docs)
    timing = run_uninterrupted(inputs, reference_db)
    killed = run_with_kills(inputs, crashed_db, kills, timing, random.Random(seed))
    reference = story_membership(reference_db)
    crashed = story_membership(crashed_db)
    checks = check_database(crashed_db, ids)
    return {
        "backend": resolve_url(crashed_db)[0].get_backend_name(),
        "reference_seconds": round(timing[0], 1),
        "startup_seconds": round(timing[1], 1),
        **killed,
        **checks,
        "stories": len(reference),
        "stories_same": reference == crashed,
        "stories_differing": len(reference ^ crashed),
    }


def crash_ok(result: dict[str, Any]) -> bool:
    return (
        result["kills"] == result["kills_planned"]
        and result["lost"] == 0
        and result["duplicated"] == 0
        and result["stored"] == result["documents"]
        and result["stories_same"]
        and result["wrong_story_counts"] == 0
        and result["orphan_articles"] == 0
        and result.get("integrity_check", "ok") == "ok"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kill ingest at random points; check the DB.")
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg", default=None, help="a PostgreSQL server URL instead of SQLite")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storylens-crash-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        if args.pg:
            reference = stack.enter_context(pg_schema(args.pg))
            crashed = stack.enter_context(pg_schema(args.pg))
        else:
            reference, crashed = str(folder / "ref.db"), str(folder / "crash.db")
        result = crash_test(folder, args.docs, args.kills, reference, crashed, args.seed)
    print(json.dumps(result))
    return 0 if crash_ok(result) else 1


if __name__ == "__main__":
    raise SystemExit(main())
