"""The whole pipeline on the sample corpus, checked against the corpus' gold."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.inputs import extract_inputs
from storylens.pipeline import ComparedCorpus, compare_articles
from storylens.records import Article, Failure

pytestmark = pytest.mark.models

DOCUMENT_DIRS = ["html", "dumps", "feeds", "archive", "encodings", "gz"]


def _key(source: str, corpus: Path) -> str:
    path, _, record = source.partition("#")
    relative = Path(path).resolve().relative_to(corpus.resolve()).as_posix()
    return f"{relative}#{record}" if record else relative


@pytest.fixture(scope="module")
def gold(corpus_dir: Path) -> dict[str, Any]:
    return json.loads((corpus_dir / "gold.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def run(corpus_dir: Path) -> tuple[ComparedCorpus, dict[str, Article], list[Failure]]:
    failures: list[Failure] = []
    settings = Settings()
    inputs = [str(corpus_dir / name) for name in DOCUMENT_DIRS]
    articles = list(extract_inputs(inputs, settings, on_failure=failures.append))
    corpus = compare_articles(articles, Analyser(settings))
    by_key = {_key(a.source, corpus_dir): a for a in corpus.articles}
    return corpus, by_key, failures


def test_every_document_is_read_and_extracted(run, gold) -> None:  # type: ignore[no-untyped-def]
    _, by_key, failures = run
    assert failures == []
    assert sorted(by_key) == sorted(gold["documents"])


def test_bodies_keep_the_article_and_drop_the_chrome(run, gold) -> None:  # type: ignore[no-untyped-def]
    _, by_key, _ = run
    for key, expected in gold["documents"].items():
        body = by_key[key].body
        for line in expected["body_has"]:
            assert line in body, f"{key}: body lost {line!r}"
        for line in expected["body_lacks"]:
            assert line not in body, f"{key}: body kept chrome {line!r}"


def test_metadata_matches_gold(run, gold) -> None:  # type: ignore[no-untyped-def]
    _, by_key, _ = run
    wrong = []
    for key, expected in gold["documents"].items():
        article = by_key[key]
        for field in ("outlet", "published"):
            if field in expected and getattr(article, field) != expected[field]:
                wrong.append(f"{key}: {field} {getattr(article, field)!r} != {expected[field]!r}")
    assert wrong == []


def test_grouping_matches_gold_exactly(run, gold) -> None:  # type: ignore[no-untyped-def]
    _, by_key, _ = run
    predicted: dict[str, set[str]] = defaultdict(set)
    expected: dict[str, set[str]] = defaultdict(set)
    for key, doc in gold["documents"].items():
        predicted[str(by_key[key].story_id)].add(key)
        expected[doc["story"]].add(key)
    assert sorted(map(sorted, predicted.values())) == sorted(map(sorted, expected.values()))


def test_syndicated_copies_point_at_their_original(run, gold) -> None:  # type: ignore[no-untyped-def]
    _, by_key, _ = run
    for group in gold["syndication"]:
        members = {by_key[k].id for k in [group["original"], *group["copies"]]}
        originals = {
            by_key[k].copy_of or by_key[k].id for k in [group["original"], *group["copies"]]
        }
        assert len(originals) == 1 and originals <= members, group


def test_every_span_is_verbatim(run) -> None:  # type: ignore[no-untyped-def]
    corpus, _, _ = run
    bodies = {a.id: a.body for a in corpus.articles}
    for comparison in corpus.comparisons:
        spans = [*comparison.summary, *(s for c in comparison.claims for s in c.sources)]
        spans += [s for q in comparison.quotes for s in q.renderings]
        for span in spans:
            assert bodies[span.article][span.start : span.end] == span.text


def test_quote_pairs_are_matched_with_their_speaker(run, gold) -> None:  # type: ignore[no-untyped-def]
    corpus, by_key, _ = run
    for pair in gold["quote_pairs"]:
        wanted = {(by_key[r["document"]].id, r["contains"]) for r in pair["renderings"]}
        comparison = next(
            c
            for c in corpus.comparisons
            if by_key[pair["renderings"][0]["document"]].id in c.article_ids
        )
        matched = [
            q
            for q in comparison.quotes
            if all(
                any(s.article == doc and words in s.text for s in q.renderings)
                for doc, words in wanted
            )
        ]
        assert matched, f"quote pair not matched: {pair}"
        assert matched[0].speaker == pair["speaker"]


def test_shared_claims_are_found(run, gold) -> None:  # type: ignore[no-untyped-def]
    corpus, by_key, _ = run
    found = 0
    for claim_gold in gold["shared_claims"]:
        ids = {by_key[k].id for k in claim_gold["documents"]}
        comparison = next(c for c in corpus.comparisons if ids & set(c.article_ids))
        if any(
            c.shared and len(ids & {s.article for s in c.sources}) >= 2 for c in comparison.claims
        ):
            found += 1
    # Claim alignment is fuzzy by nature; the gate: at least 80% of the gold's shared claims.
    assert found >= 0.8 * len(gold["shared_claims"])


def test_summaries_are_short_verbatim_and_multi_outlet(run) -> None:  # type: ignore[no-untyped-def]
    corpus, _, _ = run
    outlets = {a.id: a.outlet for a in corpus.articles}
    for story, comparison in zip(corpus.stories, corpus.comparisons, strict=True):
        if len(story.article_ids) >= 3:
            assert 3 <= len(comparison.summary) <= 7
            assert len({outlets[s.article] for s in comparison.summary}) >= 2


def test_conflicts_are_found_with_the_differing_words(run, gold) -> None:  # type: ignore[no-untyped-def]
    corpus, by_key, _ = run
    found = {
        (
            c.kind,
            frozenset(
                {
                    (c.first_value.article, c.first_value.text),
                    (c.second_value.article, c.second_value.text),
                }
            ),
        )
        for comparison in corpus.comparisons
        for c in comparison.conflicts
    }
    wanted = [
        (item["kind"], frozenset((by_key[k].id, v) for k, v in item["values"].items()))
        for item in gold["conflicts"]
    ]
    hits = sum(1 for item in wanted if item in found)
    # The gate: most gold conflicts found, and no story without one in the gold gets many.
    assert hits >= 0.8 * len(wanted)
    assert len(found) <= 2 * len(wanted)


def test_timeline_dates_match_gold_and_nothing_is_guessed(run, gold) -> None:  # type: ignore[no-untyped-def]
    corpus, by_key, _ = run
    for item in gold["timeline"]:
        article = by_key[item["document"]]
        at = article.body.index(item["when"])
        comparison = next(c for c in corpus.comparisons if article.id in c.article_ids)
        dated = [
            t.date
            for t in comparison.timeline
            if t.when.article == article.id and at <= t.when.start < at + len(item["when"])
        ]
        assert (dated[0] if dated else None) == item["date"], item
