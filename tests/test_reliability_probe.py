"""The reliability part `probe` (issue 27's twelve cases against a real `storylens serve`
and the CLI) in its quick form: every case holds, and its report section says so.

The full form runs in `make bench-reliability` (bench/results/reliability.md)."""

from __future__ import annotations

from pathlib import Path

from bench.reliability.probe import run_probe
from bench.reliability.report import write_report

from test_store_read_only_fs import _namespaces_work


def test_the_twelve_probe_cases_hold(tmp_path: Path) -> None:
    result = run_probe(quick=True)
    cases = {case["case"]: case for case in result["cases"]}
    assert sorted(cases) == list(range(1, 13))
    failed = [case for case in cases.values() if case["passed"] is False]
    assert not failed, failed
    skipped = [number for number, case in cases.items() if case["passed"] is None]
    assert skipped == ([] if _namespaces_work() else [9])  # a read-only mount needs unshare
    assert all(case["checks"] for case in cases.values() if case["passed"])
    assert result["seconds"] < 120
    write_report({"probe": result}, tmp_path / "reliability.md")
    report = (tmp_path / "reliability.md").read_text()
    assert "## The probe's twelve cases" in report and "**NO**" not in report
