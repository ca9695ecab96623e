"""How much the grouping scores depend on the order articles arrive in.

The story files fix one arrival order (date, then a seeded tie-break); a live stream or the
held-back stories bring others. Both storylens and the TF-IDF floor run on the file's order
and on shuffles of it within each day (`bench.orders`; ecbplus has no dates, so every order
is possible), each scored by the shared scorer. A rule tuned on the file's order alone can
fit that order's accidents: the mean over orders is the figure to expect on a new stream.
Results: bench/results/grouping_orders.{md,json}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from statistics import mean
from typing import Any

from bench.grouping import SETS, floor_file, group_file, score_file
from bench.orders import record_day, reordered

ORDERS = 10  # the file's order and 9 shuffles


def run_orders(bench: Path, results: Path, machine: dict[str, Any], orders: int = ORDERS) -> None:
    work = results / "scratch" / "grouping_orders"
    work.mkdir(parents=True, exist_ok=True)
    runs: dict[str, dict[str, list[dict[str, float]]]] = {}
    for name in SETS:
        lines = (bench / "stories" / name / "articles.jsonl").read_text("utf-8").splitlines()
        runs[name] = {"storylens": [], "floor": []}
        for seed in range(orders):
            shuffled = work / f"{name}-{seed}.jsonl"
            shuffled.write_text("\n".join(reordered(lines, record_day, seed)) + "\n", "utf-8")
            for tool in ("storylens", "floor"):
                preds = work / f"{name}-{seed}-{tool}.jsonl"
                if tool == "storylens":
                    group_file(shuffled, preds)
                else:
                    floor_file(bench, shuffled, preds, name)
                scores = score_file(bench, shuffled, preds)
                runs[name][tool].append({k: scores[k] for k in ("bcubed_f1", "pair_f1")})
            print(f"orders: {name} seed {seed} {runs[name]}", file=sys.stderr)
    (results / "grouping_orders.json").write_text(
        json.dumps({"machine": machine, "orders": orders, "runs": runs}, indent=1)
    )
    (results / "grouping_orders.md").write_text(markdown(runs, orders, machine))


def markdown(
    runs: dict[str, dict[str, list[dict[str, float]]]], orders: int, machine: dict[str, Any]
) -> str:
    lines = [
        "# Story grouping: scores over arrival orders",
        "",
        f"Commit {machine['commit']}. Each set in the file's order and {orders - 1} shuffles",
        "within each day (ecbplus: all of it, it has no dates), storylens and the TF-IDF floor on",
        "the same orders. B³ F1 / pairwise F1 in percent: the file's order, the mean over all",
        "orders, and the lowest and highest B³.",
        "",
        "| set | tool | file order | mean | B³ min – max |",
        "|---|---|---|---|---|",
    ]
    for name, tools in runs.items():
        for tool, found in tools.items():
            b3 = [100 * run["bcubed_f1"] for run in found]
            pair = [100 * run["pair_f1"] for run in found]
            lines.append(
                f"| {name} | {tool} | {b3[0]:.1f} / {pair[0]:.1f} | "
                f"{mean(b3):.1f} / {mean(pair):.1f} | {min(b3):.1f} – {max(b3):.1f} |"
            )
    return "\n".join(lines) + "\n"
