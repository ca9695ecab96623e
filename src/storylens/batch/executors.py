"""Where the parallel part runs: processes on this machine, or a Ray cluster.

An executor only decides where `ShardWorker.run` is called for each pending shard; the
stages and the files they write are the same for both. Ray is an optional extra
(`pip install 'storylens[ray]'`), imported only when `--engine ray` is asked for.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Protocol

from storylens.batch.inputs import InputShard
from storylens.batch.shards import ShardResult
from storylens.batch.work import ShardWorker, WorkSpec, init_process, run_in_process
from storylens.errors import ConfigError

ENGINES = ("local", "ray")
OnDone = Callable[[ShardResult], None]


class Executor(Protocol):
    def run(self, shards: Sequence[InputShard], spec: WorkSpec, on_done: OnDone) -> None: ...


class LocalExecutor:
    """A pool of worker processes; each loads the models once and takes shard after shard."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(self, shards: Sequence[InputShard], spec: WorkSpec, on_done: OnDone) -> None:
        if not shards:
            return
        # spawn, not fork: a forked copy of a process that already ran torch can deadlock.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=init_process, initargs=(spec,)
        ) as pool:
            futures = [pool.submit(run_in_process, shard) for shard in shards]
            for future in as_completed(futures):
                on_done(ShardResult.from_json(future.result()))


class _RayShardWorker:
    """A Ray Data actor: one per worker, models loaded once, one shard per batch."""

    def __init__(self, spec: WorkSpec) -> None:
        self.worker = ShardWorker(spec)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        results = []
        for text in batch["shard"]:
            shard = InputShard(**json.loads(str(text)))
            results.append(json.dumps(self.worker.run(shard).to_json()))
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
    package_root = str(Path(__file__).resolve().parents[2])
    paths = [package_root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {"env_vars": {"PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}}


class RayExecutor:
    """Ray Data `map_batches` over the pending shards, with a pool of `workers` actors.

    `address` None starts a local Ray instance (or uses the one already started in this
    process); `auto` or `ray://host:10001` joins a cluster, whose nodes must have storylens
    installed and see the input and output paths (a shared file system or bucket mount).
    """

    def __init__(self, workers: int, address: str | None = None) -> None:
        self.workers = workers
        self.address = address

    def run(self, shards: Sequence[InputShard], spec: WorkSpec, on_done: OnDone) -> None:
        if not shards:
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
        items = [{"shard": json.dumps(shard.to_dict())} for shard in shards]
        dataset = ray.data.from_items(items, override_num_blocks=len(items))
        with warnings.catch_warnings():
            # Ray 2.60 deprecates these two without a named replacement; its default is to
            # retry forever, and a shard that kills its worker each time must end the run.
            warnings.filterwarnings("ignore", message=".*ray_remote_args. is deprecated")
            results = dataset.map_batches(
                _RayShardWorker,
                fn_constructor_args=(spec,),
                batch_size=1,
                compute=ray.data.ActorPoolStrategy(size=self.workers),
                num_cpus=1,
                # A killed worker is restarted and its shard retried (models load again).
                max_restarts=3,
                max_task_retries=3,
            )
        for row in results.iter_rows():
            on_done(ShardResult.from_json(json.loads(row["result"])))


def make_executor(engine: str, workers: int, ray_address: str | None) -> Executor:
    if engine == "local":
        return LocalExecutor(workers)
    if engine == "ray":
        return RayExecutor(workers, ray_address)
    raise ConfigError(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}")
