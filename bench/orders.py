"""Arrival orders: the same articles fed in other orders that their dates allow.

The story files are sorted by date with a seeded tie-break, so articles of one day (and all
of ecbplus, which has no dates) could as well arrive in any other order. A streaming rule
tuned on the one order in the file can fit that order's accidents (which event's report
came first); scoring and tuning over several orders measures what a new stream would get.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")


def reordered(items: Sequence[Item], day: Callable[[Item], str], seed: int) -> list[Item]:
    """The items in date order, shuffled within each day by `seed`; seed 0 keeps the file's
    order (already in date order)."""
    if seed == 0:
        return list(items)
    rng = random.Random(seed)
    keyed = sorted((day(item), rng.random(), n) for n, item in enumerate(items))
    return [items[n] for _, _, n in keyed]


def mean_scores(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Each numeric score's mean over the runs of several orders (notes dropped)."""
    numeric = [key for key, value in runs[0].items() if isinstance(value, int | float)]
    return {key: sum(run[key] for run in runs) / len(runs) for key in numeric}


def record_day(line: str) -> str:
    """The day of one line of a story set's articles.jsonl ("" when undated)."""
    return str(json.loads(line).get("date") or "")
