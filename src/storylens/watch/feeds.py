"""What a fetched source lists: feed entries (RSS, Atom: feedparser; JSON Feed), sitemap
URLs and child sitemaps (sitemaps, news sitemaps, indexes, gzipped), or, for a home page,
the feeds it links to (`<link rel="alternate">`).

Nothing is fetched here; a body that is none of these raises `NotAListing` saying what it
is instead.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import xml.sax
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
# Bytes of XML parsed at most once gunzipped (a gzip bomb stops here, not in memory).
MAX_UNZIPPED = 50 * 1024 * 1024


class NotAListing(ValueError):
    """The body is no feed, sitemap or page with feeds; the message says what it is."""


@dataclass(slots=True, frozen=True)
class Entry:
    url: str  # as listed (made absolute), not yet canonical
    guid: str | None = None
    signature: str = ""  # changes when the listing says the item changed (not its pubDate)
    title: str | None = None
    lastmod: str | None = None  # what the listing gives as the item's date, to order by


@dataclass(slots=True)
class Listing:
    kind: str  # feed, sitemap or page
    entries: list[Entry] = field(default_factory=list)
    children: list[tuple[str, str | None]] = field(default_factory=list)  # (url, lastmod)
    note: str | None = None  # e.g. feedparser read a malformed feed only in part


def listing_of(body: bytes, url: str, content_type: str | None = None) -> Listing:
    """The entries of the body fetched from `url`; NotAListing when it lists nothing."""
    data = _gunzipped(body)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return _json_feed(data, url)
    if b"<urlset" in head or b"<sitemapindex" in head:
        return _sitemap(data, url)
    if _looks_html(head):
        return _page(data, url)
    return _feed(data, url, content_type or "application/xml")


def _gunzipped(body: bytes) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
            data = unzipped.read(MAX_UNZIPPED + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise NotAListing(f"broken gzip: {exc}") from exc
    if len(data) > MAX_UNZIPPED:
        raise NotAListing(f"gzipped body over {MAX_UNZIPPED} bytes once decompressed")
    return data


def _looks_html(head: bytes) -> bool:
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def signature(*parts: str | None) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()


def _feed(data: bytes, url: str, content_type: str) -> Listing:
    headers = {"content-location": url, "content-type": content_type}
    parsed = feedparser.parse(data, response_headers=headers)
    problem = parsed.get("bozo_exception")
    broken = parsed.bozo and isinstance(problem, xml.sax.SAXException)
    entries = [e for e in (_feed_entry(item, url) for item in parsed.entries) if e is not None]
    if not entries and (broken or not parsed.version):
        raise NotAListing(f"malformed feed XML: {problem}" if problem else "not a feed")
    note = None
    # Only broken XML is worth a note: feedparser also flags a text/html Content-Type or a
    # charset that the body overrides, which it reads through all the same.
    if broken:
        note = f"malformed feed XML, {len(entries)} entries read: {problem}"
    return Listing("feed", entries, note=note)


def _feed_entry(item: Any, base: str) -> Entry | None:
    link = item.get("link")
    if not link:
        return None
    # dict.get, not item.get: feedparser answers `updated` with RSS's pubDate when there is
    # no update date, and only a real one may count, so a feed that rewrites every pubDate
    # on each refresh does not look edited.
    updated, published = dict.get(item, "updated"), dict.get(item, "published")
    title = item.get("title")
    sig = signature(title, item.get("summary"), updated)
    return Entry(urljoin(base, link), item.get("id"), sig, title, updated or published)


def _json_feed(data: bytes, url: str) -> Listing:
    # JSON Feed (jsonfeed.org) is plain JSON that feedparser 6 does not read: its fields are
    # read here directly.
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotAListing(f"malformed JSON: {exc}") from exc
    version = document.get("version", "") if isinstance(document, dict) else ""
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        raise NotAListing("JSON that is not a JSON Feed")
    entries = []
    for item in document.get("items") or []:
        link = item.get("url") if isinstance(item, dict) else None
        if isinstance(link, str) and link:
            modified = item.get("date_modified")
            title = item.get("title")
            summary = item.get("summary")
            sig = signature(str(title or ""), str(summary or ""), str(modified or ""))
            date = modified or item.get("date_published")
            entries.append(Entry(urljoin(url, link), str(item.get("id") or ""), sig, title, date))
    return Listing("feed", entries)


def _sitemap(data: bytes, url: str) -> Listing:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise NotAListing(f"malformed sitemap XML: {exc}") from exc
    listing = Listing("sitemap")
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        for child in root.iter(f"{SITEMAP_NS}sitemap"):
            loc = _text(child, f"{SITEMAP_NS}loc")
            if loc:
                listing.children.append((urljoin(url, loc), _text(child, f"{SITEMAP_NS}lastmod")))
        return listing
    for node in root.iter(f"{SITEMAP_NS}url"):
        loc = _text(node, f"{SITEMAP_NS}loc")
        if loc:
            lastmod = _text(node, f"{SITEMAP_NS}lastmod")
            title = _text(node, f"{NEWS_NS}news/{NEWS_NS}title")
            date = lastmod or _text(node, f"{NEWS_NS}news/{NEWS_NS}publication_date")
            listing.entries.append(Entry(urljoin(url, loc), None, signature(lastmod), title, date))
    return listing


def _text(node: Any, path: str) -> str | None:
    found = node.find(path)
    text = found.text.strip() if found is not None and found.text else ""
    return text or None


def _page(data: bytes, url: str) -> Listing:
    """A home page: the feeds its `<link rel="alternate">` elements name."""
    try:
        tree = lxml.html.fromstring(data)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NotAListing(f"unreadable HTML: {exc}") from exc
    listing = Listing("page")
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        if "alternate" in rel and kind in FEED_TYPES and href:
            listing.children.append((urljoin(url, href), None))
    return listing
