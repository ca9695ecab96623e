"""The headline: the heading that opens the article text, weighed against the declared title."""

from __future__ import annotations

from storylens.extract import extract
from storylens.extract.headline import choose_headline, headline_in_body, is_label
from storylens.records import Article, RawDoc

_TEXT = (
    "<p>The Corriemoor rowing club has bought a second boathouse on the north bank, its chair "
    "said on Monday, ending a decade in which juniors trained from a borrowed shed.</p>"
    "<p>The club raised the money from members and a lottery grant. Work on the slipway starts "
    "in March, and the first crews should launch from the new boathouse by early summer.</p>"
    "<p>Neighbours welcomed the plan but asked the club to keep the towpath open to walkers.</p>"
)


def _title(page: str) -> str | None:
    result = extract(RawDoc("page.html", page, "html", url="https://corriemoor-echo.example/a"))
    assert isinstance(result, Article), result
    return result.title


def test_site_wide_title_loses_to_the_heading_before_the_text() -> None:
    # An old template: one <title> for every page, the logo in <h1>, the headline in a <td>.
    page = (
        "<html><head><title>Corriemoor Echo - Local news, sport and weather</title></head><body>"
        "<h1>Corriemoor Echo</h1><table><tr><td><a href='/'>Home</a> <a href='/s'>Sport</a> "
        "<a href='/w'>Weather</a></td></tr><tr><td><div class='storyheadline'>Rowers buy a "
        f"second boathouse</div><div>By Fenna Drost</div>{_TEXT}</td></tr></table></body></html>"
    )
    assert _title(page) == "Rowers buy a second boathouse"


def test_fuller_headline_wins_over_its_shortened_declared_title() -> None:
    page = (
        "<html><head><title>Rowers buy second boathouse | Corriemoor Echo</title></head><body>"
        "<header><h1>Corriemoor rowers buy a second boathouse on the north bank</h1></header>"
        f"<article>{_TEXT}</article></body></html>"
    )
    assert _title(page) == "Corriemoor rowers buy a second boathouse on the north bank"


def test_section_label_and_date_heading_are_not_headlines() -> None:
    page = (
        "<html><head><title>Corriemoor Echo</title></head><body><h1>LOCAL NEWS</h1>"
        "<h2>Rowers buy a second boathouse<br>12/01/2008 10:15</h2>"
        f"<h3>Latest News</h3>{_TEXT}</body></html>"
    )
    assert _title(page) == "Rowers buy a second boathouse"


def test_declared_article_title_kept_when_headings_are_unrelated() -> None:
    # A real declared headline, an unrelated widget heading before the text.
    page = (
        "<html><head><meta property='og:title' content='Rowing club buys second boathouse'>"
        "</head><body><h2>Tide times this week</h2>"
        f"<article>{_TEXT}</article></body></html>"
    )
    assert _title(page) == "Rowing club buys second boathouse"


def test_menu_styled_as_heading_is_skipped() -> None:
    page = (
        "<html><head><title>Corriemoor Echo</title></head><body>"
        "<h2 class='headline'>Fair winds for the regatta</h2>"
        "<h3><a href='/1'>Schedule</a> <a href='/2'>Results</a> <a href='/3'>Crews</a></h3>"
        f"{_TEXT}</body></html>"
    )
    assert _title(page) == "Fair winds for the regatta"


def test_first_line_of_text_names_the_article_only_when_nothing_declared_does() -> None:
    body = ["Sport", "Rowers buy a second boathouse", "The Corriemoor rowing club " * 9]
    assert headline_in_body(body) == "Rowers buy a second boathouse"
    assert headline_in_body(["The Corriemoor rowing club " * 9, "Short line"]) is None
    names = ["corriemoor-echo.example"]
    assert choose_headline(None, [], "Rowers buy", names, body) == "Rowers buy"
    assert choose_headline("Corriemoor Echo", [], "Rowers buy", names, body) == "Rowers buy"
    declared = "Club buys a boathouse for its juniors"
    assert choose_headline(declared, [], "Tide times", names, body) == declared


def test_is_label() -> None:
    assert is_label("Top Classifieds") and is_label("OUR SITES") and is_label("Categories:")
    assert is_label("January 16, 2008")
    assert not is_label("Red-hot frontrunners") and not is_label("Mirror, Mirror")


def test_page_wide_form_is_not_a_region_to_skip() -> None:
    # ASP.NET templates wrap the whole page, article included, in one <form>.
    page = (
        "<html><head><title>The Corriemoor Echo - Article</title></head><body>"
        "<form id='aspnetForm'><table><tr><td class='ArticleHead'>Rowers buy a second "
        f"boathouse</td></tr><tr><td>{_TEXT}</td></tr></table></form></body></html>"
    )
    assert _title(page) == "Rowers buy a second boathouse"


def test_byline_styled_as_headline_is_not_the_title_but_an_article_title_id_is() -> None:
    page = (
        "<html><head></head><body><div><span class='sections' id='ct_articleTitle'>Rowers buy "
        "a second boathouse</span><span class='headline'>By Fenna Drost</span>"
        f"<div>{_TEXT}</div></div></body></html>"
    )
    assert _title(page) == "Rowers buy a second boathouse"
