"""Read: WARC archives, plain and gzipped, whole, damaged and without pages."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.config import Settings
from storylens.read import read_bytes, read_inputs
from storylens.records import Failure, RawDoc

SETTINGS = Settings()
PAGE = "<html><head><title>Ferry {n}</title></head><body><p>Café story {n}.</p></body></html>"

Response = tuple[str, str, bytes]  # url, content type, payload


def warc_bytes(responses: list[Response], *, gz: bool = False, status: str = "200 OK") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for url, content_type, payload in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1"))
        writer.write_record(request)
    return buffer.getvalue()


def pages(count: int) -> list[Response]:
    return [
        (f"https://tarrow.example/{n}", "text/html; charset=utf-8", PAGE.format(n=n).encode())
        for n in range(1, count + 1)
    ]


def test_warc_response_pages_are_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_bytes(pages(3)))
    items = [i for i in read_inputs([str(path)], SETTINGS) if isinstance(i, RawDoc)]
    assert [(i.source, i.url) for i in items] == [
        (f"{path}#{n}", f"https://tarrow.example/{n}") for n in (1, 2, 3)
    ]
    first = items[0]
    assert isinstance(first, RawDoc)
    assert (first.format, first.content, first.fields) == ("html", PAGE.format(n=1), {})


def test_gzipped_warc_per_record_and_whole_file() -> None:
    expected = [PAGE.format(n=n) for n in (1, 2)]
    per_record = read_bytes("crawl.warc.gz", warc_bytes(pages(2), gz=True), SETTINGS)
    assert [d.content for d in per_record if isinstance(d, RawDoc)] == expected
    whole = read_bytes("crawl.warc.gz", gzip.compress(warc_bytes(pages(2))), SETTINGS)
    assert [d.content for d in whole if isinstance(d, RawDoc)] == expected


def test_non_html_records_are_skipped_but_keep_their_ordinal() -> None:
    responses = [
        ("https://tarrow.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://tarrow.example/story", "text/html", PAGE.format(n=1).encode()),
        ("https://tarrow.example/untyped", "application/octet-stream", b"<html><p>x</p></html>"),
    ]
    items = list(read_bytes("c.warc", warc_bytes(responses), SETTINGS))
    assert [i.source for i in items] == ["c.warc#2", "c.warc#3"]


def test_payload_is_decoded_with_the_http_charset() -> None:
    text = "<html><body><p>Новости города: мэр заявил о новом бюджете.</p></body></html>"
    responses = [
        ("https://tarrow.example/ru", "text/html; charset=windows-1251", text.encode("cp1251"))
    ]
    (doc,) = read_bytes("ru.warc", warc_bytes(responses), SETTINGS)
    assert isinstance(doc, RawDoc) and doc.content == text


def test_the_crawl_date_is_not_a_publication_date() -> None:
    (doc,) = read_bytes("c.warc", warc_bytes(pages(1)), SETTINGS)
    assert isinstance(doc, RawDoc) and "published" not in doc.fields


def test_redirects_and_errors_are_no_pages() -> None:
    items = list(read_bytes("c.warc", warc_bytes(pages(1), status="404 Not Found"), SETTINGS))
    assert items == [Failure("c.warc", "WARC has no HTML response records")]


def test_warc_without_html_is_one_failure() -> None:
    responses = [("https://tarrow.example/a.css", "text/css", b"p { color: red }")]
    for data in (warc_bytes(responses), warc_bytes([])):
        assert list(read_bytes("c.warc", data, SETTINGS)) == [
            Failure("c.warc", "WARC has no HTML response records")
        ]


def test_truncated_warc_yields_what_it_can_then_fails() -> None:
    data = warc_bytes(pages(3))
    for cut in (len(data) - 300, len(data) - 700):
        items = list(read_bytes("c.warc", data[:cut], SETTINGS))
        *good, last = items
        assert good and all(isinstance(i, RawDoc) for i in good), items
        assert isinstance(last, Failure) and last.reason == "truncated WARC record", items
        assert last.source.startswith("c.warc")


def test_truncated_gzipped_warc_yields_the_records_before_the_cut() -> None:
    data = warc_bytes(pages(3), gz=True)
    for cut, readable in ((len(data) - 40, 3), (len(data) // 2, 1)):
        *good, last = read_bytes("c.warc.gz", data[:cut], SETTINGS)
        assert len(good) == readable and all(isinstance(i, RawDoc) for i in good)
        assert last == Failure("c.warc.gz", "truncated gzip stream")


def test_oversized_payload_fails_alone() -> None:
    responses = [
        ("https://tarrow.example/big", "text/html", b"<html>" + b"x" * 5000 + b"</html>"),
        *pages(1),
    ]
    items = list(read_bytes("c.warc", warc_bytes(responses), Settings(max_input_bytes=2000)))
    assert items[0] == Failure("c.warc#1", "record is over the 2.0 KB limit (--max-bytes)")
    assert isinstance(items[1], RawDoc) and items[1].source == "c.warc#2"


def test_garbage_after_a_warc_header_is_malformed_not_a_crash() -> None:
    items = list(read_bytes("c.warc", b"WARC/1.0\r\n" + b"\x01garbage\x02" * 50, SETTINGS))
    assert items == [Failure("c.warc", "malformed WARC: record without WARC-Type")]


def test_a_wrong_content_length_prints_nothing_of_the_archive(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Found by the fuzzer: warcio printed a warning with the page's bytes to stderr, where
    # only our one-line `SOURCE: reason` errors belong.
    data = warc_bytes(pages(2))
    first_length = data.index(b"Content-Length: ", data.index(b"WARC-Type: response"))
    end = data.index(b"\r\n", first_length)
    length = int(data[first_length + 16 : end])
    lying = data[: first_length + 16] + str(length - 5).encode() + data[end:]
    items = list(read_bytes("c.warc", lying, SETTINGS))
    assert items, "the archive is still read"
    assert capsys.readouterr().err == ""


def test_a_response_without_a_target_uri_costs_no_later_record() -> None:
    data = warc_bytes(pages(3))
    start = data.index(b"WARC-Target-URI: ", data.index(b"WARC-Type: response"))
    without_uri = data[:start] + data[data.index(b"\r\n", start) + 2 :]
    items = list(read_bytes("c.warc", without_uri, SETTINGS))
    assert [i.source for i in items] == ["c.warc#1", "c.warc#2", "c.warc#3"], items
    assert all(isinstance(i, RawDoc) for i in items)
    first = items[0]
    assert isinstance(first, RawDoc) and first.url is None and "Ferry 1" in first.content


def test_garbage_between_records_is_skipped_and_reported() -> None:
    data = warc_bytes(pages(3))
    second = data.index(b"WARC/1.", data.index(b"WARC-Type: response"))
    garbage = b"GARBAGE \x01 not a record\r\nmore of it\r\n\r\n"
    items = list(read_bytes("c.warc", data[:second] + garbage + data[second:], SETTINGS))
    pages_read = [i.source for i in items if isinstance(i, RawDoc)]
    assert pages_read == ["c.warc#1", "c.warc#2", "c.warc#3"], items
    failures = [i for i in items if isinstance(i, Failure)]
    assert failures == [
        Failure(
            "c.warc",
            f"malformed WARC: skipped {len(garbage)} bytes between records that were no record",
        )
    ]


def test_a_short_content_length_costs_only_its_own_record() -> None:
    data = warc_bytes(pages(3))
    at = data.index(b"Content-Length: ", data.index(b"WARC-Type: response"))
    end = data.index(b"\r\n", at)
    length = int(data[at + 16 : end])
    lying = data[: at + 16] + str(length - 40).encode() + data[end:]
    items = list(read_bytes("c.warc", lying, SETTINGS))
    pages_read = [i.source for i in items if isinstance(i, RawDoc)]
    assert pages_read[-2:] == ["c.warc#2", "c.warc#3"], items
