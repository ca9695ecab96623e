"""Byte streams: look at the head of an input without losing it, and read with a bound.

Inputs are streamed rather than loaded, so that a WARC or JSONL file of any size can be
read record by record, and a single document is never read past the size limit.
"""

from __future__ import annotations

from typing import Protocol

from storylens.errors import InputError

CHUNK = 1024 * 1024


class ByteStream(Protocol):
    """What the readers need of a binary file: files, pipes, gzip and BytesIO all fit."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


class Replay:
    """The bytes already taken from a stream, then the rest of that stream.

    Reads may come back short (at the seam, or before an error is raised) but never lose
    bytes: an io.BufferedReader here would drop what it had gathered when a later read of
    a damaged gzip fails, and with it the records still readable before the damage.
    """

    def __init__(self, head: bytes, rest: ByteStream) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._rest.read(size)
        if size < 0:
            taken, self._head = self._head, b""
            return taken + self._rest.read()
        taken, self._head = self._head[:size], self._head[size:]
        return taken

    def readline(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._rest.readline(size)
        end = self._head.find(b"\n") + 1 or len(self._head)
        if size >= 0:
            end = min(end, size)
        line, self._head = self._head[:end], self._head[end:]
        if line.endswith(b"\n") or len(line) == size or self._head:
            return line
        return line + self._rest.readline(size - len(line) if size >= 0 else -1)


def read_at_most(stream: ByteStream, size: int, *, keep_partial: bool = False) -> bytes:
    """Up to `size` bytes, stopping early only at the end of the stream.

    keep_partial: when the stream fails after some bytes, return those; the stream raises
    its error again on the next read (gzip damage), so the error is only postponed.
    """
    parts: list[bytes] = []
    wanted = size
    while wanted > 0:
        try:
            chunk = stream.read(min(wanted, CHUNK))
        except InputError:
            if keep_partial and parts:
                break
            raise
        if not chunk:
            break
        parts.append(chunk)
        wanted -= len(chunk)
    return b"".join(parts)


def peek(stream: ByteStream, size: int) -> tuple[bytes, Replay]:
    """The first `size` bytes, and a stream that still starts at the very beginning."""
    head = read_at_most(stream, size, keep_partial=True)
    return head, Replay(head, stream)
