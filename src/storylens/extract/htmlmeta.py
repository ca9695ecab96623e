"""Metadata a page declares about itself: JSON-LD, <meta> tags, <html lang>, canonical link.

Read from the one parsed tree, before trafilatura gets its copy; nothing here edits the tree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from storylens.extract.page_tree import short_text
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
# <meta> names and properties that name the article's authors, most specific first (as
# trafilatura's metadata.py reads them); a page may repeat one per author (citation_author).
_AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dc:creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "authors",
)


# The elements the readers look at, found in one walk of the tree by their tags (each XPath
# "//" path was a walk of its own, and libxml2's XPath costs several times lxml's `iter`).
_READ_TAGS = ("meta", "link", "title", "h1", "script")
# The first few <h1>s are the article's; pages with more use them for teasers.
_MAX_CANDIDATES = 5


@dataclass(slots=True)
class PageMeta:
    title: str | None = None  # og:title / JSON-LD headline
    page_title: str | None = None  # <title>
    headings: tuple[str, ...] = ()  # <h1> texts, in page order
    site_name: str | None = None
    published: str | None = None  # as written in the page
    published_source: str | None = None  # "json-ld" | "meta"
    author: str | None = None  # the first declared author (JSON-LD, else <meta>)
    # Every declared author string, in the order they are trusted: JSON-LD, then <meta>.
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    canonical: str | None = None
    article_body: str | None = None  # JSON-LD articleBody


@dataclass(slots=True)
class _Marked:
    """The elements the readers need, by kind, in page order."""

    metas: list[HtmlElement] = field(default_factory=list)
    canonical_links: list[HtmlElement] = field(default_factory=list)
    titles: list[HtmlElement] = field(default_factory=list)
    headings: list[HtmlElement] = field(default_factory=list)
    json_ld: list[HtmlElement] = field(default_factory=list)


def _marked(tree: HtmlElement) -> _Marked:
    marked = _Marked()
    for element in tree.iter(*_READ_TAGS):
        tag, get = element.tag, element.get
        if tag == "meta":
            marked.metas.append(element)
        elif tag == "link" and get("rel") == "canonical" and get("href") is not None:
            marked.canonical_links.append(element)
        elif tag == "title":
            marked.titles.append(element)
        elif tag == "h1":
            marked.headings.append(element)
        elif tag == "script" and get("type") == "application/ld+json":
            marked.json_ld.append(element)
    return marked


def read_meta(tree: HtmlElement) -> PageMeta:
    """Everything the page says about itself, JSON-LD first, then <meta> tags."""
    meta = PageMeta()
    marked = _marked(tree)
    _from_json_ld(marked.json_ld, meta)
    tags = _meta_tags(marked.metas)
    meta.title = meta.title or tags.get("og:title") or tags.get("twitter:title")
    meta.site_name = meta.site_name or tags.get("og:site_name") or tags.get("application-name")
    if meta.published is None:
        meta.published = next((tags[key] for key in _PUBLISHED_META if tags.get(key)), None)
        meta.published = meta.published or _microdata_published(tree)
        meta.published_source = "meta" if meta.published else None
    meta.authors += _author_tags(marked.metas)
    meta.author = next(iter(meta.authors), None)
    meta.language = (
        tree.get("lang")
        or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        or meta.language
        or tags.get("content-language")
        or tags.get("og:locale")
    )
    meta.canonical = _canonical(marked.canonical_links) or tags.get("og:url")
    meta.page_title = next(iter(_texts(marked.titles)), None)
    meta.headings = _texts(marked.headings)
    return meta


def _clean(value: str) -> str:
    """Meta values are sometimes HTML-escaped twice ("&amp;#39;"): unescape what is left."""
    return normalise_line(unescape(value))


def _texts(elements: list[HtmlElement], limit: int | None = None) -> tuple[str, ...]:
    """The first few non-empty texts of `elements` (of at most `limit` characters)."""
    found = []
    for element in elements:
        if limit is None:
            text: str | None = normalise_line(element.text_content())
        else:
            text = short_text(element, limit)
        if text:
            found.append(text)
            if len(found) == _MAX_CANDIDATES:
                break
    return tuple(found)


def _author_tags(metas: list[HtmlElement]) -> list[str]:
    """The <meta> author values, by name in `_AUTHOR_META` order; a name given several times
    (one tag per author) joined with "; ". Links (article:author is often a profile URL) and
    "Written by" labels' values (twitter:label1/data1) are read too."""
    found: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for element in metas:
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        key = key.strip().lower()
        content = _clean(element.get("content") or "")
        if not content:
            continue
        if key.startswith("twitter:label"):
            labels[key.removeprefix("twitter:label")] = content.lower()
        elif key.startswith("twitter:data") and "written by" in labels.get(key[12:], ""):
            found.setdefault("twitter", []).append(content)
        elif key in _AUTHOR_META and "://" not in content and content not in found.get(key, []):
            found.setdefault(key, []).append(content)
    order = [*_AUTHOR_META, "twitter"]
    return ["; ".join(found[key]) for key in order if key in found]


def _meta_tags(metas: list[HtmlElement]) -> dict[str, str]:
    tags: dict[str, str] = {}
    for element in metas:
        key = element.get("property") or element.get("name") or element.get("itemprop")
        key = key or element.get("http-equiv")
        content = element.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), _clean(content))
    return tags


# Microdata on a visible element: <time itemprop="datePublished" datetime=...>, or
# <div itemprop="datePublished" content=...> (the <meta> form is among the tags).
_MICRODATA_PUBLISHED = XPath('//*[@itemprop="datePublished"][@datetime or @content]')


def _microdata_published(tree: HtmlElement) -> str | None:
    """The microdata publication date, looked for only when no tag declares one."""
    for element in _MICRODATA_PUBLISHED(tree):
        value = (element.get("datetime") or element.get("content") or "").strip()
        if value:
            return value
    return None


def _canonical(links: list[HtmlElement]) -> str | None:
    for element in links:
        href = (element.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    return None


def _from_json_ld(scripts: list[HtmlElement], meta: PageMeta) -> None:
    nodes = []
    for script in scripts:
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            continue  # a broken block is common; the <meta> tags are read next
        nodes += list(_nodes(data))
    # An author given by reference ({"@id": ".../#/schema/person/1"}) names a node elsewhere
    # in the page's graph (Yoast's layout).
    named = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    for node in nodes:
        _merge_node(node, meta, named)
    if not meta.authors:
        # Yoast's older graphs name the author on the WebPage node, with no Article node.
        pages = [node for node in nodes if "webpage" in _types(node)]
        authors = (_names(_resolved(node.get("author"), named)) for node in pages)
        meta.authors += [name for name in authors if name][:1]


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


def _merge_node(node: dict[str, Any], meta: PageMeta, named: dict[str, dict[str, Any]]) -> None:
    if not _types(node) & _ARTICLE_TYPES:
        if "website" in _types(node) and not meta.site_name:
            meta.site_name = _text(node.get("name"))
        return
    meta.title = meta.title or _text(node.get("headline")) or _text(node.get("name"))
    published = _text(node.get("datePublished")) or _text(node.get("dateCreated"))
    if published and meta.published is None:
        meta.published, meta.published_source = published, "json-ld"
    authors = _names(_resolved(node.get("author"), named))
    if authors and not meta.authors:
        meta.authors.append(authors)
    meta.site_name = meta.site_name or _names(node.get("publisher"))
    meta.language = meta.language or _text(node.get("inLanguage"))
    body = _text(node.get("articleBody"), keep_lines=True)
    if body and len(body) > len(meta.article_body or ""):
        meta.article_body = body


def _resolved(value: Any, named: dict[str, dict[str, Any]]) -> Any:
    """`value` with references to other nodes ({"@id": ...} alone) replaced by the nodes."""
    if isinstance(value, list):
        return [_resolved(item, named) for item in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return named.get(value["@id"], value)
    return value


def _text(value: Any, keep_lines: bool = False) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str) or not value.strip():
        return None
    return unescape(value).strip() if keep_lines else _clean(value)


def _names(value: Any) -> str | None:
    """`name`s of a JSON-LD person/organisation, or a list of them, joined with "; " (a
    person given as givenName and familyName too)."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item) or _person_parts(item) for item in items]
    found = [name for name in names if name and "://" not in name]
    return "; ".join(dict.fromkeys(found)) or None


def _person_parts(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    parts = [item.get(key) for key in ("givenName", "additionalName", "familyName")]
    return _clean(" ".join(p for p in parts if isinstance(p, str))) or None
