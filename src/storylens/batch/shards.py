"""Parquet shards of analysed articles, and the manifest that makes a run resumable.

Layout of `--out DIR` (as datatrove keeps its completions):

    DIR/plan.json                    the options and the input shards of the run
    DIR/articles/<shard>.parquet     the analysed articles of one input shard
    DIR/done/<shard>.json            written last: the shard is complete (counts, failures)
    DIR/manifest.json                the completed shards, rewritten at the end of a run
    DIR/vectors/                     title+lead vectors the workers share (shared_vectors.py),
                                     removed once every shard is done

A shard counts as complete only once its `done/` marker exists; files are written to a
temporary name and renamed, so a killed worker leaves no half shard behind, and a rerun
skips exactly the completed shards.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError
from storylens.records import Article, Entity, Failure, Quote, Sentence

SCALAR_FIELDS = (
    "id",
    "source",
    "body",
    "title",
    "outlet",
    "published",
    "author",
    "language",
    "url",
    "input_id",
    "analysis",
)


@dataclass(slots=True)
class ShardResult:
    """What one worker reports for one input shard."""

    shard_id: str
    articles: int = 0
    failures: list[Failure] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)
    records: int = 0  # documents read (pages, lines), before extraction
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, wall clock
    # Per stage, the worker process' own CPU time: what a stage costs on a shared machine.
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "shard_id": self.shard_id,
            "articles": self.articles,
            "failures": [[f.source, f.reason] for f in self.failures],
            "dropped": self.dropped,
            "records": self.records,
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "peak_rss_mb": self.peak_rss_mb,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShardResult:
        return cls(
            shard_id=data["shard_id"],
            articles=data["articles"],
            failures=[Failure(s, r) for s, r in data["failures"]],
            dropped=dict(data["dropped"]),
            records=data["records"],
            seconds=dict(data["seconds"]),
            cpu_seconds=dict(data.get("cpu_seconds", {})),  # absent from older runs' files
            peak_rss_mb=data["peak_rss_mb"],
        )


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError("batch needs pyarrow: pip install pyarrow") from exc
    return pq


def article_row(article: Article) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(article, name) for name in SCALAR_FIELDS}
    row["metadata"] = json.dumps(article.metadata, ensure_ascii=False, default=str)
    row["sentences"] = json.dumps([[s.start, s.end, s.text] for s in article.sentences])
    row["entities"] = json.dumps([[e.text, e.label, e.start, e.end] for e in article.entities])
    row["quotes"] = json.dumps([[q.text, q.start, q.end, q.speaker] for q in article.quotes])
    row["embedding"] = article.embedding
    row["minhash"] = article.minhash
    return row


def row_article(row: dict[str, Any]) -> Article:
    article = Article(**{name: row[name] for name in SCALAR_FIELDS})
    article.metadata = json.loads(row["metadata"])
    article.sentences = [Sentence(*s) for s in json.loads(row["sentences"])]
    article.entities = [Entity(*e) for e in json.loads(row["entities"])]
    article.quotes = [Quote(*q) for q in json.loads(row["quotes"])]
    embedding = row["embedding"]
    article.embedding = None if embedding is None else [float(x) for x in embedding]
    article.minhash = row.get("minhash")  # absent from shards of older runs
    return article


def _schema() -> Any:
    import pyarrow as pa

    columns = [pa.field(name, pa.string()) for name in SCALAR_FIELDS]
    columns += [pa.field(name, pa.string()) for name in ("metadata", "sentences", "entities")]
    columns += [pa.field("quotes", pa.string()), pa.field("embedding", pa.list_(pa.float32()))]
    columns += [pa.field("minhash", pa.binary())]
    return pa.schema(columns)


class ShardStore:
    """The shard files of one output directory."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.root = Path(out)
        self.articles_dir = self.root / "articles"
        self.done_dir = self.root / "done"

    def prepare(self, plan: dict[str, Any]) -> None:
        """Create the directory, or check that it holds a run of the same plan."""
        self.articles_dir.mkdir(parents=True, exist_ok=True)
        self.done_dir.mkdir(parents=True, exist_ok=True)
        plan_file = self.root / "plan.json"
        if plan_file.exists():
            if json.loads(plan_file.read_text()) != plan:
                raise ConfigError(
                    f"{self.root} holds a run with other inputs or options; "
                    "pass a new --out directory (or delete this one) to start afresh"
                )
            return
        _write_atomic(plan_file, json.dumps(plan, indent=1))

    def completed(self) -> set[str]:
        return {p.stem for p in self.done_dir.glob("*.json")}

    def write_articles(self, shard_id: str, articles: list[Article]) -> None:
        """The shard's Parquet file (complete only once `mark_done` has run)."""
        import pyarrow as pa

        pq = _pyarrow()
        table = pa.Table.from_pylist([article_row(a) for a in articles], schema=_schema())
        target = self.articles_dir / f"{shard_id}.parquet"
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        pq.write_table(table, partial)
        os.replace(partial, target)

    def mark_done(self, result: ShardResult) -> None:
        _write_atomic(self.done_dir / f"{result.shard_id}.json", json.dumps(result.to_json()))

    def result(self, shard_id: str) -> ShardResult:
        return ShardResult.from_json(json.loads((self.done_dir / f"{shard_id}.json").read_text()))

    def read(self, shard_id: str) -> list[Article]:
        pq = _pyarrow()
        table = pq.read_table(self.articles_dir / f"{shard_id}.parquet")
        return [row_article(row) for row in table.to_pylist()]

    def write_manifest(self, shard_ids: list[str]) -> None:
        entries = [self.result(shard_id).to_json() for shard_id in shard_ids]
        for entry in entries:
            entry["file"] = f"articles/{entry['shard_id']}.parquet"
        _write_atomic(self.root / "manifest.json", json.dumps({"shards": entries}, indent=1))


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
