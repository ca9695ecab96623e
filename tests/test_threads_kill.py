"""Threads survive `kill -9` (issue 25): an ingest SIGKILLed mid-way and restarted ends with
the threads of a run that was never interrupted.

`storylens ingest` runs as a child process over the invented developing-story fixture
(tests/fixtures/threads/developing.jsonl: an arson case over three events, two earthquakes),
one article a batch so every article is its own commit; it is killed twice, each time once
the store holds a planned number of articles and before it holds them all, then run again
until it finishes. The restarted runs rebuild the grouper and the thread linker by replaying
the stored placements (`pipeline.restored_threads`).
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest
from bench.reliability.crash import ArticleCounter, _env, storylens

FIXTURE = Path(__file__).parent / "fixtures" / "threads" / "developing.jsonl"
DOCS = sum(1 for _ in FIXTURE.open("rb"))
KILL_AT = (4, 10)  # stored articles after which each kill comes
POLL = 0.02

pytestmark = pytest.mark.models  # every run loads the models


def _ingest(db: Path) -> subprocess.Popen[bytes]:
    command = storylens("ingest", str(FIXTURE), "--db", str(db), "--batch-size", "1")
    return subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(child: subprocess.Popen[bytes]) -> None:
    _, stderr = child.communicate(timeout=600)
    assert child.returncode == 0, stderr.decode()[-2000:]


def _kill_after(db: Path, target: int) -> int:
    """Start the ingest, SIGKILL it once `target` articles are stored; the count then."""
    counter = ArticleCounter(str(db))
    child = _ingest(db)
    deadline = time.monotonic() + 600
    try:
        while child.poll() is None and time.monotonic() < deadline:
            if counter() >= target:
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(POLL)
        child.communicate(timeout=60)
        assert child.returncode == -signal.SIGKILL, "the ingest ended before the kill"
        return counter()
    finally:
        counter.close()
        if child.poll() is None:
            child.kill()


def _threads(db: Path) -> tuple[set[frozenset[str]], dict[str, str]]:
    """The threads as sets of input ids, and each input's thread id (`stories --json`)."""
    out = subprocess.run(
        storylens("stories", "--db", str(db), "--json"),
        env=_env(),
        check=True,
        capture_output=True,
    )
    thread_of = {}
    for story in json.loads(out.stdout):
        for article in story["articles"]:
            thread_of[article["input_id"]] = story["thread"]
    members: dict[str, set[str]] = {}
    for input_id, thread in thread_of.items():
        members.setdefault(thread, set()).add(input_id)
    return {frozenset(m) for m in members.values()}, thread_of


def test_an_ingest_killed_twice_ends_with_the_uninterrupted_threads(tmp_path: Path) -> None:
    reference, killed = tmp_path / "reference.db", tmp_path / "killed.db"
    _finish(_ingest(reference))
    stored = [_kill_after(killed, target) for target in KILL_AT]
    # Each kill landed inside the ingest: some articles stored, not all.
    assert all(target <= n < DOCS for target, n in zip(KILL_AT, stored, strict=True)), stored
    _finish(_ingest(killed))

    expected, expected_ids = _threads(reference)
    found, found_ids = _threads(killed)
    assert len(expected_ids) == DOCS and None not in expected_ids.values()
    assert any(len(members) > 3 for members in expected)  # the case's events are linked
    assert found == expected
    assert found_ids == expected_ids  # the same thread ids too
