"""`storylens batch --compare`: stories compared in parallel, stored as `show` would store them."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.analyse import Analyser
from storylens.batch import BatchOptions, run_batch
from storylens.batch.compare import compare_jobs
from storylens.compare import COMPARISON_VERSION
from storylens.compared import story_comparison
from storylens.config import Settings
from storylens.errors import ConfigError
from storylens.records import Story
from storylens.store import open_store
from storylens.store.comparisons import encode

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = [str(ROOT / "corpus" / d) for d in ("html", "dumps", "feeds")]


def _story(story_id: str, size: int) -> Story:
    return Story(story_id, [f"{story_id}-{n}" for n in range(size)])


def test_jobs_hold_about_the_article_budget_biggest_stories_first() -> None:
    stories = [_story("a", 3), _story("b", 150), _story("c", 60), _story("d", 1), _story("e", 90)]
    jobs = compare_jobs(stories, job_articles=200)
    assert jobs == [["b", "e"], ["c", "a", "d"]]
    assert compare_jobs([_story("huge", 900)], job_articles=200) == [["huge"]]
    assert compare_jobs([]) == []


def test_compare_without_a_database_is_refused_before_any_work(tmp_path: Path) -> None:
    options = BatchOptions(inputs=SAMPLE, out=str(tmp_path / "out"), db=None, compare=True)
    with pytest.raises(ConfigError, match="--compare needs a database"):
        run_batch(options)
    assert not (tmp_path / "out").exists()


def _stored(db: str) -> dict[str, str]:
    """Each story's stored comparison (encoded), for the stories of two or more articles."""
    with open_store(db) as store:
        found = {}
        for story in store.list_stories():
            stored = store.load_comparison(story.id, story.article_ids, COMPARISON_VERSION)
            if len(story.article_ids) >= 2:
                assert stored is not None, f"story {story.id} was not compared"
                found[story.id] = encode(stored)
        return found


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    from storylens.executors import ray_runtime_env

    ray.init(
        num_cpus=2, runtime_env=ray_runtime_env(), include_dashboard=False, log_to_driver=False
    )
    yield
    ray.shutdown()


@pytest.mark.models
def test_both_engines_store_the_comparisons_show_computes(
    ray_instance: None, tmp_path: Path
) -> None:
    runs = {}
    for engine in ("local", "ray"):
        db = str(tmp_path / f"{engine}.db")
        options = BatchOptions(
            inputs=SAMPLE, out=str(tmp_path / engine), db=db, engine=engine, workers=2, compare=True
        )
        report = run_batch(options)
        assert report.compared is not None and report.compared.failures == []
        runs[engine] = _stored(db)
        assert report.compared.compared == len(runs[engine]) > 0
    assert runs["ray"] == runs["local"]

    # The same comparisons as one process computes afresh, as `storylens show` does.
    fresh = str(tmp_path / "fresh.db")
    for suffix in ("", "-wal", "-shm"):  # SQLite's write-ahead log, if one is left
        if (tmp_path / f"local.db{suffix}").exists():
            shutil.copy(tmp_path / f"local.db{suffix}", f"{fresh}{suffix}")
    with sqlite3.connect(fresh) as connection:
        connection.execute("DELETE FROM comparisons")
    analyser = Analyser(Settings())
    with open_store(fresh) as store:
        for story_id, stored in runs["local"].items():
            assert encode(story_comparison(store, story_id, analyser).comparison) == stored

    # A rerun finds every comparison stored: nothing is compared again.
    again = run_batch(
        BatchOptions(
            inputs=SAMPLE,
            out=str(tmp_path / "local"),
            db=str(tmp_path / "local.db"),
            workers=2,
            compare=True,
        )
    )
    assert again.compared is not None and again.compared.compared == 0
