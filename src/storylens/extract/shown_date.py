"""The date a page shows its reader beside the headline, and how it weighs against declarations.

Many pages declare one date in their markup (JSON-LD, <meta>) and print another under the
headline. Site builders often fill the declared one from a template (the day the page was last
exported, the same date on every post), while the printed one is what the newsroom wrote: a
reader, and the gold of the benchmark sets, take the printed one. A printed date is read only
from short elements near the first headline, so dates in the article text, teasers and footers
are not taken for it.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any, Literal

from lxml.html import HtmlElement

from storylens.extract.dates import parse_date, parse_month_year
from storylens.extract.page_tree import short_text
from storylens.extract.regions import in_region
from storylens.extract.text import normalise_line

Label = Literal["published", "updated", "plain"]

# How far from the headline (in elements, page order) a printed date may sit. Set by hand from
# the wcxb pages' headers: bylines and date lines sit within ~30 elements of the <h1>, a date
# further away is a teaser's or the footer's.
MAX_DISTANCE = 40
# A date line is short ("Published on: February 14, 2025, 3:50pm ET"); longer text is a
# sentence of the article that happens to hold a date.
MAX_DATE_LINE_CHARS = 60
# Text just before the date that says what it is ("Updated on", "Published:").
_LABEL_CHARS = 30
_UPDATED = re.compile(r"\b(?:updated?|modified|revised|edited|reviewed)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:published|posted|created|written|released)\b", re.IGNORECASE)
# Either label, searched in lower-cased text pieces (re.IGNORECASE cost five times as much on
# every text piece of the page).
_LABELLED = re.compile(f"{_UPDATED.pattern}|{_PUBLISHED.pattern}")
# Regions whose dates belong to something else than the article (comments, teasers, menus).
_NOT_HEADER_TAGS = frozenset("nav footer aside form script style noscript template".split())
_NOT_HEADER_NAMES = re.compile(
    r"comment|related|recommend|popular|trending|sidebar|footer|widget|teaser|promo",
    re.IGNORECASE,
)
# Declared and printed dates one day apart are one moment in two time zones (a UTC timestamp
# late in the evening, printed in the outlet's zone the next day): the declared one is kept.
_SAME_MOMENT_DAYS = 1


@dataclass(frozen=True, slots=True)
class ShownDate:
    day: date
    label: Label
    distance: int  # elements between the date and the headline, in page order


def shown_dates(tree: HtmlElement) -> list[ShownDate]:
    """Dates printed near the page's first headline, nearest first."""
    headline = next((h1 for h1 in tree.iter("h1") if _in_page(h1)), None)
    if headline is None:
        return []
    before, after = _around(tree, headline)
    found = []
    for index, element in enumerate([*before, headline, *after], len(before) * -1):
        shown = _date_line(element)
        if shown is not None and _in_page(element):
            found.append(ShownDate(shown[0], shown[1], abs(index)))
    return sorted(found, key=lambda shown: shown.distance)


def _around(tree: HtmlElement, headline: HtmlElement) -> tuple[list[Any], list[Any]]:
    """The elements up to MAX_DISTANCE before and after the headline, in page order; the walk
    stops there rather than visiting the whole page."""
    elements = (el for el in tree.iter() if isinstance(el.tag, str))
    before: deque[HtmlElement] = deque(maxlen=MAX_DISTANCE)
    for element in elements:
        if element is headline:
            return list(before), list(islice(elements, MAX_DISTANCE))
        before.append(element)
    return list(before), []


def labelled_month(tree: HtmlElement) -> date | None:
    """The first day of a month the page labels as its date ("Last updated: June 2022"),
    anywhere outside footers and teasers: the last resort of pages that give no day."""
    seen: set[HtmlElement] = set()
    for piece in tree.xpath(_TEXTS):
        if _LABELLED.search(piece.lower()) is None:
            continue
        # The short elements around a text naming a label, outermost (first in page order)
        # first: text pieces come in page order, so the elements do too.
        for element, text in reversed(_short_ancestors(piece)):
            if element in seen or element.tag in ("html", "head", "title"):
                continue
            seen.add(element)
            month = parse_month_year(text) if _label_words(text) else None
            if month is not None and _in_page(element):
                return month
    return None


def _short_ancestors(piece: Any) -> list[tuple[HtmlElement, str]]:
    """The elements holding a text piece whose whole text is a date line's length, with that
    text, innermost first (an element's text contains its children's: the climb stops at the
    first long one)."""
    element = piece.getparent()
    if piece.is_tail and element is not None:
        element = element.getparent()  # a tail is its parent's text, not its element's
    found = []
    while element is not None:
        text = short_text(element, MAX_DATE_LINE_CHARS)
        if text is None:
            break
        found.append((element, text))
        element = element.getparent()
    return found


# Text pieces outside scripts and styles, in page order; Python's regex picks those naming a
# label (an XPath filter with translate() costs more than the walk it saves).
_TEXTS = "//text()[not(parent::script or parent::style)]"


def choose_date(declared: date | None, shown: list[ShownDate]) -> tuple[date, str] | None:
    """The publication date and its source, from the declared date and the printed ones.

    A printed "published" date wins; an unlabelled printed date wins over a declared one it
    contradicts; an "updated" date never replaces a declared publication date, and is taken
    only when the page gives no other (it is then the only date the reader has).
    """
    by_label = {label: [s.day for s in shown if s.label == label] for label in _LABELS}
    printed = next(iter(by_label["published"] + by_label["plain"]), None)
    if declared is not None:
        if printed is None or abs((printed - declared).days) <= _SAME_MOMENT_DAYS:
            return declared, "declared"
        return printed, "shown"
    fallback = printed or next(iter(by_label["updated"]), None)
    return (fallback, "shown") if fallback is not None else None


_LABELS: tuple[Label, ...] = ("published", "updated", "plain")


def _date_line(element: HtmlElement) -> tuple[date, Label] | None:
    """The date an element prints, when it is a short date line and the innermost one."""
    text = short_text(element, MAX_DATE_LINE_CHARS)
    if not text:
        return None
    day = parse_date(text)
    if day is None and element.tag == "time":
        day = parse_date(element.get("datetime") or "")
    if day is None or any(_prints(child, day) for child in element):
        return None
    return day, _label(element, text)


def _prints(element: HtmlElement, day: date) -> bool:
    return isinstance(element.tag, str) and parse_date(element.text_content()) == day


def _label(element: HtmlElement, text: str) -> Label:
    """What the words before the date call it: its own text, else its parent's lead-in
    (`Published&ensp;<span>Apr 26, 2023</span>`); the label word nearest the date counts."""
    own = _label_words(text)
    if own:
        return own[0]
    parent = element.getparent()
    if parent is None:
        return "plain"
    parent_text = normalise_line(parent.text_content())
    lead_in = parent_text[: max(parent_text.find(text), 0)][-_LABEL_CHARS:]
    return (_label_words(lead_in) or ["plain"])[-1]


def _label_words(text: str) -> list[Label]:
    """The labels `text` names, in the order it names them."""
    found: list[tuple[int, Label]] = [(m.start(), "published") for m in _PUBLISHED.finditer(text)]
    found += [(m.start(), "updated") for m in _UPDATED.finditer(text)]
    return [label for _, label in sorted(found)]


def _in_page(element: HtmlElement) -> bool:
    """Whether the element is outside the regions that date other things (up to <body>)."""
    return not in_region(element, _NOT_HEADER_TAGS, _NOT_HEADER_NAMES)
