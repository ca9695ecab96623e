"""The charset a document declares: an HTTP Content-Type, an HTML `<meta>`, an XML prolog."""

from __future__ import annotations

import codecs
import re

# HTML's own prescan looks at the first 1024 bytes; real pages put long scripts and styles
# before their <meta>, so we look further.
META_WINDOW = 8192

_META = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_HTTP = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)

# What browsers actually decode these labels as (WHATWG Encoding Standard): pages labelled
# latin-1 or ASCII use the Windows code page's curly quotes and dashes in 0x80-0x9F.
_BROWSER_ALIASES = {
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gbk",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}


# Python codecs that no page can really be in; UTF-7 is a known script-injection trick and
# browsers refuse it too.
_REFUSED = {"utf_7", "unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined"}


def normalise(label: str) -> str | None:
    """Python's codec name for an encoding label, or None when no page can be in it."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    key = name.replace("-", "_")
    if key in _REFUSED:
        return None
    return _BROWSER_ALIASES.get(key, name)


def is_wide(name: str) -> bool:
    """UTF-16/32: never the encoding of bytes that read as ASCII."""
    return name.replace("-", "_").startswith(("utf_16", "utf_32"))


def http_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HTTP.search(content_type)
    return normalise(match.group(1)) if match else None


def markup_charset(data: bytes) -> str | None:
    """The `<meta>` or `<?xml?>` encoding, when the page can have declared it in ASCII."""
    window = data[:META_WINDOW]
    match = _XML.search(window) or _META.search(window)
    if not match:
        return None
    name = normalise(match.group(1).decode("ascii"))
    # A declaration readable as ASCII cannot be in UTF-16/32 (HTML says: read it as UTF-8).
    return None if name is None or is_wide(name) else name
