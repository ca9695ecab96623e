"""Article text when trafilatura finds none: the densest container of text blocks.

Pages built from <div>s and <br>s, or with odd markup, can defeat trafilatura's XPaths; the
text is still there as blocks under one parent. The parent whose blocks hold the most text
(links, menus, footers and sidebars left out) is taken as the article.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from storylens.extract.text import paragraphs

_BLOCK_TAGS = frozenset(
    "p div li td th dd dt blockquote pre section article main h1 h2 h3 h4 h5 h6 ul ol "
    "table tr tbody header footer nav aside form figure figcaption".split()
)
_TEXT_BLOCKS = frozenset("p div td dd blockquote pre section article main li".split())
_SKIP_TAGS = frozenset(
    "script style noscript nav footer header aside form button select template svg iframe "
    "figure figcaption".split()
)
# class/id words of containers that are never the article.
_SKIP_NAMES = re.compile(
    r"cookie|consent|gdpr|banner|\bnav|menu|footer|comment|related|share|social|sidebar|"
    r"promo|newsletter|subscribe|advert|\bads?\b|breadcrumb|popup|modal",
    re.IGNORECASE,
)
# Both set by hand, not tuned: the fallback runs on few bench pages (2 of 846).
# Blocks whose text is mostly link text are menus and link lists (boilerpipe uses 0.33).
MAX_LINK_DENSITY = 0.33
# A block shorter than this is a label or a button, not a paragraph.
MIN_BLOCK_CHARS = 40


def densest_paragraphs(tree: HtmlElement) -> list[str]:
    """The paragraphs of the container holding the most block text, in page order."""
    groups: dict[HtmlElement, list[str]] = {}
    for block in tree.iter(*_TEXT_BLOCKS):
        if not isinstance(block, HtmlElement) or _skipped(block):
            continue
        own, linked = _own_text(block)
        if len(own.strip()) < MIN_BLOCK_CHARS or linked > MAX_LINK_DENSITY * len(own):
            continue
        parent = block.getparent()
        groups.setdefault(parent if parent is not None else block, []).extend(paragraphs(own))
    if not groups:
        return []
    return max(groups.values(), key=lambda paras: sum(len(p) for p in paras))


def _skipped(element: HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in _SKIP_TAGS:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if names.strip() and _SKIP_NAMES.search(names):
            return True
    return False


def _own_text(element: HtmlElement) -> tuple[str, int]:
    """Text of `element` outside its block children (<br> as newline), and its linked chars."""
    parts = [element.text or ""]
    linked = 0
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in _BLOCK_TAGS and tag not in _SKIP_TAGS:
            text, child_linked = _own_text(child)
            parts.append(text)
            linked += len(text) if tag == "a" else child_linked
        parts.append(child.tail or "")
    return "".join(parts), linked


def visible_text_chars(tree: HtmlElement) -> int:
    """Characters of the page's readable text (scripts and styles left out), each text piece
    counted with one separator: no extraction of the page can hold more text than this."""
    body = tree.find("body")
    pieces = (body if body is not None else tree).xpath(_VISIBLE_TEXT)
    return sum(len(" ".join(str(piece).split())) + 1 for piece in pieces)


_VISIBLE_TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"


def has_layout_table(tree: HtmlElement) -> bool:
    """Whether the page is laid out with tables: a table inside a table.

    On such pages a table holds the article and its menus alike, and keeping table text keeps
    the menus; on other pages a table is data the article shows.
    """
    return any(table.find(".//table") is not None for table in tree.iter("table"))
