"""Read: each bad input is one Failure with a clear reason, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from storylens.config import Settings
from storylens.read import read_bytes, read_inputs
from storylens.records import Failure, RawDoc

SETTINGS = Settings()
SMALL = Settings(max_input_bytes=1000)
PAGE = b"<html><body><p>Tarrow ferry fares rise to 1.80 euros.</p></body></html>"
MB = 1024 * 1024
NO_PROPERTY_NAME = "malformed JSON: Expecting property name enclosed in double quotes"


def failures(name: str, data: bytes, settings: Settings = SETTINGS) -> list[Failure]:
    items = list(read_bytes(name, data, settings))
    assert all(isinstance(i, Failure) for i in items), items
    return [i for i in items if isinstance(i, Failure)]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.html", b"", "empty file"),
        ("blank.txt", b" \n\r\n\t ", "empty file"),
        ("empty.gz", gzip.compress(b""), "empty file"),
        ("bytes.bin", bytes(range(256)) * 8, "binary content, not a text document"),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0" + b"JFIF text-like bytes" * 10,
            "binary content, not a text document",
        ),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"IHDR" * 10, "binary content, not a text document"),
        (
            "report.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n",
            "binary content, not a text document",
        ),
        ("archive.zip", b"PK\x03\x04" + b"article.html" * 5, "binary content, not a text document"),
        (
            "zipped.png.gz",
            gzip.compress(b"\x89PNG\r\n\x1a\n"),
            "binary content, not a text document",
        ),
        ("cut.html.gz", gzip.compress(PAGE)[:30], "truncated gzip stream"),
        (
            "nested.gz",
            gzip.compress(gzip.compress(gzip.compress(gzip.compress(PAGE)))),
            "gzip nested too deeply",
        ),
        ("scalar.json", b'"just a string"', "JSON is not an object or an array of objects"),
        ("numbers.json", b"[1]", "record is not a JSON object"),
        ("empty.json", b"[ ]", "JSON array is empty"),
        ("deep.json", b'[{"a":' * 100_000, "malformed JSON: nested too deeply"),
        (
            "broken.json",
            b'{\n  "text": "x",\n  oops\n}',
            f"{NO_PROPERTY_NAME} at line 3 column 3",
        ),
        (
            "nobody.json",
            b'{"title": "Headline only", "url": "https://x.example/"}',
            "record has no html, text or body field",
        ),
        (
            "utf16.txt",
            b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8",
            "cannot detect text encoding",
        ),
    ],
)
def test_bad_input_reason(name: str, data: bytes, reason: str) -> None:
    assert [f.reason for f in failures(name, data)] == [reason]


def test_corrupt_gzip_reason() -> None:
    data = bytearray(gzip.compress(PAGE * 20))
    data[20:40] = b"\xff" * 20
    (failure,) = failures("bad.gz", bytes(data))
    assert failure.reason.startswith("corrupt gzip stream: ")


def test_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.write(b"word " * (5 * MB))
    assert list(read_inputs([str(path)], SETTINGS)) == [
        Failure(str(path), "file is 25.0 MB, over the 20.0 MB limit (--max-bytes)")
    ]


def test_small_limits_are_written_in_bytes_and_kilobytes() -> None:
    assert failures("a.txt", b"x" * 2000, SMALL) == [
        Failure("a.txt", "file is 2.0 KB, over the 1000 bytes limit (--max-bytes)")
    ]


def test_stdin_over_the_limit() -> None:
    items = list(read_inputs(["-"], SMALL, stdin=io.BytesIO(b"word " * 400)))
    assert items == [Failure("<stdin>", "input is over the 1000 bytes limit (--max-bytes)")]


def test_gzip_bomb_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"<html>" + b" " * (50 * MB))
    assert len(bomb) < 100_000
    assert failures("bomb.html.gz", bomb, Settings(max_input_bytes=10 * MB)) == [
        Failure("bomb.html.gz", "decompressed size over the 10.0 MB limit (--max-bytes)")
    ]


def test_gzipped_jsonl_bomb_line_fails_alone() -> None:
    data = b'{"text": "' + b"a" * 5000 + b'"}\n{"text": "fine"}\n'
    items = list(read_bytes("feed.jsonl.gz", gzip.compress(data), SMALL))
    assert items[0] == Failure(
        "feed.jsonl.gz#1", "record is over the 1000 bytes limit (--max-bytes)"
    )
    assert isinstance(items[1], RawDoc) and items[1].content == "fine"


def test_malformed_jsonl_lines_fail_alone() -> None:
    lines = [b'{"id": "1", "text": "fine"}', b"{not json", b'"a string"', b'{"text": "also fine"}']
    items = list(read_bytes("lines.jsonl", b"\n".join(lines), SETTINGS))
    assert [i.source for i in items] == [f"lines.jsonl#{n}" for n in (1, 2, 3, 4)]
    assert items[1] == Failure(
        "lines.jsonl#2",
        f"{NO_PROPERTY_NAME} at column 2",
    )
    assert items[2] == Failure("lines.jsonl#3", "record is not a JSON object")
    assert isinstance(items[0], RawDoc) and isinstance(items[3], RawDoc)


def test_truncated_gzipped_jsonl_keeps_the_complete_lines() -> None:
    data = "\n".join(json.dumps({"text": f"Story number {n}."}) for n in range(2000)).encode()
    *good, last = read_bytes("feed.jsonl.gz", gzip.compress(data)[:-200], SETTINGS)
    assert len(good) > 1000 and all(isinstance(i, RawDoc) for i in good)
    assert last == Failure("feed.jsonl.gz", "truncated gzip stream")


def test_a_batch_of_bad_inputs_goes_on(tmp_path: Path) -> None:
    bad = {
        "empty.html": b"",
        "binary.bin": bytes(range(256)) * 8,
        "cut.html.gz": gzip.compress(PAGE)[:30],
        "lines.jsonl": b'{"id": "1", "text": "fine"}\n{not json\n',
        "empty.warc": b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
        "big.txt": b"word " * 5000,
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.html").write_bytes(PAGE)
    items = list(read_inputs([str(tmp_path)], Settings(max_input_bytes=20000)))
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Failure)}
    assert reasons == {
        "big.txt": "file is 24.4 KB, over the 19.5 KB limit (--max-bytes)",
        "binary.bin": "binary content, not a text document",
        "cut.html.gz": "truncated gzip stream",
        "empty.html": "empty file",
        "empty.warc": "WARC has no HTML response records",
        "lines.jsonl#2": f"{NO_PROPERTY_NAME} at column 2",
    }
    assert sorted(Path(i.source).name for i in items if isinstance(i, RawDoc)) == [
        "good.html",
        "lines.jsonl#1",
    ]
