"""The top of the story page: the one line, the bar per outlet and the disputes per fact,
counted from a hand-made report (no model loads)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from storylens.records import Article, Claim, Comparison, Conflict, Span, TimelineItem
from storylens.serve.glance import glance
from storylens.serve.view import StoryView, story_view
from storylens.wording import glance_phrase

BODIES = {
    "a": "Five died. The mayor resigned. A bridge closed.",
    "b": "Seven died. The mayor resigned. Schools shut.",
    "c": "Five died. The mayor resigned. Rain fell.",
    "a2": "Five died. The mayor resigned. A bridge closed.",
}
OUTLETS = {"a": "Gazette", "b": "Courier", "c": "Ledger", "a2": "Reprint"}


def span(article: str, text: str, body: str = "") -> Span:
    start = (body or BODIES[article]).index(text)
    return Span(article, start, start + len(text), text)


def claim(text: str, *articles: str, republished: tuple[str, ...] = ()) -> Claim:
    return Claim(
        text,
        sources=[span(a, text) for a in articles],
        outlets=[OUTLETS[a] for a in articles],
        shared=len(articles) > 1,
        republished=[span(a, text) for a in republished],
    )


def articles(bodies: dict[str, str] = BODIES) -> list[Article]:
    return [
        Article(k, source=k, body=v, title=k, outlet=OUTLETS[k], published="2025-01-07")
        for k, v in bodies.items()
    ]


def comparison() -> Comparison:
    five, seven = span("a", "Five died."), span("b", "Seven died.")
    return Comparison(
        story_id="a",
        article_ids=["a", "b", "c", "a2"],
        claims=[
            claim("The mayor resigned.", "a", "b", "c", republished=("a2",)),
            claim("A bridge closed.", "a", republished=("a2",)),
            claim("Schools shut.", "b"),
            claim("Rain fell.", "c"),
            claim("Five died.", "a", "c"),
        ],
        quotes=[],
        summary=[],
        conflicts=[
            Conflict("number", 4, five, seven, span("a", "Five"), span("b", "Seven")),
        ],
        copies={"a2": "a"},
    )


def story_page(compared: Comparison | None = None, bodies: dict[str, str] = BODIES) -> StoryView:
    return story_view(articles(bodies), compared or comparison())


def test_the_glance_line_counts_sources_facts_and_disputes_in_words() -> None:
    shown = story_page()
    assert shown.glance.line == (
        "3 independent sources (+1 republished) · 1 fact all report · 1 reported by some"
        " · 1 disputed · 3 reported by one source"
    )


def test_each_independent_outlet_gets_a_bar_of_shared_and_only_here_facts() -> None:
    bars = {bar.outlet: bar for bar in story_page().glance.bars}
    assert list(bars) == ["Gazette", "Courier", "Ledger"]  # the copy counts on its original
    gazette = bars["Gazette"]
    assert (gazette.shared, gazette.only_here, gazette.facts, gazette.republished) == (2, 1, 5, 1)
    assert gazette.text == "reports 3 of 5 facts: 2 shared, 1 only here"
    assert (bars["Courier"].shared, bars["Courier"].only_here) == (1, 1)
    assert gazette.anchor == story_page().columns[0].anchor


def test_a_story_one_source_tells_counts_only_its_facts() -> None:
    found = glance((2, 1), [("Gazette", "outlet-1", 1)], [["Gazette"], ["Gazette"]], 0)
    assert found.line == "1 independent source (+1 republished) · 2 facts"
    assert glance_phrase((3, 0), facts=0, all_report=0, some=0, disputed=0, single=0) == (
        "3 independent sources · 0 facts all report · none disputed · 0 reported by one source"
    )


def test_a_dispute_reads_as_a_question_with_each_side_cut_around_its_value() -> None:
    (dispute,) = story_page().conflicts
    assert dispute.question == "How many"
    assert dispute.marked_sides == [
        ("Gazette", "", "Five", " died."),
        ("Courier", "", "Seven", " died."),
    ]


def test_claims_are_grouped_shared_first_then_outlet_by_outlet_each_once() -> None:
    groups = story_page().claim_groups
    assert [(title, [c.text for c in claims]) for title, claims in groups] == [
        ("Reported by several outlets", ["The mayor resigned.", "Five died."]),
        ("Only in Gazette", ["A bridge closed."]),
        ("Only in Courier", ["Schools shut."]),
        ("Only in Ledger", ["Rain fell."]),
    ]


def test_a_shared_claim_shows_each_outlets_own_sentence_linked_to_its_place() -> None:
    shown = story_page()
    mayor = shown.claims[0]
    assert [(e.outlet, e.text, e.same) for e in mayor.evidence] == [
        ("Gazette", "The mayor resigned.", True),
        ("Courier", "The mayor resigned.", True),
        ("Ledger", "The mayor resigned.", True),
    ]
    assert shown.claims[2].evidence == []  # one outlet's: nothing to check it against
    anchored = {
        (article.id, seg.anchor): seg.text
        for column in shown.columns
        for article in column.articles
        for seg in article.segments
        if seg.anchor
    }
    for evidence, article in zip(mayor.evidence, ["a", "b", "c"], strict=True):
        assert anchored[(article, evidence.anchor)] == evidence.text
    # The copy carries no anchor: the evidence links the original outlets' texts.
    assert not any(seg.anchor for c in shown.columns for a in c.copies for seg in a.segments)


def test_evidence_in_other_words_is_shown_first_and_the_rest_folded() -> None:
    bodies = {
        **BODIES,
        "b": "Seven died. The mayor quit. Schools shut.",
        "c": "Five died. Mayor steps down. Rain fell.",
    }
    compared = comparison()
    compared.claims[0].sources = [
        span("a", "The mayor resigned."),
        span("b", "The mayor quit.", bodies["b"]),
        span("c", "Mayor steps down.", bodies["c"]),
    ]
    mayor = story_page(compared, bodies).claims[0]
    assert [(e.outlet, e.text) for e in mayor.evidence_shown] == [
        ("Gazette", "The mayor resigned."),
        ("Courier", "The mayor quit."),
    ]
    assert [(e.outlet, e.text) for e in mayor.evidence_folded] == [("Ledger", "Mayor steps down.")]


def test_claim_filters_by_kind_dispute_and_outlet() -> None:
    shown = story_page()
    assert [c.filters for c in shown.claims] == [
        "shared o1 o2 o3",
        "single o1",
        "single o2",
        "single o3",
        "shared disputed o1 o3",
    ]
    assert shown.claims[4].disputed == ["How many"]
    assert shown.filters == [
        ("shared", "Several outlets", 2),
        ("single", "One outlet", 3),
        ("disputed", "Disputed", 1),
    ]
    assert shown.outlet_filters == [("o1", "Gazette", 3), ("o2", "Courier", 2), ("o3", "Ledger", 3)]


def test_the_timeline_shows_each_event_once() -> None:
    # The comparison numbers each dated sentence with its event (compare.timeline_events):
    # one row per event, an independent outlet's words first, copies as republished.
    def item(article: str, text: str, day: str, event: int, precision: str = "day") -> Any:
        found = span(article, text)
        return TimelineItem(day, precision, "explicit", found, found, event)  # type: ignore[arg-type]

    compared = comparison()
    compared.timeline = [
        item("c", "Rain fell.", "2024-01-01", 0, "year"),
        item("a2", "A bridge closed.", "2025-01-05", 1),
        *(item(a, "The mayor resigned.", "2025-01-06", 2) for a in ("a2", "a", "b", "c")),
        item("b", "Schools shut.", "2025-01-06", 3),
    ]
    rows = story_page(compared).timeline
    assert [(r.when, r.text, r.outlets, r.republished) for r in rows] == [
        ("2024", "Rain fell.", ["Ledger"], []),
        ("5 January 2025", "A bridge closed.", ["Reprint"], []),
        ("6 January 2025", "The mayor resigned.", ["Gazette", "Courier", "Ledger"], ["Reprint"]),
        ("6 January 2025", "Schools shut.", ["Courier"], []),
    ]


def test_a_dispute_over_an_amount_of_money_reads_how_much() -> None:
    compared = comparison()
    (conflict,) = compared.conflicts
    compared.conflicts = [
        replace(
            conflict,
            first_value=replace(conflict.first_value, text="$4,300"),
            second_value=replace(conflict.second_value, text="$4,400"),
        )
    ]
    shown = story_page(compared)
    (dispute,) = shown.conflicts
    assert dispute.question == "How much"
    assert shown.claims[4].disputed == ["How much"]
