"""Arrival orders for the grouping benchmark: the same items, in an order their dates allow."""

from __future__ import annotations

import pytest
from bench.grouping_orders import markdown
from bench.orders import mean_scores, reordered
from hypothesis import given
from hypothesis import strategies as st

_DAYS = st.sampled_from(["", "2025-03-14", "2025-03-15", "2025-03-16"])


@given(st.lists(st.tuples(_DAYS, st.integers()), max_size=40), st.integers(0, 1000))
def test_a_reorder_keeps_every_item_and_the_date_order(
    items: list[tuple[str, int]], seed: int
) -> None:
    ordered = sorted(items, key=lambda item: item[0])
    shuffled = reordered(ordered, lambda item: item[0], seed)
    assert sorted(shuffled) == sorted(ordered)
    assert [day for day, _ in shuffled] == [day for day, _ in ordered]
    assert shuffled == reordered(ordered, lambda item: item[0], seed)  # seeded: repeatable


def test_seed_zero_is_the_files_order_and_others_shuffle_within_a_day() -> None:
    items = [("2025-03-14", n) for n in range(30)] + [("2025-03-15", 99)]
    assert reordered(items, lambda item: item[0], 0) == items
    shuffled = reordered(items, lambda item: item[0], 1)
    assert shuffled != items
    assert shuffled[-1] == ("2025-03-15", 99)  # a later day stays after every earlier one


def test_scores_are_averaged_over_orders_and_notes_dropped() -> None:
    runs = [
        {"bcubed_f1": 0.9, "pair_f1": 0.8, "notes": ["x"]},
        {"bcubed_f1": 0.7, "pair_f1": 0.6, "notes": []},
    ]
    assert mean_scores(runs) == pytest.approx({"bcubed_f1": 0.8, "pair_f1": 0.7})


def test_the_report_gives_the_files_order_the_mean_and_the_range() -> None:
    runs = {
        "ecbplus": {
            "storylens": [{"bcubed_f1": 0.9, "pair_f1": 0.8}, {"bcubed_f1": 0.8, "pair_f1": 0.7}],
            "floor": [{"bcubed_f1": 0.85, "pair_f1": 0.8}, {"bcubed_f1": 0.85, "pair_f1": 0.8}],
        }
    }
    report = markdown(runs, 2, {"commit": "abc1234"})
    assert "| ecbplus | storylens | 90.0 / 80.0 | 85.0 / 75.0 | 80.0 – 90.0 |" in report
    assert "| ecbplus | floor | 85.0 / 80.0 | 85.0 / 80.0 | 85.0 – 85.0 |" in report
