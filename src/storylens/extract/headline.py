"""The headline of an HTML page: the heading that opens the article text.

<title> and og:title often carry only the site's name (older pages use one <title> for every
article), and the first <h1> is often the logo or a section name. The headline is the heading
printed just before the article's first paragraph, so it is looked for there: the nearest
heading-like element that precedes the body text trafilatura found.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from storylens.extract.dates import parse_date
from storylens.extract.regions import in_region
from storylens.extract.text import normalise_line, squash, words

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
# Children that start a line of their own inside a heading-like element.
_BLOCK_TAGS = frozenset("div p table tr td ul ol li dl h1 h2 h3 h4 h5 h6 section".split())
# class/id words of headline containers ("headline", "entry-title", "headingstory", "hed").
_HEADLINE_NAMES = re.compile(r"head|title|\bhed\b", re.IGNORECASE)
# ...and of the things named like them that are not the headline: decks, kickers, site and
# section headers, teasers' titles.
_NOT_HEADLINE_NAMES = re.compile(
    r"sub|dek|deck|strap|kicker|section|site|logo|brand|mast|page-?head|header-?(?:top|nav)|"
    r"widget|sidebar|related|teaser|promo|nav|menu|footer|comment|caption",
    re.IGNORECASE,
)
# ...unless the name says it is the article's or story's own title (id "articleTitle" on an
# element of class "sections").
_ARTICLE_TITLE_NAMES = re.compile(r"(?:article|story|post|entry)[-_]?(?:title|headline)", re.I)
# Regions around the article whose headings title other things.
_OTHER_REGIONS = re.compile(
    r"\bnav|menu|sidebar|widget|related|teaser|promo|footer|comment", re.IGNORECASE
)
_SKIP_TAGS = frozenset("nav footer aside form script style noscript template figure".split())
# Set by hand from the l3s-gn1 pages (2008 news sites, many laid out with tables): between
# the headline and the first paragraph sit a byline, a date, share buttons and a picture,
# rarely more than ~60 elements.
MAX_ELEMENTS_BACK = 80
# An <h1> is the page's own statement of its headline: looked for further back (long bylines,
# galleries and share bars sit between it and the text on modern pages).
MAX_H1_BACK = 400
# A headline has 1 to 30 words; longer is a paragraph, and words above this many characters
# in total are a teaser's text rather than a heading.
MAX_HEADLINE_WORDS = 30
# A text node this long that opens a body paragraph marks where the article starts.
MIN_ANCHOR_CHARS = 25
# A heading and a declared title "agree" when this share of the shorter one's words is in both.
SHARED_WORDS = 0.5
# The article's first paragraphs, where a headline's words come back; and how much more of
# the heading's words they must use for it to beat the declared title (set by hand).
BODY_ECHO_PARAGRAPHS = 5
ECHO_MARGIN = 0.2
# Share of a line's content words the first paragraphs must use for a line without a heading's
# markup (a styled line above the text, the text's own first line) to count as the headline:
# a menu entry or a promo rarely reaches it.
MIN_ECHO = 0.4
# Content words are longer than this many letters ("the", "for", "and" say nothing); a line
# from the text needs this many of them to name a story ("Submit a story" does not).
MIN_CONTENT_CHARS = 3
MIN_STORY_WORDS = 3
# Words sharing their first this many letters count as one word in the echo (a crude stem:
# "confrontation" / "confront", "defends" / "defended").
STEM_CHARS = 6
# Section and menu labels are short.
MAX_LABEL_WORDS = 3
_LABEL_WORDS = re.compile(
    r"\b(?:news|sports?|football|soccer|classifieds|sections?|sites?|toolbar|more|top|latest|"
    r"related|contact|menu|search|home|login|weather|business|entertainment|security|world|"
    r"opinion|video|photos?|blogs?|comments?|archives?|categories|popular)\b",
    re.IGNORECASE,
)
# A declared title that is a site's self-description ("Breaking Houston News, Weather, Sports",
# "The Calgary Sun") rather than an article's.
_SITE_TITLE = re.compile(
    r"^(?:the\s+)?(?:[\w.&'-]+\s+){0,3}(?:news|times|post|herald|sun|daily|journal|gazette|"
    r"tribune|online|newspaper|league|\.com)\b(?:\s*\([^)]*\))?$|breaking news|"
    r"latest (?:news|football)|news from|news,",
    re.IGNORECASE,
)
# A byline styled as a heading ("By Teresa von Fuchs"): capitalised names after "By".
_BYLINE = re.compile(r"^(?i:by)\s+[A-Z][\w.'-]*(?:\s+[\w.'-]+){0,3}$")
# A date printed in the same element before the headline ("January 18, 2008 Sprint to cut...").
_LEADING_DATE = re.compile(
    r"^(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4}|\d{4}-\d{2}-\d{2})\s+"
)
_TRAILING_DATE = re.compile(r"\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?:\s+\d{1,2}:\d{2})?$")
# In the text, a line of this many words is a paragraph: the headline comes before it...
MIN_PARAGRAPH_WORDS = 25
# ...and has at most this many (longer lines without a full stop are teasers or menus).
MAX_BODY_HEADLINE_WORDS = 20
# A site's name found inside a longer title (not at its ends) counts from this many letters:
# shorter names ("self", "time") are words of headlines too.
MIN_INNER_NAME = 4
# A headline links to one page at most; a heading holding this many links is a menu.
MENU_LINKS = 3
# Body paragraphs searched for in the page (the first can be a dateline the page splits up).
ANCHOR_PARAGRAPHS = 3
# ...looked for first among the lines of this many words: paragraphs, not the headline, a
# byline or a caption above them (tune split, title token F1 on l3s-gn1 with the fast text's
# opening, see opening.py: 8 / 12 / 16 words give 0.9198 / 0.9235 / 0.9195; the first lines
# alone 0.9000).
MIN_ANCHOR_WORDS = 12


def headings_before_body(tree: HtmlElement, body: list[str]) -> list[str]:
    """Headings that may open the article text, most likely first: the <h1>s before its first
    paragraph, nearest first, then the nearer heading-like elements (h2-h4, "headline")."""
    found_start = elements_to_body(tree, body)
    if found_start is None:
        return []
    elements, start = found_start
    opener = elements[start]
    ancestors = set(opener.iterancestors())
    article = frozenset(ancestors)
    before = list(reversed(elements[max(0, start - MAX_H1_BACK) : start]))
    # The text may open with the headline itself (trafilatura keeps a heading inside the post).
    candidates = [el for el in (opener, opener.getparent()) if el is not None and _heading_like(el)]
    ancestors -= set(candidates)
    candidates += [el for el in before if el.tag == "h1"]
    candidates += [el for el in before[:MAX_ELEMENTS_BACK] if el.tag != "h1" and _heading_like(el)]
    found = []
    for element in candidates:
        if element in ancestors or _skipped(element, article) or _is_link_row(element):
            continue
        text = _TRAILING_DATE.sub("", _LEADING_DATE.sub("", _first_line(element)))
        fits = 1 <= len(text.split()) <= MAX_HEADLINE_WORDS
        if fits and text not in found and not _BYLINE.match(text):
            found.append(text)
    return found


def elements_to_body(tree: HtmlElement, body: list[str]) -> tuple[list[HtmlElement], int] | None:
    """The page's elements in order (menus' and scripts' tags left out) up to the one whose
    text opens the article text, and its index; None when the text is not found in the page.

    The paragraphs tried, in order: the first long lines (the text's headline, byline or
    caption would anchor the article's start above its own headings), then any of the first
    lines; the first element (page order) opening the first paragraph found anywhere wins.
    The walk stops at the first paragraph's element: none after it can win."""
    openings = [paragraph.lstrip("| ") for paragraph in _anchor_paragraphs(body)]
    page = tree.find("body")
    page = page if page is not None else tree
    elements: list[HtmlElement] = []
    best: tuple[int, int] | None = None  # (the paragraph's rank, the element's index)
    for element in page.iter():
        tag = element.tag
        if tag in _SKIP_TAGS or not isinstance(tag, str):
            continue
        for piece in (element.text, element.tail):
            # Normalising never lengthens a piece: shorter raw pieces are passed over unread.
            if piece and len(piece) >= MIN_ANCHOR_CHARS:
                rank = _opening_rank(normalise_line(piece), openings)
                if rank is not None and (best is None or rank < best[0]):
                    best = (rank, len(elements))
        elements.append(element)
        if best is not None and best[0] == 0:
            break
    return None if best is None else (elements, best[1])


def headline_in_body(body: list[str]) -> str | None:
    """A headline the extracted text itself opens with: a short line without a full stop,
    before the first real paragraph (trafilatura keeps headings that sit inside the post)."""
    for row in body[:ANCHOR_PARAGRAPHS]:
        # A table cell comes as "| text |"; cells side by side ("| Search | Home |") are a menu.
        line = row.strip("| ")
        count = len(line.split())
        if count >= MIN_PARAGRAPH_WORDS:
            return None
        if " | " in line or not 2 <= count <= MAX_BODY_HEADLINE_WORDS:
            continue
        if not line.endswith(".") and not is_label(line):
            return line
    return None


def _is_link_row(element: HtmlElement) -> bool:
    """A row of links styled as a heading ("Schedule Statistics Roster"): a menu."""
    return sum(1 for _ in element.iter("a")) >= MENU_LINKS


def _first_line(element: HtmlElement) -> str:
    """The element's first line of text (up to a <br> or a block): a date or a deck often
    follows the headline on the next line of the same element."""
    lines = "".join(_text_with_breaks(element)).split("\n")
    return next((line for line in map(normalise_line, lines) if line), "")


def _text_with_breaks(element: HtmlElement) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            # A line break, or a block (a table, a div) holding the date under the headline.
            breaks = child.tag == "br" or child.tag in _BLOCK_TAGS
            inner = [] if child.tag == "br" else _text_with_breaks(child)
            parts.extend(["\n", *inner, "\n"] if breaks else [" ", *inner, " "])
        parts.append(child.tail or "")
    return parts


def _anchor_paragraphs(body: list[str]) -> list[str]:
    long_lines = [line for line in body if len(line.split()) >= MIN_ANCHOR_WORDS]
    return [*long_lines[:ANCHOR_PARAGRAPHS], *body[:ANCHOR_PARAGRAPHS]]


def _opening_rank(text: str, openings: list[str]) -> int | None:
    """The rank of the first paragraph that `text` (a long enough text piece) opens."""
    if len(text) < MIN_ANCHOR_CHARS:
        return None
    key = text[:80]
    return next((rank for rank, opening in enumerate(openings) if opening.startswith(key)), None)


def _heading_like(element: HtmlElement) -> bool:
    if element.tag in _HEADING_TAGS:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if _ARTICLE_TITLE_NAMES.search(names):
        return True  # "articleTitle" names the article's own title, whatever else it is called
    return bool(_HEADLINE_NAMES.search(names)) and not _NOT_HEADLINE_NAMES.search(names)


def _skipped(element: HtmlElement, article: frozenset[HtmlElement]) -> bool:
    return in_region(element, _SKIP_TAGS, _OTHER_REGIONS, article)


def choose_headline(
    declared: str | None,
    opening: list[str],
    in_body: str | None,
    site_names: list[str],
    body: list[str],
) -> str | None:
    """The declared title (cleaned), a heading opening the text, or the text's own first line.

    A heading that shares most of its words with the declared title is the fuller headline
    (the declared one is often a shortened SEO version). Otherwise the first heading that is
    not a menu or section label competes with the declared title: the declared one loses when
    it names only the site or a section, or when the article text echoes the heading's words
    more than its own (a site's one <title> for every page shares no words with the story).
    The text's first line (`in_body`) is weaker evidence: it only replaces a missing or
    site-only declared title.
    """
    keep = [
        h for h in [*opening, in_body] if h and not is_label(h) and not is_site_like(h, site_names)
    ]
    for candidate in keep:
        # A lead sentence styled as a heading names the declared title's people too; a
        # headline seldom ends on a full stop.
        if declared and _shares_words(candidate, declared) and not candidate.endswith("."):
            return candidate
    site_only = (
        not declared
        or len(declared.split()) < 2  # one word is a section ("Golf"), not a story's title
        or is_label(declared)
        or is_site_like(declared, site_names)
    )
    heading = next((h for h in opening if h in keep), None)
    if heading is None:
        if site_only:
            return in_body if in_body in keep and _echoed(in_body, body) else None
        if not in_body or in_body not in keep or not _story_like(in_body):
            return declared
        # The text's own first line competes like a heading, its words looked for in the
        # paragraphs (a section's <title> shares none of the story's words; a menu line left
        # in the text shares few).
        heading = in_body
        body = [line for line in body if len(line.split()) >= MIN_PARAGRAPH_WORDS]
    if site_only:
        return heading
    text = {w.lower() for w in words(" ".join(body[:BODY_ECHO_PARAGRAPHS]))}
    return (
        heading
        if echo_share(heading, text) > echo_share(declared or "", text) + ECHO_MARGIN
        else declared
    )


def _echoed(line: str, body: list[str]) -> bool:
    """Whether the text's first paragraphs use enough of the line's words for it to be their
    headline (a menu entry or a promo above the text uses few)."""
    return echo_share(line, text_words(body, line)) >= MIN_ECHO


def text_words(body: list[str], line: str) -> set[str]:
    """The words of the text's first paragraphs, lowercased, leaving out `line` itself (the
    text the headline finder reads can hold the lines above the article)."""
    others = [paragraph for paragraph in body if paragraph != line]
    return {w.lower() for w in words(" ".join(others[:BODY_ECHO_PARAGRAPHS]))}


def _story_like(line: str) -> bool:
    """A line that can name a story: a few content words, not a masthead in capitals."""
    content = {w.lower() for w in words(line) if len(w) > MIN_CONTENT_CHARS}
    return len(content) >= MIN_STORY_WORDS and not line.isupper()


def echo_share(title: str, text: set[str]) -> float:
    """Share of the title's content words (over 3 letters) that the article text uses, a
    word counting when the text has one opening alike ("defends" / "defended")."""
    content = {w.lower() for w in words(title) if len(w) > MIN_CONTENT_CHARS}
    stems = {w[:STEM_CHARS] for w in text}
    used = sum(1 for w in content if w in text or w[:STEM_CHARS] in stems)
    return used / len(content) if content else 0.0


def _shares_words(heading: str, declared: str) -> bool:
    mine = {w.lower() for w in words(heading)}
    theirs = {w.lower() for w in words(declared)}
    return bool(mine) and len(mine & theirs) >= SHARED_WORDS * min(len(mine), len(theirs))


def is_site_like(title: str, site_names: list[str]) -> bool:
    """Whether a title names the site: it opens or ends with the site's name, or is part of it,
    or reads like a site's self-description ("Breaking Houston News, Weather, Sports")."""
    key = squash(title)
    # "summitdaily.com" is named "Summit Daily News ..." in its <title>: the host's label counts.
    labels = [name.rsplit(".", 1)[0] if "." in name else name for name in site_names]
    names = [squash(name) for name in [*site_names, *labels] if len(squash(name)) >= 4]
    named = any(
        key.startswith(name)
        or key.endswith(name)
        or key in name
        or (len(name) > MIN_INNER_NAME and name in key)
        for name in names
    )
    return named or bool(_SITE_TITLE.search(title))


def is_label(heading: str) -> bool:
    """A menu or section label ("Top Classifieds", "OUR SITES", "Sports"), or a date."""
    tokens = heading.split()
    if parse_date(heading) is not None or not any(ch.isalpha() for ch in heading):
        return True
    if heading.endswith(":"):
        return True  # "Categories:", "Filed under:"
    return len(tokens) <= MAX_LABEL_WORDS and (
        heading.isupper() or bool(_LABEL_WORDS.search(heading))
    )
