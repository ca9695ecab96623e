"""The story list read in a real browser as a person reads it: Playwright driving Debian's
chromium, headless, over the hand-made store of test_serve_listing (no model loads).

Skips when playwright or /usr/bin/chromium is missing (never `playwright install`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser_support import CHROMIUM
from serve_support import running_server
from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.serve import ServeOptions, create_app
from test_serve_listing import build_store

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("list") / "list.db")
    build_store(db)
    options = ServeOptions(rate_limit=0.0, warm=False)
    with running_server(create_app(db, options, analyser=Analyser(Settings()))) as base:
        yield base


def test_a_reader_filters_pages_and_clears_the_story_list(browser: Any, site: str) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(site + "/")
    assert page.locator(".count").inner_text() == "7 stories."
    ferry = page.locator(".story-item").filter(has_text="Ferry fares")
    assert "2 independent sources (+1 republished)" in ferry.inner_text()
    disputed = ferry.locator(".badge.disputed")
    assert disputed.inner_text() == "1 disputed fact" and disputed.is_visible()
    regatta = page.locator(".story-item").filter(has_text="regatta").inner_text()
    assert "no disagreements" in regatta and "1 article · 1 outlet" in regatta
    assert "None" not in page.locator("main").inner_text()

    # A half-remembered outlet name, in lower case.
    page.get_by_label("Outlet").fill("valley")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/?*outlet=valley*")
    assert page.locator(".count").inner_text() == "1 story matches the filters."
    assert page.locator(".story-link").all_inner_texts() == [
        "Ferry fares rise by 12 percent from June"
    ]
    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_load_state()
    assert page.locator(".count").inner_text() == "7 stories."
    assert page.get_by_label("Outlet").input_value() == ""

    # Three a page: forward to the last page, and back again.
    page.goto(site + "/?limit=3")
    first_page = page.locator(".story-link").all_inner_texts()
    assert page.locator(".count").inner_text() == "Stories 1–3 of 7."
    assert page.get_by_role("link", name="Previous page").count() == 0
    page.get_by_role("link", name="Next page").click()
    page.wait_for_load_state()
    assert page.locator(".count").inner_text() == "Stories 4–6 of 7."
    page.get_by_role("link", name="Next page").click()
    page.wait_for_load_state()
    assert page.locator(".count").inner_text() == "Story 7 of 7."
    assert page.get_by_role("link", name="Next page").count() == 0
    page.get_by_role("link", name="Previous page").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Previous page").click()
    page.wait_for_load_state()
    assert page.locator(".story-link").all_inner_texts() == first_page
    page.close()
