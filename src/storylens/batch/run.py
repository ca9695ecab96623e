"""A batch run: plan the shards, run the parallel part on an executor, then the global pass.

    options = BatchOptions(inputs=["crawl/"], out="run1", db="news.db", engine="ray")
    report = run_batch(options)

Completed shards of an earlier run into the same `out` directory are skipped, so a run
that was killed (a worker or the driver) is resumed by running the same command again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from storylens.batch.assign import assign_stories, store_assignment
from storylens.batch.compare import (
    CompareReport,
    CompareSpec,
    CompareWorker,
    compare_jobs,
    record_job,
    stories_to_compare,
)
from storylens.batch.filters import ArticleFilter
from storylens.batch.inputs import DEFAULT_SHARD_BYTES, InputShard, plan_shards
from storylens.batch.shards import ShardResult, ShardStore
from storylens.batch.shared_vectors import remove_run_vectors
from storylens.batch.work import ShardWorker, WorkSpec
from storylens.config import Settings
from storylens.errors import ConfigError
from storylens.executors import Executor, make_executor
from storylens.pipeline import restored_threads
from storylens.records import Article, Failure
from storylens.store import open_store


@dataclass(slots=True)
class BatchOptions:
    inputs: list[str]
    out: str
    db: str | None = None  # None: shards only, no global pass into a database
    engine: str = "local"
    workers: int = 1
    ray_address: str | None = None
    article_filter: ArticleFilter = field(default_factory=ArticleFilter)
    settings: Settings = field(default_factory=Settings)
    shard_bytes: int = DEFAULT_SHARD_BYTES
    compare: bool = False  # then compare every story of 2+ articles, in parallel (needs db)

    def plan(self, shards: list[InputShard]) -> dict[str, object]:
        """What makes two runs the same run (the engine and worker count do not)."""
        keep = self.article_filter
        return {
            "shards": [s.to_dict() for s in shards],
            "filters": [keep.since, keep.until, keep.language, keep.host],
            "models": [self.settings.embedding_model, self.settings.spacy_model],
            "max_input_bytes": self.settings.max_input_bytes,
        }


@dataclass(slots=True)
class BatchReport:
    shards: int = 0
    skipped: int = 0  # completed by an earlier run
    results: list[ShardResult] = field(default_factory=list)  # in plan order
    articles: int = 0
    stories: int = 0
    stored: int = 0
    failures: list[Failure] = field(default_factory=list)
    # parallel, load, group, store, and compare when asked for
    seconds: dict[str, float] = field(default_factory=dict)
    compared: CompareReport | None = None  # the comparison stage, when asked for


def run_batch(
    options: BatchOptions, on_shard: Callable[[ShardResult], None] = lambda r: None
) -> BatchReport:
    if options.workers < 1:
        raise ConfigError("--workers must be at least 1")
    if options.compare and options.db is None:
        raise ConfigError("--compare needs a database to store the comparisons in")
    shards, failures = plan_shards(options.inputs, options.shard_bytes)
    store = ShardStore(options.out)
    store.prepare(options.plan(shards))
    done = store.completed()
    pending = [s for s in shards if s.id not in done]
    report = BatchReport(shards=len(shards), skipped=len(shards) - len(pending))
    spec = WorkSpec(os.path.abspath(options.out), options.settings, options.article_filter)
    started = time.perf_counter()
    executor = make_executor(options.engine, options.workers, options.ray_address)
    items = [shard.to_dict() for shard in pending]
    executor.run(items, ShardWorker, spec, lambda done: on_shard(ShardResult.from_json(done)))
    report.seconds["parallel"] = time.perf_counter() - started
    order = [s.id for s in shards]
    store.write_manifest(order)
    remove_run_vectors(options.out)
    report.results = [store.result(shard_id) for shard_id in order]
    report.failures = failures + [f for r in report.results for f in r.failures]
    if options.db is not None:
        _global_pass(options.db, store, order, report)
        if options.compare:
            report.compared = _compare(options.db, options.settings, executor)
            report.seconds["compare"] = report.compared.seconds
            report.failures += report.compared.failures
    return report


def _compare(db: str, settings: Settings, executor: Executor) -> CompareReport:
    """The comparison stage (batch/compare.py) on the same executor as the parallel part."""
    started = time.perf_counter()
    report = CompareReport()
    jobs = [{"stories": job} for job in compare_jobs(stories_to_compare(db))]
    executor.run(jobs, CompareWorker, CompareSpec(db, settings), lambda d: record_job(report, d))
    report.seconds = time.perf_counter() - started
    return report


def load_articles(store: ShardStore, order: list[str]) -> list[Article]:
    """Every shard's articles, in plan order (the input order arrival_order breaks ties by)."""
    return [article for shard_id in order for article in store.read(shard_id)]


def _global_pass(db: str, store: ShardStore, order: list[str], report: BatchReport) -> None:
    started = time.perf_counter()
    articles = load_articles(store, order)
    report.articles = len(articles)
    loaded = time.perf_counter()
    with open_store(db) as database:
        linker = restored_threads(database)
        relinked = linker.differences(database.stored_threads())
        known = database.has_articles(a.id for a in articles)
        assignment = assign_stories(
            articles,
            linker.grouper,
            known,
            load_stored=lambda ids: database.load_articles(ids, with_analysis=False),
            linker=linker,
        )
        assignment.threads = {**relinked, **assignment.threads}
        grouped = time.perf_counter()
        report.stories = len(assignment.stories)
        report.stored = store_assignment(database, assignment, report.failures)
    report.seconds.update(
        load=loaded - started, group=grouped - loaded, store=time.perf_counter() - grouped
    )
