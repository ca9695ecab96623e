"""No terminal control sequence from an input reaches stdout or stderr (issue 27, item 7):
article text, titles and file names are escaped, and JSON output stays the same data."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from storylens.cli import app
from storylens.terminal import printable

runner = CliRunner()

# Every character a terminal may obey: C0 controls but newline and tab, DEL, C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# An OSC title change, a screen reset, a C1 CSI clearing the screen, a carriage return.
HOSTILE = "\x1b]0;pwned\x07 \x1bc \x9b2J \r"
SENTENCE = "The council voted on Tuesday to keep tram fares at 1.80 euros until next year."
TITLE = f"Fares frozen {HOSTILE} again"


def hostile_jsonl(tmp_path: Path) -> str:
    body = " ".join([SENTENCE, HOSTILE, SENTENCE, SENTENCE])
    record = {"title": TITLE, "body": body, "outlet": f"Gazette {HOSTILE}"}
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return str(path)


def test_extract_json_escapes_controls_and_keeps_the_values(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", hostile_jsonl(tmp_path), "--json"])
    assert result.exit_code == 0, result.stderr
    assert not CONTROL.search(result.stdout)
    record = json.loads(result.stdout)
    assert "\x1b]0;pwned\x07" in record["title"] and "\x9b2J" in record["title"]


def test_extract_lines_escape_controls(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", hostile_jsonl(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert not CONTROL.search(result.stdout)
    assert "\\u001b]0;pwned\\u0007" in result.stdout and "\\u009b2J" in result.stdout


def test_error_lines_escape_controls(tmp_path: Path) -> None:
    missing = str(tmp_path / f"gone {HOSTILE}.html")
    result = runner.invoke(app, ["extract", missing])
    assert result.exit_code == 1
    assert "no such file" in result.stderr
    assert not CONTROL.search(result.stderr)


@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=3), max_leaves=5))
def test_printable_json_is_the_same_json(value: object) -> None:
    text = printable(json.dumps(value, ensure_ascii=False, indent=2))
    assert not CONTROL.search(text)
    assert json.loads(text) == value


@given(st.text())
def test_printable_keeps_newlines_and_tabs_and_escapes_the_rest(text: str) -> None:
    shown = printable(text)
    assert not CONTROL.search(shown)
    assert shown.count("\n") == text.count("\n") and shown.count("\t") == text.count("\t")
