"""The fuzzer in its short CI mode, and the pieces it is built from (bench/reliability/)."""

from __future__ import annotations

import os
import random
import time
from typing import Any

import pytest
from bench.reliability.fuzz import (
    FuzzConfig,
    FuzzSummary,
    build_input,
    failure_problem,
    merge_summaries,
    run_fuzz,
)
from bench.reliability.mutate import MUTATORS, mutate
from bench.reliability.pool import Job, Pool
from bench.reliability.seeds import Seed, corpus_seeds

from storylens.records import Failure


def test_short_fuzz_run_has_no_crash_no_hang_and_only_reported_failures() -> None:
    # A few hundred inputs; every 100th also runs analyse → group → store → compare.
    config = FuzzConfig(inputs=300, workers=2, pipeline_every=100, shared_seeds=20, seed=3)
    summary = run_fuzz(config)
    assert summary.inputs == 300
    assert (summary.crashes, summary.hangs) == (0, 0), summary.findings
    assert (summary.unexpected, summary.malformed_failures, summary.silent) == (0, 0, 0), (
        summary.findings
    )
    assert summary.articles > 0 and summary.failures > 0  # both outcomes were exercised
    assert summary.pipeline_inputs == 3


def test_every_mutator_is_deterministic_and_changes_its_input() -> None:
    seed = corpus_seeds()[0]
    for name, mutator in MUTATORS.items():
        once = mutator(seed.data, random.Random(5))
        assert once == mutator(seed.data, random.Random(5)), name
    changed = sum(mutate(seed.data, random.Random(n))[0] != seed.data for n in range(50))
    assert changed >= 45


def test_an_input_is_rebuilt_from_its_number() -> None:
    seeds = [Seed("a.html", b"<html><p>Harbour news.</p></html>"), Seed("b.txt", b"text")]
    assert build_input(1, 0, seeds) == (seeds[0].data, "a.html", [])
    assert build_input(1, 40, seeds) == build_input(1, 40, seeds)
    assert build_input(1, 40, seeds)[2]  # a mutant names its mutations


@pytest.mark.parametrize(
    ("failure", "problem"),
    [
        (Failure("in.jsonl#3", "malformed JSON: x"), None),
        (Failure("other.html", "empty file"), "does not name the input"),
        (Failure("in.jsonl", " "), "empty reason"),
        (Failure("in.jsonl", "two\nlines"), "several lines"),
    ],
)
def test_failure_problems(failure: Failure, problem: str | None) -> None:
    found = failure_problem(failure, "in.jsonl")
    assert found == problem if problem is None else problem in (found or "")


def _handler(payload: str) -> dict[str, Any]:
    if payload == "hang":
        time.sleep(60)
    if payload == "raise":
        raise ValueError("boom")
    if payload == "die":
        os._exit(3)
    return {"status": "ok", "payload": payload}


def test_pool_counts_hangs_and_crashes_and_goes_on() -> None:
    jobs = [Job(n, p, 2.0) for n, p in enumerate(["a", "hang", "raise", "die", "b"])]
    with Pool(_handler, workers=2) as pool:
        results = {job.payload: result for job, result in pool.run(jobs)}
    assert results["a"] == {"status": "ok", "payload": "a"}
    assert results["b"] == {"status": "ok", "payload": "b"}
    assert results["hang"]["status"] == "hang"
    assert results["raise"]["status"] == "crash" and "ValueError: boom" in results["raise"]["error"]
    assert results["die"] == {"status": "crash", "error": "worker died (exit code 3)"}


def test_fuzz_runs_with_different_seeds_add_up_and_say_what_an_older_run_did_not_count() -> None:
    first = FuzzSummary(inputs=300, ok=299, hangs=1, failures=40, seeds=20, seed=11)
    first.reasons.update({"malformed JSON": 7, "empty file": 1})
    second = FuzzSummary(inputs=200, ok=200, failures=10, silent=0, seeds=25, seed=12)
    second.reasons.update({"malformed JSON": 2})
    older = first.as_json()
    del older["silent"]  # written before silent inputs were counted
    merged = merge_summaries([older, second.as_json()])
    assert (merged["inputs"], merged["ok"], merged["hangs"], merged["failures"]) == (
        500,
        499,
        1,
        50,
    )
    assert merged["reasons"] == {"malformed JSON": 9, "empty file": 1}
    assert (merged["silent"], merged["silent_inputs"]) == (0, 200)
    assert merged["chunks"] == [{"seed": 11, "inputs": 300}, {"seed": 12, "inputs": 200}]
    assert merged["seeds"] == 25 and "inputs_inputs" not in merged
