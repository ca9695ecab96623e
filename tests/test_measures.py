"""Measures in dispute across a story (`compare.measures`): found whether or not the two
sentences were aligned, never between two things an outlet tells apart."""

from __future__ import annotations

from storylens.compare.measures import measure_conflicts
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
