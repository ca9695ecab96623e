"""One HTTP GET with every limit on: timeouts, a byte cap on the (decoded) body, redirects
followed by hand so that each hop is checked (scheme, private address, loops).

Nothing here waits for a host or reads robots.txt (that is `polite`); a fetch that goes
wrong comes back as a `Fetched` with `error` saying why, never as an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from storylens.watch.options import MAX_REDIRECTS, WatchOptions
from storylens.watch.urls import UrlRefused, check_link


@dataclass(slots=True)
class Fetched:
    url: str  # where the body came from, after redirects
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None  # why there is no usable response

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


KEPT_HEADERS = ("etag", "last-modified", "retry-after", "content-type", "location")


class Fetcher:
    """An httpx client with the watcher's User-Agent and limits."""

    def __init__(self, options: WatchOptions, transport: httpx.BaseTransport | None = None):
        self.options = options
        self._client = httpx.Client(
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(options.timeout_s),
            follow_redirects=False,
            transport=transport,
        )

    def get(self, url: str, source_url: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET `url` for a source at `source_url`, following checked redirects."""
        seen = {url}
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            fetched = self._once(current, headers or {})
            location = fetched.headers.get("location")
            if fetched.error or fetched.status not in (301, 302, 303, 307, 308) or not location:
                return fetched
            target = str(httpx.URL(current).join(location))
            if target in seen:
                return Fetched(current, fetched.status, error=f"redirect loop at {target}")
            try:
                check_link(target, source_url, self.options.allow_private)
            except UrlRefused as exc:
                return Fetched(current, fetched.status, error=f"redirect refused: {exc}")
            seen.add(target)
            current = target
        return Fetched(current, error=f"more than {MAX_REDIRECTS} redirects")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        limit = self.options.max_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as response:
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
        except httpx.TimeoutException:
            return Fetched(url, error=f"timed out after {self.options.timeout_s:g} s")
        except (httpx.HTTPError, httpx.InvalidURL, OSError, UnicodeError) as exc:
            return Fetched(url, error=f"request failed: {type(exc).__name__}: {exc}")

    def close(self) -> None:
        self._client.close()


def _too_big(limit: int) -> str:
    return f"response over the size limit ({limit} bytes)"
