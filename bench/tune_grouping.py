"""Tune the grouping rule's weights and thresholds on the shared story sets.

    PYTHONPATH=src python -m bench.tune_grouping [--rounds 2]

A coordinate search: each parameter in turn takes the value from its grid that maximises
the mean B³ F1 over the chosen sets (ties keep the current value), for a few rounds. The
dated sets (allsides, basil) decide the join threshold and date terms; the undated one
(ecbplus) then decides how much more an article must match when no date can rule out
last year's event of the same kind (`undated_penalty`). The story sets may be used for
measuring and tuning, not for training shipped weights, so the rule stays a handful of
interpretable numbers; the result is printed as a `DecisionRule(...)` to copy into
`storylens.group.signals`.

    python -m bench.tune_grouping --sets allsides,basil --params join,outlet_penalty,...
    python -m bench.tune_grouping --sets ecbplus --params join   # minus the dated join:
                                                                # the undated penalty
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.grouping_cache import analysed_articles
from bench.orders import mean_scores, reordered
from storylens.group import StoryGrouper, story_state
from storylens.group.signals import DecisionRule
from storylens.group.syndication import CopyDetector
from storylens.records import Article

SETS = ("ecbplus", "allsides", "basil")
GRID: dict[str, list[Any]] = {
    "lead_weight": [0.6, 0.8, 1.0, 1.2],
    "body_weight": [0.0, 0.3, 0.6, 0.9, 1.2],
    "anchor_weight": [0.0, 0.15, 0.3, 0.45, 0.6],
    "day_penalty": [0.05, 0.1, 0.2, 0.4],
    "max_days": [2, 3, 4, 6],
    "outlet_penalty": [0.0, 0.05, 0.1, 0.2],
    "undated_penalty": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8],
    "undated_anchor_cosine_weight": [0.0, 0.3, 0.6, 1.0, 1.5, 2.0],
    "undated_conflict_penalty": [0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8],
    "undated_year_penalty": [0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8],
    "join": [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.1],
    "merge": [1.1, 1.25, 1.4, 1.6, 9.0],
    "young_story": [0, 1, 2, 3],
    "undated_young_margin": [0.0, 0.1, 0.2, 0.3],
    "recheck": [0, 1, 2, 3, 5],
    "recheck_join": [0.9, 0.95, 1.0, 1.05, 1.1, 1.15],
}


def shared_bench(tool: str) -> Path | None:
    """`../shared/bench` beside the repository, or None (said on stderr) where it is absent."""
    bench = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
    if bench.is_dir():
        return bench
    print(f"{tool}: ../shared/bench is not beside the repository", file=sys.stderr)
    return None


def load_scorer(bench: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_stories", bench / "score_stories.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_labels(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    return {str(item["id"]): str(item["story_id"]) for item in map(json.loads, lines)}


def group(articles: list[Article], rule: DecisionRule) -> dict[str, str]:
    """Input id → predicted story, articles fed in the file's streaming order."""
    grouper = StoryGrouper(rule)
    for article in articles:
        article.story_id = article.copy_of = None
        grouper.add(article)
    return {a.input_id or a.id: grouper.story_of[a.id] for a in articles}


def article_day(article: Article) -> str:
    return (article.published or "")[:10]


def memoise_article_features() -> None:
    """Compute each article's features and MinHash once per tuning run, not once per trial."""
    # Keyed by identity, the article kept beside its features: a freed article's id could
    # be reused by another one, which would then get its features.
    features: dict[int, tuple[Article, Any]] = {}
    signatures: dict[str, Any] = {}
    original_of = story_state.Features.of
    original_signature = CopyDetector.signature

    def cached_features(article: Article) -> Any:
        if id(article) not in features:
            features[id(article)] = (article, original_of(article))
        return features[id(article)][1]

    def cached_signature(body: str) -> Any:
        if body not in signatures:
            signatures[body] = original_signature(body)
        return signatures[body]

    story_state.Features.of = cached_features  # type: ignore[method-assign]
    CopyDetector.signature = staticmethod(cached_signature)  # type: ignore[method-assign]


class Objective:
    """Mean B³ F1 over the chosen sets, each set's scores averaged over `orders` arrival
    orders (the file's and `orders - 1` shuffles within each day, `bench.orders`)."""

    def __init__(self, bench: Path, sets: tuple[str, ...] = SETS, orders: int = 1) -> None:
        memoise_article_features()
        self.orders = orders
        self.scorer = load_scorer(bench)
        self.sets = {}
        for name in sets:
            path = bench / "stories" / name / "articles.jsonl"
            self.sets[name] = (analysed_articles(path), gold_labels(path))

    def only(self, keep: Callable[[str, str], bool]) -> Objective:
        """The same objective on the gold stories `keep(set, story)` accepts (a CV fold)."""
        subset = copy.copy(self)
        subset.sets = {}
        for name, (articles, gold) in self.sets.items():
            kept = {i: story for i, story in gold.items() if keep(name, story)}
            subset.sets[name] = ([a for a in articles if (a.input_id or a.id) in kept], kept)
        return subset

    def scores(self, rule: DecisionRule) -> dict[str, dict[str, float]]:
        found = {}
        for name, (articles, gold) in self.sets.items():
            runs = []
            for seed in range(self.orders):
                pred = group(reordered(articles, article_day, seed), rule)
                runs.append(self.scorer.score(gold, {i: pred[i] for i in gold}))
            found[name] = mean_scores(runs)
        return found

    def __call__(self, rule: DecisionRule) -> float:
        return sum(s["bcubed_f1"] for s in self.scores(rule).values()) / len(self.sets)


def tune(objective: Objective, rounds: int, rule: DecisionRule, params: list[str]) -> DecisionRule:
    best = objective(rule)
    print(f"start {best:.4f} {rule}", file=sys.stderr)
    params = list(dict.fromkeys(params))  # a parameter named twice is searched once a round
    for _ in range(rounds):
        for name in params:
            values = GRID[name]
            for value in values:
                trial = dataclasses.replace(rule, **{name: value})
                if trial == rule:
                    continue
                result = objective(trial)
                if result > best + 1e-6:
                    best, rule = result, trial
                    print(f"{best:.4f} {name}={value}", file=sys.stderr)
    return rule


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--sets", default=",".join(SETS), help="sets to average over")
    parser.add_argument("--params", default=",".join(GRID), help="parameters to search")
    parser.add_argument("--start", default="{}", help="JSON of rule fields to start from")
    parser.add_argument("--orders", type=int, default=1, help="arrival orders to average over")
    args = parser.parse_args(argv)
    bench = shared_bench("tune")
    if bench is None:
        return 0
    objective = Objective(bench, tuple(args.sets.split(",")), args.orders)
    start = DecisionRule(**json.loads(args.start))
    rule = tune(objective, args.rounds, start, args.params.split(","))
    for name, scores in objective.scores(rule).items():
        print(f"{name}: B3 {scores['bcubed_f1']:.4f} pair {scores['pair_f1']:.4f}", file=sys.stderr)
    print(rule)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
