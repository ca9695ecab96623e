"""The story list as storylens watch fills it, read in a real browser (Playwright driving
Debian's chromium, headless): stories dated since the reader's last visit carry a "new"
badge, and stories stored while the page is open are announced by its poll of the API.

Skips when playwright or /usr/bin/chromium is missing (never `playwright install`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import CHROMIUM
from serve_support import running_server
from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.pipeline import describe_story
from storylens.records import Article
from storylens.serve import ServeOptions, create_app
from storylens.store import open_store
from test_serve_listing import build_store

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, str]]:
    db = str(tmp_path / "list.db")
    build_store(db)
    options = ServeOptions(rate_limit=0.0, warm=False)
    with running_server(create_app(db, options, analyser=Analyser(Settings()))) as base:
        yield base, db


def visit_after(browser: Any, base: str, last_visit: str) -> Any:
    """A new browsing session whose previous visit was at `last_visit`."""
    context = browser.new_context()
    context.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');"
        f" localStorage.setItem('storylens.lastVisit', '{last_visit}'); }}"
    )
    page = context.new_page()
    page.clock.install()
    page.goto(base + "/?sort=recent")
    return page


def test_stories_dated_since_the_last_visit_are_marked_new(browser: Any, site: Any) -> None:
    base, _ = site
    page = visit_after(browser, base, "2025-05-07T09:00:00.000Z")
    new = page.locator(".story-item").filter(has=page.locator(".badge.new"))
    # Ferry (last article 2025-05-08) and regatta (2025-09-01); the April fillers are older.
    assert sorted(t.split("\n")[0] for t in new.all_inner_texts()) == sorted(
        t.split("\n")[0]
        for t in page.locator(".story-item").all_inner_texts()
        if "Ferry" in t or "regatta" in t
    )
    assert new.count() == 2
    assert new.first.locator(".badge.new").inner_text() == "new since your last visit"
    page.reload()  # the same session: the badges stay
    assert page.locator(".badge.new").count() == 2
    later = visit_after(browser, base, "2030-01-01T00:00:00.000Z")
    assert later.locator(".badge.new").count() == 0


def test_a_story_stored_while_the_page_is_open_is_announced(browser: Any, site: Any) -> None:
    base, db = site
    page = visit_after(browser, base, "2030-01-01T00:00:00.000Z")
    note = page.locator(".live-note")
    assert note.is_hidden()
    page.clock.run_for(31_000)
    page.wait_for_timeout(300)
    assert note.is_hidden()  # nothing new yet

    article = Article(
        id="b" * 16,
        source="watch",
        body="The night ferry resumes on Friday, the harbour office said.",
        title="Night ferry resumes",
        outlet="Harbour Times",
        published="2025-10-02",
    )
    article.story_id = article.id
    with open_store(db) as store:
        store.write_batch([article], [describe_story(article.id, [article.id], [article])])
    time.sleep(1.2)  # the server looks for another process' writes once a second
    page.clock.run_for(31_000)
    note.wait_for(state="visible", timeout=5000)
    assert note.inner_text().startswith("1 new story since this page was loaded")
    note.locator("a").click()
    page.wait_for_load_state()
    assert page.locator(".story-item").filter(has_text="Night ferry resumes").count() == 1


def _join_ferry_story(db: str, body: str) -> None:
    """An article that storylens watch would file under the ferry story, stored now."""
    with open_store(db) as store:
        members = store.load_articles(["ferry-a", "ferry-b", "ferry-c"], with_analysis=False)
        new = Article(
            id="ferry-d",
            source="watch",
            body=body,
            title="Second night crossing",
            outlet="Northern Ledger",
            published="2025-05-09",
        )
        new.story_id = "s-ferry"
        joined = [*members, new]
        store.write_batch([new], [describe_story("s-ferry", [a.id for a in joined], joined)])


def test_facts_new_on_a_story_are_announced_and_marked_on_the_next_visit(
    browser: Any, site: Any
) -> None:
    base, db = site
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()
    page.goto(base + "/stories/s-ferry")
    claims = page.locator("li.claim-item")
    before = claims.count()
    assert before >= 1
    assert page.locator(".badge.new").count() == 0  # a first visit: nothing to call new
    note = page.locator(".live-note.story-live")
    assert note.is_hidden()

    _join_ferry_story(db, "The operator will add a second night crossing to Lundholm in July.")
    time.sleep(1.2)  # the server looks for another process' writes once a second
    page.clock.run_for(31_000)
    note.wait_for(state="visible", timeout=30_000)  # the story is compared again first
    assert note.inner_text().startswith("1 new fact since this page opened")

    # The next visit (a new browsing session, same browser storage) marks that fact.
    later = context.new_page()
    later.goto(base + "/stories/s-ferry")
    new = later.locator("li.claim-item").filter(has=later.locator(".badge.new"))
    assert new.count() == 1
    assert "second night crossing" in new.inner_text()
    assert new.locator(".badge.new").inner_text() == "new since your last visit"
    assert later.locator("li.claim-item").count() == before + 1
    context.close()
