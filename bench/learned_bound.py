"""How far a learned weighting of the rule's own signals could go (measured, never shipped).

    PYTHONPATH=src python -m bench.learned_bound [--orders 3]

The shipped rule weighs its signals by hand (a handful of numbers tuned on the story sets
and checked on held-out folds). Could a model fitted on the gold labels weigh them better?
This fits a logistic regression on every decision the shipped rule's stream scores (the
arriving article against each candidate story: the signals, and whether the story's
members are mostly of the article's gold story), over several arrival orders, and then
streams with its probability as the score. Fitted on all stories (in-sample: an upper
bound) and on two folds of three, scored on the third beside the shipped rule. The story
sets may not train shipped weights (`../shared/bench/README.md`), so nothing here is
stored or shipped: it only says whether the weighting or the signals are the limit.
Results: bench/results/grouping_learned.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench.cv_grouping import in_fold
from bench.orders import reordered
from bench.tune_grouping import SETS, Objective, article_day, shared_bench
from storylens.group import StoryGrouper, story_state
from storylens.group.signals import DecisionRule, Signals

RESULTS = Path(__file__).resolve().parent / "results"
Row = tuple[str, str, list[float], int]  # set, gold story, features, same story (0/1)


def features(signals: Signals) -> list[float]:
    """The rule's signals, and the undated ones apart (the rule weighs those differently)."""
    undated = signals.day_gap is None
    gap = 0.0 if signals.day_gap is None else float(signals.day_gap)
    shared = [
        signals.lead,
        signals.body,
        signals.anchors,
        signals.anchor_cosine,
        signals.conflict,
        float(bool(signals.year_gap)),
        float(signals.same_outlet),
    ]
    return [*shared, gap, max(0.0, gap - 1), *(v * undated for v in shared), float(undated)]


@dataclass(frozen=True)
class LearnedRule(DecisionRule):
    """The shipped rule's stream, scored by a fitted model's probability instead."""

    model: Any = None
    join: float = 0.5
    merge: float = 0.9
    recheck_join: float = 0.6

    def _score(self, signals: Signals) -> float:
        if signals.day_gap is not None and signals.day_gap > self.max_days:
            return -math.inf
        return float(self.model.predict_proba(np.array([features(signals)]))[0, 1])


@contextmanager
def captured_signals() -> Iterator[list[tuple[Any, tuple[str, ...], Signals]]]:
    """Every (article features, the story's members then, signals) the grouper computes
    while inside. The members are copied when the signals are: the article's own arrival
    adds itself to one story and may merge others into it."""
    seen: list[tuple[Any, tuple[str, ...], Signals]] = []
    original = StoryGrouper._signals

    def capture(self: StoryGrouper, found: Any, story: Any, weighted: Any) -> Signals:
        signals = original(self, found, story, weighted)
        seen.append((found, tuple(story.article_ids), signals))
        return signals

    StoryGrouper._signals = capture  # type: ignore[method-assign, assignment]
    try:
        yield seen
    finally:
        StoryGrouper._signals = original  # type: ignore[method-assign]


def decisions(objective: Objective) -> list[Row]:
    """The shipped rule's scored decisions, labelled by the gold stories, over every order."""
    rows: list[Row] = []
    for name, (articles, gold) in objective.sets.items():
        gold_of = {a.id: gold[a.input_id or a.id] for a in articles}
        for seed in range(objective.orders):
            grouper = StoryGrouper(DecisionRule())
            with captured_signals() as seen:
                for article in reordered(articles, article_day, seed):
                    article.story_id = article.copy_of = None
                    own = story_state.Features.of(article)
                    seen.clear()
                    grouper.add(article)
                    rows.extend(
                        (
                            name,
                            gold_of[article.id],
                            features(signals),
                            _same(members, article.id, gold_of),
                        )
                        for found, members, signals in seen
                        if found is own  # not a young story's member, re-checked
                    )
    return rows


def _same(members: tuple[str, ...], article_id: str, gold_of: dict[str, str]) -> int:
    """1 when most of the story's members are of the article's gold story."""
    counts = Counter(gold_of[i] for i in members if i in gold_of)
    return int(counts.most_common(1)[0][0] == gold_of[article_id])


def fit(rows: list[Row], keep: Callable[[str, str], bool]) -> LogisticRegression:
    kept = [row for row in rows if keep(row[0], row[1])]
    model = LogisticRegression(max_iter=2000)
    return model.fit(np.array([row[2] for row in kept]), np.array([row[3] for row in kept]))


def measure(objective: Objective) -> dict[str, Any]:
    rows = decisions(objective)
    print(f"learned: {len(rows)} decisions, {sum(r[3] for r in rows)} same-story", file=sys.stderr)
    everything = fit(rows, lambda _set, _story: True)
    result: dict[str, Any] = {
        "orders": objective.orders,
        "decisions": len(rows),
        "shipped": _brief(objective.scores(DecisionRule())),
        "in_sample": {
            str(join): _brief(objective.scores(LearnedRule(model=everything, join=join)))
            for join in (0.4, 0.5, 0.6)
        },
        "folds": [],
    }
    for fold in range(3):
        model = fit(rows, in_fold(fold, 3, held_out=False))
        test = objective.only(in_fold(fold, 3, held_out=True))
        result["folds"].append(
            {
                "fold": fold,
                "learned": _brief(test.scores(LearnedRule(model=model))),
                "shipped": _brief(test.scores(DecisionRule())),
            }
        )
    return result


def _brief(scores: dict[str, dict[str, float]]) -> dict[str, list[float]]:
    return {
        n: [round(100 * s["bcubed_f1"], 1), round(100 * s["pair_f1"], 1)] for n, s in scores.items()
    }


def markdown(result: dict[str, Any]) -> str:
    def cells(scores: dict[str, list[float]]) -> str:
        return " | ".join(f"{b3} / {pair}" for b3, pair in (scores[n] for n in SETS))

    lines = [
        "# Story grouping: a learned weighting of the rule's signals (measured, not shipped)",
        "",
        f"Logistic regression over the signals of {result['decisions']} scored decisions of",
        "the shipped rule's stream (`bench/learned_bound.py`); every score is the mean over",
        f"{result['orders']} arrival orders. B³ F1 / pairwise F1:",
        "",
        "| rule | stories scored | " + " | ".join(SETS) + " |",
        "|---|---|" + "---|" * len(SETS),
        f"| shipped (hand-set, tuned on all) | all | {cells(result['shipped'])} |",
    ]
    for join, scores in result["in_sample"].items():
        lines.append(f"| learned on all, join {join} (in-sample) | all | {cells(scores)} |")
    for row in result["folds"]:
        lines.append(
            f"| learned on the other folds | fold {row['fold']} | {cells(row['learned'])} |"
        )
        lines.append(f"| shipped | fold {row['fold']} | {cells(row['shipped'])} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=3, help="arrival orders to average over")
    args = parser.parse_args(argv)
    bench = shared_bench("learned")
    if bench is None:
        return 0
    result = measure(Objective(bench, SETS, args.orders))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "grouping_learned.json").write_text(json.dumps(result, indent=1))
    (RESULTS / "grouping_learned.md").write_text(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
