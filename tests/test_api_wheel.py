"""`pip install .` builds a wheel that works on its own: the README's Python example runs
from a fresh virtual environment holding only that wheel (its dependencies are borrowed
from the test environment, so nothing is downloaded)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.models

ROOT = Path(__file__).resolve().parents[1]


def _readme_python_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python\n", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, "the README's Python section has no example"
    return found.group(1)


def _clean_source(to: Path) -> Path:
    """What `pip install .` reads, without the checkout's build leftovers (a stale build/
    would put deleted modules into the wheel)."""
    to.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, to / name)
    leftovers = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(ROOT / "src", to / "src", ignore=leftovers)
    return to


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, done.stderr[-3000:]
    return done  # type: ignore[no-any-return]


def test_the_readme_example_runs_from_an_installed_wheel(tmp_path: Path) -> None:
    source = _clean_source(tmp_path / "source")
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    _run([*build, "-w", str(wheels), str(source)])
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    # The test environment's packages (torch, models...) as a plain path: its own .pth files,
    # the editable storylens among them, are not read, so `storylens` is the wheel's.
    Path(site.stdout.strip(), "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n")
    wheel = next(wheels.glob("storylens-*.whl"))
    _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)])

    work = tmp_path / "work"
    (work / "corpus").mkdir(parents=True)
    for part in ("html", "feeds"):
        (work / "corpus" / part).symlink_to(ROOT / "corpus" / part)
    script = work / "example.py"
    script.write_text(_readme_python_example() + "\nprint('origin', storylens.__file__)\n")
    env = {**os.environ, "STORYLENS_DB": str(work / "unused.db")}
    done = _run([str(python), str(script)], cwd=work, env=env)

    assert f"origin {venv}" in done.stdout  # the installed wheel ran, not the checkout
    assert re.search(r"^\d+ stored, 0 failed$", done.stdout, re.M)
    assert "## " in done.stdout  # a story's Markdown
    assert (work / "claims.parquet").stat().st_size > 0
