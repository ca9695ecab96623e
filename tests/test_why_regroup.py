"""`storylens why` and `storylens regroup` end to end on a store of hand-made articles.

The articles carry fixed vectors and entities, so no model is loaded: `why` and `regroup`
read only what the store holds.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from group_support import unit_vector
from storylens.analyse import Analyser
from storylens.cli import app
from storylens.config import ENGLISH_EMBEDDING_MODEL, Settings
from storylens.group import StoryGrouper
from storylens.pipeline import Ingestor, restored_grouper, stories_of
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


def test_why_explains_two_articles_apart_in_plain_words(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["why", "ferry-a", "tram-a", "--db", db])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "ferry-a (Coast Herald, 2025-03-10) and tram-a (Tarrow Gazette, 2025-03-11) "
        "are in different stories."
    )
    assert lines[1] == (
        "Why: their similarity score is 0.01, below the 0.85 an article needs to join a story."
    )
    assert "- headline and opening: 1% alike in meaning" in lines
    assert "- words of the text: 0% alike" in lines
    assert "Published 1 day apart." in lines  # never "1 days"
    assert "Against the second's whole story: similarity score 0.01." in lines
    assert lines[-1] == "They give no name, place or number in common."
    # No internal names of the signals, no Python values.
    for jargon in ("None", "True", "False", "cosine", "anchors", "recheck", "join 0", "merge"):
        assert jargon not in result.stdout, jargon


def test_why_in_one_story_says_why_and_what_they_share(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["why", "ferry-a", "ferry-b", "--db", db])
    assert result.exit_code == 0, result.stderr
    assert "are in the same story." in result.stdout.splitlines()[0]
    assert result.stdout.splitlines()[1].startswith("Why: their similarity score is 1.")
    assert "Names, places and numbers both give: dunlow, portmere, vessa" in result.stdout
    assert "None" not in result.stdout and "whole story" not in result.stdout


def test_why_says_an_unknown_date_in_words(tmp_path: Path) -> None:
    db = str(tmp_path / "undated.db")
    dated = _article("tram-a", TRAM, unit_vector(3), "Tarrow Gazette", "2025-03-11")
    undated = replace(
        _article("tram-b", TRAM + " Fares rise in May.", unit_vector(5), "", "x"),
        published=None,
        outlet=None,
    )
    grouper = StoryGrouper()
    for article in (dated, undated):
        grouper.add(article)
    with open_store(db) as store:
        members = {"tram-a": dated, "tram-b": undated}
        store.write_batch([dated, undated], stories_of(grouper, members))
    result = runner.invoke(app, ["why", "tram-a", "tram-b", "--db", db])
    assert result.exit_code == 0, result.stderr
    assert "tram-b (outlet unknown, undated)" in result.stdout
    assert "Published: the date of one of them is unknown." in result.stdout
    assert "None" not in result.stdout


def test_why_takes_unique_id_prefixes_as_show_does(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["why", "ferry-a", "tr", "--db", db, "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [a["id"] for a in report["articles"]] == ["ferry-a", "tram-a"]
    assert report["in_words"][0].endswith("are in different stories.")


def test_why_refuses_an_ambiguous_prefix_in_one_line(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["why", "ferry", "tram-a", "--db", db])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "error: article id prefix 'ferry' is ambiguous: ferry-a, ferry-b; give more characters\n"
    )


def test_why_names_an_unknown_article_and_fails(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["why", "ferry-a", "nope", "--db", db])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "error: no stored article with id or id prefix 'nope'\n"


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
        # Nothing is new, so nothing is analysed: the analyser never loads a model here. A
        # database written before the model was recorded holds MiniLM vectors.
        settings = replace(Settings(), embedding_model=ENGLISH_EMBEDDING_MODEL)
        ingestor = Ingestor(store, Analyser(settings))
        report = ingestor.ingest(stored)
        after = sorted(sorted(s.article_ids) for s in store.list_stories())
    assert (report.stored, report.already_stored) == (0, 3)
    assert after == before
