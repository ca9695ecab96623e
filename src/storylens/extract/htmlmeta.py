"""Metadata a page declares about itself: JSON-LD, <meta> tags, <html lang>, canonical link.

Read from the one parsed tree, before trafilatura gets its copy; nothing here edits the tree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any

from lxml.html import HtmlElement

from storylens.extract.text import normalise_line

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "socialmediaposting",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
}
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "original-publish-date",
)
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")


# Elements that hold the author's name in most templates (rel/itemprop/class conventions).
_BYLINE_XPATH = (
    '//*[@rel="author" or @itemprop="author" or contains(@class, "author") '
    'or contains(@class, "byline")][string-length(normalize-space(.)) < 80]'
)
# The first few <h1>s and bylines are the article's; pages with more use them for teasers.
_MAX_CANDIDATES = 5


@dataclass(slots=True)
class PageMeta:
    title: str | None = None  # og:title / JSON-LD headline
    page_title: str | None = None  # <title>
    headings: tuple[str, ...] = ()  # <h1> texts, in page order
    bylines: tuple[str, ...] = ()  # texts of author/byline elements, in page order
    site_name: str | None = None
    published: str | None = None  # as written in the page
    published_source: str | None = None  # "json-ld" | "meta"
    author: str | None = None
    language: str | None = None
    canonical: str | None = None
    article_body: str | None = None  # JSON-LD articleBody


def read_meta(tree: HtmlElement) -> PageMeta:
    """Everything the page says about itself, JSON-LD first, then <meta> tags."""
    meta = PageMeta()
    _from_json_ld(tree, meta)
    tags = _meta_tags(tree)
    meta.title = meta.title or tags.get("og:title") or tags.get("twitter:title")
    meta.site_name = meta.site_name or tags.get("og:site_name") or tags.get("application-name")
    if meta.published is None:
        meta.published = next((tags[key] for key in _PUBLISHED_META if tags.get(key)), None)
        meta.published_source = "meta" if meta.published else None
    meta.author = meta.author or next(
        (tags[key] for key in _AUTHOR_META if tags.get(key) and "://" not in tags[key]), None
    )
    meta.language = (
        tree.get("lang")
        or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        or meta.language
        or tags.get("content-language")
        or tags.get("og:locale")
    )
    meta.canonical = _canonical(tree) or tags.get("og:url")
    meta.bylines = _texts(tree, _BYLINE_XPATH)
    meta.page_title = _first_text(tree, "//head/title|//title")
    meta.headings = _texts(tree, "//h1")
    return meta


def _first_text(tree: HtmlElement, xpath: str) -> str | None:
    for element in tree.xpath(xpath):
        text = normalise_line(element.text_content())
        if text:
            return text
    return None


def _clean(value: str) -> str:
    """Meta values are sometimes HTML-escaped twice ("&amp;#39;"): unescape what is left."""
    return normalise_line(unescape(value))


def _texts(tree: HtmlElement, xpath: str) -> tuple[str, ...]:
    found = (normalise_line(element.text_content()) for element in tree.xpath(xpath))
    return tuple(text for text in found if text)[:_MAX_CANDIDATES]


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        key = key or element.get("http-equiv")
        content = element.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), _clean(content))
    # Microdata on a visible element: <time itemprop="datePublished" datetime=...>, or
    # <div itemprop="datePublished" content=...> (the <meta> form is read above).
    for element in tree.xpath('//*[@itemprop="datePublished"][@datetime or @content]'):
        value = element.get("datetime") or element.get("content") or ""
        if value.strip():
            tags.setdefault("datepublished", value.strip())
    return tags


def _canonical(tree: HtmlElement) -> str | None:
    for element in tree.xpath('//link[@rel="canonical"][@href]'):
        href = (element.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    return None


def _from_json_ld(tree: HtmlElement, meta: PageMeta) -> None:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            continue  # a broken block is common; the <meta> tags are read next
        for node in _nodes(data):
            _merge_node(node, meta)


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in `data`, @graph and nested lists flattened."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph"))


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _merge_node(node: dict[str, Any], meta: PageMeta) -> None:
    if not _types(node) & _ARTICLE_TYPES:
        if "website" in _types(node) and not meta.site_name:
            meta.site_name = _text(node.get("name"))
        return
    meta.title = meta.title or _text(node.get("headline")) or _text(node.get("name"))
    published = _text(node.get("datePublished")) or _text(node.get("dateCreated"))
    if published and meta.published is None:
        meta.published, meta.published_source = published, "json-ld"
    meta.author = meta.author or _names(node.get("author"))
    meta.site_name = meta.site_name or _names(node.get("publisher"))
    meta.language = meta.language or _text(node.get("inLanguage"))
    body = _text(node.get("articleBody"), keep_lines=True)
    if body and len(body) > len(meta.article_body or ""):
        meta.article_body = body


def _text(value: Any, keep_lines: bool = False) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str) or not value.strip():
        return None
    return unescape(value).strip() if keep_lines else _clean(value)


def _names(value: Any) -> str | None:
    """`name`s of a JSON-LD person/organisation, or a list of them, joined with "; "."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item) for item in items]
    found = [name for name in names if name and "://" not in name]
    return "; ".join(dict.fromkeys(found)) or None
