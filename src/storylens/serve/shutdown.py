"""SIGTERM stops the server within seconds, even in the middle of a long upload.

uvicorn, told to stop, waits for the requests in flight before it shuts the app down; an
upload being extracted would hold it for as long as its extraction takes. So while the
app runs, SIGTERM and SIGINT also set the app's stop flag at once (then go on to uvicorn's
own handler): the upload's extraction child is killed, the batch in hand is written, and
the request answers (see serve.upload). `SHUTDOWN_GRACE_S` bounds the wait for any other.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

# How long uvicorn waits for requests in flight after SIGTERM before cancelling them: an
# upload answers within POLL_S plus one batch's analysis once the stop flag is set.
SHUTDOWN_GRACE_S = 5
SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """While inside, SIGTERM and SIGINT set `stop` before reaching the handler installed
    before (uvicorn's). Only the main thread may install handlers: elsewhere (an app
    served from a thread, in tests) this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {sig: signal.getsignal(sig) for sig in SIGNALS}

    def handle(sig: int, frame: FrameType | None) -> None:
        stop.set()
        chained: Any = before[signal.Signals(sig)]
        if callable(chained):
            chained(sig, frame)
        elif chained == signal.SIG_DFL:  # no handler before: die of the signal, as without us
            signal.signal(sig, signal.SIG_DFL)
            signal.raise_signal(sig)

    for sig in SIGNALS:
        signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in before.items():
            if signal.getsignal(sig) is handle:
                signal.signal(sig, handler)
