"""Who says what: an outlet label per article, and which articles are independent voices.

A syndicated copy repeats its original's words, so it must not make a statement look
confirmed by a second outlet: every article is mapped to a *voice*, the outlet of the
original it copies (or its own outlet when it copies nothing).
"""

from __future__ import annotations

from storylens.records import Article

# copy_of chains are one link long when written by the grouper, but stored data is
# untrusted: follow at most this many links so a cycle cannot loop forever.
MAX_COPY_LINKS = 8


def outlet_label(article: Article) -> str:
    """The outlet's name, or a label naming the input when the outlet is unknown."""
    outlet = (article.outlet or "").strip()
    return outlet or f"unknown outlet ({article.source})"


def voices(articles: list[Article]) -> list[str]:
    """One independence key per article: copies share the key of their original."""
    by_id = {article.id: article for article in articles}
    return [_voice(article, by_id) for article in articles]


def _voice(article: Article, by_id: dict[str, Article]) -> str:
    current = article
    for _ in range(MAX_COPY_LINKS):
        if current.copy_of is None:
            break
        original = by_id.get(current.copy_of)
        if original is None:
            # The original is not in this story: copies of the same absent original
            # still count once, under the id they all point at.
            return f"copy of {current.copy_of}"
        current = original
    return "outlet " + outlet_label(current)
