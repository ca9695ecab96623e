"""Stored articles found by id or by a unique prefix of one (as `show` finds stories)."""

from __future__ import annotations

from storylens.errors import StoreError
from storylens.store.store import Store

# Candidates named when an id prefix matches several articles.
SHOWN_CANDIDATES = 5


def resolve_article_ids(store: Store, keys: list[str]) -> list[str]:
    """Each key's stored article id: the id itself, or the one stored id it begins."""
    stored = store.has_articles(keys)
    if all(key in stored for key in keys):
        return keys
    known = sorted({i for story in store.list_stories() for i in story.article_ids})
    return [key if key in stored else _by_prefix(key, known) for key in keys]


def _by_prefix(key: str, known: list[str]) -> str:
    if not key:
        raise StoreError("no article id given: copy one from `storylens stories --json`")
    matches = [i for i in known if i.startswith(key)]
    if not matches:
        raise StoreError(f"no stored article with id or id prefix {key!r}")
    if len(matches) > 1:
        shown = ", ".join(matches[:SHOWN_CANDIDATES])
        more = len(matches) - SHOWN_CANDIDATES
        listed = f"{shown} and {more} more" if more > 0 else shown
        raise StoreError(f"article id prefix {key!r} is ambiguous: {listed}; give more characters")
    return matches[0]
