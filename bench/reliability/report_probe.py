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


def _cell(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return _yes(value)
    return str(value).replace("|", "\\|")


# The columns of a check; what else it saw goes beside its answer.
_SHOWN = {"sent", "answer", "error_shape", "security_headers", "held"}


def _probe_rows(case: dict[str, Any]) -> list[str]:
    first = f"{case['case']} | {_cell(case['defect'])}"
    if case["skipped"]:
        return [f"| {first} | | skipped: {_cell(case['skipped'])} | | | n/a |"]
    rows = []
    for check in case["checks"]:
        seen = "; ".join(f"{k}: {v}" for k, v in check.items() if k not in _SHOWN)
        answer = f"{check['answer']} ({seen})" if seen else check["answer"]
        rows.append(
            f"| {first} | {_cell(check['sent'])} | {_cell(answer)} "
            f"| {_cell(check.get('error_shape'))} | {_cell(check.get('security_headers'))} "
            f"| {_yes(check['held'])} |"
        )
        first = " | "
    return rows


def _probe(result: dict[str, Any]) -> list[str]:
    cases = result["cases"]
    lines = [
        "## The probe's twelve cases",
        "",
        f"The hostile requests and inputs of issue 27, replayed against a real `storylens "
        f"serve` on 127.0.0.1 (four of them: defaults, a rate limit of 0.5/s, an upload budget "
        f"of seconds, a database on a read-only mount) and the CLI ({result['form']} form, "
        f"{result['seconds']:g} s): {result['passed']} of {len(cases)} cases held"
        + (f", {result['skipped']} skipped" if result["skipped"] else "")
        + '. Error shape: the JSON `{"ok": false, "error", "status"}` (the error page '
        "for pages); security headers: CSP `default-src 'none'` and `nosniff`. The inputs are "
        "the regression tests' (bench/reliability/probe_cases.py imports them).",
        "",
        "| case | defect | sent | answer | error shape | security headers | held |",
        "|---:|---|---|---|---|---|---|",
    ]
    for case in cases:
        lines += _probe_rows(case)
    return [*lines, ""]


SECTIONS = {
    "bad-records": _bad_records,
    "upload-shutdown": _upload_shutdown,
    "probe": _probe,
}


def probe_sections(results: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for part, section in SECTIONS.items():
        if results.get(part):
            lines += section(results[part])
    return lines
