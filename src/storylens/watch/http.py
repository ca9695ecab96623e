"""One HTTP GET with every limit on: timeouts, a byte cap on the (decoded) body, redirects
followed by hand so that each hop is checked (scheme, private address, loops).

Addresses are checked where the connection is made, not only where a link is read: for a
public source, the host of every request (each redirect hop included) is resolved when it is
connected to, the connection is refused if any address the name resolves to is not public
(private, loopback, link-local, shared, reserved, multicast, or such an IPv4 address inside
IPv6), and it is made to one of the addresses just checked, so a name rebound between the
check and the connection (DNS rebinding) cannot lead it elsewhere. Requests for local
sources (named by a private address or `localhost`, see `urls.is_local_source`) go through
a second client with no such check: a kept-alive connection of one never serves the other.
Behind an HTTP(S)_PROXY the proxy makes the connection, and only the early check of links
(`urls.check_link`) applies.

Nothing here waits for a host or reads robots.txt (that is `polite`); a fetch that goes
wrong comes back as a `Fetched` with `error` saying why, never as an exception.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field

import httpcore
import httpx

from storylens.watch import urls
from storylens.watch.options import MAX_REDIRECTS, WatchOptions
from storylens.watch.urls import UrlRefused, check_link


@dataclass(slots=True)
class Fetched:
    url: str  # where the body came from, after redirects
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None  # why there is no usable response
    # The request was not made, or a redirect not followed, because of where it led (a
    # non-public address for a public source, another scheme): not worth retrying.
    refused: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


KEPT_HEADERS = ("etag", "last-modified", "retry-after", "content-type", "location")


class AddressRefused(Exception):
    """A connection not made: the host resolves to a non-public address."""


class CheckedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, resolving each host itself: with `public_only`, a host
    with any non-public address is refused, and the socket connects to an address checked
    here (pinned), never to a name resolved again."""

    def __init__(self, public_only: bool) -> None:
        self.public_only = public_only
        self.resolved = 0  # hosts resolved (connections attempted)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = urls.resolve(host)
        self.resolved += 1
        if not addresses:
            raise httpcore.ConnectError(f"{host} does not resolve")
        if self.public_only:
            hidden = [a for a in addresses if not urls.public_address(a)]
            if hidden:
                raise AddressRefused(
                    f"{host} resolves to a non-public address ({hidden[0]}), "
                    "refused for a public source"
                )
        failed: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failed = exc
        assert failed is not None
        raise failed


class CheckedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that connects through `CheckedBackend`."""

    def __init__(self, backend: CheckedBackend) -> None:
        super().__init__()
        self.backend = backend
        # httpx's transport sends every request through `_pool` (httpx 0.23 to 0.29 at
        # least); test_the_fetch_checks_the_address_it_connects_to fails if it stops doing so.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=backend,
        )


class Fetcher:
    """httpx clients with the watcher's User-Agent and limits: one for public sources
    (addresses checked at connect time), one for local ones."""

    def __init__(self, options: WatchOptions):
        self.options = options
        self.public = CheckedBackend(public_only=True)
        self._public = self._client(CheckedTransport(self.public))
        self._local = self._client(CheckedTransport(CheckedBackend(public_only=False)))

    def _client(self, transport: httpx.BaseTransport) -> httpx.Client:
        return httpx.Client(
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.options.timeout_s),
            follow_redirects=False,
            transport=transport,
        )

    def get(self, url: str, source_url: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET `url` for a source at `source_url`, following checked redirects."""
        local = self.options.allow_private or urls.is_local_source(source_url)
        client = self._local if local else self._public
        seen = {url}
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            fetched = self._once(client, current, headers or {})
            location = fetched.headers.get("location")
            if fetched.error or fetched.status not in (301, 302, 303, 307, 308) or not location:
                return fetched
            target = str(httpx.URL(current).join(location))
            if target in seen:
                return Fetched(current, fetched.status, error=f"redirect loop at {target}")
            try:
                check_link(target, source_url, self.options.allow_private)
            except UrlRefused as exc:
                error = f"redirect refused: {exc}"
                return Fetched(current, fetched.status, error=error, refused=True)
            seen.add(target)
            current = target
        return Fetched(current, error=f"more than {MAX_REDIRECTS} redirects")

    def _once(self, client: httpx.Client, url: str, headers: dict[str, str]) -> Fetched:
        limit = self.options.max_bytes
        try:
            with client.stream("GET", url, headers=headers) as response:
                kept = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    return Fetched(url, response.status_code, kept, error=_too_big(limit))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        return Fetched(url, response.status_code, kept, error=_too_big(limit))
                return Fetched(url, response.status_code, kept, bytes(body))
        except AddressRefused as exc:
            return Fetched(url, error=str(exc), refused=True)
        except httpx.TimeoutException:
            return Fetched(url, error=f"timed out after {self.options.timeout_s:g} s")
        except (httpx.HTTPError, httpx.InvalidURL, OSError, UnicodeError) as exc:
            return Fetched(url, error=f"request failed: {type(exc).__name__}: {exc}")

    def close(self) -> None:
        self._public.close()
        self._local.close()


def _too_big(limit: int) -> str:
    return f"response over the size limit ({limit} bytes)"
