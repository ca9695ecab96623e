"""The headline of a text dump: the headline-like line just above the article block.

Between a headline and the first paragraph pages put a section name, a byline, a timestamp,
share buttons and a photo credit; the headline is usually the line right above those. Each
candidate in a window above the block is scored: nearer is better, a byline or date right
under it is strong evidence; bylines, labels, dates, menus and widgets are not candidates.
"""

from __future__ import annotations

import re

from storylens.extract.dateline import parse_date_line
from storylens.extract.dates import parse_month_day
from storylens.extract.lines import SIGNATURE, Kind, Line

# Weights and window were set by hand and checked on the bench dumps with a gold headline
# (l3s + wcxb, 555 pages; exact matches): window 8: 281, 12: 311, 16: 313, 20: 313.
# How far above the block a title is looked for, in non-blank lines.
TITLE_WINDOW = 16
# Headlines have 3 to 25 words ("Kremlin denies hacking" .. long wire headlines).
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 25
# A byline, date or timestamp within this many lines under a candidate marks it as headline.
MARKER_REACH = 3
# Nearness counts most (minus one per line of distance); a byline/date under a candidate adds
# (3: 283, 6: 291, 9: 292 before the window was widened); a full stop, which headlines rarely
# end with, subtracts (0: 287, 3: 291). A Title Case bonus was tried and cost 22 matches;
# preferring the upper of two candidates over one byline (headline over standfirst) cost 35.
# Counting a line as a menu item only when it was printed above (not below, where "Most read"
# repeats the headline) took the total to 320.
NEAR_BONUS = 16
MARKER_BONUS = 6
FULL_STOP_PENALTY = 3

_LABEL = re.compile(
    r"^(?:by|written by|posted by|edited by|reviewed by|authors?|autor|auteur|автор|"
    r"article from|filed under|tags?|"
    r"topics?|categor(?:y|ies)|source|credit|photo|image|updated|published|last update[d]?|"
    r"reading time|\| reading time|share|related|see also|table of contents)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|von|par|por)\s|\b(?:staff|sports?|senior|chief)? ?(?:writer|reporter|"
    r"correspondent|editor)s?$|^(?:the )?associated press$|^staff and agencies$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\((?:photo|image|ap|reuters|afp|getty)|photo:|credit:|/(?:ap|afp)\b|\([A-Z]{2,6}\)$", re.I
)
# Menus and breadcrumbs: "Home > Topics > Sports", "India Sports News | Home".
_MENU = re.compile(r"\s(?:\||>|»|/)\s")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_DOMAIN = re.compile(r"\b\w+\.(?:com|org|net|us|co|io)\b|\w\.\w+\.\w", re.IGNORECASE)


def find_title(content: list[Line], start: int) -> Line | None:
    """The best-scoring headline candidate above `content[start]`, or None."""
    lowest = max(0, start - TITLE_WINDOW)
    window = content[lowest:start]
    candidates = _candidates(window, {line.text.lower() for line in content[:lowest]})
    best: Line | None = None
    best_score = 0
    for offset in range(len(window) - 1, -1, -1):
        line, distance = window[offset], len(window) - 1 - offset
        if line.kind in (Kind.LIST_HEADING, Kind.COMMENTS):
            break
        if not candidates[offset]:
            continue
        score = NEAR_BONUS - distance
        score += MARKER_BONUS if _marked(content, lowest + offset) else 0
        score -= FULL_STOP_PENALTY if line.text.endswith(".") else 0
        if score > best_score:
            best, best_score = line, score
    return best


def _candidates(window: list[Line], printed_above: set[str]) -> list[bool]:
    """Which lines are headline-shaped and new: a line printed above is a menu's entry."""
    seen = set(printed_above)
    flags = []
    for line in window:
        key = line.text.lower()
        flags.append(key not in seen and _headline_shaped(line))
        seen.add(key)
    return flags


def _headline_shaped(line: Line) -> bool:
    text = line.text
    return (
        line.kind in (Kind.SHORT, Kind.PROSE)
        and TITLE_MIN_WORDS <= line.words <= TITLE_MAX_WORDS
        and not line.bullet
        and not _LABEL.match(text)
        and not _BYLINE.search(text)
        and not _CAPTION.search(text)
        and not _TIME.search(text)
        and not _DOMAIN.search(text)
        and not _MENU.search(text)
        and not SIGNATURE.match(text)
        and parse_date_line(text) is None
    )


def _marked(content: list[Line], position: int) -> bool:
    """A byline, date or timestamp line follows closely: the usual headline furniture."""
    for line in content[position + 1 : position + 1 + MARKER_REACH]:
        text = line.text
        if _BYLINE.search(text) or SIGNATURE.match(text) or parse_date_line(text):
            return True
        if line.words <= 8 and (_TIME.search(text) or parse_month_day(text)):
            return True
    return False
