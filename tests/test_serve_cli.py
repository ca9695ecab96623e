"""`storylens serve` on the command line: help, usage errors, a database it cannot open
(none of these starts a server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli import app

runner = CliRunner()


def test_serve_help_has_an_example() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: storylens serve" in result.output
    assert "--token" in result.output and "--host" in result.output


def test_a_bad_port_is_a_usage_error() -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "between 1 and 65535" in result.output


def test_zero_workers_is_a_usage_error() -> None:
    result = runner.invoke(app, ["serve", "--workers", "0"])
    assert result.exit_code == 2
    assert "--workers" in result.output and "1 or more" in result.output


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_database_that_cannot_open_exits_1(tmp_path: Path, workers: str) -> None:
    missing = tmp_path / "no-such-dir" / "x.db"
    result = runner.invoke(app, ["serve", "--db", str(missing), "--workers", workers])
    assert result.exit_code == 1
    assert "does not exist" in result.output
