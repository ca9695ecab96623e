"""The authors of an HTML page: what it declares (JSON-LD, <meta>), else its printed byline.

Declared names are trusted as given (a one-word name or a handle included), except the site's
own name or a company's ("The Sports Network", "Acme Ltd"), which many templates put where no
person is named: those are kept only when the page prints no byline. Printed bylines are found
three ways, in page order:
- elements marked as the author's (rel="author", itemprop="author", "author"/"byline" in the
  class, as most templates do; trafilatura's author XPaths look for the same);
- a label with the name beside it: "Written by" / "Author:" / "Von" / "Par" / "Автор:" in an
  element of its own, the name in the next element or after the label in the same line;
- a line that starts with "By" ("Written by", "Von", "Par", "Por", "Di", "Door", "Av", "Af",
  "Autor:", "Автор"), an element's own or one of the lines a <br> separates in a block.
Then, when none is printed: an element named for the author's name ("author-name"), names
linked to author pages ("/author/ann-lee"), a name beside the date under the headline.
Menus, sidebars, comments and related-article lists are left out: their "by" lines name other
articles' authors and commenters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.etree import XPath
from lxml.html import HtmlElement

from storylens.extract.dates import is_date
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
# Class and id words that describe the page's layout, not a region ("content-sidebar-wrap"
# holds the article and the sidebar, "has-sidebar" says there is one).
_LAYOUT = re.compile(r"content[_-]+sidebar|(?:^|[_-])(?:has|with|no)[_-]", re.IGNORECASE)
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
    r"^(?:(?:(?:written|posted|words|text|story|reported)\s+by|by|von|par|por|di|door|av|af|"
    r"przez|автор)(?:\s*:\s*|\s+)|"
    r"(?:author|autor|autorin|auteur|autore|autora|forfatter|författare|tekst|texte|texto|"
    r"testo|text|авторы?)\s*:\s*)\w",
    re.IGNORECASE,
)
# The word a printed byline opens with, the check made before a line is put together.
_BY_WORD = re.compile(
    r"\s*(?:written|posted|words|text|story|reported|by|von|par|por|di|door|"
    r"av|af|przez|author|autor|auteur|autore|autora|forfatter|författare|tekst|texte|texto|"
    r"testo|автор)",
    re.IGNORECASE,
)
# The path of a page about one of the site's writers.
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor(?:en|es)?|autore|auteurs?|staff|people|profiles?|contributors?|"
    r"writers?|journalists?|reporters?|redaktion)/[^/?#]+/?$",
    re.IGNORECASE,
)
# Class words that flag what an element holds ("has-author", "show-byline").
_FLAG = re.compile(r"(?:has|show|hide|no|with)[_-]+(?:author|byline)", re.IGNORECASE)
# Where a printed line ends: a line break, or a block element after the text.
_LINE_ENDS = frozenset(
    "br p div li ul ol table tr td dl dt dd h1 h2 h3 h4 h5 h6 section header footer "
    "figure blockquote hr".split()
)
# The class of the element that holds the author's name alone.
_NAME_CLASS = re.compile(r"(?:author|byline)(?:[_-]*box)?[_-]*name", re.IGNORECASE)
_NAMED_CLASS = XPath("//*[contains(@class, 'ame')]")
# Such an element holds one or two names; longer text is a bio or a list.
MAX_NAME_CHARS = 40
# A company's name: it starts with "The" or ends in a legal form.
_COMPANY = re.compile(
    r"^the\s|\b(?:ltd|limited|inc|llc|llp|plc|gmbh|ag|s\.?a|b\.?v|corp|co|pty)\.?$",
    re.IGNORECASE,
)
# A byline without a marker is looked for this many elements after the <h1> at most (the
# printed date's reach in shown_date.py is 40).
HEADLINE_REACH = 30
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
        if names and _organisation(names, sites):
            site_only = site_only or names
        elif names:
            return names
    for text in byline_texts(tree):
        names = clean_author(text)
        if names:
            return names
    return named_author(tree) or linked_author(tree) or dated_name(tree) or site_only


def linked_author(tree: HtmlElement) -> str | None:
    """The names linked to author pages ("/author/ann-lee", "/staff/ann-lee"), the first
    link's and those beside it in the same element: many templates link the byline's
    names without marking them."""
    body = tree.find("body")
    for link in (body if body is not None else tree).iter("a"):
        if not _AUTHOR_PAGE.search(link.get("href") or "") or _in_other_region(link):
            continue
        parent = link.getparent()
        beside = parent.iter("a") if parent is not None else [link]
        links = [a for a in beside if _AUTHOR_PAGE.search(a.get("href") or "")]
        names = clean_author("; ".join(normalise_line(a.text_content()) for a in links))
        if names:
            return names
    return None


def named_author(tree: HtmlElement) -> str | None:
    """The text of an element the template names as the author's name ("author-name",
    "author__name"), trusted as a declaration: a handle or a name in lower case counts."""
    # XPath's own filter first: a walk in Python over every element costs more.
    for element in _NAMED_CLASS(tree):
        if not _NAME_CLASS.search(element.get("class") or ""):
            continue
        text = byline_text(element, MAX_NAME_CHARS)
        if text and not _in_other_region(element):
            return clean_author(text, declared=True)
    return None


def _organisation(names: str, sites: set[str]) -> bool:
    """Whether declared names are the site's or a company's ("The Sports Network", "Acme
    Ltd"): templates put those where no person is named, so a printed byline comes first."""
    return squash(names) in sites or bool(_COMPANY.search(names))


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
        if len(parts) >= 2 and any(is_date(part) for part in parts[1:]):
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
        if tag == "br":
            # "12 May 2008<br>By Ann Lee<br>Associated Press": old templates print the byline
            # as one line among others in a block, the text after a line break.
            if not _BY_WORD.match(element.tail or ""):
                continue  # most line breaks: their line is read only when it opens like one
            line = _line_from(element.tail, element.itersiblings())
            if line and _BY_LINE.match(line) and not _in_other_region(element):
                yield line
            continue
        get = element.get
        own = normalise_line(element.text or "")
        names = get("class")
        # One search for most elements; a class word is looked at only when it may mark one.
        marked = (
            names is not None and _MARKED.search(names) is not None and _is_marked(names)
        ) or ("author" in (get("rel"), get("itemprop")))
        if not (marked or _LABEL.match(own) or (own and _BY_LINE.match(own))):
            continue
        if _in_other_region(element):
            continue
        if marked or not _LABEL.match(own):
            text = _marked_text(element) if marked else _first_line(element)
            if text:
                yield text
            continue
        # A label alone: the names follow it on its own line ("By <a>Ann Lee</a>"), in the
        # next element, or after it in its parent's line.
        line = _first_line(element)
        if line and squash(line) != squash(own):
            yield line
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


def _is_marked(names: str) -> bool:
    """Whether a class names the element as the byline: "author"/"byline" in a class word, but
    not in a flag about something else ("summary-item-has-author" on a teaser)."""
    return any(_MARKED.search(word) and not _FLAG.search(word) for word in names.split())


def _marked_text(element: HtmlElement) -> str | None:
    """A marked element's byline: its first line when that says "By ..." (what follows is an
    author box's links and topics), else its whole text."""
    opening = next((node for node in element.iter() if (node.text or "").strip()), None)
    line = _first_line(opening) if isinstance(opening, HtmlElement) else None
    if line and _BY_LINE.match(line):
        return line
    return byline_text(element)


def _region(names: str) -> bool:
    """Whether class and id words name a region other than the article, leaving out those
    that describe the layout."""
    kept = " ".join(word for word in names.split() if not _LAYOUT.search(word))
    return bool(_OTHER_REGIONS.search(kept))


def _first_line(element: HtmlElement) -> str | None:
    """The element's text up to its first line break or block ("By Ann Lee<br>Valley Post"
    is Ann Lee's byline, the outlet under it is not her name)."""
    return _line_from(element.text, iter(element))


def _line_from(text: str | None, following: Iterator[HtmlElement]) -> str | None:
    """`text` and the inline elements after it, up to the next line break or block."""
    pieces = [text or ""]
    for node in following:
        if not isinstance(node.tag, str) or node.tag in _LINE_ENDS:
            break
        tail = node.tail or ""
        after = node.getnext()
        if node.tag == "a" and tail.strip() == "," and after is not None and after.tag == "a":
            # "By <a>Ann Lee</a>, <a>Tom Ray</a>": linked names are a list of people (a comma
            # alone is read as a role or an outlet after the name).
            tail = " & "
        pieces += [*node.itertext(), tail]
    line = normalise_line(" ".join(pieces)).replace(" ,", ",")
    return line if line and len(line) <= MAX_BYLINE_CHARS else None


def _in_other_region(element: HtmlElement) -> bool:
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth > REGION_DEPTH or node.tag in ("body", "html", "article", "main"):
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in _SKIP_TAGS or (_OTHER_REGIONS.search(names) and _region(names)):
            return True
    return False


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
