"""What keeps hostile article text and hostile clients in check, as ASGI middleware.

- Security headers on every response: a strict CSP (our own script and style files only;
  nothing inline, nothing from another origin), no sniffing, no framing, no referrer.
- A bound on request bodies (413), checked on the declared length and on the bytes read.
- A per-client rate limit (429), a token bucket per client address.
- A last-resort 500 in the one error shape, inside this middleware so that it too carries
  the security headers (Starlette's own 500 sits outside every user middleware).
- A `Server-Timing: app;dur=<ms>` header: the time the app took up to the response start,
  so a client can tell the server's own cost from time spent queued or on the network.
- `safe_link`: the only way a URL from an article becomes a link.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
log = logging.getLogger("storylens.serve")
# What a client is told of an unexpected failure; the details go to the server's log.
INTERNAL_ERROR = "internal server error: the request failed on the server; see its log"
# An error body for a request: (content type, body) from (scope, status, message).
ErrorBody = Callable[[Scope, int, str], tuple[bytes, bytes]]
# Longer URLs are not links (a real article URL is far shorter; a page would only carry it).
MAX_LINK_LENGTH = 2048
# Clients remembered by the rate limiter; the least recently seen are forgotten first.
MAX_TRACKED_CLIENTS = 10_000


def safe_link(url: object) -> str | None:
    """`url` if it may be rendered as a link: absolute http(s) with a host, no whitespace
    or control characters; else None (javascript:, data:, relative and odd URLs)."""
    if not isinstance(url, str) or not url or len(url) > MAX_LINK_LENGTH:
        return None
    if any(ch.isspace() or not ch.isprintable() or ch in "\\<>\"'`" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def json_error(status: int, message: str) -> bytes:
    """The one error shape of the HTTP boundary."""
    return json.dumps({"ok": False, "error": message, "status": status}).encode()


class _BodyTooLarge(Exception):
    pass


def json_error_body(scope: Scope, status: int, message: str) -> tuple[bytes, bytes]:
    del scope
    return b"application/json", json_error(status, message)


class GuardMiddleware:
    """Security headers, body size limit, rate limit and the last-resort 500 in front of
    the app. `error_body` renders that 500 (the app gives pages an HTML error page)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        rate_per_second: float = 0.0,
        error_body: ErrorBody = json_error_body,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.limiter = RateLimiter(rate_per_second) if rate_per_second > 0 else None
        self.error_body = error_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        began = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                took = f"app;dur={1000 * (time.perf_counter() - began):.2f}".encode()
                headers = [*message.get("headers", []), *SECURITY_HEADERS]
                message["headers"] = [*headers, (b"server-timing", took)]
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            await _send_json(send_with_headers, *refusal)
            return
        try:
            await self.app(scope, self._bounded(receive), send_with_headers)
        except _BodyTooLarge:
            if started:
                raise
            await _send_json(send_with_headers, 413, self._too_large())
        except Exception:
            if started:  # too late for an error response: the server closes the connection
                raise
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            await self._send_internal_error(scope, send_with_headers)

    async def _send_internal_error(self, scope: Scope, send: Send) -> None:
        try:
            kind, body = self.error_body(scope, 500, INTERNAL_ERROR)
        except Exception:  # the error page itself failed: fall back on the JSON shape
            log.exception("rendering the error page failed")
            kind, body = json_error_body(scope, 500, INTERNAL_ERROR)
        await _send(send, 500, kind, body)

    def _refusal(self, scope: Scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        if self.limiter is not None:
            client = scope.get("client")
            wait = self.limiter.wait(client[0] if client else "unknown")
            if wait > 0:
                retry = str(max(1, round(wait))).encode()
                return 429, "too many requests: slow down and retry", [(b"retry-after", retry)]
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                return 400, "invalid Content-Length header", []
            if int(declared) > self.max_body_bytes:
                return 413, self._too_large(), []
        return None

    def _too_large(self) -> str:
        return f"request body over the limit of {self.max_body_bytes} bytes"

    def _bounded(self, receive: Receive) -> Receive:
        seen = 0

        async def bounded_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    raise _BodyTooLarge
            return message

        return bounded_receive


async def _send_json(
    send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    await _send(send, status, b"application/json", json_error(status, message), headers)


async def _send(
    send: Send,
    status: int,
    kind: bytes,
    body: bytes,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    start: dict[str, Any] = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", kind),
            (b"content-length", str(len(body)).encode()),
            *(headers or []),
        ],
    }
    await send(start)
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """Token bucket per client: `rate` requests a second, bursts of twice that."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.burst = max(1.0, 2 * rate)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """0 when the request may go ahead (and is counted); else seconds until it may."""
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            allowed = tokens >= 1
            self._buckets[client] = (tokens - 1 if allowed else tokens, now)
            while len(self._buckets) > MAX_TRACKED_CLIENTS:
                self._buckets.popitem(last=False)
            return 0.0 if allowed else (1 - tokens) / self.rate
