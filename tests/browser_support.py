"""One way to drive a browser in the tests: Debian's chromium under Playwright (never
`playwright install`), and axe-core from npm (`npm ci`, which `make test` runs).

Test files that read pages as a person does use the `browser` fixture (tests/conftest.py),
which skips when Playwright or /usr/bin/chromium is missing, and `axe_violations(page)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = [DESKTOP, PHONE]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium, or a skip where Playwright or the browser is missing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def axe_violations(page: Any) -> list[tuple[str, list[Any]]]:
    """axe-core's violations on the page as it is now: (rule, first three targets). The
    page must have been opened in a context with `bypass_csp=True`: axe is injected as an
    inline script, which the page's own policy rightly refuses."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
