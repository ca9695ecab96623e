"""The headline as the page prints it, found inside the declared title.

A declared title wraps the headline in names, slogans and section paths joined by any
punctuation ("Site - Slogan. -Headline", "Headline: Sport: Rugby: Site", "Columnists - Name:
Headline", "Headline (from Site)"); no list of separators covers them all. The page, though,
prints the headline on its own: a piece of the page's text that the declared title holds
between two separators is the headline without the rest.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from storylens.extract.text import normalise_line

# Text in these elements is not printed on the page (or is the declared title itself).
_UNSHOWN = frozenset({"script", "style", "title", "noscript", "template", "head", "option"})
# What may stand before and after the headline inside a declared title: a separator or a
# bracket (spaces around it optional, "Point. -Headline"), or the title's start/end.
_BEFORE = re.compile(r"(?:^|[:|\-–—»>/•·(\[]\s*)$")
_AFTER = re.compile(r"^(?:$|\s*[:|\-–—«</•·(\[])")
# Text as written is longer than as normalised by its runs of blanks (indented markup): a
# piece longer than this many times the title's length cannot be in it.
RAW_SLACK = 4
# A headline has 2 to 30 words: one word is a section name.
MIN_WORDS = 2
MAX_WORDS = 30


def printed_in_title(tree: HtmlElement, declared: list[str]) -> list[str]:
    """Pieces of the page's text that a declared title holds between separators, shorter
    than that title (the same text printed whole says nothing about what to trim)."""
    titles = [normalise_line(title).lower() for title in declared if title]
    if not titles:
        return []
    found: list[str] = []
    longest = max(len(title) for title in titles)
    for piece in _text_pieces(tree, longest * RAW_SLACK):
        lowered = piece.lower()
        # Nearly every piece of the page is in no title: that is checked first, being cheapest.
        if not any(lowered in title for title in titles) or piece in found:
            continue
        if not MIN_WORDS <= len(piece.split()) <= MAX_WORDS:
            continue
        if any(_bounded_in(lowered, title) for title in titles):
            found.append(piece)
    return found


def _text_pieces(tree: HtmlElement, max_chars: int) -> list[str]:
    """The page's text nodes (element texts and tails) up to `max_chars` long as written,
    normalised, in page order (the paragraphs are passed over unread)."""
    page = tree.find("body")
    pieces = []
    for element in (page if page is not None else tree).iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        texts = (element.tail,) if element.tag in _UNSHOWN else (element.text, element.tail)
        for text in texts:
            if text and len(text) <= max_chars and not text.isspace():
                pieces.append(normalise_line(text))
    return pieces


def _bounded_in(piece: str, title: str) -> bool:
    """Whether `piece` occurs in `title` between separators, and is not all of it."""
    if len(piece) >= len(title):
        return False
    start = title.find(piece)
    while start >= 0:
        end = start + len(piece)
        if _BEFORE.search(title[:start]) and _AFTER.match(title[end:]):
            return True
        start = title.find(piece, start + 1)
    return False
