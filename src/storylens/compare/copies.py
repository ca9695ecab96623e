"""Syndicated copies collapse onto their original: one outlet's report is one source.

A copy (grouping set `copy_of`) repeats its original's sentences; aligned as an outlet of
its own it lists one fact once per copy ("shared" by the wire and the papers that print
it) and one quote five times. Claims and quotes are aligned over the originals only; each
span then names where the copies print the same words, shown as "+N republished".
"""

from __future__ import annotations

from storylens.records import Article, Span


def originals(articles: list[Article]) -> list[Article]:
    """The articles that are not a copy of another article of the story."""
    ids = {article.id for article in articles}
    return [a for a in articles if a.copy_of is None or a.copy_of not in ids]


def copies_by_original(articles: list[Article]) -> dict[str, list[Article]]:
    """Each original's copies in the story (a copy of a copy counts for the original)."""
    by_id = {article.id: article for article in articles}
    found: dict[str, list[Article]] = {}
    for article in articles:
        root = article
        seen = {root.id}
        while root.copy_of in by_id and root.copy_of not in seen:
            root = by_id[root.copy_of]
            seen.add(root.id)
        if root is not article:
            found.setdefault(root.id, []).append(article)
    return found


def republished(spans: list[Span], copies: dict[str, list[Article]]) -> list[Span]:
    """Where the copies of each span's article print the span's words verbatim."""
    found = []
    for span in spans:
        for copy in copies.get(span.article, []):
            start = copy.body.find(span.text)
            if start >= 0:
                found.append(copy.span(start, start + len(span.text)))
    return found
