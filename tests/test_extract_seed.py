"""The two seed dumps in ../shared: one story told by TASS and by AFP (read at test time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.extract import extract
from storylens.records import Article, RawDoc

pytestmark = pytest.mark.shared


def _read(path: Path) -> tuple[Article, list[str], list[str]]:
    text = path.read_text("utf-8")
    article = extract(RawDoc(str(path), text, "text"))
    assert isinstance(article, Article), article
    return article, [line.strip() for line in text.splitlines()], article.body.split("\n\n")


def _index(lines: list[str], prefix: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(prefix))


def _block(lines: list[str], start: str, end: str) -> list[str]:
    return [line for line in lines[_index(lines, start) + 1 : _index(lines, end)] if line]


def test_tass_dump(kremlin_files: list[Path]) -> None:
    article, lines, paragraphs = _read(kremlin_files[0])
    assert article.outlet == "TASS"
    assert article.published == "2017-06-06"
    assert article.title == "Kremlin condemns accusations that Russia hacked US election commission"
    assert article.language == "en"
    assert article.metadata["dateline"] == "MOSCOW, June 6. /TASS/."

    read_also = _block(lines, "Read also", '"So, we')
    dateline = lines[_index(lines, "MOSCOW, June 6. /TASS/.")]
    assert lines[_index(lines, "The report claimed")] in paragraphs  # after the link list
    # From the dateline on: every line up to the template residue, bar the link list.
    expected = [
        line
        for line in lines[_index(lines, "MOSCOW") : _index(lines, "{{")]
        if line and line != "Read also" and line not in read_also
    ]
    assert paragraphs[paragraphs.index(dateline) :] == expected

    nav = lines[: _index(lines, article.title)]
    tail = lines[_index(lines, "{{") :]  # residue, Share, rank numbers, infographics, most read
    assert len(read_also) == 6
    for line in [*nav, "Read also", *read_also, *tail]:
        if line:
            assert line not in paragraphs, line
    assert not any("{{" in p for p in paragraphs)


def test_afp_dump(kremlin_files: list[Path]) -> None:
    article, lines, paragraphs = _read(kremlin_files[1])
    assert article.outlet == "AFP"
    assert article.metadata["agency"] == "AFP"
    assert article.published is None  # only "on Tuesday": no anchor, no guess
    assert article.title is None
    more_from = _index(lines, "More from AFP")
    assert paragraphs == [line for line in lines[:more_from] if line]
    assert len(paragraphs) == 8
    for line in lines[more_from:]:
        assert line not in paragraphs
