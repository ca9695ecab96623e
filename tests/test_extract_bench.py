"""Quality gate: extraction scored on the shared benchmark pages (../shared/bench/extraction).

Token F1 (bag of lower-cased \\w+ tokens, macro over pages), as `score_extraction.py` computes
it. The floors sit just under what this code scores on the shared split (measured figures in
the comments); lower one only on purpose, with the reason in the commit. Peers on the same
pages: text dumps, "keep lines over 12 words" 0.843, trafilatura 0.716; HTML, trafilatura
0.921, readability 0.927.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.extract import extract
from storylens.records import Article, RawDoc

pytestmark = pytest.mark.shared

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "extraction"
ALL_SETS = ["aeb", "l3s-gn1", "wcxb-article-sample", "cleaneval-sample", "cleanportaleval"]
# Measured 0.920 (aeb 0.904, l3s 0.948, wcxb 0.885, cleaneval 0.873, cleanportaleval 0.919).
DUMP_FLOOR = 0.91
# Measured on aeb + wcxb (the two sets with modern pages): 0.956 and 0.939.
HTML_SETS = ["aeb", "wcxb-article-sample"]
HTML_FLOOR = 0.94
# Exact headline on wcxb pages: measured 0.84 (trafilatura's own title 0.59 on its 200).
TITLE_FLOOR = 0.8
# Authors on wcxb pages with a gold author, as `bench.extraction_meta` compares them (a set
# of normalised names): measured 0.867 (trafilatura 0.619 on the same pages).
AUTHOR_FLOOR = 0.85
_TOKEN = re.compile(r"\w+")


def _pages(sets: list[str]) -> Iterator[tuple[Path, dict[str, str]]]:
    if not BENCH.is_dir():
        pytest.skip("../shared/bench is not beside the repository")
    for name in sets:
        for page in sorted((BENCH / name).iterdir()):
            if (page / "gold.txt").is_file():
                yield page, json.loads((page / "gold.json").read_text("utf-8"))


def _f1(predicted: str, gold: str) -> float | None:
    gold_tokens = Counter(_TOKEN.findall(gold.lower()))
    tokens = Counter(_TOKEN.findall(predicted.lower()))
    if not gold_tokens:
        return None
    overlap = sum((tokens & gold_tokens).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(tokens.values()), overlap / sum(gold_tokens.values())
    return 2 * precision * recall / (precision + recall)


Pairs = list[tuple[str | None, str]]


def _score(sets: list[str], fmt: str) -> tuple[float, Pairs, Pairs]:
    scores, titles, authors = [], [], []
    for page, gold in _pages(sets):
        if fmt == "html":
            content = gzip.decompress((page / "page.html.gz").read_bytes()).decode("utf-8")
        else:
            content = (page / "page.txt").read_text("utf-8")
        result = extract(RawDoc(page.name, content, fmt, url=gold.get("url")))  # type: ignore[arg-type]
        body = result.body if isinstance(result, Article) else ""
        score = _f1(body, (page / "gold.txt").read_text("utf-8"))
        if score is not None:
            scores.append(score)
        if gold.get("title") and isinstance(result, Article):
            titles.append((result.title, gold["title"]))
        if gold.get("author"):
            authors.append((result.author if isinstance(result, Article) else None, gold["author"]))
    return sum(scores) / len(scores), titles, authors


def test_text_dump_extraction_quality() -> None:
    f1, _, _ = _score(ALL_SETS, "text")
    assert f1 >= DUMP_FLOOR, f"text-dump token F1 {f1:.3f} fell below {DUMP_FLOOR}"


def test_html_extraction_quality() -> None:
    f1, titles, authors = _score(HTML_SETS, "html")
    assert f1 >= HTML_FLOOR, f"HTML token F1 {f1:.3f} fell below {HTML_FLOOR}"
    # Of these two sets only wcxb has gold titles; compared as the bench does, case-folded.
    exact = sum(_same(ours, gold) for ours, gold in titles)
    assert exact / len(titles) >= TITLE_FLOOR, f"{exact}/{len(titles)} exact titles"
    from bench.extraction_meta import author_scores

    right = sum(author_scores(ours, gold)[0] for ours, gold in authors)
    assert right / len(authors) >= AUTHOR_FLOOR, f"{right}/{len(authors)} authors"


def _same(ours: str | None, gold: str) -> bool:
    return " ".join((ours or "").lower().split()) == " ".join(gold.lower().split())
