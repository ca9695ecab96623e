"""Crash safety: `storylens ingest` killed with SIGKILL at random points, then rerun.

The same command is started again after every kill, until it finishes. The database must
then hold every document exactly once, the same stories (by membership) as a run that was
never interrupted, and be consistent: `PRAGMA integrity_check` on SQLite, and on both
backends every story's article count matching its articles.

    python -m bench.reliability.crash --docs 2000 --kills 20 [--pg URL]
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
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.reliability.synthetic import write_jsonl
from storylens.store.engine import create_store_engine, resolve_url

BATCH_SIZE = 16  # small batches: many commits for a kill to land between or inside
STARTUP_KILLS = 0.25  # share of kills landing before the first commit
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
    """Start the ingest and SIGKILL it `kills` times, then let the last run finish.

    A quarter of the kills land during start-up (imports, models, migrations); the others
    at a random moment after the run's first commit, within twice an even share of the
    ingest's time, so the kills spread over the whole ingest and every run makes progress.
    """
    total, startup = timing
    share = 2 * max(total - startup, 1.0) / max(kills, 1)
    counter = ArticleCounter(db)
    landed: list[int] = []
    runs = 0
    started = time.monotonic()
    while True:
        runs += 1
        child = subprocess.Popen(
            ingest_command(inputs, db),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if len(landed) < kills:
            during_startup = rng.random() < STARTUP_KILLS
            if _kill_at_random(child, counter, during_startup, (startup, share), rng):
                landed.append(counter())
                _close(child)
                continue
        _, stderr = child.communicate()
        if child.returncode != 0:
            raise RuntimeError(f"ingest exited {child.returncode}: {stderr.decode()[-2000:]}")
        break
    counter.close()
    return {
        "kills": len(landed),
        "runs": runs,
        "stored_at_kills": landed,
        "seconds": round(time.monotonic() - started, 1),
    }


def _kill_at_random(
    child: subprocess.Popen[bytes],
    counter: ArticleCounter,
    during_startup: bool,
    spans: tuple[float, float],
    rng: random.Random,
) -> bool:
    """SIGKILL the child at a random point; False when it finished first."""
    startup, share = spans
    started = time.monotonic()
    before = counter()
    kill_at = started + rng.uniform(0.2, startup) if during_startup else None
    while child.poll() is None:
        now = time.monotonic()
        if kill_at is None and counter() > before:
            kill_at = now + rng.uniform(0, share)
        if kill_at is not None and now >= kill_at:
            child.send_signal(signal.SIGKILL)
            child.wait()
            return True
        time.sleep(POLL)
    return False


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
        result["lost"] == 0
        and result["duplicated"] == 0
        and result["stored"] == result["documents"]
        and result["stories_same"]
        and result["wrong_story_counts"] == 0
        and result["orphan_articles"] == 0
        and result.get("integrity_check", "ok") == "ok"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kill ingest at random points; check the DB.")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storylens-crash-") as tmp:
        folder = Path(tmp)
        result = crash_test(
            folder,
            args.docs,
            args.kills,
            str(folder / "ref.db"),
            str(folder / "crash.db"),
            args.seed,
        )
    print(json.dumps(result))
    return 0 if crash_ok(result) else 1


if __name__ == "__main__":
    raise SystemExit(main())
