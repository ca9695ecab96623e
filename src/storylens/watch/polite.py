"""Politeness: robots.txt (protego) honoured and cached a day, one request at a time per
host with a minimum gap (the larger of ours, Crawl-delay and Request-rate), Retry-After and
jittered backoff on 429 and 503.

Every request of the watcher goes through `Polite.get`, robots.txt fetches included, so the
pace per host holds whatever order the scheduler picks requests in.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from protego import Protego

from storylens.watch.clock import Clock
from storylens.watch.http import Fetched, Fetcher
from storylens.watch.options import WatchOptions
from storylens.watch.urls import origin

ROBOTS_AGENT = "storylens"  # the token robots.txt groups are matched against
DISALLOWED = "disallowed by robots.txt"
# robots.txt that cannot be fetched (5xx, network error) means "crawl nothing" for now
# (RFC 9309 2.3.1.4); it is asked again after this many seconds.
ROBOTS_UNREACHABLE_RETRY_S = 600.0
RETRYABLE = (429, 503)

RobotsStore = Callable[[str], tuple[str | None, float] | None]
RobotsSave = Callable[[str, str | None, float], None]


@dataclass(slots=True)
class Host:
    robots: Protego | None = None  # None: no robots.txt, everything allowed
    robots_until: float = 0.0  # when the robots.txt above must be read again
    robots_loaded: bool = False
    robots_error: str | None = None  # why robots.txt could not be read (nothing is fetched)
    gap_s: float = 0.0
    last_at: float = float("-inf")  # when the last request to this host ended
    held_until: float = 0.0  # a Retry-After or backoff: no request before this time
    failures: int = 0  # consecutive 429/503, for the backoff

    @property
    def ready_at(self) -> float:
        """No request to this host before this time."""
        return max(self.held_until, self.last_at + self.gap_s)


class Polite:
    def __init__(
        self,
        fetcher: Fetcher,
        options: WatchOptions,
        clock: Clock,
        load_robots: RobotsStore = lambda origin: None,
        save_robots: RobotsSave = lambda origin, text, at: None,
        rng: random.Random | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.options = options
        self.clock = clock
        self._load = load_robots
        self._save = save_robots
        self._rng = rng or random.Random()
        self.hosts: dict[str, Host] = {}
        self.requests = 0

    def ready_at(self, url: str) -> float:
        """When the next request to `url`'s host may start."""
        return self._host(origin(url)).ready_at

    def allowed(self, url: str, source_url: str | None = None) -> bool:
        """Whether robots.txt lets us fetch `url` (reading robots.txt first if need be)."""
        host, refused = self._robots_of(origin(url), source_url or url)
        return refused is None and (
            host.robots is None or bool(host.robots.can_fetch(url, ROBOTS_AGENT))
        )

    def sitemaps(self, url: str) -> list[str]:
        host, _ = self._robots_of(origin(url), url)
        return list(host.robots.sitemaps) if host.robots is not None else []

    def get(self, url: str, source_url: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET `url` if robots.txt allows, at the host's pace, retrying a 429 or 503."""
        host, refused = self._robots_of(origin(url), source_url)
        if refused is not None:  # robots.txt itself led to a refused address
            return Fetched(url, error=refused.error, refused=True)
        if host.robots is not None and not host.robots.can_fetch(url, ROBOTS_AGENT):
            return Fetched(url, error=host.robots_error or DISALLOWED)
        for attempt in range(self.options.retries + 1):
            fetched = self._paced(url, source_url, headers)
            if fetched.status not in RETRYABLE:
                host.failures = 0
                return fetched
            wait = self._back_off(origin(url), fetched)
            if attempt == self.options.retries or wait > self.options.max_retry_wait_s:
                fetched.error = f"HTTP {fetched.status}, retry after {wait:.0f} s"
                return fetched
        raise AssertionError("unreachable")  # the loop always returns

    def _paced(self, url: str, source_url: str, headers: dict[str, str] | None) -> Fetched:
        host = self._host(origin(url))
        self.clock.sleep(host.ready_at - self.clock.now())
        try:
            return self.fetcher.get(url, source_url, headers)
        finally:
            self.requests += 1
            host.last_at = self.clock.now()

    def _back_off(self, key: str, fetched: Fetched) -> float:
        """Hold the host for its Retry-After, else for a jittered doubling backoff."""
        host = self._host(key)
        host.failures += 1
        wait = retry_after(fetched.headers.get("retry-after"), self.clock.now())
        if wait is None:
            base = self.options.backoff_s * 2 ** (host.failures - 1)
            wait = base * self._rng.uniform(0.5, 1.5)
        wait = min(wait, self.options.max_retry_after_s)
        host.held_until = max(host.held_until, self.clock.now() + wait)
        return wait

    def _host(self, key: str) -> Host:
        host = self.hosts.get(key)
        if host is None:
            host = self.hosts[key] = Host(gap_s=self.options.min_gap_s)
        return host

    def _robots_of(self, key: str, source_url: str) -> tuple[Host, Fetched | None]:
        """The host with its robots.txt read; with the refused fetch when robots.txt could
        not be asked because of where it led (nothing is cached then)."""
        host = self._host(key)
        now = self.clock.now()
        if host.robots_loaded and now < host.robots_until:
            return host, None
        cached = self._load(key) if not host.robots_loaded else None
        if cached is not None and now < cached[1] + self.options.robots_ttl_s:
            self._use_robots(host, cached[0], cached[1] + self.options.robots_ttl_s)
            return host, None
        return host, self._fetch_robots(key, host, source_url)

    def _fetch_robots(self, key: str, host: Host, source_url: str) -> Fetched | None:
        url = f"{key}/robots.txt"
        fetched = self._paced(url, source_url, None)
        if fetched.refused:
            return fetched
        now = self.clock.now()
        if fetched.status is not None and 400 <= fetched.status < 500 and fetched.status != 429:
            text: str | None = None  # no robots.txt: everything is allowed
        elif fetched.ok:
            text = fetched.body.decode("utf-8", "replace")
        else:  # unreachable: nothing is allowed until it is asked again
            self._use_robots(host, "User-agent: *\nDisallow: /\n", now + ROBOTS_UNREACHABLE_RETRY_S)
            why = fetched.error or f"HTTP {fetched.status}"
            host.robots_error = (
                f"robots.txt could not be read ({why}): nothing is fetched from this host "
                f"for {ROBOTS_UNREACHABLE_RETRY_S / 60:g} minutes"
            )
            return None
        self._save(key, text, now)
        self._use_robots(host, text, now + self.options.robots_ttl_s)
        return None

    def _use_robots(self, host: Host, text: str | None, until: float) -> None:
        host.robots = Protego.parse(text) if text is not None else None
        host.robots_until = until
        host.robots_loaded = True
        host.robots_error = None
        host.gap_s = max(self.options.min_gap_s, _robots_gap(host.robots))


def _robots_gap(robots: Protego | None) -> float:
    """Least seconds between two requests that robots.txt asks for: its Crawl-delay, or
    its Request-rate's seconds over requests (`Request-rate: 1/5s` is 5 s, `3/10s` 3.33 s),
    the larger. A gap of s/r between starts lets no window of s seconds hold more than r
    requests. A Request-rate's time of day (`1/5s 0900-1700`) is not looked at: the rate
    holds all day, the stricter reading."""
    if robots is None:
        return 0.0
    gap = float(robots.crawl_delay(ROBOTS_AGENT) or 0.0)
    rate = robots.request_rate(ROBOTS_AGENT)
    if rate is not None and rate.requests:
        gap = max(gap, rate.seconds / rate.requests)
    return gap


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None
