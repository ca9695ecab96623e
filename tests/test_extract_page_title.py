"""Page titles: the headline out of declared titles full of site names, slogans and sections,
and out of old templates that declare nothing useful (golden titles on fictional pages)."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from storylens.extract import extract
from storylens.extract.headline import echo_share, headline_in_body
from storylens.extract.printed_title import printed_in_title
from storylens.records import Article, RawDoc

_TEXT = (
    "<p>The Larkfield ferry resumed its crossings on Tuesday after the storm that closed the "
    "harbour for four days, the operator said, with extra sailings planned for the weekend.</p>"
    "<p>Engineers checked the slipway and the mooring posts before the first boat left. Two "
    "of the posts were replaced, and the storm damage to the ticket office is still repaired.</p>"
    "<p>Passengers who could not travel during the closure can use their tickets until May.</p>"
)
_HEADLINE = "Ferry crossings resume after storm"


def _title(page: str) -> str | None:
    result = extract(RawDoc("page.html", page, "html", url="https://larkfield-radio.example/n/1"))
    assert isinstance(result, Article), result
    return result.title


@pytest.mark.parametrize(
    "declared",
    [
        f"Larkfield Radio - Fair. Local. First. -{_HEADLINE}",  # a slogan, a dash run on
        f"{_HEADLINE}: Local: Harbour: Larkfield Radio",  # colons without a space before
        f"{_HEADLINE} (from Larkfield Radio)",  # the site in brackets
        f"Larkfield Radio -- Columnists - Ada Voss: {_HEADLINE}",  # a column's name
    ],
)
def test_declared_title_trimmed_to_the_part_the_page_prints(declared: str) -> None:
    page = (
        f"<html><head><title>{declared}</title></head><body>"
        f"<span style='font-size:18px'>{_HEADLINE}</span><br><span>By Ada Voss</span>"
        f"{_TEXT}</body></html>"
    )
    assert _title(page) == _HEADLINE


def test_title_without_a_printed_part_is_kept_whole() -> None:
    # "Study: ..." is the headline itself; the page prints no shorter part of it.
    declared = "Study: ferries last longer when painted"
    page = (
        f"<html><head><title>{declared}</title></head><body>"
        f"{_TEXT}<footer><p>Study:</p><p>ferries last longer</p></footer></body></html>"
    )
    assert _title(page) == declared


def test_styled_line_is_the_headline_when_nothing_is_declared() -> None:
    # A broken <head>: no title at all; the headline in a styled <div>, a picture's caption
    # between it and the text.
    page = (
        "<html><body><table><tr><td><div class='mxb'><div class='sh'>"
        f"{_HEADLINE}</div></div></td></tr><tr><td><table><tr><td><div>"
        "<img src='/ferry.jpg'><div>Engineers at the slipway on a calm morning</div></div>"
        f"</td></tr></table>{_TEXT}</td></tr></table></body></html>"
    )
    assert _title(page) == _HEADLINE


def test_menu_line_above_the_text_is_not_a_styled_headline() -> None:
    # Nothing names the story and the only short line above the text is a menu entry
    # whose words the text does not use.
    page = (
        "<html><body><div><span>Send us your news tips</span></div>"
        f"<div>{_TEXT}</div></body></html>"
    )
    assert _title(page) != "Send us your news tips"


def test_texts_first_line_beats_a_section_title() -> None:
    page = (
        "<html><head><title>Larkfield Radio: Harbour</title></head><body>"
        f"<article><p>Tuesday, March 4, 2008</p><p>{_HEADLINE}</p>{_TEXT}</article></body></html>"
    )
    assert _title(page) == _HEADLINE


def test_heading_ends_where_a_block_with_its_date_begins() -> None:
    page = (
        "<html><head><title>Larkfield Radio - Harbour</title></head><body><table><tr>"
        f"<td class='articleTitle'>{_HEADLINE}<table><tr><td>Published: Tuesday, 4 March, "
        "2008, 02:42 AM</td></tr></table></td></tr></table>"
        f"{_TEXT}</body></html>"
    )
    assert _title(page) == _HEADLINE


def test_one_word_section_from_a_title_path_loses_to_the_heading() -> None:
    page = (
        "<html><head><title>Larkfield Radio > Harbour > News</title></head><body>"
        f"<h1>{_HEADLINE}</h1>{_TEXT}</body></html>"
    )
    assert _title(page) == _HEADLINE


def test_printed_part_must_sit_between_separators() -> None:
    tree = fromstring("<html><body><p>ferries last</p><p>Harbour news</p></body></html>")
    assert printed_in_title(tree, ["Study: ferries last longer | Harbour news"]) == ["Harbour news"]
    assert printed_in_title(tree, ["ferries last"]) == []  # all of it: nothing to trim


def test_table_cells_in_the_text_are_not_its_headline() -> None:
    body = ["| Advanced Search | Home |", f"| {_HEADLINE} |", "Long " * 30]
    assert headline_in_body(body) == _HEADLINE


def test_echo_counts_words_alike() -> None:
    text = {"carragher", "defended", "confronting", "supporters"}
    assert echo_share("Carragher defends confrontation", text) == 1.0
    assert echo_share("Rovers sink Eagles", text) == 0.0


def test_lead_sentence_styled_as_a_heading_is_not_the_headline() -> None:
    # The lead paragraph carries a "head…" class and names the headline's words; it is a
    # sentence, the declared title is the headline.
    lead = (
        "Ferry crossings on the Larkfield route resumed on Tuesday after the storm that "
        "closed the harbour."
    )
    page = (
        f"<html><head><title>Larkfield Radio - {_HEADLINE}</title></head><body>"
        f"<p><font class='radiofull'>{_HEADLINE}</font></p>"
        f"<p class='headtypea'>{lead}</p>{_TEXT}</body></html>"
    )
    assert _title(page) == _HEADLINE
