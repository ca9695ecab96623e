"""Fake outlets for the watch tests: a real HTTP server per outlet on 127.0.0.1 (several
ports, so several hosts), serving feeds, sitemaps, robots.txt and article pages that a test
changes as it goes. Every request is logged with its path, headers and the time on the
clock the test gives (a simulated one, so pace checks need no waiting)."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

Reply = tuple[int, dict[str, str], bytes]
Route = Reply | Callable[[dict[str, str]], Reply]


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Outlet:
    """One host: `routes` maps a path (with its query) to a reply or a function of the
    request's headers giving one."""

    name: str
    now: Callable[[], float] = time.time
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    port: int = 0
    address: str = "127.0.0.1"

    def url(self, path: str, host: str | None = None) -> str:
        """The URL of `path` here, by address or by a `host` name the test resolves."""
        return f"http://{host or self.address}:{self.port}{path}"

    def hits(self, path: str | None = None) -> list[Hit]:
        return [h for h in self.log if path is None or h.path == path]

    def page(self, path: str, html: str) -> None:
        self.routes[path] = (200, {"Content-Type": "text/html; charset=utf-8"}, html.encode())


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        outlet = self.server.outlet
        headers = {k.lower(): v for k, v in self.headers.items()}
        outlet.log.append(Hit(self.path, headers, outlet.now()))
        route = outlet.routes.get(self.path)
        status, extra, body = (
            (404, {}, b"not here")
            if route is None
            else (route(headers) if callable(route) else route)
        )
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


class _Server(ThreadingHTTPServer):
    outlet: Outlet
    daemon_threads = True


@contextmanager
def outlets(
    *names: str, now: Callable[[], float] = time.time, addresses: dict[str, str] | None = None
) -> Iterator[list[Outlet]]:
    """One running server per name, on 127.0.0.1 (or the loopback address `addresses` names
    for it, such as 127.0.0.2) and a port of its own."""
    servers = []
    try:
        for name in names:
            address = (addresses or {}).get(name, "127.0.0.1")
            server = _Server((address, 0), _Handler)
            server.outlet = Outlet(name, now, port=server.server_address[1], address=address)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
        yield [s.outlet for s in servers]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


# -- documents ------------------------------------------------------------------------

XML = {"Content-Type": "application/xml"}


def article_html(title: str, paragraphs: list[str], site: str, canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{escape(title)} | {escape(site)}</title>"
        f"<meta property='og:site_name' content='{escape(site)}'>{link}"
        f"<meta property='article:published_time' content='2025-03-04T08:00:00Z'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{body}"
        f"</article><footer>Contact the desk</footer></body></html>"
    )


@dataclass
class Item:
    title: str
    link: str
    guid: str | None = None
    summary: str = ""
    updated: str | None = None


def rss(items: list[Item], title: str = "News") -> bytes:
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        + (f"<guid isPermaLink='false'>{escape(i.guid)}</guid>" if i.guid else "")
        + f"<pubDate>{formatdate(time.time(), usegmt=True)}</pubDate>"  # changes on each refresh
        + f"<description>{escape(i.summary)}</description></item>"
        for i in items
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{escape(title)}</title>"
        f"<link>http://example.invalid/</link>{entries}</channel></rss>"
    ).encode()


def atom(items: list[Item], title: str = "News") -> bytes:
    entries = "".join(
        f"<entry><id>{escape(i.guid or i.link)}</id><title>{escape(i.title)}</title>"
        f"<link href='{escape(i.link)}'/><updated>{i.updated or '2025-03-04T08:00:00Z'}</updated>"
        f"<summary>{escape(i.summary)}</summary></entry>"
        for i in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{escape(title)}</title><id>urn:feed</id>"
        f"<updated>2025-03-04T08:00:00Z</updated>{entries}</feed>"
    ).encode()


def news_sitemap(urls: list[tuple[str, str, str]]) -> bytes:
    """(loc, lastmod, title) each."""
    entries = "".join(
        f"<url><loc>{escape(loc)}</loc><lastmod>{lastmod}</lastmod><news:news>"
        f"<news:publication><news:name>Gazette</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{lastmod}</news:publication_date>"
        f"<news:title>{escape(title)}</news:title></news:news></url>"
        for loc, lastmod, title in urls
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
        f"{entries}</urlset>"
    ).encode()


def sitemap_index(children: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<sitemap><loc>{escape(loc)}</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for loc, lastmod in children
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{entries}"
        "</sitemapindex>"
    ).encode()


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b"<div id='cf-browser-verification'>Checking your browser</div>"
    b"<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script></body></html>"
)

# Invented stories: (slug, title, paragraphs). Two outlets report each of the first two.
STORIES: list[tuple[str, str, list[str]]] = [
    (
        "bridge",
        "Harbour bridge to close for three weeks of repairs",
        [
            "The Harbour Bridge in Lowmere will close to all traffic from Monday for three "
            "weeks while engineers replace corroded cables, the city transport office said.",
            "Transport director Mara Quint said buses would be diverted over the Mill Road "
            "crossing and that ferries would run every fifteen minutes during the closure.",
            "The repairs will cost 4.2 million crowns, paid from the regional maintenance "
            "fund, according to the office.",
        ],
    ),
    (
        "library",
        "Lowmere library to open until midnight during exam season",
        [
            "The central library in Lowmere will stay open until midnight for six weeks from "
            "May, its board announced on Tuesday after a petition by students.",
            "Board chair Ilse Varga said the extra hours would be staffed by volunteers and "
            "two additional night guards paid by the university.",
            "More than 3,000 students signed the petition, which asked for a quiet place to "
            "study during the spring examination period.",
        ],
    ),
    (
        "orchard",
        "Frost damages half of the valley's apricot orchards",
        [
            "A late frost on Sunday night damaged about half of the apricot orchards in the "
            "Tarn valley, the regional growers' association said on Monday.",
            "Association spokesman Oskar Brenn said temperatures fell to minus six degrees "
            "and that many trees had already been in full blossom.",
            "Growers expect the harvest to fall to its lowest level in a decade and have asked "
            "the agriculture ministry for emergency aid.",
        ],
    ),
    (
        "tram",
        "New tram line links the old town with the airport",
        [
            "A new tram line linking the old town of Lowmere with its airport opened on "
            "Friday after four years of construction, the city's transit company said.",
            "Company head Tomas Reuel said trams would run every eight minutes and that the "
            "trip would take twenty-two minutes from the cathedral square.",
            "The line cost 310 million crowns, a third of it paid by a European grant.",
        ],
    ),
]


def story(slug: str) -> tuple[str, list[str]]:
    for found, title, paragraphs in STORIES:
        if found == slug:
            return title, paragraphs
    raise KeyError(slug)


_ANALYSER: list[Any] = []


def shared_analyser() -> Any:
    """One analyser (its models loaded once) for every watch test of the session."""
    if not _ANALYSER:
        from storylens.analyse import Analyser
        from storylens.config import Settings

        _ANALYSER.append(Analyser(Settings()))
    return _ANALYSER[0]


@dataclass
class Rig:
    watcher: Any
    errors: list[str]
    progress: list[str]

    def run(self) -> Any:
        return self.watcher.run_once()


def watcher(store: Any, clock: Any, **options: Any) -> Rig:
    """A Watcher on `clock` with no gap of its own (robots.txt's still apply), sharing the
    session's analyser; its error and progress lines are kept in the Rig."""
    from storylens.config import Settings
    from storylens.watch import Watcher, WatchOptions
    from storylens.watch.sink import ArticleSink

    errors: list[str] = []
    progress: list[str] = []
    made = Watcher(
        store,
        WatchOptions(**{"min_gap_s": 0.0, "backoff_s": 1.0, **options}),
        clock=clock,
        on_error=errors.append,
        on_progress=progress.append,
        sink=ArticleSink(store, Settings(), shared_analyser()),
    )
    return Rig(made, errors, progress)
