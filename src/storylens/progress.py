"""Progress bars on stderr, shown only when stderr is a terminal (never in pipes or CI logs)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def stderr_progress(label: str) -> Iterator[Callable[[int], None]]:
    """Yields `advance(n)`; an open-ended counter, since a stream's length is unknown."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    columns = (SpinnerColumn(), TextColumn(label), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield lambda n: progress.advance(task, n)
