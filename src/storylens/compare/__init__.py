"""Compare stage: what every outlet of a story says — claims, conflicts, quotes, entities,
a timeline, a summary and each outlet's framing.

`compare_story` takes a story's analysed articles (sentences, quotes and `copy_of` filled
in) and returns a `Comparison` whose every span is verbatim text of one article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar

import numpy as np

from storylens.analyse.embeddings import Embedder
from storylens.compare.align import Vectors
from storylens.compare.claims import align_claims, for_conflicts, to_claim, to_unconfirmed
from storylens.compare.conflicts import find_conflicts
from storylens.compare.copies import (
    copies_by_original,
    originals,
    republished,
    translated_copies,
)
from storylens.compare.coverage import coverage
from storylens.compare.entities import story_entities
from storylens.compare.framing import framing
from storylens.compare.measures import measure_conflicts
from storylens.compare.outlets import outlet_label, voices
from storylens.compare.quoted_elsewhere import unconfirm_quoted
from storylens.compare.quotes import match_quotes, quote_diff, with_story_names
from storylens.compare.second_opinion import recheck_single_sources
from storylens.compare.summary import summarise
from storylens.compare.timeline import article_anchor, build_timeline
from storylens.compare.timeline_events import number_events
from storylens.compare.units import Unit, quote_units, sentence_units
from storylens.compare.unmarked import unmarked_quotes
from storylens.records import Article, Claim, Comparison, Conflict, QuoteMatch
from storylens.vector_layout import part

__all__ = ["COMPARISON_VERSION", "compare_story", "outlet_label", "quote_diff"]

# The version of what `compare_story` makes of a story's articles. Stored comparisons of
# another version are recomputed (see storylens.compared): bump it with any change that
# makes the compare stage, or the analysis it reads, give another result for the same
# articles.
COMPARISON_VERSION = 39


def compare_story(
    story_id: str,
    articles: list[Article],
    embedder: Embedder,
    second_opinion: Embedder | None = None,
) -> Comparison:
    """Align the story's statements and quotes across its articles and summarise it.

    `second_opinion`: the model asked before a sentence is called single-source
    (`compare.second_opinion`); without it the claims' own alignment decides.

    Claims and quotes are aligned over the originals (`copies`): a syndicated copy is its
    original's source, listed on each claim and quote as republished; so is a translated
    copy (`translated_copies`)."""
    multilingual = len({(a.language or "")[:2] for a in articles} - {""}) > 1
    translated = translated_copies(articles, lambda texts: part(embedder.embed(texts), True))
    if translated:  # copies for this comparison only: the stored articles keep their links
        articles = [replace(a, copy_of=translated.get(a.id, a.copy_of)) for a in articles]
    sources = originals(articles)
    copies = copies_by_original(articles)
    sentences = sentence_units(sources)
    quotes = quote_units(sources)
    quotes = with_story_names(quotes + unmarked_quotes(sources, sentences, quotes), sources)
    (sentence_vectors, quote_vectors), (sentence_whole, _) = _embed(
        embedder, multilingual, sentences, quotes
    )
    who = voices(sources)
    source_labels = [outlet_label(article) for article in sources]
    aligned = recheck_single_sources(
        align_claims(sentences, sentence_vectors, who, [a.language for a in sources]),
        sentences,
        sentence_whole,
        who,
        second_opinion.embed if second_opinion is not None else None,
    )
    matched = match_quotes(quotes, quote_vectors)
    aligned = unconfirm_quoted(aligned, sentences, matched, who)
    groups = [group for group in aligned if not group.unconfirmed]
    claims = [with_copies(to_claim(g, sentences, source_labels), copies) for g in groups]
    ids = [article.id for article in articles]
    labels = [outlet_label(article) for article in articles]
    # The voices as this comparison collapsed the copies (a credited wire is the original,
    # whichever copy arrived first), so coverage, names and conflicts name the same outlet.
    original_of = {c.id: original for original, found in copies.items() for c in found}
    every_voice = voices([replace(a, copy_of=original_of.get(a.id)) for a in articles])
    voice_of = dict(zip(ids, every_voice, strict=True))
    entities = story_entities(articles, labels, every_voice)
    people = [[n for n in e.variants if " " in n] for e in entities if e.kind == "person"]
    anchors = {article.id: article_anchor(article) for article in articles}
    return Comparison(
        story_id=story_id,
        article_ids=ids,
        claims=claims,
        quotes=[with_copies(m, copies) for m in matched],
        summary=summarise(groups, sentences, sentence_vectors, who),
        conflicts=_with_measures(
            find_conflicts(
                [for_conflicts(g, c) for g, c in zip(groups, claims, strict=True)],
                voice_of,
                anchors,
                people,
            ),
            measure_conflicts([unit.span for unit in sentences], voice_of, claims),
        ),
        entities=entities,
        timeline=number_events(
            build_timeline(articles, sentence_units(articles)), claims, original_of
        ),
        framing=framing(sources, sentences, claims),
        coverage=coverage(
            claims,
            dict(zip(ids, labels, strict=True)),
            voice_of,
        ),
        unconfirmed=[to_unconfirmed(g, sentences) for g in aligned if g.unconfirmed],
        copies=original_of,
        translated=sorted(translated),
    )


Record = TypeVar("Record", Claim, QuoteMatch)


def _with_measures(aligned: list[Conflict], measured: Iterable[Conflict]) -> list[Conflict]:
    """The claims' conflicts, then the measures in dispute across the story they miss."""

    def sentences(conflict: Conflict) -> frozenset[tuple[str, int]]:
        return frozenset((s.article, s.start) for s in (conflict.first, conflict.second))

    seen = {sentences(conflict) for conflict in aligned}
    return aligned + [conflict for conflict in measured if sentences(conflict) not in seen]


def with_copies(record: Record, copies: dict[str, list[Article]]) -> Record:
    """The record with the spans the copies of its sources print (`republished`)."""
    spans = record.sources if isinstance(record, Claim) else record.renderings
    record.republished = republished(spans, copies)
    return record


def _embed(
    embedder: Embedder, multilingual: bool, *batches: list[Unit]
) -> tuple[list[Vectors], list[Vectors]]:
    """One embedding call for every unit; repeated texts (syndicated copies) embed once.

    Per batch, the vectors compared: a story in several languages compares on a hybrid
    model's multilingual part, a story in one on its English part (`vector_layout`); and
    the whole vectors (both parts, which pick a sentence's nearest ones best)."""
    texts = list(dict.fromkeys(unit.span.text for batch in batches for unit in batch))
    if not texts:
        empty = [np.zeros((0, 1), dtype=np.float32) for _ in batches]
        return empty, empty
    whole = embedder.embed(texts)
    compared = part(whole, multilingual)
    row = {text: i for i, text in enumerate(texts)}
    rows = [[row[unit.span.text] for unit in batch] for batch in batches]
    return [compared[r] for r in rows], [whole[r] for r in rows]
