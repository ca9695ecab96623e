"""Grouping scale curve: assignment time per article, memory and B³ as the store grows.

A synthetic stream with its own gold: events of a few articles each, arriving at a steady
rate per day, so a bigger store means a longer history rather than a denser day (as with a
real archive). Each event has a random centre vector (pairs of events of the same kind get
close centres), invented place and person names and a number; its articles are noisy
copies of the centre, word-shuffled bodies built from the event's words and a shared
vocabulary, dated within three days of the event, and one in ten is a verbatim wire copy.
Synthetic vectors are enough here: the model is not what is measured, the grouper is.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.tune_grouping import load_scorer
from storylens.group import StoryGrouper
from storylens.records import Article, Entity

DIM = 384
ARTICLES_PER_DAY = 300
MEASURED_TAIL = 2000  # articles timed just before each checkpoint
_SYLLABLES = "ka lo mi ra ven tor sil da bru nek fa zo ul ris gan pe".split()
_COMMON = (
    "officials said the report would follow after talks with local groups while residents "
    "waited for more news from the region and police asked witnesses to come forward"
).split()


def _name(rng: np.random.Generator) -> str:
    return "".join(rng.choice(_SYLLABLES, size=3)).capitalize()


def _event(rng: np.random.Generator, centre: np.ndarray, day: int) -> dict[str, Any]:
    names = [_name(rng) for _ in range(3)]
    return {"centre": centre, "names": names, "number": str(rng.integers(20, 9999)), "day": day}


def synthetic_stream(total: int, seed: int = 7) -> list[tuple[Article, str]]:
    """(article, gold event id) pairs in arrival (date) order."""
    rng = np.random.default_rng(seed)
    items: list[tuple[int, Article, str]] = []
    event_no = 0
    while len(items) < total:
        day = len(items) // ARTICLES_PER_DAY
        centre = rng.normal(size=DIM)
        # Same kind of event: a sibling with a close centre, other names, other number.
        for sibling in range(2):
            if sibling:
                centre = centre + 0.8 * rng.normal(size=DIM)
            event = _event(rng, centre / np.linalg.norm(centre), day)
            for _ in range(int(rng.integers(1, 8))):
                items.append(_article(rng, event, f"e{event_no}", len(items)))
            event_no += 1
    items.sort(key=lambda item: item[0])
    return [(article, gold) for _, article, gold in items[:total]]


def _article(
    rng: np.random.Generator, event: dict[str, Any], gold: str, n: int
) -> tuple[int, Article, str]:
    vector = event["centre"] + 0.045 * rng.normal(size=DIM)
    vector /= np.linalg.norm(vector)
    day = event["day"] + int(rng.integers(0, 3))
    words = [*event["names"], event["number"], *rng.choice(_COMMON, size=30)]
    rng.shuffle(words)
    title = f"{event['names'][0]} and {event['names'][1]}: {event['number']} reported"
    body = "Officials in " + " ".join(words) + "."
    entities = [
        Entity(name, "GPE", body.index(name), body.index(name) + len(name))
        for name in event["names"]
        if name in body
    ]
    article = Article(
        id=f"s{n}",
        source=f"synthetic#{n}",
        body=body,
        title=title,
        outlet=f"outlet{int(rng.integers(0, 40))}",
        published=_iso(day),
        embedding=[float(x) for x in vector.astype(np.float32)],
        entities=entities,
    )
    return day, article, gold


def _iso(day: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(1_600_000_000 + day * 86400))


def _rss_mib() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_scale(bench: Path, results: Path, machine: dict[str, Any], sizes: list[int]) -> None:
    scorer = load_scorer(bench)
    stream = synthetic_stream(max(sizes))
    baseline = _rss_mib()
    grouper = StoryGrouper()
    rows = []
    tail_started = time.perf_counter()
    for n, (article, _) in enumerate(stream, start=1):
        if any(n == size - MEASURED_TAIL for size in sizes):
            tail_started = time.perf_counter()
        grouper.add(article)
        if n in sizes:
            seconds = time.perf_counter() - tail_started
            gold = {a.id: g for a, g in stream[:n]}
            scores = scorer.score(gold, {i: grouper.story_of[i] for i in gold})
            rows.append(
                {
                    "articles": n,
                    "ms_per_article": round(1000 * seconds / MEASURED_TAIL, 3),
                    "rss_mib": round(_rss_mib(), 1),
                    "grouper_mib": round(_rss_mib() - baseline, 1),
                    "stories": len(grouper.stories),
                    "bcubed_f1": round(scores["bcubed_f1"], 4),
                    "pair_f1": round(scores["pair_f1"], 4),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr)
    (results / "grouping_scale.json").write_text(
        json.dumps({"machine": machine, "rows": rows}, indent=1)
    )
    (results / "grouping_scale.md").write_text(_markdown(rows, machine))
    _plot(rows, results / "grouping_scale.png")


def _markdown(rows: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    lines = [
        "# Grouping at scale (synthetic stream, 384-d vectors, 300 articles/day)",
        "",
        f"Commit {machine['commit']}, {machine['cores']} cores (shared with other jobs).",
        f"Time per article: mean over the {MEASURED_TAIL} articles before each size.",
        "",
        "| articles stored | ms / article | RSS MiB | grouper MiB | stories | B³ F1 | pair F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['articles']:,} | {row['ms_per_article']} | {row['rss_mib']} "
            f"| {row['grouper_mib']} | {row['stories']:,} | {100 * row['bcubed_f1']:.1f} "
            f"| {100 * row['pair_f1']:.1f} |"
        )
    return "\n".join(lines) + "\n"


def _plot(rows: list[dict[str, Any]], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("scale: matplotlib missing (bench extra); no plot", file=sys.stderr)
        return
    sizes = [r["articles"] for r in rows]
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    left.plot(sizes, [r["ms_per_article"] for r in rows], marker="o")
    left.set(xscale="log", xlabel="articles stored", ylabel="ms per article", ylim=(0, None))
    right.plot(sizes, [r["grouper_mib"] for r in rows], marker="o", color="tab:orange")
    right.set(xscale="log", xlabel="articles stored", ylabel="grouper memory (MiB)")
    figure.suptitle("storylens grouping: time per article and memory vs. store size")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
