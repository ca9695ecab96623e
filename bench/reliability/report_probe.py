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


SECTIONS = {"bad-records": _bad_records}


def probe_sections(results: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for part, section in SECTIONS.items():
        if results.get(part):
            lines += section(results[part])
    return lines
