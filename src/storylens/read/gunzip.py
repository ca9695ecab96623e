"""Gzip, decompressed as a stream.

Decompression is lazy: callers read only as much as they need (a single document stops at
the size limit), so a gzip bomb costs at most the limit in memory. Concatenated members
(a `.warc.gz` compresses each record on its own) read as one stream.
"""

from __future__ import annotations

import gzip
import zlib
from typing import BinaryIO, cast

from storylens.errors import InputError
from storylens.read import reasons
from storylens.read.stream import CHUNK, ByteStream

MAGIC = b"\x1f\x8b"
SUFFIXES = (".gz", ".gzip")


class Gunzip:
    """Decompressed bytes; a damaged stream becomes the input's error, wherever it is read.

    What was decompressed before the damage is returned first and the error raised on the
    next read, so the records of a cut-off `.jsonl.gz` or `.warc.gz` are not lost.
    """

    def __init__(self, source: str, compressed: ByteStream) -> None:
        self._source = source
        # Typed as seekable, but GzipFile seeks only to rewind, which a reader never does.
        self._gzip = gzip.GzipFile(fileobj=cast(BinaryIO, compressed), mode="rb")
        self._reason: str | None = None

    def _error(self, exc: Exception) -> InputError:
        if isinstance(exc, EOFError):
            self._reason = reasons.TRUNCATED_GZIP
        else:
            self._reason = reasons.corrupt_gzip(exc)
        return InputError(self._source, self._reason)

    def read(self, size: int = -1, /) -> bytes:
        """Up to `size` bytes, often fewer: one step of decompression at a time."""
        if size < 0:
            return b"".join(iter(lambda: self.read(CHUNK), b""))
        if self._reason:
            raise InputError(self._source, self._reason)
        try:
            return self._gzip.read1(size)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise self._error(exc) from exc

    def readline(self, size: int = -1, /) -> bytes:
        if self._reason:
            raise InputError(self._source, self._reason)
        try:
            return self._gzip.readline(size)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise self._error(exc) from exc  # a cut-off line is no record: nothing is lost


def inner_name(name: str) -> str:
    """`page.html.gz` -> `page.html`, so the suffix can still break a tie after decompressing."""
    lowered = name.lower()
    for suffix in SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name
