"""The JSON report of compared stories (schema version 1).

Every text shown is cited with its article id and offsets into that article's `body`,
so a consumer can check and highlight it. Contract (keys in this order):

    {"articles": [{"id", "source", "outlet", "title", "published", "body",
                   "input_id", "url", "author", "language", "copy_of", "story"}],
     "stories": [{"id", "articles": [ids],
                  "summary": [{"text", "article", "start", "end"}],
                  "claims": [{"text", "shared", "sources": [{"article", "start", "end"}],
                              "outlets"}],
                  "quotes": [{"speaker", "renderings": [{"article", "text", "start", "end"}]}]}],
     "schema_version": 1}
"""

from __future__ import annotations

from typing import Any

from storylens.records import Article, Claim, Comparison, QuoteMatch, Span

SCHEMA_VERSION = 1


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
    for span in _spans(comparison):
        _check(span, articles)
    return {
        "id": comparison.story_id,
        "articles": list(comparison.article_ids),
        "summary": [_cited(span) for span in comparison.summary],
        "claims": [_claim(claim) for claim in comparison.claims],
        "quotes": [_quote(match) for match in comparison.quotes],
    }


def _cited(span: Span) -> dict[str, Any]:
    return {"text": span.text, "article": span.article, "start": span.start, "end": span.end}


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "shared": claim.shared,
        "sources": [
            {"article": span.article, "start": span.start, "end": span.end}
            for span in claim.sources
        ],
        "outlets": list(claim.outlets),
    }


def _quote(match: QuoteMatch) -> dict[str, Any]:
    return {
        "speaker": match.speaker,
        "renderings": [
            {"article": span.article, "text": span.text, "start": span.start, "end": span.end}
            for span in match.renderings
        ],
    }


def _spans(comparison: Comparison) -> list[Span]:
    spans = list(comparison.summary)
    for claim in comparison.claims:
        spans.extend(claim.sources)
    for match in comparison.quotes:
        spans.extend(match.renderings)
    return spans


def _check(span: Span, articles: dict[str, Article]) -> None:
    article = articles.get(span.article)
    if article is None:
        return  # the article is not in this report; its text cannot be checked here
    if article.body[span.start : span.end] != span.text:
        raise ValueError(
            f"span {span.start}:{span.end} of article {span.article} is not verbatim text"
        )
