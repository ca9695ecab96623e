"""`make bench-compare`: the compare stage against two gold sets, beside a TF-IDF baseline.

- the sample corpus' gold (`corpus/gold.json`, scored in `bench.compare_corpus`): shared
  claims, single-source facts, quote pairs with speakers, conflicts and timeline dates;
- hand-labelled `basil` stories (`bench/gold/compare_basil.json`: ids and offsets only) from
  `../shared/bench/stories/basil/`: judged sentence pairs, quote pairs and speakers. Skipped
  when ../shared is absent.

Baseline: TF-IDF cosine sentence alignment (the same sentences, mutual best match across two
articles, cosine at least a threshold). Results: bench/results/compare.md and .json.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.compare_corpus import run_corpus
from bench.compare_scoring import (
    Counts,
    PlacePair,
    Ratio,
    group_pairs,
    overlaps,
    pair_matches,
    score_judged_pairs,
    surname,
    verbatim,
)
from bench.compare_tfidf import tfidf_pairs
from storylens.analyse import Analyser
from storylens.compare import compare_story
from storylens.config import Settings
from storylens.records import Article

ROOT = Path(__file__).resolve().parent.parent
BASIL = ROOT.parent / "shared" / "bench" / "stories" / "basil" / "articles.jsonl"
BASIL_GOLD = ROOT / "bench" / "gold" / "compare_basil.json"
RESULTS = ROOT / "bench" / "results"
# TF-IDF thresholds tried; the best F1 on each gold set is reported (flattering the baseline).
BASELINE_THRESHOLDS = (0.2, 0.3, 0.4, 0.5)


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    analyser = Analyser(Settings())
    started = time.perf_counter()
    results: dict[str, Any] = {"corpus": run_corpus(analyser, BASELINE_THRESHOLDS)}
    if BASIL.is_file():
        results["basil"] = run_basil(analyser)
    else:
        print("bench-compare: ../shared/bench is absent; basil skipped", file=sys.stderr)
    results["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "compare.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    (RESULTS / "compare.md").write_text(to_markdown(results), "utf-8")
    print(to_markdown(results))
    return 0


# --- basil ----------------------------------------------------------------------------------


def run_basil(analyser: Analyser) -> dict[str, Any]:
    gold = json.loads(BASIL_GOLD.read_text("utf-8"))["stories"]
    wanted = {i for story in gold.values() for i in story["articles"]}
    rows = [json.loads(line) for line in BASIL.read_text("utf-8").splitlines() if line.strip()]
    articles = {
        r["id"]: Article(
            id=r["id"],
            source=r["id"],
            body=r["text"],
            title=r["title"],
            outlet=r["source"],
            published=r["date"],
        )
        for r in rows
        if r["id"] in wanted
    }
    analyser.analyse(list(articles.values()))
    ours, quotes = Counts(), Counts()
    baselines = {t: Counts() for t in BASELINE_THRESHOLDS}
    speakers = Ratio()
    comparisons = []
    quote_errors: list[str] = []
    for story_id, story in sorted(gold.items()):
        members = [articles[i] for i in story["articles"]]
        comparison = compare_story(story_id, members, analyser.embedder)
        comparisons.append(comparison)
        judged = _judged(story["claim_pairs"])
        ours.add(score_judged_pairs(group_pairs(c.sources for c in comparison.claims), judged))
        for threshold, counts in baselines.items():
            counts.add(score_judged_pairs(tfidf_pairs(members, threshold), judged))
        predicted_quotes = group_pairs(q.renderings for q in comparison.quotes)
        judged_quotes = _judged(story["quote_pairs"])
        quotes.add(score_judged_pairs(predicted_quotes, judged_quotes))
        quote_errors += _errors(predicted_quotes, judged_quotes)
        for article_id, start, end, who in story["speakers"]:
            article = articles[article_id]
            said = [
                q.speaker
                for q in article.quotes
                if overlaps((article_id, q.start, q.end), (article_id, start, end))
            ]
            got = said[0] if said else None
            speakers.add(surname(got) == surname(who), f"{got} != {who}")
    best = max(baselines.items(), key=lambda item: item[1].scores()["f1"] or 0.0)
    return {
        "stories": len(gold),
        "alignment": ours.scores(),
        "baseline_tfidf": {"threshold": best[0], **best[1].scores()},
        "baseline_by_threshold": {str(t): c.scores() for t, c in baselines.items()},
        "quote_pairs": quotes.scores(),
        "quote_pair_errors": quote_errors,
        "speaker_accuracy": speakers.value(),
        "speakers": speakers.total,
        "speaker_misses": speakers.misses,
        "verbatim": verbatim(comparisons, articles).value(),
    }


def _errors(predicted: list[PlacePair], judged: list[tuple[PlacePair, bool]]) -> list[str]:
    """Judged pairs a system got wrong, as offsets (the text stays out of the repository)."""
    wrong = []
    for pair, positive in judged:
        found = any(pair_matches(p, pair) for p in predicted)
        if found != positive:
            wrong.append(f"{'missed' if positive else 'false'} {pair[0]} ~ {pair[1]}")
    return wrong


def _judged(rows: list[list[Any]]) -> list[tuple[PlacePair, bool]]:
    return [(((a, s, e), (b, t, u)), bool(label)) for a, s, e, b, t, u, label in rows]


# --- report ---------------------------------------------------------------------------------


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _row(label: str, *values: object) -> str:
    cells = [_f(v) if v is None or isinstance(v, float) else str(v) for v in values]
    return f"| {label} | " + " | ".join(cells) + " |"


def to_markdown(results: dict[str, Any]) -> str:
    corpus = results["corpus"]
    claims, quotes = corpus["claims"], corpus["quotes"]
    align, baseline = claims["alignment"], claims["baseline_tfidf"]
    lines = [
        "# Compare stage benchmark",
        "",
        "Produced by `make bench-compare` (`python -m bench.compare`). Targets (issue 6):",
        "alignment F1 >= 0.85, quote pairs P >= 0.95 / R >= 0.85, speaker accuracy >= 0.90,",
        "verbatim spans 100%.",
        "",
        "## Sample corpus (`corpus/gold.json`)",
        "",
        "The gold names facts: precision over aligned sentence pairs whose both sides hold a",
        "gold fact (right when one shared claim has evidence in both); recall over each shared",
        "claim's pairs of documents.",
        "",
        f"| measure | storylens | TF-IDF baseline (cosine >= {baseline['threshold']}) |",
        "| --- | ---: | ---: |",
        _row("claim alignment precision", align["precision"], baseline["precision"]),
        _row(
            f"claim alignment recall ({claims['gold_pairs']} pairs)",
            align["recall"],
            baseline["recall"],
        ),
        _row("claim alignment F1", align["f1"], baseline["f1"]),
        _row(
            "unjudged predicted pairs",
            align["unjudged_predictions"],
            baseline["unjudged_predictions"],
        ),
        _row(
            f"shared/single accuracy ({claims['shared_single_items']} items)",
            claims["shared_single_accuracy"],
            "",
        ),
        _row(
            f"quote-pair precision ({quotes['judged_pairs']} judged pairs)",
            quotes["pair_precision"],
            "",
        ),
        _row(f"quote-pair recall ({quotes['gold_pairs']} pairs)", quotes["pair_recall"], ""),
        _row("speaker accuracy", quotes["speaker_accuracy"], ""),
        _row("conflict precision", corpus["conflicts"]["precision"], ""),
        _row("conflict recall", corpus["conflicts"]["recall"], ""),
        _row(
            f"timeline date accuracy ({corpus['timeline']['items']} items)",
            corpus["timeline"]["date_accuracy"],
            "",
        ),
        _row("verbatim spans", corpus["verbatim"], ""),
    ]
    basil = results.get("basil")
    if basil:
        a, b, q = basil["alignment"], basil["baseline_tfidf"], basil["quote_pairs"]
        lines += [
            "",
            f"## basil: {basil['stories']} hand-labelled stories (`bench/gold/compare_basil.json`)",
            "",
            "Precision over the judged pool; recall over its positive pairs. Predictions outside",
            "the pool are counted apart (unjudged).",
            "",
            f"| measure | storylens | TF-IDF baseline (cosine >= {b['threshold']}) |",
            "| --- | ---: | ---: |",
            _row("claim alignment precision", a["precision"], b["precision"]),
            _row("claim alignment recall", a["recall"], b["recall"]),
            _row("claim alignment F1", a["f1"], b["f1"]),
            _row("unjudged predicted pairs", a["unjudged_predictions"], b["unjudged_predictions"]),
            _row("quote-pair precision", q["precision"], ""),
            _row("quote-pair recall", q["recall"], ""),
            _row(f"speaker accuracy ({basil['speakers']} quotes)", basil["speaker_accuracy"], ""),
            _row("verbatim spans", basil["verbatim"], ""),
        ]
    lines += ["", f"Run time: {results['seconds']} s.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
