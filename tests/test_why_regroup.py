"""`storylens why` and `storylens regroup` end to end on a store of hand-made articles.

The articles carry fixed vectors and entities, so no model is loaded: `why` and `regroup`
read only what the store holds.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from group_support import unit_vector
from storylens.analyse import Analyser
from storylens.cli import app
from storylens.config import Settings
from storylens.group import StoryGrouper
from storylens.pipeline import Ingestor, IngestReport, restored_grouper, stories_of
from storylens.records import Article, Entity
from storylens.store import open_store

runner = CliRunner()

FERRY = "The Portmere ferry strike stopped 14 crossings to Dunlow, the Vessa union said on Monday."
FERRY_TOO = (
    "Crossings to Dunlow stay halted as the Portmere ferry strike by Vessa enters a second day."
)
TRAM = "Tarrow council froze tram fares at 1.80 after a four-hour debate led by Mira Holt."


def _article(ident: str, body: str, vector: list[float], outlet: str, day: str) -> Article:
    names = [w.strip(".,") for w in body.split()[1:] if w[:1].isupper()]
    entities = [Entity(n, "GPE", body.index(n), body.index(n) + len(n)) for n in names]
    return Article(
        id=ident,
        source=ident,
        body=body,
        title=body.split(",")[0],
        outlet=outlet,
        published=day,
        embedding=vector,
        entities=entities,
    )


def _store(tmp_path: Path) -> str:
    db = str(tmp_path / "why.db")
    articles = [
        _article("ferry-a", FERRY, unit_vector(1, 0.3, base=100), "Coast Herald", "2025-03-10"),
        _article("ferry-b", FERRY_TOO, unit_vector(2, 0.3, base=100), "Dunlow Post", "2025-03-11"),
        _article("tram-a", TRAM, unit_vector(3), "Tarrow Gazette", "2025-03-11"),
    ]
    grouper = StoryGrouper()
    for article in articles:
        grouper.add(article)
    with open_store(db) as store:
        store.write_batch(articles, stories_of(grouper, {a.id: a for a in articles}))
    return db


def test_why_explains_two_articles_of_one_story(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["why", "ferry-a", "ferry-b", "--db", db, "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["same_story"] is True
    assert report["date_gap_days"] == 1
    assert {"portmere", "dunlow", "vessa"} <= set(report["shared_anchors"])
    assert report["pair"]["score"] >= report["thresholds"]["join"]
    assert "same story" in report["decided_by"]


def test_why_explains_two_articles_apart_in_text(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["why", "ferry-a", "tram-a", "--db", db])
    assert result.exit_code == 0, result.stderr
    assert "are in different stories" in result.stdout
    assert "different stories" in result.stdout.splitlines()[1]
    assert "shared names/places/numbers: none" in result.stdout


def test_why_names_an_unknown_article_and_fails(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["why", "ferry-a", "nope", "--db", db])
    assert result.exit_code == 1
    assert "nope" in result.stderr and result.stdout == ""


def test_regroup_rebuilds_the_same_stories_and_restored_state_matches(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with open_store(db) as store:
        before = sorted(sorted(s.article_ids) for s in store.list_stories())
    result = runner.invoke(app, ["regroup", "--db", db])
    assert result.exit_code == 0, result.stderr
    assert "regrouped 3 articles into 2 stories" in result.stderr
    with open_store(db) as store:
        after = sorted(sorted(s.article_ids) for s in store.list_stories())
        restored = restored_grouper(store)
    assert after == before == [["ferry-a", "ferry-b"], ["tram-a"]]
    # The state rebuilt at open finds the stored story for a new report of the ferry strike.
    late = _article(
        "ferry-c", FERRY_TOO + " Talks resume.", unit_vector(4, 0.3, base=100), "Wire", "2025-03-12"
    )
    assert restored.add(late).story_id == restored.story_of["ferry-a"]


def test_reingesting_stored_articles_changes_nothing(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with open_store(db) as store:
        stored = store.load_articles()
        before = sorted(sorted(s.article_ids) for s in store.list_stories())
        # Nothing is new, so nothing is analysed: the analyser never loads a model here.
        ingestor = Ingestor(store, Analyser(Settings()))
        report = ingestor.ingest(stored, IngestReport())
        after = sorted(sorted(s.article_ids) for s in store.list_stories())
    assert (report.stored, report.already_stored) == (0, 3)
    assert after == before
