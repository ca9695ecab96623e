"""A database on a read-only filesystem can be read (issue 27, item 9): `stories`, `show`
and `serve` work where SQLite cannot create the -wal/-shm files beside it (the file is
then read as immutable); `serve` refuses uploads, `show` computes without storing.

The read-only filesystem is a read-only bind mount in a user namespace (`unshare -rm`):
root cannot write there either. Skipped where user namespaces are not allowed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serve_support import ARTICLES
from storylens.cli import app

UNSHARE = shutil.which("unshare")


def _namespaces_work() -> bool:
    if UNSHARE is None or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run([UNSHARE, "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _namespaces_work(), reason="needs `unshare -rm` (Linux)")

# Run inside the namespace, after the folder was remounted read-only.
SERVE_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from fastapi.testclient import TestClient
    from storylens.serve import ServeOptions, create_app

    app = create_app(sys.argv[1], ServeOptions(token="t", warm=False, rate_limit=0))
    with TestClient(app) as client:
        listed = client.get("/api/stories")
        first = listed.json()["stories"][0]["id"]
        story = client.get(f"/api/stories/{first}")
        upload = client.post("/api/ingest", content=b"{}", headers={"Authorization": "Bearer t"})
        print(json.dumps([listed.status_code, story.status_code, upload.status_code,
                          upload.json()["error"]]))
    """
)


def read_only(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """`command` with `folder` remounted read-only."""
    mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}"
    script = f'{mount} && touch {folder}/probe 2>/dev/null && exit 99; exec "$@"'
    return subprocess.run(
        [UNSHARE or "unshare", "-rm", "sh", "-c", script, "sh", *command],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = tmp_path_factory.mktemp("rofs")
    result = CliRunner().invoke(app, ["ingest", str(ARTICLES), "--db", str(made / "s.db")])
    assert result.exit_code == 0, result.stderr
    assert not (made / "s.db-wal").exists()  # closed cleanly: nothing beside it
    return made


def storylens(*args: str) -> list[str]:
    return [sys.executable, "-m", "storylens.cli", *args]


def test_stories_and_show_read_a_database_on_a_read_only_filesystem(folder: Path) -> None:
    db = str(folder / "s.db")
    listed = read_only(folder, *storylens("stories", "--db", db, "--json"))
    assert listed.returncode == 0, listed.stderr
    first = json.loads(listed.stdout)[0]["id"]
    shown = read_only(folder, *storylens("show", first, "--db", db, "--json"))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["stories"][0]["id"] == first
    assert "not stored" not in shown.stderr


def test_serve_reads_a_database_on_a_read_only_filesystem(folder: Path) -> None:
    served = read_only(folder, sys.executable, "-c", SERVE_SCRIPT, str(folder / "s.db"))
    assert served.returncode == 0, served.stderr
    listed, story, upload, error = json.loads(served.stdout.splitlines()[-1])
    assert (listed, story, upload) == (200, 200, 403)
    assert "read-only" in error
