"""How far two labellers agree: a second, independent labelling of some gold stories
(`bench/gold/second/`) scored against the gold as if it were a tool's output.

A tool measured against one labeller cannot be expected to agree with it more than a second
careful labeller does; these figures say where that ceiling lies for each label. Both
labellings follow `bench/gold/README.md`, by readers who saw neither the other's labels nor
any tool's output. Speakers agree when the shared scorer's surname rule accepts them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.compare_gold import GOLD, scorer

SECOND = GOLD / "second"


def agreement() -> dict[str, Any]:
    """Per label, [both, second's count, gold's count] summed over the relabelled stories."""
    totals = {key: [0, 0, 0] for key in ("pairs", "conflicts", "speakers", "dates")}
    stories = []
    for second_path in sorted(SECOND.glob("*.gold.json")):
        first_path = _gold_of(second_path.name)
        if first_path is None:
            continue
        stories.append(second_path.name.removesuffix(".gold.json"))
        first, second = _labels(first_path), _labels(second_path)
        for key in totals:
            both = _agreeing(key, first[key], second[key])
            for index, value in enumerate((both, len(second[key]), len(first[key]))):
                totals[key][index] += value
    return {"stories": stories, "totals": totals}


def to_markdown(found: dict[str, Any]) -> list[str]:
    if not found["stories"]:
        return []
    lines = [
        "",
        f"## Labeller agreement: {len(found['stories'])} basil stories labelled twice",
        "",
        "A second labeller's labels scored against the gold (`bench/gold_agreement.py`):",
        "the agreement a tool measured against one labeller can hardly pass.",
        "",
        "| label | second labeller's precision | recall |",
        "| --- | ---: | ---: |",
    ]
    for key, (both, second, first) in found["totals"].items():
        lines.append(f"| {key} | {_cell(both, second)} | {_cell(both, first)} |")
    return lines


def _gold_of(name: str) -> Path | None:
    found = sorted(GOLD.glob(f"*/{name}"))
    return next((path for path in found if path.parent != SECOND), None)


def _labels(path: Path) -> dict[str, Any]:
    gold = json.loads(path.read_text("utf-8"))
    return {
        "pairs": {frozenset(p) for p in gold.get("shared_pairs", []) if p[0][0] != p[1][0]},
        "conflicts": {frozenset((c["a"], c["b"])) for c in gold.get("conflicts", [])},
        "speakers": {s["sentence"]: s["speaker"] for s in gold.get("speakers", [])},
        "dates": {(d["sentence"], d["date"]) for d in gold.get("dates", [])},
    }


def _agreeing(key: str, first: Any, second: Any) -> int:
    if key != "speakers":
        return len(first & second)
    same = scorer()._surname_ok
    return sum(1 for s, name in second.items() if s in first and same(first[s], name))


def _cell(both: int, total: int) -> str:
    return f"{both / total:.2f} ({both}/{total})" if total else "n/a"
