"""URLs as the watcher keeps them: canonical (courlan drops tracking parameters and
normalises the rest), keyed by a digest, and checked before any request is made."""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url

SCHEMES = ("http", "https")


class UrlRefused(ValueError):
    """A URL the watcher will not fetch; the message is the reason shown for it."""


def canonical(url: str, base: str | None = None) -> str:
    """`url` (relative to `base`) normalised: host lower case, default port and fragment
    gone, query sorted, tracking parameters (utm_*, fbclid, gclid, mc_*...) dropped."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    check_scheme(absolute)
    try:
        normal = normalize_url(absolute)
    except ValueError as exc:
        raise UrlRefused(f"invalid URL {absolute!r}") from exc
    parts = urlsplit(normal)
    if not parts.hostname:
        raise UrlRefused(f"invalid URL {absolute!r}: no host")
    # A fragment never names another article.
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise UrlRefused(f"not an http(s) URL (scheme {scheme or 'none'!r})")


def key(text: str) -> str:
    """The digest a URL or GUID is stored and looked up by."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def origin(url: str) -> str:
    """scheme://host:port: what robots.txt and the per-host pace apply to."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def is_private(url: str) -> bool:
    """Whether `url`'s host is, or resolves to, a private, loopback or link-local address."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    return any(_private_address(a) for a in _addresses(host))


def _private_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved


@lru_cache(maxsize=4096)
def _addresses(host: str) -> tuple[str, ...]:
    try:
        return (str(ipaddress.ip_address(host)),)
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()  # unresolvable: the request itself will fail and say so
    return tuple(sorted({str(info[4][0]) for info in found}))


def check_link(url: str, source_url: str, allow_private: bool = False) -> None:
    """Refuse a link (a feed item, a redirect) that a source may not lead the watcher to:
    another scheme than http(s), or a private address named by a public source."""
    check_scheme(url)
    if allow_private or not is_private(url) or is_private(source_url):
        return
    host = urlsplit(url).hostname
    raise UrlRefused(f"link to a private or loopback address ({host}) from a public source")
