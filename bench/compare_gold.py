"""The compare stage against exhaustively labelled stories, every prediction judged.

Gold (`bench/gold/<set>/STORY.gold.json`, protocol in `bench/gold/README.md`) names the
sentences of `../shared/bench/compare/segment.py`: every pair of sentences of two articles
that state a same proposition, real conflicts, quote groups, the speaker of every direct
quote, event dates. Scoring is the shared scorer's (`../shared/bench/compare/compare_real.py`,
the one the held-out checks use), run in-process so the models load once: precision over
everything the tool outputs, each prediction judged.

The story inputs are built here from the shared story set (basil: the articles of the
gold's story, in file order) or read from `bench/gold/corpus/` (our own text); third-party
text never enters the repository.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.compare_tfidf import tfidf_report
from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.inputs import extract_inputs
from storylens.output.json import compare_report
from storylens.pipeline import compare_articles

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
SCORER = SHARED / "compare" / "compare_real.py"
BASIL = SHARED / "stories" / "basil" / "articles.jsonl"
GOLD = ROOT / "bench" / "gold"
# Gold sets whose stories are built from the shared basil set (the rest keep their own text).
FROM_BASIL = ("basil", "basil-check")
PRECISION = ("claim", "pair", "single", "conflict", "quote", "speaker", "date")
RECALL = ("pair", "conflict", "quote", "date")

Report = dict[str, Any]
Runner = Callable[[Path], Report]


def scorer() -> ModuleType:
    """The shared scorer, loaded from its file (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("compare_real", SCORER)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def storylens_runner(analyser: Analyser) -> Runner:
    """`storylens compare STORY.jsonl --json`, in-process."""

    def run(path: Path) -> Report:
        articles = list(extract_inputs([str(path)], Settings()))
        corpus = compare_articles(articles, analyser)
        return compare_report(corpus.articles, corpus.comparisons)

    return run


def tfidf_runner(analyser: Analyser, threshold: float) -> Runner:
    """The baseline on the same sentences (the analyser splits them)."""

    def run(path: Path) -> Report:
        articles = list(extract_inputs([str(path)], Settings()))
        analyser.analyse(articles)
        return tfidf_report(articles, threshold)

    return run


@contextmanager
def story_inputs(gold_set: str) -> Iterator[list[Path]]:
    """STORY.jsonl with STORY.gold.json beside it, for every labelled story of the set."""
    golds = sorted((GOLD / gold_set).glob("*.gold.json"))
    if gold_set not in FROM_BASIL:
        yield [g.with_name(g.name.replace(".gold.json", ".jsonl")) for g in golds]
        return
    rows = [json.loads(line) for line in BASIL.read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for gold in golds:
            story = gold.name[: -len(".gold.json")]
            path = Path(folder) / f"{story}.jsonl"
            members = [r for r in rows if r["story_id"] == story]
            fields = ("id", "source", "title", "date", "text")
            path.write_text("".join(json.dumps({k: r[k] for k in fields}) + "\n" for r in members))
            (Path(folder) / gold.name).write_text(gold.read_text("utf-8"))
            paths.append(path)
        yield paths


def score_set(paths: list[Path], runner: Runner) -> dict[str, Any]:
    """Totals over the stories (micro-averaged, as the shared scorer prints them)."""
    module = scorer()
    precision = {k: [0, 0] for k in PRECISION}
    recall = {k: [0, 0] for k in RECALL}
    unconfirmed = [0, 0, 0]
    per_story = {}
    for path in paths:
        story, report = module.Story(path), runner(path)
        one_story, got, found = module.score(story, report)
        per_story[path.stem] = {"one_story": one_story, "precision": got, "recall": found}
        unconfirmed = [
            a + b for a, b in zip(unconfirmed, judge_unconfirmed(story, report), strict=True)
        ]
        for key in PRECISION:
            precision[key] = [a + b for a, b in zip(precision[key], got[key], strict=True)]
        for key in RECALL:
            recall[key] = [a + b for a, b in zip(recall[key], found[key], strict=True)]
    return {
        "stories": len(paths),
        "precision": precision,
        "recall": recall,
        "unconfirmed": dict(
            zip(("listed", "stated_elsewhere", "nearest_right"), unconfirmed, strict=True)
        ),
        "per_story": per_story,
    }


def judge_unconfirmed(story: Any, report: Report) -> list[int]:
    """The sentences listed as unconfirmed, judged too: how many the gold says another
    outlet does state (calling them single-source would have been wrong), and how many show,
    among their nearest sentences, one that states the same fact."""
    inputs = {a["id"]: a.get("input_id") for a in report["articles"]}
    listed = elsewhere = right = 0
    for entry in report["stories"]:
        for item in entry.get("unconfirmed", []):
            own = _sentences(story, inputs, item["source"])
            partners = {x for pair in story.pairs if pair & own for x in pair} - own
            shown = set().union(*(_sentences(story, inputs, n) for n in item["nearest"]), set())
            listed += 1
            elsewhere += bool(partners)
            right += bool(partners & shown)
    return [listed, elsewhere, right]


def _sentences(story: Any, inputs: dict[str, Any], span: dict[str, Any]) -> set[str]:
    found: set[str] = story.sentences_of(inputs.get(span["article"]), span["text"])
    return found
