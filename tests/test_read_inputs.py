"""Read: paths, directories, glob patterns and stdin, in a stable order."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest

from storylens.config import Settings
from storylens.read import read_inputs
from storylens.records import Failure, RawDoc

SETTINGS = Settings()
PAGE = b"<html><body><p>Tarrow ferry fares rise.</p></body></html>"


def tree(root: Path) -> Path:
    """corpus/{b.html, a.txt, sub/c.html.gz, sub/deeper/d.jsonl, .git/x, .hidden.html}"""
    corpus = root / "corpus"
    (corpus / "sub" / "deeper").mkdir(parents=True)
    (corpus / ".git").mkdir()
    (corpus / "b.html").write_bytes(PAGE)
    (corpus / "a.txt").write_bytes(b"Tarrow ferry fares rise.\n")
    (corpus / "sub" / "c.html.gz").write_bytes(gzip.compress(PAGE))
    (corpus / "sub" / "deeper" / "d.jsonl").write_bytes(b'{"text": "x"}\n{"text": "y"}\n')
    (corpus / ".git" / "x").write_bytes(b"not a document")
    (corpus / ".hidden.html").write_bytes(PAGE)
    return corpus


def sources(inputs: list[str], stdin: io.BytesIO | None = None) -> list[str]:
    return [item.source for item in read_inputs(inputs, SETTINGS, stdin=stdin)]


def test_directory_is_walked_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    corpus = tree(tmp_path)
    assert sources([str(corpus)]) == [
        f"{corpus}/a.txt",
        f"{corpus}/b.html",
        f"{corpus}/sub/c.html.gz",
        f"{corpus}/sub/deeper/d.jsonl#1",
        f"{corpus}/sub/deeper/d.jsonl#2",
    ]


def test_glob_patterns_including_double_star(tmp_path: Path) -> None:
    corpus = tree(tmp_path)
    assert sources([f"{corpus}/*.html"]) == [f"{corpus}/b.html"]
    assert sources([f"{corpus}/**/*.gz"]) == [f"{corpus}/sub/c.html.gz"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    corpus = tree(tmp_path)
    assert sources([f"{corpus}/b.html", f"{corpus}/*.html", str(corpus)])[:2] == [
        f"{corpus}/b.html",
        f"{corpus}/a.txt",
    ]
    assert len(sources([str(corpus), str(corpus)])) == 5


def test_stdin_is_read_as_bytes(tmp_path: Path) -> None:
    items = list(read_inputs(["-"], SETTINGS, stdin=io.BytesIO(gzip.compress(PAGE))))
    assert len(items) == 1 and isinstance(items[0], RawDoc)
    assert (items[0].source, items[0].format) == ("<stdin>", "html")
    jsonl = io.BytesIO(b'{"text": "x"}\n{"text": "y"}\n')
    assert sources(["-"], stdin=jsonl) == ["<stdin>#1", "<stdin>#2"]


def test_missing_path_and_unmatched_glob_fail_and_the_batch_goes_on(tmp_path: Path) -> None:
    corpus = tree(tmp_path)
    items = list(
        read_inputs([str(tmp_path / "nope.html"), f"{corpus}/*.xml", str(corpus)], SETTINGS)
    )
    assert items[:2] == [
        Failure(str(tmp_path / "nope.html"), "no such file or directory"),
        Failure(f"{corpus}/*.xml", "no such file or directory"),
    ]
    assert len(items) == 7


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_reports_the_os_reason(tmp_path: Path) -> None:
    locked = tmp_path / "locked.html"
    locked.write_bytes(PAGE)
    locked.chmod(0)
    try:
        assert list(read_inputs([str(locked)], SETTINGS)) == [
            Failure(str(locked), "permission denied")
        ]
    finally:
        locked.chmod(0o600)


def test_permission_error_reason_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.html"
    path.write_bytes(PAGE)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("storylens.read.files.open", refuse, raising=False)
    assert list(read_inputs([str(path)], SETTINGS)) == [Failure(str(path), "permission denied")]


def test_dangling_link_reports_the_os_reason(tmp_path: Path) -> None:
    link = tmp_path / "gone.html"
    link.symlink_to(tmp_path / "deleted.html")
    assert list(read_inputs([str(link)], SETTINGS)) == [
        Failure(str(link), "no such file or directory")
    ]


def test_inputs_are_read_lazily_one_file_at_a_time(tmp_path: Path) -> None:
    corpus = tree(tmp_path)
    items = read_inputs([str(corpus)], SETTINGS)
    first = next(items)
    (corpus / "b.html").write_bytes(b"Changed before it was read.\n")
    second = next(items)
    assert isinstance(first, RawDoc) and isinstance(second, RawDoc)
    assert second.content == "Changed before it was read.\n"
