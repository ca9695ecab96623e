"""Nothing followed: URLs in articles are never fetched, paths in inputs never decide where
files are written, and ids and text from users never reach SQL unbound."""

from __future__ import annotations

import io
import json
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.cli import app
from storylens.records import Article, Story
from storylens.store import UnknownStoryError, open_store

runner = CliRunner()
TRAP = "http://127.0.0.1:9"  # the discard port: nothing should ever try it
PAGE = f"""<!doctype html><html><head><title>Ferry strike ends | Harbour Times</title>
<base href="{TRAP}/base/"><link rel="stylesheet" href="{TRAP}/style.css">
<link rel="canonical" href="{TRAP}/canonical"><meta property="og:url" content="{TRAP}/og">
<meta http-equiv="refresh" content="0; url={TRAP}/refresh">
<script src="{TRAP}/app.js"></script>
<script type="application/ld+json">{{"@type": "NewsArticle", "url": "{TRAP}/ld",
 "image": "{TRAP}/ld.jpg", "headline": "Ferry strike ends"}}</script></head><body>
<article><h1>Ferry strike ends</h1><img src="{TRAP}/photo.jpg" srcset="{TRAP}/big.jpg 2x">
<iframe src="{TRAP}/frame"></iframe><video src="{TRAP}/clip.mp4"></video>
<p>Ferry crews in Tarrow ended their strike on Monday after a pay deal, the union said.
Details are at {TRAP}/deal and file:///etc/passwd for anyone who wants them.</p>
<p>"We got what we asked for," union leader Mara Olsen told reporters at the quay.</p>
<p>Services resume on Tuesday morning with the first crossing at six.</p></article></body></html>"""
ESCAPE = "../../../../escaped-by-path"


def _warc(url: str, payload: bytes) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html"),
            ("Content-Disposition", f'attachment; filename="{ESCAPE}.html"'),
            ("Location", url),
        ],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=headers
    )
    writer.write_record(record)
    return buffer.getvalue()


def hostile_inputs(folder: Path) -> list[str]:
    """Inputs full of URLs and paths: a page, a JSONL export and a WARC."""
    (folder / "page.html").write_text(PAGE)
    records = [
        {"url": f"{TRAP}/jsonl", "id": ESCAPE, "html": PAGE.replace("Ferry", "Tram")},
        {
            "url": "file:///etc/passwd",
            "id": "/tmp/absolute",
            "source": "/etc/passwd",
            "text": "Tarrow council met on Monday and agreed the ferry budget for next year.",
        },
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    warc = _warc(f"{TRAP}/{ESCAPE}", PAGE.replace("Ferry", "Bus").encode())
    (folder / "crawl.warc").write_bytes(warc)
    return [str(folder / name) for name in ("page.html", "feed.jsonl", "crawl.warc")]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every attempt to resolve or connect is recorded and refused."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args[1:] if args and isinstance(args[0], socket.socket) else args)
        raise OSError("network use in a test of storylens")

    for target, name in (
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (socket, "create_connection"),
        (socket, "getaddrinfo"),
    ):
        monkeypatch.setattr(target, name, refuse)
    yield attempts


def test_the_network_trap_catches_a_fetch(no_network: list[Any]) -> None:
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{TRAP}/x", timeout=1)
    assert no_network  # the trap works, so the test below can fail


def _escaped(work: Path) -> list[Path]:
    """Where a path taken from an input would have put a file."""
    targets = [work / f"{ESCAPE}.html", work / ESCAPE, Path("/tmp/absolute")]
    return [p for p in targets if p.resolve().exists()]


@pytest.mark.models
def test_a_full_pipeline_run_fetches_nothing_and_writes_only_its_database(
    tmp_path: Path, no_network: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "deep" / "er" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    inputs = hostile_inputs(work)
    before = set(tmp_path.rglob("*"))
    db = work / "trap.db"
    ingest = runner.invoke(app, ["ingest", *inputs, "--db", str(db)])
    assert ingest.exit_code == 0, ingest.output
    listed = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    story = json.loads(listed.stdout)[0]["id"]
    for command in (["show", story, "--db", str(db), "--json"], ["compare", *inputs, "--md"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    assert no_network == []
    written = set(tmp_path.rglob("*")) - before
    assert written <= {db, Path(f"{db}-wal"), Path(f"{db}-shm")}
    assert _escaped(work) == []


def test_extract_writes_no_file_whatever_paths_inputs_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "deep" / "er" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    inputs = hostile_inputs(work)
    before = set(tmp_path.rglob("*"))
    for command in (["extract", *inputs, "--json"], ["extract", *inputs]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    assert set(tmp_path.rglob("*")) == before
    assert _escaped(work) == []


INJECTIONS = [
    "' OR '1'='1",
    "x'; DROP TABLE articles; --",
    '"; DELETE FROM stories; --',
    "%",
    "_",
    "\\",
    "1) UNION SELECT id FROM articles --",
]


def test_injection_strings_are_data_in_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "inj.db")
    with open_store(db) as store:
        stored = [
            Article(
                id=f"{n:016x}",
                source=text,
                body=text,
                title=text,
                outlet=text,
                input_id=text,
                story_id="s" * 16,
            )
            for n, text in enumerate(INJECTIONS)
        ]
        store.write_batch(stored, [Story("s" * 16, [a.id for a in stored], title=INJECTIONS[1])])
        for text in INJECTIONS:
            with pytest.raises(UnknownStoryError):
                store.get_story(text)  # no wildcard, no always-true clause finds a story
        loaded = store.load_articles([a.id for a in stored], with_analysis=False)
        assert [(a.title, a.input_id, a.outlet) for a in loaded] == [(t, t, t) for t in INJECTIONS]
        assert store.has_articles(INJECTIONS) == set()
        assert len(store.list_stories()) == 1
        assert store.get_story("s" * 16).title == INJECTIONS[1]


def test_injection_strings_through_the_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        story = Story("s" * 16, ["a" * 16], title="Ferry strike ends")
        store.write_batch(
            [Article(id="a" * 16, source="p", body="Body.", story_id=story.id)], [story]
        )
    for text in INJECTIONS:
        result = runner.invoke(app, ["show", text, "--db", db, "--json"])
        assert result.exit_code == 1 and result.stdout == ""
        assert "no story with id or id prefix" in result.stderr
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).stdout)
    assert [s["id"] for s in listed] == ["s" * 16]  # nothing dropped or deleted
