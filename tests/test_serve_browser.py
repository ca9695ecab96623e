"""The web page in a real browser: Playwright driving Debian's chromium, headless.

Skips when playwright or /usr/bin/chromium is missing (never `playwright install`: CI
installs Debian's chromium). The sample corpus is ingested into a temporary SQLite store;
the XSS corpus (tests/fixtures/xss.jsonl, our own payloads) through the API itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from serve_support import AUTH, FIXTURES, TOKEN, running_server
from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.inputs import extract_inputs
from storylens.output.json import SCHEMA_VERSION
from storylens.pipeline import Ingestor
from storylens.serve import ServeOptions, create_app
from storylens.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ["html", "dumps", "feeds", "archive", "encodings", "gz"]
SCREENSHOT = ROOT / "docs" / "story-page.png"
XSS = FIXTURES / "xss.jsonl"

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.models,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser(Settings())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def corpus_site(
    analyser: Analyser, corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("corpus") / "corpus.db")
    inputs = [str(corpus_dir / name) for name in SAMPLE]
    with open_store(db) as store:
        report = Ingestor(store, analyser).ingest(extract_inputs(inputs, Settings()))
    gold = json.loads((corpus_dir / "gold.json").read_text("utf-8"))["documents"]
    assert report.stored == len(gold)
    app = create_app(db, ServeOptions(rate_limit=0.0), analyser=analyser)
    with running_server(app) as base:
        yield base


def test_list_search_story_quote_export(browser: Any, corpus_site: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(corpus_site + "/")
    gold = json.loads((ROOT / "corpus" / "gold.json").read_text("utf-8"))["documents"]
    assert page.locator(".story-item").count() == len({doc["story"] for doc in gold.values()})
    page.get_by_label("Search").fill("balkanergo")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/?q=balkanergo*")
    assert page.locator(".story-item").count() == 1
    page.locator(".story-link").first.click()
    page.wait_for_url("**/stories/*")

    columns = page.locator(".column")
    assert columns.count() >= 2
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert first["y"] == second["y"] and second["x"] > first["x"] + first["width"] - 1
    outlets = columns.locator(".outlet").all_inner_texts()
    assert "Balkan Press Agency" in outlets

    matched = page.locator(".quote").filter(has=page.locator(".rendering").nth(1))
    assert matched.count() >= 1
    rendering = matched.first.locator(".rendering").first
    rendering.click()
    assert rendering.get_attribute("aria-pressed") == "true"
    assert page.locator(".seg.hl").count() >= 1

    shared = page.locator(".claim.k-shared").first
    shared.focus()
    page.keyboard.press("Enter")  # keyboard works as well as a click
    assert shared.get_attribute("aria-pressed") == "true"
    lit_columns = page.locator(".column").filter(has=page.locator(".seg.hl"))
    assert lit_columns.count() >= 2
    SCREENSHOT.parent.mkdir(exist_ok=True)
    shared.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOT))

    with page.expect_download() as json_download:
        page.get_by_role("link", name="Export JSON").click()
    exported = json.loads(Path(json_download.value.path()).read_text())
    assert exported["schema_version"] == SCHEMA_VERSION and len(exported["stories"]) == 1
    with page.expect_download() as md_download:
        page.get_by_role("link", name="Export Markdown").click()
    assert Path(md_download.value.path()).read_text().startswith("# ")
    with page.expect_download() as html_download:
        page.get_by_role("link", name="Export HTML report").click()
    report = Path(html_download.value.path()).read_text()
    assert report.startswith("<!DOCTYPE html>") and "Balkan" in report
    page.close()


def test_story_page_fits_a_phone(browser: Any, corpus_site: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(corpus_site + "/")
    page.locator(".story-link").first.click()
    page.wait_for_url("**/stories/*")
    columns = page.locator(".column")
    assert columns.nth(0).bounding_box()["x"] == columns.nth(1).bounding_box()["x"]  # stacked
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


@pytest.fixture(scope="module")
def xss_site(analyser: Analyser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("xss") / "xss.db")
    app = create_app(db, ServeOptions(token=TOKEN, rate_limit=0.0), analyser=analyser)
    with running_server(app) as base:
        response = httpx.post(
            base + "/api/ingest",
            content=XSS.read_bytes(),
            headers={**AUTH, "Content-Type": "application/x-ndjson"},
            timeout=300,
        )
        assert response.status_code == 200, response.text
        assert response.json()["stored"] == 12
        yield base


def test_xss_corpus_has_fifty_payloads() -> None:
    records = [json.loads(line) for line in XSS.read_text().split("\n") if line]
    text = "\n".join(f"{r['title']}\n{r['outlet']}\n{r['url']}\n{r['text']}" for r in records)
    assert text.count("__xss=") + text.count("evil.example") >= 50


def test_xss_corpus_renders_inert(browser: Any, xss_site: str) -> None:
    context = browser.new_context()
    left: list[str] = []

    def guard(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective));"
    )
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(xss_site + "/?limit=100")
    links = page.locator(".story-link").evaluate_all("els => els.map(e => e.href)")
    assert len(links) >= 1
    pages = [xss_site + "/?limit=100", xss_site + "/?q=%3Cscript%3E", *links]
    for url in pages:
        page.goto(url)
        for button in page.locator("button[data-mark]").all()[:20]:
            button.click()
        for link in page.locator("a[href]").evaluate_all("els => els.map(e => e.href)"):
            assert urlsplit(link).scheme in ("http", "https"), link
            assert urlsplit(link).hostname in ("127.0.0.1", "valid.example"), link
        assert page.evaluate("window.__xss === undefined"), url
        assert page.evaluate("window.__violations") == [], url
        injected = page.evaluate(
            "[...document.querySelectorAll('*')].filter(el =>"
            " [...el.attributes].some(a => a.name.startsWith('on'))"
            " || ['IFRAME','OBJECT','EMBED','IMG','SVG','VIDEO','AUDIO','BASE','META','X',"
            "'MARQUEE','DETAILS','TEMPLATE','MATH','TABLE','INPUT','STYLE'].includes(el.tagName.toUpperCase())"
            " && !(el.tagName === 'INPUT' && el.closest('form.search'))"
            " && !(el.tagName === 'TABLE' && el.matches('section.entities > table'))"
            " && !(el.tagName === 'META' && el.parentElement === document.head)).length"
        )
        assert injected == 0, url
        assert "__xss=" in page.content() or url.endswith("%3Cscript%3E")
    assert dialogs == []
    assert left == []
    context.close()
