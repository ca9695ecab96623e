"""Where the crash harness kills `storylens ingest`: planned by stored-article count.

Planning by time failed: start-up (imports, model loading) varies with the machine's load
and dwarfed the ingest, so most kills planned by the clock came after the run had finished.
Counts do not drift: a kill is due once the database holds `target` articles, then lands
after a random part of one batch's time, so it falls while the next batch is analysed or
committed. A few kills land during start-up instead, before the run's first commit.

Every planned kill lands: a target is at most the count before the last two batches, and
the harness kills at once when the next commit shows up, so the process always has a batch
still to write when the signal arrives.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import pairwise

STARTUP_SHARE = 0.2  # a fifth of the kills land during a run's start-up


@dataclass(frozen=True, slots=True)
class PlannedKill:
    """One kill: due when `target` articles are stored, after `delay` of a span.

    The span is one batch's time, or for a start-up kill the start-up's time (measured on
    the uninterrupted run). A start-up kill's target is the count its run starts from.
    """

    target: int
    delay: float  # in [0, 1): the share of the span to wait once due
    startup: bool


def last_safe_target(docs: int, batch_size: int) -> int:
    """The highest count a kill may wait for and still find the ingest running."""
    return docs - 2 * batch_size


def plan_kills(docs: int, kills: int, batch_size: int, rng: random.Random) -> list[PlannedKill]:
    """`kills` kills in the order they land, spread over the documents.

    The batch kills' targets are one uniform draw in each of `kills - startup` equal slices
    of 1..last_safe_target, so they cover the whole ingest; the first kill and a few others
    land during start-up (the first on the empty database, while it is being created).
    """
    if kills <= 0:
        return []
    highest = last_safe_target(docs, batch_size)
    if highest < 1:
        raise ValueError(f"{docs} documents leave no room for a kill (batch {batch_size})")
    startups = 1 + round((kills - 1) * STARTUP_SHARE) if kills > 1 else 1
    targets = _spread(highest, kills - startups, rng)
    startup_slots = {0, *rng.sample(range(1, kills), startups - 1)}
    plan: list[PlannedKill] = []
    for slot in range(kills):
        if slot in startup_slots:
            previous = plan[-1].target if plan else 0
            plan.append(PlannedKill(previous, rng.random(), startup=True))
        else:
            plan.append(PlannedKill(targets.pop(0), rng.random(), startup=False))
    return plan


def _spread(highest: int, count: int, rng: random.Random) -> list[int]:
    """`count` ascending targets in 1..highest, one drawn from each of `count` equal slices."""
    if count <= 0:
        return []
    edges = [1 + (highest * i) // count for i in range(count + 1)]
    return [rng.randint(low, max(low, high - 1)) for low, high in pairwise(edges)]
