"""The authors of an HTML page: what it declares (JSON-LD, <meta>), else its printed byline.

Declared names are trusted as given (a one-word name or a handle included), except the site's
own name, which many templates put where no person is named: it is kept only when the page
prints no byline. Printed bylines are found three ways, in page order:
- elements marked as the author's (rel="author", itemprop="author", "author"/"byline" in the
  class, as most templates do; trafilatura's author XPaths look for the same);
- a label with the name beside it: "Written by" / "Author:" / "Von" / "Par" / "Автор:" in an
  element of its own, the name in the next element or after the label in the same line;
- a line that starts with "By" ("Written by", "Von", "Par", "Por", "Di", "Door", "Автор").
Menus, sidebars, comments and related-article lists are left out: their "by" lines name other
articles' authors and commenters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from storylens.extract.dates import parse_date
from storylens.extract.htmlmeta import PageMeta
from storylens.extract.text import clean_author, normalise_line, printed_chars, squash

# A byline is short: longer text under such a class is a whole author box or page.
MAX_BYLINE_CHARS = 79
# The first few bylines are the article's; pages with more use them for teasers.
MAX_CANDIDATES = 8
# Not read: menus and code. (<footer> and <aside> are: templates put the byline in the
# article's footer or a side column.)
_SKIP_TAGS = frozenset("nav script style noscript template select".split())
# Class/id words of such regions, as words of their own ("sidebar", "related-posts", not
# "theiaStickySidebar" around the article; Elementor calls every block a "widget").
_OTHER_REGIONS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|sidebar|related|teaser|promo|comments?|"
    r"recommend(?:ed|ations)?|more|trending|popular|newsletter|recent)(?:$|[\s_-])",
    re.IGNORECASE,
)
_MARKED = re.compile(r"author|byline", re.IGNORECASE)
# An element that holds only a label: the name follows it.
# ("Authors" alone is a menu's entry more often than a label: plurals need their colon.)
_LABEL = re.compile(
    r"^(?:(?:(?:written|posted|published|article|words|text|story|reported)\s+by|by|von|par|"
    r"por|di|door|автор|author|autor|autorin|auteur|autore|writer|redakteur|redakteurin)\s*:?|"
    r"(?:authors|autoren|auteurs|autores|autori|авторы|contributors?|words|text|texto|testo)"
    r"\s*:)$",
    re.IGNORECASE,
)
# A line that starts with a byline word and a capitalised name.
_BY_LINE = re.compile(
    r"^(?:(?:written|posted|words|text|story|reported)\s+by|by|von|par|por|di|door|автор)"
    r"(?:\s*:\s*|\s+)\w",
    re.IGNORECASE,
)
# A byline without a marker is looked for this many elements after the <h1> at most (the
# printed date's reach in shown_date.py is 40).
HEADLINE_REACH = 30
# "12/03/2026", "2026-03-12": day and month order need not be known to see a date.
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.](?:\d{2}|\d{4})|\d{4}-\d{2}-\d{2}")
_SEGMENTS = re.compile(r"\s+[|–—•·-]\s+")
# How far up a byline's ancestors a sidebar or comment list is looked for: page wrappers
# far above name themselves after the layout ("has-sidebar", "with-nav").
REGION_DEPTH = 6


def page_authors(meta: PageMeta, tree: HtmlElement, site_names: list[str]) -> str | None:
    """The article's authors ("A; B"), or None when the page names nobody."""
    # The site's names, and a host's label ("glossgenius.com" -> "glossgenius").
    labels = [name.rsplit(".", 1)[0] for name in site_names if "." in name]
    sites = {key for key in map(squash, [*site_names, *labels]) if key}
    site_only: str | None = None
    for declared in meta.authors:
        names = clean_author(declared, declared=True)
        if names and squash(names) in sites:
            site_only = site_only or names
        elif names:
            return names
    for text in byline_texts(tree):
        names = clean_author(text)
        if names:
            return names
    return dated_name(tree) or site_only


def dated_name(tree: HtmlElement) -> str | None:
    """The name in an unmarked line under the headline that pairs it with the date ("Ann Lee |
    Senior Writer | July 2, 2025", "Ann Lee - 12/03/2026")."""
    seen = None
    for element in tree.iter():
        if seen is None:
            seen = 0 if element.tag == "h1" else None
            continue
        seen += 1
        if seen > HEADLINE_REACH:
            return None
        text = byline_text(element) if isinstance(element.tag, str) else None
        parts = _SEGMENTS.split(text) if text else []
        if len(parts) >= 2 and any(_is_date(part) for part in parts[1:]):
            return clean_author(parts[0])
    return None


def byline_texts(tree: HtmlElement) -> list[str]:
    """The printed bylines, in page order (at most `MAX_CANDIDATES`)."""
    found: list[str] = []
    for text in _candidates(tree):
        if text not in found:
            found.append(text)
            if len(found) == MAX_CANDIDATES:
                break
    return found


def _candidates(tree: HtmlElement) -> Iterator[str]:
    body = tree.find("body")
    for element in (body if body is not None else tree).iter():
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            continue
        get = element.get
        own = normalise_line(element.text or "")
        marked = _MARKED.search(get("class") or "") or "author" in (get("rel"), get("itemprop"))
        if not (marked or _LABEL.match(own) or (own and _BY_LINE.match(own))):
            continue
        if _in_other_region(element):
            continue
        if marked or not _LABEL.match(own):
            text = byline_text(element)
            if text:
                yield text
            continue
        # A label alone: the name is in the next element or after it on the same line.
        following = element.getnext()
        name = byline_text(following) if following is not None else None
        if name:
            yield f"{own} {name}"
        elif element.tail and element.tail.strip():
            yield f"{own} {normalise_line(element.tail)}"
        parent = element.getparent()
        line = byline_text(parent) if parent is not None else None
        if line and squash(line) != squash(own):
            yield line


def _in_other_region(element: HtmlElement) -> bool:
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth > REGION_DEPTH or node.tag in ("body", "html", "article", "main"):
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in _SKIP_TAGS or _OTHER_REGIONS.search(names):
            return True
    return False


def _is_date(text: str) -> bool:
    return bool(_NUMERIC_DATE.fullmatch(text)) or parse_date(text) is not None


def byline_text(element: HtmlElement, limit: int = MAX_BYLINE_CHARS) -> str | None:
    """The element's text with its pieces apart ("Ann Lee" and "Editor" in two <div>s are not
    "Ann LeeEditor"), or None when it is longer than `limit`."""
    pieces, printed = [], 0
    for piece in element.itertext():
        printed += printed_chars(piece)
        if printed > limit:
            return None
        pieces.append(piece)
    text = normalise_line(" ".join(pieces)).replace(" ,", ",")
    return text if text and len(text) <= limit else None
