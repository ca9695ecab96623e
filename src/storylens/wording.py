"""Counts in words a person reads: "1 article", "2 articles", "1 story", "3 stories"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and the noun in the number it needs (`plural` where it is not noun + "s")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
