"""Bytes to text, trying the strongest evidence of the encoding first.

1. A byte-order mark (UTF-8, UTF-16, UTF-32), or the NUL pattern of BOM-less UTF-16.
2. Refuse binary content (known signatures, many control bytes).
3. Strict UTF-8 when the bytes hold non-ASCII: long text in a legacy code page is almost
   never valid UTF-8 by accident, while pages declaring latin-1 but served as UTF-8 are
   common, so valid UTF-8 outranks a declaration.
4. The declared charset: HTTP header, then `<meta>` / `<?xml?>` (HTML only).
5. Plain ASCII; short Cyrillic text in cp1251 (see cyrillic); then charset-normalizer's
   detection (cp1251, cp1252, ...).
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from storylens.errors import InputError
from storylens.read import reasons
from storylens.read.binary import looks_binary
from storylens.read.cyrillic import short_cp1251
from storylens.read.declared import is_wide, markup_charset

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# BOM-less UTF-16 of mostly-Latin text has a NUL in nearly every other byte, and almost
# none in the others; 40% / 5% leave room for non-Latin characters and stray NULs.
_UTF16_SAMPLE = 4096
_UTF16_NULS = 0.4
_UTF16_STRAY = 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:_UTF16_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > _UTF16_NULS * len(odd) and even.count(0) < _UTF16_STRAY * len(even):
        return "utf-16-le"
    if even.count(0) > _UTF16_NULS * len(even) and odd.count(0) < _UTF16_STRAY * len(odd):
        return "utf-16-be"
    return None


def unicode_encoding(data: bytes) -> tuple[str, bytes] | None:
    """The Unicode encoding the bytes announce (BOM) or betray (UTF-16 NULs), and the text bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    guessed = _utf16_without_bom(data)
    return (guessed, data) if guessed else None


def is_wide_unicode(data: bytes) -> bool:
    """UTF-16/32 text: cannot be split into lines or sniffed byte by byte."""
    found = unicode_encoding(data)
    return found is not None and is_wide(found[0])


def head_text(head: bytes) -> str:
    """The start of an input as text good enough to sniff its format (never fails)."""
    found = unicode_encoding(head)
    if found:
        return found[1].decode(found[0], errors="ignore")
    return head.decode("latin-1")


def clean_text(text: str) -> str:
    """Newlines as `\\n`; stray NULs (left by broken scrapers) removed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):
        return None


# Languages whose pages really are in the Central European or Baltic code pages.
_CP1250_LANGUAGES = {"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian"}
_CP1257_LANGUAGES = {"Lithuanian", "Latvian", "Estonian"}


def _detect(data: bytes) -> str | None:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # charset-normalizer often scores cp1250, cp1252 and cp1257 exactly alike on western
    # text and then picks the first, turning Spanish "año" into "ańo". On a tie, prefer
    # cp1252 (what browsers assume for latin-1 too) unless the language says otherwise.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    language = best.language
    western = language not in _CP1250_LANGUAGES | _CP1257_LANGUAGES
    for match in tied:
        if match.encoding == "cp1252" and western:
            return str(match)
    return str(best)


def _legacy(data: bytes, declared: str | None, html: bool) -> str | None:
    if not data.isascii():
        text = _strict(data, "utf-8")
        if text is not None:
            return text
    for encoding in (declared, markup_charset(data) if html else None):
        if encoding and not is_wide(encoding):
            text = _strict(data, encoding)
            if text is not None:
                return text
    if data.isascii():
        return data.decode("ascii")
    return short_cp1251(data) or _detect(data)


def _unicode(encoding: str, body: bytes, source: str) -> str:
    text = _strict(body, encoding)
    if text is None:
        raise InputError(source, reasons.UNDETECTED_ENCODING)
    # A NUL pattern can be arrays of 16-bit numbers rather than UTF-16 text.
    if looks_binary(text.encode("utf-8", "surrogatepass")):
        raise InputError(source, reasons.BINARY)
    return text


def decode_text(
    data: bytes, source: str, *, declared: str | None = None, html: bool = False
) -> str:
    """The text of `data`, or InputError(source, why not). `declared`: an HTTP charset."""
    found = unicode_encoding(data)
    if found:
        return clean_text(_unicode(*found, source))
    if looks_binary(data):
        raise InputError(source, reasons.BINARY)
    text = _legacy(data, declared, html)
    if text is None:
        raise InputError(source, reasons.UNDETECTED_ENCODING)
    return clean_text(text)
