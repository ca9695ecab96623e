"""Read → extract: the articles of the given inputs, failures reported as they happen.

Kept apart from `storylens.pipeline` so what only extracts (`storylens extract`, the API's
`extract_articles`) loads no model, grouping or database code. With `workers` > 1 the
files are read and extracted by a pool of processes (the local executor `batch` runs on),
and the articles still come out in the order one process would give them, so an ingest
groups the same way whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from storylens.config import Settings
from storylens.read import read_inputs
from storylens.read.files import STDIN, expand, read_path
from storylens.records import Article, Failure

FailureSink = Callable[[Failure], None]
# Files one worker takes at a time: enough to keep the pool's traffic small.
FILES_PER_TASK = 8
# Tasks in flight per worker: a consumer slower than the pool (the embedding model, the
# database) holds at most this many tasks' articles waiting.
TASKS_IN_FLIGHT = 4


def _ignore(failure: Failure) -> None:
    del failure


def extract_inputs(
    inputs: Iterable[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    on_failure: FailureSink = _ignore,
    workers: int = 1,
    embed_leads: bool = False,
) -> Iterator[Article]:
    """Read and extract every input; failures go to `on_failure`, the rest flows on.

    With `workers` > 1 the pool starts on this call, before the first article is read: the
    caller sets up the rest (its imports, its database) while the workers load their models.

    `embed_leads`: the pool's workers also embed each article's title and lead (what
    ingest's grouping reads), where a text's vector does not depend on what it is embedded
    with, so the vectors equal one process' and the embedding runs on every core.
    """
    inputs = list(inputs)
    if workers > 1 and STDIN not in inputs:
        items = _parallel(inputs, WorkerSpec(settings, embed_leads), workers)
    else:
        items = _serial(read_inputs(inputs, settings, stdin=stdin))
    return _articles(items, on_failure)


def _articles(items: Iterable[Article | Failure], on_failure: FailureSink) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Failure):
            on_failure(item)
        else:
            yield item


def _serial(raw: Iterable[Any]) -> Iterator[Article | Failure]:
    from storylens.extract import extract_all

    yield from extract_all(raw)


def _parallel(inputs: list[str], spec: WorkerSpec, workers: int) -> Iterable[Article | Failure]:
    tasks = list(_tasks(expand(inputs)))
    if len(tasks) < 2 * workers:  # starting the processes would cost more than it saves
        return _extracted_here(tasks, spec)
    from storylens.executors import LocalExecutor

    pool = LocalExecutor(workers)
    done = pool.stream(tasks, ExtractWorker, spec, window=workers * TASKS_IN_FLIGHT)
    return (item for result in done for item in result["items"])


def _extracted_here(tasks: list[dict[str, Any]], spec: WorkerSpec) -> Iterator[Article | Failure]:
    for task in tasks:
        yield from ExtractWorker(spec).extracted(task)  # leads: embedded by the ingest


def _tasks(found: Iterable[str | Failure]) -> Iterator[dict[str, Any]]:
    """Consecutive files in groups; a path that named nothing travels in its place."""
    group: list[str | Failure] = []
    for item in found:
        group.append(item)
        if len(group) >= FILES_PER_TASK:
            yield {"inputs": group}
            group = []
    if group:
        yield {"inputs": group}


@dataclass(slots=True, frozen=True)
class WorkerSpec:
    settings: Settings
    embed_leads: bool = False


class ExtractWorker:
    """Reads and extracts a group of files in a pool process; loads the embedding model
    only when asked to embed the leads too (one thread: a worker per core)."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        self.settings = spec.settings
        self._analyser: Any = None

    def handle(self, task: dict[str, Any]) -> dict[str, Any]:
        items = self.extracted(task)
        if self.spec.embed_leads:  # an ingest's worker: what its grouping pass reads
            articles = [item for item in items if isinstance(item, Article)]
            self._embed_leads(articles)
            from storylens.signatures import sign

            sign(articles)
        return {"items": items}

    def _embed_leads(self, articles: list[Article]) -> None:
        if self._analyser is None:
            from storylens.analyse import Analyser
            from storylens.analyse.models import limit_threads

            limit_threads(1)
            self._analyser = Analyser(self.settings)
        if self._analyser.embedder.batch_independent:
            self._analyser.analyse_lead(articles)

    def extracted(self, task: dict[str, Any]) -> list[Article | Failure]:
        from storylens.extract import extract_all

        done: list[Article | Failure] = []
        for item in task["inputs"]:
            if isinstance(item, Failure):
                done.append(item)
            else:
                done.extend(extract_all(read_path(item, self.settings)))
        return done
