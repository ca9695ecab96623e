"""Cross-validated tuning of the grouping rule: how well do tuned settings carry to stories
they were not tuned on?

    PYTHONPATH=src python -m bench.cv_grouping [--folds 3] [--rounds 1] [--params ...]

The gold stories of every set are cut into folds (an ecbplus topic's two events stay in one
fold, so the hard "same kind, other event" pairs are never split between tuning and test).
For each fold the rule is tuned (`tune_grouping.tune`) on the other folds of all sets and
scored on the held-out fold; the shipped rule is scored on the same fold beside it. The
result goes to bench/results/grouping_cv.{md,json}.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from bench.tune_grouping import GRID, SETS, Objective, tune
from storylens.group.signals import DecisionRule

RESULTS = Path(__file__).resolve().parent / "results"


def fold_of(set_name: str, story: str, folds: int) -> int:
    """A gold story's fold; both events of an ecbplus topic (`tNN-ecb`, `tNN-ecbplus`) share one."""
    key = story.split("-")[0] if set_name == "ecbplus" else story
    return int(hashlib.sha256(f"{set_name}:{key}".encode()).hexdigest(), 16) % folds


def cross_validate(
    objective: Objective, folds: int, rounds: int, params: list[str]
) -> list[dict[str, Any]]:
    shipped = DecisionRule()
    rows = []
    for fold in range(folds):
        train = objective.only(lambda name, story, k=fold: fold_of(name, story, folds) != k)
        test = objective.only(lambda name, story, k=fold: fold_of(name, story, folds) == k)
        tuned = tune(train, rounds, shipped, params)
        rows.append(
            {
                "fold": fold,
                "tuned_rule": dataclasses.asdict(tuned),
                "held_out_tuned": _brief(test.scores(tuned)),
                "held_out_shipped": _brief(test.scores(shipped)),
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def _brief(scores: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    keys = ("bcubed_f1", "pair_f1", "articles")
    return {name: {k: round(float(s[k]), 4) for k in keys} for name, s in scores.items()}


def markdown(rows: list[dict[str, Any]], folds: int) -> str:
    lines = [
        "# Story grouping: cross-validated tuning",
        "",
        f"{folds} folds by gold story (ecbplus: by topic). Each fold's rule is tuned on the other",
        "folds of all sets and scored on the held-out fold; the shipped rule beside it.",
        "",
        "| fold | set | articles | tuned B³ F1 | tuned pair F1 | shipped B³ F1 | shipped pair F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        for name, tuned in row["held_out_tuned"].items():
            shipped = row["held_out_shipped"][name]
            lines.append(
                f"| {row['fold']} | {name} | {tuned['articles']:.0f} "
                f"| {100 * tuned['bcubed_f1']:.1f} | {100 * tuned['pair_f1']:.1f} "
                f"| {100 * shipped['bcubed_f1']:.1f} | {100 * shipped['pair_f1']:.1f} |"
            )
    lines += ["", "Tuned rule per fold (fields that differ from the shipped rule):", ""]
    shipped_fields = dataclasses.asdict(DecisionRule())
    for row in rows:
        changed = {k: v for k, v in row["tuned_rule"].items() if shipped_fields[k] != v}
        lines.append(f"- fold {row['fold']}: {changed or 'same as shipped'}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--params", default=",".join(GRID), help="parameters to search")
    args = parser.parse_args(argv)
    bench = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
    if not bench.is_dir():
        print("cv: ../shared/bench is not beside the repository", file=sys.stderr)
        return 0
    rows = cross_validate(Objective(bench, SETS), args.folds, args.rounds, args.params.split(","))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "grouping_cv.json").write_text(json.dumps(rows, indent=1))
    (RESULTS / "grouping_cv.md").write_text(markdown(rows, args.folds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
