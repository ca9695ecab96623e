"""storylens watch against fake outlets on 127.0.0.1 (several ports, several hosts), on a
simulated clock so robots.txt's Crawl-delay and Retry-After are checked without waiting."""

from __future__ import annotations

import itertools
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from storylens.store import Store, open_store
from storylens.store.schema import articles, comparisons, watch_items
from storylens.store.watchstate import WatchState
from storylens.watch import SimulatedClock, SourceSpec, status_rows, status_text, urls
from storylens.watch.urls import key
from watch_support import (
    CHALLENGE,
    XML,
    Item,
    Outlet,
    article_html,
    atom,
    gz,
    news_sitemap,
    outlets,
    rss,
    sitemap_index,
    story,
    watcher,
)

pytestmark = pytest.mark.models
PUBLIC_ONLY = "refused for a public source"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "watch.db")) as opened:
        yield opened


@pytest.fixture
def clock() -> SimulatedClock:
    return SimulatedClock()


def count(store: Store, table: object) -> int:
    with store._read() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)))  # type: ignore[arg-type]


def source_state(store: Store, url: str) -> tuple[str, str | None]:
    found = [s for s in WatchState(store).sources() if s.url == url]
    assert found, url
    return found[0].state, found[0].reason


def publish(outlet: Outlet, slug: str, site: str, path: str | None = None) -> str:
    title, paragraphs = story(slug)
    path = path or f"/news/{slug}"
    outlet.page(path, article_html(title, paragraphs, site))
    return outlet.url(path)


def test_rss_and_atom_with_robots_rules_and_tracking_duplicates(
    store: Store, clock: SimulatedClock
) -> None:
    with outlets("gazette", "courier", now=clock.now) as (gazette, courier):
        gazette.routes["/robots.txt"] = (
            200,
            {},
            b"User-agent: *\nDisallow: /members/\nCrawl-delay: 4\n",
        )
        bridge = publish(gazette, "bridge", "Harbour Gazette")
        library = publish(gazette, "library", "Harbour Gazette")
        publish(gazette, "orchard", "Harbour Gazette", "/members/orchard")
        gazette.routes["/rss.xml"] = (
            200,
            XML,
            rss(
                [
                    Item("Bridge", bridge + "?utm_source=rss&utm_medium=feed", "g-1"),
                    Item("Bridge again", bridge + "?fbclid=abc", "g-1b"),
                    Item("Library", library, "g-2"),
                    Item("Orchard", gazette.url("/members/orchard"), "g-3"),
                ]
            ),
        )
        courier_bridge = publish(courier, "bridge", "Courier", "/a/bridge")
        courier.routes["/atom"] = (200, XML, atom([Item("Bridge", courier_bridge)]))
        rig = watcher(store, clock)
        rig.watcher.add_sources(
            [
                SourceSpec(gazette.url("/rss.xml"), "Harbour Gazette", "en"),
                SourceSpec(courier.url("/atom"), "Courier", "en"),
            ]
        )
        report = rig.run()

        assert report.new_articles == 3  # bridge once (two tracking variants), library, courier
        assert count(store, articles) == 3
        assert not gazette.hits("/members/orchard"), "a disallowed path was fetched"
        assert any("disallowed by robots.txt" in e for e in rig.errors)
        assert len(gazette.hits("/news/bridge")) == 1
        # Crawl-delay 4: consecutive requests to the gazette at least 4 s apart.
        times = [h.at for h in gazette.log]
        assert all(b - a >= 4.0 for a, b in itertools.pairwise(times)), times
        assert "storylens" in gazette.log[0].headers["user-agent"]
        stored = {a.url for a in store.load_articles(with_analysis=False)}
        assert bridge in stored and "utm_source" not in "".join(stored)
        # The two bridge reports of two outlets are one story.
        assert any(len(s.article_ids) == 2 for s in store.list_stories())

        clock.advance(3 * 3600)
        pages_before = sum(
            1 for o in (gazette, courier) for h in o.log if "/news/" in h.path or "/a/" in h.path
        )
        again = rig.run()
        pages_after = sum(
            1 for o in (gazette, courier) for h in o.log if "/news/" in h.path or "/a/" in h.path
        )
        assert again.polled == 2 and again.new_articles == 0
        assert pages_after == pages_before, [h.path for o in (gazette, courier) for h in o.log]
        assert len(gazette.hits("/robots.txt")) == 1  # cached a day


def test_gzipped_news_sitemap_index_skips_unchanged_children(
    store: Store, clock: SimulatedClock
) -> None:
    with outlets("gazette", now=clock.now) as (gazette,):
        bridge = publish(gazette, "bridge", "Harbour Gazette")
        tram = publish(gazette, "tram", "Harbour Gazette")
        gazette.routes["/robots.txt"] = (200, {}, b"User-agent: *\nAllow: /\n")
        gazette.routes["/sitemaps/news-1.xml.gz"] = (
            200,
            {"Content-Type": "application/x-gzip"},
            gz(news_sitemap([(bridge, "2025-03-04T08:00:00Z", "Bridge")])),
        )
        gazette.routes["/sitemaps/news-2.xml.gz"] = (
            200,
            {"Content-Type": "application/x-gzip"},
            gz(news_sitemap([(tram, "2025-03-04T09:00:00Z", "Tram")])),
        )
        index = [
            (gazette.url("/sitemaps/news-1.xml.gz"), "2025-03-04T08:00:00Z"),
            (gazette.url("/sitemaps/news-2.xml.gz"), "2025-03-04T09:00:00Z"),
        ]
        gazette.routes["/sitemap_index.xml.gz"] = (200, {}, gz(sitemap_index(index)))
        rig = watcher(store, clock, interval_s=60.0)
        rig.watcher.add_sources([SourceSpec(gazette.url("/sitemap_index.xml.gz"), "Gazette")])
        assert rig.run().new_articles == 2

        # Only the second child changed (its lastmod in the index): only it is read again.
        library = publish(gazette, "library", "Harbour Gazette")
        gazette.routes["/sitemaps/news-2.xml.gz"] = (
            200,
            {},
            gz(
                news_sitemap(
                    [
                        (tram, "2025-03-04T09:00:00Z", "Tram"),
                        (library, "2025-03-05T07:00:00Z", "Library"),
                    ]
                )
            ),
        )
        index[1] = (index[1][0], "2025-03-05T07:00:00Z")
        gazette.routes["/sitemap_index.xml.gz"] = (200, {}, gz(sitemap_index(index)))
        clock.advance(61)
        report = rig.watcher.run_once(
            [s for s in WatchState(store).sources() if s.url.endswith("index.xml.gz")]
        )
        assert report.new_articles == 1
        assert len(gazette.hits("/sitemaps/news-1.xml.gz")) == 1
        assert len(gazette.hits("/sitemaps/news-2.xml.gz")) == 2


def test_304_and_an_etag_that_lies(store: Store, clock: SimulatedClock) -> None:
    with outlets("honest", "liar", now=clock.now) as (honest, liar):
        honest_items = [Item("Bridge", publish(honest, "bridge", "Gazette"), "h-1")]

        def honest_route(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
            etag = f'"v{len(honest_items)}"'  # changes with what the feed lists
            if headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
            return 200, {"ETag": etag, **XML}, rss(honest_items)

        honest.routes["/feed"] = honest_route
        liar_items = [Item("Library", publish(liar, "library", "Courier"), "l-1")]

        def lying_route(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
            # The same ETag whatever the feed holds, and a 304 to anyone who sends it.
            if headers.get("if-none-match") == '"same"':
                return 304, {"ETag": '"same"'}, b""
            return 200, {"ETag": '"same"', **XML}, rss(liar_items)

        liar.routes["/feed"] = lying_route
        rig = watcher(store, clock, interval_s=60.0)
        rig.watcher.add_sources([SourceSpec(honest.url("/feed")), SourceSpec(liar.url("/feed"))])
        assert rig.run().new_articles == 2
        # The worst case: an item appears just after a full poll, so the next poll is
        # conditional and the lie hides it...
        liar_items.append(Item("Tram", publish(liar, "tram", "Courier"), "l-2"))
        clock.advance(61)
        assert rig.run().new_articles == 0
        assert liar.hits("/feed")[-1].headers.get("if-none-match") == '"same"'
        assert honest.hits("/feed")[-1].headers.get("if-none-match") == '"v1"'
        assert source_state(store, honest.url("/feed"))[0] == "not_modified"
        # ... for one poll: after a 304 the next poll is unconditional, and finds it.
        clock.advance(61)
        assert rig.run().new_articles == 1
        assert "if-none-match" not in liar.hits("/feed")[-1].headers
        assert any("its ETag stayed" in line for line in rig.progress), rig.progress
        honest_source, liar_source = WatchState(store).sources()
        assert not liar_source.conditional and honest_source.conditional
        # Caught: never asked conditionally again, so a new item costs no poll more.
        liar_items.append(Item("Orchard", publish(liar, "orchard", "Courier"), "l-3"))
        clock.advance(61)
        assert rig.run().new_articles == 1
        assert all("if-none-match" not in h.headers for h in liar.hits("/feed")[2:])
        # The honest source keeps its conditional GETs: a 304, then a full GET, then a 304.
        assert [h.headers.get("if-none-match") for h in honest.hits("/feed")] == [
            None,
            '"v1"',
            None,
            '"v1"',
        ]
        status = status_text(status_rows(store))
        assert "conditional GET off: its ETag or Last-Modified hid new items" in status


def test_no_conditional_get_at_all_when_told(store: Store, clock: SimulatedClock) -> None:
    with outlets("gazette", now=clock.now) as (gazette,):
        items = [Item("Bridge", publish(gazette, "bridge", "Gazette"))]
        gazette.routes["/feed"] = lambda h: (200, {"ETag": '"1"', **XML}, rss(items))
        rig = watcher(store, clock, interval_s=60.0, conditional_get=False)
        rig.watcher.add_sources([SourceSpec(gazette.url("/feed"))])
        for _ in range(3):
            rig.run()
            clock.advance(61)
        assert len(gazette.hits("/feed")) == 3
        assert all("if-none-match" not in h.headers for h in gazette.hits("/feed"))


def test_a_304_that_lies_about_last_modified(store: Store, clock: SimulatedClock) -> None:
    """A stale cache in front of one outlet answers 304 to any If-Modified-Since although
    the origin's Last-Modified moved on; the other outlet's 304 is true."""
    with outlets("stale", "honest", now=clock.now) as (stale, honest):
        feeds = {
            "stale": [Item("Bridge", publish(stale, "bridge", "Stale"))],
            "honest": [Item("Library", publish(honest, "library", "Honest"))],
        }
        changed = {"stale": clock.now() - 100, "honest": clock.now() - 100}

        def route(name: str) -> Any:
            def answer(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
                modified = formatdate(changed[name], usegmt=True)
                since = headers.get("if-modified-since")
                if since and (name == "stale" or since == modified):
                    return 304, {"Last-Modified": modified}, b""
                return 200, {"Last-Modified": modified, **XML}, rss(feeds[name])

            return answer

        stale.routes["/feed"] = route("stale")
        honest.routes["/feed"] = route("honest")
        rig = watcher(store, clock, interval_s=60.0)
        rig.watcher.add_sources([SourceSpec(stale.url("/feed")), SourceSpec(honest.url("/feed"))])
        assert rig.run().new_articles == 2
        clock.advance(10)  # the stale outlet changes before its next (conditional) poll
        feeds["stale"].append(Item("Tram", publish(stale, "tram", "Stale")))
        changed["stale"] = clock.now()
        clock.advance(51)
        assert rig.run().new_articles == 0  # both 304: one of them a lie
        clock.advance(9)  # the honest one changes after its 304
        feeds["honest"].append(Item("Orchard", publish(honest, "orchard", "Honest")))
        changed["honest"] = clock.now()
        clock.advance(52)
        assert rig.run().new_articles == 2  # both found by the unconditional poll
        by_url = {s.url: s for s in WatchState(store).sources()}
        assert not by_url[stale.url("/feed")].conditional
        assert by_url[honest.url("/feed")].conditional
        assert any("answered 304 Not Modified" in line for line in rig.progress), rig.progress


def test_429_retry_after_and_a_flapping_503(store: Store, clock: SimulatedClock) -> None:
    with outlets("busy", "flaky", now=clock.now) as (busy, flaky):
        busy_feed = rss([Item("Bridge", publish(busy, "bridge", "Busy"), "b-1")])
        answers = iter([(429, {"Retry-After": "7"}, b"slow down")])
        busy.routes["/feed"] = lambda h: next(answers, (200, XML, busy_feed))
        flaky_feed = rss([Item("Tram", publish(flaky, "tram", "Flaky"), "f-1")])
        flips = iter([True, False] * 10)
        flaky.routes["/feed"] = lambda h: (
            (503, {}, b"down") if next(flips) else (200, XML, flaky_feed)
        )
        rig = watcher(store, clock, interval_s=60.0)
        rig.watcher.add_sources([SourceSpec(busy.url("/feed")), SourceSpec(flaky.url("/feed"))])
        report = rig.run()
        assert report.new_articles == 2
        first, second = busy.hits("/feed")
        assert second.at - first.at >= 7.0  # Retry-After honoured
        assert source_state(store, busy.url("/feed"))[0] == "ok"
        assert source_state(store, flaky.url("/feed"))[0] == "ok"


def test_blocks_and_bad_sources_get_a_reason_and_the_run_goes_on(
    store: Store, clock: SimulatedClock
) -> None:
    with outlets("bad", "good", now=clock.now) as (bad, good):
        bad.routes["/challenge.xml"] = (200, {"Content-Type": "text/html"}, CHALLENGE)
        bad.routes["/forbidden.rss"] = (403, {}, b"<html><body>Forbidden</body></html>")
        bad.routes["/login/feed"] = (
            200,
            {},
            b"<html><head><title>Sign in</title></head><body>Log in</body></html>",
        )
        bad.routes["/broken.xml"] = (200, XML, b"<rss><channel><item><title>Half")
        bad.routes["/loop"] = (302, {"Location": "/loop2"}, b"")
        bad.routes["/loop2"] = (302, {"Location": "/loop"}, b"")
        bad.routes["/huge.xml"] = (200, XML, b"<rss>" + b" " * 5000 + b"</rss>")
        good.routes["/feed"] = (200, XML, rss([Item("Bridge", publish(good, "bridge", "Good"))]))
        rig = watcher(store, clock, max_bytes=4000)
        bad_urls = [
            "/challenge.xml",
            "/forbidden.rss",
            "/login/feed",
            "/broken.xml",
            "/loop",
            "/huge.xml",
        ]
        rig.watcher.add_sources(
            [SourceSpec(bad.url(p)) for p in bad_urls]
            + [SourceSpec("file:///etc/passwd"), SourceSpec(good.url("/feed"))]
        )
        report = rig.run()
        assert report.new_articles == 1 and report.failed_sources == 7, [
            (s.url, s.state, s.reason) for s in WatchState(store).sources()
        ]
        expected = {
            "/challenge.xml": ("blocked", "Cloudflare challenge page"),
            "/forbidden.rss": ("blocked", "HTTP 403"),
            "/login/feed": ("blocked", "an HTML page where a feed was expected"),
            "/broken.xml": ("failing", "malformed feed XML"),
            "/loop": ("failing", "redirect loop"),
            "/huge.xml": ("failing", "over the size limit"),
        }
        for path, (state, reason) in expected.items():
            got_state, got_reason = source_state(store, bad.url(path))
            assert got_state == state and reason in (got_reason or ""), (path, got_reason)
        assert source_state(store, "file:///etc/passwd")[0] == "failing"
        assert "not an http(s) URL" in (source_state(store, "file:///etc/passwd")[1] or "")
        assert any(e.startswith(bad.url("/challenge.xml") + ": blocked") for e in rig.errors)


def test_robots_txt_that_cannot_be_read_says_so(store: Store, clock: SimulatedClock) -> None:
    with outlets("down", now=clock.now) as (down,):
        down.routes["/robots.txt"] = (503, {}, b"down")
        down.routes["/feed"] = (200, XML, rss([Item("Bridge", publish(down, "bridge", "D"))]))
        rig = watcher(store, clock)
        rig.watcher.add_sources([SourceSpec(down.url("/feed"))])
        assert rig.run().failed_sources == 1
        state, why = source_state(store, down.url("/feed"))
        assert state == "failing" and why == (
            "robots.txt could not be read (HTTP 503): nothing is fetched from this host for "
            "10 minutes"
        )
        assert not down.hits("/feed")  # RFC 9309: an unreachable robots.txt allows nothing


def test_a_public_source_may_not_lead_to_a_private_address(
    store: Store, clock: SimulatedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public outlet (played by 127.0.0.2, taken for a public address) lists links to the
    intranet (127.0.0.1): named `localhost`, by a name that resolves to it, by a name that
    resolves to a public address when the listing is read and to 127.0.0.1 when it is
    fetched (DNS rebinding), and behind a redirect. None of them reaches the intranet."""
    addresses = {"public": "127.0.0.2"}
    with outlets("public", "intranet", now=clock.now, addresses=addresses) as (public, intranet):
        real_public = urls.public_address
        monkeypatch.setattr(urls, "public_address", lambda a: a == "127.0.0.2" or real_public(a))
        asked: dict[str, int] = {}

        def answers(host: str) -> list[str] | None:
            asked[host] = asked.get(host, 0) + 1
            if host == "public.test":
                return ["127.0.0.2"]
            if host == "inside.test":
                return ["127.0.0.1"]
            if host in ("rebind.test", "hop.test"):  # public once, then the intranet
                return ["127.0.0.2" if asked[host] == 1 else "127.0.0.1"]
            return None

        real_getaddrinfo = socket.getaddrinfo

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            found = answers(host) if isinstance(host, str) else None
            if found is None:
                return real_getaddrinfo(host, *args, **kwargs)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0)) for a in found]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        urls._addresses.cache_clear()
        for slug in ("library", "orchard", "tram", "bridge"):
            publish(intranet, slug, "Intranet")
        good = publish(public, "bridge", "Public")
        public.routes["/go/bridge"] = (
            302,
            {"Location": intranet.url("/news/bridge", "hop.test")},
            b"",
        )
        links = {
            "localhost": intranet.url("/news/library", "localhost"),
            "name": intranet.url("/news/orchard", "inside.test"),
            "rebound": intranet.url("/news/tram", "rebind.test"),
            "redirect": public.url("/go/bridge", "public.test"),
        }
        items = [Item(k, v) for k, v in links.items()]
        items.append(Item("Good", good.replace("127.0.0.2", "public.test")))
        public.routes["/feed"] = (200, XML, rss(items))
        rig = watcher(store, clock, interval_s=60.0)
        source = public.url("/feed", "public.test")  # named by host: not a local source
        inside = intranet.url("/feed", "inside.test")
        rig.watcher.add_sources([SourceSpec(source), SourceSpec(inside)])
        report = rig.run()

        assert not intranet.log, [h.path for h in intranet.log]
        assert report.new_articles == 1 and report.failed_items == 4, rig.errors
        assert report.failed_sources == 1  # the source named by a name of the intranet
        state, why = source_state(store, inside)
        assert state == "failing"
        assert why == f"inside.test resolves to a non-public address (127.0.0.1), {PUBLIC_ONLY}"
        # The public outlet's own page was fetched through the address checked (pinned).
        assert public.hits("/news/bridge") and public.hits("/news/bridge")[0].headers["host"] == (
            f"public.test:{public.port}"
        )
        rows = {row["url"]: row for row in status_rows(store)}
        row = rows[source]
        assert row["refused_items"] == 4 and row["articles"] == 1
        reasons = {p["url"]: p["reason"] for p in row["item_problems"]}
        assert "private or loopback address (inside.test)" in reasons[links["name"]]
        assert reasons[links["rebound"]] == (
            f"rebind.test resolves to a non-public address (127.0.0.1), {PUBLIC_ONLY}"
        )
        assert "hop.test resolves to a non-public address" in reasons[links["redirect"]]
        text = status_text(status_rows(store))
        assert f"item refused: {links['rebound']}: rebind.test resolves" in text

        # Said once: the next poll neither fetches nor reports them again.
        errors = len(rig.errors)
        more = publish(public, "library", "Public").replace("127.0.0.2", "public.test")
        public.routes["/feed"] = (200, XML, rss([*items, Item("More", more)]))
        clock.advance(61)
        again = rig.run()
        assert again.new_articles == 1 and again.failed_items == 0
        assert len(rig.errors) == errors + 1, rig.errors[errors:]  # the inside source again
        assert not intranet.log


def test_a_local_source_may_use_private_addresses(store: Store, clock: SimulatedClock) -> None:
    with outlets("lan", now=clock.now) as (lan,):
        lan.routes["/feed"] = (200, XML, rss([Item("T", lan.url("/news/tram", "localhost"))]))
        publish(lan, "tram", "LAN")
        rig = watcher(store, clock)
        rig.watcher.add_sources([SourceSpec(lan.url("/feed"))])  # named by 127.0.0.1
        assert rig.run().new_articles == 1


def test_robots_request_rate_sets_the_pace_per_host(store: Store, clock: SimulatedClock) -> None:
    """Request-rate 3/10s (a gap of 3.33 s, more than its Crawl-delay of 1) on one host and
    1/5s on the other: in no window of those seconds more requests than allowed, over two
    runs, the second reading robots.txt from the store."""
    rules = {"three": (3, 10.0), "one": (1, 5.0)}
    with outlets(*rules, now=clock.now) as sites:
        for site in sites:
            requests, seconds = rules[site.name]
            site.routes["/robots.txt"] = (
                200,
                {},
                f"User-agent: *\nCrawl-delay: 1\nRequest-rate: {requests}/{seconds:g}s\n".encode(),
            )
            items = [Item(slug, publish(site, slug, site.name)) for slug in ("bridge", "library")]
            site.routes["/rss"] = (200, XML, rss(items))
            site.routes["/atom"] = (200, XML, atom(items))
        specs = [SourceSpec(s.url(p)) for s in sites for p in ("/rss", "/atom")]
        first = watcher(store, clock, interval_s=60.0)
        first.watcher.add_sources(specs)
        assert first.run().new_articles == 4
        clock.advance(61)
        second = watcher(store, clock, interval_s=60.0)  # a new process: robots.txt from the store
        assert second.run().polled == 4
        for site in sites:
            requests, seconds = rules[site.name]
            times = [h.at for h in site.log]
            assert len(site.hits("/robots.txt")) == 1
            assert len(times) >= 6
            # r+1 requests never fit in a window of s seconds.
            windows = zip(times, times[requests:], strict=False)
            assert all(b - a >= seconds - 1e-6 for a, b in windows), times  # clock precision
            gaps = [b - a for a, b in itertools.pairwise(times)]
            assert min(gaps) >= seconds / requests - 1e-6, gaps


def test_an_edited_article_is_a_new_version_not_a_duplicate(
    store: Store, clock: SimulatedClock
) -> None:
    with outlets("gazette", "courier", now=clock.now) as (gazette, courier):
        title, paragraphs = story("bridge")
        gazette.page("/news/bridge", article_html(title, paragraphs, "Gazette"))
        publish(courier, "bridge", "Courier", "/bridge")
        items = [Item(title, gazette.url("/news/bridge"), "g-1", updated="2025-03-04T08:00:00Z")]
        gazette.routes["/atom"] = lambda h: (200, XML, atom(items))
        courier.routes["/atom"] = (200, XML, atom([Item(title, courier.url("/bridge"))]))
        rig = watcher(store, clock, interval_s=60.0)
        rig.watcher.add_sources(
            [SourceSpec(gazette.url("/atom")), SourceSpec(courier.url("/atom"))]
        )
        assert rig.run().new_articles == 2
        (story_before,) = store.list_stories()
        with store._write() as connection:  # as if the story page had been compared
            row = {"story_id": story_before.id, "members_key": "x", "comparison": "{}"}
            connection.execute(comparisons.insert().values(**row, created_at=datetime.now(UTC)))
        assert count(store, comparisons) == 1

        edited = [
            *paragraphs,
            "Update: the closure was shortened to two weeks after the "
            "engineers found less corrosion than expected, the office said on Wednesday.",
        ]
        gazette.page("/news/bridge", article_html(title, edited, "Gazette"))
        items[0] = Item(title, gazette.url("/news/bridge"), "g-1", updated="2025-03-05T10:00:00Z")
        clock.advance(61)
        report = rig.run()
        assert report.versions == 1 and report.new_articles == 0
        assert count(store, articles) == 2  # no duplicate
        stored = [
            a for a in store.load_articles(with_analysis=False) if "Gazette" in (a.outlet or "")
        ]
        assert len(stored) == 1 and "shortened to two weeks" in stored[0].body
        (story_after,) = store.list_stories()
        assert stored[0].id in story_after.article_ids and len(story_after.article_ids) == 2
        assert count(store, comparisons) == 0  # the comparison is made again
        item = WatchState(store).find_item(key(gazette.url("/news/bridge")))
        assert item is not None and item.version == 2
        assert [v for v, _ in WatchState(store).versions(item.id)] == [1]
        clock.advance(61)
        assert rig.run().versions == 0  # nothing changed since


def test_failing_source_is_disabled_then_probed_and_re_enabled(
    store: Store, clock: SimulatedClock
) -> None:
    with outlets("gone", now=clock.now) as (gone,):
        gone.routes["/feed"] = (500, {}, b"oops")
        rig = watcher(store, clock, interval_s=60.0, disable_at=3.0, disabled_probe_s=3600.0)
        rig.watcher.add_sources([SourceSpec(gone.url("/feed"))])
        states = []
        for _ in range(3):
            rig.run()
            states.append(source_state(store, gone.url("/feed"))[0])
            clock.advance(61)
        assert states == ["failing", "failing", "disabled"]
        assert rig.run().polled == 0  # disabled: left alone until the probe
        gone.routes["/feed"] = (200, XML, rss([Item("Tram", publish(gone, "tram", "Gone"))]))
        clock.advance(3600)
        assert rig.run().new_articles == 1
        state = next(iter(WatchState(store).sources()))
        assert state.state == "ok" and 0 < state.failures < 3


def test_a_home_page_leads_to_its_feeds(store: Store, clock: SimulatedClock) -> None:
    with outlets("gazette", now=clock.now) as (gazette,):
        gazette.page(
            "/",
            "<html><head><title>Gazette</title><link rel='alternate' "
            "type='application/rss+xml' href='/rss'></head><body>Front page</body></html>",
        )
        gazette.routes["/rss"] = (200, XML, rss([Item("Bridge", publish(gazette, "bridge", "G"))]))
        rig = watcher(store, clock)
        rig.watcher.add_sources([SourceSpec(gazette.url("/"), "Gazette", "en")])
        assert rig.run().new_articles == 1
        kinds = {s.url: (s.kind, s.outlet) for s in WatchState(store).sources()}
        assert kinds[gazette.url("/rss")] == ("feed", "Gazette")
        assert kinds[gazette.url("/")][0] == "page"
        assert count(store, watch_items) == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_watch_state_on_each_backend(
    backend: str, tmp_path: Path, clock: SimulatedClock
) -> None:
    from test_store_backends import database

    with (
        database(backend, tmp_path) as db,
        open_store(db) as store,
        outlets("gazette", now=clock.now) as (gazette,),
    ):
        gazette.routes["/robots.txt"] = (200, {}, b"User-agent: *\nCrawl-delay: 1\n")
        items = [Item("Bridge", publish(gazette, "bridge", "Gazette") + "?utm_source=x", "g-1")]
        gazette.routes["/rss"] = lambda h: (200, {"ETag": '"1"', **XML}, rss(items))
        rig = watcher(store, clock, interval_s=60.0)
        rig.watcher.add_sources([SourceSpec(gazette.url("/rss"), "Gazette", "en")])
        assert rig.run().new_articles == 1
        clock.advance(61)
        assert rig.run().new_articles == 0
        (source,) = WatchState(store).sources()
        assert source.etag == '"1"' and source.total_new == 1 and source.kind == "feed"
        assert WatchState(store).robots(f"http://127.0.0.1:{gazette.port}") is not None
        assert len(WatchState(store).fetches(source.id)) >= 3
        assert count(store, watch_items) == 1
