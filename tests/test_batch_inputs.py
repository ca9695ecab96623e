"""Batch inputs: splitting WARC and JSONL files into shards, filters, Parquet round trips."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.batch.filters import ArticleFilter
from storylens.batch.inputs import InputShard, plan_shards, read_shard
from storylens.batch.shards import ShardResult, ShardStore, article_row
from storylens.config import Settings
from storylens.errors import ConfigError
from storylens.extract import extract
from storylens.records import Article, Entity, Failure, Quote, RawDoc, Sentence

CORPUS_HTML = sorted((Path(__file__).resolve().parent.parent / "corpus" / "html").glob("*.html"))


def write_warc(path: Path, pages: list[tuple[str, bytes]], gz: bool = True) -> None:
    """A CC-NEWS-like WARC: a warcinfo record, then one gzipped response record per page."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
    for url, body in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())


def corpus_pages() -> list[tuple[str, bytes]]:
    return [(f"https://news.example/{p.stem}", p.read_bytes()) for p in CORPUS_HTML]


def docs_of(shards: list[InputShard]) -> list[RawDoc]:
    found = [d for s in shards for d in read_shard(s, Settings())]
    assert not [d for d in found if isinstance(d, Failure)]
    return [d for d in found if isinstance(d, RawDoc)]


def test_gzip_warc_splits_at_record_members_and_reads_every_page_once(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, corpus_pages())
    whole, _ = plan_shards([str(warc)], shard_bytes=10**9)
    split, failures = plan_shards([str(warc)], shard_bytes=8 * 1024)
    assert not failures and len(whole) == 1 and len(split) > 3
    assert [s.start for s in split] == sorted({s.start for s in split})
    assert split[-1].end == warc.stat().st_size
    assert [(d.url, d.content) for d in docs_of(split)] == [
        (d.url, d.content) for d in docs_of(whole)
    ]
    assert len(docs_of(split)) == len(CORPUS_HTML)
    assert docs_of(split)[1].source.startswith(f"{warc}@")


def test_uncompressed_warc_and_gzip_jsonl_stay_whole(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc"
    write_warc(warc, corpus_pages()[:4], gz=False)
    shards, _ = plan_shards([str(warc)], shard_bytes=1024)
    assert shards == [InputShard(str(warc))]


@settings(max_examples=30, deadline=None)
@given(
    lines=st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=40),
    shard_bytes=st.integers(min_value=16, max_value=400),
)
def test_jsonl_byte_ranges_read_every_line_once(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], shard_bytes: int
) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    records = [
        {"id": str(i), "title": f"T{i}", "text": f"{text} {i}"} for i, text in enumerate(lines)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    shards, _ = plan_shards([str(path)], shard_bytes=shard_bytes)
    docs = docs_of(shards)
    assert [d.fields.get("id") for d in docs] == [r["id"] for r in records]


def test_missing_input_and_stdin_are_failures(tmp_path: Path) -> None:
    shards, failures = plan_shards([str(tmp_path / "nope.warc.gz"), "-"])
    assert shards == []
    assert [f.reason for f in failures][1] == "batch cannot read stdin: pass files"


def _article(**fields: str | None) -> Article:
    base: dict[str, str | None] = {
        "id": "a1",
        "source": "s",
        "body": "Body.",
        "url": "https://www.harbour.example/x",
        "language": "en-GB",
        "published": "2025-03-14",
    }
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


def test_filters_drop_with_a_reason() -> None:
    keep = ArticleFilter(
        since="2025-03-01", until="2025-03-31", language="en", host="harbour.example"
    )
    assert keep.drop(_article()) is None
    assert keep.drop(_article(url="https://other.example/x")) == "host"
    assert keep.drop(_article(url="https://notharbour.example/x")) == "host"
    assert keep.drop(_article(language="de")) == "language"
    assert keep.drop(_article(published=None)) == "undated"
    assert keep.drop(_article(published="2025-04-01")) == "date"
    assert keep.drop_url("https://other.example/") == "host"
    assert ArticleFilter().drop(_article(published=None, language=None)) is None
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        ArticleFilter(since="March")


def test_shard_round_trip_keeps_every_field(tmp_path: Path) -> None:
    page = CORPUS_HTML[0]
    article = extract(RawDoc(str(page), page.read_text(encoding="utf-8"), "html"))
    assert isinstance(article, Article)
    article.sentences = [Sentence(0, 5, article.body[:5])]
    article.entities = [Entity("Lisbon", "GPE", 3, 9)]
    article.quotes = [Quote("we are ready", 10, 22, None), Quote("no", 30, 32, "Ana Costa")]
    article.embedding = [0.5, -0.25, 0.125]
    article.minhash = bytes(range(256)) * 2
    store = ShardStore(tmp_path / "out")
    store.prepare({"plan": 1})
    store.write_articles("s1", [article])
    assert store.completed() == set()
    store.mark_done(ShardResult("s1", articles=1, failures=[Failure("x#2", "empty")]))
    assert store.read("s1") == [article]
    assert store.read("s1")[0].minhash == article.minhash  # not compared by ==
    assert store.completed() == {"s1"}
    assert store.result("s1").failures == [Failure("x#2", "empty")]
    with pytest.raises(ConfigError, match="new --out"):
        store.prepare({"plan": 2})


def test_a_shard_written_before_signatures_were_kept_reads(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    article = Article("a1", "a.html", "Body text.", title="Title")
    store = ShardStore(tmp_path / "out")
    store.prepare({"plan": 1})
    row = article_row(article)
    del row["minhash"]
    pq.write_table(pa.Table.from_pylist([row]), store.articles_dir / "old.parquet")
    assert store.read("old")[0].minhash is None
