"""`make bench-watch`: storylens watch on loopback against simulated outlets.

1,000 feeds on 50 hosts (a port each on 127.0.0.1): every host publishes an invented article
every few simulated minutes, listed in its "latest" feed and one of its 19 section feeds;
robots.txt of each host disallows /private/ (some items link there) and a third of them ask
for a Crawl-delay. An hour of polling is simulated with an injectable clock (real elapsed
time plus the time slept, which is skipped), at default settings. Measured:

- requests per host: the shortest gap between two requests to one host, against the gap its
  robots.txt and our default allow; disallowed paths fetched (must be 0);
- time from an item appearing in its feed to its story being listed by the HTTP API;
- memory (RSS) over the simulated hour; CPU per polled feed;
- a second pass over every source fetches no article again;
- `storylens watch --once` killed with SIGKILL mid-run, then rerun: the rerun stores exactly
  the missing articles and fetches no other.

Writes bench/results/watch.md and .json.
"""

from __future__ import annotations

import argparse
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


def _reply(world: World, host: int, path: str) -> tuple[int, bytes]:
    now = world.clock.now()
    if path == "/robots.txt":
        delay = crawl_delay(host, world)
        rules = "User-agent: *\nDisallow: /private/\n" + (
            f"Crawl-delay: {delay:g}\n" if delay else ""
        )
        return 200, rules.encode()
    if path.startswith("/feed/"):
        return 200, _rss(world, host, int(path.split("/")[2].split(".")[0]), now)
    if path.startswith(("/news/", "/private/")):
        number = int(path.split("/")[2].split("?")[0])
        if number < len(world.articles) and world.articles[number].host == host:
            return 200, _page(world.articles[number], f"Outlet {host}")
    return 404, b"not here"


@contextmanager
def serve(world: World) -> Iterator[None]:
    servers = []

    def handler_for(host: int) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with world.lock:
                    world.hits.setdefault(host, []).append((world.clock.now(), self.path))
                status, body = _reply(world, host, self.path)
                self.send_response(status)
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
    """Shortest gap between two requests to one host, against what that host allows."""
    worst = []
    for host, hits in world.hits.items():
        times = sorted(t for t, _ in hits)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        allowed = max(min_gap, crawl_delay(host))
        if gaps:
            worst.append((min(gaps) / allowed, min(gaps), allowed, host))
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
        report["latency"] = _latency(world, visible_at, start, minutes)
        report["memory_mb"] = _memory(samples)
        report["polls"] = polls
        report["cpu_s_per_polled_feed_incl_ingest"] = round(cpu / max(1, polls), 4)
        report["articles_stored"] = len(store.load_articles(with_analysis=False))
        report["stories"] = len(store.list_stories())
        report["second_pass"] = _second_pass(watcher, world, clock)
    return report


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


def _latency(world: World, seen: dict[int, float], start: float, minutes: float) -> dict[str, Any]:
    appeared = {a.id: a.appeared for a in world.articles if not a.private and a.appeared >= start}
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
        args = [storylens, "watch", *urls, "--once", "--db", db, "--min-gap", "0.05"]
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
    return {
        "articles_listed": len(expected),
        "stored_before_kill": len(stored_first),
        "rerun_exit": rerun.returncode,
        "stored_after_rerun": len(stored),
        "rerun_fetched": len(fetched_again),
        "rerun_fetched_exactly_missing": fetched_again == expected - stored_first,
        "all_stored_once": stored == expected,
    }


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
    lines = [
        "# storylens watch on loopback",
        "",
        f"{results['feeds']} feeds on {results['hosts']} hosts (127.0.0.1, a port each), "
        f"{results['minutes']:g} simulated minutes at default settings (interval adaptive "
        "10 min-24 h from 30 min, 2 s between requests to a host, robots.txt Crawl-delay 5 s on "
        f"a third of the hosts); each host publishes an article every {results['every_s']:g} s "
        "on average. Written by `make bench-watch` (bench/watch.py); "
        f"wall time {results['wall_s']:.0f} s, {results['cpus']} CPUs.",
        "",
        "| measure | result |",
        "|---|---|",
        f"| requests (all hosts) | {pace['requests']} |",
        f"| tightest gap between two requests to one host | {pace['tightest_gap_s']} s "
        f"(allowed {pace['allowed_gap_s']:g} s; ratio {pace['gap_over_allowed']}, must be >= 1) |",
        f"| disallowed paths fetched | {pace['disallowed_fetched']} |",
        f"| feeds polled | {run['polls']} |",
        f"| articles stored / stories | {run['articles_stored']} / {run['stories']} |",
        f"| item in feed -> its story listed by the API (minutes) | p50 {lat.get('p50_min')}, "
        f"p90 {lat.get('p90_min')}, max {lat.get('max_min')} ({lat['items']} items, "
        f"{lat['missing']} not yet listed) |",
        f"| RSS at 10-20 min / last 10 min | {mem['rss_at_10_20_min_mb']} MB / "
        f"{mem['rss_last_10_min_mb']} MB (growth {mem['growth_mb']} MB) |",
        f"| CPU per polled feed (including fetching and ingesting its new articles) | "
        f"{run['cpu_s_per_polled_feed_incl_ingest'] * 1000:.1f} ms |",
        f"| CPU per polled feed with nothing new | {second['cpu_ms_per_feed_nothing_new']} ms |",
        f"| second pass over all {second['polled']} sources: articles fetched again | "
        f"{second['articles_fetched_again']} |",
        f"| kill -9 mid-run: stored before / after rerun / listed | {kill['stored_before_kill']} / "
        f"{kill['stored_after_rerun']} / {kill['articles_listed']} |",
        f"| rerun fetched exactly the missing articles | {kill['rerun_fetched_exactly_missing']} "
        f"({kill['rerun_fetched']} fetched) |",
        "",
        "The latency is mostly the wait for the next poll: a feed that brings new items is "
        "polled every 10 minutes at the least (the adaptive interval's floor), section feeds "
        "with rare items less often; `--interval` sets it. The story is listed by the API as "
        "soon as its article is stored (the server's cache checks for new articles every second).",
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
