"""The one-to-one ceiling of pair recall the comparison benchmark reports, on made-up gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo's bench/ package

from bench.pair_ceiling import ceiling, largest_matching


def test_a_lead_pairing_with_three_sentences_counts_once(tmp_path: Path) -> None:
    gold = tmp_path / "s.gold.json"
    # A1 (a lead packing three facts) pairs with B1, B4 and B7; A5 with B4; A2 with C2 and a
    # pair inside one article, which is no cross-outlet pair.
    pairs = [["A1", "B1"], ["A1", "B4"], ["B7", "A1"], ["A5", "B4"], ["A2", "C2"], ["A1", "A3"]]
    gold.write_text(json.dumps({"shared_pairs": pairs}), "utf-8")
    # A1-B1 (or A1-B7) and A5-B4 between A and B, A2-C2 between A and C.
    assert ceiling([gold]) == [3, 5]


def test_the_matching_takes_the_augmenting_path() -> None:
    # A greedy pick of x-1 first would leave y without a partner.
    assert largest_matching({("x", "1"), ("x", "2"), ("y", "1")}) == 2
    assert largest_matching(set()) == 0
