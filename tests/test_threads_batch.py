"""`storylens batch` on either engine gives the threads `storylens ingest` gives (issue 25).

The invented developing-story fixture (tests/fixtures/threads/developing.jsonl: an arson
case's arrest, charges and hearing; two earthquakes) is written one article a file, in the
fixture's order, so its 15 shards are read by two workers in parallel; the
global pass then groups and links the articles in arrival order, as ingest does (the same
`StoryGrouper` and `ThreadLinker` calls: `batch.assign`). The Ray run skips when Ray is not
installed (the `ray` extra).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.batch import BatchOptions, run_batch
from storylens.cli import app
from storylens.store import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "threads" / "developing.jsonl"

pytestmark = pytest.mark.models
runner = CliRunner()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    for n, line in enumerate(FIXTURE.read_text("utf-8").splitlines()):
        (folder / f"{n:02d}-{json.loads(line)['id']}.jsonl").write_text(line + "\n", "utf-8")
    return folder


def _threads(db: Path) -> dict[str, str]:
    """Each input's thread id (threads are named by the story that started them)."""
    found = {}
    with open_store(str(db)) as store:
        for thread in store.list_threads():
            for story in thread.events:
                for article in store.load_articles(story.article_ids, with_analysis=False):
                    found[str(article.input_id)] = thread.id
    return found


def _partition(thread_of: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for input_id, thread in thread_of.items():
        members.setdefault(thread, set()).add(input_id)
    return {frozenset(m) for m in members.values()}


@pytest.fixture(scope="module")
def ingested(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert result.exit_code == 0, result.output
    found = _threads(db)
    assert len(found) == sum(1 for _ in FIXTURE.open("rb"))
    assert any(len(m) > 3 for m in _partition(found))  # the case's events are one thread
    return found


def _batch(inputs: Path, tmp: Path, engine: str) -> dict[str, str]:
    options = BatchOptions(
        inputs=[str(inputs)],
        out=str(tmp / engine),
        db=str(tmp / f"{engine}.db"),
        engine=engine,
        workers=2,
    )
    report = run_batch(options)
    assert report.shards == len(list(inputs.iterdir())) and not report.failures
    return _threads(tmp / f"{engine}.db")


def test_local_batch_gives_the_threads_of_ingest(
    inputs: Path, ingested: dict[str, str], tmp_path: Path
) -> None:
    found = _batch(inputs, tmp_path, "local")
    assert _partition(found) == _partition(ingested)
    assert found == ingested  # the same thread ids too


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    from storylens.executors import ray_runtime_env

    ray.init(
        num_cpus=2, runtime_env=ray_runtime_env(), include_dashboard=False, log_to_driver=False
    )
    yield
    ray.shutdown()


def test_ray_batch_gives_the_threads_of_ingest(
    ray_instance: None, inputs: Path, ingested: dict[str, str], tmp_path: Path
) -> None:
    found = _batch(inputs, tmp_path, "ray")
    assert _partition(found) == _partition(ingested)
    assert found == ingested


def test_batch_continuing_an_ingested_store_gives_the_threads_of_ingest(
    inputs: Path, ingested: dict[str, str], tmp_path: Path
) -> None:
    """The first events ingested, then the whole input batched into the same store: the
    global pass continues the stored threads (`restored_threads`), as a restarted ingest."""
    first = tmp_path / "first"
    first.mkdir()
    for path in sorted(inputs.iterdir())[:9]:  # the arrest, the first quake, the charges
        (first / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "local.db"
    result = runner.invoke(app, ["ingest", str(first), "--db", str(db)])
    assert result.exit_code == 0, result.output
    found = _batch(inputs, tmp_path, "local")
    assert found == ingested
