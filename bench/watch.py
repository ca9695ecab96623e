"""`make bench-watch`: storylens watch on loopback against simulated outlets.

1,000 feeds on 50 hosts (a port each on 127.0.0.1): every host publishes an invented article
every few simulated minutes, listed in its "latest" feed and one of its 19 section feeds;
robots.txt of each host disallows /private/ (some items link there), a third of them ask for
a Crawl-delay and another third for a Request-rate. Feeds answer conditional GETs: most with
an ETag that changes with the feed, one host in ten with an ETag that lies (the same one
whatever the feed holds, and a 304 to it). An hour of polling is simulated with an injectable
clock (real elapsed time plus the time slept, which is skipped), at default settings.
Measured:

- requests per host: the shortest gap between two requests to one host, against the gap its
  robots.txt and our default allow, and the most requests in any window of a Request-rate's
  seconds against the requests it allows; disallowed paths fetched (must be 0);
- time from an item appearing in its feed to its story being listed by the HTTP API (which
  the story list's page polls), for the honest hosts and the lying ones apart;
- memory (RSS) over the simulated hour; CPU per polled feed;
- a second pass over every source fetches no article again;
- `storylens watch --once` killed with SIGKILL mid-run, then rerun: the rerun stores exactly
  the missing articles and fetches no other; a further `--once` run fetches no article.

Writes bench/results/watch.md and .json.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

CITIES = ["Lowmere", "Tarnby", "Ostrava Nova", "Kellin", "Brask", "Vandel", "Mirrow", "Eskar"]
TOPICS = [
    (
        "council approves a new budget for {city} schools",
        "The {city} city council approved a budget of {n} million crowns for its schools on "
        "{day}, after a debate that lasted {h} hours, council member {person} said.",
    ),
    (
        "flood barrier in {city} to be raised by {n} centimetres",
        "Engineers will raise the flood barrier along the river in {city} by {n} centimetres "
        "before the autumn storms, the regional water board announced on {day}.",
    ),
    (
        "{city} hospital opens a new children's ward",
        "The main hospital in {city} opened a children's ward with {n} beds on {day}; its "
        "director {person} said the ward would employ {h} new nurses.",
    ),
    (
        "bus drivers in {city} strike over pay",
        "Bus drivers in {city} stopped work on {day} to demand a pay rise of {n} percent, their "
        "union leader {person} told reporters outside the depot.",
    ),
]
PEOPLE = ["Mara Quint", "Oskar Brenn", "Ilse Varga", "Tomas Reuel", "Edda Lorn", "Piet Vass"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


class HybridClock:
    """Real elapsed time plus every sleep, which is skipped: work costs what it costs,
    waiting for a host or the next poll costs nothing."""

    def __init__(self) -> None:
        self._start = 1_750_000_000.0
        self._real0 = time.monotonic()
        self._slept = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._start + (time.monotonic() - self._real0) + self._slept

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self._slept += max(0.0, seconds)


@dataclass
class Article:
    id: int
    host: int
    section: int
    appeared: float
    event: int
    private: bool = False


def lies(host: int) -> bool:
    """One host in ten answers with an ETag that lies."""
    return host % 10 == 7


@dataclass
class World:
    """What every simulated outlet publishes, as a function of the clock."""

    clock: Any
    hosts: int
    feeds_per_host: int
    every_s: float
    seed: int = 7
    articles: list[Article] = field(default_factory=list)
    frozen: bool = False
    crawl_delays: bool = True
    ports: list[int] = field(default_factory=list)
    hits: dict[int, list[tuple[float, str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    not_modified: int = 0  # 304 answers

    def publish_until(self, moment: float) -> None:
        """Each host publishes an article every `every_s` on average (Poisson arrivals);
        about one event in three is reported by three hosts (a story to group)."""
        rng = random.Random(self.seed + len(self.articles))
        with self.lock:
            last = self.articles[-1].appeared if self.articles else self.clock.now()
            while not self.frozen and last < moment:
                last += rng.expovariate(self.hosts / self.every_s)
                event = (
                    len(self.articles) // 3 if rng.random() < 0.34 else 100_000 + len(self.articles)
                )
                self.articles.append(
                    Article(
                        len(self.articles),
                        rng.randrange(self.hosts),
                        rng.randrange(1, self.feeds_per_host),
                        last,
                        event,
                        private=rng.random() < 0.03,
                    )
                )

    def history(self, since: float) -> None:
        """Start the schedule at `since` (in the past)."""
        with self.lock:
            self.articles = [Article(0, 0, 1, since, 100_000)]

    def freeze(self, moment: float) -> None:
        """Nothing appears after `moment`."""
        with self.lock:
            self.frozen = True
            self.articles = [a for a in self.articles if a.appeared <= moment]

    def listed(self, host: int, feed: int, now: float) -> list[Article]:
        self.publish_until(now)
        with self.lock:
            mine = [
                a
                for a in self.articles
                if a.host == host and a.appeared <= now and (feed == 0 or a.section == feed)
            ]
        return mine[-20:]


def article_text(article: Article) -> tuple[str, str]:
    rng = random.Random(article.event)
    title, lead = TOPICS[rng.randrange(len(TOPICS))]
    values = {
        "city": rng.choice(CITIES),
        "n": rng.randrange(3, 90),
        "h": rng.randrange(2, 30),
        "day": rng.choice(DAYS),
        "person": rng.choice(PEOPLE),
    }
    detail = random.Random(article.id)
    extra = (
        f"Residents interviewed by the paper gave mixed views, and a further statement is "
        f"expected within {detail.randrange(2, 9)} days, officials said."
    )
    return title.format(**values).capitalize(), f"{lead.format(**values)}\n{extra}"


def _page(article: Article, site: str) -> bytes:
    title, body = article_text(article)
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n"))
    return (
        f"<!doctype html><html lang='en'><head><title>{escape(title)}</title>"
        f"<meta property='og:site_name' content='{site}'></head><body><article>"
        f"<h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _rss(world: World, host: int, feed: int, now: float) -> bytes:
    port = world.ports[host]
    items = "".join(
        f"<item><title>{escape(article_text(a)[0])}</title>"
        f"<link>http://127.0.0.1:{port}/{'private' if a.private else 'news'}/{a.id}"
        f"?utm_source=rss</link><guid isPermaLink='false'>a-{a.id}</guid></item>"
        for a in reversed(world.listed(host, feed, now))
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Host {host} feed {feed}"
        f"</title>{items}</channel></rss>"
    ).encode()


def crawl_delay(host: int, world: World | None = None) -> float:
    """A third of the hosts ask for 5 s between requests (not in the kill test, which runs
    the command on the real clock)."""
    if world is not None and not world.crawl_delays:
        return 0.0
    return 5.0 if host % 3 == 0 else 0.0


def request_rate(host: int, world: World | None = None) -> tuple[int, float] | None:
    """Another third of the hosts ask for a Request-rate of 2 requests in 7 s (a gap of
    3.5 s)."""
    if world is not None and not world.crawl_delays:
        return None
    return (2, 7.0) if host % 3 == 1 else None


def allowed_gap(host: int, min_gap: float) -> float:
    rate = request_rate(host)
    return max(min_gap, crawl_delay(host), rate[1] / rate[0] if rate else 0.0)


def _reply(
    world: World, host: int, path: str, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    now = world.clock.now()
    if path == "/robots.txt":
        delay, rate = crawl_delay(host, world), request_rate(host, world)
        rules = "User-agent: *\nDisallow: /private/\n" + (
            f"Crawl-delay: {delay:g}\n" if delay else ""
        )
        rules += f"Request-rate: {rate[0]}/{rate[1]:g}s\n" if rate else ""
        return 200, {}, rules.encode()
    if path.startswith("/feed/"):
        body = _rss(world, host, int(path.split("/")[2].split(".")[0]), now)
        etag = '"feed"' if lies(host) else f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if headers.get("if-none-match") == etag:
            with world.lock:
                world.not_modified += 1
            return 304, {"ETag": etag}, b""
        return 200, {"ETag": etag}, body
    if path.startswith(("/news/", "/private/")):
        number = int(path.split("/")[2].split("?")[0])
        if number < len(world.articles) and world.articles[number].host == host:
            return 200, {}, _page(world.articles[number], f"Outlet {host}")
    return 404, {}, b"not here"


@contextmanager
def serve(world: World) -> Iterator[None]:
    servers = []

    def handler_for(host: int) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with world.lock:
                    world.hits.setdefault(host, []).append((world.clock.now(), self.path))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, extra, body = _reply(world, host, self.path, headers)
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                del format, args

        return Handler

    for host in range(world.hosts):
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(host))
        server.daemon_threads = True
        world.ports.append(server.server_address[1])
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    try:
        yield
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def feed_urls(world: World) -> list[tuple[str, str]]:
    return [
        (f"http://127.0.0.1:{world.ports[h]}/feed/{f}.xml", f"Outlet {h}")
        for h in range(world.hosts)
        for f in range(world.feeds_per_host)
    ]


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def pace_check(world: World, min_gap: float) -> dict[str, Any]:
    """Shortest gap between two requests to one host, against what that host allows; the
    most requests in any window of a Request-rate's seconds, against what it allows."""
    worst = []
    crowded = (0, 1, 0.0)  # (requests in a window, allowed, window seconds)
    for host, hits in world.hits.items():
        times = sorted(t for t, _ in hits)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        allowed = allowed_gap(host, min_gap)
        if gaps:
            worst.append((min(gaps) / allowed, min(gaps), allowed, host))
        rate = request_rate(host)
        if rate is not None:
            most = max(
                sum(1 for t in times[i:] if t < start + rate[1] - 1e-6)
                for i, start in enumerate(times)
            )
            crowded = max(crowded, (most, rate[0], rate[1]))
    ratio, gap, allowed, host = min(worst)
    disallowed = sum(
        1 for hits in world.hits.values() for _, p in hits if p.startswith("/private/")
    )
    return {
        "hosts": len(world.hits),
        "tightest_gap_s": round(gap, 3),
        "allowed_gap_s": allowed,
        "tightest_host": host,
        "gap_over_allowed": round(ratio, 3),
        "disallowed_fetched": disallowed,
        "requests": sum(len(h) for h in world.hits.values()),
        "request_rate_most_in_window": crowded[0],
        "request_rate_allowed": crowded[1],
        "request_rate_window_s": crowded[2],
        "not_modified_answers": world.not_modified,
    }


def long_run(db: str, hosts: int, feeds: int, minutes: float, every_s: float) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from storylens.analyse import Analyser
    from storylens.config import Settings
    from storylens.serve import ServeOptions, create_app
    from storylens.store import open_store
    from storylens.watch import SourceSpec, Watcher, WatchOptions
    from storylens.watch.sink import ArticleSink

    clock = HybridClock()
    world = World(clock, hosts, feeds, every_s)
    settings = Settings()
    analyser = Analyser(settings)
    start = clock.now()
    # An hour of history (what the feeds list at the first poll), then the schedule of
    # appearances during the run, fixed up front.
    world.history(start - 3600)
    world.publish_until(start + minutes * 60)
    report: dict[str, Any] = {}
    with serve(world), open_store(db) as store:
        options = WatchOptions(contact="bench@example.invalid")
        watcher = Watcher(
            store, options, settings, clock=clock, sink=ArticleSink(store, settings, analyser)
        )
        watcher.add_sources([SourceSpec(url, outlet, "en") for url, outlet in feed_urls(world)])
        app = create_app(db, ServeOptions(warm=False), analyser=analyser)
        visible_at: dict[int, float] = {}
        samples: list[tuple[float, float]] = []
        polls = 0
        cpu0 = time.process_time()
        with TestClient(app) as client:
            while clock.now() < start + minutes * 60:
                polls += watcher.run_once().polled
                _mark_visible(store, client, world, visible_at, clock.now())
                samples.append(((clock.now() - start) / 60, rss_mb()))
                watcher._wait_for_next_due(lambda: clock.now() >= start + minutes * 60)
        cpu = time.process_time() - cpu0
        report["pace"] = pace_check(world, options.min_gap_s)
        report["latency"] = _latency(world, visible_at, start, minutes, lying=False)
        report["latency_lying_etag"] = _latency(world, visible_at, start, minutes, lying=True)
        report["validators"] = _validators(store, world)
        report["memory_mb"] = _memory(samples)
        report["polls"] = polls
        report["cpu_s_per_polled_feed_incl_ingest"] = round(cpu / max(1, polls), 4)
        report["articles_stored"] = len(store.load_articles(with_analysis=False))
        report["stories"] = len(store.list_stories())
        report["second_pass"] = _second_pass(watcher, world, clock)
        report["baseline"] = _bare_poll(world)
    return report


def _bare_poll(world: World) -> dict[str, Any]:
    """The floor for CPU per polled feed: every feed fetched with a bare httpx GET and
    parsed by feedparser (what a minimal poller does), no state, no politeness."""
    import feedparser
    import httpx

    urls = [u for u, _ in feed_urls(world)]
    with httpx.Client() as client:
        cpu = time.process_time()
        for url in urls:
            feedparser.parse(client.get(url).content)
        cpu = time.process_time() - cpu
    return {"feeds": len(urls), "cpu_ms_per_feed": round(1000 * cpu / len(urls), 2)}


def _mark_visible(
    store: Any, client: Any, world: World, seen: dict[int, float], now: float
) -> None:
    """Articles whose story the HTTP API now lists, with when that was first true."""
    listed: set[str] = set()
    cursor = None
    while True:
        params = {"limit": "100", **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/stories", params=params).json()
        listed.update(s["id"] for s in page["stories"])
        cursor = page.get("next_cursor")
        if not cursor:
            break
    for article in store.load_articles(with_analysis=False):
        number = int((article.url or "/0").rstrip("/").split("/")[-1].split("?")[0])
        if number not in seen and article.story_id in listed:
            seen[number] = now


def _validators(store: Any, world: World) -> dict[str, Any]:
    """Sources whose conditional GETs were stopped, on lying hosts and on honest ones."""
    from storylens.store.watchstate import WatchState

    port_host = {port: host for host, port in enumerate(world.ports)}
    off = {True: 0, False: 0}
    total = {True: 0, False: 0}
    for source in WatchState(store).sources():
        host = port_host[int(source.url.split(":")[2].split("/")[0])]
        total[lies(host)] += 1
        off[lies(host)] += not source.conditional
    return {
        "lying_sources": total[True],
        "lying_caught": off[True],
        "honest_sources": total[False],
        "honest_marked_lying": off[False],
    }


def _latency(
    world: World, seen: dict[int, float], start: float, minutes: float, lying: bool
) -> dict[str, Any]:
    appeared = {
        a.id: a.appeared
        for a in world.articles
        if not a.private and a.appeared >= start and lies(a.host) is lying
    }
    # Items that appeared in the first 45 simulated minutes: later ones may not be due yet.
    wanted = [n for n, t in appeared.items() if t <= start + (minutes - 15) * 60]
    delays = sorted((seen[n] - appeared[n]) / 60 for n in wanted if n in seen)
    missing = [n for n in wanted if n not in seen]
    if not delays:
        return {"items": 0, "missing": len(missing)}
    return {
        "items": len(delays),
        "missing": len(missing),
        "p50_min": round(statistics.median(delays), 1),
        "p90_min": round(delays[int(0.9 * (len(delays) - 1))], 1),
        "max_min": round(delays[-1], 1),
    }


def _memory(samples: list[tuple[float, float]]) -> dict[str, Any]:
    early = [m for t, m in samples if 10 <= t <= 20] or [samples[0][1]]
    late = [m for t, m in samples if t >= samples[-1][0] - 10] or [samples[-1][1]]
    return {
        "rss_at_10_20_min_mb": round(max(early), 1),
        "rss_last_10_min_mb": round(max(late), 1),
        "growth_mb": round(max(late) - max(early), 1),
        "samples": len(samples),
    }


def _second_pass(watcher: Any, world: World, clock: HybridClock) -> dict[str, Any]:
    """Nothing new appears any more; every source polled once again: no article fetched."""
    world.freeze(clock.now())
    clock.sleep(25 * 3600)  # past every source's interval, disabled ones' probes included
    catch_up = watcher.run_once(watcher.state.sources())  # what appeared since the last poll
    before = sum(1 for hits in world.hits.values() for _, p in hits if p.startswith("/news/"))
    cpu = time.process_time()
    report = watcher.run_once(watcher.state.sources())
    cpu = time.process_time() - cpu
    after = sum(1 for hits in world.hits.values() for _, p in hits if p.startswith("/news/"))
    return {
        "polled": report.polled,
        "articles_fetched_again": after - before,
        "new_articles": report.new_articles,
        "caught_up_first": catch_up.new_articles,
        "cpu_ms_per_feed_nothing_new": round(1000 * cpu / max(1, report.polled), 2),
    }


def kill_and_rerun(tmp: Path, hosts: int = 4, feeds: int = 2) -> dict[str, Any]:
    """`storylens watch --once` as a user runs it, SIGKILLed mid-run, then run again."""
    clock = HybridClock()
    world = World(clock, hosts, feeds, every_s=60.0, seed=11, crawl_delays=False)
    world.publish_until(clock.now() + 15 * 60)
    world.frozen = True
    for article in world.articles:
        article.appeared = 0.0  # all listed from the start
        article.private = False
    db = str(tmp / "kill.db")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    storylens = str(Path(sys.executable).with_name("storylens"))
    with serve(world):
        urls = [u for u, _ in feed_urls(world)]
        # --interval 0: every source is due at every run, the further run's included.
        args = [storylens, "watch", *urls, "--once", "--db", db, "--min-gap", "0.05"]
        args += ["--interval", "0"]
        expected = {
            a.id
            for a in world.articles
            if any(a in world.listed(a.host, f, 1e12) for f in range(feeds))
        }
        running = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

        def news_hits() -> list[str]:
            return [p for hits in world.hits.values() for _, p in hits if p.startswith("/news/")]

        deadline = time.monotonic() + 240
        while len(news_hits()) < len(expected) // 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(running.pid, signal.SIGKILL)
        running.wait()
        stored_first = _stored_numbers(db)
        first = {host: len(hits) for host, hits in world.hits.items()}
        rerun = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        fetched_again = {
            int(path.split("/")[2].split("?")[0])
            for host, hits in world.hits.items()
            for _, path in hits[first.get(host, 0) :]
            if path.startswith("/news/")
        }
        stored = _stored_numbers(db)
        before = len(news_hits())
        further = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        further_fetched = len(news_hits()) - before
    return {
        "articles_listed": len(expected),
        "stored_before_kill": len(stored_first),
        "rerun_exit": rerun.returncode,
        "stored_after_rerun": len(stored),
        "rerun_fetched": len(fetched_again),
        "rerun_fetched_exactly_missing": fetched_again == expected - stored_first,
        "all_stored_once": stored == expected,
        "further_once_exit": further.returncode,
        "further_once_articles_fetched": further_fetched,
        "further_once_polled": _polled(further.stderr),
    }


def _polled(stderr: str) -> int | None:
    for line in stderr.splitlines():
        if line.startswith("polled "):
            return int(line.split()[1])
    return None


def _stored_numbers(db: str) -> set[int]:
    from storylens.store import open_store

    with open_store(db) as store:
        urls = [a.url or "" for a in store.load_articles(with_analysis=False)]
    return {int(u.rstrip("/").split("/")[-1].split("?")[0]) for u in urls}


def write(results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "watch.json").write_text(json.dumps(results, indent=2) + "\n")
    run, kill = results["long_run"], results["kill"]
    pace, lat, mem, second = run["pace"], run["latency"], run["memory_mb"], run["second_pass"]
    liar, checks = run.get("latency_lying_etag", {}), run.get("validators", {})
    bare = run.get("baseline", {})

    def latency(found: dict[str, Any]) -> str:
        return (
            f"p50 {found.get('p50_min')}, p90 {found.get('p90_min')}, max "
            f"{found.get('max_min')} ({found.get('items', 0)} items, "
            f"{found.get('missing', 0)} not yet listed)"
        )

    lines = [
        "# storylens watch on loopback",
        "",
        f"{results['feeds']} feeds on {results['hosts']} hosts (127.0.0.1, a port each), "
        f"{results['minutes']:g} simulated minutes at default settings (interval adaptive "
        "10 min-24 h from 30 min, 2 s between requests to a host; robots.txt asks a third of "
        "the hosts for a Crawl-delay of 5 s and another third for a Request-rate of 2/7s, a "
        "gap of 3.5 s); each host publishes an article every "
        f"{results['every_s']:g} s on average. Feeds answer conditional GETs with an ETag; one "
        "host in ten lies (the same ETag whatever its feeds hold, and a 304 to it). Written by "
        "`make bench-watch` (bench/watch.py), also run by `make bench`; "
        f"wall time {results['wall_s']:.0f} s, {results['cpus']} CPUs.",
        "",
        "| measure | result |",
        "|---|---|",
        f"| requests (all hosts) / answered 304 | {pace['requests']} / "
        f"{pace.get('not_modified_answers', 'n/a')} |",
        f"| tightest gap between two requests to one host | {pace['tightest_gap_s']} s "
        f"(allowed {pace['allowed_gap_s']:g} s; ratio {pace['gap_over_allowed']}, must be >= 1) |",
        f"| most requests to a Request-rate host in any {pace.get('request_rate_window_s', 0):g} s "
        f"| {pace.get('request_rate_most_in_window')} (allowed "
        f"{pace.get('request_rate_allowed')}) |",
        f"| disallowed paths fetched | {pace['disallowed_fetched']} |",
        f"| feeds polled | {run['polls']} |",
        f"| articles stored / stories | {run['articles_stored']} / {run['stories']} |",
        f"| item in feed -> its story listed by the API (minutes), honest ETags | {latency(lat)} |",
        f"| the same on the hosts whose ETag lies | {latency(liar)} |",
        f"| sources whose conditional GETs stopped: lying hosts / honest hosts | "
        f"{checks.get('lying_caught')} of {checks.get('lying_sources')} / "
        f"{checks.get('honest_marked_lying')} of {checks.get('honest_sources')} |",
        f"| RSS at 10-20 min / last 10 min | {mem['rss_at_10_20_min_mb']} MB / "
        f"{mem['rss_last_10_min_mb']} MB (growth {mem['growth_mb']} MB) |",
        f"| CPU per polled feed (including fetching and ingesting its new articles) | "
        f"{run['cpu_s_per_polled_feed_incl_ingest'] * 1000:.1f} ms |",
        f"| CPU per polled feed with nothing new | {second['cpu_ms_per_feed_nothing_new']} ms |",
        f"| baseline: bare httpx GET + feedparser per feed (no state, no politeness) | "
        f"{bare.get('cpu_ms_per_feed')} ms |",
        f"| second pass over all {second['polled']} sources: articles fetched again | "
        f"{second['articles_fetched_again']} |",
        f"| kill -9 mid-run: stored before / after rerun / listed | {kill['stored_before_kill']} / "
        f"{kill['stored_after_rerun']} / {kill['articles_listed']} |",
        f"| rerun fetched exactly the missing articles | {kill['rerun_fetched_exactly_missing']} "
        f"({kill['rerun_fetched']} fetched) |",
        f"| a further `--once` run: sources polled / articles fetched | "
        f"{kill.get('further_once_polled')} / {kill.get('further_once_articles_fetched')} |",
        "",
        "The latency is mostly the wait for the next poll: a feed that brings new items is "
        "polled every 10 minutes at the least (the adaptive interval's floor), section feeds "
        "with rare items less often; `--interval` sets it. The story is listed by the API (what "
        "the story list's page polls) as soon as its article is stored (the server's cache "
        "checks for new articles every second). A lying ETag can hold an item back one poll, "
        "once per source: the poll after a 304 is unconditional, and the first one that shows "
        "new items under the same ETag stops the source's conditional GETs.",
        "",
        "Memory grows with what is stored, not with time: the grouper keeps each stored "
        "article's vector and story state in memory (about 1,150 articles here), while the "
        "watcher's own state (hosts, robots.txt, queues) is bounded by the number of sources. "
        "The invented articles are written from four templates, so grouping puts them into few "
        "stories; grouping quality is measured by `make bench-group`, not here.",
        "",
    ]
    (RESULTS / "watch.md").write_text("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report-only", action="store_true", help="rewrite watch.md from .json")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--feeds-per-host", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument(
        "--every", type=float, default=300.0, help="seconds between a host's articles"
    )
    args = parser.parse_args(argv)
    if args.report_only:
        write(json.loads((RESULTS / "watch.json").read_text()))
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        long = long_run(
            str(Path(tmp) / "watch.db"), args.hosts, args.feeds_per_host, args.minutes, args.every
        )
        kill = kill_and_rerun(Path(tmp))
    results = {
        "hosts": args.hosts,
        "feeds": args.hosts * args.feeds_per_host,
        "minutes": args.minutes,
        "every_s": args.every,
        "long_run": long,
        "kill": kill,
        "wall_s": round(time.monotonic() - started, 1),
        "cpus": os.cpu_count(),
    }
    write(results)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
