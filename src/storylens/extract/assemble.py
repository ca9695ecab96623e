"""From what one extraction path found to an `Article`: the container's fields win.

Each path (HTML, text dump, clean body) fills a `Draft`; `finish` applies `raw.fields`, fills
the language when unknown, computes the id, and turns an empty body into a `Failure`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from storylens.extract.dates import iso_date
from storylens.extract.language import guess_language, normalise_code
from storylens.extract.text import join_paragraphs, normalise_line
from storylens.records import Article, Failure, RawDoc, article_id

NO_TEXT = "no article text found"


@dataclass(slots=True)
class Draft:
    """What one extraction path found. `published` is ISO `YYYY-MM-DD` or None."""

    paragraphs: list[str]
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def host_name(url: str | None) -> str | None:
    """The host of `url` without `www.`: the outlet of last resort."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host if "." in host else None


def _field(raw: RawDoc, name: str) -> str | None:
    value = raw.fields.get(name)
    return normalise_line(value) or None if isinstance(value, str) else None


def finish(raw: RawDoc, draft: Draft) -> Article | Failure:
    """The Article for `raw` from `draft`, with `raw.fields` taking precedence."""
    paras = [line for line in (normalise_line(p) for p in draft.paragraphs) if line]
    body = join_paragraphs(paras)
    if not body:
        return Failure(raw.source, NO_TEXT)
    metadata = dict(draft.metadata)
    published = draft.published
    given_date = _field(raw, "published")
    if given_date and iso_date(given_date):
        published = iso_date(given_date)
        metadata["published_source"] = "fields"
    elif published is None:
        metadata.pop("published_source", None)
    author = _field(raw, "author") or draft.author  # each path gives its authors cleaned
    language = normalise_code(_field(raw, "language")) or normalise_code(draft.language)
    url = _field(raw, "url") or raw.url or draft.url
    title = _field(raw, "title") or draft.title
    outlet = _field(raw, "outlet") or draft.outlet or host_name(url)
    return Article(
        id=article_id(outlet=outlet, title=title, url=url, body=body),
        source=raw.source,
        body=body,
        title=title,
        outlet=outlet,
        published=published,
        author=author,
        language=language or guess_language(body),
        url=url,
        input_id=raw.fields.get("id"),
        metadata=metadata,
    )
