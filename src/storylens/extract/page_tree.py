"""The page's lxml tree: parsed as trafilatura parses it, with a cheaper element class lookup.

lxml.html picks each element's Python class in a Python method (form fields get classes of
their own), called every time an element's Python object is made: about a tenth of our
extraction time on the bench pages (cProfile, 846 pages). Our readers, htmldate and
trafilatura use only what every HtmlElement has, so one class for all elements, chosen in C,
serves them the same.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import is_dubious_html, repair_faulty_html

from storylens.extract.text import normalise_line, printed_chars

# libxml2 stops building the tree 255 elements deep and drops everything below; a page that
# deep is built to hurt parsers (no real article nests past a few dozen levels).
PARSER_DEPTH = 255
TOO_DEEP = f"HTML nested over {PARSER_DEPTH} levels deep: the text below is not read"


def _page_parser() -> HTMLParser:
    """trafilatura's parser settings (comments and processing instructions dropped, no
    doctype made up, no id table), with the one-class lookup."""
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    lookup = etree.ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _page_parser()


def parse_page(content: str) -> HtmlElement | None:
    """The page's tree, or None when the markup is not a page. Markup that does not open like
    one (a bare fragment, a broken doctype) is parsed again inside a page of its own."""
    tree = _parse(content)
    if tree is None and "<" in content:
        tree = _parse(f"<html><body>{content}</body></html>")
    return tree


def _parse(content: str) -> HtmlElement | None:
    """As trafilatura's `load_html` reads a decoded string: repaired, parsed, and rejected
    when it does not name itself HTML and holds fewer than two top-level elements."""
    beginning = content[:50].lower()
    content = repair_faulty_html(content, beginning)
    try:
        tree: HtmlElement | None = fromstring(content, parser=_PARSER)
    except (ValueError, etree.LxmlError):  # e.g. a str that declares its encoding
        tree = None
    if tree is None or len(tree) < 1:
        tree = _from_bytes(content)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _from_bytes(content: str) -> HtmlElement | None:
    try:
        tree: HtmlElement = fromstring(content.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ValueError, etree.LxmlError):
        return None
    return tree


def too_deep(tree: HtmlElement) -> bool:
    """Whether the parser reached its depth limit (checked only when no text was found)."""
    return any(
        sum(1 for _ in element.iterancestors()) >= PARSER_DEPTH - 2 for element in tree.iter()
    )


def short_text(element: HtmlElement, limit: int) -> str | None:
    """The element's text, normalised, or None when that is longer than `limit`: read piece
    by piece, so that a container of the whole page (every element before the headline
    holds it, or an ancestor of it) is not joined whole to be measured."""
    pieces, printed = [], 0
    for piece in element.itertext():
        printed += printed_chars(piece)
        if printed > limit:  # its characters other than spaces alone are over the limit
            return None
        pieces.append(piece)
    text = normalise_line("".join(pieces))
    return text if len(text) <= limit else None
