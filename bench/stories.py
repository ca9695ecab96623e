"""Story-grouping benchmark: storylens' streaming grouper vs. the TF-IDF stream floor."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.extract import extract
from storylens.group import StoryGrouper
from storylens.records import Article, RawDoc

# The floor's settings tuned on this split (../shared/bench/stories/README.md).
FLOOR = {"ecbplus": ["0.25", "0", "1"], "allsides": ["0.15", "1", "3"], "basil": ["0.15", "3", "2"]}


def _articles(path: Path) -> list[Article]:
    articles = []
    for line in path.read_text("utf-8").splitlines():
        item = json.loads(line)
        fields = {
            "id": str(item["id"]),
            "title": item.get("title") or "",
            "outlet": item.get("source") or "",
        }
        if item.get("date"):
            fields["published"] = item["date"]
        result = extract(
            RawDoc(
                f"{path.parent.name}#{item['id']}", item.get("text") or "", "body", fields=fields
            )
        )
        if isinstance(result, Article):
            articles.append(result)
    return articles


def _storylens(articles_file: Path, preds: Path) -> dict[str, Any]:
    articles = _articles(articles_file)
    started = time.perf_counter()
    Analyser(Settings()).analyse(articles)
    analysed = time.perf_counter()
    grouper = StoryGrouper()
    with preds.open("w") as out:
        for article in articles:
            story = grouper.add(article).story_id
            out.write(json.dumps({"id": article.input_id, "story_id": story}) + "\n")
    done = time.perf_counter()
    return {
        "tool": "storylens",
        "n": len(articles),
        "analyse_s": round(analysed - started, 1),
        "group_s": round(done - analysed, 2),
        "articles_per_s": round(len(articles) / (done - started), 1),
    }


def _floor(bench: Path, articles_file: Path, preds: Path, name: str) -> dict[str, Any]:
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


def _score(bench: Path, articles_file: Path, preds: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(bench / "score_stories.py"), str(articles_file), str(preds), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def run_stories(bench: Path, results: Path, machine: dict[str, Any]) -> None:
    work = results / "work" / "stories"
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in ("ecbplus", "allsides", "basil"):
        articles_file = bench / "stories" / name / "articles.jsonl"
        for runner in ("storylens", "floor"):
            preds = work / f"{name}-{runner}.jsonl"
            row = (
                _storylens(articles_file, preds)
                if runner == "storylens"
                else _floor(bench, articles_file, preds, name)
            )
            row.update(set=name, scores=_score(bench, articles_file, preds))
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    (results / "stories.json").write_text(json.dumps({"machine": machine, "rows": rows}, indent=1))
    (results / "stories.md").write_text(_markdown(rows, machine))


def _pct(scores: dict[str, Any], key: str) -> str:
    value = scores.get(key)
    return f"{100 * value:.1f}" if isinstance(value, (int, float)) else "-"


def _markdown(rows: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    lines = [
        f"# Story grouping benchmark (commit {machine['commit']}, {machine['cores']} cores)",
        "",
        "| set | tool | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 | clusters (gold) | time |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    metrics = ("bcubed_p", "bcubed_r", "bcubed_f1", "pair_p", "pair_r", "pair_f1")
    for row in rows:
        scores = row["scores"]
        if "analyse_s" in row:
            seconds = row["analyse_s"] + row["group_s"]
            time_cell = f"{seconds:.0f} s ({row['articles_per_s']}/s)"
        else:
            time_cell = f"{row['seconds']:.0f} s"
        clusters = f"{scores.get('pred_clusters', '-')} ({scores.get('gold_clusters', '-')})"
        cells = [row["set"], row["tool"], *(_pct(scores, m) for m in metrics), clusters, time_cell]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
