"""The CLI end to end: output contracts, bad input, exit statuses, ingest idempotency."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.analyse import FULL
from storylens.cli import app
from storylens.store import open_store

runner = CliRunner()

PAGE = """<!doctype html><html lang="en"><head><title>Tram fares frozen | Tarrow Gazette</title>
<meta property="og:site_name" content="Tarrow Gazette">
<meta property="og:title" content="Tram fares frozen for another year">
<meta property="article:published_time" content="2025-04-02T09:00:00+02:00"></head>
<body><nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a></nav>
<article><h1>Tram fares frozen for another year</h1>
<p>The city council of Tarrow voted on Tuesday to keep tram fares at 1.80 euros until the
end of next year, after a debate that lasted more than four hours.</p>
<p>"Families cannot carry another increase," councillor Mira Holt told the chamber before
the vote, which passed by 23 votes to 14.</p>
<p>The transport company had asked for a rise of 20 cents to cover higher energy costs and
the purchase of twelve new low-floor trams.</p></article>
<footer>Most read: Harbour bridge closes for repairs</footer></body></html>"""


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_every_command_has_help_with_an_example() -> None:
    for command in ["extract", "compare", "ingest", "stories", "show"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Example:" in result.stdout, command


def test_extract_json_has_the_contract_keys(tmp_path: Path) -> None:
    page = _write(tmp_path / "tram.html", PAGE.encode())
    result = runner.invoke(app, ["extract", page, "--json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert list(record)[:8] == [
        "source",
        "outlet",
        "title",
        "published",
        "author",
        "language",
        "url",
        "body",
    ]
    assert record["outlet"] == "Tarrow Gazette"
    assert record["published"] == "2025-04-02"
    assert "1.80 euros" in record["body"] and "Harbour bridge" not in record["body"]


def _bad_inputs(tmp_path: Path) -> dict[str, str]:
    """Each bad input and a word its error line must contain."""
    warc = tmp_path / "empty.warc"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    return {
        _write(tmp_path / "empty.html", b""): "empty",
        _write(tmp_path / "binary.bin", bytes(range(256)) * 8): "binary",
        _write(tmp_path / "cut.html.gz", gzip.compress(PAGE.encode())[:60]): "gzip",
        _write(tmp_path / "lines.jsonl", b'{"id": "1", "text": "fine"}\n{not json\n')
        + "#2": "JSON",
        str(warc): "HTML",
        _write(tmp_path / "big.txt", b"word " * 5000): "limit",
    }


def test_bad_inputs_each_get_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.html", PAGE.encode())
    bad = _bad_inputs(tmp_path)
    paths = sorted({p.partition("#")[0] for p in bad})
    result = runner.invoke(app, ["extract", "--json", "--max-bytes", "20000", good, *paths])
    assert result.exit_code == 1
    assert "1.80 euros" in result.stdout
    errors = result.stderr.strip().splitlines()
    for source, word in bad.items():
        line = next((e for e in errors if e.startswith(f"{source}: ")), None)
        assert line is not None, f"no error line for {source} in {errors}"
        assert word.lower() in line.lower()


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["extract", "--no-such-option", "x"]).exit_code == 2
    assert runner.invoke(app, ["compare", "--json", "--md", "x"]).exit_code == 2
    assert runner.invoke(app, ["compare", "--format", "xml", "x"]).exit_code == 2
    assert runner.invoke(app, ["compare", "--format", "html", "--json", "x"]).exit_code == 2
    assert runner.invoke(app, ["show", "abc", "--format", "pdf"]).exit_code == 2


@pytest.mark.models
def test_ingest_is_idempotent_and_show_cites_verbatim_spans(
    tmp_path: Path, corpus_dir: Path
) -> None:
    db = str(tmp_path / "news.db")
    inputs = [str(corpus_dir / "html"), str(corpus_dir / "feeds")]
    first = runner.invoke(app, ["ingest", *inputs, "--db", db])
    assert first.exit_code == 0, first.stderr
    again = runner.invoke(app, ["ingest", *inputs, "--db", db])
    assert again.exit_code == 0 and "stored 0 new articles" in again.stderr
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).stdout)
    assert listed and all(s["articles"] for s in listed)
    assert any(a["input_id"] for s in listed for a in s["articles"])
    members = [a["id"] for a in listed[0]["articles"]]
    with open_store(db) as store:  # ingest analyses only what grouping reads
        stored = store.load_articles()
        assert {a.analysis for a in stored} == {"lead"}
        assert not any(a.sentences or a.entities or a.quotes for a in stored)
    shown = runner.invoke(app, ["show", listed[0]["id"][:8], "--db", db, "--json"])
    assert shown.exit_code == 0, shown.stderr
    with open_store(db) as store:  # ...and the rest when a story is first compared
        compared = store.load_articles(members)
        assert {a.analysis for a in compared} == {FULL}
        assert all(a.sentences for a in compared) and any(a.quotes for a in compared)
        others = store.load_articles([a.id for a in stored if a.id not in members])
        assert {a.analysis for a in others} == {"lead"}
    report = json.loads(shown.stdout)
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    for claim in report["stories"][0]["claims"]:
        for span in claim["sources"]:
            assert bodies[span["article"]][span["start"] : span["end"]]
    markdown = runner.invoke(app, ["show", listed[0]["id"], "--db", db])
    assert markdown.exit_code == 0 and markdown.stdout.startswith("#")


def test_stdout_stays_clean_in_a_real_process(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.html", PAGE.encode())
    empty = _write(tmp_path / "empty.txt", b"")
    done = subprocess.run(
        [sys.executable, "-m", "storylens", "extract", "--json", good, empty],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert [json.loads(line)["source"] for line in done.stdout.splitlines()] == [good]
    assert done.stderr.strip() == f"{empty}: empty file"


def test_ingest_in_a_real_process_says_only_what_it_did(tmp_path: Path) -> None:
    # The embedding runtime's own notes (an unused initializer) went to stderr from C++.
    page = _write(tmp_path / "page.html", PAGE.encode())
    done = subprocess.run(
        [sys.executable, "-m", "storylens", "ingest", page, "--db", str(tmp_path / "s.db")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.strip() == "stored 1 new article, 0 already stored, 0 failed"


def test_the_cli_module_runs_as_a_script_with_every_command() -> None:
    # Every command module registers on the one app, whichever way the CLI is started.
    done = subprocess.run(
        [sys.executable, "-m", "storylens.cli", "why", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Explain the grouping" in done.stdout


def test_counts_are_written_as_a_person_reads_them() -> None:
    from storylens.wording import counted

    assert counted(1, "new article") == "1 new article"
    assert counted(0, "new article") == "0 new articles"
    assert counted(1, "story", "stories") == "1 story"
    assert counted(3, "story", "stories") == "3 stories"


@pytest.mark.models
def test_compare_writes_markdown_by_default_as_show_does(corpus_dir: Path) -> None:
    feed = str(corpus_dir / "feeds" / "export.jsonl")
    result = runner.invoke(app, ["compare", feed])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# ") and "independent source" in result.stdout
    assert runner.invoke(app, ["compare", feed, "--json"]).stdout.lstrip().startswith("{")


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("STORYLENS_EMBEDDING_MAX_TOKENS", "lots", "a whole number above 0, not 'lots'"),
        ("STORYLENS_EMBEDDING_BACKEND", "tpu", "one of onnx, torch, not 'tpu'"),
        ("STORYLENS_EMBEDDING_QUANTIZE", "int4", "one of int8, none, not 'int4'"),
    ],
)
def test_a_bad_setting_in_the_environment_is_one_line_and_exit_2(
    tmp_path: Path, variable: str, value: str, says: str
) -> None:
    # Read when the command starts (a variable set after import counts), never a traceback.
    page = _write(tmp_path / "page.html", b"<html><body><p>One line of text.</p></body></html>")
    done = subprocess.run(
        [sys.executable, "-m", "storylens", "compare", page],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, variable: value},
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"error: {variable} must be {says}\n"
