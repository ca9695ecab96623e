"""Anchors: the names, places and numbers that pin an article to one event.

Two reports of two different earthquakes read alike to a sentence embedding; what tells
them apart is that they name different towns, people and magnitudes. Anchors are those
tokens: capitalised words inside sentences (names, in any language that capitalises them)
and numbers other than years.
"""

from __future__ import annotations

import re

from storylens.records import Article
from storylens.spelling import name_key

# Read only the start of long bodies: the lead names the event, and hostile input stays bounded.
LEAD_CHARS = 3000

# Capitalised words that say nothing about which event it is. Month names are not among
# them: a lead's "in December" tells last winter's event of a kind from this spring's where
# no date does (on the undated ecbplus set B³ +0.3; no held-out fold of any set lost). "May"
# stays common: it is a surname too, and was not measured as an anchor.
_COMMON = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday may the this that these those there
    their they we our he she it its his her mr mrs ms dr president minister mayor officials
    police government state city new read more also but and for with after before when while
    said says according however on in at of el la los las en del por para con une les des
    der die das und ein eine""".split()
)
# A capital after a lower-case letter (any script) or a comma is inside a sentence: a name.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-zß-öø-ÿа-яё,;:] )([A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]{2,})")
# A number stands alone, but for an Arabic letter or tatweel before it: Arabic joins "and",
# "the" and "to" to the next word, numbers included ("و14", "الـ212": "and 14", "the 212").
_NUMBER = re.compile(
    r"(?<![.])(?<!(?![\u0600-\u06ff])\w)"
    r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?![\w])"
)
# Arabic-Indic and Eastern Arabic-Indic digits read as ASCII ones ("٢٠٢٦" is the year 2026,
# "٨٥٠" the 850 of a Latin-script report), one character for one.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Thousands written "2,400", "2.400" or "2 400" (English, German/Spanish, French) are one
# number: "#2400".
_THOUSANDS = re.compile(r"^\d{1,3}(?:[., \u00a0\u202f]\d{3})+$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_WORD = re.compile(r"[\w'’-]{3,}")


def _normal(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s").strip("'’-")


def _key(word: str) -> str:
    """One key for a name in every script and spelling (`spelling.name_key`): Песков,
    Peskov and Peskow are one anchor."""
    return name_key(word) if word not in _COMMON and len(word) > 2 else ""


# Who and where the lead sentence is about: the names that, if two reports share none of
# them, say two events of one kind (two towns' quakes, two players' arrests).
LEAD_NAME_CHARS = 400


def anchors(article: Article) -> frozenset[str]:
    """The event-pinning tokens of an article's title and lead.

    Read from the text alone, never from a model's entities: grouping must give the same
    stories before and after an article's full analysis (which runs only when a story is
    compared), in every language. On the story benchmarks the NER entities added nothing the
    capitalised words did not already hold.
    """
    text = f"{article.title or ''}. {article.body[:LEAD_CHARS]}"
    found = {_key(_normal(word)) for word in _MID_SENTENCE_CAPITAL.findall(text)}
    for number in _NUMBER.findall(text.translate(_DIGITS)):
        # Years and small counts recur across unrelated stories; magnitudes, tolls and
        # sums ("6.1", "340") pin one event.
        if not _YEAR.match(number) and (len(number) > 1 or "." in number):
            found.add("#" + _number(number))
    return frozenset(word for word in found if word)


def shared_anchors(first: Article, second: Article) -> list[str]:
    """The anchors two articles share, as the first one writes them ("peskov" for the key
    Peskov and Песков share), for explanations."""
    shared = anchors(first) & anchors(second)
    text = f"{first.title or ''}. {first.body[:LEAD_CHARS]}"
    written: dict[str, str] = {}
    for word in _MID_SENTENCE_CAPITAL.findall(text):
        written.setdefault(_key(_normal(word)), _normal(word))
    return sorted(written.get(anchor, anchor) for anchor in shared)


def _number(number: str) -> str:
    """One form for a number in any language's notation: thousands without separators,
    a decimal comma as a point ("5,7" and "5.7" are "5.7")."""
    if _THOUSANDS.match(number):
        return re.sub(r"\D", "", number)
    return number.replace(",", ".")


def lead_names(article: Article) -> frozenset[str]:
    """The names in the lead sentence (the body's first characters), read from capitals as
    `anchors` are (no model: the same before and after an article's full analysis)."""
    found = {
        _key(_normal(word))
        for word in _MID_SENTENCE_CAPITAL.findall(article.body[:LEAD_NAME_CHARS])
    }
    return frozenset(word for word in found if word)


# Years a news lead plausibly prints as its own (a report names its year, or a past one).
_PRINTED_YEAR = re.compile(r"(?<![\d.,$])(19[5-9]\d|20[0-4]\d)(?!\d)")


def printed_year(article: Article) -> int | None:
    """The latest year printed in the title and lead sentence: for an undated page, the
    best guess at when it was written (news prints its own year; a past year it mentions
    is earlier). On ecbplus two leads of one event print the same latest year in 84% of
    pairs, two of the same kind of event years apart in 3%."""
    text = f"{article.title or ''} {article.body[:LEAD_NAME_CHARS]}"
    years = [int(year) for year in _PRINTED_YEAR.findall(text)]
    return max(years, default=None)
