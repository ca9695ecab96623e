"""Counts in words a person reads: "1 article", "2 articles", "1 story", "3 stories"."""

from __future__ import annotations


def sources_phrase(articles: int, republished: int) -> str:
    """ "2 independent sources (+4 republished)": a syndicated copy counts once, on its
    original."""
    phrase = counted(articles - republished, "independent source")
    return phrase + (f" (+{republished} republished)" if republished else "")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and the noun in the number it needs (`plural` where it is not noun + "s")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
