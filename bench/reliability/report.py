"""bench/results/reliability.md from the harnesses' figures (reliability.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.reliability.report_probe import probe_sections


def _yes(value: bool) -> str:
    return "yes" if value else "**NO**"


def _fuzz(fuzz: dict[str, Any]) -> list[str]:
    reasons = ", ".join(f"{k} ({v})" for k, v in list(fuzz["reasons"].items())[:8])
    chunks = fuzz.get("chunks", [])
    runs = f" in {len(chunks)} runs with different seeds" if len(chunks) > 1 else ""
    silent = fuzz.get("silent", "n/a")
    if "silent_inputs" in fuzz:
        silent = f"{silent} of {fuzz['silent_inputs']:,} counted"
    return [
        "## Fuzzing",
        "",
        f"{fuzz['inputs']:,} inputs{runs} ({fuzz['seeds']} seeds: the sample corpus and shared "
        "benchmark pages, then mutants: truncation, byte flips, encoding swaps, giant lines, "
        "deep nesting, NUL bytes, mixed scripts, broken gzip and WARC framing, malformed JSONL) "
        f"through read → extract; {fuzz['pipeline_inputs']} of them also through analyse → "
        f"group → store → compare ({fuzz['stories_compared']} stories compared). "
        f"{fuzz['seconds']:.0f} s on 2 workers. Silent: inputs that gave neither an article "
        "nor a reported failure.",
        "",
        "| inputs | crashes | hangs | unexpected errors | malformed failure lines | silent "
        "| articles | failures reported |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {fuzz['inputs']:,} | {fuzz['crashes']} | {fuzz['hangs']} | {fuzz['unexpected']} "
        f"| {fuzz['malformed_failures']} | {silent} | {fuzz['articles']:,} "
        f"| {fuzz['failures']:,} |",
        "",
        f"Most frequent reasons: {reasons}.",
        "",
    ]


def _bombs(bombs: list[dict[str, Any]]) -> list[str]:
    lines = [
        "## Resource bounds",
        "",
        "Each bomb in its own process; peak RSS is that process's own high-water mark (`VmHWM`).",
        "",
        "| bomb | input | command | exit | message | peak RSS | bound | seconds | held |",
        "|---|---:|---|---:|---|---:|---:|---:|---|",
    ]
    for bomb in bombs:
        message = bomb["message"].split(": ", 1)[-1] if bomb["message"] else "(accepted)"
        lines.append(
            f"| {bomb['bomb']} | {bomb['input_mb']} MB | {bomb['command']} | {bomb['exit']} "
            f"| {message} | {bomb['peak_rss_mb']} MB | {bomb['bound_mb']} MB "
            f"| {bomb['seconds']} | {_yes(bomb['held'])} |"
        )
    return [*lines, ""]


def _crash(title: str, crash: dict[str, Any] | None) -> list[str]:
    if not crash:
        return [f"## {title}", "", "Not run (no server: set STORYLENS_TEST_PG_URL).", ""]
    return [
        f"## {title}",
        "",
        f"`storylens ingest` of {crash['documents']:,} synthetic JSONL documents (batch 16), "
        f"killed with SIGKILL at points planned by stored-article count: "
        f"{crash['kills']} of {crash.get('kills_planned', crash['kills'])} planned kills "
        f"landed, {crash.get('startup_kills', 0)} of them during start-up (before the run's "
        f"first commit); rerun after each kill ({crash['runs']} runs, "
        f"{crash['seconds']:.0f} s; uninterrupted: {crash['reference_seconds']:.0f} s, of "
        f"which {crash['startup_seconds']:.0f} s until the first commit). Articles stored when "
        f"each kill landed: {crash['stored_at_kills']}.",
        "",
        "| documents | stored | lost | duplicated | stories | same stories as uninterrupted "
        "| story counts wrong | integrity_check | held |",
        "|---:|---:|---:|---:|---:|---|---:|---|---|",
        f"| {crash['documents']:,} | {crash['stored']:,} | {crash['lost']} "
        f"| {crash['duplicated']} | {crash['stories']} | {_yes(crash['stories_same'])} "
        f"| {crash['wrong_story_counts']} | {crash.get('integrity_check', 'n/a')} "
        f"| {_yes(crash['held'])} |",
        "",
    ]


def _concurrency(result: dict[str, Any]) -> list[str]:
    first, second = result["ingests"]
    return [
        "## Concurrency (store level)",
        "",
        f"One ingest writing; {result['reader_processes']} reader processes with "
        f"{result['reader_threads']} threads listing stories and loading a story's articles, "
        "plus a `storylens stories --json` loop; a second ingest of an overlapping set "
        f"starting once the first has committed. {result['seconds']:.0f} s.",
        "",
        "| read operations | CLI reads | read errors | 'locked' errors | ingest exits "
        "| stored (first + second) | documents | lost | duplicated | integrity_check | held |",
        "|---:|---:|---:|---:|---|---|---:|---:|---:|---|---|",
        f"| {result['read_operations']:,} | {result['cli_reads']} | {result['read_errors']} "
        f"| {result['locked_errors']} | {first['exit']}, {second['exit']} "
        f"| {first['stored']} + {second['stored']} | {result['documents']} | {result['lost']} "
        f"| {result['duplicated']} | {result['integrity_check']} | {_yes(result['held'])} |",
        "",
    ]


def _http(result: dict[str, Any]) -> list[str]:
    first, second = result["ingests"]
    codes = ", ".join(f"{code}: {n:,}" for code, n in result["status"].items())
    return [
        "## Concurrency (through the server)",
        "",
        f"`storylens serve` (one process, no warm-up) answering {result['clients']} HTTP "
        "clients that list stories and fetch a story's page or JSON, while one ingest writes "
        "and a second one of an overlapping set starts; errors are 5xx answers, failed or "
        "timed-out requests and bodies mentioning 'locked'; a 404 is a story merged away "
        f"between listing and fetch. {result['seconds']:.0f} s.",
        "",
        "| requests | status codes | errors | 'locked' | ingest exits "
        "| stored (first + second) | documents | lost | duplicated | integrity_check | held |",
        "|---:|---|---:|---:|---|---|---:|---:|---:|---|---|",
        f"| {result['requests']:,} | {codes} | {result['errors']} | {result['locked_errors']} "
        f"| {first['exit']}, {second['exit']} | {first['stored']} + {second['stored']} "
        f"| {result['documents']} | {result['lost']} | {result['duplicated']} "
        f"| {result['integrity_check']} | {_yes(result['held'])} |",
        "",
    ]


def write_report(results: dict[str, Any], path: Path) -> None:
    lines = [
        "# Reliability",
        "",
        "Written by `make bench-reliability` (`python -m bench.reliability.run`); the figures "
        "are in `reliability.json` beside this file.",
        "",
    ]
    if "fuzz" in results:
        lines += _fuzz(results["fuzz"])
    if "bombs" in results:
        lines += _bombs(results["bombs"])
    if "crash" in results:
        lines += _crash("Crash safety (SQLite)", results["crash"])
    if "crash-pg" in results:
        lines += _crash("Crash safety (PostgreSQL)", results["crash-pg"])
    if "concurrency" in results:
        lines += _concurrency(results["concurrency"])
    if "concurrency-http" in results:
        lines += _http(results["concurrency-http"])
    lines += probe_sections(results)
    if "notes" in results:
        lines += ["## Notes", "", *results["notes"], ""]
    path.write_text("\n".join(lines))
