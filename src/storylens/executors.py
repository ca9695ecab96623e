"""Where the parallel work runs: processes on this machine, or a Ray cluster.

An executor only decides where a worker's `handle` is called for each item: a worker is
built once per process from a small picklable spec (`ShardWorker` for the shards,
`CompareWorker` for the stories to compare), and items and results are plain JSON-able
dicts. The stages and what they write are the same on both. Ray is an optional extra
(`pip install 'storylens[ray]'`), imported only when `--engine ray` is asked for.
"""

from __future__ import annotations

import itertools
import json
import logging
import multiprocessing
import os
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Protocol

from storylens.errors import ConfigError

ENGINES = ("local", "ray")
Item = dict[str, Any]
OnDone = Callable[[Item], None]


class Worker(Protocol):
    def handle(self, item: Item) -> Item: ...


# Builds a process' worker from its spec: a top-level class, so that it pickles by name.
MakeWorker = Callable[[Any], Worker]


class Executor(Protocol):
    def run(self, items: Sequence[Item], make: MakeWorker, spec: Any, on_done: OnDone) -> None: ...


class LocalExecutor:
    """A pool of worker processes; each loads the models once and takes item after item."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(self, items: Sequence[Item], make: MakeWorker, spec: Any, on_done: OnDone) -> None:
        if not items:
            return
        # spawn, not fork: a forked copy of a process that already ran torch can deadlock.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_process, initargs=(make, spec)
        ) as pool:
            futures = [pool.submit(_run_in_process, item) for item in items]
            for future in as_completed(futures):
                on_done(future.result())

    def stream(
        self, items: Iterable[Item], make: MakeWorker, spec: Any, window: int
    ) -> Iterator[Item]:
        """The results in the items' order as they come, with at most `window` items in
        flight, so a consumer slower than the pool holds a bounded amount in memory.

        The processes start, and the first items go to them, on this call rather than on
        the first read: a caller that has more to set up (imports, a database) does it
        while the workers load their models."""
        results = self._stream(iter(items), make, spec, window)
        next(results)  # runs up to the first window's submission
        return results

    def _stream(
        self, items: Iterator[Item], make: MakeWorker, spec: Any, window: int
    ) -> Iterator[Item]:
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_process, initargs=(make, spec)
        )
        done = False
        try:
            pending: deque[Future[Item]] = deque(
                pool.submit(_run_in_process, item)
                for item in itertools.islice(items, max(1, window))
            )
            yield {}  # primed: see `stream`
            for item in items:
                yield pending.popleft().result()
                pending.append(pool.submit(_run_in_process, item))
            # Everything is submitted: the workers end as they run out of work, while the
            # caller reads the last results (and writes them), instead of after.
            pool.shutdown(wait=False)
            while pending:
                yield pending.popleft().result()
            done = True
        finally:
            if not done:  # a worker failed, or the caller stopped reading: drop what has not begun
                pool.shutdown(wait=True, cancel_futures=True)


# One worker per process for the local executor (set by its pool initializer).
_process_worker: Worker | None = None


def _init_process(make: MakeWorker, spec: Any) -> None:
    global _process_worker
    _process_worker = make(spec)
    _exit_with_parent(os.getppid())


def _run_in_process(item: Item) -> Item:
    if _process_worker is None:
        raise RuntimeError("_init_process was not called in this worker")
    return _process_worker.handle(item)


# Seconds between two checks that the driver is still alive.
PARENT_POLL_S = 1.0


def _exit_with_parent(parent: int) -> None:
    """End this worker when the driver dies (killed with SIGKILL, it cleans nothing up).

    An idle pool worker waits on its task queue forever and a busy one would finish its
    item for nobody: each held a loaded model (~600 MB) until the machine was rebooted.
    When the parent dies, the worker is handed to another process, so its parent id changes.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="storylens-parent-watch", daemon=True).start()


class _RayWorker:
    """A Ray Data actor: one per worker, models loaded once, one item per batch."""

    def __init__(self, make: MakeWorker, spec: Any) -> None:
        self.worker = make(spec)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        results = [json.dumps(self.worker.handle(json.loads(str(t)))) for t in batch["item"]]
        return {"result": results}


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(
            "--engine ray needs Ray: pip install 'storylens[ray]' (or use --engine local)"
        ) from exc
    return ray


def ray_runtime_env() -> dict[str, Any]:
    """Lets workers of a local Ray instance import this very storylens (a source checkout)."""
    package_root = str(Path(__file__).resolve().parents[1])
    paths = [package_root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {"env_vars": {"PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}}


class RayExecutor:
    """Ray Data `map_batches` over the items, with a pool of `workers` actors.

    `address` None starts a local Ray instance (or uses the one already started in this
    process); `auto` or `ray://host:10001` joins a cluster, whose nodes must have storylens
    installed and see the input and output paths (a shared file system or bucket mount).
    """

    def __init__(self, workers: int, address: str | None = None) -> None:
        self.workers = workers
        self.address = address

    def run(self, items: Sequence[Item], make: MakeWorker, spec: Any, on_done: OnDone) -> None:
        if not items:
            return
        ray = _ray()
        if not ray.is_initialized():
            if self.address:
                ray.init(address=self.address, log_to_driver=False)
            else:
                ray.init(num_cpus=self.workers, runtime_env=ray_runtime_env(), log_to_driver=False)
        # Ray Data's progress lines would bury the per-item errors on stderr.
        ray.data.DataContext.get_current().enable_progress_bars = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        rows = [{"item": json.dumps(item)} for item in items]
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
        with warnings.catch_warnings():
            # Ray 2.60 deprecates these two without a named replacement; its default is to
            # retry forever, and a shard that kills its worker each time must end the run.
            warnings.filterwarnings("ignore", message=".*ray_remote_args. is deprecated")
            results = dataset.map_batches(
                _RayWorker,
                fn_constructor_args=(make, spec),
                batch_size=1,
                compute=ray.data.ActorPoolStrategy(size=self.workers),
                num_cpus=1,
                # A killed worker is restarted and its item retried (models load again).
                max_restarts=3,
                max_task_retries=3,
            )
        for row in results.iter_rows():
            on_done(json.loads(row["result"]))


def make_executor(engine: str, workers: int, ray_address: str | None) -> Executor:
    if engine == "local":
        return LocalExecutor(workers)
    if engine == "ray":
        return RayExecutor(workers, ray_address)
    raise ConfigError(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}")
