"""Date and time stamps: lines that say when, and nothing else ("Posted 11/27/2005 7:21 AM").

Exports often put such a stamp where the headline belongs (a dateline scraped as the
title) or open the body with it. A stamp is no headline: used as a title, it is what a
reader sees and what the article's embedding is mostly made of, and the date it carries is
lost as a publication date. `is_stamp` recognises one; `stamp_date` reads its date.
"""

from __future__ import annotations

import re
from datetime import date

from storylens.extract.dates import MONTHS, parse_date

_WEEKDAYS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun""".split()
)
# Words a stamp carries around its date and time: labels, "at"/"on", clock and zone words.
_STAMP_WORDS = frozenset(
    """posted published updated last modified article date time on at am pm a.m p.m
    gmt utc bst cet cest est edt et cst cdt ct mst mdt mt pst pdt pt ist jst aest""".split()
)
# A number with what dates and times attach to it: "27", "28th", "7:21", "11/27/2005", "9pm".
_NUMBERISH = re.compile(r"^\d[\d/.:-]*(?:st|nd|rd|th|h|am|pm|a\.m\.?|p\.m\.?)?$")
_TOKEN = re.compile(r"[^\s,|@()\[\]–—-]+")
# Tokenised exports write "11 / 27 / 2005" and "7: 21": separators between digits lose
# their spaces before a date is read.
_SPACED_SEPARATOR = re.compile(r"(?<=\d) ?([/.:]) ?(?=\d)")
# Stamps are short; a longer line is a sentence that mentions a date.
MAX_STAMP_TOKENS = 12


def _squeeze(text: str) -> str:
    return _SPACED_SEPARATOR.sub(r"\1", text)


def is_stamp(line: str) -> bool:
    """Whether `line` is only a date and/or time with its labels (no word of a headline)."""
    tokens = _TOKEN.findall(_squeeze(line).lower())
    if not tokens or len(tokens) > MAX_STAMP_TOKENS:
        return False
    if not any(char.isdigit() for char in line):
        return False
    return all(_stamp_token(token.rstrip(".:;")) for token in tokens if token.strip(".:;"))


def _stamp_token(token: str) -> bool:
    return (
        bool(_NUMBERISH.match(token))
        or token in MONTHS
        or token in _WEEKDAYS
        or token in _STAMP_WORDS
    )


def stamp_date(line: str) -> date | None:
    """The full calendar date a stamp gives, if any ("APR 28" or "8:24am" give none)."""
    return parse_date(_squeeze(line))
