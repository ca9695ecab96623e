"""One name across scripts and spellings: Песков / Peskov / Peskow, Zelensky / Selenskyj.

A name is written in Latin letters by `anyascii` (a transliteration table for every script,
not ours), then folded to what its spellings keep in common: the consonants, with the
letters languages transliterate one sound with merged (German "sch", English "zh" and "sh";
"w", "v" and "f"; "z" and "s"; "c", "k" and "q"), vowels, "j" and "y" dropped, doubled letters
once. A word starting with a vowel keeps a mark of it, so "Aksoy" is not "Ksoy", and one
ending in "a" keeps it (Ivanov / Ivanova). Arabic script writes the vowels of a foreign name
with its long-vowel letters (و, ي, ا, anyascii's "w", "y", "a") and its "v" with ف: those
letters are vowels there (a first و is a consonant), so "فروبليفسكي" is "Wróblewski".

>>> name_key("Песков") == name_key("Peskow") == name_key("Peskov")
True
>>> name_key("Selenskyj") == name_key("Zelensky") == name_key("Зеленский")
True
>>> name_key("Schukowski") == name_key("Zhukovsky")
True
>>> name_key("Peskov") == name_key("Petrov")
False
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from anyascii import anyascii

if TYPE_CHECKING:
    from nicknames import NickNamer

# Longest first: "tsch" before "sch", "sch" before "ch".
_SOUNDS = (
    ("tsch", "c"),
    ("sch", "s"),
    ("zh", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("x", "ks"),
    ("w", "v"),
    ("f", "v"),
    ("z", "s"),
    ("q", "k"),
    ("c", "k"),
)
_NOT_LETTER = re.compile(r"[^a-z]")
# Arabic letters that stand for vowels in a transliterated name (anyascii reads و as "w").
_ARABIC_VOWELS = str.maketrans(
    {"و": "u", "ي": "i", "ى": "a", "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ة": "a"}
)
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")
_VOWELS = re.compile(r"[aeiouyj]")
_DOUBLED = re.compile(r"(.)\1+")
_UMLAUT = re.compile(r"([aou])e")
# A folded key this short matches too many other names to stand for one: below it, the
# transliterated word itself is the key.
MIN_KEY = 3


def latin(text: str) -> str:
    """`text` in Latin letters (Cyrillic, Greek, accents... transliterated; an Arabic word's
    long-vowel letters as vowels, module doc)."""
    return anyascii(_ARABIC_WORD.sub(_arabic_vowels, text))


def _arabic_vowels(word: re.Match[str]) -> str:
    return (word[0][:1].replace("و", "w") + word[0][1:]).translate(_ARABIC_VOWELS)


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """What the spellings of one name share (module doc); '' for a word of no letters."""
    plain = _NOT_LETTER.sub("", latin(word).lower())
    if not plain:
        return ""
    folded = _UMLAUT.sub(r"\1", plain)  # "Joerg" / "Jörg" (anyascii: "Jorg")
    for sound, letter in _SOUNDS:
        folded = folded.replace(sound, letter)
    start = "*" if folded[0] in "aeiouyj" else ""
    # A final "a" stays: Ivanov's wife is Ivanova, Zhukovskaya is Schukowskaja.
    end = "a" if folded.endswith("a") else ""
    key = start + _DOUBLED.sub(r"\1", _VOWELS.sub("", folded)) + end
    return key if len(key.lstrip("*")) >= MIN_KEY else _UMLAUT.sub(r"\1", plain)


def same_name(first: str, second: str) -> bool:
    """Whether two words are one name in two spellings or scripts."""
    return bool(first) and name_key(first) == name_key(second)


def one_given_name(first: str, second: str) -> bool:
    """Whether two lower-cased given names may be one person's: a name and its short form, or
    two short forms of one name ("dick" / "richard", "liz" / "elizabeth", "bill" / "will"),
    by the `nicknames` package's table of English given names (not ours)."""
    return bool(_given_forms(first) & _given_forms(second))


@lru_cache(maxsize=4096)
def _given_forms(name: str) -> frozenset[str]:
    return frozenset({name, *_nicknamer().canonicals_of(name)})


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    # Imported here: `import nicknames` costs ~55 ms (it reads its own package metadata),
    # which every process that groups would pay at start-up for a table only quotes ask.
    from nicknames import NickNamer

    return NickNamer()
