"""WARC archives: every HTML page a crawler saved, one `response` record at a time.

Records are streamed, so a crawl of any size reads in constant memory; each payload is
bounded by the size limit. Items are named `path#N`, N the 1-based ordinal of the response
record. The WARC-Date is when the page was crawled, not published, so it is not passed on.
A response record without a target URI, or bytes between records that are no record, cost
only themselves (see warcrecords), never the records after them.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator
from typing import Any

from storylens.errors import InputError
from storylens.read import reasons
from storylens.read.declared import http_charset
from storylens.read.decode import decode_text
from storylens.read.sniff import HEAD_BYTES, sniff
from storylens.read.stream import CHUNK, ByteStream
from storylens.read.warcrecords import TolerantArchiveIterator
from storylens.records import Failure, RawDoc

# Content types whose payload may still be a page: servers label HTML these ways too.
_VAGUE_TYPES = ("", "text/plain", "application/octet-stream")


class _LineGuard:
    """Stops a WARC whose header line never ends (warcio would buffer all of it)."""

    def __init__(self, source: str, stream: ByteStream, most: int) -> None:
        self._source, self._stream, self._most = source, stream, most
        self._run = 0  # bytes since the last newline
        self.at_end = False

    def read(self, size: int = -1, /) -> bytes:
        chunk = self._stream.read(size)
        self.at_end = not chunk
        newline = chunk.rfind(b"\n")
        self._run = len(chunk) - newline - 1 if newline >= 0 else self._run + len(chunk)
        if self._run > self._most:
            raise InputError(self._source, reasons.malformed_warc(ValueError("endless line")))
        return chunk


def _may_be_html(content_type: str) -> bool:
    return "html" in content_type or content_type.split(";")[0].strip() in _VAGUE_TYPES


def _is_html(content_type: str, payload: bytes, url: str) -> bool:
    return "html" in content_type or sniff(payload[:HEAD_BYTES], url, complete=True) == "html"


def _drain(record: Any) -> bool:
    """Read the record to its end; False when it ends before its Content-Length."""
    while record.raw_stream.read(CHUNK):
        pass
    return getattr(record.raw_stream, "limit", 0) <= 0


def _response(source: str, record: Any, limit: int) -> RawDoc | Failure | None:
    """A page, a failure, or None for what is no page (images, scripts, redirects)."""
    http = record.http_headers
    if http is None or not str(http.get_statuscode() or "").startswith("2"):
        return None
    content_type = (http.get_header("Content-Type") or "").lower()
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ") or None
    if not _may_be_html(content_type):
        return None
    payload = record.content_stream().read(limit + 1)
    if not _is_html(content_type, payload, url or ""):
        return None
    if len(payload) > limit:
        return Failure(source, reasons.record_too_big(limit))
    try:
        text = decode_text(payload, source, declared=http_charset(content_type), html=True)
    except InputError as exc:
        return Failure(exc.source, exc.reason)
    if not text.strip():
        return Failure(source, reasons.EMPTY_PAYLOAD)
    return RawDoc(source, text, "html", url)


def _check_headers(source: str, record: Any, guard: _LineGuard) -> None:
    """warcio accepts any lines as a record; a WARC record has a type and a length (a typed
    record without its length where the data ends was cut inside its headers)."""
    for name in ("WARC-Type", "Content-Length"):
        if not record.rec_headers.get_header(name):
            if name == "Content-Length" and guard.at_end:
                raise InputError(source, reasons.TRUNCATED_WARC)
            raise InputError(source, reasons.malformed_warc(ValueError(f"record without {name}")))


def _quietly(records: Iterable[Any]) -> Iterator[Any]:
    """The records, without warcio's own warnings.

    warcio prints a multi-line warning, with the bytes it found, to stderr when a record's
    Content-Length is wrong, and goes on with the next record. stderr is where our one-line
    `SOURCE: reason` errors go, and those bytes are the archive's (hostile) content. The
    redirect covers only warcio's step to the next record, never our caller's code.
    """
    iterator = iter(records)
    while True:
        with contextlib.redirect_stderr(io.StringIO()):
            record = next(iterator, None)
        if record is None:
            return
        yield record


def _records(
    source: str, records: TolerantArchiveIterator, guard: _LineGuard, limit: int
) -> Iterator[RawDoc | Failure]:
    ordinal = 0
    for record in _quietly(records):
        yield from _skipped(source, records)
        _check_headers(source, record, guard)
        if record.rec_type != "response":
            if not _drain(record):
                raise InputError(source, reasons.TRUNCATED_WARC)
            continue
        ordinal += 1
        item = _response(f"{source}#{ordinal}", record, limit)
        if not _drain(record):
            raise InputError(f"{source}#{ordinal}", reasons.TRUNCATED_WARC)
        if item is not None:
            yield item
    yield from _skipped(source, records)


def _skipped(source: str, records: TolerantArchiveIterator) -> Iterator[Failure]:
    """A failure for each run of bytes passed over between records (since the last call)."""
    while records.skipped:
        yield Failure(source, reasons.skipped_between_records(records.skipped.pop(0)))


def read_warc(source: str, stream: ByteStream, limit: int) -> Iterator[RawDoc | Failure]:
    guard = _LineGuard(source, stream, most=2 * limit)
    records = TolerantArchiveIterator(guard)
    pages = 0
    try:
        for item in _records(source, records, guard, limit):
            pages += item.source != source  # response records are `source#N`; skips aren't
            yield item
        # A record cut inside its headers ends the iteration quietly, before the data does.
        if records.offset < records.fh.tell():
            raise InputError(source, reasons.TRUNCATED_WARC)
    except InputError:
        raise
    except Exception as exc:  # warcio fails on damaged archives in many ways (EOF, parsing)
        reason = reasons.TRUNCATED_WARC if guard.at_end else reasons.malformed_warc(exc)
        raise InputError(source, reason) from exc
    if pages == 0:
        yield Failure(source, reasons.WARC_WITHOUT_HTML)
