"""Claim alignment rules with hand-set similarities: figures, packed leads, lexical folding.

Vectors are built so that each pair of sentences has the cosine a test needs; the texts
are invented.
"""

from __future__ import annotations

import math

import numpy as np

from storylens.compare.claims import (
    ClaimGroup,
    align_claims,
    figures,
    for_conflicts,
    pair_score,
    to_claim,
)
from storylens.compare.lexical import content_words
from storylens.compare.units import Unit
from storylens.records import Span


def _unit(article: int, position: int, text: str) -> Unit:
    span = Span(f"a{article}", 0, len(text), text)
    return Unit(article, position, span, content_words(text))


def _figures(*texts: str) -> list[set[str]]:
    return [set(f) for f in figures([_unit(i, 0, t) for i, t in enumerate(texts)])]


def test_a_figure_is_a_number_of_two_digits_or_more_both_sentences_carry() -> None:
    homeless, residents, other = _figures(
        "About 1,900 people were left homeless in Varno.",
        "Some 1900 residents cannot go home.",
        "About 1,600 people were left homeless.",
    )
    assert homeless & residents == {"1900"} and not homeless & other
    # One digit is too common to name a fact: a score, a route, a model.
    assert _figures("The court ruled 4-1 for the drivers.", "Route 4 and Route 1 closed.") == [
        set(),
        set(),
    ]


def test_a_label_or_a_number_an_article_repeats_is_no_figure() -> None:
    units = [
        _unit(0, 0, "The senate passed SB 1062 on Thursday."),
        _unit(1, 0, "Critics call SB1062 a licence to refuse service."),
        _unit(1, 1, "Flight 370 was never found."),
        # The year every sentence of one article names: the story's subject, not a fact.
        _unit(2, 0, "The 2016 election was close."),
        _unit(2, 1, "Emails shook the 2016 race weeks before the vote."),
        _unit(0, 1, "The plant opened in 1978 and built 310,000 machines."),
        _unit(1, 2, "The factory, open since 1978, is the largest employer."),
    ]
    assert [set(f) for f in figures(units)] == [
        set(),
        set(),
        set(),
        set(),
        set(),
        {"1978", "310000"},
        {"1978"},
    ]


def test_a_shared_figure_lets_a_lower_cosine_pair() -> None:
    assert pair_score(0.45, 0.2, 3, 0.05, figure=True) is not None
    assert pair_score(0.45, 0.2, 3, 0.05, figure=False) is None
    assert pair_score(0.35, 0.2, 3, 0.05, figure=True) is None  # too far apart still
    assert pair_score(0.45, 0.2, 1, 0.05, figure=True) is None  # the figure alone


def test_a_near_miss_pairs_only_when_the_two_share_many_words() -> None:
    # cosine 0.62 + 0.5 * overlap 0.24 = 0.74: between the two bars.
    assert pair_score(0.62, 0.24, 3) is None  # three shared words: a coincidence of topic
    assert pair_score(0.62, 0.24, 8) is not None  # a long lead and a sentence of its facts
    assert pair_score(0.66, 0.24, 3) is not None  # 0.78 clears the bar for any pair
    assert pair_score(0.58, 0.24, 8) is None  # 0.70: too far apart however many


def test_a_lead_packing_two_facts_joins_the_claims_of_both() -> None:
    units = [
        _unit(
            0,
            0,
            "A storm flooded Varno on Sunday, killing 12 people and cutting power to 4,500 homes.",
        ),
        _unit(1, 0, "The storm killed 12 people in Varno on Sunday, officials said."),
        _unit(1, 1, "Power was cut to 4,500 homes across the valley."),
    ]
    # Lead and first sentence close (0.75); lead and the power sentence far (0.45), as
    # MiniLM scores a long lead against a short sentence; the two of article 1 apart (0.2).
    y = (0.2 - 0.75 * 0.45) / math.sqrt(1 - 0.75**2)
    vectors = np.array(
        [
            [1.0, 0.0, 0.0],
            [0.75, math.sqrt(1 - 0.75**2), 0.0],
            [0.45, y, math.sqrt(1 - 0.45**2 - y**2)],
        ],
        dtype=np.float32,
    )
    groups = align_claims(units, vectors, ["North", "South"])
    assert sorted(g.units for g in groups) == [[0, 1], [0, 2]]
    assert all(g.shared for g in groups)
    # Each claim reads as its own fact: the lead is not the wording of both.
    texts = sorted(to_claim(g, units, ["North", "South"]).text for g in groups)
    assert texts == sorted([units[0].span.text, units[2].span.text])


def test_without_a_figure_a_sentence_stays_in_one_claim() -> None:
    units = [
        _unit(0, 0, "A storm flooded Varno on Sunday and the mayor closed every school."),
        _unit(1, 0, "The storm flooded Varno on Sunday, officials said."),
        _unit(1, 1, "The mayor closed every school in the valley."),
    ]
    y = (0.2 - 0.75 * 0.55) / math.sqrt(1 - 0.75**2)
    vectors = np.array(
        [
            [1.0, 0.0, 0.0],
            [0.75, math.sqrt(1 - 0.75**2), 0.0],
            [0.55, y, math.sqrt(1 - 0.55**2 - y**2)],
        ],
        dtype=np.float32,
    )
    groups = align_claims(units, vectors, ["North", "South"])
    assert sorted(g.units for g in groups) == [[0, 1], [2]]


def test_content_words_fold_accents_plurals_and_foreign_function_words() -> None:
    assert content_words("Energía Solvera") == content_words("Energia Solvera")
    assert content_words("the homes") == content_words("a home")
    spanish = content_words("El ministro confirmó que los fondos llegan", "es")
    assert not {"que", "los"} & spanish and "minis" in spanish
    # English text keeps English words that are function words elsewhere ("war", "die").
    assert {"war", "die"} <= content_words("Many die in the war")


def test_a_figure_pair_whose_groups_are_taken_is_a_claim_of_its_own() -> None:
    units = [
        _unit(0, 0, "A storm killed 12 people in Varno and cut power to 4,500 homes."),
        _unit(0, 1, "Crews said power would be back across the valley by Tuesday."),
        _unit(1, 0, "The storm killed 12 people in Varno on Sunday."),
        _unit(1, 1, "Some 4,500 homes are without power until Tuesday, crews said."),
    ]
    # Each sentence's best match is its counterpart (0-2, 1-3); the lead and the power
    # sentence of article 1 share the figure but both already have a partner there.
    gram = np.array(
        [
            [1.0, 0.3, 0.8, 0.5],
            [0.3, 1.0, 0.2, 0.85],
            [0.8, 0.2, 1.0, 0.3],
            [0.5, 0.85, 0.3, 1.0],
        ]
    )
    vectors = np.linalg.cholesky(gram).astype(np.float32)
    groups = align_claims(units, vectors, ["North", "South"])
    assert sorted(g.units for g in groups) == [[0, 2], [0, 3], [1, 3]]
    pair = next(g for g in groups if g.units == [0, 3])
    assert pair.second == {0, 3}  # kept out of conflicts: not a one-to-one alignment


def test_conflicts_read_a_claim_without_its_second_sources() -> None:
    units = [
        _unit(0, 0, "The storm killed 12 people."),
        _unit(1, 0, "The storm killed 14 people."),
        _unit(2, 0, "Some 12 schools stay shut."),
    ]
    group = ClaimGroup([0, 1, 2], voices=3, second=frozenset({2}))
    claim = to_claim(group, units, ["North", "South", "East"])
    assert [s.article for s in for_conflicts(group, claim).sources] == ["a0", "a1"]
    lone = ClaimGroup([0, 2], voices=2, second=frozenset({0, 2}))
    assert not for_conflicts(lone, to_claim(lone, units, ["North", "South", "East"])).shared


def test_beside_an_outlet_in_another_language_no_sentence_is_called_single_source() -> None:
    units = [
        _unit(0, 0, "The regional council approved the new tram line on Monday evening."),
        _unit(0, 1, "Three councillors voted against the plan after a long debate."),
        _unit(1, 0, "El consejo regional aprobó el lunes la nueva línea de tranvía."),
    ]
    vectors = np.eye(3, dtype=np.float32)  # nothing alike: an English-only model's view
    groups = align_claims(units, vectors, ["North", "South"], ["en", "es"])
    assert all(not g.shared and g.unconfirmed for g in groups)
    # The same story in one language: what nothing comes near is single-source.
    groups = align_claims(units, vectors, ["North", "South"], ["en", "en"])
    assert all(not g.shared and not g.unconfirmed for g in groups)


def test_one_measure_with_two_values_is_a_figure_both_sentences_carry() -> None:
    # Two outlets counting one thing differently state one fact in dispute: the pair may
    # align at the figure's lower cosine, so the dispute is shown (`compare.measures`).
    received, delivered, other = _figures(
        "The ministry received 55,000 pages of the minister's emails.",
        "Boxes of 50,000 pages of printed emails were delivered.",
        "Boxes of 50,000 pages of notes were delivered.",
    )
    assert received & delivered == {"pages email"}
    assert received & other == set()


def _three(near: float, runner_up: float) -> np.ndarray:
    """Unit 0 at cosine `near` to unit 1 and `runner_up` to unit 2; units 1 and 2 at 0.5."""
    y = (0.5 - near * runner_up) / math.sqrt(1 - near**2)
    return np.array(
        [
            [1.0, 0.0, 0.0],
            [near, math.sqrt(1 - near**2), 0.0],
            [runner_up, y, math.sqrt(1 - runner_up**2 - y**2)],
        ],
        dtype=np.float32,
    )


def test_a_sentence_with_two_near_equal_candidates_in_one_outlet_is_not_called_shared() -> None:
    units = [
        _unit(0, 3, "Dana Vire, the drivers' lawyer, said their complaints were not alike."),
        _unit(1, 5, "Vire, a lawyer for the drivers, said their complaints differed."),
        _unit(1, 9, "Vire, a lawyer for the drivers, said their complaints would fail."),
    ]
    # Which of the two restates it cannot be told: it is unconfirmed, beside the nearest.
    groups = align_claims(units, _three(0.8, 0.78), ["North", "South"])
    assert not any(g.shared for g in groups)
    (first,) = [g for g in groups if g.units == [0]]
    assert first.unconfirmed and first.near == (1,)
    # With the runner-up well behind, the closer one is the restatement.
    groups = align_claims(units, _three(0.8, 0.6), ["North", "South"])
    assert [g.units for g in groups if g.shared] == [[0, 1]]
