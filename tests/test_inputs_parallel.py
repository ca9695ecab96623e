"""Reading and extracting on several processes gives what one process gives, in order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storylens.config import Settings
from storylens.executors import LocalExecutor
from storylens.inputs import extract_inputs
from storylens.records import Failure

SAMPLE = ["corpus/html", "corpus/dumps", "corpus/feeds", "corpus/archive", "corpus/encodings"]


def _run(paths: list[str], workers: int) -> tuple[list[tuple[str, str]], list[str]]:
    failures: list[Failure] = []
    articles = extract_inputs(paths, Settings(), on_failure=failures.append, workers=workers)
    return [(a.source, a.id) for a in articles], [str(f) for f in failures]


def test_two_workers_give_the_articles_and_failures_of_one_in_the_same_order(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = str(tmp_path / "gone.html")
    paths = [SAMPLE[0], str(empty), missing, *SAMPLE[1:]]
    serial = _run(paths, workers=1)
    parallel = _run(paths, workers=2)
    assert parallel == serial
    assert len(serial[0]) > 30
    assert serial[1] == [f"{empty}: empty file", f"{missing}: no such file or directory"]


def test_the_pool_reads_many_files_and_few_are_read_in_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[int] = []
    stream = LocalExecutor.stream

    def counted(self: LocalExecutor, *args: Any, **kwargs: Any) -> Iterator[Any]:
        started.append(self.workers)
        return stream(self, *args, **kwargs)

    monkeypatch.setattr(LocalExecutor, "stream", counted)
    _run(SAMPLE, workers=2)
    assert started == [2]
    # One file does not pay for starting a pool.
    found, failed = _run(["corpus/html/meridian-kastrani-quake.html"], workers=2)
    assert len(found) == 1 and not failed
    assert started == [2]


@pytest.mark.models
def test_leads_embedded_by_the_pool_equal_those_of_one_process() -> None:
    # Ingest groups on these vectors: the same bits whichever process embedded them, so the
    # stories do not depend on the number of workers.
    from storylens.analyse import Analyser

    pooled = list(extract_inputs(SAMPLE, Settings(), workers=2, embed_leads=True))
    serial = list(extract_inputs(SAMPLE, Settings()))
    Analyser(Settings()).analyse_lead(serial)
    assert all(a.embedding is not None for a in pooled)
    assert [(a.id, a.embedding) for a in pooled] == [(a.id, a.embedding) for a in serial]


class _MarkStart:
    """A worker that leaves a file named after its process when the process starts."""

    def __init__(self, folder: str) -> None:
        import os

        Path(folder, f"started-{os.getpid()}").touch()

    def handle(self, item: dict[str, Any]) -> dict[str, Any]:
        return {"n": item["n"] * 2}


def test_the_pool_starts_loading_before_the_first_result_is_read(tmp_path: Path) -> None:
    # An ingest opens its grouping state while the workers load their models: the workers
    # must be started by the call itself, not by the first read.
    import time

    results = LocalExecutor(2).stream(
        [{"n": n} for n in range(6)], _MarkStart, str(tmp_path), window=4
    )
    waited = 0.0
    while not list(tmp_path.glob("started-*")) and waited < 60:
        time.sleep(0.1)
        waited += 0.1
    assert list(tmp_path.glob("started-*")), "no worker started before the first read"
    assert [found["n"] for found in results] == [0, 2, 4, 6, 8, 10]


def test_a_stream_left_unread_ends_its_pool(tmp_path: Path) -> None:
    results = LocalExecutor(2).stream(
        [{"n": n} for n in range(50)], _MarkStart, str(tmp_path), window=2
    )
    assert next(results) == {"n": 0}
    results.close()  # the items not begun are dropped, the processes end
    with pytest.raises(StopIteration):
        next(results)


def _gone(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_workers_end_while_the_last_results_are_read(tmp_path: Path) -> None:
    # The ingest writes its last batch after the last result: the workers must not keep it
    # waiting for their exit.
    import time

    results = LocalExecutor(2).stream(
        [{"n": n} for n in range(6)], _MarkStart, str(tmp_path), window=2
    )
    assert [next(results)["n"] for _ in range(6)] == [0, 2, 4, 6, 8, 10]
    pids = [int(p.name.split("-")[1]) for p in tmp_path.glob("started-*")]
    assert pids
    waited = 0.0
    while not all(_gone(pid) for pid in pids) and waited < 60:
        time.sleep(0.1)
        waited += 0.1
    assert all(_gone(pid) for pid in pids), "the workers outlived the last result"
    with pytest.raises(StopIteration):
        next(results)
