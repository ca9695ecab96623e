"""A source's health: block and challenge pages recognised, failures counted fractionally
(a source that fails now and then stays on; one that keeps failing is disabled and probed
again later), and the interval to its next poll adapted to how much it brings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storylens.watch.options import WatchOptions

# States shown by `watch status`.
NEW, OK, NOT_MODIFIED, BLOCKED, FAILING, DISABLED = (
    "new",
    "ok",
    "not_modified",
    "blocked",
    "failing",
    "disabled",
)
# What an item (a link a source listed) can end as besides stored: failed (tried again while
# it has tries left), disallowed (robots.txt), refused (where it leads: another scheme, a
# non-public address for a public source; never tried again), duplicate.
REFUSED = "refused"
PROBLEM_STATES = ("failed", "disallowed", REFUSED)

# Markers of the bot walls and challenge pages news sites put in front of crawlers, each
# with the name shown as the reason. Matched case-insensitively in the first 64 KB.
CHALLENGES = (
    (
        r"<title>\s*just a moment\.\.\.|cf-browser-verification"
        r"|/cdn-cgi/challenge-platform|cf_chl_",
        "Cloudflare challenge page",
    ),
    (r"attention required!\s*\|\s*cloudflare", "Cloudflare block page"),
    (
        r"g-recaptcha|h-captcha|hcaptcha\.com|px-captcha|captcha-delivery\.com|\bcaptcha\b",
        "captcha page",
    ),
    (r"are you a robot|verify (?:that )?you are (?:a )?human|unusual traffic", "bot check page"),
    (r"<title>\s*access denied\s*</title>", "access denied page"),
)
_CHALLENGES = [(re.compile(p, re.IGNORECASE), name) for p, name in CHALLENGES]
BLOCK_STATUSES = {
    401: "login required",
    403: "access refused",
    451: "unavailable for legal reasons",
}
# How much one success takes off the failure count: halved, so a source that failed five
# times in a row needs a few good polls before one more failure could disable it again.
SUCCESS_FACTOR = 0.5
# Interval change after a poll: halved when it brought new items, 1.5x when none (Media
# Cloud's fetcher adapts the same way between its 10 minute and 24 hour bounds).
FASTER, SLOWER = 0.5, 1.5


def block_reason(status: int | None, body: bytes) -> str | None:
    """Why this response is a block or a challenge page rather than content; None if not."""
    head = body[:65536].decode("utf-8", "replace")
    for pattern, name in _CHALLENGES:
        if pattern.search(head):
            return f"{name} (HTTP {status})"
    if status in BLOCK_STATUSES:
        return f"HTTP {status} ({BLOCK_STATUSES[status]})"
    return None


@dataclass(slots=True)
class Health:
    state: str
    reason: str | None
    failures: float
    interval_s: float


def after_success(
    health: Health,
    new_items: int,
    options: WatchOptions,
    modified: bool = True,
    confirmed: bool = True,
) -> Health:
    """A poll that got a listing (or a 304). `confirmed` False: a 304, whose "nothing new"
    the next (full) poll checks, so the interval stays as it was."""
    failures = health.failures * SUCCESS_FACTOR
    failures = 0.0 if failures < 0.1 else failures
    factor = FASTER if new_items else SLOWER if confirmed else 1.0
    return Health(
        OK if modified else NOT_MODIFIED,
        None,
        failures,
        _next_interval(health.interval_s, factor, options),
    )


def after_failure(health: Health, state: str, reason: str, options: WatchOptions) -> Health:
    """A failed poll (`state` blocked or failing): counted, and disabled at the threshold."""
    failures = health.failures + 1.0
    interval = _next_interval(health.interval_s, 2.0, options)
    if failures >= options.disable_at:
        why = f"disabled after {failures:g} failures, probed again later; last: {reason}"
        return Health(DISABLED, why, failures, options.disabled_probe_s)
    return Health(state, reason, failures, interval)


def _next_interval(interval: float, factor: float, options: WatchOptions) -> float:
    if options.interval_s is not None:
        return options.interval_s
    return min(options.max_interval_s, max(options.min_interval_s, interval * factor))
