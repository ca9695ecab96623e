"""Read: properties that hold for any input (Hypothesis)."""

from __future__ import annotations

import gzip
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.config import Settings
from storylens.read import read_bytes
from storylens.records import Failure, RawDoc

SETTINGS = Settings(max_input_bytes=4096)
# Starts that steer arbitrary bytes into each reader, so every branch sees garbage.
PREFIXES = [
    b"",
    b"\x1f\x8b",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
    b"WARC/1.0\r\n",
    b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n",
    b'{"',
    b'{"text": "a"}\n{"',
    b"[{",
    b"<html>",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"%PDF-",
]
NAMES = st.sampled_from(["x", "a.html", "a.json", "a.jsonl", "a.warc.gz", "a.txt.gz"])


def check(name: str, data: bytes) -> None:
    items = list(read_bytes(name, data, SETTINGS))
    assert items, "every input is accounted for"
    for item in items:
        assert isinstance(item, RawDoc | Failure)
        assert item.source == name or item.source.startswith(f"{name}#")
        if isinstance(item, Failure):
            assert item.reason
        else:
            assert item.content.strip() and "\r" not in item.content


@settings(max_examples=300, deadline=None)
@given(name=NAMES, prefix=st.sampled_from(PREFIXES), tail=st.binary(max_size=2000))
def test_any_bytes_give_documents_or_failures_never_an_exception(
    name: str, prefix: bytes, tail: bytes
) -> None:
    check(name, prefix + tail)


@settings(max_examples=50, deadline=None)
@given(name=NAMES, data=st.binary(max_size=6000), cut=st.integers(0, 6000))
def test_any_gzip_whole_or_cut(name: str, data: bytes, cut: int) -> None:
    check(name, gzip.compress(data)[:cut])


def expected(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


FIELD_NAMES = ["title", "published", "outlet", "author", "language", "id"]
VALUES = st.text(max_size=40)
RECORDS = st.fixed_dictionaries(
    {"text": st.text(min_size=1, max_size=200).filter(lambda t: expected(t).strip())},
    optional={"url": VALUES, **dict.fromkeys(FIELD_NAMES, VALUES)},
)


@settings(max_examples=100, deadline=None)
@given(records=st.lists(RECORDS, min_size=1, max_size=8), ascii_only=st.booleans())
def test_jsonl_round_trips_fields(records: list[dict[str, str]], ascii_only: bool) -> None:
    lines = [json.dumps(record, ensure_ascii=ascii_only) for record in records]
    items = list(read_bytes("feed.jsonl", "\n".join(lines).encode(), Settings()))
    assert [i.source for i in items] == [f"feed.jsonl#{n}" for n in range(1, len(records) + 1)]
    for record, item in zip(records, items, strict=True):
        assert isinstance(item, RawDoc)
        assert (item.format, item.content) == ("body", expected(record["text"]))
        want = {k: expected(record[k]).strip() for k in FIELD_NAMES if k in record}
        assert item.fields == {k: v for k, v in want.items() if v}
        url = record.get("url", "").strip()
        assert item.url == (url or None)


# Each reader's own round trip: what a well-formed container holds comes back, in order.

PAGE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120
).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None)
@given(bodies=st.lists(PAGE_TEXT, min_size=1, max_size=5), gz=st.booleans())
def test_warc_round_trips_pages_in_order(bodies: list[str], gz: bool) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for n, body in enumerate(bodies):
        html = f"<html><body><p>{body}</p></body></html>".encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://example.test/{n}", "response", payload=io.BytesIO(html), http_headers=headers
        )
        writer.write_record(record)
    items = list(read_bytes("c.warc.gz" if gz else "c.warc", buffer.getvalue(), Settings()))
    assert [i.source.rsplit("#", 1)[1] for i in items] == [str(n + 1) for n in range(len(bodies))]
    for n, (body, item) in enumerate(zip(bodies, items, strict=True)):
        assert isinstance(item, RawDoc) and item.format == "html"
        assert expected(body) in item.content and item.url == f"https://example.test/{n}"


@settings(max_examples=60, deadline=None)
@given(records=st.lists(RECORDS, min_size=1, max_size=6))
def test_json_array_round_trips_each_record(records: list[dict[str, str]]) -> None:
    items = list(read_bytes("export.json", json.dumps(records).encode(), Settings()))
    assert [i.source for i in items] == [f"export.json#{n}" for n in range(1, len(records) + 1)]
    for record, item in zip(records, items, strict=True):
        assert isinstance(item, RawDoc) and item.content == expected(record["text"])


DUMP_LINES = (
    st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60), min_size=1)
    .map("\n".join)
    .filter(lambda t: t.strip() and not t.lstrip().startswith(("<", "{", "[", "W")))
)


@settings(max_examples=80, deadline=None)
@given(
    text=DUMP_LINES,
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "utf-32"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_text_dump_reads_back_in_any_unicode_encoding(
    text: str, encoding: str, newline: str
) -> None:
    data = text.replace("\n", newline).encode(encoding)
    items = list(read_bytes("dump.txt", data, Settings()))
    assert len(items) == 1
    item = items[0]
    if isinstance(item, Failure):  # only text that really is control-heavy is refused
        assert item.reason.startswith(("binary", "cannot detect")), item
        return
    assert item.content == expected(text)
