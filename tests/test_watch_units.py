"""The watcher's pure parts: canonical URLs, address checks, listings, block pages, health,
Retry-After and the outlets file (no network, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.errors import ConfigError
from storylens.watch.clock import SimulatedClock
from storylens.watch.feeds import NotAListing, listing_of
from storylens.watch.health import Health, after_failure, after_success, block_reason
from storylens.watch.http import Fetcher
from storylens.watch.options import WatchOptions
from storylens.watch.outlets import read_outlets
from storylens.watch.polite import Polite, retry_after
from storylens.watch.urls import (
    UrlRefused,
    canonical,
    check_link,
    is_local_source,
    origin,
    public_address,
)
from watch_support import CHALLENGE, Item, atom, gz, news_sitemap, rss, sitemap_index


def test_canonical_drops_tracking_parameters_fragments_and_default_ports() -> None:
    assert (
        canonical("HTTPS://News.Example.com:443/a/b?utm_source=x&id=3&fbclid=zz#top")
        == "https://news.example.com/a/b?id=3"
    )
    assert canonical("/world/1?b=2&a=1&gclid=9", base="http://ex.org/x") == (
        "http://ex.org/world/1?a=1&b=2"
    )
    assert canonical("http://127.0.0.1:8001/n?utm_medium=rss") == "http://127.0.0.1:8001/n"


@given(
    st.sampled_from(["utm_source", "utm_campaign", "fbclid", "gclid", "mc_cid"]),
    st.text("abcdefghij0123456789", min_size=1, max_size=8),
)
def test_any_tracking_parameter_leaves_the_same_canonical_url(name: str, value: str) -> None:
    plain = canonical("https://ex.org/story/42?page=2")
    assert canonical(f"https://ex.org/story/42?{name}={value}&page=2") == plain


@pytest.mark.parametrize("url", ["ftp://ex.org/feed", "file:///etc/passwd", "javascript:x()"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(UrlRefused, match="not an http"):
        canonical(url)


def test_a_public_source_may_not_link_to_private_addresses() -> None:
    public = "http://93.184.216.34/feed"
    for private in (
        "http://127.0.0.1/x",
        "http://10.0.0.5/x",
        "http://localhost/x",
        "http://[::1]/x",
        "http://169.254.169.254/latest",
    ):
        with pytest.raises(UrlRefused, match="private or loopback"):
            check_link(private, public)
    check_link("http://127.0.0.1:9/x", "http://127.0.0.1:8/feed")  # a local source may
    check_link("http://10.0.0.5/x", public, allow_private=True)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700::1", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),  # multicast
        ("192.0.2.1", False),  # documentation
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
        ("64:ff9b::5db8:d822", True),  # NAT64 of a public address
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert public_address(address) is public


def test_a_source_is_local_only_as_named() -> None:
    assert is_local_source("http://127.0.0.1:8001/feed")
    assert is_local_source("http://[::1]/feed") and is_local_source("http://10.0.0.2/rss")
    assert is_local_source("http://localhost:8000/") and is_local_source("http://a.localhost/")
    # A host name is public whatever it resolves to now: a rebound name does not make its
    # links to the intranet acceptable.
    assert not is_local_source("http://news.example/feed")
    assert not is_local_source("https://93.184.216.34/feed")


def test_the_fetch_checks_the_address_it_connects_to() -> None:
    fetcher = Fetcher(WatchOptions())
    try:
        refused = fetcher.get("http://localhost:9/x", "https://93.184.216.34/feed")
        assert refused.refused and refused.error == (
            "localhost resolves to a non-public address (127.0.0.1), refused for a public source"
        )
        assert fetcher.public.resolved == 1
        # A local source's request goes out (and fails only because nothing listens there).
        local = fetcher.get("http://localhost:9/x", "http://127.0.0.1:8/feed")
        assert not local.refused and "Connection refused" in (local.error or "")
        open_ = Fetcher(WatchOptions(allow_private=True))
        assert not open_.get("http://127.0.0.1:9/x", "https://93.184.216.34/feed").refused
        open_.close()
    finally:
        fetcher.close()


def test_the_gap_per_host_is_the_largest_asked_for() -> None:
    def gap(robots: str, min_gap: float = 0.0) -> float:
        polite = Polite(
            Fetcher(WatchOptions()),
            WatchOptions(min_gap_s=min_gap),
            SimulatedClock(),
            load_robots=lambda origin: (robots, 1_700_000_000.0),
        )
        polite.allowed("http://127.0.0.1:9/x")
        return polite.hosts["http://127.0.0.1:9"].gap_s

    assert gap("User-agent: *\nRequest-rate: 1/5s\n") == 5.0
    assert gap("User-agent: *\nRequest-rate: 3/10s\nCrawl-delay: 1\n") == pytest.approx(10 / 3)
    assert gap("User-agent: *\nRequest-rate: 1/2s\nCrawl-delay: 7\n") == 7.0
    assert gap("User-agent: *\nRequest-rate: 1/1m 0900-1700\n") == 60.0  # all day
    assert gap("User-agent: *\nRequest-rate: 1/2s\n", min_gap=4.0) == 4.0
    assert gap("User-agent: storylens\nRequest-rate: 1/9s\n\nUser-agent: *\n") == 9.0
    assert gap("User-agent: other\nRequest-rate: 1/9s\n", min_gap=2.0) == 2.0


def test_origin_names_scheme_host_and_port() -> None:
    assert origin("https://Ex.org/a") == "https://ex.org:443"
    assert origin("http://127.0.0.1:8001/a") == "http://127.0.0.1:8001"


def test_listings_of_each_kind() -> None:
    feed = listing_of(rss([Item("A", "/a?utm_source=x", "g1")]), "http://ex.org/rss")
    assert feed.kind == "feed" and feed.entries[0].url == "http://ex.org/a?utm_source=x"
    assert feed.entries[0].guid == "g1"
    entry = listing_of(atom([Item("B", "http://ex.org/b", updated="2025-01-01T00:00:00Z")]), "x")
    changed = listing_of(atom([Item("B", "http://ex.org/b", updated="2025-01-02T00:00:00Z")]), "x")
    assert entry.entries[0].signature != changed.entries[0].signature
    index = listing_of(gz(sitemap_index([("http://ex.org/s1.xml", "2025-01-01")])), "x")
    assert index.kind == "sitemap" and index.children == [("http://ex.org/s1.xml", "2025-01-01")]
    news = listing_of(news_sitemap([("http://ex.org/n", "2025-01-01", "T")]), "x")
    assert news.entries[0].title == "T"
    page = listing_of(
        b"<html><head><link rel='alternate' type='application/atom+xml' href='/atom'>"
        b"</head><body>x</body></html>",
        "http://ex.org/",
    )
    assert page.kind == "page" and page.children == [("http://ex.org/atom", None)]
    json_feed = listing_of(
        b'{"version": "https://jsonfeed.org/version/1.1", "items": '
        b'[{"id": "1", "url": "https://ex.org/j", "title": "J"}]}',
        "https://ex.org/feed.json",
    )
    assert [e.url for e in json_feed.entries] == ["https://ex.org/j"]


def test_a_pubdate_that_changes_on_every_refresh_is_not_an_edit() -> None:
    first = listing_of(rss([Item("A", "http://ex.org/a")]), "x").entries[0]
    import time

    time.sleep(1.1)  # rss() writes the current time as each item's pubDate
    again = listing_of(rss([Item("A", "http://ex.org/a")]), "x").entries[0]
    assert first.signature == again.signature


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<rss><channel><item><title>cut", "malformed feed XML"),
        (b'{"items": []}', "JSON that is not a JSON Feed"),
        (b"\x1f\x8b\x08broken", "broken gzip"),
        (b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url>", "malformed sitemap"),
    ],
)
def test_what_is_no_listing_says_why(body: bytes, why: str) -> None:
    with pytest.raises(NotAListing, match=why):
        listing_of(body, "http://ex.org/feed")


def test_block_pages() -> None:
    assert "Cloudflare challenge" in (block_reason(200, CHALLENGE) or "")
    assert block_reason(403, b"<html>no</html>") == "HTTP 403 (access refused)"
    captcha = b"<html><div class='g-recaptcha'></div></html>"
    assert "captcha" in (block_reason(200, captcha) or "")
    assert block_reason(200, rss([Item("A", "http://ex.org/a")])) is None


def test_failures_count_fractionally_disable_and_recover() -> None:
    options = WatchOptions(disable_at=3.0)
    health = Health("ok", None, 0.0, 600.0)
    health = after_failure(health, "failing", "HTTP 500", options)
    health = after_success(health, 1, options)  # one success halves the count
    assert health.failures == 0.5 and health.state == "ok"
    for _ in range(3):
        health = after_failure(health, "failing", "HTTP 500", options)
    assert health.state == "disabled" and "HTTP 500" in (health.reason or "")
    assert health.interval_s == options.disabled_probe_s
    health = after_success(health, 0, options)
    assert health.state == "ok" and health.failures == pytest.approx(1.75)


def test_a_304_leaves_the_interval_for_the_full_poll_that_checks_it() -> None:
    options = WatchOptions()
    health = Health("ok", None, 0.0, 1200.0)
    assert after_success(health, 0, options, modified=False, confirmed=False).interval_s == 1200
    assert after_success(health, 0, options, modified=False).interval_s == 1800


def test_the_interval_adapts_between_its_bounds() -> None:
    options = WatchOptions()
    busy = Health("ok", None, 0.0, 700.0)
    assert after_success(busy, 5, options).interval_s == options.min_interval_s
    quiet = Health("ok", None, 0.0, 23 * 3600.0)
    assert after_success(quiet, 0, options).interval_s == options.max_interval_s
    fixed = WatchOptions(interval_s=90.0)
    assert after_success(busy, 5, fixed).interval_s == 90.0


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after("120", 0.0) == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480.0 - 60) == pytest.approx(60)
    assert retry_after("soon", 0.0) is None and retry_after(None, 0.0) is None


def test_outlets_file(tmp_path: Path) -> None:
    good = tmp_path / "o.toml"
    good.write_text(
        '[[outlet]]\nname = "Gazette"\nlanguage = "en"\n'
        'sources = ["https://g.example/rss", "https://g.example/"]\n'
        '[[outlet]]\nname = "Courier"\nsources = "https://c.example/atom"\n'
    )
    specs = read_outlets(good)
    assert [(s.url, s.outlet, s.language) for s in specs] == [
        ("https://g.example/rss", "Gazette", "en"),
        ("https://g.example/", "Gazette", "en"),
        ("https://c.example/atom", "Courier", None),
    ]
    bad = tmp_path / "bad.toml"
    bad.write_text("[[outlet]]\nsources = []\n")
    with pytest.raises(ConfigError, match="outlet 1: give it a name"):
        read_outlets(bad)
    bad.write_text("not toml = = =")
    with pytest.raises(ConfigError, match="not valid TOML"):
        read_outlets(bad)
