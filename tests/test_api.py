"""The Python API gives what the CLI gives, raises the documented errors, and exports tables
that read back as stored."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import storylens
from storylens.errors import ConfigError, InputError, StoreError, UnknownStoryError

pytestmark = pytest.mark.models

# The sample corpus' saved pages and feed exports: stories of several outlets each, some of
# them disagreeing on a figure.
PAGES = "corpus/html"
FEEDS = "corpus/feeds"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "storylens", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "news.db"
    with storylens.open(path) as db:
        result = db.ingest([PAGES, FEEDS])
    assert (result.stored, result.failed) == (len(storylens.extract_articles([PAGES, FEEDS])), 0)
    return path


def test_compare_equals_the_cli_json() -> None:
    report = storylens.compare_articles(storylens.extract_articles([PAGES]))
    printed = json.loads(_cli("compare", PAGES, "--json").stdout)
    assert report.to_dict() == printed
    assert [s.to_dict() for s in report.stories] == printed["stories"]


def test_stories_and_story_equal_the_cli_json(database: Path) -> None:
    with storylens.open(database) as db:
        listed = db.stories()
        biggest = db.story(listed[0]["id"][:6])  # a prefix, as `show` takes
        shown = biggest.to_dict()
        markdown = biggest.to_markdown()
    assert listed == json.loads(_cli("stories", "--json", "--db", str(database)).stdout)
    printed = json.loads(_cli("show", listed[0]["id"], "--json", "--db", str(database)).stdout)
    assert [shown] == printed["stories"]
    assert markdown + "\n" == _cli("show", listed[0]["id"], "--db", str(database)).stdout


def test_why_equals_the_cli_json(database: Path) -> None:
    with storylens.open(database) as db:
        first, second = [a["id"] for a in db.stories()[0]["articles"][:2]]
        explained = db.why(first[:8], second[:8])
    printed = _cli("why", first, second, "--json", "--db", str(database)).stdout
    assert explained == json.loads(printed)
    assert explained["in_words"]


def test_ingest_takes_extracted_articles_and_skips_stored_ones(tmp_path: Path) -> None:
    articles = storylens.extract_articles([PAGES])
    with storylens.open(tmp_path / "a.db") as db:
        assert db.ingest(articles[:5]).stored == 5
        again = db.ingest(articles[:7])
    assert (again.stored, again.already_stored) == (2, 5)


def test_bad_input_raises_the_clis_one_line_reason(tmp_path: Path) -> None:
    missing = tmp_path / "gone.html"
    with pytest.raises(InputError) as raised:
        storylens.extract_articles([missing])
    assert str(raised.value) == f"{missing}: no such file or directory"
    seen: list[str] = []
    assert storylens.extract_articles([missing, PAGES], on_failure=lambda f: seen.append(str(f)))
    assert seen == [f"{missing}: no such file or directory"]


def test_ingest_reports_failures_once_and_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    seen: list[str] = []
    with storylens.open(tmp_path / "b.db") as db:
        result = db.ingest([str(empty), PAGES], on_failure=lambda f: seen.append(str(f)))
    assert (result.stored, result.failed) == (18, 1)
    assert [str(f) for f in result.failures] == seen == [f"{empty}: empty file"]


def test_unknown_story_and_unusable_database_raise_documented_errors(
    database: Path, tmp_path: Path
) -> None:
    with storylens.open(database) as db, pytest.raises(UnknownStoryError, match="no story"):
        db.story("ffffffffffff")
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("shopping list\n")
    with pytest.raises(StoreError, match=r"notes\.txt"):
        storylens.open(not_a_db)
    with storylens.open(database) as db, pytest.raises(ConfigError, match="no table 'votes'"):
        db.table("votes")


@pytest.mark.parametrize("what", ["stories", "articles", "claims", "quotes", "conflicts"])
def test_exports_read_back_as_the_tables(database: Path, tmp_path: Path, what: str) -> None:
    with storylens.open(database) as db:
        rows = db.table(what)
        db.export(what, tmp_path / f"{what}.parquet")
        db.export(what, tmp_path / f"{what}.jsonl")
        db.export(what, tmp_path / f"{what}.csv")
    assert rows, what
    assert pq.read_table(tmp_path / f"{what}.parquet").to_pylist() == rows
    lines = (tmp_path / f"{what}.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == rows
    with (tmp_path / f"{what}.csv").open(encoding="utf-8", newline="") as f:
        read = list(csv.DictReader(f))
    first_key = next(iter(rows[0]))
    assert [r[first_key] for r in read] == [str(r[first_key]) for r in rows]


def test_export_ids_join_across_tables(database: Path) -> None:
    with storylens.open(database) as db:
        stories = {r["story_id"] for r in db.table("stories")}
        articles = {r["article_id"]: r for r in db.table("articles")}
        claims = db.table("claims")
        conflicts = db.table("conflicts")
    assert {r["story_id"] for r in articles.values()} == stories
    assert all(set(c["article_ids"]) <= articles.keys() for c in claims)
    assert {c["claim_id"] for c in conflicts} <= {c["claim_id"] for c in claims}
    shared = [c for c in claims if c["status"] == "shared"]
    assert all(len(c["outlets"]) >= 2 for c in shared)


def test_export_on_the_cli_writes_a_file_and_says_how_many_rows(
    database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "stories.csv"
    done = _cli("export", "--what", "stories", "--out", str(out), "--db", str(database))
    assert done.stdout == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert done.stderr == f"exported {len(rows)} rows of stories to {out}\n"
    jsonl = _cli("export", "--what", "articles", "--db", str(database)).stdout
    assert len(jsonl.splitlines()) == len(storylens.extract_articles([PAGES, FEEDS]))


def test_version_and_public_names() -> None:
    assert storylens.__version__.count(".") == 2
    assert {"extract_articles", "compare_articles", "open", "Database", "InputError"} <= set(
        storylens.__all__
    )
    assert all(
        getattr(storylens, name).__doc__
        for name in ("extract_articles", "compare_articles", "open")
    )
