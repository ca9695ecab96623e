"""The title of an HTML page: its headline, from what it declares and what it prints.

og:title/<title> carry site names, slogans and sections ("Headline - Sport - Site"); a
heading or a printed line they contain is the headline without them. Old pages declare only
the site's name and put the headline in any heading (or a styled line) before the text;
trafilatura's title finder is the last resort.
"""

from __future__ import annotations

from lxml.html import HtmlElement
from trafilatura.metadata import extract_title

from storylens.extract.headline import (
    choose_headline,
    headings_before_body,
    headline_in_body,
    is_label,
    is_site_like,
)
from storylens.extract.htmlmeta import PageMeta
from storylens.extract.printed_title import printed_in_title
from storylens.extract.styled_headline import styled_lines_before_body
from storylens.extract.text import clean_title, squash

# A headline has two words at least; one word in a declared title is a section ("Golf").
MIN_TITLE_WORDS = 2


def page_headline(
    meta: PageMeta, tree: HtmlElement, body: list[str], site_names: list[str]
) -> str | None:
    """The headline: a heading the page's declared title contains, else the heading that opens
    the article text when the declared title agrees with it or names only the site, else the
    declared title cleaned (down to the part of it the page prints on its own)."""
    declared = [title for title in (meta.title, meta.page_title) if title]
    keys = [squash(title) for title in declared]
    opening = [clean_title(h, site_names) or h for h in headings_before_body(tree, body)]
    headings = [clean_title(h, site_names) or h for h in meta.headings]
    inside = [
        heading
        for heading in [*headings, *opening]
        if _headline_shaped(heading, site_names) and any(squash(heading) in key for key in keys)
    ]
    if inside:
        return max(inside, key=len)
    cleaned = next((t for t in (clean_title(c, site_names) for c in declared) if t), None)
    cleaned = _printed_part(tree, cleaned, declared, site_names)
    in_body = headline_in_body(body)
    if not opening and _site_only(cleaned, site_names):
        # Neither a heading nor the declared title names the story: a styled line may.
        opening = styled_lines_before_body(tree, body)
    return choose_headline(cleaned, opening, in_body, site_names, body) or clean_title(
        extract_title(tree), site_names
    )


def _printed_part(
    tree: HtmlElement, cleaned: str | None, declared: list[str], site_names: list[str]
) -> str | None:
    """The longest part of the cleaned declared title that the page prints on its own
    ("Unkle: Home woes for Flyers" -> "Home woes for Flyers"); when the cleaned title names
    only the site, the longest part of the raw declared ones."""
    if cleaned is None:
        return None
    sources = [cleaned] if not _site_only(cleaned, site_names) else declared
    parts = [p for p in printed_in_title(tree, sources) if _headline_shaped(p, site_names)]
    return max(parts, key=len) if parts else cleaned


def _headline_shaped(text: str, site_names: list[str]) -> bool:
    return (
        len(text.split()) >= MIN_TITLE_WORDS
        and not is_label(text)
        and not is_site_like(text, site_names)
    )


def _site_only(title: str | None, site_names: list[str]) -> bool:
    return title is None or not _headline_shaped(title, site_names)
