"""What `storylens watch` can be told: one typed options object with documented defaults.

Built once from the CLI (or a caller of the library) and handed to every part of the
watcher; nothing here reads the environment.
"""

from __future__ import annotations

from dataclasses import dataclass

from storylens._version import __version__

# The shortest and longest time between two polls of one source: Media Cloud's feed fetcher
# adapts each of its ~180k feeds between 10 minutes and a day, which keeps a busy outlet's
# new items minutes old while a dormant feed costs one request a day.
MIN_INTERVAL_S = 10 * 60.0
MAX_INTERVAL_S = 24 * 3600.0
# A source polled for the first time, or named by `--interval`.
DEFAULT_INTERVAL_S = 30 * 60.0
# Seconds between two requests to one host when its robots.txt asks for no more: a gap a
# news site does not notice (crawlers commonly use 1 to 5 s).
DEFAULT_MIN_GAP_S = 2.0
# Limits on every fetch: a feed or an article page above 10 MB, or slower than 20 s, is not
# something a reader needs (real feeds are under 1 MB, article pages under 3 MB).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT_S = 20.0
# Redirects followed per request: more is a loop or a tracking chain.
MAX_REDIRECTS = 5
# A source is disabled when its fractional failure count reaches this, and probed again
# after DISABLED_PROBE_S (Media Cloud style: a failure adds 1, a success halves the count).
DISABLE_AT_FAILURES = 5.0
DISABLED_PROBE_S = 24 * 3600.0
# The longest wait a Retry-After may ask for before the host is left for this run.
MAX_RETRY_AFTER_S = 3600.0
# Articles fetched per source and poll: a feed's first poll lists tens of items, a sitemap
# index may list thousands; the rest wait for the next poll (newest first).
MAX_ITEMS_PER_POLL = 200
# A 429 or 503 is retried this many times in one poll, after its Retry-After or a jittered
# backoff starting at BACKOFF_S (doubling), when that wait is at most MAX_RETRY_WAIT_S;
# a longer wait leaves the host alone until then.
RETRIES = 2
BACKOFF_S = 5.0
MAX_RETRY_WAIT_S = 60.0
# How many times a page that failed is fetched again before it is left as failed.
MAX_ITEM_ATTEMPTS = 3
# 304 Not Modified answers in a row taken on trust before an unconditional GET checks them:
# a validator that lies delays a new item by at most this many polls (see watch.runner).
VERIFY_AFTER_304 = 1


@dataclass(slots=True, frozen=True)
class WatchOptions:
    """How politely and how often to watch. Defaults are what `storylens watch` uses."""

    # Who to tell the site owners to contact (an email or URL), put in the User-Agent.
    contact: str | None = None
    min_gap_s: float = DEFAULT_MIN_GAP_S
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float = DEFAULT_TIMEOUT_S
    # None: every source adapts its own interval from DEFAULT_INTERVAL_S.
    interval_s: float | None = None
    min_interval_s: float = MIN_INTERVAL_S
    max_interval_s: float = MAX_INTERVAL_S
    disable_at: float = DISABLE_AT_FAILURES
    disabled_probe_s: float = DISABLED_PROBE_S
    max_retry_after_s: float = MAX_RETRY_AFTER_S
    retries: int = RETRIES
    backoff_s: float = BACKOFF_S
    max_retry_wait_s: float = MAX_RETRY_WAIT_S
    max_items_per_poll: int = MAX_ITEMS_PER_POLL
    # Links to private or loopback addresses are refused unless the source itself is named
    # by one (a test server, a LAN address, localhost); True allows them everywhere (an
    # intranet outlet named by host name).
    allow_private: bool = False
    # False: never a conditional GET (Media Cloud's default), every poll a full GET hashed.
    conditional_get: bool = True
    verify_after_304: int = VERIFY_AFTER_304
    robots_ttl_s: float = 24 * 3600.0

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.contact}" if self.contact else ""
        return f"storylens-watch/{__version__} (news comparison; polite feed reader{contact})"
