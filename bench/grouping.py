"""Story-grouping benchmark: storylens' streaming grouper vs. the TF-IDF stream floor.

Both run on each shared story set in one run and are scored by the shared scorer; the
analysed articles come from `bench/.cache` (see `grouping_cache`). The remaining false
merges and splits of storylens are listed for error analysis.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.grouping_cache import analysed_articles
from storylens.config import Settings
from storylens.group import StoryGrouper

# The floor's settings tuned on this split (../shared/bench/stories/README.md).
FLOOR = {"ecbplus": ["0.25", "0", "1"], "allsides": ["0.15", "1", "3"], "basil": ["0.15", "3", "2"]}
SETS = ("ecbplus", "allsides", "basil")


def group_file(
    articles_file: Path, preds: Path, settings: Settings | None = None
) -> dict[str, Any]:
    started = time.perf_counter()
    articles = analysed_articles(articles_file, settings)
    analysed = time.perf_counter()
    grouper = StoryGrouper()
    with preds.open("w") as out:
        for article in articles:
            article.story_id = article.copy_of = None
            story = grouper.add(article).story_id
            out.write(json.dumps({"id": article.input_id, "story_id": story}) + "\n")
    done = time.perf_counter()
    # Merges move earlier articles: write the final assignment, not the one at arrival.
    with preds.open("w") as out:
        for article in articles:
            story = grouper.story_of[article.id]
            out.write(json.dumps({"id": article.input_id, "story_id": story}) + "\n")
    return {
        "tool": "storylens",
        "n": len(articles),
        "load_s": round(analysed - started, 1),
        "group_s": round(done - analysed, 2),
        "ms_per_article": round(1000 * (done - analysed) / max(1, len(articles)), 2),
    }


def floor_file(bench: Path, articles_file: Path, preds: Path, name: str) -> dict[str, Any]:
    threshold, window, title_weight = FLOOR[name]
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(bench / "baseline_tfidf_stream.py"),
            str(articles_file),
            str(preds),
            "--threshold",
            threshold,
            "--window-days",
            window,
            "--title-weight",
            title_weight,
        ],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    return {"tool": "tfidf-stream (floor)", "seconds": round(seconds, 1)}


def score_file(bench: Path, articles_file: Path, preds: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(bench / "score_stories.py"), str(articles_file), str(preds), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def run_grouping(bench: Path, results: Path, machine: dict[str, Any]) -> None:
    work = results / "scratch" / "grouping"
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    errors = {}
    for name in SETS:
        articles_file = bench / "stories" / name / "articles.jsonl"
        for runner in ("storylens", "floor"):
            preds = work / f"{name}-{runner}.jsonl"
            row = (
                group_file(articles_file, preds)
                if runner == "storylens"
                else floor_file(bench, articles_file, preds, name)
            )
            row.update(set=name, scores=score_file(bench, articles_file, preds))
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
        errors[name] = error_analysis(articles_file, work / f"{name}-storylens.jsonl")
    report = {"machine": machine, "rows": rows, "errors": errors}
    (results / "grouping.json").write_text(json.dumps(report, indent=1))
    (results / "grouping.md").write_text(_markdown(rows, machine) + _errors_markdown(errors))


def error_analysis(articles_file: Path, preds: Path) -> dict[str, Any]:
    """False merges (a predicted story mixing gold stories) and splits (a gold story cut)."""
    items = [json.loads(line) for line in articles_file.read_text("utf-8").splitlines()]
    gold = {str(i["id"]): str(i["story_id"]) for i in items}
    pred = {
        str(p["id"]): str(p["story_id"])
        for p in map(json.loads, preds.read_text("utf-8").splitlines())
    }
    by_pred: dict[str, Counter[str]] = {}
    by_gold: dict[str, Counter[str]] = {}
    for article_id, story in pred.items():
        by_pred.setdefault(story, Counter())[gold[article_id]] += 1
        by_gold.setdefault(gold[article_id], Counter())[story] += 1
    merges: list[dict[str, Any]] = [
        # Ids only: the articles' own text never goes into the repository.
        {"pred": p, "gold_parts": dict(parts), "ids": [i for i in pred if pred[i] == p][:8]}
        for p, parts in by_pred.items()
        if len(parts) > 1
    ]
    splits: list[dict[str, Any]] = [
        {"gold": g, "pred_parts": dict(parts)} for g, parts in by_gold.items() if len(parts) > 1
    ]
    return {
        "false_merges": len(merges),
        "articles_in_false_merges": sum(sum(m["gold_parts"].values()) for m in merges),
        "split_gold_stories": len(splits),
        "extra_pieces": sum(len(s["pred_parts"]) - 1 for s in splits),
        "merge_examples": merges[:5],
    }


def _errors_markdown(errors: dict[str, Any]) -> str:
    lines = [
        "",
        "## Remaining errors of storylens",
        "",
        "| set | false merges (articles) | gold stories split (extra pieces) |",
        "|---|---|---|",
    ]
    for name, found in errors.items():
        lines.append(
            f"| {name} | {found['false_merges']} ({found['articles_in_false_merges']}) "
            f"| {found['split_gold_stories']} ({found['extra_pieces']}) |"
        )
    return "\n".join(lines) + "\n"


def _pct(scores: dict[str, Any], key: str) -> str:
    value = scores.get(key)
    return f"{100 * value:.1f}" if isinstance(value, (int, float)) else "-"


def _markdown(rows: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    lines = [
        "# Story grouping: storylens vs. the TF-IDF floor",
        "",
        f"Commit {machine['commit']}, {machine['cores']} cores. storylens time is grouping only",
        "(what ingest analyses, a MiniLM title+lead embedding, is cached in bench/.cache).",
        "The files' own arrival order; over other orders the dates allow: grouping_orders.md.",
        "",
        "| set | tool | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 | clusters (gold) | time |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    metrics = ("bcubed_p", "bcubed_r", "bcubed_f1", "pair_p", "pair_r", "pair_f1")
    for row in rows:
        scores = row["scores"]
        if "group_s" in row:
            time_cell = f"{row['group_s']:.1f} s ({row['ms_per_article']} ms/article)"
        else:
            time_cell = f"{row['seconds']:.0f} s"
        clusters = f"{scores.get('pred_clusters', '-')} ({scores.get('gold_clusters', '-')})"
        cells = [row["set"], row["tool"], *(_pct(scores, m) for m in metrics), clusters, time_cell]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
