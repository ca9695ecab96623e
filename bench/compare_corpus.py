"""The compare stage against the sample corpus' own gold (`corpus/gold.json`).

The gold names facts, not sentences: a shared claim gives, for each document stating it, a
piece of its wording (`evidence`); a single-source item gives a piece only one document
has. A sentence pair is counted against the gold through the pieces it overlaps:

- recall: every pair of documents of a shared claim is found when some aligned pair of
  sentences overlaps both documents' evidence;
- precision: an aligned pair of sentences that both overlap gold pieces is right when one
  shared claim has evidence in both, wrong otherwise (two facts the gold keeps apart). A
  pair with a side the gold says nothing about is not judged (like basil's pool).
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

from bench.compare_scoring import (
    Counts,
    Place,
    PlacePair,
    Ratio,
    group_pairs,
    overlaps,
    place,
    verbatim,
)
from bench.compare_tfidf import tfidf_pairs
from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.pipeline import compare_articles, extract_inputs
from storylens.records import Article, Comparison

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOCUMENT_DIRS = ["html", "dumps", "feeds", "archive", "encodings", "gz"]


def _key(source: str) -> str:
    path, _, record = source.partition("#")
    relative = Path(path).resolve().relative_to(CORPUS.resolve()).as_posix()
    return f"{relative}#{record}" if record else relative


def run_corpus(analyser: Analyser, thresholds: tuple[float, ...]) -> dict[str, Any]:
    gold = json.loads((CORPUS / "gold.json").read_text("utf-8"))
    inputs = [str(CORPUS / name) for name in DOCUMENT_DIRS]
    corpus = compare_articles(list(extract_inputs(inputs, Settings())), analyser)
    by_key = {_key(a.source): a for a in corpus.articles}
    by_id = {a.id: a for a in corpus.articles}
    story_of = {i: c for c in corpus.comparisons for i in c.article_ids}
    return {
        "claims": corpus_claims(gold, by_key, story_of, corpus.comparisons, thresholds),
        "quotes": _corpus_quotes(gold, by_key, story_of),
        "conflicts": _corpus_conflicts(gold, by_key, corpus.comparisons),
        "timeline": _corpus_timeline(gold, by_key, story_of),
        "verbatim": verbatim(corpus.comparisons, by_id).value(),
    }


def _where(article: Article, words: str) -> Place:
    at = article.body.find(words)
    return (article.id, at, at + len(words)) if at >= 0 else (article.id, 0, len(article.body))


Fact = dict[str, list[Place]]  # a shared claim: each document's places that state it


def _gold_facts(gold: dict[str, Any], by_key: dict[str, Article]) -> tuple[list[Fact], list[Place]]:
    """Each shared claim's evidence places per document, and single-source places."""
    shared = []
    for claim in gold["shared_claims"]:
        fact: Fact = {}
        for key in claim["documents"]:
            said = claim["evidence"].get(key, "")
            article = by_key[key]
            fact[article.id] = [
                _where(article, w) for w in ([said] if isinstance(said, str) else said)
            ]
        shared.append(fact)
    single = [_where(by_key[i["document"]], i["contains"]) for i in gold["single_source"]]
    return shared, single


def score_fact_pairs(
    predicted: list[PlacePair], shared: list[Fact], single: list[Place]
) -> dict[str, Any]:
    """Recall over the gold's document pairs; precision over the judged predicted pairs
    (the two count different things, so each has its own true positives)."""
    found = Counts()
    for fact in shared:
        documents = list(fact)
        for i, first in enumerate(documents):
            for second in documents[i + 1 :]:
                pair_fact = {first: fact[first], second: fact[second]}
                hit = any(_links(pair, pair_fact) for pair in predicted)
                found.tp += int(hit)
                found.fn += int(not hit)
    judged = Counts()
    annotated = [p for fact in shared for places in fact.values() for p in places] + single
    for pair in predicted:
        if not all(any(overlaps(side, p) for p in annotated) for side in pair):
            judged.outside += 1
        elif any(_links(pair, fact) for fact in shared):
            judged.tp += 1
        else:
            judged.fp += 1
    precision, recall = judged.scores()["precision"], found.scores()["recall"]
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "right_pairs": judged.tp,
        "wrong_pairs": judged.fp,
        "gold_pairs_found": found.tp,
        "gold_pairs_missed": found.fn,
        "unjudged_predictions": judged.outside,
    }


def _links(pair: PlacePair, fact: Fact) -> bool:
    """The pair's two sides overlap the fact's places in two different documents."""
    first, second = pair
    if first[0] == second[0] or first[0] not in fact or second[0] not in fact:
        return False
    return any(overlaps(first, a) for a in fact[first[0]]) and any(
        overlaps(second, b) for b in fact[second[0]]
    )


def corpus_claims(
    gold: dict[str, Any],
    by_key: dict[str, Article],
    story_of: dict[str, Comparison],
    comparisons: list[Comparison],
    thresholds: tuple[float, ...],
) -> dict[str, Any]:
    shared, single = _gold_facts(gold, by_key)
    predicted = [pair for c in comparisons for pair in group_pairs(x.sources for x in c.claims)]
    ours = score_fact_pairs(predicted, shared, single)
    by_id = {a.id: a for a in by_key.values()}
    baselines = {}
    for threshold in thresholds:
        pairs = [
            pair
            for c in comparisons
            for pair in tfidf_pairs([by_id[i] for i in c.article_ids], threshold)
        ]
        baselines[threshold] = score_fact_pairs(pairs, shared, single)
    best = max(baselines.items(), key=lambda item: item[1]["f1"] or 0.0)
    right = _shared_or_single(gold, by_key, story_of, shared, single)
    return {
        "alignment": ours,
        "baseline_tfidf": {"threshold": best[0], **best[1]},
        "gold_pairs": ours["gold_pairs_found"] + ours["gold_pairs_missed"],
        "shared_single_accuracy": right.value(),
        "shared_single_items": right.total,
        "shared_single_misses": right.misses,
    }


def _shared_or_single(
    gold: dict[str, Any],
    by_key: dict[str, Article],
    story_of: dict[str, Comparison],
    shared: list[Fact],
    single: list[Place],
) -> Ratio:
    """Whether the claim holding each gold fact's first piece is shared as the gold says."""
    right = Ratio()
    claims, singles = gold["shared_claims"], gold["single_source"]
    items = [
        (next(iter(fact.values()))[0], True, c["statement"])
        for fact, c in zip(shared, claims, strict=True)
    ]
    items += [(p, False, i["contains"]) for p, i in zip(single, singles, strict=True)]
    for spot, is_shared, note in items:
        story = story_of[spot[0]].claims
        holder = [c for c in story if any(overlaps(place(s), spot) for s in c.sources)]
        says_shared = bool(holder) and holder[0].shared
        right.add(says_shared == is_shared, note)
    return right


def _corpus_quotes(
    gold: dict[str, Any], by_key: dict[str, Article], story_of: dict[str, Comparison]
) -> dict[str, Any]:
    pairs = Ratio()
    speakers = Ratio()
    gold_spots: list[tuple[int, Place]] = []
    for index, pair in enumerate(gold["quote_pairs"]):
        spots = [_where(by_key[r["document"]], r["contains"]) for r in pair["renderings"]]
        gold_spots += [(index, spot) for spot in spots]
        quotes = story_of[spots[0][0]].quotes
        matched = [
            q
            for q in quotes
            if all(any(overlaps(place(s), spot) for s in q.renderings) for spot in spots)
        ]
        pairs.add(bool(matched), pair["speaker"])
        for spot in spots:
            article = next(a for a in by_key.values() if a.id == spot[0])
            said = [
                q.speaker for q in article.quotes if overlaps((article.id, q.start, q.end), spot)
            ]
            speakers.add(bool(said) and said[0] == pair["speaker"], f"{said} != {pair['speaker']}")
    precision = _quote_pair_precision(gold_spots, story_of)
    return {
        "pair_precision": precision.value(),
        "judged_pairs": precision.total,
        "pair_recall": pairs.value(),
        "gold_pairs": pairs.total,
        "speaker_accuracy": speakers.value(),
        "speaker_misses": speakers.misses,
    }


def _quote_pair_precision(
    gold_spots: list[tuple[int, Place]], story_of: dict[str, Comparison]
) -> Ratio:
    """Over the predicted cross-article rendering pairs whose two sides are both gold
    renderings: right when both belong to the same gold pair (others are unjudged)."""
    judged = Ratio()
    comparisons = {id(c): c for c in story_of.values()}.values()
    for quote in (q for comparison in comparisons for q in comparison.quotes):
        for first, second in combinations(quote.renderings, 2):
            if first.article == second.article:
                continue
            sides = [
                {index for index, spot in gold_spots if overlaps(place(span), spot)}
                for span in (first, second)
            ]
            if sides[0] and sides[1]:
                judged.add(bool(sides[0] & sides[1]), f"{first.text!r} ~ {second.text!r}")
    return judged


def _corpus_conflicts(
    gold: dict[str, Any], by_key: dict[str, Article], comparisons: list[Comparison]
) -> dict[str, Any]:
    predicted = [c for comparison in comparisons for c in comparison.conflicts]
    used: set[int] = set()
    matched = 0
    for item in gold.get("conflicts", []):
        want = {(by_key[k].id, v) for k, v in item["values"].items()}
        for index, conflict in enumerate(predicted):
            got = {
                (conflict.first_value.article, conflict.first_value.text),
                (conflict.second_value.article, conflict.second_value.text),
            }
            if index not in used and conflict.kind == item["kind"] and got == want:
                used.add(index)
                matched += 1
                break
    counts = Counts(tp=matched, fp=len(predicted) - len(used), fn=len(gold["conflicts"]) - matched)
    wrong = [
        f"{c.kind}: {c.first_value.text} / {c.second_value.text}"
        for i, c in enumerate(predicted)
        if i not in used
    ]
    return {**counts.scores(), "false": wrong}


def _corpus_timeline(
    gold: dict[str, Any], by_key: dict[str, Article], story_of: dict[str, Comparison]
) -> dict[str, Any]:
    right = Ratio()
    for item in gold.get("timeline", []):
        article = by_key[item["document"]]
        spot = _where(article, item["when"])
        dated = [t.date for t in story_of[article.id].timeline if overlaps(place(t.when), spot)]
        got = dated[0] if dated else None
        right.add(got == item["date"], f"{item['when']}: {got} != {item['date']}")
    return {"date_accuracy": right.value(), "items": right.total, "misses": right.misses}
