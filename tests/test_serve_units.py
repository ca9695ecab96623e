"""The serve package's pure parts: safe links, marked segments, the story view of typed
records, listing parameters and cursors, the rate limiter (no models, no server)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.records import (
    Article,
    Claim,
    Comparison,
    Conflict,
    Coverage,
    Framing,
    QuoteMatch,
    QuoteRendering,
    Span,
    StoryEntity,
    TimelineItem,
    Unconfirmed,
)
from storylens.serve.listing import BadParameter, decode_cursor, encode_cursor, story_query
from storylens.serve.security import RateLimiter, safe_link
from storylens.serve.view import StoryView, segments, story_view
from storylens.store import StoryCursor


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/a?b=1&c=2",
        "http://news.example:8080/path#frag",
        "HTTPS://NEWS.EXAMPLE/",
    ],
)
def test_http_urls_are_links(url: str) -> None:
    assert safe_link(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "https://",
        'https://x.example/" onmouseover="alert(1)',
        "https://x.example/<script>",
        "https://x.example/" + "a" * 3000,
        None,
        42,
    ],
)
def test_other_urls_are_not_links(url: Any) -> None:
    assert safe_link(url) is None


def test_segments_cut_at_every_mark_and_list_covering_marks() -> None:
    body = "Alpha beta. Gamma delta."
    marks = [(0, 11, "c0", "shared"), (6, 24, "c1", "single"), (12, 17, "q0-0", "quote")]
    pieces = [(s.text, s.marks, s.kind) for s in segments(body, marks)]
    assert pieces == [
        ("Alpha ", ["c0"], "shared"),
        ("beta.", ["c0", "c1"], "shared"),
        (" ", ["c1"], "single"),
        ("Gamma", ["c1", "q0-0"], "single"),
        (" delta.", ["c1"], "single"),
    ]


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=6),
)
def test_segments_always_rebuild_the_body(body: str, spans: list[tuple[int, int]]) -> None:
    marks = [(s, e, f"c{i}", "single") for i, (s, e) in enumerate(spans)]
    assert "".join(piece.text for piece in segments(body, marks)) == body


BODIES = {
    "a1": "Five people died on Monday.",
    "b2": "Seven people died on Monday.",
    "c3": "Five people died on Monday.",
}
OUTLETS = {"a1": "Gazette", "b2": "Courier", "c3": "Ledger"}


def span(article: str, start: int, end: int) -> Span:
    return Span(article, start, end, BODIES[article][start:end])


FIVE, SEVEN = span("a1", 0, 27), span("b2", 0, 28)


def two_outlets(*more: str, **outlets: str) -> tuple[list[Article], Comparison]:
    """Two outlets' reports of a death toll that disagree, with a conflict, a dated
    sentence and a named person; `more` adds articles (`outlets` renames their outlet)."""
    ids = ["a1", "b2", *more]
    articles = [
        Article(i, source=i, body=BODIES[i], title=i, outlet=outlets.get(i, OUTLETS[i]))
        for i in ids
    ]
    for article in articles[:2]:
        article.published = "2025-01-07"
    comparison = Comparison(
        story_id="a1",
        article_ids=ids,
        claims=[],
        quotes=[],
        summary=[],
        conflicts=[Conflict("number", 0, FIVE, SEVEN, span("a1", 0, 4), span("b2", 0, 5))],
        timeline=[TimelineItem("2025-01-06", "day", "explicit", span("b2", 21, 27), SEVEN)],
        entities=[
            StoryEntity("Dana Roe", "person", ["Roe", "Dana Roe"], {"Gazette": 1, "Courier": 3}, [])
        ],
    )
    return articles, comparison


def page(found: tuple[list[Article], Comparison]) -> StoryView:
    return story_view(*found)


def test_story_view_shows_conflicts_timeline_and_entities() -> None:
    view = page(two_outlets())
    (conflict,) = view.conflicts
    assert conflict.values == [("Five", ["Gazette"]), ("Seven", ["Courier"])]
    assert conflict.sides == [
        ("Gazette", "Five", "Five people died on Monday."),
        ("Courier", "Seven", "Seven people died on Monday."),
    ]
    marked = {a.id: a.segments for c in view.columns for a in c.articles}
    assert [(s.text, s.kind) for s in marked["b2"]] == [
        ("Seven people died on Monday.", "conflict")
    ]
    (row,) = view.timeline
    assert (row.date, row.when, row.text, row.outlets) == (
        "2025-01-06",
        "6 January 2025",
        "Seven people died on Monday.",
        ["Courier"],
    )
    (entity,) = view.entities
    assert entity.variants == ["Roe"] and entity.mentions == [("Courier", 3), ("Gazette", 1)]


def test_a_link_the_page_cannot_follow_safely_is_not_a_link() -> None:
    articles, comparison = two_outlets()
    articles[0].url = "javascript:x"
    articles[1].url = "https://news.example/b2"
    links = [a.link for c in page((articles, comparison)).columns for a in c.articles]
    assert links == [None, "https://news.example/b2"]


def test_disagreements_are_grouped_per_fact_not_per_pair() -> None:
    articles, comparison = two_outlets("c3")
    (pair,) = comparison.conflicts
    five = span("c3", 0, 27)
    comparison.conflicts.append(
        Conflict(pair.kind, pair.claim, five, pair.second, span("c3", 0, 4), pair.second_value)
    )
    (fact,) = page((articles, comparison)).conflicts
    assert fact.kind == "number"
    assert fact.values == [("Five", ["Gazette", "Ledger"]), ("Seven", ["Courier"])]
    assert [outlet for outlet, _, _ in fact.sides] == ["Gazette", "Courier", "Ledger"]


def test_story_view_shows_republished_copies_and_unconfirmed_sentences_not_raw_data() -> None:
    articles, comparison = two_outlets("c3", c3="Reprint")
    comparison.claims = [
        Claim(FIVE.text, [FIVE], ["Gazette"], shared=False, republished=[span("c3", 0, 27)])
    ]
    comparison.unconfirmed = [Unconfirmed(SEVEN, [FIVE])]
    comparison.copies = {"c3": "a1"}
    view = page((articles, comparison))
    assert view.claims[0].republished == ["Reprint"]
    assert view.sources == "2 independent sources (+1 republished)"
    marked = {a.id: a.copy_of for c in view.columns for a in [*c.articles, *c.copies]}
    assert marked == {"a1": None, "b2": None, "c3": "Gazette"}
    # The copy is folded under the column of the outlet it republishes, not a column of its own.
    assert [(c.outlet, c.copies_phrase) for c in view.columns] == [
        ("Gazette", "+1 republished: Reprint"),
        ("Courier", ""),
    ]
    (item,) = view.unconfirmed
    assert (item.outlet, item.text) == ("Courier", "Seven people died on Monday.")
    assert item.nearest == [("Gazette", "Five people died on Monday.")]


def test_a_translated_copy_is_marked_as_a_translation_and_its_quote_is_not_diffed() -> None:
    articles, comparison = two_outlets("c3", c3="Zeitung")
    articles[0].language, articles[1].language, articles[2].language = "en", "en", "de"
    comparison.copies, comparison.translated = {"c3": "a1"}, ["c3"]
    comparison.quotes = [
        QuoteMatch("Ana Ruiz", [QuoteRendering.of(r) for r in (FIVE, SEVEN, span("c3", 0, 27))])
    ]
    view = page((articles, comparison))
    (copy,) = view.columns[0].copies
    assert (copy.copy_of, copy.translated) == ("Gazette", True)
    assert view.columns[0].copies_phrase == "+1 translated: Zeitung"
    (quote,) = view.quotes
    assert [(r.outlet, r.language, bool(r.diff)) for r in quote.renderings] == [
        ("Gazette", "en", False),
        ("Courier", "en", True),  # diffed against the first English rendering
        ("Zeitung", "de", False),  # the first in its language: shown beside, never diffed
    ]


def test_story_view_shows_coverage_and_framing_in_words_not_claim_numbers() -> None:
    articles, comparison = two_outlets()
    comparison.claims = [Claim(FIVE.text, [FIVE], ["Gazette"], shared=False)]
    comparison.coverage = [Coverage("Gazette", [0], []), Coverage("Courier", [], [0])]
    loaded = Span("a1", 13, 17, "died")
    comparison.framing = [Framing("a1", "Gazette", "Five dead", FIVE, 0, {"said": 2}, [], [loaded])]
    view = page((articles, comparison))
    assert [(c.outlet, c.only_here, c.left_out) for c in view.coverage] == [
        ("Gazette", 1, 0),
        ("Courier", 0, 1),
    ]
    (framing,) = view.framing
    assert (framing.outlet, framing.opens_with, framing.verbs) == (
        "Gazette",
        "a fact only it reports",
        [("said", 2)],
    )
    assert framing.loaded == ["died"]


def test_listing_parameters() -> None:
    query = story_query(
        q="  ",
        outlet=None,
        date_from="2025-01-01",
        date_to=None,
        sort="recent",
        cursor=None,
        limit=5,
    )
    assert (query.text, query.date_from, query.sort, query.limit) == (
        None,
        "2025-01-01",
        "recent",
        5,
    )
    with pytest.raises(BadParameter, match="sort must be one of"):
        story_query(
            q=None, outlet=None, date_from=None, date_to=None, sort="x", cursor=None, limit=5
        )


@given(st.integers(0, 10**6), st.text(max_size=30), st.text(min_size=1, max_size=64))
def test_cursor_round_trip(count: int, last: str, story_id: str) -> None:
    cursor = StoryCursor(count, last, story_id)
    assert decode_cursor(encode_cursor(cursor)) == cursor


@pytest.mark.parametrize("text", ["", "!!!", "bm90IGpzb24", "WzEsMl0", "WyJhIiwiYiIsImMiXQ"])
def test_foreign_cursors_are_bad_parameters(text: str) -> None:
    with pytest.raises(BadParameter, match="cursor is not one this server handed out"):
        decode_cursor(text)


def test_rate_limiter_allows_a_burst_then_asks_to_wait() -> None:
    limiter = RateLimiter(2.0)
    waits = [limiter.wait("10.0.0.1") for _ in range(5)]
    assert waits[:4] == [0.0] * 4 and waits[4] > 0
    assert limiter.wait("10.0.0.2") == 0.0  # every client has its own bucket


def quotes_page(*quotes: QuoteMatch) -> StoryView:
    articles, comparison = two_outlets()
    comparison.quotes = list(quotes)
    return page((articles, comparison))


def test_words_an_outlet_prints_without_quote_marks_are_not_shown_as_a_quote() -> None:
    said, prose = QuoteRendering.of(FIVE), QuoteRendering.of(SEVEN, "indirect")
    (quote,) = quotes_page(QuoteMatch("Ana Ruiz", [said, prose])).quotes
    assert [r.quoted for r in quote.renderings] == [True, False]


def test_a_rendering_that_differs_only_in_punctuation_shows_no_wording_diff() -> None:
    said = QuoteRendering.of(span("a1", 0, 26))
    articles, comparison = two_outlets()
    articles[1].body = "five people died on Monday. Five people died on Sunday."
    prose = QuoteRendering("b2", 0, 27, "five people died on Monday.")
    other = QuoteRendering("b2", 28, 55, "Five people died on Sunday.")
    comparison.quotes = [
        QuoteMatch("Ana Ruiz", [said, prose]),
        QuoteMatch("Ana Ruiz", [said, other]),
    ]
    same, changed = page((articles, comparison)).quotes
    assert same.renderings[1].diff == []
    assert ("insert", "Sunday.") in changed.renderings[1].diff


def test_a_speakers_run_of_quotes_names_the_speaker_once() -> None:
    said, other = QuoteRendering.of(FIVE), QuoteRendering.of(SEVEN)
    quotes = quotes_page(
        QuoteMatch("Ana Ruiz", [said]),
        QuoteMatch("Ana Ruiz", [other]),
        QuoteMatch(None, [said]),
        QuoteMatch("Ana Ruiz", [other]),
    ).quotes
    assert [(q.speaker, q.new_speaker) for q in quotes] == [
        ("Ana Ruiz", True),
        ("Ana Ruiz", False),
        ("Unattributed", True),
        ("Ana Ruiz", True),
    ]
