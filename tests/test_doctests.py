"""The examples in docstrings run, so the documented API says what it does.

Every module under src/storylens whose docstrings hold an example (`>>>`) is found here, so
a new example is checked without registering it anywhere.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"


def _modules_with_examples() -> list[str]:
    found = []
    for path in sorted((SOURCE / "storylens").rglob("*.py")):
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(SOURCE).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


MODULES = _modules_with_examples()


def test_the_public_modules_have_examples() -> None:
    assert "storylens" in MODULES and "storylens.config" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_examples_in_docstrings_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
