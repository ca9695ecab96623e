"""`bench.scale`'s bookkeeping: rows kept from an earlier run, WARC files built once."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo's bench/ package

from bench import scale


def _row(records: int, engine: str, workers: int) -> dict[str, object]:
    return {"records": records, "engine": engine, "workers": workers, "parallel_s": 1.0}


def test_previous_rows_keep_only_the_runs_not_measured_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [_row(10_000, "local", 1), _row(100_000, "local", 1), _row(100_000, "ray", 2)]
    (tmp_path / "scale.json").write_text(json.dumps({"runs": rows, "analysis": {"n": 3}}))
    monkeypatch.setattr(scale, "RESULTS", tmp_path)
    kept = scale.previous_rows([100_000], ["local:1", "local:2"])
    assert kept == [_row(10_000, "local", 1), _row(100_000, "ray", 2)]
    assert scale.previous_analysis() == {"n": 3}


def test_previous_rows_are_none_without_an_earlier_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scale, "RESULTS", tmp_path)
    assert scale.previous_rows([10_000], ["local:1"]) == []
    assert scale.previous_analysis() is None


def test_warc_files_are_built_once_and_then_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [("https://a.example/one", "<html><head></head><body><p>Fog.</p></body></html>")]
    monkeypatch.setattr(scale, "load_pages", lambda: pages)
    built = scale.build_warcs(3, tmp_path / "warc")
    stamps = [path.stat().st_mtime_ns for path in built]
    monkeypatch.setattr(scale, "load_pages", lambda: pytest.fail("rebuilt"))
    again = scale.build_warcs(3, tmp_path / "warc")
    assert again == built and [path.stat().st_mtime_ns for path in again] == stamps


def test_speed_ups_pair_runs_of_the_same_code_only() -> None:
    from bench.scale_report import _speedup

    one, two = _row(100_000, "ray", 1), _row(100_000, "ray", 2)
    one["parallel_s"], two["parallel_s"] = 30.0, 16.0
    one["code"] = two["code"] = "abc1234"
    assert _speedup([one, two], "ray", 100_000) == "1.88x"
    two["code"] = "def5678"
    assert _speedup([one, two], "ray", 100_000) == (
        "not compared: measured on different code (abc1234, def5678)"
    )
    assert _speedup([one], "ray", 100_000) is None


def test_code_version_names_the_commit_measured() -> None:
    version = scale.code_version()
    assert version.split("+")[0].isalnum()


def test_driver_growth_compares_sizes_of_the_same_code_only() -> None:
    from bench.scale_report import _growth_words

    small, large = _row(10_000, "ray", 1), _row(100_000, "ray", 1)
    small.update(articles=10_000, driver_stage_s={"group": 20.0}, code="abc1234")
    large.update(articles=100_000, driver_stage_s={"group": 300.0}, code="abc1234")
    assert _growth_words({10_000: small, 100_000: large}) == (
        "1.50x from 10,000 to 100,000 records"
    )
    large["code"] = "def5678"
    assert "different code" in _growth_words({10_000: small, 100_000: large})


def test_the_driver_growth_reads_the_fastest_run_of_each_size() -> None:
    from bench.scale_report import _fastest_group_by_size

    slow, fast = _row(10_000, "local", 1), _row(10_000, "ray", 2)
    slow.update(articles=10_000, driver_stage_s={"group": 30.0})
    fast.update(articles=10_000, driver_stage_s={"group": 19.0})
    assert _fastest_group_by_size([slow, fast]) == {10_000: fast}
