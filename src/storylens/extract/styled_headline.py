"""A headline printed as a styled line rather than a heading, for pages that name no story.

Old templates print the headline in a <div>, <span> or <font> styled to look like one, and
declare only the site's name (or nothing: a broken <head> swallowed it). When neither a
heading nor the declared title gives the story's name, the short standalone lines just above
the article text are weighed: the headline is the one whose words the first paragraphs use
most (menus, captions and promos use few of them).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from storylens.extract.dates import parse_date
from storylens.extract.headline import (
    MIN_ECHO,
    echo_share,
    elements_to_body,
    is_label,
    text_words,
)
from storylens.extract.regions import in_region
from storylens.extract.text import normalise_line

# Set by hand from the l3s-gn1 pages: the headline sits within this many elements above the
# text (a picture with its caption, a byline and a date between them).
MAX_ELEMENTS_BACK = 60
# A styled headline has 3 to 20 words ("Carragher defends confrontation").
MIN_WORDS = 3
MAX_WORDS = 20
_OTHER_REGIONS = re.compile(
    r"\bnav|menu|sidebar|widget|related|teaser|promo|footer|comment|caption|\bcap\b|credit|"
    r"byline|author|date|time|breadcrumb",
    re.IGNORECASE,
)
_SKIP_TAGS = frozenset({"a", "nav", "footer", "aside", "form", "figure", "figcaption", "li"})
# Lines headlines do not look like: bylines, times of day, sentences ending in a full stop.
_NOT_HEADLINE = re.compile(r"^(?i:by|posted|published|updated)\b|\d{1,2}:\d{2}|\.$")


def styled_lines_before_body(tree: HtmlElement, body: list[str]) -> list[str]:
    """Standalone short lines above the article text whose words its first paragraphs use,
    the most echoed first (nearer first among equals)."""
    found_start = elements_to_body(tree, body)
    if found_start is None:
        return []
    elements, start = found_start
    scored: list[tuple[float, int, str]] = []
    seen: set[str] = set()
    for distance, element in enumerate(
        reversed(elements[max(0, start - MAX_ELEMENTS_BACK) : start])
    ):
        line = _standalone_line(element)
        if line is None or line in seen:
            continue
        seen.add(line)
        echo = echo_share(line, text_words(body, line))
        if echo >= MIN_ECHO:
            scored.append((-echo, distance, line))
    return [line for _, _, line in sorted(scored)]


def _standalone_line(element: HtmlElement) -> str | None:
    """The element's whole text when it is one short headline-like line, else None."""
    if element.getparent() is not None and _beside_picture(element):
        return None  # a caption
    line = normalise_line(element.text_content())
    if not MIN_WORDS <= len(line.split()) <= MAX_WORDS or _NOT_HEADLINE.search(line):
        return None
    if is_label(line) or parse_date(line) is not None:
        return None
    if any(True for _ in element.iter("a")) or in_region(element, _SKIP_TAGS, _OTHER_REGIONS):
        return None
    return line


def _beside_picture(element: HtmlElement) -> bool:
    parent = element.getparent()
    return any(True for _ in parent.iter("img")) if parent is not None else False
