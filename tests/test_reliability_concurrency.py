"""Concurrency at the store: an ingest writing, readers reading, a second ingest starting."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.reliability.concurrency import run_concurrency
from bench.reliability.http_load import run_http_load

from storylens.config import Settings
from storylens.pipeline import Ingestor
from storylens.records import Article
from storylens.store import Store, open_store


@pytest.mark.models
def test_readers_and_two_ingests_see_no_lock_errors_and_lose_nothing(tmp_path: Path) -> None:
    result = run_concurrency(tmp_path, docs=40, readers=2)
    assert result["read_errors"] == 0, result["first_error"]
    assert result["read_operations"] > 0 and result["cli_reads"] > 0
    assert [i["exit"] for i in result["ingests"]] == [0, 0]
    assert (result["lost"], result["duplicated"]) == (0, 0)
    assert result["stored_reported"] == result["documents"] == 60
    assert result["held"], result


class _UnitAnalyser:
    """A deterministic stand-in for the models: every article gets the same unit vector."""

    settings = Settings()

    def analyse_lead(self, articles: list[Article]) -> None:
        for article in articles:
            article.embedding = [1.0, 0.0, 0.0]


class _RacingStore(Store):
    """A store whose "already stored?" answer comes before another ingest's write."""

    def has_articles(self, ids):  # type: ignore[no-untyped-def]
        list(ids)
        return set()


def test_an_article_stored_by_another_ingest_meanwhile_counts_as_already_stored(
    tmp_path: Path,
) -> None:
    # Found by the concurrency harness: the second ingest reported "stored 50 new, 34 already
    # stored" for 100 documents; the ones the first ingest stored between the check and the
    # write were counted nowhere.
    body = "Harbour cranes stopped on Tuesday."
    article = Article(id="a" * 16, source="s", body=body, embedding=[1.0, 0.0, 0.0])
    with open_store(str(tmp_path / "race.db")) as opened:
        opened.write_batch([article], [])
        racing = _RacingStore(opened._engine, opened.name)
        ingestor = Ingestor(racing, _UnitAnalyser(), batch_size=4)  # type: ignore[arg-type]
        again = Article(id=article.id, source="s", body=body)
        report = ingestor.ingest([again])
    assert (report.stored, report.already_stored) == (0, 1)


@pytest.mark.models
def test_the_server_answers_its_clients_while_two_ingests_write(tmp_path: Path) -> None:
    result = run_http_load(tmp_path, docs=30, clients=8)
    assert result["errors"] == 0, result["first_error"]
    assert result["requests"] > 0 and result["status"].get("200", 0) > 0
    assert [i["exit"] for i in result["ingests"]] == [0, 0]
    assert (result["lost"], result["duplicated"]) == (0, 0)
    assert result["stored_reported"] == result["documents"] == 45
    assert result["integrity_check"] == "ok"
