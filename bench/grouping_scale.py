"""Grouping scale curve: assignment time per article, memory and B³ as the store grows.

A synthetic stream with its own gold: events of a few articles each, arriving at a steady
rate per day, so a bigger store means a longer history rather than a denser day (as with a
real archive). Each event has a random centre vector (pairs of events of the same kind get
close centres), invented place and person names and a number; its articles are noisy
copies of the centre, word-shuffled bodies built from the event's words and a shared
vocabulary, dated within three days of the event, and one in ten is a verbatim wire copy.
Synthetic vectors are enough here: the model is not what is measured, the grouper is.

Two modes, each in a fresh process (so one's memory is not the other's): `grouping`, the
grouper alone, and `threads`, the grouper with the thread linker following each placement
as ingest runs them (`group.threads`; issue 25: thread linking keeps grouping's cost curve).
The stream has no developing stories, only pairs of same-kind events (close centres, other
names), so every thread link made here joins two different events: counted as false links.

    python -m bench.grouping_scale --sizes 10000,100000,300000,1000000 [--modes threads]
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from bench.tune_grouping import load_scorer
from storylens.group import StoryGrouper
from storylens.group.threads import ThreadLinker
from storylens.records import Article, Entity

DIM = 384
ARTICLES_PER_DAY = 300
MEASURED_TAIL = 2000  # articles timed just before each checkpoint
MODES = ("grouping", "threads")
_RESULT_FILES = {"grouping": "grouping_scale.json", "threads": "grouping_scale_threads.json"}
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


def synthetic_stream(total: int, seed: int = 7) -> Iterator[tuple[Article, str]]:
    """(article, gold event id) pairs in arrival (date) order, generated lazily."""
    rng = np.random.default_rng(seed)
    pending: dict[int, list[tuple[Article, str]]] = {}
    emitted = made = event_no = 0
    day = 0
    while emitted < total:
        while made < (day + 1) * ARTICLES_PER_DAY:
            centre = rng.normal(size=DIM)
            # Same kind of event: a sibling with a close centre, other names, other number.
            for sibling in range(2):
                if sibling:
                    centre = centre + 0.8 * rng.normal(size=DIM)
                event = _event(rng, centre / np.linalg.norm(centre), day)
                for _ in range(int(rng.integers(1, 8))):
                    arrival, article = _article(rng, event, made)
                    pending.setdefault(arrival, []).append((article, f"e{event_no}"))
                    made += 1
                event_no += 1
        for item in pending.pop(day, [])[: total - emitted]:
            emitted += 1
            yield item
        day += 1


def _article(rng: np.random.Generator, event: dict[str, Any], n: int) -> tuple[int, Article]:
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
    return day, article


def _iso(day: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(1_600_000_000 + day * 86400))


def _rss_mib() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_scale(
    bench: Path,
    results: Path,
    machine: dict[str, Any],
    sizes: list[int],
    modes: tuple[str, ...] = MODES,
) -> None:
    """The curve of each mode, each measured in a fresh process; then the report."""
    context = multiprocessing.get_context("spawn")
    for mode in modes:
        process = context.Process(target=measure, args=(bench, results, machine, sizes, mode))
        process.start()
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"scale: the {mode} run exited {process.exitcode}")
    _write_report(results)


def measure(
    bench: Path, results: Path, machine: dict[str, Any], sizes: list[int], mode: str
) -> None:
    """At each size: the store holds `size - MEASURED_TAIL` grouped articles (restored with
    their stories, as after a restart), then the next MEASURED_TAIL articles are assigned
    and timed; B³ is scored on those assigned articles. In `threads` mode the linker
    follows every restored article (so the stored stories have their threads) and every
    assigned one, and its work is in both times."""
    if mode not in MODES:
        raise ValueError(f"scale: unknown mode {mode!r}")
    scorer = load_scorer(bench)
    baseline = _rss_mib()
    grouper = StoryGrouper()
    linker = ThreadLinker(grouper) if mode == "threads" else None
    rows: list[dict[str, Any]] = []
    tail: dict[str, str] = {}
    started = time.perf_counter()
    restoring = [0.0, 0]  # CPU seconds spent in restore, articles restored
    cpu_started = time.process_time()
    run_started = time.perf_counter()
    stream = synthetic_stream(max(sizes))
    for n, (article, gold) in enumerate(stream, start=1):
        if not any(size - MEASURED_TAIL < n <= size for size in sizes):
            article.story_id = gold
            before = time.process_time()
            grouper.restore(article)
            if linker is not None:
                linker.observe(article)
            restoring[0] += time.process_time() - before
            restoring[1] += 1
            continue
        if not tail:
            restoring[0] += _settle(grouper)
            collection = _full_collection()
            started, cpu_started = time.perf_counter(), time.process_time()
        grouper.add(article)
        if linker is not None:
            linker.observe(article)
        tail[article.id] = gold
        if n in sizes:
            cpu_seconds = time.process_time() - cpu_started
            rows.append(_row(n, grouper, scorer, tail, time.perf_counter() - started, baseline))
            rows[-1]["cpu_ms_per_article"] = round(1000 * cpu_seconds / len(tail), 3)
            rows[-1]["restore_ms_per_article"] = round(
                1000 * restoring[0] / max(1, restoring[1]), 3
            )
            rows[-1]["full_gc_s"] = round(collection, 2)
            rows[-1]["peak_rss_mib"] = round(_peak_rss_mib(), 1)
            rows[-1]["run_s"] = round(time.perf_counter() - run_started)
            if linker is not None:
                rows[-1].update(_thread_figures(linker, tail))
            tail = {}
            print(json.dumps({"mode": mode, **rows[-1]}), file=sys.stderr)
            _write(results, machine, rows, mode)
    _write(results, machine, rows, mode)


def _thread_figures(linker: ThreadLinker, tail: dict[str, str]) -> dict[str, Any]:
    """Threads, and the links made: in this stream every thread of more than one event
    joins different gold events (false links). `tail_false_link_pairs`: pairs of tail
    articles of different gold events in one thread but not one story."""
    stories_linked = sum(len(t.events) for t in linker.threads.values() if len(t.events) > 1)
    story_of = linker.grouper.story_of
    by_thread: dict[str, dict[str, int]] = {}
    for article_id, gold in tail.items():
        story = story_of[article_id]
        events = by_thread.setdefault(linker.thread_of[story], {})
        events[gold] = events.get(gold, 0) + 1
    false_pairs = 0
    for events in by_thread.values():
        total = sum(events.values())
        false_pairs += (total * total - sum(c * c for c in events.values())) // 2
    return {
        "threads": len(linker.threads),
        "stories_in_linked_threads": stories_linked,
        "tail_threads_with_two_gold_events": sum(len(e) > 1 for e in by_thread.values()),
        "tail_cross_event_pairs_in_a_thread": false_pairs,
    }


def _settle(grouper: StoryGrouper) -> float:
    """CPU seconds to write the restored centroids, which the first arrival would otherwise
    pay for: part of a restart, not of any article's assignment."""
    before = time.process_time()
    grouper.settle()
    return time.process_time() - before


def _full_collection() -> float:
    """Seconds of one full garbage collection of the grouper's state.

    Python runs one each time its long-lived objects grow by a quarter, so a 2,000-article
    tail of a large store either pays for a whole one or for none: the pause is reported on
    its own, and the tail starts after one (per article it is the pause over a quarter of
    the store: flat)."""
    before = time.perf_counter()
    gc.collect()
    return time.perf_counter() - before


def _row(
    n: int,
    grouper: StoryGrouper,
    scorer: Any,
    tail: dict[str, str],
    seconds: float,
    baseline: float,
) -> dict[str, Any]:
    scores = scorer.score(tail, {i: grouper.story_of[i] for i in tail})
    return {
        "articles": n,
        "ms_per_article": round(1000 * seconds / len(tail), 3),
        "rss_mib": round(_rss_mib(), 1),
        "grouper_mib": round(_rss_mib() - baseline, 1),
        "stories": len(grouper.stories),
        "bcubed_f1": round(scores["bcubed_f1"], 4),
        "pair_f1": round(scores["pair_f1"], 4),
    }


def _write(results: Path, machine: dict[str, Any], rows: list[dict[str, Any]], mode: str) -> None:
    (results / _RESULT_FILES[mode]).write_text(
        json.dumps({"machine": machine, "mode": mode, "rows": rows}, indent=1)
    )
    _write_report(results)


def _write_report(results: Path) -> None:
    """grouping_scale.md (and the plot) from both modes' results as they stand; the notes
    under a '## Notes' heading of the old report are kept."""
    runs = {}
    for mode, name in _RESULT_FILES.items():
        path = results / name
        if path.exists():
            runs[mode] = json.loads(path.read_text())
    report = results / "grouping_scale.md"
    notes = ""
    if report.exists():
        old = report.read_text()
        if "\n## Notes" in old:
            notes = old[old.index("\n## Notes") :]
    (report).write_text(_markdown(runs) + notes)
    _plot(runs, results / "grouping_scale.png")


def _markdown(runs: dict[str, dict[str, Any]]) -> str:
    lines = [
        "# Grouping at scale (synthetic stream, 384-d vectors, 300 articles/day)",
        "",
        "At each size the store holds the stream's earlier articles with their stories",
        f"(restored, as after a restart); the next {MEASURED_TAIL} are assigned and timed,",
        "and B³ / pairwise F1 are scored on those assigned articles against the gold.",
        "CPU ms / article (this process' CPU time) is the figure to compare across sizes;",
        "wall ms / article also counts waiting for a core.",
        "Restore: mean CPU time per restored article so far (the grouper's work, and writing",
        "the restored centroids to the index in bulk before the tail).",
        "Full GC: one full garbage collection of the state, run before the tail (Python runs",
        "one each time its long-lived objects grow by a quarter; per article, flat).",
        "Peak RSS: the process' high-water mark so far (`ru_maxrss`); each mode runs in a",
        "fresh process (`python -m bench.grouping_scale`).",
        "",
    ]
    if "grouping" in runs:
        machine = runs["grouping"]["machine"]
        lines += [
            "## Grouping alone",
            "",
            f"Commit {machine['commit']}, {machine['cores']} cores.",
            "",
            *_table(runs["grouping"]["rows"]),
            "",
        ]
    if "threads" in runs:
        machine = runs["threads"]["machine"]
        rows = runs["threads"]["rows"]
        lines += [
            "## Grouping + thread linking (as ingest runs them)",
            "",
            f"Commit {machine['commit']}, {machine['cores']} cores. The linker follows every",
            "restored article (the stored stories get their threads, as in a live stream) and",
            "every assigned one; both times include its work. The stream has no developing",
            "stories (its same-kind siblings share a close centre, not names), so any thread",
            "of two or more events is a false link.",
            "",
            *_table(rows),
            "",
            "| articles stored | threads | stories in linked threads "
            "| tail threads with 2+ gold events | tail cross-event pairs in a thread |",
            "|---|---|---|---|---|",
        ]
        for row in rows:
            lines.append(
                f"| {row['articles']:,} | {row.get('threads', 0):,} "
                f"| {row.get('stories_in_linked_threads', 0):,} "
                f"| {row.get('tail_threads_with_two_gold_events', 0)} "
                f"| {row.get('tail_cross_event_pairs_in_a_thread', 0)} |"
            )
        lines.append("")
    return "\n".join(lines)


def _table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| articles stored | CPU ms / article | wall ms / article | restore ms / article "
        "| full GC s | RSS MiB | peak RSS MiB | grouper MiB | stories | B³ F1 | pair F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['articles']:,} | {row.get('cpu_ms_per_article', '')} "
            f"| {row['ms_per_article']} "
            f"| {row.get('restore_ms_per_article', '')} | {row.get('full_gc_s', '')} "
            f"| {row['rss_mib']} | {row.get('peak_rss_mib', '')} "
            f"| {row['grouper_mib']} | {row['stories']:,} | {100 * row['bcubed_f1']:.1f} "
            f"| {100 * row['pair_f1']:.1f} |"
        )
    return lines


def _plot(runs: dict[str, dict[str, Any]], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("scale: matplotlib missing (bench extra); no plot", file=sys.stderr)
        return
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    for mode, colour in (("grouping", "tab:blue"), ("threads", "tab:green")):
        if mode not in runs:
            continue
        rows = runs[mode]["rows"]
        sizes = [r["articles"] for r in rows]
        label = "grouping" if mode == "grouping" else "grouping + threads"
        left.plot(
            sizes,
            [r.get("cpu_ms_per_article") for r in rows],
            marker="o",
            color=colour,
            label=f"{label} (CPU)",
        )
        right.plot(sizes, [r["grouper_mib"] for r in rows], marker="o", color=colour, label=label)
    left.legend(fontsize="small")
    left.set(xscale="log", xlabel="articles stored", ylabel="CPU ms per article", ylim=(0, None))
    right.legend(fontsize="small")
    right.set(xscale="log", xlabel="articles stored", ylabel="state memory (MiB)")
    figure.suptitle("storylens grouping (+ threads): time per article and memory vs. size")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    from bench.run import RESULTS, SHARED_BENCH, machine_facts

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="store sizes, comma-separated")
    parser.add_argument("--modes", default=",".join(MODES), help="grouping,threads")
    args = parser.parse_args(argv)
    modes = tuple(m for m in args.modes.split(",") if m)
    unknown = set(modes) - set(MODES)
    if unknown:
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    sizes = sorted(int(n) for n in args.sizes.split(","))
    run_scale(SHARED_BENCH, RESULTS, machine_facts(), sizes, modes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
