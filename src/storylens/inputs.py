"""Read → extract: the articles of the given inputs, failures reported as they happen.

Kept apart from `storylens.pipeline` so what only extracts (`storylens extract`, the API's
`extract_articles`) loads no model, grouping or database code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from storylens.config import Settings
from storylens.extract import extract_all
from storylens.read import read_inputs
from storylens.records import Article, Failure

FailureSink = Callable[[Failure], None]


def _ignore(failure: Failure) -> None:
    del failure


def extract_inputs(
    inputs: Iterable[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    on_failure: FailureSink = _ignore,
) -> Iterator[Article]:
    """Read and extract every input; failures go to `on_failure`, the rest flows on."""
    for item in extract_all(read_inputs(inputs, settings, stdin=stdin)):
        if isinstance(item, Failure):
            on_failure(item)
        else:
            yield item
