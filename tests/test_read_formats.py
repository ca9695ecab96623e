"""Read: each format is sniffed from its content and comes out as the right RawDoc."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storylens.config import Settings
from storylens.read import read_bytes, read_inputs
from storylens.read.sniff import sniff
from storylens.records import Failure, RawDoc

SETTINGS = Settings()
PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Ferry fares rise</title></head>\n"
    "<body><article><p>Tarrow's ferry fare rises to 1.80 euros in May, the council said.</p>"
    "</article></body></html>\n"
)
DUMP = (
    "Home | News | Sport\n"
    "Ferry fares rise\n"
    "Tarrow's ferry fare rises to 1.80 euros in May, the council said.\n"
    "Most read\n"
)


def docs(source: str, data: bytes, settings: Settings = SETTINGS) -> list[RawDoc | Failure]:
    return list(read_bytes(source, data, settings))


def one_doc(source: str, data: bytes) -> RawDoc:
    items = docs(source, data)
    assert len(items) == 1 and isinstance(items[0], RawDoc), items
    return items[0]


def test_html_page() -> None:
    doc = one_doc("page.html", PAGE.encode())
    assert (doc.source, doc.format, doc.content, doc.url, doc.fields) == (
        "page.html",
        "html",
        PAGE,
        None,
        {},
    )


@pytest.mark.parametrize(
    "start",
    ["<html lang='en'>", "<head><meta charset='utf-8'>", "<body>", "<p>Just a paragraph.</p>"],
)
def test_html_is_sniffed_from_any_typical_start(start: str) -> None:
    data = f"\ufeff \n {start}<p>Tarrow news.</p>".encode()
    assert one_doc("noext", data).format == "html"


def test_text_dump_is_text_whatever_its_suffix() -> None:
    doc = one_doc("dump.html", DUMP.encode())
    assert (doc.format, doc.content) == ("text", DUMP)


def test_text_starting_with_a_bracket_is_not_json() -> None:
    assert one_doc("a.txt", b"[Update] Ferry fares rise\nMore text.\n").format == "text"


def test_newlines_are_normalised() -> None:
    assert one_doc("a.txt", b"one\r\ntwo\rthree\n").content == "one\ntwo\nthree\n"


def test_json_object_maps_every_field() -> None:
    record = {
        "url": "https://tarrow.example/ferry",
        "text": "The ferry fare rises to 1.80 euros.",
        "title": "Ferry fares rise",
        "date": "2025-04-02",
        "source": "Tarrow Gazette",
        "id": 17,
        "author": "A. Writer",
        "lang": "en",
    }
    doc = one_doc("export.json", json.dumps(record, indent=2).encode())
    assert doc.source == "export.json"
    assert (doc.format, doc.content, doc.url) == ("body", record["text"], record["url"])
    assert doc.fields == {
        "title": "Ferry fares rise",
        "published": "2025-04-02",
        "outlet": "Tarrow Gazette",
        "id": "17",
        "author": "A. Writer",
        "language": "en",
    }


def test_json_prefers_html_then_text_then_body_and_the_specific_names() -> None:
    record = {"html": PAGE, "text": "ignored", "published": "2025-04-03", "date": "x"}
    record |= {"outlet": "Gazette", "source": "y", "language": "fr", "lang": "z"}
    doc = one_doc("a.json", json.dumps(record).encode())
    assert (doc.format, doc.content) == ("html", PAGE)
    assert doc.fields == {"published": "2025-04-03", "outlet": "Gazette", "language": "fr"}
    assert one_doc("b.json", b'{"body": "Only a body."}').content == "Only a body."


def test_json_array_names_items_by_index() -> None:
    data = json.dumps([{"text": "First story."}, {"html": PAGE}, {"title": "no body"}, 5])
    items = docs("feed.json", data.encode())
    assert [i.source for i in items] == ["feed.json#1", "feed.json#2", "feed.json#3", "feed.json#4"]
    assert isinstance(items[0], RawDoc) and items[0].format == "body"
    assert isinstance(items[1], RawDoc) and items[1].format == "html"
    assert items[2] == Failure("feed.json#3", "record has no html, text or body field")
    assert items[3] == Failure("feed.json#4", "record is not a JSON object")


def test_jsonl_names_items_by_line_and_skips_blank_lines() -> None:
    lines = [
        json.dumps({"id": "a1", "text": "First.", "outlet": "Gazette"}),
        "",
        json.dumps({"id": "a2", "html": PAGE, "url": "https://tarrow.example/2"}),
    ]
    items = docs("feed.jsonl", "\n".join(lines).encode())
    assert [i.source for i in items] == ["feed.jsonl#1", "feed.jsonl#3"]
    first, third = items
    assert isinstance(first, RawDoc) and first.fields == {"id": "a1", "outlet": "Gazette"}
    assert isinstance(third, RawDoc) and third.url == "https://tarrow.example/2"


def test_jsonl_is_sniffed_from_content_even_when_named_json() -> None:
    data = b'{"text": "One."}\n{"text": "Two."}\n'
    assert [i.source for i in docs("export.json", data)] == ["export.json#1", "export.json#2"]


def test_a_single_line_object_is_json_unless_named_jsonl() -> None:
    data = b'{"text": "One."}\n'
    assert [i.source for i in docs("one.json", data)] == ["one.json"]
    assert [i.source for i in docs("one.jsonl", data)] == ["one.jsonl#1"]


def test_jsonl_with_a_first_line_longer_than_the_sniffing_window() -> None:
    long_text = "word " * 20_000
    data = (json.dumps({"text": long_text}) + "\n" + json.dumps({"text": "Two."})).encode()
    for name in ("big.jsonl", "big.json", "big"):
        items = docs(name, data)
        assert [i.source for i in items] == [f"{name}#1", f"{name}#2"]


def test_field_values_are_stringified_and_joined() -> None:
    record: dict[str, object] = {"text": "Body.", "author": ["A. One", "B. Two"]}
    record |= {"source": {"name": "Wire"}, "id": 3.5, "title": True}
    doc = one_doc("a.json", json.dumps(record).encode())
    assert doc.fields == {"author": "A. One, B. Two", "outlet": "Wire", "id": "3.5"}


def test_body_given_as_paragraphs_is_joined() -> None:
    doc = one_doc("a.json", json.dumps({"body": ["First.", "Second."]}).encode())
    assert doc.content == "First.\n\nSecond."


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("page.html", PAGE.encode(), "html"),
        ("dump.txt", DUMP.encode(), "text"),
        ("a.json", b'{\n  "text": "x"\n}', "json"),
        ("a.jsonl", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("a.warc", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("a.gz", gzip.compress(b"x"), "gzip"),
        ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_sniff(name: str, data: bytes, kind: str) -> None:
    assert sniff(data, name, complete=True) == kind


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.html", PAGE.encode()),
        ("dump.txt", DUMP.encode()),
        ("a.json", json.dumps({"text": "Gzipped body."}).encode()),
        ("a.jsonl", b'{"text": "x"}\n{"text": "y"}\n'),
    ],
)
def test_gzip_of_each_format_reads_like_the_original(name: str, data: bytes) -> None:
    plain = [(d.content, d.format) for d in docs(name, data) if isinstance(d, RawDoc)]
    assert plain
    for zipped in (f"{name}.gz", "noext"):
        items = docs(zipped, gzip.compress(data))
        assert all(isinstance(d, RawDoc) for d in items)
        assert [(d.content, d.format) for d in items if isinstance(d, RawDoc)] == plain


def test_gzip_inside_gzip() -> None:
    doc = one_doc("page.html.gz.gz", gzip.compress(gzip.compress(PAGE.encode())))
    assert (doc.format, doc.content) == ("html", PAGE)


def test_gzipped_jsonl_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    lines = (json.dumps({"id": str(n), "text": f"Story {n}."}) for n in range(500))
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    items = list(read_inputs([str(path)], Settings(max_input_bytes=1000)))
    assert len(items) == 500 and all(isinstance(i, RawDoc) for i in items)
    assert items[-1].source == f"{path}#500"
