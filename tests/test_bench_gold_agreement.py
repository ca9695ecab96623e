"""The labeller-agreement figures of the comparison benchmark, on made-up labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo's bench/ package

from bench import gold_agreement
from bench.compare_gold import SCORER


def _write(path: Path, pairs: list[list[str]], speaker: str, dates: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    labels = {
        "story": "s",
        "shared_pairs": pairs,
        "conflicts": [],
        "quotes": [],
        "speakers": [{"sentence": "A1", "speaker": speaker}],
        "dates": [{"sentence": s, "event": "vote", "date": "2020-03-04"} for s in dates],
    }
    path.write_text(json.dumps(labels), "utf-8")


def test_a_second_labelling_is_scored_against_the_gold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not SCORER.is_file():
        pytest.skip("../shared/bench is not beside the repository")
    _write(tmp_path / "basil" / "s.gold.json", [["A1", "B1"], ["A2", "C3"]], "Ann Lee", ["A1"])
    _write(
        tmp_path / "second" / "s.gold.json",
        [["A1", "B1"], ["B2", "C2"], ["C4", "B5"]],
        "Lee",
        ["A1", "B2"],
    )
    _write(tmp_path / "second" / "unlabelled.gold.json", [["A1", "B1"]], "Lee", [])
    monkeypatch.setattr(gold_agreement, "GOLD", tmp_path)
    monkeypatch.setattr(gold_agreement, "SECOND", tmp_path / "second")

    found = gold_agreement.agreement()

    assert found["stories"] == ["s"]  # a second labelling with no gold beside it is skipped
    assert found["totals"] == {
        "pairs": [1, 3, 2],
        "conflicts": [0, 0, 0],
        "speakers": [1, 1, 1],
        "dates": [1, 2, 1],
    }
    table = "\n".join(gold_agreement.to_markdown(found))
    assert "| pairs | 0.33 (1/3) | 0.50 (1/2) |" in table
