"""Where the analyse stage spends its time, per article: the figures behind a lighter path.

Grouping reads only the entities of the first `LEAD_CHARS` characters, the first sentences
(for the lead embedding) and the body (MinHash); compare needs the whole analysis. This
times, on articles of a scale run, spaCy on the whole body against spaCy on the lead only,
and the lead embedding, one thread, as one worker runs them.
"""

from __future__ import annotations

import time
from typing import Any

from storylens.analyse import Analyser, lead_text
from storylens.analyse.models import load_spacy_for_analysis
from storylens.config import Settings
from storylens.group.anchors import LEAD_CHARS
from storylens.records import Article, Failure

# Sentence boundaries and entities near a cut can shift; a margin keeps the lead's intact.
LEAD_MARGIN = 500


def measure_analysis(articles: list[Article]) -> dict[str, Any]:
    import torch

    torch.set_num_threads(1)
    settings = Settings()
    nlp = load_spacy_for_analysis(settings.spacy_model)
    analyser = Analyser(settings)
    analyser.analyse(articles[:2])  # load both models before timing
    n = len(articles)
    started = time.perf_counter()
    list(nlp.pipe((a.body for a in articles), batch_size=16))
    whole = time.perf_counter()
    list(nlp.pipe((a.body[: LEAD_CHARS + LEAD_MARGIN] for a in articles), batch_size=16))
    lead = time.perf_counter()
    analyser.embedder.embed([lead_text(a) for a in articles])
    embedded = time.perf_counter()
    return {
        "articles": n,
        "mean_body_chars": round(sum(len(a.body) for a in articles) / max(n, 1)),
        "spacy_whole_body_ms": round((whole - started) * 1000 / n, 1),
        "spacy_lead_only_ms": round((lead - whole) * 1000 / n, 1),
        "embed_lead_ms": round((embedded - lead) * 1000 / n, 1),
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
