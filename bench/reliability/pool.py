"""A pool of worker processes with a time limit per item: a hang is counted, not fatal.

Each worker runs `handler(job)` for the jobs it is sent. A worker that overruns the limit is
killed (SIGKILL) and replaced, and its job reported as a hang; a worker that dies (a
segfault, the OOM killer) is replaced and its job reported as a crash. Workers come from a
fork server: a clean process that imported the handler's module once, so a worker starts in
milliseconds, and never inherits the threads of a parent that already ran torch (forking
those deadlocks the child's models).
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

Handler = Callable[[Any], dict[str, Any]]
Warmup = Callable[[], None]


@dataclass(slots=True)
class Job:
    number: int
    payload: Any
    seconds: float  # the time limit for this item


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    job: Job | None = None
    deadline: float = 0.0
    jobs_done: int = field(default=0)


# A worker's start-up (imports, models) must not count against its first item's time
# limit; on a crowded 2-core machine loading the models alone has taken three minutes.
START_SECONDS = 900
_READY = "ready"


def _serve(conn: Connection, handler: Handler, warmup: Warmup | None) -> None:
    if warmup is not None:
        warmup()
    conn.send(_READY)
    while True:
        payload = conn.recv()
        if payload is None:
            return
        try:
            result = handler(payload)
        except Exception:  # the item's crash, reported with where it happened
            result = {"status": "crash", "error": traceback.format_exc()[-3000:]}
        conn.send(result)


class Pool:
    def __init__(self, handler: Handler, workers: int, warmup: Warmup | None = None) -> None:
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload([handler.__module__])
        self._handler = handler
        self._warmup = warmup
        self._workers = [self._start() for _ in range(max(1, workers))]

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child, self._handler, self._warmup), daemon=True
        )
        process.start()
        child.close()
        if not parent.poll(START_SECONDS) or parent.recv() != _READY:
            process.kill()
            raise RuntimeError(f"a worker did not start within {START_SECONDS} s")
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._start()

    def run(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, dict[str, Any]]]:
        """Each job with its result: the handler's dict, or status `hang` / `crash`."""
        pending = iter(jobs)
        exhausted = False
        while True:
            for worker in self._workers:
                if worker.job is None and not exhausted:
                    job = next(pending, None)
                    if job is None:
                        exhausted = True
                        break
                    worker.job, worker.deadline = job, time.monotonic() + job.seconds
                    worker.conn.send(job.payload)
            busy = [w for w in self._workers if w.job is not None]
            if not busy:
                return
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout=timeout)
            for worker in list(busy):
                yield from self._collect(worker, ready)

    def _collect(self, worker: _Worker, ready: list[Any]) -> Iterator[tuple[Job, dict[str, Any]]]:
        job = worker.job
        assert job is not None
        if worker.conn in ready:
            try:
                result = worker.conn.recv()
            except (EOFError, OSError):
                worker.process.join(timeout=10)
                code = worker.process.exitcode
                result = {"status": "crash", "error": f"worker died (exit code {code})"}
                self._replace(worker)
            else:
                worker.job, worker.jobs_done = None, worker.jobs_done + 1
            yield job, result
        elif time.monotonic() >= worker.deadline:
            self._replace(worker)
            yield job, {"status": "hang", "error": f"no result within {job.seconds:.0f} s"}

    def close(self) -> None:
        for worker in self._workers:
            if worker.job is None and worker.process.is_alive():
                worker.conn.send(None)
            else:
                worker.process.kill()
        for worker in self._workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
