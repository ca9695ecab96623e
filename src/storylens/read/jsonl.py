"""JSON exports: one object, an array of objects, or JSONL (one object per line).

JSONL is streamed line by line, each line bounded by the size limit, so an export of any
size reads in constant memory and one malformed line costs only that line. A JSON array
must be parsed whole, so its file is bounded by the limit like any single document.
Items are named `path#N`: N is the 1-based line number (JSONL) or array index (JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from storylens.errors import InputError
from storylens.read import reasons
from storylens.read.decode import decode_text
from storylens.read.fields import record_to_doc
from storylens.read.stream import CHUNK, ByteStream
from storylens.records import Failure, RawDoc


def _parse(source: str, text: str) -> RawDoc | Failure:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Failure(source, reasons.malformed_json(exc, one_line=True))
    except RecursionError:
        return Failure(source, reasons.TOO_DEEP_JSON)
    return record_to_doc(source, value)


def _parse_line(source: str, line: bytes | str) -> RawDoc | Failure:
    if isinstance(line, str):
        return _parse(source, line)
    try:
        # A valid UTF-8 line needs no binary sniffing: the JSON parser judges it, and a
        # short record with one control character must not read as "binary".
        return _parse(source, line.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return _parse(source, decode_text(line, source))
    except InputError as exc:
        return Failure(exc.source, exc.reason)


def _records(
    source: str, lines: Iterable[tuple[int, bytes | str | None]], limit: int
) -> Iterator[RawDoc | Failure]:
    for number, line in lines:
        item = f"{source}#{number}"
        if line is None:
            yield Failure(item, reasons.record_too_big(limit))
        elif line.strip():
            yield _parse_line(item, line)


def _skip_rest_of_line(stream: ByteStream) -> None:
    while True:
        chunk = stream.readline(CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _bounded_lines(stream: ByteStream, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; None for a line over the limit (skipped without being kept)."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, None
        else:
            yield number, line


def read_jsonl(source: str, stream: ByteStream, limit: int) -> Iterator[RawDoc | Failure]:
    yield from _records(source, _bounded_lines(stream, limit), limit)


def parse_jsonl(source: str, text: str, limit: int) -> Iterator[RawDoc | Failure]:
    """JSONL already decoded (UTF-16 exports, which cannot be split into byte lines)."""
    yield from _records(source, enumerate(text.split("\n"), 1), limit)


def _first_line_is_record(text: str) -> bool:
    first = text.lstrip().partition("\n")[0]
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def parse_json(source: str, text: str, limit: int) -> Iterator[RawDoc | Failure]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        # JSONL whose first line was too long for sniffing to see the second.
        if exc.msg == "Extra data" and _first_line_is_record(text):
            yield from parse_jsonl(source, text, limit)
        else:
            yield Failure(source, reasons.malformed_json(exc, one_line=False))
        return
    except RecursionError:
        yield Failure(source, reasons.TOO_DEEP_JSON)
        return
    if isinstance(value, dict):
        yield record_to_doc(source, value)
    elif not isinstance(value, list):
        yield Failure(source, reasons.NOT_OBJECTS)
    elif not value:
        yield Failure(source, reasons.EMPTY_ARRAY)
    else:
        for index, item in enumerate(value, 1):
            yield record_to_doc(f"{source}#{index}", item)
