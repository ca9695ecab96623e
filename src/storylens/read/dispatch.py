"""One input stream to documents: sniff its format, then hand it to the right reader.

Containers (JSONL, WARC) are streamed and bounded per record; a single document (HTML,
text dump, JSON) is bounded as a whole, decompressed or not. Every problem with the input
ends as a Failure naming it, never as an exception for the caller.
"""

from __future__ import annotations

from collections.abc import Iterator

from storylens.config import Settings
from storylens.errors import InputError
from storylens.read import reasons
from storylens.read.decode import decode_text, is_wide_unicode
from storylens.read.gunzip import Gunzip, inner_name
from storylens.read.jsonl import parse_json, parse_jsonl, read_jsonl
from storylens.read.sniff import HEAD_BYTES, Kind, sniff
from storylens.read.stream import ByteStream, peek, read_at_most
from storylens.records import Failure, RawDoc

# A `.gz` inside a `.gz` is fine; deeper nesting is a trick (gzip quines never end).
MAX_GZIP_LAYERS = 3


def _read_whole(
    source: str, stream: ByteStream, limit: int, size: int | None, layers: int
) -> bytes:
    if size is not None and size > limit:
        raise InputError(source, reasons.file_too_big(size, limit))
    data = read_at_most(stream, limit + 1)
    if len(data) <= limit:
        return data
    if layers:
        raise InputError(source, reasons.decompressed_too_big(limit))
    raise InputError(source, reasons.input_too_big(limit))


def _document(source: str, data: bytes, kind: Kind, limit: int) -> Iterator[RawDoc | Failure]:
    text = decode_text(data, source, html=kind == "html")
    if not text.strip():
        raise InputError(source, reasons.EMPTY)
    if kind == "json":
        yield from parse_json(source, text, limit)
    elif kind == "jsonl":
        yield from parse_jsonl(source, text, limit)
    else:
        yield RawDoc(source, text, "html" if kind == "html" else "text")


def _read(
    source: str, stream: ByteStream, settings: Settings, name: str, size: int | None, layers: int
) -> Iterator[RawDoc | Failure]:
    limit = settings.max_input_bytes
    head, replay = peek(stream, HEAD_BYTES)
    if not head:
        raise InputError(source, reasons.EMPTY)
    kind = sniff(head, name, complete=len(head) < HEAD_BYTES)
    if kind == "gzip":
        if layers >= MAX_GZIP_LAYERS:
            raise InputError(source, reasons.TOO_MANY_GZIP_LAYERS)
        inner = Gunzip(source, replay)
        yield from _read(source, inner, settings, inner_name(name), None, layers + 1)
    elif kind == "binary":
        raise InputError(source, reasons.BINARY)
    elif kind == "warc":
        # Imported here: warcio brings fsspec (~60 ms) that a page or a dump never needs.
        from storylens.read.warc import read_warc

        yield from read_warc(source, replay, limit)
    elif kind == "jsonl" and not is_wide_unicode(head):
        yield from read_jsonl(source, replay, limit)
    else:
        data = _read_whole(source, replay, limit, size, layers)
        yield from _document(source, data, kind, limit)


def read_stream(
    source: str, stream: ByteStream, settings: Settings, *, name: str = "", size: int | None = None
) -> Iterator[RawDoc | Failure]:
    """Documents of one input; `name` (a file name) only breaks format ties."""
    try:
        yield from _read(source, stream, settings, name, size, layers=0)
    except InputError as exc:
        yield Failure(exc.source, exc.reason)
    except OSError as exc:
        yield Failure(source, os_reason(exc))
    except Exception as exc:  # one bad input must never end the batch
        yield Failure(source, reasons.unexpected(exc))


def os_reason(error: OSError) -> str:
    """`permission denied`: the system's words, lower-cased like our own reasons."""
    text = error.strerror or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]
