"""`storylens serve --workers N`: several server processes on one port.

One Python process answers on one core; a team's server has more. uvicorn starts the
workers itself and each builds its own app from `worker_app` (uvicorn needs an import
string for that), configured through one environment variable. The workers share only
the database: a comparison one of them computes is stored, and the others read it.

Before the workers start, every story not compared yet (if any) is compared once, in a child
process that then exits (so neither the supervisor nor the workers hold the models): N
workers warming up on their own would compare every story N times over. Each worker then
fills its memory cache from the stored comparisons, without loading a model.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from dataclasses import asdict, dataclass, field

from fastapi import FastAPI

from storylens.config import DEFAULT_UPLOAD_SECONDS
from storylens.errors import StorylensError

CONFIG_ENV = "STORYLENS_SERVE_WORKER_CONFIG"


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    db: str
    token: str | None
    max_body_bytes: int
    rate_limit: float  # per worker: each process counts its own clients' requests
    warm: bool
    trusted_proxies: list[str] = field(default_factory=list)  # see serve.server
    upload_seconds: float = DEFAULT_UPLOAD_SECONDS  # see serve.upload


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn's factory)."""
    from storylens.serve import ServeOptions, create_app

    config = WorkerConfig(**json.loads(os.environ[CONFIG_ENV]))
    options = ServeOptions(
        token=config.token,
        max_body_bytes=config.max_body_bytes,
        rate_limit=config.rate_limit,
        warm=config.warm,
        upload_seconds=config.upload_seconds,
    )
    return create_app(config.db, options)


def run_workers(config: WorkerConfig, host: str, port: int, workers: int) -> None:
    """Compare what is not compared yet, then serve with `workers` processes."""
    import uvicorn

    from storylens.serve.server import uvicorn_options

    if config.warm and uncompared_stories(config.db):
        compare_stored_stories(config.db)
    os.environ[CONFIG_ENV] = json.dumps(asdict(config))
    uvicorn.run(
        f"{__name__}:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **uvicorn_options(config.trusted_proxies),
    )


def uncompared_stories(db: str) -> list[str]:
    """The stories without a current stored comparison (no model needed to tell)."""
    from storylens.compared import uncompared_stories as uncompared
    from storylens.store import open_store

    with open_store(db) as store:
        return [story.id for story in uncompared(store)]


def compare_stored_stories(db: str) -> None:
    """Store the comparison of every story lacking one, in a child process."""
    child = multiprocessing.get_context("spawn").Process(
        target=_compare_stored_stories, args=(db,), name="storylens-compare"
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise StorylensError(f"comparing the stored stories failed (exit {child.exitcode})")


def _compare_stored_stories(db: str) -> None:
    from storylens.analyse import Analyser
    from storylens.compared import story_comparison
    from storylens.config import Settings
    from storylens.store import UnknownStoryError, open_store

    analyser = Analyser(Settings.from_env())
    computed = 0
    try:
        with open_store(db) as store:
            listed = store.list_stories()
            for story in listed:
                try:
                    computed += story_comparison(store, story.id, analyser).computed
                except UnknownStoryError:
                    continue  # merged into another story since the listing: compared there
    except StorylensError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
    print(f"compared {computed} of {len(listed)} stories", file=sys.stderr)
