"""The fuzzer: mutated real inputs through read → extract, and a sample through the rest.

Every input goes through read → extract in a worker process with a time limit; every
`pipeline_every`-th input's articles also go through analyse → group → store (an Ingestor on
a temporary SQLite database per worker, so stories build up across inputs) → compare → the
JSON and Markdown outputs. Counted per input: ok, crash (any exception escaping our code, a
dead worker), hang (over the time limit). Every Failure must be one `SOURCE: reason` line
naming the input; a Failure whose reason is `unexpected error: ...` is a bug our fence
caught, counted apart.

    python -m bench.reliability.fuzz --seconds 60            # `make fuzz`
    python -m bench.reliability.fuzz --inputs 10000 --json bench/results/fuzz.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.reliability.mutate import mutate
from bench.reliability.pool import Job, Pool
from bench.reliability.seeds import Seed, all_seeds
from storylens.config import Settings
from storylens.extract import extract_all
from storylens.read import read_bytes
from storylens.records import Article, Failure

# 1 MB: mutated inputs cross it often (giant lines), so refusals are exercised too.
FUZZ_SETTINGS = Settings(max_input_bytes=1024 * 1024)
# Limits per item on 2 busy cores: extraction of a 1 MB page takes a few seconds at worst;
# a pipeline item analyses a handful of articles (~30 s measured on a crowded machine). The
# models are loaded before a worker takes its first item (`warm_up`).
EXTRACT_SECONDS = 60.0
PIPELINE_SECONDS = 180.0
UNEXPECTED = "unexpected error"


@dataclass(slots=True)
class FuzzConfig:
    inputs: int = 10_000
    seconds: float | None = None
    workers: int = 2
    pipeline_every: int = 50  # 0: no pipeline sample
    shared_seeds: int = 200
    seed: int = 1


def failure_problem(failure: Failure, name: str) -> str | None:
    """What is wrong with how a failure reads, or None: one line, `SOURCE: reason`."""
    line = str(failure)
    if failure.source != name and not failure.source.startswith(f"{name}#"):
        return f"source {failure.source!r} does not name the input"
    if not failure.reason.strip():
        return "empty reason"
    if "\n" in line or "\r" in line:
        return "reason spans several lines"
    if line != f"{failure.source}: {failure.reason}":
        return "not SOURCE: reason"
    return None


class _Pipeline:
    """analyse → group → store → compare → outputs, on one worker's temporary database."""

    def __init__(self) -> None:
        from storylens.analyse import Analyser
        from storylens.pipeline import Ingestor
        from storylens.store import open_store

        folder = tempfile.mkdtemp(prefix="storylens-fuzz-")
        self.store = open_store(str(Path(folder) / "fuzz.db"))
        self.analyser = Analyser(Settings())
        self.ingestor = Ingestor(self.store, self.analyser, batch_size=16)

    def run(self, articles: list[Article]) -> int:
        from storylens.compare import compare_story
        from storylens.output.json import compare_report
        from storylens.output.markdown import comparison_to_markdown

        self.ingestor.ingest(articles)
        story_ids = {a.story_id for a in articles if a.story_id}
        for story_id in sorted(story_ids):
            members = self.store.story_articles(story_id)
            comparison = compare_story(
                story_id, members, self.analyser.embedder, self.analyser.second_opinion
            )
            json.dumps(compare_report(members, [comparison]))
            comparison_to_markdown(comparison, {a.id: a for a in members})
        return len(story_ids)


_pipeline: _Pipeline | None = None


def warm_up() -> None:
    """Load the models in a worker before it takes items (pipeline sampling only)."""
    global _pipeline
    _pipeline = _pipeline or _Pipeline()


def handle(payload: tuple[str, bytes, bool]) -> dict[str, Any]:
    """One input, in a worker: read → extract (→ the rest of the pipeline)."""
    global _pipeline
    name, data, full = payload
    items = list(extract_all(read_bytes(name, data, FUZZ_SETTINGS)))
    failures = [i for i in items if isinstance(i, Failure)]
    articles = [i for i in items if isinstance(i, Article)]
    stories = 0
    if full and articles:
        _pipeline = _pipeline or _Pipeline()
        stories = _pipeline.run(articles)
    problems = [p for f in failures if (p := failure_problem(f, name))]
    return {
        "status": "ok",
        "articles": len(articles),
        "failures": len(failures),
        "reasons": [_reason_kind(f.reason) for f in failures],
        "unexpected": [str(f) for f in failures if f.reason.startswith(UNEXPECTED)],
        "problems": problems,
        "stories": stories,
    }


def _reason_kind(reason: str) -> str:
    """The reason without its details (`malformed JSON: ... at column 3` -> `malformed JSON`)."""
    return reason.split(":")[0][:60]


@dataclass(slots=True)
class FuzzSummary:
    inputs: int = 0
    ok: int = 0
    crashes: int = 0
    hangs: int = 0
    unexpected: int = 0  # failures reading "unexpected error": bugs caught by the fence
    malformed_failures: int = 0  # failures not reported as one `SOURCE: reason` line
    silent: int = 0  # inputs that gave neither an article nor a failure: dropped unreported
    articles: int = 0
    failures: int = 0
    pipeline_inputs: int = 0
    stories_compared: int = 0
    seeds: int = 0
    seed: int = 0  # the run's random seed: which mutants it made
    seconds: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)
    mutators: Counter[str] = field(default_factory=Counter)
    findings: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            **{k: getattr(self, k) for k in _COUNTS},
            "seeds": self.seeds,
            "seed": self.seed,
            "seconds": round(self.seconds, 1),
            "reasons": dict(self.reasons.most_common(20)),
            "mutators": dict(sorted(self.mutators.items())),
            "findings": self.findings[:50],
        }


_COUNTS = (
    *("inputs", "ok", "crashes", "hangs", "unexpected", "malformed_failures", "silent"),
    "articles",
    *("failures", "pipeline_inputs", "stories_compared"),
)


def merge_summaries(chunks: list[dict[str, Any]]) -> dict[str, Any]:
    """One summary from runs with different seeds (`as_json` each): counts add up.

    A count a chunk did not record (an older run) is summed over the chunks that did, and
    `<count>_inputs` says how many inputs that covers.
    """
    merged: dict[str, Any] = {
        "chunks": [{"seed": c.get("seed"), "inputs": c["inputs"]} for c in chunks]
    }
    for key in (*_COUNTS, "seconds"):
        having = [c for c in chunks if key in c]
        merged[key] = (
            round(sum(c[key] for c in having), 1)
            if key == "seconds"
            else sum(c[key] for c in having)
        )
        if len(having) < len(chunks):
            merged[f"{key}_inputs"] = sum(c["inputs"] for c in having)
    merged["seeds"] = max(c["seeds"] for c in chunks)
    for key in ("reasons", "mutators"):
        total: Counter[str] = Counter()
        for chunk in chunks:
            total.update(chunk[key])
        merged[key] = (
            dict(total.most_common(20)) if key == "reasons" else dict(sorted(total.items()))
        )
    merged["findings"] = [f for c in chunks for f in c["findings"]][:50]
    return merged


def _jobs(
    config: FuzzConfig, seeds: list[Seed], meta: dict[int, tuple[str, list[str]]]
) -> Iterator[Job]:
    deadline = None if config.seconds is None else time.monotonic() + config.seconds
    for number in range(config.inputs):
        if deadline is not None and time.monotonic() > deadline:
            return
        data, name, mutations = build_input(config.seed, number, seeds)
        full = config.pipeline_every > 0 and number % config.pipeline_every == 0
        meta[number] = (name, mutations)
        seconds = PIPELINE_SECONDS if full else EXTRACT_SECONDS
        yield Job(number, (name, data, full), seconds)


def build_input(base: int, number: int, seeds: list[Seed]) -> tuple[bytes, str, list[str]]:
    """Input `number`: the seeds as they are first, then mutants (rebuildable from the number)."""
    if number < len(seeds):
        return seeds[number].data, seeds[number].name, []
    rng = random.Random(base * 1_000_003 + number)
    seed = rng.choice(seeds)
    data, mutations = mutate(seed.data, rng)
    return data, seed.name, mutations


def run_fuzz(config: FuzzConfig, progress: bool = False) -> FuzzSummary:
    seeds = all_seeds(config.shared_seeds, random.Random(config.seed))
    summary = FuzzSummary(seeds=len(seeds), seed=config.seed)
    meta: dict[int, tuple[str, list[str]]] = {}
    started = time.monotonic()
    warmup = warm_up if config.pipeline_every > 0 else None
    with Pool(handle, config.workers, warmup) as pool:
        for job, result in pool.run(_jobs(config, seeds, meta)):
            _count(summary, job, result, meta.pop(job.number))
            if progress and summary.inputs % 200 == 0:
                print(f"fuzz: {summary.inputs} inputs, {_brief(summary)}", file=sys.stderr)
    summary.seconds = time.monotonic() - started
    return summary


def _count(
    summary: FuzzSummary, job: Job, result: dict[str, Any], meta: tuple[str, list[str]]
) -> None:
    name, mutations = meta
    summary.inputs += 1
    summary.mutators.update(mutations)
    status = result["status"]
    full = job.payload[2]
    finding = {"input": job.number, "seed": name, "mutations": mutations, "pipeline": full}
    if status != "ok":
        summary.crashes += status == "crash"
        summary.hangs += status == "hang"
        summary.findings.append({**finding, "status": status, "error": result["error"]})
        return
    summary.ok += 1
    summary.articles += result["articles"]
    summary.failures += result["failures"]
    summary.reasons.update(result["reasons"])
    summary.pipeline_inputs += full
    summary.stories_compared += result["stories"]
    summary.unexpected += len(result["unexpected"])
    summary.malformed_failures += len(result["problems"])
    if not result["articles"] and not result["failures"]:
        summary.silent += 1
        summary.findings.append({**finding, "status": "silent", "error": "nothing reported"})
    for detail in result["unexpected"] + result["problems"]:
        summary.findings.append({**finding, "status": "reported", "error": detail})


def _brief(summary: FuzzSummary) -> str:
    return (
        f"{summary.crashes} crashes, {summary.hangs} hangs, {summary.unexpected} unexpected, "
        f"{summary.articles} articles, {summary.failures} failures"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz read → extract (→ the whole pipeline).")
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=None, help="stop starting new inputs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pipeline-every", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="write the summary here")
    args = parser.parse_args(argv)
    config = FuzzConfig(
        args.inputs, args.seconds, args.workers, args.pipeline_every, seed=args.seed
    )
    summary = run_fuzz(config, progress=True)
    print(f"fuzz: {summary.inputs} inputs in {summary.seconds:.0f} s: {_brief(summary)}")
    for finding in summary.findings[:20]:
        print(json.dumps(finding)[:1000])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary.as_json(), indent=2) + "\n")
    return 1 if summary.crashes or summary.hangs or summary.unexpected or summary.silent else 0


if __name__ == "__main__":
    raise SystemExit(main())
