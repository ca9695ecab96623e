"""Flat tables for analysts: stories, articles, claims, quotes and conflicts, one row per
item, with ids that join across them (`story_id`, `article_id`, `claim_id`).

Each table has one fixed schema (`COLUMNS`), so a Parquet file read back has the types a
script expects whatever the data; lists stay lists in Parquet and JSONL, and are joined
with "; " in CSV. A new export is one entry in `COLUMNS` and one row builder in `_ROWS`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from storylens.errors import ConfigError
from storylens.records import Article, Span

if TYPE_CHECKING:
    from storylens.api import Database, StoryReport

TEXT, WHOLE, TEXTS = pa.string(), pa.int64(), pa.list_(pa.string())

COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "stories": [
        ("story_id", TEXT),
        ("title", TEXT),
        ("first_published", TEXT),
        ("last_published", TEXT),
        ("articles", WHOLE),
        ("republished_copies", WHOLE),
        ("outlets", TEXTS),
    ],
    "articles": [
        ("article_id", TEXT),
        ("story_id", TEXT),
        ("input_id", TEXT),
        ("source", TEXT),
        ("outlet", TEXT),
        ("title", TEXT),
        ("published", TEXT),
        ("author", TEXT),
        ("language", TEXT),
        ("url", TEXT),
        ("copy_of", TEXT),
        ("words", WHOLE),
    ],
    "claims": [
        ("claim_id", TEXT),
        ("story_id", TEXT),
        ("status", TEXT),  # shared, single source, unconfirmed
        ("text", TEXT),
        ("outlets", TEXTS),
        ("article_ids", TEXTS),  # the articles whose sentence states it
        ("republished_in", TEXTS),  # syndicated copies printing the same words
    ],
    "quotes": [
        ("quote_id", TEXT),
        ("story_id", TEXT),
        ("speaker", TEXT),
        ("article_id", TEXT),
        ("outlet", TEXT),
        ("kind", TEXT),  # direct or indirect
        ("text", TEXT),
        ("start", WHOLE),
        ("end", WHOLE),
    ],
    "conflicts": [
        ("conflict_id", TEXT),
        ("story_id", TEXT),
        ("claim_id", TEXT),
        ("kind", TEXT),  # number, date, name, attribution
        ("first_article_id", TEXT),
        ("first_outlet", TEXT),
        ("first_value", TEXT),
        ("first_sentence", TEXT),
        ("second_article_id", TEXT),
        ("second_outlet", TEXT),
        ("second_value", TEXT),
        ("second_sentence", TEXT),
    ],
}
TABLES = tuple(COLUMNS)
FORMATS = ("parquet", "csv", "jsonl")

Row = dict[str, Any]


def table_rows(database: Database, what: str) -> list[Row]:
    """The rows of one table; claims, quotes and conflicts compare every stored story
    (stored comparisons are read back, the others computed once and stored)."""
    if what not in COLUMNS:
        raise ConfigError(f"no table {what!r}: choose one of {', '.join(TABLES)}")
    if what in ("stories", "articles"):
        return _STORE_ROWS[what](database)
    build = _ROWS[what]
    return [row for report in database.iter_story_reports() for row in build(report)]


def arrow_table(rows: list[Row], what: str) -> pa.Table:
    schema = pa.schema(COLUMNS[what])
    return pa.Table.from_pylist(rows, schema=schema)


def write_table(rows: list[Row], what: str, path: Path, fmt: str | None = None) -> int:
    """Write the rows to `path` in `fmt` (else from the extension); returns the row count."""
    chosen = fmt or path.suffix.lstrip(".").lower()
    if chosen not in FORMATS:
        raise ConfigError(f"{path}: give the format (one of {', '.join(FORMATS)})")
    if chosen == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(arrow_table(rows, what), path)
    elif chosen == "csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            _write_csv(rows, what, out)
    else:
        with path.open("w", encoding="utf-8") as out:
            write_jsonl(rows, out)
    return len(rows)


def write_jsonl(rows: Iterable[Row], out: Any) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv(rows: Iterable[Row], what: str, out: Any) -> None:
    names = [name for name, _ in COLUMNS[what]]
    writer = csv.DictWriter(out, fieldnames=names)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})


def write_csv(rows: Iterable[Row], what: str, out: Any) -> None:
    """CSV on any text stream (stdout included): lists joined with "; "."""
    _write_csv(rows, what, out)


def _story_rows(database: Database) -> list[Row]:
    rows = []
    for listed in database.stories():
        articles = listed["articles"]
        rows.append(
            {
                "story_id": listed["id"],
                "title": listed["title"],
                "first_published": listed["first_published"],
                "last_published": listed["last_published"],
                "articles": len(articles),
                "republished_copies": sum(1 for a in articles if a["copy_of"]),
                "outlets": list(listed["outlets"]),
            }
        )
    return rows


def _article_rows(database: Database) -> list[Row]:
    rows = []
    for story in database.store.list_stories():
        for article in database.store.load_articles(story.article_ids, with_analysis=False):
            rows.append(_article_row(article, story.id))
    return rows


def _article_row(article: Article, story_id: str) -> Row:
    return {
        "article_id": article.id,
        "story_id": story_id,
        "input_id": article.input_id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "author": article.author,
        "language": article.language,
        "url": article.url,
        "copy_of": article.copy_of,
        "words": len(article.body.split()),
    }


def _claim_rows(report: StoryReport) -> list[Row]:
    story = report.id
    rows = [
        {
            "claim_id": f"{story}:c{number}",
            "story_id": story,
            "status": "shared" if claim.shared else "single source",
            "text": claim.text,
            "outlets": list(claim.outlets),
            "article_ids": _articles(claim.sources),
            "republished_in": _articles(claim.republished),
        }
        for number, claim in enumerate(report.comparison.claims, 1)
    ]
    outlet = _outlets(report)
    rows += [
        {
            "claim_id": f"{story}:u{number}",
            "story_id": story,
            "status": "unconfirmed",
            "text": item.source.text,
            "outlets": [outlet.get(item.source.article) or ""],
            "article_ids": [item.source.article],
            "republished_in": [],
        }
        for number, item in enumerate(report.comparison.unconfirmed, 1)
    ]
    return rows


def _quote_rows(report: StoryReport) -> list[Row]:
    outlet = _outlets(report)
    rows = []
    for number, match in enumerate(report.comparison.quotes, 1):
        for span in match.renderings:
            rows.append(
                {
                    "quote_id": f"{report.id}:q{number}",
                    "story_id": report.id,
                    "speaker": match.speaker,
                    "article_id": span.article,
                    "outlet": outlet.get(span.article),
                    "kind": span.kind,
                    "text": span.text,
                    "start": span.start,
                    "end": span.end,
                }
            )
    return rows


def _conflict_rows(report: StoryReport) -> list[Row]:
    outlet = _outlets(report)
    return [
        {
            "conflict_id": f"{report.id}:d{number}",
            "story_id": report.id,
            "claim_id": f"{report.id}:c{conflict.claim + 1}",
            "kind": conflict.kind,
            "first_article_id": conflict.first.article,
            "first_outlet": outlet.get(conflict.first.article),
            "first_value": conflict.first_value.text,
            "first_sentence": conflict.first.text,
            "second_article_id": conflict.second.article,
            "second_outlet": outlet.get(conflict.second.article),
            "second_value": conflict.second_value.text,
            "second_sentence": conflict.second.text,
        }
        for number, conflict in enumerate(report.comparison.conflicts, 1)
    ]


def _articles(spans: list[Span]) -> list[str]:
    return list(dict.fromkeys(span.article for span in spans))


def _outlets(report: StoryReport) -> dict[str, str | None]:
    return {a.id: a.outlet for a in report.articles}


_STORE_ROWS: dict[str, Callable[[Database], list[Row]]] = {
    "stories": _story_rows,
    "articles": _article_rows,
}
_ROWS: dict[str, Callable[[StoryReport], list[Row]]] = {
    "claims": _claim_rows,
    "quotes": _quote_rows,
    "conflicts": _conflict_rows,
}
