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


def test_a_shared_claim_shows_each_outlets_own_sentence_linked_to_its_place() -> None:
    view = story_view(report())
    mayor = view.claims[0]
    assert [(e.outlet, e.text, e.same) for e in mayor.evidence] == [
        ("Gazette", "The mayor resigned.", True),
        ("Courier", "The mayor resigned.", True),
        ("Ledger", "The mayor resigned.", True),
    ]
    assert view.claims[2].evidence == []  # one outlet's: nothing to check it against
    anchored = {
        (article.id, seg.anchor): seg.text
        for column in view.columns
        for article in column.articles
        for seg in article.segments
        if seg.anchor
    }
    for evidence, article in zip(mayor.evidence, ["a", "b", "c"], strict=True):
        assert anchored[(article, evidence.anchor)] == evidence.text
    # The copy carries no anchor: the evidence links the original outlets' texts.
    assert not any(seg.anchor for c in view.columns for a in c.copies for seg in a.segments)


def test_evidence_in_other_words_is_shown_first_and_the_rest_folded() -> None:
    data = report()
    bodies = {
        "a": BODIES["a"],
        "b": "Seven died. The mayor quit. Schools shut.",
        "c": "Five died. Mayor steps down. Rain fell.",
    }
    for article in data["articles"]:
        article["body"] = bodies.get(article["id"], article["body"])
    story = data["stories"][0]
    story["claims"][0]["sources"] = [
        span("a", bodies["a"], "The mayor resigned."),
        span("b", bodies["b"], "The mayor quit."),
        span("c", bodies["c"], "Mayor steps down."),
    ]
    mayor = story_view(data).claims[0]
    assert [(e.outlet, e.text) for e in mayor.evidence_shown] == [
        ("Gazette", "The mayor resigned."),
        ("Courier", "The mayor quit."),
    ]
    assert [(e.outlet, e.text) for e in mayor.evidence_folded] == [("Ledger", "Mayor steps down.")]


def test_claim_filters_by_kind_dispute_and_outlet() -> None:
    view = story_view(report())
    assert [c.filters for c in view.claims] == [
        "shared o1 o2 o3",
        "single o1",
        "single o2",
        "single o3",
        "shared disputed o1 o3",
    ]
    assert view.claims[4].disputed == ["How many"]
    assert view.filters == [
        ("shared", "Several outlets", 2),
        ("single", "One outlet", 3),
        ("disputed", "Disputed", 1),
    ]
    assert view.outlet_filters == [("o1", "Gazette", 3), ("o2", "Courier", 2), ("o3", "Ledger", 3)]


def test_the_timeline_shows_each_event_once() -> None:
    # The report numbers each dated sentence with its event (compare.timeline_events): one
    # row per event, an independent outlet's words first, copies as republished.
    data = report()
    story = data["stories"][0]

    def item(article: str, text: str, day: str, event: int, precision: str = "day") -> Any:
        found = span(article, BODIES[article], text)
        return {
            "date": day,
            "precision": precision,
            "when": found,
            "sentence": found,
            "event": event,
        }

    story["timeline"] = [
        item("c", "Rain fell.", "2024-01-01", 0, "year"),
        item("a2", "A bridge closed.", "2025-01-05", 1),
        *(item(a, "The mayor resigned.", "2025-01-06", 2) for a in ("a2", "a", "b", "c")),
        item("b", "Schools shut.", "2025-01-06", 3),
    ]
    rows = story_view(data).timeline
    assert [(r.when, r.text, r.outlets, r.republished) for r in rows] == [
        ("2024", "Rain fell.", ["Ledger"], []),
        ("5 January 2025", "A bridge closed.", ["Reprint"], []),
        ("6 January 2025", "The mayor resigned.", ["Gazette", "Courier", "Ledger"], ["Reprint"]),
        ("6 January 2025", "Schools shut.", ["Courier"], []),
    ]


def test_a_dispute_over_an_amount_of_money_reads_how_much() -> None:
    data = report()
    (conflict,) = data["stories"][0]["conflicts"]
    conflict["first_value"] = {**conflict["first_value"], "text": "$4,300"}
    conflict["second_value"] = {**conflict["second_value"], "text": "$4,400"}
    view = story_view(data)
    (dispute,) = view.conflicts
    assert dispute.question == "How much"
    assert view.claims[4].disputed == ["How much"]
