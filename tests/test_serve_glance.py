"""The top of the story page: the one line, the bar per outlet and the disputes per fact,
counted from a hand-made report (no model loads)."""

from __future__ import annotations

from typing import Any

from storylens.serve.glance import glance
from storylens.serve.view import story_view
from storylens.wording import glance_phrase


def span(article: str, body: str, text: str) -> dict[str, Any]:
    start = body.index(text)
    return {"article": article, "start": start, "end": start + len(text), "text": text}


BODIES = {
    "a": "Five died. The mayor resigned. A bridge closed.",
    "b": "Seven died. The mayor resigned. Schools shut.",
    "c": "Five died. The mayor resigned. Rain fell.",
    "a2": "Five died. The mayor resigned. A bridge closed.",
}
OUTLETS = {"a": "Gazette", "b": "Courier", "c": "Ledger", "a2": "Reprint"}


def claim(text: str, *articles: str, republished: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "text": text,
        "shared": len(articles) > 1,
        "sources": [span(a, BODIES[a], text) for a in articles],
        "outlets": [OUTLETS[a] for a in articles],
        "republished": [span(a, BODIES[a], text) for a in republished],
    }


def report() -> dict[str, Any]:
    five, seven = span("a", BODIES["a"], "Five died."), span("b", BODIES["b"], "Seven died.")
    return {
        "articles": [
            {"id": k, "outlet": OUTLETS[k], "title": k, "published": "2025-01-07", "body": v}
            for k, v in BODIES.items()
        ],
        "stories": [
            {
                "id": "a",
                "articles": ["a", "b", "c", "a2"],
                "copies": {"a2": "a"},
                "claims": [
                    claim("The mayor resigned.", "a", "b", "c", republished=("a2",)),
                    claim("A bridge closed.", "a", republished=("a2",)),
                    claim("Schools shut.", "b"),
                    claim("Rain fell.", "c"),
                    claim("Five died.", "a", "c"),
                ],
                "conflicts": [
                    {
                        "kind": "number",
                        "claim": 4,
                        "first": five,
                        "second": seven,
                        "first_value": {**five, "end": 4, "text": "Five"},
                        "second_value": {**seven, "end": 5, "text": "Seven"},
                    }
                ],
            }
        ],
    }


def test_the_glance_line_counts_sources_facts_and_disputes_in_words() -> None:
    view = story_view(report())
    assert view.glance.line == (
        "3 independent sources (+1 republished) · 1 fact all report · 1 reported by some"
        " · 1 disputed · 3 reported by one source"
    )


def test_each_independent_outlet_gets_a_bar_of_shared_and_only_here_facts() -> None:
    bars = {bar.outlet: bar for bar in story_view(report()).glance.bars}
    assert list(bars) == ["Gazette", "Courier", "Ledger"]  # the copy counts on its original
    gazette = bars["Gazette"]
    assert (gazette.shared, gazette.only_here, gazette.facts, gazette.republished) == (2, 1, 5, 1)
    assert gazette.text == "reports 3 of 5 facts: 2 shared, 1 only here"
    assert (bars["Courier"].shared, bars["Courier"].only_here) == (1, 1)
    assert gazette.anchor == story_view(report()).columns[0].anchor


def test_a_story_one_source_tells_counts_only_its_facts() -> None:
    found = glance((2, 1), [("Gazette", "outlet-1", 1)], [["Gazette"], ["Gazette"]], 0)
    assert found.line == "1 independent source (+1 republished) · 2 facts"
    assert glance_phrase((3, 0), facts=0, all_report=0, some=0, disputed=0, single=0) == (
        "3 independent sources · 0 facts all report · none disputed · 0 reported by one source"
    )


def test_a_dispute_reads_as_a_question_with_each_side_cut_around_its_value() -> None:
    (dispute,) = story_view(report()).conflicts
    assert dispute.question == "How many"
    assert dispute.marked_sides == [
        ("Gazette", "", "Five", " died."),
        ("Courier", "", "Seven", " died."),
    ]


def test_claims_are_grouped_shared_first_then_outlet_by_outlet_each_once() -> None:
    groups = story_view(report()).claim_groups
    assert [(title, [c.text for c in claims]) for title, claims in groups] == [
        ("Reported by several outlets", ["The mayor resigned.", "Five died."]),
        ("Only in Gazette", ["A bridge closed."]),
        ("Only in Courier", ["Schools shut."]),
        ("Only in Ledger", ["Rain fell."]),
    ]
