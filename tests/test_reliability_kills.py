"""The crash harness's kill planner: every planned kill must land while the ingest runs.

Planning by time once landed 3 kills of 20 (start-up outlasted the ingest); these pin down
the count-based plan so that cannot come back.
"""

from __future__ import annotations

import random

import pytest
from bench.reliability.kills import last_safe_target, plan_kills
from hypothesis import given
from hypothesis import strategies as st

BATCH = 16


def test_full_size_plan_spreads_twenty_kills_over_five_thousand_documents() -> None:
    plan = plan_kills(5000, 20, BATCH, random.Random(1))
    assert len(plan) == 20
    startups = [k for k in plan if k.startup]
    batches = [k.target for k in plan if not k.startup]
    assert plan[0].startup and plan[0].target == 0  # the first lands on the empty database
    assert len(startups) == 5
    assert batches == sorted(batches) and len(set(batches)) == len(batches)
    # One target in each fifteenth of the documents: none bunched up at one end.
    slices = [target * 15 // last_safe_target(5000, BATCH) for target in batches]
    assert sorted(set(slices)) == list(range(15))


def test_short_plan_for_ci_still_fits_every_kill_before_the_last_batches() -> None:
    plan = plan_kills(100, 3, BATCH, random.Random(0))
    assert [k.startup for k in plan].count(True) == 1
    assert all(k.target <= 100 - 2 * BATCH for k in plan)


def test_too_few_documents_for_a_kill_is_refused() -> None:
    with pytest.raises(ValueError, match="no room"):
        plan_kills(2 * BATCH, 1, BATCH, random.Random(0))


@given(
    docs=st.integers(2 * BATCH + 1, 20_000),
    kills=st.integers(0, 40),
    seed=st.integers(0, 2**32),
)
def test_every_plan_is_ordered_and_leaves_work_for_each_kill(
    docs: int, kills: int, seed: int
) -> None:
    plan = plan_kills(docs, kills, BATCH, random.Random(seed))
    assert len(plan) == kills
    targets = [k.target for k in plan]
    assert targets == sorted(targets)  # counts only grow: a later kill never waits for less
    assert all(0 <= t <= docs - 2 * BATCH for t in targets)
    assert all(0 <= k.delay < 1 for k in plan)
    for before, kill in zip([None, *plan], plan, strict=False):
        if kill.startup:  # a start-up kill waits for nothing beyond what its run starts from
            assert kill.target == (before.target if before else 0)
    if kills:
        assert plan[0].startup
        assert 1 <= sum(k.startup for k in plan) <= max(1, kills // 3 + 1)
