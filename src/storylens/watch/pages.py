"""A fetched article page to an `Article`, through the same read and extract code as
`storylens ingest` (read_bytes → extract_all): nothing here extracts text itself.

The page's own `rel=canonical` is followed when it stays on the page's host (a page may not
claim another site's URL), so two listings of one article under different URLs are one.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from storylens.config import Settings
from storylens.extract import extract_all
from storylens.extract.assemble import host_name
from storylens.read import read_bytes
from storylens.records import Article, Failure, RawDoc, article_id
from storylens.watch.urls import UrlRefused, canonical


def page_article(
    data: bytes,
    page_url: str,
    settings: Settings,
    outlet: str | None = None,
    language: str | None = None,
) -> Article | Failure:
    """The article of the page fetched from `page_url` (already canonical)."""
    docs = [_with_fields(doc, outlet, language) for doc in read_bytes(page_url, data, settings)]
    found = [item for item in extract_all(docs) if isinstance(item, Article | Failure)]
    articles = [item for item in found if isinstance(item, Article)]
    if not articles:
        failures = [item for item in found if isinstance(item, Failure)]
        return failures[0] if failures else Failure(page_url, "no article in the page")
    article = articles[0]
    url = _followed_canonical(article.url, page_url)
    outlet_name = article.outlet or host_name(url)
    new_id = article_id(outlet=outlet_name, title=article.title, url=url, body=article.body)
    return replace(article, id=new_id, url=url, outlet=outlet_name)


def _with_fields(doc: RawDoc | Failure, outlet: str | None, language: str | None) -> Any:
    if isinstance(doc, RawDoc):
        # No url: the extractor then reports the page's own canonical link as the URL,
        # which `_followed_canonical` checks.
        doc.url = None
        if outlet:
            doc.fields["outlet"] = outlet
        if language:
            doc.fields["language"] = language
    return doc


def _followed_canonical(declared: str | None, page_url: str) -> str:
    if not declared:
        return page_url
    try:
        chosen = canonical(declared, base=page_url)
    except UrlRefused:
        return page_url
    if _bare_host(chosen) != _bare_host(page_url):
        return page_url
    return chosen


def _bare_host(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.")


def content_hash(article: Article) -> str:
    """What an edit changes: the title and the body as extracted."""
    text = f"{article.title or ''}\x00{article.body}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
