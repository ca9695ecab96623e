"""One JSON record (an export's article object) as a RawDoc.

Exports name their fields differently; these are the names we accept, first one present
wins. `html` means a page still to extract; `text`/`body` an article body already clean.
"""

from __future__ import annotations

import re

from storylens.read import reasons
from storylens.read.decode import clean_text
from storylens.records import Failure, RawDoc

# RawDoc.fields key -> record keys, in order of preference.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "published": ("published", "date"),
    "outlet": ("outlet", "source"),
    "author": ("author",),
    "language": ("language", "lang"),
    "id": ("id",),
}
BODY_KEYS = ("text", "body")
# JSON's \ud800-style escapes can leave lone surrogates, which no UTF-8 store accepts.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text: str) -> str:
    return _SURROGATE.sub("\ufffd", clean_text(text))


def as_text(value: object) -> str | None:
    """A field value as text: numbers stringified, lists of names joined, blanks dropped."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, int | float):
        text = str(value)
    elif isinstance(value, list):
        parts = [as_text(item) for item in value]
        text = ", ".join(part for part in parts if part)
    elif isinstance(value, dict):  # {"source": {"id": ..., "name": "BBC News"}}
        return as_text(value.get("name"))
    else:
        return None
    return text if text.strip() else None


def _first(record: dict[str, object], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        text = as_text(record.get(key))
        if text is not None:
            return text
    return None


def _document(value: object) -> str | None:
    """A page or body: a string, or a list of paragraphs."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = "\n\n".join(value)
    text = _clean(value) if isinstance(value, str) else ""
    return text if text.strip() else None


def _fields(record: dict[str, object]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name, keys in FIELD_KEYS.items():
        text = _first(record, keys)
        cleaned = _clean(text).strip() if text is not None else ""
        if cleaned:
            fields[name] = cleaned
    return fields


def record_to_doc(source: str, value: object) -> RawDoc | Failure:
    if not isinstance(value, dict):
        return Failure(source, reasons.NOT_AN_OBJECT)
    record = {str(key).lower(): item for key, item in value.items()}
    url = _first(record, ("url",))
    url = url.strip() if url else None
    html = _document(record.get("html"))
    if html is not None:
        return RawDoc(source, html, "html", url, _fields(record))
    for key in BODY_KEYS:
        body = _document(record.get(key))
        if body is not None:
            return RawDoc(source, body, "body", url, _fields(record))
    return Failure(source, reasons.NO_DOCUMENT_FIELD)
