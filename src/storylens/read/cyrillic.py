"""Short Cyrillic text in cp1251, told apart where charset-normalizer cannot.

On a few words (a JSONL title, a one-line record) charset-normalizer has too little text to
go on and picks CJK or Latin code pages: "Привет" comes out as "Ďđčâĺň". Russian, Ukrainian,
Bulgarian or Serbian text in cp1251 has a telling shape, though: every word holding a
non-ASCII byte decodes to Cyrillic letters only. Western text in cp1252 almost never does:
its accented letters sit inside Latin words ("Café" would read "Cafй", one word of two
scripts).
"""

from __future__ import annotations

import re

# Below this many non-ASCII bytes, charset-normalizer's pick is not trusted over the shape
# test: it misread every one of 13 short Russian titles of 1 to 3 words tried (issue 27),
# and read sentences of 27+ non-ASCII bytes right.
SHORT_TEXT_NON_ASCII = 64
_WORD = re.compile(r"\w+")


def short_cp1251(data: bytes) -> str | None:
    """`data` decoded as cp1251 when it is short Cyrillic text by the test above; else None."""
    if sum(byte > 0x7F for byte in data) >= SHORT_TEXT_NON_ASCII:
        return None
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words or not any(len(w) >= 2 for w in words):
        return None  # one lone letter ("à" in French) says nothing
    return text if all(_cyrillic(w) for w in words) else None


def _cyrillic(word: str) -> bool:
    return all("\u0400" <= ch <= "\u04ff" for ch in word)
