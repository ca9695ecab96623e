"""The sections of bench/results/reliability.md about the hostile-input probe of issue 27:
floods of bad records, uploads past their budget and SIGTERM, the API fuzzer, the twelve
probe cases."""

from __future__ import annotations

from typing import Any


def _yes(value: bool) -> str:
    return "yes" if value else "**NO**"


def _bad_records(result: dict[str, Any]) -> list[str]:
    cli, api = result["cli"], result["api"]
    peak = api["server_peak_rss_mb"]
    return [
        "## Floods of bad records",
        "",
        f"`storylens ingest` of {cli['records']:,} `{{}}` lines (each a failure): peak RSS "
        f"{cli['peak_rss_mb']} MB (bound 300 MB), {cli['seconds']} s, {cli['failure_rows']:,} "
        f"failure rows stored; held: {_yes(cli['held'])}. `POST /api/ingest` of "
        f"{api['records']:,} of them: status {api['status']}, {api['failed']:,} counted, "
        f"{api['reasons_returned']} reasons returned in {api['response_bytes']:,} bytes; the "
        f"server's peak RSS {peak['before']} MB before, {peak['after']} MB after; held: "
        f"{_yes(api['held'])}.",
        "",
    ]


def _upload_shutdown(result: dict[str, Any]) -> list[str]:
    term, budget = result["sigterm"], result["budget"]
    return [
        "## A huge upload and SIGTERM",
        "",
        f"One authorised upload of {term['files']} gzip files of {term['mb_each']:g} MB HTML to "
        f"`storylens serve`; SIGTERM {term['sigterm_after_s']:g} s into it: the server exited "
        f"{term['exit_seconds']} s later (bound 5 s; held: {_yes(term['held'])}), its peak RSS "
        f"{term['server_peak_rss_mb']} MB, the answer {term['answer_status']} "
        f"({'; '.join(term['answer_reasons'])}). The same upload under "
        f"`--max-upload-seconds {budget['budget_s']:g}`: answered {budget['status']} in "
        f"{budget['answer_seconds']} s ({budget['stored']} stored, {budget['failed']} failure), "
        f"server peak RSS {budget['server_peak_rss_mb']} MB; held: {_yes(budget['held'])}. "
        "Extraction runs in a child process (about 1 GB for one 20 MB page), killed at the "
        "budget or on SIGTERM.",
        "",
    ]


SECTIONS = {"bad-records": _bad_records, "upload-shutdown": _upload_shutdown}


def probe_sections(results: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for part, section in SECTIONS.items():
        if results.get(part):
            lines += section(results[part])
    return lines
