"""The parallel part: read, extract and analyse one input shard, then write it.

`ShardWorker` is what an executor runs for the shards, once per worker process: it holds
the models (loaded on first use, then kept for every shard that worker gets) and calls the
stages themselves — `read`, `extract`, `Analyser.analyse` — never a copy of them.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from storylens.analyse import Analyser
from storylens.analyse.models import limit_threads
from storylens.batch.filters import ArticleFilter
from storylens.batch.inputs import InputShard, read_shard
from storylens.batch.shards import ShardResult, ShardStore
from storylens.batch.shared_vectors import SharedVectors, vectors_dir
from storylens.config import Settings
from storylens.extract import extract
from storylens.records import Article, Failure
from storylens.signatures import sign

# Articles analysed together: spaCy and the embedder batch internally, and a bounded batch
# keeps a worker's memory flat on a shard of any size.
ANALYSE_BATCH = 64


@dataclass(slots=True, frozen=True)
class WorkSpec:
    """Everything a worker needs, small and picklable (sent once per worker)."""

    out: str
    settings: Settings
    article_filter: ArticleFilter
    # Threads per worker for the models: one worker per core scales; several threads each fight.
    threads: int = 1


class ModelWorker:
    """A worker process' models, loaded on first use with `threads` threads each."""

    def __init__(self, settings: Settings, threads: int) -> None:
        self.settings = settings
        self.threads = threads
        self._analyser: Analyser | None = None

    @property
    def analyser(self) -> Analyser:
        if self._analyser is None:
            limit_threads(self.threads)
            self._analyser = Analyser(self.settings)
            self._prepare(self._analyser)
        return self._analyser

    def _prepare(self, analyser: Analyser) -> None:
        """Called once the models are loaded."""


class ShardWorker(ModelWorker):
    def __init__(self, spec: WorkSpec) -> None:
        super().__init__(spec.settings, spec.threads)
        self.spec = spec
        self.store = ShardStore(spec.out)

    def _prepare(self, analyser: Analyser) -> None:
        embedder = analyser.embedder
        if embedder.batch_independent:
            folder = vectors_dir(self.spec.out, embedder)
            embedder.share = SharedVectors(folder, embedder.dimension)

    def handle(self, item: dict[str, Any]) -> dict[str, Any]:
        """What an executor calls: an `InputShard` as a dict in, a `ShardResult`'s JSON out."""
        return self.run(InputShard(**item)).to_json()

    def run(self, shard: InputShard) -> ShardResult:
        result = ShardResult(shard.id)
        started, cpu_started = time.perf_counter(), time.process_time()
        articles = self._extract(shard, result)
        read_done, cpu_read_done = time.perf_counter(), time.process_time()
        # Which shards this worker ran before differs between engines and runs; batched
        # vectors remembered from them would differ from fresh ones in the last bits. Vectors
        # of one text per call do not, so wire copies in later shards are embedded once.
        if not self.analyser.embedder.batch_independent:
            self.analyser.embedder.forget()
        for at in range(0, len(articles), ANALYSE_BATCH):
            self.analyser.analyse_lead(articles[at : at + ANALYSE_BATCH])
        sign(articles)
        analysed, cpu_analysed = time.perf_counter(), time.process_time()
        result.articles = len(articles)
        result.peak_rss_mb = _peak_rss_mb()
        result.seconds = {"read_extract": read_done - started, "analyse": analysed - read_done}
        result.cpu_seconds = {
            "read_extract": cpu_read_done - cpu_started,
            "analyse": cpu_analysed - cpu_read_done,
        }
        self.store.write_articles(shard.id, articles)
        result.seconds["write"] = time.perf_counter() - analysed
        result.cpu_seconds["write"] = time.process_time() - cpu_analysed
        self.store.mark_done(result)
        return result

    def _extract(self, shard: InputShard, result: ShardResult) -> list[Article]:
        keep = self.spec.article_filter
        dropped: Counter[str] = Counter()
        articles: list[Article] = []
        for raw in read_shard(shard, self.spec.settings):
            if isinstance(raw, Failure):
                result.failures.append(raw)
                continue
            result.records += 1
            reason = keep.drop_url(raw.url)
            if reason is None:
                item = extract(raw)
                if isinstance(item, Failure):
                    result.failures.append(item)
                    continue
                reason = keep.drop(item)
                if reason is None:
                    articles.append(item)
                    continue
            dropped[reason] += 1
        result.dropped = {f"dropped_{k}": v for k, v in sorted(dropped.items())}
        return articles


def _peak_rss_mb() -> float:
    """This process' own peak resident memory. On Linux, getrusage's maxrss outlives exec: a
    pool worker started from a large driver would report the driver's size (674 MB against
    its own 390), so the peak of this very program (VmHWM) is read instead."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
