"""Extraction benchmark: storylens vs. peers on the shared pages, HTML and text-dump input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from storylens.extract import extract
from storylens.records import Failure, RawDoc

# Peers run by the shared anchor runner; those missing from this venv are skipped.
PEERS = {
    "html": ["trafilatura", "readability", "justext", "boilerpy3"],
    "dump": ["trafilatura", "boilerpy3", "justext", "dump_whole"],
}
MODULES = {
    "trafilatura": "trafilatura",
    "readability": "readability",
    "justext": "justext",
    "boilerpy3": "boilerpy3",
    "dump_whole": "json",
}


def _installed(tool: str) -> bool:
    from importlib.util import find_spec

    return find_spec(MODULES[tool]) is not None


def _pages(dataset: Path, limit: int | None) -> list[Path]:
    pages = sorted(p for p in dataset.iterdir() if (p / "gold.txt").is_file())
    return pages[:limit] if limit else pages


def _storylens(pages: list[Path], mode: str, out: Path) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    seconds, empty, dates_right, dates_known = 0.0, 0, 0, 0
    for page in pages:
        gold = json.loads((page / "gold.json").read_text("utf-8"))
        if mode == "html":
            raw = RawDoc(
                page.name,
                gzip.decompress((page / "page.html.gz").read_bytes()).decode("utf-8"),
                "html",
                url=gold.get("url"),
            )
        else:
            raw = RawDoc(page.name, (page / "page.txt").read_text("utf-8"), "text")
        started = time.perf_counter()
        result = extract(raw)
        seconds += time.perf_counter() - started
        body = "" if isinstance(result, Failure) else result.body
        empty += not body.strip()
        if gold.get("date") and not isinstance(result, Failure):
            dates_known += 1
            dates_right += (result.published or "")[:10] == gold["date"][:10]
        (out / f"{page.name}.txt").write_text(body, "utf-8")
    return {
        "tool": "storylens",
        "n": len(pages),
        "seconds": round(seconds, 3),
        "pages_per_s": round(len(pages) / seconds, 1) if seconds else None,
        "empty": empty,
        "date_exact": round(dates_right / dates_known, 3) if dates_known else None,
    }


def _peer(tool: str, dataset: Path, mode: str, out: Path, runner: Path) -> dict[str, Any]:
    subprocess.run(
        [
            sys.executable,
            str(runner),
            "--data",
            str(dataset),
            "--out",
            str(out),
            "--tools",
            tool,
            "--mode",
            mode,
        ],
        check=True,
        capture_output=True,
    )
    info = json.loads((out / tool / "_run.json").read_text())
    empty = sum(1 for f in (out / tool).glob("*.txt") if not f.read_text("utf-8").strip())
    return {
        "tool": tool,
        "n": info["n"],
        "seconds": info["seconds"],
        "pages_per_s": info["pages_per_s"],
        "empty": empty,
    }


def _score(scorer: Path, dataset: Path, preds: Path, work: Path) -> float:
    target = work / f"score-{preds.parent.name}-{preds.name}.json"
    subprocess.run(
        [
            sys.executable,
            str(scorer),
            "--gold",
            str(dataset),
            "--pred",
            str(preds),
            "--json",
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    return float(json.loads(target.read_text())["tok_f1"])


def run_extraction(
    bench: Path, results: Path, machine: dict[str, Any], limit: int | None = None
) -> None:
    work = results / "work" / "extraction"
    rows: list[dict[str, Any]] = []
    datasets = sorted(p for p in (bench / "extraction").iterdir() if p.is_dir())
    for mode in ("html", "dump"):
        for dataset in datasets:
            pages = _pages(dataset, limit)
            out = work / mode / dataset.name
            row = _storylens(pages, mode, out / "storylens")
            row.update(
                mode=mode,
                dataset=dataset.name,
                tok_f1=_score(bench / "score_extraction.py", dataset, out / "storylens", work),
            )
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
            if limit:
                continue  # peers run the whole dataset; quick runs compare storylens only
            for tool in PEERS[mode]:
                if not _installed(tool):
                    continue
                peer = _peer(tool, dataset, mode, out, bench / "run_extraction_anchors.py")
                peer.update(
                    mode=mode,
                    dataset=dataset.name,
                    tok_f1=_score(bench / "score_extraction.py", dataset, out / tool, work),
                )
                rows.append(peer)
                print(json.dumps(peer), file=sys.stderr)
    (results / "extraction.json").write_text(
        json.dumps({"machine": machine, "rows": rows}, indent=1)
    )
    (results / "extraction.md").write_text(_markdown(rows, machine))


def _markdown(rows: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    lines = [
        f"# Extraction benchmark (commit {machine['commit']}, {machine['cores']} cores)",
        "",
        "Token F1 (macro over pages) by dataset; `all pages` is the macro mean over every page.",
        "",
    ]
    for mode in ("html", "dump"):
        mode_rows = [r for r in rows if r["mode"] == mode]
        datasets = sorted({r["dataset"] for r in mode_rows})
        header = ["tool", *datasets, "all pages", "pages/s", "empty", "date exact (wcxb)"]
        lines += [f"## {mode} input", "", _cells(header), "|---" * len(header) + "|"]
        for tool in dict.fromkeys(r["tool"] for r in mode_rows):
            mine = {r["dataset"]: r for r in mode_rows if r["tool"] == tool}
            lines.append(_cells([tool, *_tool_cells(mine, datasets)]))
        lines.append("")
    return "\n".join(lines)


def _cells(values: list[str]) -> str:
    return "| " + " | ".join(values) + " |"


def _tool_cells(mine: dict[str, dict[str, Any]], datasets: list[str]) -> list[str]:
    total = sum(r["n"] for r in mine.values())
    overall = sum(r["tok_f1"] * r["n"] for r in mine.values()) / total if total else 0.0
    seconds = sum(r["seconds"] for r in mine.values())
    date = mine.get("wcxb-article-sample", {}).get("date_exact")
    return [
        *(f"{mine[d]['tok_f1']:.3f}" if d in mine else "-" for d in datasets),
        f"**{overall:.3f}**",
        f"{total / seconds:.1f}" if seconds else "-",
        str(sum(r["empty"] for r in mine.values())),
        f"{date:.2f}" if date is not None else "-",
    ]
