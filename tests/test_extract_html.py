"""The HTML path: trafilatura body, the page's own metadata, and the fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.extract import NO_TEXT, extract
from storylens.extract import html as html_path
from storylens.extract.fallback import densest_paragraphs
from storylens.extract.fastbody import FastBody
from storylens.extract.text import clean_author, clean_title
from storylens.records import Article, Failure, RawDoc

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _page(name: str, url: str | None = None) -> Article:
    path = FIXTURES / name
    result = extract(RawDoc(str(path), path.read_text("utf-8"), "html", url=url))
    assert isinstance(result, Article), result
    return result


def test_news_page_metadata_comes_from_its_declarations() -> None:
    article = _page("courier_article.html")
    assert article.title == "Harbour bridge reopens after eight months of storm repairs"
    assert article.published == "2023-10-14"  # datePublished, not dateModified
    assert article.metadata["published_source"] == "json-ld"
    assert article.author == "Mirela Castellan"  # JSON-LD person, not the "Courier Staff" meta
    assert article.outlet == "The Larkfield Courier"
    assert article.language == "en"
    assert article.url == "https://www.larkfieldcourier.example/news/harbour-bridge-reopens"
    assert article.metadata["extractor"] == "fast"


def test_news_page_body_keeps_the_article_and_drops_the_page_furniture() -> None:
    body = _page("courier_article.html").body
    paragraphs = body.split("\n\n")
    assert paragraphs[0].startswith("The swing bridge that joins the two halves of Port Aldric")
    assert paragraphs[-1].startswith("The council said the bridge would open for shipping")
    assert len(paragraphs) == 6
    for furniture in (
        "We use cookies",
        "Ferry timetable changes",  # related links inside the article
        "Larkfield bakery wins",  # most read
        "All rights reserved",
        "Sign in",
        "Tweet",
        "Harbour bridge reopens",  # the headline is the title, not body text
    ):
        assert furniture not in body


def test_container_url_wins_over_canonical() -> None:
    article = _page("courier_article.html", url="https://mirror.example/bridge")
    assert article.url == "https://mirror.example/bridge"
    assert article.outlet == "The Larkfield Courier"


def test_json_ld_body_restores_paragraphs_trafilatura_ran_together() -> None:
    article = _page("app_shell_json_ld.html")
    assert article.title == "Library extends opening hours after reading room survey"
    assert article.author == "Tobias Arnfield"
    assert article.outlet == "Meadowvale Herald"
    assert article.published == "2022-05-03"
    assert article.metadata["extractor"] == "json-ld"
    assert len(article.body.split("\n\n")) == 4
    assert "Loading" not in article.body


def test_meta_date_and_site_suffix_in_title() -> None:
    article = _page("aside_layout.html")
    assert article.title == "Pier repainting finished ahead of summer"
    assert article.outlet == "Glenmoor Gazette"
    assert article.published == "2021-04-18"
    assert article.metadata["published_source"] == "meta"
    assert "Tide tables" not in article.body


def test_page_without_any_date_gets_none_never_a_crawl_date() -> None:
    article = _page("div_soup.html")
    assert article.published is None
    assert "published_source" not in article.metadata
    assert article.title == "Orchard cooperative buys cider press"


@pytest.fixture
def trafilatura_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura finding nothing, as it does on pages its XPaths do not fit (and the fast
    path unsure of itself, so that trafilatura's path runs)."""
    monkeypatch.setattr(html_path, "bare_extraction", lambda *args, **kwargs: None)
    monkeypatch.setattr(html_path, "fast_body", lambda markup: FastBody([], [], []))


@pytest.mark.usefixtures("trafilatura_fails")
def test_fallback_to_json_ld_article_body() -> None:
    article = _page("app_shell_json_ld.html")
    assert article.metadata["extractor"] == "json-ld"
    assert article.body.startswith("The Meadowvale public library will stay open")
    assert article.published == "2022-05-03"  # from the JSON-LD, no htmldate needed


@pytest.mark.usefixtures("trafilatura_fails")
def test_fallback_to_densest_block_of_divs_and_line_breaks() -> None:
    article = _page("div_soup.html")
    assert article.metadata["extractor"] == "densest-block"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The Ashcombe orchard cooperative has bought")
    assert paragraphs[2].endswith("in time for the autumn harvest.")
    assert "Archive" not in article.body and "Privacy" not in article.body


def test_densest_paragraphs_skips_link_lists_and_footers() -> None:
    from trafilatura.utils import load_html

    tree = load_html(
        "<html><body><div class='menu'><p><a href='/'>Home page of the site and its many "
        "sections</a></p></div><div id='main'><p>First paragraph of the story, with enough "
        "words to count.</p><p>Second paragraph of the story, again long enough to count."
        "</p></div><footer><p>Footer text that is long enough to be a paragraph too.</p>"
        "</footer></body></html>"
    )
    assert densest_paragraphs(tree) == [
        "First paragraph of the story, with enough words to count.",
        "Second paragraph of the story, again long enough to count.",
    ]


@pytest.mark.parametrize(
    "content",
    ["", "   ", "<html></html>", "<html><body><nav><a href='/'>Home</a></nav></body></html>"],
)
def test_pages_without_text_are_failures_with_a_reason(content: str) -> None:
    result = extract(RawDoc("empty.html", content, "html"))
    assert isinstance(result, Failure)
    assert result.source == "empty.html"
    assert result.reason in (NO_TEXT, "not readable as HTML")


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Bridge reopens | The Courier", [], "Bridge reopens"),
        ("Bridge reopens - The Larkfield Courier", ["The Larkfield Courier"], "Bridge reopens"),
        (
            "Courier :: Bridge reopens after repairs",
            ["courier.example"],
            "Bridge reopens after repairs",
        ),
        ("Bridge reopens - World - Sport - Northern News", [], "Bridge reopens"),
        (
            # The site's self-description is the longest part of the path.
            "Bridge reopens | LOCAL | Breaking Larkfield News, Weather, Sports from LARK.example",
            ["lark.example"],
            "Bridge reopens",
        ),
        ("Larkfield, The Daily Courier: Sport | Rovers sink Eagles", [], "Rovers sink Eagles"),
        ("Study: bridges last longer when painted", [], "Study: bridges last longer when painted"),
        ("The Adult&#39;s Guide", [], "The Adult's Guide"),
        (None, [], None),
    ],
)
def test_clean_title(title: str | None, sites: list[str], expected: str | None) -> None:
    assert clean_title(title, sites) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Mirela Castellan", "Mirela Castellan"),
        ("Posted by : Tobias Arnfield", "Tobias Arnfield"),
        ("by Greta Sollis June 13, 2019", "Greta Sollis"),
        ("Orla Penhallow and Maren Oakley", "Orla Penhallow; Maren Oakley"),
        ("By Marine Le Pen", "Marine Le Pen"),
        ("Reuters Staff", None),
        ("AFP", None),
        ("Staff and agencies", None),
        ("Home News Sport", None),
        ("https://example.com/staff/castellan", None),
        ("Personal finance January", None),
    ],
)
def test_clean_author_keeps_names_of_people_only(byline: str, expected: str | None) -> None:
    assert clean_author(byline) == expected


def test_html_nested_past_the_parser_limit_says_so() -> None:
    # Found by the resource-bound bombs: lxml drops what lies below 255 levels, and the page
    # failed as "no article text found", which hid why.
    paragraph = "<p>A harbour crane fell on Tuesday, the port authority said.</p>" * 20
    for depth, readable in ((100, True), (100_000, False)):
        html = "<html><body>" + "<div>" * depth + paragraph + "</div>" * depth
        result = extract(RawDoc("deep.html", html, "html"))
        if readable:
            assert isinstance(result, Article) and "harbour crane" in result.body
        else:
            assert result == Failure("deep.html", html_path.TOO_DEEP)
            assert "nested over 255 levels" in html_path.TOO_DEEP
