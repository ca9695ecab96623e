"""Where the analyse stage spends its time, per article, in its two steps.

Ingest runs only `Analyser.analyse_lead` (the title+lead embedding grouping reads); the
rest (`complete`: spaCy sentences and entities over the whole body, quotes and speakers)
runs when a story is first compared. This times both steps on articles of a scale run,
one thread as one worker runs them, and the lead embedding at the model's own input limit
(256 tokens, what ingest read before the limit was lowered) for comparison.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from storylens.analyse import Analyser, lead_text
from storylens.analyse.embeddings import Embedder
from storylens.analyse.models import limit_threads
from storylens.config import Settings
from storylens.records import Article, Failure

MODEL_LIMIT = 256  # MiniLM's own input limit in tokens


def measure_analysis(articles: list[Article]) -> dict[str, Any]:
    limit_threads(1)  # torch and ONNX Runtime alike
    settings = Settings()
    analyser = Analyser(settings)
    analyser.analyse(copy.deepcopy(articles[:2]))  # load both models before timing
    n = len(articles)
    long_embedder = Embedder(
        settings.embedding_model,
        MODEL_LIMIT,
        quantize=settings.embedding_quantize,
        backend=settings.embedding_backend,
    )
    # Each step once untimed first: a process's first batches of a shape pay one-time costs
    # (kernel selection, allocations) that a long run does not.
    for timed in (False, True):
        fresh = [copy.deepcopy(a) for a in articles]
        for article in fresh:
            article.embedding, article.analysis = None, "none"
        analyser.embedder.forget()  # every lead embedded afresh: the cost without copies
        long_embedder.forget()
        started = time.perf_counter()
        analyser.analyse_lead(fresh)
        lead = time.perf_counter()
        if timed:
            analyser.complete(fresh)
        completed = time.perf_counter()
        long_embedder.embed([lead_text(a) for a in fresh])
        long_embed = time.perf_counter()
    return {
        "articles": n,
        "mean_body_chars": round(sum(len(a.body) for a in fresh) / max(n, 1)),
        "embedding_max_tokens": settings.embedding_max_tokens,
        "embedding_quantize": settings.embedding_quantize,
        "embedding_backend": settings.embedding_backend,
        "lead_step_ms": round((lead - started) * 1000 / n, 1),
        "complete_step_ms": round((completed - lead) * 1000 / n, 1),
        "embed_lead_at_model_limit_ms": round((long_embed - completed) * 1000 / n, 1),
    }


def sample_articles(count: int) -> list[Article]:
    """Articles extracted from the first `count` benchmark pages the scale run is built of."""
    from bench.scale import load_pages
    from storylens.extract import extract
    from storylens.read import read_bytes

    articles: list[Article] = []
    for url, html in load_pages():
        for raw in read_bytes(url, html.encode("utf-8"), settings=Settings()):
            item = extract(raw) if not isinstance(raw, Failure) else raw
            if isinstance(item, Article):
                articles.append(item)
        if len(articles) >= count:
            break
    return articles


def main() -> int:
    """Time the analysis on sample pages and add it to an existing scale report."""
    import json
    import os
    import sys

    from bench.scale import EXTRACTION, RESULTS
    from bench.scale_report import write_report

    if not EXTRACTION.is_dir():
        print("bench-scale: ../shared/bench is not beside the repository", file=sys.stderr)
        return 0
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    analysis = measure_analysis(sample_articles(count))
    print(f"bench-scale: analysis {json.dumps(analysis)}", flush=True)
    rows = json.loads((RESULTS / "scale.json").read_text())["runs"]
    write_report(rows, RESULTS, load=os.getloadavg(), analysis=analysis)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
