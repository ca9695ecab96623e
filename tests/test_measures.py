"""Measures in dispute across a story (`compare.measures`): found whether or not the two
sentences were aligned, never between two things an outlet tells apart."""

from __future__ import annotations

import json
from pathlib import Path

from storylens.compare.measures import measure_conflicts, measure_keys
from storylens.records import Claim, Span

TEXTS = {
    "a": "The 47-page indictment lists dozens of purchases. Prosecutors filed it on Tuesday.",
    "b": "According to a 48-page indictment, the couple spent the funds on travel.",
    "c": "A copy of the 47-page indictment was posted online.",
}
VOICES = {"a": "Courier", "b": "Ledger", "c": "Gazette"}


def sentence(article: str, text: str) -> Span:
    start = TEXTS[article].index(text)
    return Span(article, start, start + len(text), text)


A = sentence("a", "The 47-page indictment lists dozens of purchases.")
B = sentence("b", TEXTS["b"])
C = sentence("c", TEXTS["c"])
CLAIMS = [Claim(B.text, [B, C], ["Ledger", "Gazette"], True)]


def found(sentences: list[Span], claims: list[Claim] = CLAIMS) -> list[tuple[str, str, int]]:
    return [
        (c.first_value.text, c.second_value.text, c.claim)
        for c in measure_conflicts(sentences, VOICES, claims)
    ]


def test_two_outlets_measuring_one_thing_differently_disagree() -> None:
    # A's sentence is in no claim: its conflict is shown under the claim citing B's. C agrees
    # with A, so each disagrees with B.
    assert found([A, B, C]) == [("47-page", "48-page", 0), ("47-page", "48-page", 0)]


def test_an_outlet_giving_two_values_measures_two_things() -> None:
    two = Span("a", 0, 60, "The 47-page indictment and a 48-page indictment were filed.")
    assert found([two, B]) == []


def test_ages_rounded_figures_and_far_apart_values_are_no_dispute() -> None:
    ages = [
        Span("a", 0, 20, "A 12-year-old boy was hurt."),
        Span("b", 0, 20, "A 14-year-old boy ran."),
    ]
    assert found(ages) == []
    rounded = Span("a", 0, 40, "It is a roughly 40-page indictment.")
    assert found([rounded, B]) == []
    far = Span("a", 0, 40, "The 10-page indictment lists purchases.")
    assert found([far, B]) == []  # 10 and 48: two documents, not one counted twice


def test_no_claim_cites_either_sentence_so_nothing_is_shown() -> None:
    assert found([A, B], claims=[]) == []


def _count_of(first: str, second: str) -> list[tuple[str, str]]:
    a, b = Span("a", 0, len(first), first), Span("b", 0, len(second), second)
    claims = [Claim(first, [a], ["Courier"], False)]
    return [
        (c.first_value.text, c.second_value.text) for c in measure_conflicts([a, b], VOICES, claims)
    ]


def test_a_unit_of_a_thing_is_a_measure_named_by_the_phrase_head() -> None:
    # "Clinton's emails" and "printed emails" name one thing: the head of the phrase.
    assert _count_of(
        "The office received 55,000 pages of the minister's emails on Monday.",
        "Boxes holding 50,000 pages of printed emails from her account arrived.",
    ) == [("55,000 pages", "50,000 pages")]
    assert measure_keys("It sent 12 tonnes of fresh vegetables.") == {"tonnes vegetable"}


def test_time_passing_shares_other_things_and_rounded_counts_are_no_measure() -> None:
    # Each day an outlet writes on adds a day of war; outlets cite different polls.
    assert (
        _count_of("After 100 days of war, talks began.", "After 90 days of war, talks began.") == []
    )
    assert _count_of("Some 30 percent of voters agree.", "Only 35 percent of voters agree.") == []
    assert _count_of("It holds 200 pages of emails.", "It holds 210 pages of notes.") == []
    assert _count_of("It holds about 200 pages of emails.", "It holds 210 pages of emails.") == []
    assert measure_keys("The 47-page indictment") == {"page indictment"}


def test_a_story_shows_two_outlets_counting_one_thing_differently(tmp_path: Path) -> None:
    # Through `compare_articles` as a reader sees it: the two sentences word the handover
    # differently and give different counts; the comparison shows the dispute.
    from storylens.analyse import Analyser
    from storylens.config import Settings
    from storylens.inputs import extract_inputs
    from storylens.pipeline import compare_articles

    reports = [
        (
            "Valmont Courier",
            "The ministry said on Monday that it had received 55,000 pages of "
            "the former minister's emails from her private account. Auditors will read them.",
        ),
        (
            "Harbour Ledger",
            "In March, boxes holding 50,000 pages of printed emails from the "
            "former minister's private account were delivered to the ministry. Auditors begin "
            "next week.",
        ),
    ]
    path = tmp_path / "story.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(
                {
                    "id": f"r{i}",
                    "source": outlet,
                    "title": "Emails handed over",
                    "date": "2025-03-10",
                    "text": text,
                }
            )
            for i, (outlet, text) in enumerate(reports)
        ),
        encoding="utf-8",
    )
    articles = list(extract_inputs([str(path)], Settings()))
    [comparison] = compare_articles(articles, Analyser(Settings())).comparisons
    disputed = {(c.kind, c.first_value.text, c.second_value.text) for c in comparison.conflicts}
    assert disputed in ({("number", "55,000", "50,000")}, {("number", "50,000", "55,000")})
    [claim] = [c for c in comparison.claims if c.shared and "pages" in c.text]
    assert {s.article for s in claim.sources} == {a.id for a in articles}
