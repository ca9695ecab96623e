"""Metadata read from plain text around an article: date lines, datelines, credits, bylines.

Used for text dumps (head = lines above the article, tail = lines below it) and for clean
bodies (no head; the tail is the last paragraphs). Dates are only ever read, never guessed:
a dateline's "June 6" gets its year from a full date the document gives, or stays unknown.
"""

from __future__ import annotations

import re
from datetime import date

from storylens.extract.assemble import Draft, host_name
from storylens.extract.dateline import Dateline, find_credit, parse_date_line, parse_dateline
from storylens.extract.dates import complete_month_day, date_from_url, is_date, parse_date
from storylens.extract.text import byline_names, clean_author

# Both set by hand from the seed and corpus dumps, not tuned.
# Unlabelled date lines count only this close above the article (title, section, timestamp);
# further up they are as likely to date a teaser or today's edition.
NEAR_LINES = 8
# A byline line is short; longer ones starting "By" are sentences ("By the end of ...").
MAX_BYLINE_CHARS = 100
# "Ann Lee | Senior Writer | July 2, 2025": the parts of a line of page furniture.
_SEGMENTS = re.compile(r"\s+[|–—•·-]\s+")
# A name alone on its line has at most this many words.
MAX_NAME_WORDS = 4
# A byline's label printed on a line of its own.
_BYLINE_LABEL = re.compile(
    r"(?:(?:written|posted|words|text|story|reported)\s+by|by|von|par|por|di|door|av|af|"
    r"author|autor|autorin|auteur|autore|автор)\s*:?",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[*•·+-]\s+")
# A standfirst or a photo caption can come before the paragraph that opens with the dateline.
DATELINE_PARAGRAPHS = 3


def apply_text_metadata(draft: Draft, head: list[str], tail: list[str]) -> None:
    """Fill the draft's date, outlet, agency and author from the text around its paragraphs."""
    dateline = next(
        (found for found in map(parse_dateline, draft.paragraphs[:DATELINE_PARAGRAPHS]) if found),
        None,
    )
    anchor, anchor_source = _anchor(head, tail, draft.url)
    if dateline is not None:
        draft.metadata["dateline"] = dateline.text
    _apply_date(draft, dateline, anchor, anchor_source)
    _apply_credit(draft, dateline, head[-NEAR_LINES:] + tail)
    if draft.author is None:
        draft.author = find_byline(head[-NEAR_LINES:]) or find_byline(tail[:NEAR_LINES])


def _anchor(head: list[str], tail: list[str], url: str | None) -> tuple[date | None, str]:
    """The full date the text gives: a "Published" line, else a date line near the top."""
    near = head[-NEAR_LINES:]
    labelled: list[tuple[date, str]] = []
    unlabelled: list[tuple[date, str]] = []
    for line in head + tail[:NEAR_LINES]:
        found = parse_date_line(line)
        if found is not None:
            (labelled if found[1] else unlabelled).append((found[0], line))
    if labelled:
        return labelled[0][0], "date-line"
    for found_date, line in unlabelled:
        if line in near or line in head[:2]:
            return found_date, "date-line"
    from_url = date_from_url(url)
    return (from_url, "url") if from_url else (None, "")


def _apply_date(
    draft: Draft, dateline: Dateline | None, anchor: date | None, anchor_source: str
) -> None:
    if draft.published is not None:
        return
    published: date | None = None
    source = ""
    if dateline is not None:
        published = parse_date(dateline.text)
        if published is None and dateline.month_day and anchor is not None:
            published = complete_month_day(*dateline.month_day, anchor)
        source = "dateline"
    if published is None and anchor is not None:
        published, source = anchor, anchor_source
    if published is not None:
        draft.published = published.isoformat()
        draft.metadata["published_source"] = source


def _apply_credit(draft: Draft, dateline: Dateline | None, nearby: list[str]) -> None:
    credit = dateline.credit if dateline else None
    own_copy = bool(dateline and dateline.own_copy and credit)
    credit = credit or find_credit(nearby)
    if credit is None:
        return
    if draft.outlet and _initials(draft.outlet) == credit.upper():
        credit = draft.outlet  # "/BPA/" on the Balkan Press Agency's own page
    draft.metadata["agency"] = credit
    # An agency's own copy ("/TASS/") names its publisher; a credit on a page elsewhere names
    # the source, which is the outlet only when the page names no other. A site name the page
    # declares wins over both: a republished "/TASS/" story is that site's article.
    if draft.outlet is None and (own_copy or host_name(draft.url) is None):
        draft.outlet = credit


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def find_dated_name(lines: list[str]) -> str | None:
    """The name on a line that pairs it with the date, without a "By": "Ann Lee | Senior
    Writer | July 2, 2025" on one line, or "Ann Lee" with the date on the next."""
    for index in range(len(lines)):
        if names := _dated_name_at(lines, index):
            return names
    return None


def last_dated_name(lines: list[str]) -> str | None:
    """`find_dated_name`'s name nearest the end of `lines`."""
    for index in range(len(lines) - 1, -1, -1):
        if names := _dated_name_at(lines, index):
            return names
    return None


def _dated_name_at(lines: list[str], index: int) -> str | None:
    line = lines[index]
    parts = _SEGMENTS.split(line)
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if len(parts) >= 2 and any(is_date(part) for part in parts[1:]):
        name = parts[0]
    elif parse_date_line(following):
        name = line
    else:
        return None
    # Without a "By" only a name in capitals of its own counts: a headline or a menu entry
    # above a date has words in lower case.
    words = name.split()
    if len(words) > MAX_NAME_WORDS or not all(word[:1].isupper() for word in words):
        return None
    return clean_author(name)


def last_byline(lines: list[str]) -> str | None:
    """The names on the last byline among `lines` (the nearest to what follows them)."""
    for index in range(len(lines) - 1, -1, -1):
        if names := _byline_at(lines, index):
            return names
    return None


def find_byline(lines: list[str]) -> str | None:
    """The names on the first byline among `lines` ("By Ana Ruiz", "Written by: A and B",
    "Author: Ivan Petrov"; at most `MAX_BYLINE_CHARS` long)."""
    for index in range(len(lines)):
        if names := _byline_at(lines, index):
            return names
    return None


def _byline_at(lines: list[str], index: int) -> str | None:
    line = lines[index]
    if len(line) > MAX_BYLINE_CHARS:
        return None  # a paragraph: most lines of a page, refused before any pattern
    line = _BULLET.sub("", line)  # "* Written By": a list item in the dump
    if _BYLINE_LABEL.fullmatch(line) and index + 1 < len(lines):
        # "By" / "Written by:" / "Author" on a line of its own, the name on the next.
        line = f"{line.rstrip(':')}: {lines[index + 1]}"
    return byline_names(line) if len(line) <= MAX_BYLINE_CHARS else None
