"""warcio's record iterator, made to go on past two kinds of damage seen in real crawls.

- A `response` record without `WARC-Target-URI`: warcio fails on it (it tests the URI's
  scheme to decide whether HTTP headers follow), and the iteration, and so every later
  record, ends there. Here a response record without a URI is read as HTTP, without a URL.
- Bytes between records that are not a record (a wrong Content-Length, a tool's trailer,
  garbage): warcio takes the first such line for the next record's header and fails. Here
  they are skipped up to the next line that starts a WARC record, and their size is kept
  in `skipped` so the reader can report them.

Gzipped WARCs are one gzip member per record, so garbage there sits between members and
is not recovered from (warcio still fails on it, as before).
"""

from __future__ import annotations

from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecordLoader

# How a WARC record's first line starts (WARC/1.0, WARC/1.1, WARC/0.18 ...).
RECORD_START = b"WARC/"


class _TolerantLoader(ArcWarcRecordLoader):
    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: Any) -> Any:
        if uri is None and rec_type == "response":
            uri = "http://"  # only its scheme is looked at: "HTTP headers follow"
        return super().load_http_headers(rec_type, uri or "", stream, length)


class TolerantArchiveIterator(ArchiveIterator):
    def __init__(self, fileobj: Any) -> None:
        super().__init__(fileobj)
        self.loader = _TolerantLoader(verify_http=False, arc2warc=False)
        self.skipped: list[int] = []  # sizes of the runs of non-record bytes passed over

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """The next record's first line and the bytes before it (as warcio's, which takes
        any non-blank line for that first line)."""
        before = 0
        garbage = 0
        while True:
            line: bytes = self.reader.readline()
            if not line:
                self._note(garbage)
                return None, before
            if line.startswith(RECORD_START):
                self._note(garbage)
                return line, before
            before += len(line)
            if line.strip() or garbage:
                garbage += len(line)

    def _note(self, garbage: int) -> None:
        if garbage:
            self.skipped.append(garbage)
