"""`make bench-scale`: `storylens batch` on CC-NEWS-shaped WARC files, local and Ray.

Builds WARC files the way CC-NEWS ships them (each record its own gzip member, a
`warcinfo` record, then `response` records) from the real pages of
`../shared/bench/extraction/` (read at run time, never copied into the repository): every
page several times, each copy perturbed (another host, a changed closing paragraph) and
dated on a day of one month. Then runs the batch with each engine and worker count and
writes records/s, articles/s, peak memory per worker and time per stage to
`bench/results/scale.{md,json,png}`.

    python -m bench.scale --records 10000 100000 --runs local:1 local:2 ray:1 ray:2
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXTRACTION = ROOT.parent / "shared" / "bench" / "extraction"
RESULTS = ROOT / "bench" / "results"
NEWS_SETS = ("aeb", "l3s-gn1", "wcxb-article-sample", "cleanportaleval")
RECORDS_PER_FILE = 2500  # a real CC-NEWS file holds ~30,000; the split is by byte range anyway
# Small enough that even the smallest run has several shards per worker to balance.
SHARD_BYTES = 1024 * 1024


def load_pages() -> list[tuple[str, str]]:
    """(url, html) of every news page of the shared extraction sets."""
    pages = []
    for name in NEWS_SETS:
        for folder in sorted((EXTRACTION / name).iterdir()):
            page = folder / "page.html.gz"
            if not page.is_file():
                continue
            meta = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
            url = meta.get("url") or f"https://{name}.example/{folder.name}"
            pages.append((url, gzip.decompress(page.read_bytes()).decode("utf-8")))
    return pages


def perturb(url: str, html: str, copy: int, day: int) -> tuple[str, bytes]:
    """A copy of a page as another outlet or a later edit would serve it, dated `day`."""
    if copy:
        host = url.split("/")[2] if "//" in url else "news.example"
        url = url.replace(host, f"copy{copy}.{host}", 1)
        edit = f"<p>Updated edition {copy} of this report, with minor corrections.</p>"
        html = html.replace("</body>", f"{edit}</body>", 1) if "</body>" in html else html + edit
    stamp = f'<meta property="article:published_time" content="2025-03-{day:02d}T08:00:00Z">'
    html = html.replace("<head>", "<head>" + stamp, 1) if "<head>" in html else stamp + html
    return url, html.encode("utf-8")


def build_warcs(records: int, folder: Path, seed: int = 7) -> list[Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    built = folder / f".built-{records}-{seed}"  # the files are the same every time: reuse
    if built.is_file():
        return sorted(folder.glob("*.warc.gz"))
    pages = load_pages()
    rng = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paths: list[Path] = []
    for first in range(0, records, RECORDS_PER_FILE):
        path = folder / f"CC-NEWS-20250301-{len(paths):05d}.warc.gz"
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench"}))
        for n in range(first, min(records, first + RECORDS_PER_FILE)):
            url, html = pages[n % len(pages)]
            url, body = perturb(url, html, n // len(pages), rng.randint(1, 31))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        path.write_bytes(buffer.getvalue())
        paths.append(path)
    built.touch()
    return paths


def run_one(warcs: list[Path], work: Path, engine: str, workers: int) -> dict[str, Any]:
    from storylens.batch import BatchOptions, run_batch

    out, db = work / f"{engine}-{workers}", work / f"{engine}-{workers}.db"
    shutil.rmtree(out, ignore_errors=True)
    db.unlink(missing_ok=True)
    options = BatchOptions(
        inputs=[str(p) for p in warcs],
        out=str(out),
        db=str(db),
        engine=engine,
        workers=workers,
        shard_bytes=SHARD_BYTES,
    )
    started = time.perf_counter()
    report = run_batch(options)
    wall = time.perf_counter() - started
    if engine == "ray":
        import ray

        ray.shutdown()  # the next run starts its own instance with its own CPU count
    stages: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for result in report.results:
        for stage, seconds in result.seconds.items():
            stages[stage] = stages.get(stage, 0.0) + seconds
        for stage, seconds in result.cpu_seconds.items():
            cpu[stage] = cpu.get(stage, 0.0) + seconds
    records = sum(r.records for r in report.results)
    articles = sum(r.articles for r in report.results)
    parallel = report.seconds["parallel"]
    return {
        "engine": engine,
        "workers": workers,
        "records": records,
        "articles": articles,
        "stories": report.stories,
        "failures": len(report.failures),
        "wall_s": round(wall, 1),
        "parallel_s": round(parallel, 1),
        "records_per_s_parallel": round(records / parallel, 2),
        "articles_per_s_end_to_end": round(articles / wall, 2),
        "peak_rss_mb_per_worker": max((r.peak_rss_mb for r in report.results), default=0.0),
        "worker_stage_s": {k: round(v, 1) for k, v in stages.items()},
        "worker_stage_cpu_ms_per_record": {
            k: round(v * 1000 / max(records, 1), 1) for k, v in cpu.items()
        },
        "driver_stage_s": {k: round(v, 1) for k, v in report.seconds.items()},
    }


def code_version() -> str:
    """The commit the run measures (marked `+changes` when sources differ from it)."""
    from bench.run import _commit

    try:
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        changed = ""
    return _commit() + ("+changes" if changed else "")


def previous_rows(records: list[int], runs: list[str]) -> list[dict[str, Any]]:
    """The committed rows of the sizes and runs not measured again this time."""
    path = RESULTS / "scale.json"
    if not path.is_file():
        return []
    again = {(size, *run.split(":")) for size in records for run in runs}
    kept = json.loads(path.read_text(encoding="utf-8")).get("runs", [])
    return [r for r in kept if (r["records"], r["engine"], str(r["workers"])) not in again]


def previous_analysis() -> dict[str, Any] | None:
    """The committed analysis sample's costs (kept when this run measures none)."""
    path = RESULTS / "scale.json"
    if not path.is_file():
        return None
    found: dict[str, Any] | None = json.loads(path.read_text(encoding="utf-8")).get("analysis")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", nargs="+", default=["local:1", "local:2", "ray:1", "ray:2"])
    parser.add_argument("--work", default=None, help="scratch folder [default: a temp folder]")
    parser.add_argument(
        "--analysis-sample", type=int, default=100, help="articles to time the analysis on"
    )
    parser.add_argument(
        "--keep-previous",
        action="store_true",
        help="keep the rows of bench/results/scale.json this run does not measure again "
        "(the runs of one size can then be taken apart, e.g. 1-worker runs first)",
    )
    args = parser.parse_args(argv)
    if not EXTRACTION.is_dir():
        print("bench-scale: ../shared/bench is not beside the repository", file=sys.stderr)
        return 0
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(name, "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import tempfile

    from bench.scale_report import write_report

    work = Path(args.work or tempfile.mkdtemp(prefix="storylens-scale-"))
    rows = previous_rows(args.records, args.runs) if args.keep_previous else []
    measured: list[str] = []  # the runs' scratch folders, the last one sampled for analysis
    analysis = previous_analysis() if args.keep_previous else None
    for records in args.records:
        started = time.perf_counter()
        warcs = build_warcs(records, work / f"warc-{records}")
        built = time.perf_counter() - started
        size = sum(p.stat().st_size for p in warcs)
        print(f"bench-scale: {records} records, {size / 1e6:.0f} MB in {built:.0f} s", flush=True)
        for run in args.runs:
            engine, workers = run.split(":")
            row = run_one(warcs, work, engine, int(workers))
            row["input_mb"] = round(size / 1e6, 1)
            row["code"] = code_version()
            row["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
            rows.append(row)
            measured.append(f"{engine}-{workers}")
            print(f"bench-scale: {json.dumps(row)}", flush=True)
            write_report(rows, RESULTS, load=os.getloadavg(), analysis=analysis)
    if args.analysis_sample and measured:
        from bench.scale_analysis import measure_analysis
        from storylens.batch import load_articles
        from storylens.batch.shards import ShardStore

        store = ShardStore(work / measured[-1])
        sample = load_articles(store, sorted(store.completed()))[: args.analysis_sample]
        analysis = measure_analysis(sample)
        print(f"bench-scale: analysis {json.dumps(analysis)}", flush=True)
        write_report(rows, RESULTS, load=os.getloadavg(), analysis=analysis)
    if not args.work:  # a folder given by the caller is kept, its WARC files reused
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
