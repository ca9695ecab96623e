"""Extraction benchmark: storylens vs. peers on the shared pages, HTML and text-dump input.

Every tool gets the same pages in the same process; only the extraction call is timed. Bodies
are scored by the shared scorer (`score_extraction.py`, token F1/P/R, macro over pages);
titles and authors exactly (after normalising, see `bench/extraction_meta.py`) and by token F1
against the gold title and author, dates by exact day against the gold date.

Held-out discipline: pages are split by a hash of their id into a `tune` part (the pages we
looked at while improving storylens) and a `check` part (pages we did not look at); both
figures are reported, beside the all-pages one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

from bench.extraction_meta import author_scores, title_scores
from bench.peers import PEERS, PeerOutput, installed, load_module, make_peer, wrap_dump
from bench.report import markdown
from storylens.extract import extract
from storylens.records import Failure, RawDoc

PAGE_TIMEOUT_S = 60  # as the shared anchor runner: a peer stuck on one page scores it empty
RAW_DUMP_TOOLS = {"storylens", "lines>12 words", "whole dump"}  # these read the dump itself


def is_tune_page(page_id: str) -> bool:
    """About 60% of each set, fixed by the id's hash: the part used while tuning."""
    return int(hashlib.sha1(page_id.encode("utf-8")).hexdigest()[-1], 16) < 10


class _PageTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _PageTimeout


def _pages(dataset: Path, limit: int | None) -> list[Path]:
    pages = sorted(p for p in dataset.iterdir() if (p / "gold.txt").is_file())
    return pages[:limit] if limit else pages


def _storylens(mode: str) -> Callable[[str, str | None, str], PeerOutput]:
    def run(page: str, url: str | None, page_id: str) -> PeerOutput:
        raw = RawDoc(page_id, page, "html" if mode == "html" else "text", url=url)
        result = extract(raw)
        if isinstance(result, Failure):
            return PeerOutput("")
        return PeerOutput(result.body, result.title, result.published, result.author)

    return run


def _run_tool(tool: str, mode: str, pages: list[Path], out: Path, anchors: ModuleType) -> dict:
    """Runs one tool over the pages; writes `<id>.txt` bodies and returns timing and metadata."""
    out.mkdir(parents=True, exist_ok=True)
    if tool == "storylens":
        run, read_meta = _storylens(mode), None
    else:
        peer, read_meta = make_peer(tool, anchors)
        run = lambda page, url, page_id: peer(page, url)  # noqa: E731
    if pages:  # warm-up, untimed: lazy imports and caches are not charged to the first page
        run(_input(pages[0], mode, tool), None, pages[0].name)
    seconds, errors, found = 0.0, 0, {}
    for page_dir in pages:
        gold = json.loads((page_dir / "gold.json").read_text("utf-8"))
        page = _input(page_dir, mode, tool)
        started = time.process_time()  # CPU time: other work on the machine does not count
        signal.alarm(PAGE_TIMEOUT_S)
        try:
            output = run(page, gold.get("url"), page_dir.name)
        except Exception:  # a peer failing on one page scores that page empty
            output, errors = PeerOutput(""), errors + 1
        finally:
            signal.alarm(0)
        seconds += time.process_time() - started
        if read_meta is not None and output.text:
            read_meta(page, output)
        (out / f"{page_dir.name}.txt").write_text(output.text, "utf-8")
        found[page_dir.name] = output
    return {"seconds": seconds, "errors": errors, "found": found}


def _input(page_dir: Path, mode: str, tool: str) -> str:
    if mode == "html":
        return gzip.decompress((page_dir / "page.html.gz").read_bytes()).decode("utf-8")
    dump = (page_dir / "page.txt").read_text("utf-8")
    return dump if tool in RAW_DUMP_TOOLS else wrap_dump(dump)


def _row(
    tool: str, mode: str, dataset: Path, pages: list[Path], ran: dict, scorer: ModuleType
) -> dict[str, Any]:
    summary, per_page = scorer.score(dataset, ran["out"])
    golds = {p.name: json.loads((p / "gold.json").read_text("utf-8")) for p in pages}
    scored = [r for r in per_page if r["id"] in golds]
    tune = [r["tok_f1"] for r in scored if is_tune_page(r["id"])]
    check = [r["tok_f1"] for r in scored if not is_tune_page(r["id"])]
    found: dict[str, PeerOutput] = ran["found"]
    row: dict[str, Any] = {
        "tool": tool,
        "mode": mode,
        "dataset": dataset.name,
        "n": len(scored),
        "pages": len(pages),
        "tok_f1": _mean([r["tok_f1"] for r in scored]),
        "tok_p": _mean([r["tok_p"] for r in scored]),
        "tok_r": _mean([r["tok_r"] for r in scored]),
        "f1_tune": _mean(tune),
        "n_tune": len(tune),
        "f1_check": _mean(check),
        "n_check": len(check),
        "empty": sum(1 for r in scored if not found[r["id"]].text.strip()),
        "errors": ran["errors"],
        "seconds": round(ran["seconds"], 3),
        "pages_per_s": round(len(pages) / ran["seconds"], 1) if ran["seconds"] else None,
    }
    row.update(_metadata_scores(found, golds))
    _write_meta(ran["out"], found, golds)
    if summary.get("n_pages") != len(scored):
        row["note"] = "limited run: scored pages only"
    return row


def _metadata_scores(
    found: dict[str, PeerOutput], golds: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """Date exact day; title and author exact and token F1, over all / tune / check pages
    (the pages whose gold has the field); a field the tool never gives is left out."""
    dated = [pid for pid, gold in golds.items() if gold.get("date")]
    scores: dict[str, Any] = {"n_dates": len(dated)}
    if dated and any(found[pid].date for pid in found):
        right = sum((found[pid].date or "")[:10] == golds[pid]["date"][:10] for pid in dated)
        scores["date_exact"] = round(right / len(dated), 3)
    for field, scoring in (("title", title_scores), ("author", author_scores)):
        pids = [pid for pid, gold in golds.items() if gold.get(field)]
        scores[f"n_{field}s"] = len(pids)
        if not pids or not any(getattr(found[pid], field) for pid in found):
            continue
        per_page = {pid: scoring(getattr(found[pid], field), golds[pid][field]) for pid in pids}
        for part, keep in (("", None), ("_tune", True), ("_check", False)):
            chosen = [pid for pid in pids if keep is None or is_tune_page(pid) == keep]
            scores[f"n_{field}s{part}"] = len(chosen)
            scores[f"{field}_exact{part}"] = _mean([float(per_page[pid][0]) for pid in chosen])
            scores[f"{field}_f1{part}"] = _mean([per_page[pid][1] for pid in chosen])
    return scores


def _write_meta(out: Path, found: dict[str, PeerOutput], golds: dict[str, dict[str, Any]]) -> None:
    """Each page's title and author beside the gold ones (scratch, for looking at misses)."""
    rows = [
        {
            "id": pid,
            "tune": is_tune_page(pid),
            "title": found[pid].title,
            "gold_title": gold.get("title"),
            "author": found[pid].author,
            "gold_author": gold.get("author"),
        }
        for pid, gold in golds.items()
        if pid in found
    ]
    (out / "meta.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def run_extraction(
    bench: Path,
    results: Path,
    machine: dict[str, Any],
    limit: int | None = None,
    only_tools: list[str] | None = None,
    modes: tuple[str, ...] = ("html", "dump"),
    only_sets: list[str] | None = None,
) -> None:
    scorer = load_module(bench / "score_extraction.py")
    anchors = load_module(bench / "run_extraction_anchors.py")
    signal.signal(signal.SIGALRM, _on_alarm)
    work = results / "scratch" / "extraction"
    rows: list[dict[str, Any]] = []
    datasets = sorted(p for p in (bench / "extraction").iterdir() if p.is_dir())
    datasets = [d for d in datasets if only_sets is None or d.name in only_sets]
    for mode in modes:
        tools = ["storylens", *(t for t in PEERS[mode] if installed(t))]
        tools = [t for t in tools if only_tools is None or t in only_tools]
        for dataset in datasets:
            pages = _pages(dataset, limit)
            for tool in tools:
                out = work / mode / dataset.name / tool.replace(" ", "_").replace(">", "gt")
                ran = _run_tool(tool, mode, pages, out, anchors)
                ran["out"] = out
                row = _row(tool, mode, dataset, pages, ran, scorer)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
    (results / "extraction.json").write_text(
        json.dumps({"machine": machine, "limit": limit, "rows": rows}, indent=1) + "\n"
    )
    (results / "extraction.md").write_text(markdown(rows, machine))
