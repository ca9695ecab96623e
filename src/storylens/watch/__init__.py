"""Watch: follow outlets live. Feeds (RSS 2, Atom, JSON Feed), sitemaps (news sitemaps,
indexes, gzipped) and home pages are polled politely; the new and edited articles they list
are fetched and go through the same read → extract → ingest path as `storylens ingest`.

    with open_store("news.db") as store:
        watcher = Watcher(store, WatchOptions(contact="desk@example.org"))
        watcher.add_sources([SourceSpec("https://gazette.example/feed.xml", "Gazette", "en")])
        report = watcher.run_once()

Modules: `urls` (canonical URLs, address checks), `http` (one bounded GET), `polite`
(robots.txt, pace per host, Retry-After), `feeds` (what a body lists), `pages` (a page to an
article), `health` (blocks, failures, intervals), `runner` (the loop), `status`.
"""

from storylens.watch.clock import SimulatedClock, SystemClock
from storylens.watch.options import WatchOptions
from storylens.watch.outlets import SourceSpec, read_outlets
from storylens.watch.runner import RunReport, Watcher
from storylens.watch.status import status_rows, status_text

__all__ = [
    "RunReport",
    "SimulatedClock",
    "SourceSpec",
    "SystemClock",
    "WatchOptions",
    "Watcher",
    "read_outlets",
    "status_rows",
    "status_text",
]
