"""What the ingest embedding costs per article, and what its settings do to grouping.

Ingest runs `Analyser.analyse_lead` (a title+lead embedding) on every article; it was about
half of a batch worker's time. This times it on real benchmark articles, one thread as one
worker runs it, in float32 with the old batch of 64 and with each backend, quantization mode
and token limit now available, reports how far each setting moves the vectors from the
float32 torch ones, and groups the shared story sets with each (scored by the shared
scorer). Writes `bench/results/embedding.{md,json}`.

    python -m bench.embedding [--articles 200] [--no-grouping]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from storylens.analyse import Analyser
from storylens.analyse.embeddings import Embedder
from storylens.analyse.models import limit_threads
from storylens.config import Settings
from storylens.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
RESULTS = ROOT / "bench" / "results"
# (backend, quantize, token limit, texts per model call); the first is what ingest ran
# before, the second the reference the others' cosines are taken to.
VARIANTS = (
    ("torch", "none", 128, 64),
    ("torch", "none", 128, 16),
    ("torch", "int8", 128, 1),
    ("onnx", "none", 128, 16),
    ("onnx", "none", 128, 1),
    ("onnx", "int8", 128, 1),
    ("torch", "none", 96, 16),
    ("onnx", "int8", 96, 1),
)
# What the grouping is scored with: (backend, quantize, token limit).
GROUPING = tuple(dict.fromkeys(v[:3] for v in VARIANTS))
REPEATS = 3  # the best of three: other jobs on the machine only ever add time


def settings_for(backend: str, quantize: str, tokens: int) -> Settings:
    return replace(
        Settings(),
        embedding_backend=backend,
        embedding_quantize=quantize,
        embedding_max_tokens=tokens,
    )


def time_variant(articles: list[Article], variant: tuple[str, str, int, int]) -> dict[str, Any]:
    """CPU and wall ms per article of `analyse_lead`, every lead embedded afresh."""
    backend, quantize, tokens, batch = variant
    analyser = Analyser(settings_for(backend, quantize, tokens))
    analyser.embedder.batch_size = batch
    analyser.analyse_lead(copy.deepcopy(articles[:batch]))  # load the model, untimed
    best_cpu = best_wall = float("inf")
    vectors: np.ndarray[Any, Any] = np.zeros(0)
    for _ in range(REPEATS + 1):  # the first round untimed: one-time kernel and allocation costs
        fresh = [copy.deepcopy(a) for a in articles]
        analyser.embedder.forget()
        cpu, wall = time.process_time(), time.perf_counter()
        analyser.analyse_lead(fresh)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if vectors.size:
            best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
        vectors = np.array([a.embedding for a in fresh], dtype=np.float32)
    n = len(articles)
    return {
        "cpu_ms": round(best_cpu * 1000 / n, 1),
        "wall_ms": round(best_wall * 1000 / n, 1),
        "vectors": vectors,
    }


def measure_cost(articles: list[Article]) -> list[dict[str, Any]]:
    limit_threads(1)  # torch and ONNX Runtime alike
    rows = []
    reference: np.ndarray[Any, Any] | None = None
    for variant in VARIANTS:
        row = time_variant(articles, variant)
        vectors = row.pop("vectors")
        reference = vectors if reference is None else reference
        cosine = (vectors * reference).sum(axis=1)
        backend, quantize, tokens, batch = variant
        row.update(
            backend=backend,
            quantize=quantize,
            tokens=tokens,
            batch=batch,
            max_abs_diff=float(np.abs(vectors - reference).max()),
            cosine_mean=round(float(cosine.mean()), 4),
            cosine_min=round(float(cosine.min()), 4),
        )
        print(f"bench-embedding: {json.dumps(row)}", file=sys.stderr, flush=True)
        rows.append(row)
    return rows


def measure_grouping(modes: tuple[tuple[str, str, int], ...]) -> list[dict[str, Any]]:
    """B3 and pairwise F1 of storylens' grouping on the story sets, per setting."""
    from bench.grouping import SETS, group_file, score_file

    work = RESULTS / "scratch" / "embedding"
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for backend, quantize, tokens in modes:
        settings = settings_for(backend, quantize, tokens)
        for name in SETS:
            articles_file = SHARED_BENCH / "stories" / name / "articles.jsonl"
            preds = work / f"{name}-{backend}-{quantize}-{tokens}.jsonl"
            group_file(articles_file, preds, settings)
            scores = score_file(SHARED_BENCH, articles_file, preds)
            row = {
                "backend": backend,
                "quantize": quantize,
                "tokens": tokens,
                "set": name,
                "b3_f1": round(100 * scores["bcubed_f1"], 1),
                "pair_f1": round(100 * scores["pair_f1"], 1),
                "clusters": scores["pred_clusters"],
            }
            print(f"bench-embedding: {json.dumps(row)}", file=sys.stderr, flush=True)
            rows.append(row)
    return rows


def label(row: dict[str, Any]) -> str:
    """A variant's name, marking the one ingest ran before and today's default."""
    variant = (row["backend"], row["quantize"], row["tokens"], row["batch"])
    kind = "float32" if row["quantize"] == "none" else row["quantize"]
    name = f"{row['backend']} {kind}, {row['tokens']} tokens, batch {row['batch']}"
    if variant == VARIANTS[0]:
        name += " (before)"
    defaults = Settings()
    default = (
        defaults.embedding_backend,
        defaults.embedding_quantize,
        defaults.embedding_max_tokens,
        Embedder(
            "", quantize=defaults.embedding_quantize, backend=defaults.embedding_backend
        ).batch_size,
    )
    return name + (" (default)" if variant == default else "")


def markdown(report: dict[str, Any]) -> str:
    cost, before = report["cost"], report["cost"][0]
    lines = [
        "# Ingest embedding: cost per article and grouping quality",
        "",
        f"`python -m bench.embedding` writes this. {report['articles']} articles extracted from "
        "the scale benchmark's pages; `Analyser.analyse_lead` (title+lead, "
        f"{report['max_tokens']} tokens at most) on one thread, every lead embedded afresh, "
        f"best of {REPEATS}. CPU ms are the process' own CPU time (the machine is shared: "
        f"load average {report['load']}); the cosine and the largest difference are to "
        "the first row's vectors.",
        "",
        "| setting | CPU ms/article | wall ms/article | speed-up (CPU) | cosine mean | min "
        "| max abs diff |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in cost:
        lines.append(
            f"| {label(row)} | {row['cpu_ms']} | {row['wall_ms']} | "
            f"{before['cpu_ms'] / row['cpu_ms']:.2f}x | {row['cosine_mean']} | "
            f"{row['cosine_min']} | {row['max_abs_diff']:.1g} |"
        )
    if report["grouping"]:
        lines += [
            "",
            "Grouping on the shared story sets (what `make bench-group` scores), per mode, "
            "each with its default batch; the analysed articles come from `bench/.cache`, "
            "keyed by model, token limit, mode and backend:",
            "",
            "| set | backend | quantize | tokens | B³ F1 | pair F1 | clusters |",
            "|---|---|---|---:|---:|---:|---:|",
        ]
        for row in sorted(report["grouping"], key=lambda r: r["set"]):
            lines.append(
                f"| {row['set']} | {row['backend']} | {row['quantize']} | {row['tokens']} | "
                f"{row['b3_f1']} | {row['pair_f1']} | {row['clusters']} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles to time")
    parser.add_argument("--no-grouping", action="store_true", help="time only")
    args = parser.parse_args(argv)
    if not SHARED_BENCH.is_dir():
        print("bench-embedding: ../shared/bench is not beside the repository", file=sys.stderr)
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bench.scale_analysis import sample_articles

    articles = sample_articles(args.articles)[: args.articles]
    report = {
        "articles": len(articles),
        "max_tokens": Settings().embedding_max_tokens,
        "cost": measure_cost(articles),
        "grouping": [] if args.no_grouping else measure_grouping(GROUPING),
    }
    report["load"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "embedding.json").write_text(json.dumps(report, indent=1))
    (RESULTS / "embedding.md").write_text(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
