"""The fast body path (extract/fastbody.py) on our own fictional pages: golden paragraphs, the
rule that decides when trafilatura runs instead, and that no markup makes it raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.extract import extract
from storylens.extract.fastbody import FastBody, fast_body
from storylens.extract.opening import headline_opening
from storylens.extract.textdump import strip_comments_and_boilerplate
from storylens.records import Article, RawDoc

ARTICLE = [
    "The Velmora ferry council agreed on Monday to run a night boat across the bay from May, "
    "after two years of petitions from shift workers at the harbour.",
    "Councillor Edda Brannigan said the boat would leave the north quay every ninety minutes "
    "between midnight and five, and that fares would match the daytime service.",
    "The operator, Bay Lines, has leased a second vessel for the trial, which will run until "
    "the end of October before the council decides whether to keep it.",
]
NAV = "".join(f'<li><a href="/{w}">{w.title()} section</a></li>' for w in "news sport arts".split())
TEASERS = "".join(
    f'<div class="card"><a href="/t{i}"><img src="t{i}.png"></a><div>{title}</div></div>'
    for i, title in enumerate(
        ["Lighthouse keeper retires after forty years", "Market hall roof to be replaced"]
    )
)


def _page(body: str, body_class: str = "") -> str:
    head = "<head><title>Night ferry</title></head>"
    return f'<html>{head}<body class="{body_class}">{body}</body></html>'


def _news_page(wrapper_class: str = "page") -> str:
    paras = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return _page(
        f"<nav><ul>{NAV}</ul></nav>"
        f'<div class="{wrapper_class}">'
        f'<div class="story-body"><h1>Night ferry approved</h1>{paras}</div>'
        f'<div class="most-read"><h3>Most read</h3>{TEASERS}</div>'
        '<div class="comments"><p>What a great idea, about time the council listened.</p></div>'
        "</div>"
        "<footer><p>Copyright Velmora Bay Post. All rights reserved, reproduction forbidden.</p>"
        "</footer>"
    )


def test_news_page_gives_the_article_paragraphs_and_nothing_else() -> None:
    found = fast_body(_news_page())
    assert found.paragraphs == ["Night ferry approved", *ARTICLE]
    assert found.confident


def test_a_wrapper_named_like_furniture_still_holds_the_article() -> None:
    # "has-sidebar" names a layout, not a sidebar: "page-content" names the article alone.
    found = fast_body(_news_page(wrapper_class="has-sidebar page-content"))
    assert found.paragraphs[1:] == ARTICLE
    # ...and a wrapper holding most of the page's prose is the page, whatever its name.
    found = fast_body(_news_page(wrapper_class="sidebar-layout"))
    assert found.paragraphs[1:] == ARTICLE


def test_a_data_table_is_kept_row_by_row() -> None:
    table = (
        "<table><tr><th>Route</th><th>Last boat</th></tr>"
        "<tr><td>North quay</td><td>04:30</td></tr></table>"
    )
    found = fast_body(_page("<article>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + table))
    assert found.paragraphs[-2:] == ["| Route | Last boat", "| North quay | 04:30"]


def test_template_blocks_repeated_across_the_page_are_left_out() -> None:
    offers = "".join(
        f"<p>Free delivery on orders over {n} marks. See our delivery page for more details.</p>"
        for n in range(20, 80, 10)
    )
    found = fast_body(_page("<div>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + offers + "</div>"))
    assert found.paragraphs == ARTICLE


def test_script_text_and_hidden_copies_are_not_text() -> None:
    leaked = "<p>var pos = {x: 1}; if (a < b) { show(pos); } else { hide(pos); };</p>"
    hidden = '<div style="display: none"><p>Hidden copy of the teaser text for the app.</p></div>'
    found = fast_body(_page("<div>" + leaked + hidden + "".join(f"<p>{p}</p>" for p in ARTICLE)))
    assert found.paragraphs == ARTICLE


def test_comment_thread_without_a_class_is_cut_after_the_article() -> None:
    thread = (
        "<h4>Comments (2)</h4><p>Finally some sense from the council, well done all.</p>"
        "<p>Posted by harbourgull at 10:02 PM</p><p>It will never pay for itself.</p>"
        "<p>Posted by quayside at 11:15 PM</p>"
    )
    found = fast_body(_page("<div>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + thread + "</div>"))
    assert strip_comments_and_boilerplate(found.paragraphs, "en") == ARTICLE


def test_one_block_that_is_not_most_of_the_prose_is_not_trusted() -> None:
    links = "".join(
        f'<li><a href="/{i}">Another story from the archive {i}</a></li>' for i in range(12)
    )
    page = _page(f"<div><p>{ARTICLE[0]}</p></div><div><p>{ARTICLE[1]}</p><ul>{links}</ul></div>")
    found = fast_body(page)
    assert len(found.chosen) == 1 and found.paragraphs[0] in ARTICLE[:2]
    assert found.prose_share < 0.6
    assert not found.confident  # trafilatura's path decides this page


def test_extract_takes_the_fast_text_and_records_it() -> None:
    article = extract(RawDoc("ferry", _news_page(), "html"))
    assert isinstance(article, Article)
    assert article.metadata["extractor"] == "fast"
    assert article.body.split("\n\n") == ARTICLE  # the headline is the title, not body text
    assert article.title == "Night ferry approved"


def test_an_empty_page_gives_no_blocks() -> None:
    assert fast_body("") == FastBody([], [], [])
    assert not fast_body("<html><body></body></html>").confident


_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_TAGS = st.sampled_from(
    "p div span a li ul td tr table br h2 pre nav footer aside script style section".split()
)
_ATTRS = st.sampled_from(
    [
        "",
        ' class="comment"',
        ' class="article-body"',
        ' id="nav"',
        ' style="display:none"',
        " hidden",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["The bay ferry runs at night.", "Share", "{x: 1};", "&amp;#8217;", "<"]),
)


@st.composite
def _markup(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        tag, attrs = draw(_TAGS), draw(_ATTRS)
        choice = draw(st.integers(0, 2))
        if choice == 0:
            parts.append(f"<{tag}{attrs}>")  # opened, maybe never closed
        elif choice == 1:
            parts.append(f"</{tag}>")  # closed, maybe never opened
        parts.append(draw(_TEXT))
    return "".join(parts)


@_SETTINGS
@given(markup=st.one_of(_markup(), st.text(max_size=500)))
def test_fast_body_never_raises_and_gives_clean_lines(markup: str) -> None:
    found = fast_body(markup)
    assert isinstance(found.confident, bool)
    for paragraph in found.paragraphs:
        assert paragraph and paragraph == paragraph.strip() and "\n" not in paragraph
    assert all(block in found.blocks for block in found.chosen)


def test_markup_nested_past_the_depth_limit_does_not_raise() -> None:
    deep = "<div>" * 3000 + "Deep text of the bay ferry story." + "</div>" * 3000
    assert fast_body(_page(deep)).paragraphs == []  # too deep to read: trafilatura's path says so


def test_headline_opening_is_the_lines_above_the_first_paragraph_then_the_text() -> None:
    # The kicker inside the region and the weather line above it are out; the headline and the
    # date just above the first paragraph are in, and a hard-wrapped paragraph reads as one line.
    wrapped = "The harbour board approved the night ferry\non Tuesday after a long debate."
    paras = "".join(f"<p>{p}</p>" for p in ARTICLE)
    page = _page(
        "<div><p>Weather: rain later</p><h2>Night ferry approved</h2></div>"
        f'<div class="story-body"><p>Exclusive</p><p>12 March 2024</p><p>{wrapped}</p>'
        f"{paras}</div>"
    )
    assert headline_opening(fast_body(page)) == [
        "Night ferry approved",
        "Exclusive",
        "12 March 2024",
        wrapped.replace("\n", " "),
        *ARTICLE,
    ]
