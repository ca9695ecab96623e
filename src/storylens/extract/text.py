"""Whitespace, paragraph, title and author clean-up shared by every extraction path."""

from __future__ import annotations

import re
from html import unescape

# Zero-width and byte-order characters carry no text and break token matching downstream.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+")
# What str.isalnum() refuses, as a regex (checked over every Unicode code point): squash runs
# on every heading and title candidate, and a regex is several times faster than a loop.
_NOT_ALNUM = re.compile(r"[\W_]+")

# " | Site", " - Site", " — Site", " :: Site", " > Section": the separators pages put between
# a headline and the site and section names in <title>/og:title.
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-{1,2}|–|—|::?|·|•|»|>)\s+")
# A site or section segment is short; a longer one is part of the headline.
_MAX_SITE_WORDS = 5
# Words that make a short segment a site name ("SBS World News Australia", "Harrow Times").
_SITE_WORDS = re.compile(
    r"\b(?:news|online|times|post|daily|journal|magazine|blog|tv|radio|herald|tribune|"
    r"gazette|press|media|network|channel|today|weekly|\w+\.(?:com|org|net|co|au|uk|de))\b",
    re.IGNORECASE,
)
_LEADING_JUNK = "=>»:|-–—•· "

# Bylines that name a desk, an agency or a role rather than a person.
_NOT_A_PERSON = re.compile(
    r"\b(?:staff|desk|team|editors?|editorial|newsroom|reporters?|correspondents?|agency|"
    r"agencies|wires?|news|press|media|online|digital|admin|administrator|contributors?|"
    r"journal|sentinel|gazette|tribune|herald|magazine|daily|"
    r"reuters|afp|associated press|ap|dpa|tass|xinhua|bloomberg|upi|bbc|cnn)\b",
    re.IGNORECASE,
)
_AUTHOR_PREFIX = re.compile(
    r"^\s*(?:(?:posted|written|published|article|reviewed|edited)\s+)?(?:by|von|par|por|di|от)\b"
    r"\s*:?\s*|^\s*(?:author|autor|auteur|автор)\s*:\s*|^(?-i:(?:By|Author)(?=[A-Z][a-z]))",
    re.IGNORECASE,
)
# After a comma a byline gives credentials ("MD, PhD") or a role ("Transport Reporter").
_CREDENTIAL = re.compile(r"[A-Z][A-Za-z.]{0,4}")
# What follows a name in a byline: a date, a role, a separator.
_AFTER_NAME = re.compile(
    r"\s+(?:[-|–—•·]|on|at)\s+.*$|\s*\d.*$|"
    r"\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d.*$"
)
_CALENDAR_WORDS = frozenset(
    "january february march july september october november december monday tuesday "
    "wednesday thursday friday saturday sunday updated published".split()
)
# A person's name has at most this many words ("Mary Anastasia O'Grady" is 3, "Juan Carlos de
# la Fuente Ruiz" is 6); longer strings are sentences or navigation that leaked into a byline.
_MAX_NAME_WORDS = 6


def normalise_line(text: str) -> str:
    """One line with every whitespace run collapsed to one space and invisible chars removed."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    # str.split() splits on exactly the characters regex \s matches (checked over all of
    # Unicode) and is several times faster: this runs on every text piece of every page.
    return " ".join(text.split())


def normalise_lines(text: str) -> list[str]:
    """`normalise_line` of each of the text's lines (split at newlines; empty ones kept), with
    the invisible characters looked for once in the whole text."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return [" ".join(line.split()) for line in text.split("\n")]


def printed_chars(text: str) -> int:
    """How many characters of `text` are neither whitespace nor invisible: what is left of it
    once normalised, less the spaces between its words."""
    bare = "".join(text.split())
    return len(_INVISIBLE.sub("", bare)) if _INVISIBLE.search(bare) else len(bare)


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of `text`, normalised: one paragraph per line."""
    return [line for line in (normalise_line(raw) for raw in text.splitlines()) if line]


def join_paragraphs(paras: list[str]) -> str:
    return "\n\n".join(paras)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def squash(text: str) -> str:
    """Lower-case alphanumerics only: for comparing names that differ in spacing or case."""
    return _NOT_ALNUM.sub("", text.lower())


def clean_title(title: str | None, site_names: list[str]) -> str | None:
    """The headline without the site and section names around it (`Headline | Site`)."""
    if not title:
        return None
    title = normalise_line(unescape(title)).lstrip(_LEADING_JUNK)
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part]
    known = [squash(name) for name in site_names if len(squash(name)) >= 3]
    if len(parts) >= 3:
        # "Headline - World - Sport - Site": a path of names around one headline. The site's
        # self-description can be the longest part ("Breaking Houston News, Weather, Sports").
        return max([p for p in parts if not _is_site(p, known)] or parts, key=len)
    if len(parts) == 2:
        first, last = parts
        # A pipe almost always separates the headline from a site or section name.
        piped = " | " in title and len(last.split()) <= _MAX_SITE_WORDS
        if _is_site(first, known) and not _is_site(last, known) and not _is_minor(last, first):
            return last  # "The Daily News: Sports | Rocket down Eagles": the site comes first
        if piped or _is_site(last, known) or _is_minor(last, first):
            return first
        if _is_site(first, known) or _is_minor(first, last):
            return last
    return title or None


def _is_site(segment: str, known: list[str]) -> bool:
    key = squash(segment)
    if key and any(key in name or name in key for name in known):
        return True
    return len(segment.split()) <= _MAX_SITE_WORDS and bool(_SITE_WORDS.search(segment))


def _is_minor(segment: str, other: str) -> bool:
    """A short tail next to a much longer headline: a site or section name."""
    return len(segment.split()) <= _MAX_SITE_WORDS and len(other) >= 2 * len(segment)


def clean_author(author: str | None) -> str | None:
    """Names of people only: bylines naming a desk, an agency or navigation are dropped."""
    if not author:
        return None
    names = []
    for part in re.split(r";|\band\b|\bund\b|\bet\b|\by\b|\be\b|&|\|", author):
        name = _AUTHOR_PREFIX.sub("", normalise_line(part))
        name = _AFTER_NAME.sub("", name)
        person, comma, rest = name.partition(",")
        name = (name if comma and _credentials(rest) else person).strip(" ,.:")
        if _is_person(name) and name not in names:
            names.append(name)
    return "; ".join(names) or None


def _credentials(text: str) -> bool:
    """ "MS, RD, FAND", "MD", "Jr.": letters after a name, not a role ("transport reporter")."""
    tokens = text.replace(",", " ").split()
    return bool(tokens) and all(_CREDENTIAL.fullmatch(token) for token in tokens)


def _is_person(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= _MAX_NAME_WORDS or _NOT_A_PERSON.search(name):
        return False
    if any(ch.isdigit() or ch in "@/:=<>{}()[]#" for ch in name):
        return False
    if any(token.lower() in _CALENDAR_WORDS for token in tokens):
        return False
    # Names are capitalised; navigation and sentences are mostly not.
    capitals = sum(1 for token in tokens if token[:1].isupper())
    return capitals >= max(2, len(tokens) - 2)
