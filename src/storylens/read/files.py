"""Command-line inputs to files: paths, directories, glob patterns and `-` for stdin.

Directories are walked recursively in sorted order, so a batch always reads in the same
order; hidden files and directories (`.git`, `.DS_Store`) are skipped. A file named twice
(directly and through a directory or pattern) is read once.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterable, Iterator

from storylens.config import Settings
from storylens.read import reasons
from storylens.read.dispatch import os_reason, read_stream
from storylens.records import Failure, RawDoc

STDIN = "-"
_GLOB_MAGIC = re.compile(r"[*?[]")


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(top: str) -> Iterator[str | Failure]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(top, onerror=errors.append):
        yield from (Failure(str(e.filename or folder), os_reason(e)) for e in errors)
        errors.clear()
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            path = os.path.join(folder, name)
            # Only regular files (or links to them): sockets and pipes in a tree are no documents.
            if not _hidden(name) and os.path.isfile(path):
                yield path
    yield from (Failure(str(e.filename or top), os_reason(e)) for e in errors)


def _expand_one(arg: str) -> Iterator[str | Failure]:
    if arg == STDIN:
        yield arg
    elif os.path.isdir(arg):
        yield from _walk(arg)
    elif os.path.lexists(arg):
        yield arg  # a file, or a pipe named on purpose (`<(zcat feed.gz)`)
    elif _GLOB_MAGIC.search(arg) and (matches := sorted(glob.glob(arg, recursive=True))):
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            else:
                yield match
    else:
        yield Failure(arg, reasons.NO_SUCH_FILE)


def expand(inputs: Iterable[str]) -> Iterator[str | Failure]:
    """Each input file once, in order; `-` as is; a Failure for each input that names nothing."""
    seen: set[str] = set()
    for arg in inputs:
        for item in _expand_one(arg):
            if isinstance(item, str) and item != STDIN:
                key = os.path.realpath(item)
                if key in seen:
                    continue
                seen.add(key)
            yield item


def read_path(path: str, settings: Settings) -> Iterator[RawDoc | Failure]:
    """The documents of one file, opened only while it is being read."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            # A pipe's size is unknown until read; a regular file's is refused before reading.
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            # Read errors are reported by read_stream; only opening fails here.
            yield from read_stream(path, handle, settings, name=path, size=size)
    except OSError as exc:
        yield Failure(path, os_reason(exc))
