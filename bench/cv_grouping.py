"""Cross-validated tuning of the grouping rule: how well do tuned settings carry to stories
they were not tuned on?

    PYTHONPATH=src python -m bench.cv_grouping [--folds 3] [--rounds 1] [--params ...]

The gold stories of every set are cut into folds (an ecbplus topic's two events stay in one
fold, so the hard "same kind, other event" pairs are never split between tuning and test).
For each fold the rule is tuned (`tune_grouping.tune`) on the other folds of all sets and
scored on the held-out fold; the shipped rule (tuned on all folds) and the TF-IDF floor
(its settings from the shared README) are scored on the same fold beside it. The result
goes to bench/results/grouping_cv.{md,json} (with `--orders N`, tuned and scored over N
arrival orders: grouping_cv_orders.{md,json}); `--floor-only` re-scores the floor into an
existing result without tuning again.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.grouping import floor_file, score_file
from bench.orders import mean_scores, record_day, reordered
from bench.tune_grouping import GRID, SETS, Objective, shared_bench, tune
from storylens.group.signals import DecisionRule

RESULTS = Path(__file__).resolve().parent / "results"


def fold_of(set_name: str, story: str, folds: int) -> int:
    """A gold story's fold; both events of an ecbplus topic (`tNN-ecb`, `tNN-ecbplus`) share one."""
    key = story.split("-")[0] if set_name == "ecbplus" else story
    return int(hashlib.sha256(f"{set_name}:{key}".encode()).hexdigest(), 16) % folds


def in_fold(fold: int, folds: int, *, held_out: bool) -> Callable[[str, str], bool]:
    """Whether a gold story is in the held-out fold (or, with held_out=False, outside it)."""

    def keep(name: str, story: str) -> bool:
        return (fold_of(name, story, folds) == fold) == held_out

    return keep


def cross_validate(
    objective: Objective, folds: int, rounds: int, params: list[str]
) -> list[dict[str, Any]]:
    shipped = DecisionRule()
    rows = []
    for fold in range(folds):
        train = objective.only(in_fold(fold, folds, held_out=False))
        test = objective.only(in_fold(fold, folds, held_out=True))
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


def add_floor(rows: list[dict[str, Any]], bench: Path, folds: int, orders: int = 1) -> None:
    """Score the TF-IDF floor on each held-out fold (a file of the fold's articles), as the
    mean over `orders` arrival orders like storylens."""
    scratch = RESULTS / "scratch" / "grouping_cv"
    scratch.mkdir(parents=True, exist_ok=True)
    preds = scratch / "preds.jsonl"
    for row in rows:
        row["held_out_floor"] = {}
        for name in SETS:
            lines = (bench / "stories" / name / "articles.jsonl").read_text("utf-8").splitlines()
            kept = [
                line
                for line in lines
                if fold_of(name, str(json.loads(line)["story_id"]), folds) == row["fold"]
            ]
            runs = []
            for seed in range(orders):
                articles = scratch / f"{name}-{row['fold']}-{seed}.jsonl"
                articles.write_text("\n".join(reordered(kept, record_day, seed)) + "\n", "utf-8")
                floor_file(bench, articles, preds, name)
                runs.append(score_file(bench, articles, preds))
            row["held_out_floor"][name] = _brief({name: mean_scores(runs)})[name]


def _brief(scores: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    keys = ("bcubed_f1", "pair_f1", "articles")
    return {name: {k: round(float(s[k]), 4) for k in keys} for name, s in scores.items()}


def markdown(rows: list[dict[str, Any]], folds: int, params: list[str], orders: int = 1) -> str:
    lines = [
        "# Story grouping: cross-validated tuning",
        "",
        f"{folds} folds by gold story (ecbplus: by topic). Each fold's rule is tuned on the other",
        "folds of all sets and scored on the held-out fold; beside it the shipped rule (tuned on",
        "all folds, so not held out) and the TF-IDF floor (settings tuned on the whole split).",
        f"Parameters searched (from the shipped rule): {', '.join(params)}.",
        f"Scores are means over {orders} arrival order(s): the file's and shuffles within each day",
        "(`bench.orders`), the same for storylens and the floor.",
        "",
        "B³ F1 / pairwise F1 on the held-out fold:",
        "",
        "| fold | set | articles | tuned on other folds | shipped | TF-IDF floor |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        for name, tuned in row["held_out_tuned"].items():
            cells = [
                _pair(row.get(column, {}).get(name))
                for column in ("held_out_tuned", "held_out_shipped", "held_out_floor")
            ]
            lines.append(
                f"| {row['fold']} | {name} | {tuned['articles']:.0f} | " + " | ".join(cells) + " |"
            )
    lines += ["", "Tuned rule per fold (fields that differ from the shipped rule):", ""]
    shipped_fields = dataclasses.asdict(DecisionRule())
    for row in rows:
        changed = {k: v for k, v in row["tuned_rule"].items() if shipped_fields[k] != v}
        lines.append(f"- fold {row['fold']}: {changed or 'same as shipped'}")
    return "\n".join(lines) + "\n"


def _pair(scores: dict[str, float] | None) -> str:
    if not scores:
        return "-"
    return f"{100 * scores['bcubed_f1']:.1f} / {100 * scores['pair_f1']:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--params", default=",".join(GRID), help="parameters to search")
    parser.add_argument("--floor-only", action="store_true", help="add the floor to a result")
    parser.add_argument("--orders", type=int, default=1, help="arrival orders to average over")
    args = parser.parse_args(argv)
    bench = shared_bench("cv")
    if bench is None:
        return 0
    name = "grouping_cv" if args.orders == 1 else "grouping_cv_orders"
    if args.floor_only:
        rows = json.loads((RESULTS / f"{name}.json").read_text())
    else:
        params = args.params.split(",")
        objective = Objective(bench, SETS, args.orders)
        rows = cross_validate(objective, args.folds, args.rounds, params)
    add_floor(rows, bench, args.folds, args.orders)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(rows, indent=1))
    (RESULTS / f"{name}.md").write_text(
        markdown(rows, args.folds, args.params.split(","), args.orders)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
