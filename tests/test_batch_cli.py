"""`storylens batch` on the command line: usage errors, drops with reasons, failures.

These runs never reach the analysis (every page is dropped or fails), so no model loads.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storylens.cli import app

runner = CliRunner()
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_batch_help_has_an_example() -> None:
    result = runner.invoke(app, ["batch", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    page = str(CORPUS / "html")
    out = str(tmp_path / "out")
    bad_engine = runner.invoke(app, ["batch", page, "--out", out, "--engine", "spark"])
    assert bad_engine.exit_code == 2
    address = runner.invoke(app, ["batch", page, "--out", out, "--ray-address", "auto"])
    assert address.exit_code == 2
    bad_date = runner.invoke(app, ["batch", page, "--out", out, "--since", "March"])
    assert bad_date.exit_code == 2
    assert "YYYY-MM-DD" in bad_date.stderr


def test_host_filter_drops_every_page_with_its_reason(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["batch", str(CORPUS / "html"), "--out", str(out), "--no-db", "--host", "none.example"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["shards"]) == 18
    assert all(s["dropped"] == {"dropped_host": 1} for s in manifest["shards"])
    assert sum(s["articles"] for s in manifest["shards"]) == 0
    again = runner.invoke(app, args)
    assert "(18 done before)" in again.stderr


def test_unreadable_inputs_are_reported_and_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.warc.gz"
    db = str(tmp_path / "b.db")
    result = runner.invoke(
        app, ["batch", str(empty), str(missing), "--out", str(tmp_path / "o"), "--db", db]
    )
    assert result.exit_code == 1
    assert f"{missing}: no such file" in result.stderr
    assert f"{empty}: empty file" in result.stderr


def test_compare_with_no_db_is_a_usage_error(tmp_path: Path) -> None:
    args = ["batch", str(CORPUS / "html"), "--out", str(tmp_path / "o"), "--no-db", "--compare"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--compare needs a database" in result.stderr
