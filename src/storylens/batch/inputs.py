"""Inputs at scale: files cut into shards that workers read independently.

A shard is a whole file, or a byte range of one where the format has record boundaries
that can be found from any offset:

- a WARC gzipped per record (the CC-NEWS layout): each record is its own gzip member, so a
  range starts at the first member at or after its nominal offset that opens with `WARC/`;
- a plain JSONL file: a range starts after the first newline at or after its offset.

Every other input (HTML, dumps, JSON, a `.jsonl.gz`, an uncompressed WARC) is one shard.
A split shard reads its records through the read stage unchanged (`read_stream`); its items
are named `path@START#N` (N counted from the start of the range), a whole file's `path#N`.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import BinaryIO

from storylens.config import Settings
from storylens.read.dispatch import read_stream
from storylens.read.files import STDIN, expand, read_path
from storylens.read.sniff import HEAD_BYTES, sniff
from storylens.records import Failure, RawDoc

# A CC-NEWS file is ~1 GB of gzip; 64 MB ranges give a month's ~1,000 files ~16,000 shards,
# enough to keep a cluster busy, and each shard is still minutes of work for one worker.
DEFAULT_SHARD_BYTES = 64 * 1024 * 1024
GZIP_MEMBER = b"\x1f\x8b\x08"
SCAN_CHUNK = 1024 * 1024


@dataclass(slots=True, frozen=True)
class InputShard:
    """Bytes [start, end) of one file; `end` is None for the whole file."""

    path: str
    start: int = 0
    end: int | None = None

    @property
    def id(self) -> str:
        """Stable name of the shard: the same range of the same file gets the same id."""
        digest = hashlib.sha256(f"{self.path}\x00{self.start}\x00{self.end}".encode())
        return digest.hexdigest()[:16]

    @property
    def source(self) -> str:
        return self.path if self.end is None else f"{self.path}@{self.start}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def plan_shards(
    inputs: Iterable[str], shard_bytes: int = DEFAULT_SHARD_BYTES
) -> tuple[list[InputShard], list[Failure]]:
    """The shards of every input, in input order, and a Failure for each input naming none."""
    shards: list[InputShard] = []
    failures: list[Failure] = []
    for item in expand(inputs):
        if isinstance(item, Failure):
            failures.append(item)
        elif item == STDIN:
            failures.append(Failure(STDIN, "batch cannot read stdin: pass files"))
        else:
            shards.extend(_split(item, shard_bytes))
    return shards, failures


def _split(path: str, shard_bytes: int) -> list[InputShard]:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            find = _boundary_finder(handle, head, path)
            if size <= shard_bytes or find is None:
                return [InputShard(path)]
            starts = [0]
            for nominal in range(shard_bytes, size, shard_bytes):
                found = find(nominal)
                if found is not None and starts[-1] < found < size:
                    starts.append(found)
    except OSError:
        return [InputShard(path)]  # the read stage reports why it cannot be read
    if len(starts) == 1:
        return [InputShard(path)]
    ends = [*starts[1:], size]
    return [InputShard(path, s, e) for s, e in zip(starts, ends, strict=True)]


def _boundary_finder(handle: BinaryIO, head: bytes, path: str) -> _Finder | None:
    kind = sniff(head, path, complete=False)
    if kind == "gzip" and _opens_warc(head):
        return _Finder(handle, _next_warc_member)
    if kind == "jsonl":
        return _Finder(handle, _next_line)
    return None


class _Finder:
    """Finds the first record boundary at or after an offset of an open file."""

    def __init__(self, handle: BinaryIO, scan: Callable[[bytes], int | None]) -> None:
        self._handle = handle
        self._scan = scan

    def __call__(self, offset: int) -> int | None:
        handle = self._handle
        handle.seek(offset)
        while chunk := handle.read(SCAN_CHUNK + HEAD_BYTES):
            found = self._scan(chunk)
            if found is not None:
                return offset + found
            offset += SCAN_CHUNK
            handle.seek(offset)
        return None


def _next_line(chunk: bytes) -> int | None:
    newline = chunk.find(b"\n", 0, SCAN_CHUNK)
    return None if newline < 0 else newline + 1


def _next_warc_member(chunk: bytes) -> int | None:
    at = chunk.find(GZIP_MEMBER)
    while 0 <= at < SCAN_CHUNK:
        if _opens_warc(chunk[at:]):
            return at
        at = chunk.find(GZIP_MEMBER, at + 1)
    return None


def _opens_warc(data: bytes) -> bool:
    """Whether `data` starts a gzip member whose content starts a WARC record."""
    try:
        inflated = zlib.decompressobj(wbits=31).decompress(data, 16)
    except zlib.error:
        return False
    return inflated.startswith(b"WARC/")


class _Range:
    """Bytes [start, end) of an open file, as a stream the read stage can read."""

    def __init__(self, handle: BinaryIO, start: int, end: int) -> None:
        handle.seek(start)
        self._handle = handle
        self._left = end - start

    def read(self, size: int = -1, /) -> bytes:
        if size < 0 or size > self._left:
            size = self._left
        data: bytes = self._handle.read(size)
        self._left -= len(data)
        return data

    def readline(self, size: int = -1, /) -> bytes:
        if size < 0 or size > self._left:
            size = self._left
        data: bytes = self._handle.readline(size)
        self._left -= len(data)
        return data


def read_shard(shard: InputShard, settings: Settings) -> Iterator[RawDoc | Failure]:
    """The documents of one shard, through the read stage."""
    if shard.end is None:
        yield from read_path(shard.path, settings)
        return
    try:
        with open(shard.path, "rb") as handle:
            stream = _Range(handle, shard.start, shard.end)
            size = shard.end - shard.start
            yield from read_stream(shard.source, stream, settings, name=shard.path, size=size)
    except OSError as exc:
        yield Failure(shard.source, exc.strerror or str(exc))
