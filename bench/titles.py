"""Title check: storylens's headline against the gold title, fast, on the bench pages.

The full extraction benchmark (`bench.run --only extraction`) runs every tool over every
page; this one scores titles only, for storylens only, and lists the pages that lose tokens.
The article text the headline choice reads (trafilatura's paragraphs) is cached per page under
bench/.cache/titles so that re-runs after a change in the title rules cost only the page parse.
Delete the cache (or pass --fresh) after a change in the body path.

    PYTHONPATH=src:. python -m bench.titles [--sets l3s-gn1 ...] [--part tune|check|all]
        [--mode html|dump] [--show N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

from bench.extraction import is_tune_page
from bench.peers import load_module
from storylens.extract import extract, html
from storylens.records import Failure, RawDoc

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
CACHE = ROOT / "bench" / ".cache" / "titles"
TITLED_SETS = ("l3s-gn1", "wcxb-article-sample")


def _html_title(page_dir: Path, url: str | None, fresh: bool) -> str | None:
    """The HTML headline, from the cached body paragraphs when there are any."""
    cached = CACHE / page_dir.parent.name / f"{page_dir.name}.json"
    content = gzip.decompress((page_dir / "page.html.gz").read_bytes()).decode("utf-8")
    if cached.is_file() and not fresh:
        saved = json.loads(cached.read_text("utf-8"))
        tree = html._parse(content)
        if tree is None:
            return None
        meta = html.read_meta(tree)
        return html._title(meta, tree, saved["body"], saved["sites"])
    seen: dict[str, Any] = {}
    choose = html._title

    def spy(meta: Any, tree: Any, body: list[str], sites: list[str]) -> str | None:
        seen.update(body=body, sites=sites)
        return choose(meta, tree, body, sites)

    html._title = spy  # type: ignore[assignment]
    try:
        result = extract(RawDoc(page_dir.name, content, "html", url=url))
    finally:
        html._title = choose  # type: ignore[assignment]
    if seen:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(seen), "utf-8")
    return None if isinstance(result, Failure) else result.title


def _dump_title(page_dir: Path, url: str | None) -> str | None:
    content = (page_dir / "page.txt").read_text("utf-8")
    result = extract(RawDoc(page_dir.name, content, "text", url=url))
    return None if isinstance(result, Failure) else result.title


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=list(TITLED_SETS))
    parser.add_argument("--part", choices=("tune", "check", "all"), default="tune")
    parser.add_argument("--mode", choices=("html", "dump"), default="html")
    parser.add_argument("--show", type=int, default=0, help="list this many losing pages")
    parser.add_argument("--fresh", action="store_true", help="re-extract the body (no cache)")
    parser.add_argument("--out", type=Path, help="write per-page titles as JSON here")
    args = parser.parse_args()
    scorer = load_module(BENCH / "score_extraction.py")
    per_page: dict[str, Any] = {}
    for name in args.sets:
        scores: dict[str, list[float]] = {"tune": [], "check": []}
        losers = []
        for page_dir in sorted(p for p in (BENCH / "extraction" / name).iterdir() if p.is_dir()):
            part = "tune" if is_tune_page(page_dir.name) else "check"
            if args.part != "all" and part != args.part:
                continue
            gold = json.loads((page_dir / "gold.json").read_text("utf-8"))
            if not gold.get("title"):
                continue
            if args.mode == "html":
                title = _html_title(page_dir, gold.get("url"), args.fresh)
            else:
                title = _dump_title(page_dir, gold.get("url"))
            prf = scorer.bag_prf(scorer.tokens(title), scorer.tokens(gold["title"]))
            f1 = prf[2] if prf else 0.0
            scores[part].append(f1)
            per_page[f"{name}/{page_dir.name}"] = {"title": title, "f1": f1}
            if f1 < 1.0:
                losers.append((f1, page_dir.name, title, gold["title"]))
        every = scores["tune"] + scores["check"]
        line = [f"{name} {args.mode}: all {sum(every) / max(len(every), 1):.4f} ({len(every)})"]
        for part, values in scores.items():
            if values:
                line.append(f"{part} {sum(values) / len(values):.4f} ({len(values)})")
        print("  ".join(line))
        for f1, page_id, title, gold_title in sorted(losers)[: args.show]:
            print(f"  {f1:.2f} {page_id}\n     ours: {title!r}\n     gold: {gold_title!r}")
    if args.out:
        args.out.write_text(json.dumps(per_page, indent=1), "utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
