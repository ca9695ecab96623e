"""The serve package's pure parts: safe links, marked segments, the generic story view,
listing parameters and cursors, the rate limiter (no models, no server)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.serve.listing import BadParameter, decode_cursor, encode_cursor, story_query
from storylens.serve.security import RateLimiter, safe_link
from storylens.serve.view import claim_kind, segments, story_view
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


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        ({"shared": True}, "shared"),
        ({"shared": False}, "single"),
        ({"shared": True, "conflict": True}, "conflict"),
        ({"shared": False, "kind": "conflict"}, "conflict"),
        ({"shared": True, "kind": "something new"}, "shared"),
    ],
)
def test_claim_kind(claim: dict[str, Any], kind: str) -> None:
    assert claim_kind(claim) == kind


def test_story_view_shows_keys_it_does_not_know() -> None:
    report = {
        "articles": [
            {
                "id": "a1",
                "outlet": "Gazette",
                "title": "T",
                "published": "2025-01-02",
                "body": "One two. Three four.",
                "source": "x",
                "url": "javascript:x",
            },
        ],
        "stories": [
            {
                "id": "a1",
                "articles": ["a1"],
                "summary": [{"text": "One two.", "article": "a1", "start": 0, "end": 8}],
                "claims": [
                    {
                        "text": "One two.",
                        "shared": False,
                        "outlets": ["Gazette"],
                        "sources": [{"article": "a1", "start": 0, "end": 8}],
                        "confidence": 0.5,
                    },
                ],
                "quotes": [],
                "ratings": [{"stars": 3, "text": "One two."}],
            }
        ],
    }
    view = story_view(report)
    assert view.extras == [("ratings", [[("stars", "3"), ("text", "One two.")]])]
    assert view.claims[0].extras == [("confidence", "0.5")]
    (column,) = view.columns
    assert column.outlet == "Gazette" and column.articles[0].link is None
    assert [s.marks for s in column.articles[0].segments] == [["c0"], []]


def two_outlet_report() -> dict[str, Any]:
    bodies = {"a1": "Five people died on Monday.", "b2": "Seven people died on Monday."}
    outlets = {"a1": "Gazette", "b2": "Courier"}

    def span(article: str, start: int, end: int) -> dict[str, Any]:
        return {"article": article, "start": start, "end": end, "text": bodies[article][start:end]}

    return {
        "articles": [
            {"id": k, "outlet": outlets[k], "title": k, "published": "2025-01-07", "body": v}
            for k, v in bodies.items()
        ],
        "stories": [
            {
                "id": "a1",
                "articles": ["a1", "b2"],
                "summary": [],
                "claims": [],
                "quotes": [],
                "conflicts": [
                    {
                        "kind": "number",
                        "claim": "death toll",
                        "first": span("a1", 0, 27),
                        "second": span("b2", 0, 28),
                        "first_value": span("a1", 0, 4),
                        "second_value": span("b2", 0, 5),
                    }
                ],
                "timeline": [
                    {
                        "date": "2025-01-06",
                        "when": span("b2", 21, 27),
                        "sentence": span("b2", 0, 28),
                    }
                ],
                "entities": [
                    {
                        "name": "Dana Roe",
                        "kind": "person",
                        "variants": ["Roe", "Dana Roe"],
                        "mentions": {"Gazette": 1, "Courier": 3},
                    },
                ],
            }
        ],
    }


def test_story_view_shows_conflicts_timeline_and_entities_of_schema_2() -> None:
    view = story_view(two_outlet_report())
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
    assert view.extras == []


def test_disagreements_are_grouped_per_fact_not_per_pair() -> None:
    report = two_outlet_report()
    report["articles"].append(
        {"id": "c3", "outlet": "Ledger", "title": "c3", "body": "Five people died on Monday."}
    )
    story = report["stories"][0]
    (pair,) = story["conflicts"]
    five = {"article": "c3", "start": 0, "end": 27, "text": "Five people died on Monday."}
    story["conflicts"].append(
        {**pair, "first": five, "first_value": {**five, "end": 4, "text": "Five"}}
    )
    (fact,) = story_view(report).conflicts
    assert fact.kind == "number"
    assert fact.values == [("Five", ["Gazette", "Ledger"]), ("Seven", ["Courier"])]
    assert [outlet for outlet, _, _ in fact.sides] == ["Gazette", "Courier", "Ledger"]


def test_story_view_shows_republished_copies_and_unconfirmed_sentences_not_raw_data() -> None:
    report = two_outlet_report()
    report["articles"].append(
        {"id": "c3", "outlet": "Reprint", "title": "c3", "body": "Five people died on Monday."}
    )
    story = report["stories"][0]
    five = {"article": "a1", "start": 0, "end": 27, "text": "Five people died on Monday."}
    seven = {"article": "b2", "start": 0, "end": 28, "text": "Seven people died on Monday."}
    copy = {**five, "article": "c3"}
    story["claims"] = [
        {"text": five["text"], "shared": False, "sources": [five], "republished": [copy]}
    ]
    story["unconfirmed"] = [{"source": seven, "nearest": [five]}]
    story["articles"] = ["a1", "b2", "c3"]
    story["copies"] = {"c3": "a1"}
    view = story_view(report)
    assert view.claims[0].republished == ["Reprint"] and view.claims[0].extras == []
    assert view.sources == "2 independent sources (+1 republished)"
    marked = {a.id: a.copy_of for c in view.columns for a in [*c.articles, *c.copies]}
    assert marked == {"a1": None, "b2": None, "c3": "Gazette"}
    # The copy is folded under the column of the outlet it republishes, not a column of its own.
    assert [(c.outlet, c.copy_outlets) for c in view.columns] == [
        ("Gazette", ["Reprint"]),
        ("Courier", []),
    ]
    (item,) = view.unconfirmed
    assert (item.outlet, item.text) == ("Courier", "Seven people died on Monday.")
    assert item.nearest == [("Gazette", "Five people died on Monday.")]
    assert view.extras == []


def test_story_view_shows_coverage_and_framing_in_words_not_claim_numbers() -> None:
    report = two_outlet_report()
    story = report["stories"][0]
    five = {"article": "a1", "start": 0, "end": 27, "text": "Five people died on Monday."}
    story["claims"] = [{"text": five["text"], "shared": False, "sources": [five]}]
    story["coverage"] = [
        {"outlet": "Gazette", "only_here": [0], "left_out": []},
        {"outlet": "Courier", "only_here": [], "left_out": [0]},
    ]
    story["framing"] = [
        {
            "article": "a1",
            "outlet": "Gazette",
            "headline": "Five dead",
            "lead": five,
            "first_claim": 0,
            "attribution_verbs": {"said": 2},
            "hedges": [],
            "loaded": [{**five, "text": "died"}],
        }
    ]
    view = story_view(report)
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
    assert framing.loaded == ["died"] and view.extras == []


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


def test_words_an_outlet_prints_without_quote_marks_are_not_shown_as_a_quote() -> None:
    report = two_outlet_report()
    said = {"article": "a1", "start": 0, "end": 27, "text": "Five people died on Monday."}
    prose = {"article": "b2", "start": 0, "end": 28, "text": "Seven people died on Monday."}
    report["stories"][0]["quotes"] = [
        {"speaker": "Ana Ruiz", "renderings": [said, {**prose, "kind": "indirect"}]}
    ]
    (quote,) = story_view(report).quotes
    assert [r.quoted for r in quote.renderings] == [True, False]


def test_a_rendering_that_differs_only_in_punctuation_shows_no_wording_diff() -> None:
    report = two_outlet_report()
    said = {"article": "a1", "start": 0, "end": 26, "text": "Five people died on Monday"}
    prose = {"article": "b2", "start": 0, "end": 27, "text": "five people died on Monday."}
    other = {"article": "b2", "start": 0, "end": 27, "text": "Five people died on Sunday."}
    report["stories"][0]["quotes"] = [
        {"speaker": "Ana Ruiz", "renderings": [said, prose]},
        {"speaker": "Ana Ruiz", "renderings": [said, other]},
    ]
    same, changed = story_view(report).quotes
    assert same.renderings[1].diff == []
    assert ("insert", "Sunday.") in changed.renderings[1].diff


def test_a_speakers_run_of_quotes_names_the_speaker_once() -> None:
    report = two_outlet_report()
    said = {"article": "a1", "start": 0, "end": 27, "text": "Five people died on Monday."}
    other = {"article": "b2", "start": 0, "end": 28, "text": "Seven people died on Monday."}
    report["stories"][0]["quotes"] = [
        {"speaker": "Ana Ruiz", "renderings": [said]},
        {"speaker": "Ana Ruiz", "renderings": [other]},
        {"speaker": None, "renderings": [said]},
        {"speaker": "Ana Ruiz", "renderings": [other]},
    ]
    quotes = story_view(report).quotes
    assert [(q.speaker, q.new_speaker) for q in quotes] == [
        ("Ana Ruiz", True),
        ("Ana Ruiz", False),
        ("Unattributed", True),
        ("Ana Ruiz", True),
    ]
