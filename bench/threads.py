"""Threads benchmark: events (stories) and threads over arrival orders, and link detection.

Each story set streams through `StoryGrouper` with a `ThreadLinker` observing every
placement, in the file's order and shuffles within each day (`bench.orders`), and is scored
by the shared scorer's `score` against its gold labels:

- allsides at event level (its gold cuts an affair into one story per development, so it
  has no thread gold): the threads must leave the events as they are;
- basil at thread level (its gold groups a week's follow-ups of one story);
- ecbplus at event level and at thread level: its two events per topic are two threads, so
  the gold is the same and every thread link across its events is either a split event
  repaired or a false alarm.

Link detection (TDT style): over the article pairs that the grouper put in different
events, a link is "same thread"; a target is a pair of one gold thread. P(miss) is the
share of targets not linked, P(fa) the share of other pairs linked; ecbplus also over the
hard pairs only (same topic, other event), and C_det with TDT's costs (C_miss 1, C_fa 0.1,
P_target 0.02), normalised. The TF-IDF floor runs on the same orders (event level).

    python -m bench.threads [--orders 6] [--no-floor]
Results: bench/results/threads.{md,json}.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any

from bench.grouping import score_file
from bench.grouping_cache import analysed_articles
from bench.orders import record_day, reordered
from storylens.group import StoryGrouper
from storylens.group.signals import DecisionRule
from storylens.group.threads import ThreadLinker, ThreadRule
from storylens.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
RESULTS = ROOT / "bench" / "results"
ORDERS = 6
SETS = ("ecbplus", "allsides", "basil")
# The sets whose gold labels are threads (basil: a week's follow-ups; ecbplus: its events,
# each its own thread). allsides' gold cuts one affair into a story per development.
THREAD_GOLD = ("ecbplus", "basil")
# TDT's detection cost: C_miss, C_fa, P_target.
C_MISS, C_FA, P_TARGET = 1.0, 0.1, 0.02


def _scorer() -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    path = SHARED_BENCH / "score_stories.py"
    spec = importlib.util.spec_from_file_location("score_stories", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def gold_of(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    return {str(item["id"]): str(item["story_id"]) for item in map(json.loads, lines)}


def stream(
    articles: list[Article], rule: ThreadRule | None = None, events: DecisionRule | None = None
) -> tuple[dict[str, str], dict[str, str], float]:
    """Event and thread of each article (by input id) after the stream, and ms/article."""
    grouper = StoryGrouper(events)
    linker = ThreadLinker(grouper, rule)
    started = time.perf_counter()
    for article in articles:
        article.story_id = article.copy_of = None
        article.placement = None
        grouper.add(article)
        linker.observe(article)
    ms = 1000 * (time.perf_counter() - started) / max(1, len(articles))
    event = {str(a.input_id): grouper.story_of[a.id] for a in articles}
    thread = {str(a.input_id): linker.thread_of[grouper.story_of[a.id]] for a in articles}
    return event, thread, ms


def ordered_articles(name: str, seed: int) -> list[Article]:
    path = SHARED_BENCH / "stories" / name / "articles.jsonl"
    articles = analysed_articles(path)
    lines = path.read_text("utf-8").splitlines()
    order = reordered(list(range(len(lines))), lambda n: record_day(lines[n]), seed)
    return [articles[n] for n in order]


def link_detection(
    gold: dict[str, str], event: dict[str, str], thread: dict[str, str], topic: bool
) -> dict[str, float]:
    """Misses and false alarms of thread links over article pairs in different events."""
    ids = sorted(gold)
    targets = misses = others = alarms = hard = hard_alarms = 0
    for n, first in enumerate(ids):
        for second in ids[n + 1 :]:
            if event[first] == event[second]:
                continue
            linked = thread[first] == thread[second]
            if gold[first] == gold[second]:
                targets += 1
                misses += not linked
            else:
                others += 1
                alarms += linked
                if topic and gold[first].split("-")[0] == gold[second].split("-")[0]:
                    hard += 1
                    hard_alarms += linked
    p_miss = misses / targets if targets else 0.0
    p_fa = alarms / others if others else 0.0
    cost = C_MISS * p_miss * P_TARGET + C_FA * p_fa * (1 - P_TARGET)
    found = {
        "targets": targets,
        "misses": misses,
        "p_miss": p_miss,
        "non_targets": others,
        "false_alarms": alarms,
        "p_fa": p_fa,
        "c_det_norm": cost / min(C_MISS * P_TARGET, C_FA * (1 - P_TARGET)),
    }
    if topic:
        found.update(hard_pairs=hard, hard_false_alarms=hard_alarms)
    return found


def run_set(
    name: str,
    orders: int,
    rule: ThreadRule | None = None,
    events: DecisionRule | None = None,
    floor: bool = False,
) -> dict[str, Any]:
    score = _scorer()
    path = SHARED_BENCH / "stories" / name / "articles.jsonl"
    gold = gold_of(path)
    runs = []
    for seed in range(orders):
        event, thread, ms = stream(ordered_articles(name, seed), rule, events)
        run: dict[str, Any] = {"seed": seed, "ms_per_article": round(ms, 3)}
        for level, found in (("event", event), ("thread", thread)):
            scores = score(gold, found)
            run[level] = {k: scores[k] for k in ("bcubed_f1", "pair_f1", "pred_clusters")}
        run["links"] = link_detection(gold, event, thread, topic=name == "ecbplus")
        if floor:
            run["floor"] = floor_scores(name, seed)
        runs.append(run)
    return {"set": name, "runs": runs}


def floor_scores(name: str, seed: int) -> dict[str, float]:
    from bench.grouping import floor_file

    work = RESULTS / "scratch" / "threads"
    work.mkdir(parents=True, exist_ok=True)
    lines = (SHARED_BENCH / "stories" / name / "articles.jsonl").read_text("utf-8").splitlines()
    shuffled = work / f"{name}-{seed}.jsonl"
    shuffled.write_text("\n".join(reordered(lines, record_day, seed)) + "\n", "utf-8")
    preds = work / f"{name}-{seed}-floor.jsonl"
    floor_file(SHARED_BENCH, shuffled, preds, name)
    scores = score_file(SHARED_BENCH, shuffled, preds)
    return {k: scores[k] for k in ("bcubed_f1", "pair_f1")}


def summary(result: dict[str, Any]) -> dict[str, float]:
    """Means over the orders, in percent."""
    runs = result["runs"]
    found = {}
    for level in ("event", "thread", "floor"):
        if level in runs[0]:
            for key in ("bcubed_f1", "pair_f1"):
                found[f"{level}_{key}"] = 100 * mean(run[level][key] for run in runs)
    found["event_b3_min"] = 100 * min(run["event"]["bcubed_f1"] for run in runs)
    found["thread_b3_min"] = 100 * min(run["thread"]["bcubed_f1"] for run in runs)
    for key in ("p_miss", "p_fa", "c_det_norm"):
        found[key] = mean(run["links"][key] for run in runs)
    found["ms_per_article"] = mean(run["ms_per_article"] for run in runs)
    found["threads"] = mean(run["thread"]["pred_clusters"] for run in runs)
    found["events"] = mean(run["event"]["pred_clusters"] for run in runs)
    return found


def markdown(results: list[dict[str, Any]], machine: dict[str, Any], orders: int) -> str:
    lines = [
        "# Threads: events and threads over arrival orders",
        "",
        f"Commit {machine.get('commit', '?')}; {orders} arrival orders (the file's and "
        "shuffles within each day), means; B³ / pairwise F1 in percent.",
        "allsides is scored at event level only (no thread gold), basil at thread level,",
        "ecbplus at both (its gold events are its threads).",
        "",
        "| set | events: storylens | events: TF-IDF floor | threads | thread B³ min | "
        "events / threads |",
        "|---|---|---|---|---|---|",
    ]
    for result in results:
        s = summary(result)
        floor = (
            f"{s['floor_bcubed_f1']:.1f} / {s['floor_pair_f1']:.1f}"
            if "floor_bcubed_f1" in s
            else "-"
        )
        threads = f"{s['thread_bcubed_f1']:.1f} / {s['thread_pair_f1']:.1f}"
        low = f"{s['thread_b3_min']:.1f}"
        if result["set"] not in THREAD_GOLD:  # scored against event gold: not a thread score
            threads, low = "- (no thread gold)", "-"
        lines.append(
            f"| {result['set']} | {s['event_bcubed_f1']:.1f} / {s['event_pair_f1']:.1f} | "
            f"{floor} | {threads} | {low} | {s['events']:.0f} / {s['threads']:.0f} |"
        )
    lines += [
        "",
        "Link detection over article pairs the grouper put in different events (TDT style:",
        "a miss is a pair of one gold thread left apart, a false alarm a pair of two linked;",
        "C_det normalised, C_miss 1, C_fa 0.1, P_target 0.02). ecbplus' hard pairs are one",
        "topic's two events. allsides has no thread gold: its targets are pairs of one gold",
        "story (development) that the grouper split, and its linked pairs across two gold",
        "stories are counted as false alarms though many are developments of one affair.",
        "",
        "| set | targets | P(miss) | non-targets | P(fa) | C_det | hard pairs linked | "
        "grouping + linking ms/article (shared machine) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        runs = result["runs"]
        links = [run["links"] for run in runs]
        hard = (
            f"{mean(x['hard_false_alarms'] for x in links):.0f} of {links[0]['hard_pairs']}"
            if "hard_pairs" in links[0]
            else "-"
        )
        s = summary(result)
        lines.append(
            f"| {result['set']} | {mean(x['targets'] for x in links):.0f} | {s['p_miss']:.3f} | "
            f"{mean(x['non_targets'] for x in links):.0f} | {s['p_fa']:.5f} | "
            f"{s['c_det_norm']:.3f} | {hard} | {s['ms_per_article']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def run_threads(
    results: Path, machine: dict[str, Any], orders: int = ORDERS, floor: bool = True
) -> list[dict[str, Any]]:
    found = [run_set(name, orders, floor=floor) for name in SETS]
    for result in found:
        print(f"threads: {result['set']} {summary(result)}", file=sys.stderr)
    payload = {"machine": machine, "orders": orders, "rule": ThreadRule().__repr__()}
    payload["sets"] = found
    (results / "threads.json").write_text(json.dumps(payload, indent=1))
    page = markdown(found, machine, orders)
    notes = results / "threads-notes.md"  # figures measured apart, by hand: kept across runs
    if notes.exists():
        page += "\n" + notes.read_text()
    (results / "threads.md").write_text(page)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=ORDERS)
    parser.add_argument("--no-floor", action="store_true")
    args = parser.parse_args()
    from bench.run import machine_facts

    RESULTS.mkdir(parents=True, exist_ok=True)
    run_threads(RESULTS, machine_facts(), args.orders, floor=not args.no_floor)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["Counter", "link_detection", "run_threads", "stream"]
