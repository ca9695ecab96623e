"""uvicorn's HTTP protocol (httptools) with a deadline for a request's headers.

uvicorn has no such deadline: a client that opens a connection and sends its headers a
byte at a time (slowloris) holds the connection for as long as it likes, and enough such
clients hold every connection the server can take. Here each connection must finish a
request's headers within `header_timeout` seconds of opening, or of the previous response
ending; else it is closed. The body is not under this deadline (the size limit and the
ingest's own budget bound it).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# Seconds a client has to send a request's headers. A real client sends them in one packet
# at once; 10 s leaves room for a very slow link and frees a held connection soon.
HEADER_TIMEOUT_S = 10.0


class HeaderDeadlineProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = HEADER_TIMEOUT_S  # read now, so a test may shorten it
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Armed only when uvicorn waits for a next request (its keep-alive timer is set):
        # a pipelined request already parsed has its headers.
        if self.timeout_keep_alive_task is not None:
            self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_late(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()
