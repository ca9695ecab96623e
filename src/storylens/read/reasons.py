"""Why an input could not be read, worded once.

Every failure of the read stage carries one of these reasons, so the CLI's `SOURCE: reason`
lines read the same whichever container the bad item came in, and tests can assert them.
"""

from __future__ import annotations

import json

EMPTY = "empty file"
BINARY = "binary content, not a text document"
UNDETECTED_ENCODING = "cannot detect text encoding"
NO_SUCH_FILE = "no such file or directory"
TRUNCATED_GZIP = "truncated gzip stream"
TOO_MANY_GZIP_LAYERS = "gzip nested too deeply"
NO_DOCUMENT_FIELD = "record has no html, text or body field"
NOT_AN_OBJECT = "record is not a JSON object"
NOT_OBJECTS = "JSON is not an object or an array of objects"
EMPTY_ARRAY = "JSON array is empty"
TOO_DEEP_JSON = "malformed JSON: nested too deeply"
WARC_WITHOUT_HTML = "WARC has no HTML response records"
TRUNCATED_WARC = "truncated WARC record"
EMPTY_PAYLOAD = "empty response payload"

_KB = 1024
_MB = 1024 * 1024


def describe_size(size: int) -> str:
    """`25.0 MB`, `1.5 KB`, `900 bytes`: MB are MiB, matching how `--max-bytes` defaults."""
    if size >= _MB:
        return f"{size / _MB:.1f} MB"
    if size >= _KB:
        return f"{size / _KB:.1f} KB"
    return f"{size} bytes"


def _limit(limit: int) -> str:
    return f"the {describe_size(limit)} limit (--max-bytes)"


def file_too_big(size: int, limit: int) -> str:
    return f"file is {describe_size(size)}, over {_limit(limit)}"


def input_too_big(limit: int) -> str:
    """For a stream (stdin, a pipe) whose size is only known once the limit is passed."""
    return f"input is over {_limit(limit)}"


def decompressed_too_big(limit: int) -> str:
    return f"decompressed size over {_limit(limit)}"


def record_too_big(limit: int) -> str:
    return f"record is over {_limit(limit)}"


def corrupt_gzip(error: Exception) -> str:
    return f"corrupt gzip stream: {error}"


def malformed_json(error: json.JSONDecodeError, *, one_line: bool) -> str:
    where = f"column {error.colno}" if one_line else f"line {error.lineno} column {error.colno}"
    return f"malformed JSON: {error.msg} at {where}"


def malformed_warc(error: Exception) -> str:
    detail = str(error).strip().splitlines()
    return f"malformed WARC: {detail[0][:200] if detail else type(error).__name__}"


def skipped_between_records(size: int) -> str:
    return f"malformed WARC: skipped {describe_size(size)} between records that were no record"


def unexpected(error: Exception) -> str:
    """A bug or a library's surprise: still one item's failure, never the batch's end."""
    return f"unexpected error: {type(error).__name__}: {str(error)[:200]}"
