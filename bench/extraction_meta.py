"""Title and author scores of the extraction benchmark: exact match after normalising, and
token F1.

Titles: NFKC, case folded, typographic quotes made ASCII (‘’‚‛′ -> ', “”„‟″«» -> "),
dashes and minus signs made "-", "…" made "...", whitespace collapsed; exact when the two
strings are then equal. Token F1: the bag of lower-cased \\w+ tokens (the shared scorer's).

Authors: a string of names ("By Ana Ruiz and Tom Lee", "Lee, Tom; Ruiz, Ana" is not read as
surname-first) becomes a set of names: a leading "By"/"Von"/"Par"/"Por"/"Di"/"Door"/"Автор"
(and "Written by", "Author:") dropped, split at ; , & | / and the words and/und/et/y/e/en/i/и,
credentials beside a name dropped ("MS", "RD", "PhD", "CEPF®", "Jr.": parts of one to
three tokens in capitals), each name NFKC, case folded, hyphens made spaces, other
punctuation removed ("O'Brien" -> "obrien", "Z.B." -> "zb"), whitespace collapsed.
Exact: the two sets are equal (order does not count). Token F1: the bag of tokens of the
names. A tool that gives no author scores 0 on a page whose gold names one; pages whose gold
author is unknown (null) are not scored.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "…": "...",
    }
)
_TOKEN = re.compile(r"\w+")
_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|words|reviewed|edited)\s+by|by|von|par|por|di|door|da|de|"
    r"автор|author|autor|auteur)\b\s*:?\s*",
    re.IGNORECASE,
)
# Case matters for the one-letter words ("y", "e", "i" join names; "I" can be an initial).
_SPLIT = re.compile(r"\s*[;,&|/]\s*|\s+(?:[Aa]nd|AND|[Uu]nd|et|y|e|en|i|и)\s+")
_JOINER = re.compile(r"^(?:[Aa]nd|AND|[Uu]nd|et|y|e|en|i|и)\s+")
_CREDENTIAL = re.compile(r"[A-Z]{2,6}®?|(?:[A-Z]\.){2,3}|Ph\.?D\.?|Jr\.?|Sr\.?|I{2,3}")
_NOT_WORD = re.compile(r"[^\w\s]+")


def norm_title(title: str | None) -> str:
    if not title:
        return ""
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES)
    return " ".join(text.casefold().split())


def author_names(authors: str | None) -> list[str]:
    """The normalised names in an author string, in order, without repeats."""
    if not authors:
        return []
    text = unicodedata.normalize("NFKC", authors).translate(_QUOTES)
    parts = [_PREFIX.sub("", _JOINER.sub("", p)) for p in _SPLIT.split(" ".join(text.split()))]
    parts = [part for part in parts if part]
    people = [part for part in parts if not _credentials(part)] or parts
    names = [key for key in map(_name_key, people) if key]
    return list(dict.fromkeys(names))


def _credentials(part: str) -> bool:
    tokens = part.split()
    return len(tokens) <= 3 and all(_CREDENTIAL.fullmatch(token) for token in tokens)


def _name_key(name: str) -> str:
    return " ".join(_NOT_WORD.sub("", name.casefold().replace("-", " ")).split())


def token_f1(predicted: str, gold: str) -> float:
    gold_tokens = Counter(_TOKEN.findall(gold.lower()))
    tokens = Counter(_TOKEN.findall(predicted.lower()))
    overlap = sum((tokens & gold_tokens).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(tokens.values()), overlap / sum(gold_tokens.values())
    return 2 * precision * recall / (precision + recall)


def title_scores(predicted: str | None, gold: str) -> tuple[bool, float]:
    """(exact after normalising, token F1) of one title."""
    mine, theirs = norm_title(predicted), norm_title(gold)
    return mine == theirs, token_f1(mine, theirs)


def author_scores(predicted: str | None, gold: str) -> tuple[bool, float]:
    """(same set of names after normalising, token F1 of the names) of one page's authors."""
    mine, theirs = author_names(predicted), author_names(gold)
    return set(mine) == set(theirs), token_f1(" ".join(mine), " ".join(theirs))
