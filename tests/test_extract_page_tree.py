"""The page's lxml tree: the same tree trafilatura's loader builds, and bounded text reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement, tostring
from trafilatura.utils import load_html

from storylens.extract.authors import byline_texts
from storylens.extract.htmlmeta import read_meta
from storylens.extract.page_tree import parse_page, short_text
from storylens.extract.text import normalise_line

PAGES = [
    "<html><head><title>Harbour fog delays ferries</title></head>"
    "<body><form><input name='q'></form><h1>Harbour fog</h1><p>Ferries waited.</p></body></html>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Declared encoding</p></body></html>',
    "<!DOCTYPE html><html lang='en'><body><table><tr><td>Cell</td></tr></table></body></html>",
    "not markup at all",
]


def test_parse_page_builds_the_tree_trafilatura_builds() -> None:
    for page in PAGES:
        ours, theirs = parse_page(page), load_html(page)
        if theirs is None:
            assert ours is None or page == "not markup at all"
            continue
        assert ours is not None
        assert tostring(ours) == tostring(theirs)
        # one element class for every element (form fields included): the cheap lookup
        assert {type(element) for element in ours.iter()} == {HtmlElement}


def test_a_fragment_is_read_inside_a_page_of_its_own() -> None:
    tree = parse_page("<p>Only a paragraph</p>")
    assert tree is not None and tree.text_content() == "Only a paragraph"


def test_short_text_reads_short_elements_and_refuses_long_ones() -> None:
    tree = parse_page(
        "<html><body><div><span>Published\u00a0 <b>May 2,</b>\n 2021</span>"
        "<p>" + "word " * 40 + "</p></div></body></html>"
    )
    assert tree is not None
    span = next(tree.iter("span"))
    assert short_text(span, 60) == "Published May 2, 2021"
    assert short_text(span, 10) is None
    assert short_text(next(tree.iter("div")), 60) is None


_PIECES = st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u200b"), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=6), st.integers(min_value=0, max_value=30))
def test_short_text_is_the_normalised_text_within_the_limit(pieces: list[str], limit: int) -> None:
    markup = "".join(f"<span>{piece}</span>{piece}" for piece in pieces)
    tree = parse_page(f"<html><body><div>{markup}</div></body></html>")
    assert tree is not None
    div = next(tree.iter("div"))
    whole = normalise_line(div.text_content())
    assert short_text(div, limit) == (whole if len(whole) <= limit else None)


def test_meta_reads_each_kind_once_in_page_order() -> None:
    tree = parse_page(
        "<html><head><title></title><title>Second title</title>"
        '<link rel="canonical" href="/relative"><link rel="canonical" href="https://a.example/x">'
        '<meta name="author" content="Ada Quill"></head><body>'
        '<time itemprop="datePublished" datetime="2024-05-06">May 6</time>'
        "<h1>One</h1><h1></h1><h1>Two</h1></body></html>"
    )
    assert tree is not None
    meta = read_meta(tree)
    assert meta.page_title == "Second title"
    assert meta.canonical == "https://a.example/x"
    assert meta.headings == ("One", "Two")
    assert (meta.published, meta.published_source) == ("2024-05-06", "meta")
    assert meta.author == "Ada Quill"


def test_bylines_are_short_author_elements_in_page_order() -> None:
    tree = parse_page(
        '<html><body><div class="author-box">' + "About the writer. " * 10 + "</div>"
        '<span class="byline">By Tomas Reed</span><a rel="author">Lena Fisk</a></body></html>'
    )
    assert tree is not None
    assert byline_texts(tree) == ["By Tomas Reed", "Lena Fisk"]
