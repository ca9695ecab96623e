"""Comparisons kept in the store: a restarted server serves them without the models, an
article joining a story makes it compared again, and `storylens show` keeps what it
computes. On SQLite and on PostgreSQL (skipped without STORYLENS_TEST_PG_URL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from serve_support import AUTH, ingest_fixture, served
from storylens.analyse import Analyser
from storylens.analyse.embeddings import Embedder, Vectors
from storylens.cli import app as cli_app
from storylens.compare import COMPARISON_VERSION
from storylens.config import Settings
from storylens.store.comparisons import members_key
from storylens.store.schema import comparisons
from test_store_backends import BACKENDS, connect, database

pytestmark = pytest.mark.models

# A fourth (fictional) report of the ferry fare rise of tests/fixtures/serve_articles.jsonl.
JOINING = {
    "id": "sv-5",
    "url": "https://bayherald.example/ferry-fares-june",
    "title": "Port Alder ferry fares go up ten percent in June",
    "published": "2025-05-07",
    "outlet": "Bay Herald",
    "text": (
        "PORT ALDER, May 7 - Fares on the Port Alder ferry company's boats will rise by ten "
        "percent from the first of June, after a board decision on Tuesday.\n\n"
        "Chief executive Lena Marsh said prices had been held for three years while fuel "
        "costs doubled.\n\n"
        "A single crossing to Gull Island will cost 4.40 euros."
    ),
}


class NoModelEmbedder(Embedder):
    """Fails the test if anything is compared (compare_story embeds every story)."""

    def embed(self, texts: list[str]) -> Vectors:
        raise AssertionError(f"a comparison was computed ({len(texts)} texts embedded)")


class NoModelAnalyser(Analyser):
    @property
    def embedder(self) -> Embedder:
        return NoModelEmbedder(self.settings.embedding_model)


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser(Settings())


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


def ferry(client: Any) -> dict[str, Any]:
    (found,) = client.get("/api/stories", params={"q": "ferry"}).json()["stories"]
    response = client.get(f"/api/stories/{found['id']}")
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


def stored_keys(db: str) -> dict[str, str]:
    query = select(comparisons.c.story_id, comparisons.c.members_key)
    with connect(db) as connection:
        return {story_id: key for story_id, key in connection.execute(query)}


def test_a_restarted_server_serves_stored_comparisons_without_models(
    db: str, analyser: Analyser
) -> None:
    with served(db, analyser) as client:
        ingest_fixture(client)
        before = ferry(client)
    (story,) = before["stories"]
    assert stored_keys(db)[story["id"]] == members_key(story["articles"], COMPARISON_VERSION)
    with served(db, NoModelAnalyser(Settings())) as client:
        assert ferry(client) == before
        page = client.get(f"/stories/{story['id']}")
        assert page.status_code == 200 and "Lena Marsh" in page.text


def test_an_article_joining_the_story_makes_it_compared_again(db: str, analyser: Analyser) -> None:
    with served(db, analyser) as client:
        ingest_fixture(client)
        (story,) = ferry(client)["stories"]
        old_key = members_key(story["articles"], COMPARISON_VERSION)
        assert stored_keys(db)[story["id"]] == old_key  # stored by the request that made it
        added = client.post(
            "/api/ingest",
            content=json.dumps(JOINING).encode(),
            headers={**AUTH, "Content-Type": "application/x-ndjson"},
        )
        assert added.json()["stored"] == 1
        # Retired by the ingest itself. The server warms its stories again after an ingest,
        # so the story's new comparison may be stored already: never the old one.
        assert stored_keys(db).get(story["id"]) != old_key
        (again,) = ferry(client)["stories"]
    assert again["id"] == story["id"] and len(again["articles"]) == len(story["articles"]) + 1
    assert stored_keys(db)[story["id"]] == members_key(again["articles"], COMPARISON_VERSION)


def test_show_stores_its_comparison_and_the_server_serves_it(db: str, analyser: Analyser) -> None:
    with served(db, analyser) as client:
        ingest_fixture(client)
        (found,) = client.get("/api/stories", params={"q": "ferry"}).json()["stories"]
    assert stored_keys(db) == {}  # nothing compared yet (no warm-up in tests)
    shown = CliRunner().invoke(cli_app, ["show", found["id"], "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    assert list(stored_keys(db)) == [found["id"]]
    with served(db, NoModelAnalyser(Settings())) as client:
        assert ferry(client) == json.loads(shown.stdout)
