"""The JSON report of compared stories (schema version 2).

Every text shown is cited with its article id and offsets into that article's `body`,
so a consumer can check and highlight it. Version 2 only adds keys to version 1 (marked +);
a version 1 reader keeps working. Contract (keys in this order; `SPAN` is
`{"article", "start", "end", "text"}`):

    {"articles": [{"id", "source", "outlet", "title", "published", "body",
                   "input_id", "url", "author", "language", "copy_of", "story"}],
     "stories": [{"id", "articles": [ids],
                  "summary": [{"text", "article", "start", "end"}],
                  "claims": [{"text", "shared",
                              "sources": [{"article", "start", "end", +"language"}],
                              "outlets", +"republished": [SPAN]}],
                  "quotes": [{"speaker", "renderings": [{"article", "text", "start", "end",
                                                         +"language", +"kind", +"diff"}],
                              +"republished": [SPAN]}],
                  +"conflicts": [{"kind", "claim", "first": SPAN, "second": SPAN,
                                  "first_value": SPAN, "second_value": SPAN}],
                  +"entities": [{"name", "kind", "variants", "mentions": {outlet: n},
                                 "spans": [SPAN]}],
                  +"timeline": [{"date", "precision", "anchor", "when": SPAN, "sentence": SPAN,
                                 +"event": n (items of one event share it)}],
                  +"framing": [{"article", "outlet", "headline", "lead": SPAN | null,
                                "first_claim", "attribution_verbs": {verb: n},
                                "hedges": [SPAN], "loaded": [SPAN]}],
                  +"coverage": [{"outlet", "only_here": [claim index],
                                 "left_out": [claim index]}],
                  +"unconfirmed": [{"source": SPAN, "nearest": [SPAN]}],
                  +"copies": {copy id: original id},
                  +"translated": [copy id]}],
     "schema_version": 2}

A claim that is not `shared` is single-source: no other outlet's sentence comes near it.
A sentence that another outlet's sentence comes near without being matched is neither: it
is listed under `unconfirmed`, with those nearest sentences for the reader to judge.

A rendering's `diff` is null for the first rendering of its language, else the word-level
diff against that one: `[[op, words], ...]` with op `equal` | `delete` (only in the first) |
`insert` (only here). Renderings in two languages are never diffed word by word. `language`
is the article's (ISO 639-1, null when unknown). `translated`: the copies (see `copies`) that
translate their original into another language.
"""

from __future__ import annotations

from typing import Any

from storylens.compare.quotes import diff_bases, quote_diff, span_languages
from storylens.recorddata import to_data
from storylens.records import (
    Article,
    Claim,
    Comparison,
    QuoteMatch,
    Span,
)

SCHEMA_VERSION = 2


def compare_report(articles: list[Article], comparisons: list[Comparison]) -> dict[str, Any]:
    """The whole report: every article once, then every story's comparison."""
    by_id = {article.id: article for article in articles}
    return {
        "articles": [article_to_dict(article) for article in articles],
        "stories": [comparison_to_dict(comparison, by_id) for comparison in comparisons],
        "schema_version": SCHEMA_VERSION,
    }


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "body": article.body,
        "input_id": article.input_id,
        "url": article.url,
        "author": article.author,
        "language": article.language,
        "copy_of": article.copy_of,
        "story": article.story_id,
    }


def comparison_to_dict(comparison: Comparison, articles: dict[str, Article]) -> dict[str, Any]:
    """One story. Spans are checked against `articles`: a span that is not its article's
    text raises ValueError rather than citing words the article does not contain."""
    for span in all_spans(comparison):
        _check(span, articles)
    return {
        "id": comparison.story_id,
        "articles": list(comparison.article_ids),
        "summary": [_cited(span) for span in comparison.summary],
        "claims": [_claim(claim, articles) for claim in comparison.claims],
        "quotes": [_quote(match, articles) for match in comparison.quotes],
        # Records whose fields are the contract's keys, as storage writes them (`to_data`):
        # a field added to one of them reaches the JSON with no code here.
        "conflicts": to_data(comparison.conflicts),
        "entities": to_data(comparison.entities),
        "timeline": to_data(comparison.timeline),
        "framing": to_data(comparison.framing),
        "coverage": to_data(comparison.coverage),
        "unconfirmed": to_data(comparison.unconfirmed),
        "copies": dict(comparison.copies),
        "translated": list(comparison.translated),
    }


def _cited(span: Span) -> dict[str, Any]:
    return {"text": span.text, "article": span.article, "start": span.start, "end": span.end}


def _claim(claim: Claim, articles: dict[str, Article]) -> dict[str, Any]:
    return {
        "text": claim.text,
        "shared": claim.shared,
        "sources": [
            {"article": span.article, "start": span.start, "end": span.end, "language": language}
            for span, language in zip(
                claim.sources, span_languages(claim.sources, articles), strict=True
            )
        ],
        "outlets": list(claim.outlets),
        "republished": [_span(span) for span in claim.republished],
    }


def _quote(match: QuoteMatch, articles: dict[str, Article]) -> dict[str, Any]:
    """A matched quote; each rendering's words diffed against the first rendering in its
    language (a rendering in another language is shown beside it, never diffed: `diff` is
    null for the first of each language)."""
    languages = span_languages(match.renderings, articles)
    renderings = []
    for span, language, base in zip(
        match.renderings, languages, diff_bases(languages), strict=True
    ):
        diff = (
            None
            if base is None
            else [list(run) for run in quote_diff(match.renderings[base].text, span.text)]
        )
        renderings.append(
            {
                "article": span.article,
                "text": span.text,
                "start": span.start,
                "end": span.end,
                "language": language,
                "kind": span.kind,
                "diff": diff,
            }
        )
    return {
        "speaker": match.speaker,
        "renderings": renderings,
        "republished": [_span(span) for span in match.republished],
    }


def _span(span: Span) -> dict[str, Any]:
    return {"article": span.article, "start": span.start, "end": span.end, "text": span.text}


def all_spans(comparison: Comparison) -> list[Span]:
    """Every span a comparison cites (each must be verbatim text of its article)."""
    spans = list(comparison.summary)
    for claim in comparison.claims:
        spans += [*claim.sources, *claim.republished]
    for match in comparison.quotes:
        spans += [*match.renderings, *match.republished]
    for conflict in comparison.conflicts:
        spans += [conflict.first, conflict.second, conflict.first_value, conflict.second_value]
    for entity in comparison.entities:
        spans.extend(entity.spans)
    for item in comparison.timeline:
        spans += [item.when, item.sentence]
    for framing in comparison.framing:
        spans += [*([framing.lead] if framing.lead else []), *framing.hedges, *framing.loaded]
    for unconfirmed in comparison.unconfirmed:
        spans += [unconfirmed.source, *unconfirmed.nearest]
    return spans


def _check(span: Span, articles: dict[str, Article]) -> None:
    article = articles.get(span.article)
    if article is None:
        return  # the article is not in this report; its text cannot be checked here
    if article.body[span.start : span.end] != span.text:
        raise ValueError(
            f"span {span.start}:{span.end} of article {span.article} is not verbatim text"
        )
