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
    """Whether `url`'s host is, or resolves to, a non-public address (private, loopback,
    link-local, shared, reserved, multicast...). The resolution is cached: this is the early
    check of a link as a listing names it; the fetch checks the address it connects to."""
    host = (urlsplit(url).hostname or "").lower()
    if _local_name(host):
        return True
    return any(not public_address(a) for a in _addresses(host))


def is_local_source(url: str) -> bool:
    """Whether a source is local as the user named it: `localhost` or a non-public IP
    literal (a test server, a machine on the LAN). A host *name* that resolves to a private
    address is not: a public outlet whose name is rebound to 127.0.0.1 does not become local
    (an intranet outlet named by host name needs `allow_private`)."""
    host = (urlsplit(url).hostname or "").lower()
    if _local_name(host):
        return True
    try:
        return not public_address(host)
    except ValueError:
        return False  # a name, not an address


def _local_name(host: str) -> bool:
    return host == "localhost" or host.endswith(".localhost")


NAT64 = ipaddress.ip_network("64:ff9b::/96")


def public_address(address: str) -> bool:
    """Whether an IP address (text) is one on the public internet; an IPv6 address that
    carries an IPv4 one (mapped, 6to4, NAT64) is judged by that one too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if not ip.is_global or ip.is_multicast:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return public_address(str(inner))
    return True


def resolve(host: str) -> tuple[str, ...]:
    """The addresses `host` resolves to now (itself if it is an address); () when it does
    not resolve."""
    try:
        return (str(ipaddress.ip_address(host.strip("[]"))),)
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()  # unresolvable: the request itself will fail and say so
    return tuple(dict.fromkeys(str(info[4][0]) for info in found))


@lru_cache(maxsize=4096)
def _addresses(host: str) -> tuple[str, ...]:
    return resolve(host)


def check_link(url: str, source_url: str, allow_private: bool = False) -> None:
    """Refuse a link (a feed item, a redirect) that a source may not lead the watcher to:
    another scheme than http(s), or a private address named by a public source. An early
    check: `http.Fetcher` checks the address each connection goes to (see there)."""
    check_scheme(url)
    if allow_private or is_local_source(source_url) or not is_private(url):
        return
    host = urlsplit(url).hostname
    raise UrlRefused(f"link to a private or loopback address ({host}) from a public source")
