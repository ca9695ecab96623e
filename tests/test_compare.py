"""Compare stage: claims, quotes and summary on an invented story and on the seed pair.

Articles are analysed here by a deliberately naive helper (regex sentences and quotes,
speakers from a given list of names) so these tests do not depend on the analyse stage.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storylens.compare import compare_story
from storylens.records import Article, Comparison, Quote, Sentence, Span

# A sentence ends at . ! or ? (and a closing quote mark) before a capital letter, unless
# the stop follows a lone capital (U.S., J. Smith).
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?][\"”’]?(?=\s+[\"“‘]?[A-Z])")
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_PRONOUN_SAID = re.compile(r"\b(?:he|she) (?:said|insisted|added)\b", re.IGNORECASE)


def naive_sentences(body: str) -> list[Sentence]:
    sentences = []
    for line in re.finditer(r"[^\n]+", body):
        start = line.start()
        ends = [m.end() for m in _SENTENCE_END.finditer(line.group())] + [len(line.group())]
        for end in ends:
            text = body[start : line.start() + end]
            stripped = text.strip()
            if stripped:
                offset = start + text.index(stripped)
                sentences.append(Sentence(offset, offset + len(stripped), stripped))
            start = line.start() + end
    return sentences


def naive_quotes(body: str, people: dict[str, str]) -> list[Quote]:
    """Quotes in “…” or "…"; the speaker is a person named in the paragraph, or the last
    one named when the paragraph says "he said"."""
    quotes: list[Quote] = []
    last: str | None = None
    for para in re.finditer(r"[^\n]+", body):
        outside = _QUOTE.sub(" ", para.group())
        named = [full for surname, full in people.items() if surname in outside]
        speaker = named[-1] if named else (last if _PRONOUN_SAID.search(outside) else None)
        last = speaker or last
        for match in _QUOTE.finditer(para.group()):
            group = 1 if match.group(1) is not None else 2
            start, end = para.start() + match.start(group), para.start() + match.end(group)
            quotes.append(Quote(body[start:end], start, end, speaker))
    return quotes


def analysed(
    article_id: str,
    outlet: str | None,
    paragraphs: list[str],
    people: dict[str, str],
    copy_of: str | None = None,
) -> Article:
    body = "\n\n".join(paragraphs)
    article = Article(id=article_id, source=f"{article_id}.txt", body=body, outlet=outlet)
    article.sentences = naive_sentences(body)
    article.quotes = naive_quotes(body, people)
    article.copy_of = copy_of
    return article


def all_spans(comparison: Comparison) -> list[Span]:
    spans = list(comparison.summary)
    for claim in comparison.claims:
        spans.extend(claim.sources)
    for match in comparison.quotes:
        spans.extend(match.renderings)
    return spans


def assert_verbatim(comparison: Comparison, articles: list[Article]) -> None:
    bodies = {a.id: a.body for a in articles}
    for span in all_spans(comparison):
        assert bodies[span.article][span.start : span.end] == span.text


# --- an invented story: two outlets, a syndicated copy, two speakers ------------------------

PEOPLE = {"Solberg": "Ingrid Solberg", "Berg": "Tomas Berg", "Ekdahl": "Lena Ekdahl"}

HARBOUR = [
    "The port authority of Westhaven closed the northern harbour on Monday after a tanker "
    "leaked about 40 tonnes of diesel into the bay.",
    "“We will not reopen the harbour until the water is safe for everyone,” harbour master "
    "Ingrid Solberg told reporters.",
    "Clean-up crews placed floating barriers around the tanker within two hours of the leak.",
    "The tanker's owner, Norvik Shipping, said the hull had been torn open by a submerged rock "
    "near the harbour entrance.",
    "“Our crews will not leave the harbour until the water is safe again,” said Norvik "
    "spokesman Tomas Berg.",
    "Fishing boats have been ordered to stay in port until further notice.",
]
COASTAL = [
    "Authorities in Westhaven shut the northern harbour on Monday when roughly 40 tonnes of "
    "diesel spilled from a tanker into the bay.",
    "Harbour master Ingrid Solberg said: “The harbour stays closed until the water is safe "
    "for all of us.”",
    "Within two hours of the spill, workers had surrounded the damaged tanker with floating booms.",
    "Environmental groups warned that the diesel could reach a colony of grey seals on the "
    "nearby Skerry islands.",
    "Ferry services to the outer islands will run on a reduced timetable this week.",
    "“This is the worst spill on this coast in a decade,” said Lena Ekdahl of the campaign "
    "group Clean Coast.",
]
COPY_CREDIT = "This article was first published by Harbour Daily and is reproduced with permission."


@pytest.fixture(scope="module")
def harbour_story() -> list[Article]:
    return [
        analysed("a1", "Harbour Daily", HARBOUR, PEOPLE),
        analysed("b2", "Coastal Wire", COASTAL, PEOPLE),
        analysed("c3", "Metro Herald", [*HARBOUR, COPY_CREDIT], PEOPLE, copy_of="a1"),
    ]


@pytest.fixture(scope="module")
def harbour(harbour_story: list[Article], embedder) -> Comparison:  # type: ignore[no-untyped-def]
    return compare_story("harbour", harbour_story, embedder)


def claim_with(comparison: Comparison, article_id: str, fragment: str):  # type: ignore[no-untyped-def]
    """The claim whose source in `article_id` contains `fragment`."""
    for claim in comparison.claims:
        if any(s.article == article_id and fragment in s.text for s in claim.sources):
            return claim
    raise AssertionError(f"no claim cites {fragment!r} in {article_id}")


def articles_of(claim) -> list[str]:  # type: ignore[no-untyped-def]
    return [span.article for span in claim.sources]


@pytest.mark.models
def test_every_span_is_verbatim(harbour: Comparison, harbour_story: list[Article]) -> None:
    assert_verbatim(harbour, harbour_story)
    assert harbour.story_id == "harbour"
    assert harbour.article_ids == ["a1", "b2", "c3"]


@pytest.mark.models
def test_paraphrases_of_one_statement_are_one_shared_claim(harbour: Comparison) -> None:
    for fragment in ("closed the northern harbour", "Clean-up crews", "We will not reopen"):
        claim = claim_with(harbour, "a1", fragment)
        assert articles_of(claim) == ["a1", "b2"]
        assert claim.shared
        assert claim.outlets == ["Harbour Daily", "Coastal Wire"]
        assert claim.text == claim.sources[0].text
        # The copy prints the same words: shown as republished, never as a source.
        assert [(s.article, s.text) for s in claim.republished] == [("c3", claim.sources[0].text)]


@pytest.mark.models
def test_a_syndicated_copy_is_never_a_source(harbour: Comparison) -> None:
    # Norvik's statement is Harbour Daily's alone: its copy neither shares it nor lists it.
    assert not any("Norvik Shipping" in s.text for c in harbour.claims for s in c.sources)
    assert all(s.article != "c3" for c in harbour.claims for s in c.sources)
    assert all(s.article != "c3" for m in harbour.quotes for s in m.renderings)
    assert all(u.source.article != "c3" for u in harbour.unconfirmed)


def unconfirmed_with(comparison: Comparison, article_id: str, fragment: str):  # type: ignore[no-untyped-def]
    for item in comparison.unconfirmed:
        if item.source.article == article_id and fragment in item.source.text:
            return item
    raise AssertionError(f"nothing unconfirmed cites {fragment!r} in {article_id}")


@pytest.mark.models
def test_a_sentence_near_another_outlets_is_unconfirmed_with_its_evidence(
    harbour: Comparison,
) -> None:
    # The hull torn open and the crews around the tanker: close in topic and words, not one
    # fact. Neither shared nor "only Harbour Daily": the reader sees the nearest sentence.
    norvik = unconfirmed_with(harbour, "a1", "Norvik Shipping")
    assert [(s.article, s.text[:20]) for s in norvik.nearest] == [("b2", "Within two hours of ")]
    texts = [s.text for c in harbour.claims for s in c.sources]
    assert norvik.source.text not in texts


@pytest.mark.models
def test_unique_facts_and_different_statements_stay_single_source(harbour: Comparison) -> None:
    seals = claim_with(harbour, "b2", "grey seals")
    assert articles_of(seals) == ["b2"] and not seals.shared
    # Same topic (who may leave the port), different statements: never aligned.
    ferries = claim_with(harbour, "b2", "Ferry services")
    assert articles_of(ferries) == ["b2"] and not ferries.shared
    fishing = unconfirmed_with(harbour, "a1", "Fishing boats")
    assert not any("Ferry" in s.text for s in fishing.nearest)


@pytest.mark.models
def test_claims_are_ranked_shared_first_then_by_position(harbour: Comparison) -> None:
    shared = [claim.shared for claim in harbour.claims]
    assert shared == sorted(shared, reverse=True)
    assert harbour.claims[0].sources[0].text.startswith("The port authority")
    # Every sentence of the originals lands in exactly one claim or is unconfirmed.
    cited = [(s.article, s.start) for claim in harbour.claims for s in claim.sources]
    cited += [(u.source.article, u.source.start) for u in harbour.unconfirmed]
    assert len(cited) == len(set(cited)) == len(HARBOUR) + len(COASTAL)
    for claim in harbour.claims:
        assert len(set(articles_of(claim))) == len(claim.sources)


@pytest.mark.models
def test_the_same_quote_in_two_wordings_is_matched(harbour: Comparison) -> None:
    solberg = [m for m in harbour.quotes if m.speaker == "Ingrid Solberg"]
    assert len(solberg) == 1
    renderings = {span.article: span.text for span in solberg[0].renderings}
    assert set(renderings) == {"a1", "b2"}
    assert [span.article for span in solberg[0].republished] == ["c3"]
    assert renderings["a1"].startswith("We will not reopen")
    assert renderings["b2"].startswith("The harbour stays closed")


@pytest.mark.models
def test_quotes_of_different_speakers_are_never_paired(harbour: Comparison) -> None:
    by_speaker = {m.speaker: m for m in harbour.quotes}
    assert set(by_speaker) == {"Ingrid Solberg", "Tomas Berg", "Lena Ekdahl"}
    berg = by_speaker["Tomas Berg"]
    assert [s.article for s in berg.renderings] == ["a1"]
    assert [s.article for s in berg.republished] == ["c3"]
    assert all(s.text.startswith("Our crews") for s in berg.renderings)
    # Unmatched, but it has a speaker: listed with its one rendering.
    assert [s.article for s in by_speaker["Lena Ekdahl"].renderings] == ["b2"]


@pytest.mark.models
def test_similar_words_of_two_speakers_are_not_paired(embedder) -> None:  # type: ignore[no-untyped-def]
    berg = analysed("x", "Harbour Daily", [HARBOUR[4]], PEOPLE)
    solberg = analysed("y", "Coastal Wire", [COASTAL[1]], PEOPLE)
    comparison = compare_story("two", [berg, solberg], embedder)
    assert sorted((m.speaker, len(m.renderings)) for m in comparison.quotes) == [
        ("Ingrid Solberg", 1),
        ("Tomas Berg", 1),
    ]
    # Without a speaker on one side, only near-identical wording may match: still apart.
    berg.quotes = [replace(quote, speaker=None) for quote in berg.quotes]
    comparison = compare_story("two", [berg, solberg], embedder)
    assert [(m.speaker, len(m.renderings)) for m in comparison.quotes] == [("Ingrid Solberg", 1)]


@pytest.mark.models
def test_summary_is_short_verbatim_multi_outlet_and_not_repetitive(
    harbour: Comparison, harbour_story: list[Article], embedder
) -> None:  # type: ignore[no-untyped-def]
    summary = harbour.summary
    assert 3 <= len(summary) <= 7
    outlets = {a.id: a.outlet for a in harbour_story}
    assert len({outlets[span.article] for span in summary}) >= 2
    # Shared statements first: the first sentence is the most-shared lead.
    assert "northern harbour" in summary[0].text
    sentence_texts = {s.text for a in harbour_story for s in a.sentences}
    assert all(span.text in sentence_texts for span in summary)
    vectors = embedder.embed([span.text for span in summary])
    similarity = vectors @ vectors.T
    assert (similarity[~np.eye(len(summary), dtype=bool)] < 0.8).all()


@pytest.mark.models
def test_one_article_story_is_summarised_by_its_lead(embedder) -> None:  # type: ignore[no-untyped-def]
    article = analysed("solo", None, COASTAL, PEOPLE)
    comparison = compare_story("solo", [article], embedder)
    assert_verbatim(comparison, [article])
    assert [s.text for s in comparison.summary] == [s.text for s in article.sentences[:5]]
    assert not any(claim.shared for claim in comparison.claims)
    assert comparison.claims[0].outlets == ["unknown outlet (solo.txt)"]


# --- the seed pair: one denial, two translations ------------------------------------------

KREMLIN_PEOPLE = {"Peskov": "Dmitry Peskov", "Putin": "Vladimir Putin"}


def prose_paragraphs(path: Path) -> list[str]:
    """The file's prose: lines of more than 12 words (menus and lists are shorter)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if len(line.split()) > 12]


@pytest.fixture(scope="module")
def kremlin_story(kremlin_files: list[Path]) -> list[Article]:
    tass, afp = kremlin_files
    return [
        analysed("tass", "TASS", prose_paragraphs(tass), KREMLIN_PEOPLE),
        analysed("afp", "AFP", prose_paragraphs(afp), KREMLIN_PEOPLE),
    ]


@pytest.fixture(scope="module")
def kremlin(kremlin_story: list[Article], embedder) -> Comparison:  # type: ignore[no-untyped-def]
    return compare_story("kremlin", kremlin_story, embedder)


@pytest.mark.models
@pytest.mark.shared
def test_seed_pair_spans_are_verbatim(kremlin: Comparison, kremlin_story: list[Article]) -> None:
    assert_verbatim(kremlin, kremlin_story)


@pytest.mark.models
@pytest.mark.shared
def test_seed_pair_matches_both_peskov_statements(kremlin: Comparison) -> None:
    peskov = [m for m in kremlin.quotes if m.speaker == "Dmitry Peskov"]
    pairs = [{s.article: s.text for s in m.renderings} for m in peskov]
    assert len(pairs) == 2
    assert all(set(pair) == {"tass", "afp"} for pair in pairs)
    reality = next(pair for pair in pairs if "reality" in pair["tass"])
    assert "do not reflect the reality" in reality["tass"]
    assert "does not conform to reality" in reality["afp"]
    deny = next(pair for pair in pairs if pair is not reality)
    assert "deny" in deny["tass"] and "deny" in deny["afp"]
    # Putin's words in the AFP report are never paired with Peskov's.
    for match in kremlin.quotes:
        if match.speaker == "Vladimir Putin":
            assert [s.article for s in match.renderings] == ["afp"]


@pytest.mark.models
@pytest.mark.shared
def test_seed_pair_has_shared_and_single_source_claims(kremlin: Comparison) -> None:
    shared = [claim for claim in kremlin.claims if claim.shared]
    assert shared
    assert all(claim.outlets == ["TASS", "AFP"] for claim in shared)
    assert any("absolutely" in claim.text for claim in shared)
    # What only one side reports is never shared: single-source, or unconfirmed beside the
    # other side's nearest sentence.
    assert not claim_with(kremlin, "tass", "dated May 5, 2017").shared
    assert not any(
        "Vladimir Putin" in s.text for c in kremlin.claims if c.shared for s in c.sources
    )
    assert unconfirmed_with(kremlin, "afp", "Vladimir Putin").nearest
    summary_outlets = {span.article for span in kremlin.summary}
    assert summary_outlets == {"tass", "afp"}


def test_coverage_names_the_credited_wire_not_the_copy_that_arrived_first(embedder) -> None:  # type: ignore[no-untyped-def]
    # Grouping saw the paper's copy first and linked the wire to it; the comparison takes
    # the wire the text credits as the original, and every section names it alike.
    text = "Dockers walked out at the port on Monday over the crane plan."
    paper = analysed("p", "Harbour Daily", [f"TAGUS (Quay Wire) - {text}"], {})
    wire = analysed("w", "Quay Wire", [f"TAGUS, March 3 (Quay Wire) - {text}"], {}, copy_of="p")
    local = analysed("x", "Local Post", ["The port said the cranes will be replaced in May."], {})
    comparison = compare_story("wire", [paper, wire, local], embedder)
    assert comparison.copies == {"p": "w"}
    assert sorted(c.outlet for c in comparison.coverage) == ["Local Post", "Quay Wire"]
    assert {o for claim in comparison.claims for o in claim.outlets} <= {"Local Post", "Quay Wire"}
