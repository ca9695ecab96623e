"""The outlet a text dump names itself: its masthead, confirmed by a second mention.

A flattened page usually starts with the site's name (the logo's text) and ends with a
copyright line; "About X", "X uses cookies" and "By Name, X" name it too. One mention alone
is weak (the first line can be "Skip to main content", a © line can credit a photographer),
so a name counts only when two different kinds of line agree on it.
"""

from __future__ import annotations

import re

from storylens.extract.text import normalise_line, squash

# Set by hand from the sample corpus dumps and the bench pages' first lines, not tuned.
# The masthead is among the first lines, before the menus.
MASTHEAD_LINES = 3
# Squashed names shorter than this ("AP", "TV") are too ambiguous to match by prefix.
MIN_KEY_CHARS = 4
# A site name has one to five words ("El Diario Central", "The Larkfield Courier").
MAX_NAME_WORDS = 5

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|•|::)\s+")
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:copyright\s*)?(?:(?:19|20)\d{2}\s*[-–]?\s*)*"
    r"(?P<name>[^.|©]{2,60})",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"^about\s+(?P<name>.{2,60})$", re.IGNORECASE)
_COOKIES = re.compile(r"^(?P<name>.{2,60}?)\s+uses\s+cookies\b", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+[^,]{3,60},\s*(?P<name>[^,]{2,60})$", re.IGNORECASE)
# Company forms after a site's name in its copyright line ("Harbour Times Media Ltd").
_COMPANY = re.compile(
    r"(?:\s+(?:media|publishing|publications|group|holdings|ltd\.?|limited|inc\.?|llc|plc|"
    r"gmbh|ag|s\.?a\.?|s\.?l\.?|co\.?|company|corp\.?|corporation))+\s*$",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(r"^(?:us|this site|the site|our site|home|menu|skip\b.*)$", re.I)


def site_name(lines: list[str]) -> str | None:
    """The name a masthead line and a copyright/about/cookie/byline line agree on, or None."""
    texts = [text for text in (normalise_line(line) for line in lines) if text]
    masthead = texts[:MASTHEAD_LINES]
    mentions = [name for text in texts if (name := _mention(text))]
    for line in masthead:
        if _mention(line):
            continue  # a copyright or cookie line cannot confirm itself
        for candidate in _segments(line):
            key = squash(candidate)
            if any(_same_site(key, squash(mention)) for mention in mentions):
                return candidate
    return None


def _segments(line: str) -> list[str]:
    """ "Meridian Wire — Main page" -> ["Meridian Wire", "Main page"]: possible names."""
    return [
        part
        for part in _SEPARATORS.split(line)
        if 1 <= len(part.split()) <= MAX_NAME_WORDS and not _NOT_A_NAME.match(part)
    ]


def _mention(line: str) -> str | None:
    text = normalise_line(line)
    for pattern in (_COPYRIGHT, _ABOUT, _COOKIES, _BYLINE):
        match = pattern.match(text)
        if match:
            name = _COMPANY.sub("", match["name"].strip(" ,.")).strip()
            return name if name and not _NOT_A_NAME.match(name) else None
    return None


def _same_site(masthead: str, mention: str) -> bool:
    """Equal, or the mention goes on after the name ("Energy Desk Media Ltd" once stripped of
    its company form still may not; "Northern Ledger Publishing" does)."""
    if not mention or len(masthead) < MIN_KEY_CHARS:
        return False
    return masthead == mention or mention.startswith(masthead)
