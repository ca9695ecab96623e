"""Reading and extracting an upload in a child process, within a time and a size budget.

One authorised upload can hold hours of work: forty gzip files of 20 MB HTML expand to
800 MB, and extracting a single 20 MB page takes about 90 s and 1 GB. That work runs in a
child process (forked from a small fork server, so each upload costs milliseconds to
start), which the server kills when the upload's time budget is spent or the server is
told to stop (SIGTERM): no page in extraction can keep the ingest lock or the process
alive. The child stops reading once the documents it read pass the size budget. What was
extracted before either limit is ingested; the rest is one failure saying why.

The child hands documents back through a bounded queue, so an upload never holds more
than `QUEUE_ITEMS` extracted articles (or lists of failures) in the server at a time.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from storylens.config import DEFAULT_MAX_INPUT_BYTES, DEFAULT_UPLOAD_SECONDS, Settings
from storylens.records import Article, Failure

# The source named by failures about the upload as a whole.
UPLOAD_SOURCE = "upload"
# Extracted articles waiting for the ingest at most (each up to a 20 MB body).
QUEUE_ITEMS = 8
# Failures sent to the server in one message (a few KB).
FAILURES_PER_MESSAGE = 200
# How often the server looks at its stop flag and the clock while the child works.
POLL_S = 0.2
# Documents an upload may expand to, as a multiple of the largest body it may send: a
# gzip of text expands 5-10x, so 5x lets ordinary archives through and stops bombs of
# many small members.
EXPANSION_BUDGET = 5

SHUTTING_DOWN = "not ingested: the server is shutting down; send it again after the restart"
DONE = "done"


@dataclass(frozen=True, slots=True)
class UploadBudget:
    seconds: float = DEFAULT_UPLOAD_SECONDS
    document_bytes: int = EXPANSION_BUDGET * DEFAULT_MAX_INPUT_BYTES

    @classmethod
    def for_body_limit(cls, max_body_bytes: int, seconds: float) -> UploadBudget:
        return cls(seconds=seconds, document_bytes=EXPANSION_BUDGET * max_body_bytes)


def over_time(seconds: float) -> str:
    return (
        f"not ingested: the upload's time budget ({seconds:g} s) was spent; "
        "send the rest in smaller uploads"
    )


def over_size(limit: int) -> str:
    return (
        f"not ingested: the upload's documents passed its size budget "
        f"({limit // (1024 * 1024)} MB after decompression); send the rest in smaller uploads"
    )


def extract_uploads(
    uploads: list[tuple[str, bytes]],
    settings: Settings,
    budget: UploadBudget,
    stop: threading.Event,
) -> Iterator[Article | Failure]:
    """The articles and failures of the uploaded files (name, bytes), extracted in a child
    process; ends early, with one failure saying why, on `stop` or past the budget."""
    context = multiprocessing.get_context("forkserver")
    # The fork server imports the reading and extracting code once; each child forks ready.
    context.set_forkserver_preload(["storylens.read", "storylens.extract", __name__])
    results: Any = context.Queue(maxsize=QUEUE_ITEMS)
    child = context.Process(
        target=_extract_in_child,
        args=(uploads, settings, budget.document_bytes, results),
        name="storylens-upload",
        daemon=True,
    )
    deadline = time.monotonic() + budget.seconds
    child.start()
    try:
        yield from _results(child, results, deadline, budget.seconds, stop)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        results.cancel_join_thread()
        results.close()


def _results(
    child: Any, results: Any, deadline: float, seconds: float, stop: threading.Event
) -> Iterator[Article | Failure]:
    while True:
        if stop.is_set():
            yield Failure(UPLOAD_SOURCE, SHUTTING_DOWN)
            return
        if time.monotonic() > deadline:
            yield Failure(UPLOAD_SOURCE, over_time(seconds))
            return
        try:
            item = results.get(timeout=POLL_S)
        except queue.Empty:
            if child.is_alive():
                continue
            try:  # its last items may still be in the pipe
                item = results.get(timeout=POLL_S)
            except queue.Empty:
                code = child.exitcode
                yield Failure(UPLOAD_SOURCE, f"not ingested: extraction stopped (exit {code})")
                return
        if item == DONE:
            return
        yield from item


def _extract_in_child(
    uploads: list[tuple[str, bytes]], settings: Settings, document_bytes: int, results: Any
) -> None:
    """The child: read and extract every upload in turn, up to `document_bytes`."""
    from storylens.extract import extract
    from storylens.read import read_bytes

    sending = _Sender(results)
    read = 0
    for name, data in uploads:
        for raw in read_bytes(name, data, settings):
            if isinstance(raw, Failure):
                sending.add(raw)
                continue
            read += len(raw.content)
            if read > document_bytes:
                sending.add(Failure(raw.source, over_size(document_bytes)))
                sending.done()
                return
            sending.add(extract(raw))
    sending.done()


class _Sender:
    """Hands items to the server in lists: one queue message per failure would make a
    flood of bad records cost a message each; an article goes at once (it was slow)."""

    def __init__(self, results: Any) -> None:
        self.results = results
        self.waiting: list[Article | Failure] = []

    def add(self, item: Article | Failure) -> None:
        self.waiting.append(item)
        if isinstance(item, Article) or len(self.waiting) >= FAILURES_PER_MESSAGE:
            self.send()

    def send(self) -> None:
        if self.waiting:
            self.results.put(self.waiting)
            self.waiting = []

    def done(self) -> None:
        self.send()
        self.results.put(DONE)
