"""Read: inputs as they arrive (files, directories, globs, stdin) to decoded documents.

Formats are sniffed from content: HTML pages, text dumps of scraped pages, JSON and JSONL
exports, WARC archives, and any of these gzipped. Each document comes out as a `RawDoc`;
each input or record that cannot be read comes out as a `Failure` saying why, and the rest
of the batch goes on. Both functions are lazy: one file is open at a time, and containers
(JSONL, WARC) are read record by record.

    >>> from storylens.config import Settings
    >>> [doc.format for doc in read_bytes("page.html", b"<html><p>Hi</p></html>", Settings())]
    ['html']
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from storylens.config import Settings
from storylens.read.dispatch import read_stream
from storylens.read.files import STDIN, expand, read_path
from storylens.records import Failure, RawDoc

__all__ = ["STDIN_SOURCE", "read_bytes", "read_inputs"]

STDIN_SOURCE = "<stdin>"


def read_inputs(
    inputs: Iterable[str], settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[RawDoc | Failure]:
    """Documents of every input: file paths, directories, glob patterns, `-` for stdin."""
    for item in expand(inputs):
        if isinstance(item, Failure):
            yield item
        elif item == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_stream(STDIN_SOURCE, stream, settings)
        else:
            yield from read_path(item, settings)


def read_bytes(source: str, data: bytes, settings: Settings) -> Iterator[RawDoc | Failure]:
    """Documents of one input already in memory; `source` names it (its suffix breaks ties)."""
    yield from read_stream(source, io.BytesIO(data), settings, name=source, size=len(data))
