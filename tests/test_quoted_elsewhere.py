"""A sentence whose quote another outlet renders is never "only one outlet reports this"
(compare.quoted_elsewhere): on an invented story through `compare_story`, as a reader sees
it, then the rule on hand-made units."""

from __future__ import annotations

from pathlib import Path

from storylens.compare.claims import ClaimGroup
from storylens.compare.quoted_elsewhere import unconfirm_quoted
from storylens.compare.units import Unit
from storylens.records import QuoteMatch, QuoteRendering, Span

GOLD = Path(__file__).resolve().parent.parent / "bench" / "gold" / "corpus"
CHEQUE = "We have just signed a blank cheque"


def test_a_quote_another_outlet_renders_is_not_single_source() -> None:
    # The sample story of the Tarrow rail vote (our own text): one outlet quotes the
    # councillor's whole sentence, another the three words "a blank cheque" inside a
    # sentence on other things. Their sentences are far apart; the quote list pairs them.
    from storylens.analyse import Analyser
    from storylens.config import Settings
    from storylens.inputs import extract_inputs
    from storylens.pipeline import compare_articles

    articles = list(extract_inputs([str(GOLD / "tarrow-light-rail.jsonl")], Settings()))
    analyser = Analyser(Settings())
    [comparison] = compare_articles(articles, analyser).comparisons
    [quote] = [q for q in comparison.quotes if any(CHEQUE in r.text for r in q.renderings)]
    assert "a blank cheque" in [r.text for r in quote.renderings]
    # The quote list shows the other outlet's rendering: the claims must not say only one
    # outlet reports the sentence; it is unconfirmed, beside the other outlet's sentence.
    assert not [c for c in comparison.claims if not c.shared and CHEQUE in c.text]
    [entry] = [u for u in comparison.unconfirmed if CHEQUE in u.source.text]
    others = {r.article for r in quote.renderings} - {entry.source.article}
    assert {n.article for n in entry.nearest} & others


def _unit(article: int, position: int, text: str, start: int = 0) -> Unit:
    return Unit(article, position, Span(f"a{article}", start, start + len(text), text), frozenset())


def test_only_a_lone_sentence_with_a_rendering_in_another_voice_moves() -> None:
    units = [
        _unit(0, 0, 'She said: "the pier is ours."'),
        _unit(0, 1, "Nothing else happened."),
        _unit(1, 0, 'Ruiz told the crowd that "the pier is ours" again.'),
        _unit(2, 0, 'She said: "the pier is ours."'),  # a copy of article 0
    ]
    quote = QuoteMatch(
        "Ana Ruiz",
        [
            QuoteRendering("a0", 11, 26, "the pier is ours"),
            QuoteRendering("a1", 25, 41, "the pier is ours"),
        ],
    )
    copy_only = QuoteMatch(
        "Ana Ruiz",
        [
            QuoteRendering("a0", 11, 26, "the pier is ours"),
            QuoteRendering("a2", 11, 26, "the pier is ours"),
        ],
    )
    lone = [ClaimGroup([0], 1), ClaimGroup([1], 1)]
    voices = ["a0", "a1", "a0"]
    moved = unconfirm_quoted(lone, units, [quote], voices)
    assert moved[0].unconfirmed and moved[0].near == (2,)
    assert not moved[1].unconfirmed  # no quote in it: as it was
    # A syndicated copy rendering the same quote is the same voice: still single-source.
    assert not unconfirm_quoted(lone, units, [copy_only], voices)[0].unconfirmed
