"""The thread page in a real browser (issue 25): a developing story's events on a timeline.

Playwright driving Debian's chromium, headless, as tests/test_serve_browser.py does (skips
when playwright or /usr/bin/chromium is missing; never `playwright install`). The store
holds the invented fixture of tests/test_threads.py: an arson case's arrest, charges and
hearing over ten days, and two earthquakes, so the case's thread has several events.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from browser_support import CHROMIUM, VIEWPORTS, axe_violations
from serve_support import running_server
from storylens.analyse import Analyser
from storylens.api import extract_articles
from storylens.config import Settings
from storylens.pipeline import Ingestor
from storylens.serve import ServeOptions, create_app
from storylens.store import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "threads" / "developing.jsonl"

pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.models,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    analyser = Analyser(Settings())
    db = str(tmp_path_factory.mktemp("threads") / "threads.db")
    articles = [replace(a, story_id=None, placement=None) for a in extract_articles([FIXTURE])]
    with open_store(db) as store:
        Ingestor(store, analyser, batch_size=4).ingest(articles)
    app = create_app(db, ServeOptions(rate_limit=0.0, warm=False), analyser=analyser)
    with running_server(app) as base:
        yield base


def _case(site: str) -> dict[str, Any]:
    """The arson case's thread report, as the API gives it."""
    listed = httpx.get(f"{site}/api/threads", timeout=60).json()["threads"]
    case = next(t for t in listed if "Renwick" in (t["title"] or ""))
    found: dict[str, Any] = httpx.get(f"{site}/api/threads/{case['id']}", timeout=120).json()
    return found["thread"]


def test_a_reader_sees_the_events_in_date_order_with_their_summaries_and_changes(
    browser: Any, site: str
) -> None:
    thread = _case(site)
    events = thread["events"]
    assert len(events) >= 2
    page = browser.new_page(viewport=VIEWPORTS[0])
    page.goto(f"{site}/threads/{thread['id']}")
    assert "developing story" in page.locator("p.meta").first.inner_text()

    shown = page.locator("ol.timeline > li.event")
    assert shown.count() == len(events)
    # Oldest first, on the page as in the report, and down the page in that order.
    dates = shown.locator("h2 .when").all_inner_texts()
    assert dates == [e["first_published"] for e in events] and dates == sorted(dates)
    tops = [shown.nth(i).bounding_box()["y"] for i in range(shown.count())]
    assert tops == sorted(tops)
    titles = shown.locator("h2 a").all_inner_texts()
    assert titles == [e["title"] for e in events]

    for index, event in enumerate(events):
        item = shown.nth(index)
        # Each event's comparison: its counts and the summary sentences.
        meta = item.locator("p.meta").inner_text()
        assert f"{event['claims']} fact" in meta and "disagreement" in meta
        assert event["summary"], event["story"]
        assert item.locator("blockquote").all_inner_texts() == event["summary"]
        link = item.locator("h2 a")
        assert link.get_attribute("href") == f"/stories/{event['story']}"
        # What changed from the event before (the first event has nothing before it).
        heading = item.locator("h3.changed")
        if index == 0:
            assert heading.count() == 0
            continue
        assert heading.inner_text() == "What changed since the event before"
        changes = event["changes"]
        listed = item.locator("ul.changes li").all_inner_texts()
        expected = (
            len(changes["new_facts"])
            + len(changes["changed_figures"])
            + len(changes["new_disagreements"])
            + len(changes["new_quotes"])
            + bool(changes["new_outlets"])
        )
        assert len(listed) == expected
        for fact in changes["new_facts"]:
            assert f"New fact: {fact['text']}" in listed
        for figure in changes["changed_figures"]:
            assert f"Changed figure: {figure['before']} → {figure['after']}" in listed
        if changes["new_outlets"]:
            outlets = ", ".join(o["outlet"] for o in changes["new_outlets"])
            assert f"New outlets: {outlets}" in listed
    # The last event (the hearing) brings something new.
    last = shown.nth(len(events) - 1).locator("ul.changes li").all_inner_texts()
    assert any(t.startswith(("New fact", "Changed figure")) for t in last), last

    # "New since": only the events with news on or after the date.
    page.get_by_role("textbox", name="New since").fill(events[-1]["first_published"])
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**since=*")
    later = page.locator("ol.timeline > li.event h2 .when").all_inner_texts()
    assert later and all(d >= events[-1]["first_published"] for d in later if d != "undated")
    page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366x900", "390x844"])
def test_thread_page_has_no_axe_violations(browser: Any, site: str, viewport: Any) -> None:
    thread = _case(site)
    # axe is injected as an inline script, which the page's own policy rightly refuses.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    for path in (f"/threads/{thread['id']}", f"/threads/{thread['id']}?since=2025-03-12"):
        page.goto(site + path)
        assert page.locator("h1").count() == 1
        # Nothing wider than the screen: the page does not scroll sideways.
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), path
        assert axe_violations(page) == [], path
    context.close()
