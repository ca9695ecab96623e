"""`storylens watch` end to end: the command in a subprocess against fake outlets on
127.0.0.1, asserting what a user sees (stdout, stderr, exit status, `watch status`), and
that a `kill -9` mid-run loses nothing: the rerun fetches exactly the missing articles."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storylens.store import open_store
from watch_support import CHALLENGE, XML, Item, Outlet, article_html, outlets, rss, story

pytestmark = pytest.mark.models
STORYLENS = str(Path(sys.executable).with_name("storylens"))
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
QUICK = ["--min-gap", "0", "--interval", "0"]


def storylens(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [STORYLENS, *args], capture_output=True, text=True, env=ENV, timeout=240, check=False
    )


def publish(outlet: Outlet, slug: str, site: str) -> str:
    title, paragraphs = story(slug)
    outlet.page(f"/news/{slug}", article_html(title, paragraphs, site))
    return outlet.url(f"/news/{slug}")


def article_hits(*sites: Outlet) -> list[str]:
    return [h.path for site in sites for h in site.log if h.path.startswith("/news/")]


def test_once_then_once_again_and_status(tmp_path: Path) -> None:
    db = str(tmp_path / "watch.db")
    with outlets("gazette", "walled") as (gazette, walled):
        items = [
            Item(s, publish(gazette, s, "Gazette") + "?utm_source=x") for s in ("bridge", "tram")
        ]
        gazette.routes["/rss"] = (200, XML, rss(items))
        walled.routes["/feed.xml"] = (200, {"Content-Type": "text/html"}, CHALLENGE)
        first = storylens(
            "watch", gazette.url("/rss"), walled.url("/feed.xml"), "--once", "--db", db, *QUICK
        )
        assert first.returncode == 1, first.stderr  # one source is blocked
        assert first.stdout == ""
        assert f"{walled.url('/feed.xml')}: blocked: Cloudflare challenge page" in first.stderr
        assert "2 new articles" in first.stderr
        assert sorted(article_hits(gazette)) == ["/news/bridge", "/news/tram"]

        again = storylens("watch", gazette.url("/rss"), "--once", "--db", db, *QUICK)
        assert "0 new articles" in again.stderr
        assert sorted(article_hits(gazette)) == ["/news/bridge", "/news/tram"]  # none again

        status = storylens("watch", "status", "--db", db, "--json")
        assert status.returncode == 0, status.stderr
        rows = {row["url"]: row for row in json.loads(status.stdout)}
        assert rows[gazette.url("/rss")]["state"] == "not_modified"  # the same feed again
        assert rows[gazette.url("/rss")]["articles"] == 2
        assert rows[walled.url("/feed.xml")]["state"] == "blocked"
        text = storylens("watch", "status", "--db", db)
        assert "blocked" in text.stdout and "why: Cloudflare challenge page" in text.stdout
        assert text.stderr == ""


def test_outlets_file_and_its_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "watch.db")
    with outlets("gazette") as (gazette,):
        gazette.routes["/rss"] = (200, XML, rss([]))
        good = tmp_path / "outlets.toml"
        good.write_text(
            f'[[outlet]]\nname = "Harbour Gazette"\nlanguage = "en"\n'
            f'sources = ["{gazette.url("/rss")}"]\n'
        )
        ran = storylens("watch", "--outlets", str(good), "--once", "--db", db, *QUICK)
        assert ran.returncode == 0, ran.stderr
        status = storylens("watch", "status", "--db", db)
        assert "(Harbour Gazette)" in status.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[[outlet]]\nname = "No sources"\n')
    refused = storylens("watch", "--outlets", str(bad), "--once", "--db", db)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"error: --outlets {bad}: outlet 1 (No sources): sources must be a list of feed or "
        "page URLs"
    ]
    missing = storylens("watch", "status", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and missing.stderr.startswith("error: no database at")


def test_kill_9_mid_run_then_the_rerun_fetches_exactly_what_is_missing(tmp_path: Path) -> None:
    db = str(tmp_path / "watch.db")
    slugs = ["bridge", "library", "orchard", "tram"]
    with outlets("gazette", "courier") as sites:
        links = []
        for site in sites:
            for slug in slugs:
                title, paragraphs = story(slug)
                html = article_html(f"{title} ({site.name})", paragraphs, site.name).encode()
                # Slow pages, so the kill lands in the middle of the run.
                site.routes[f"/news/{slug}"] = lambda h, html=html: (
                    time.sleep(0.4) or (200, {"Content-Type": "text/html"}, html)
                )
                links.append(Item(slug, site.url(f"/news/{slug}")))
            site.routes["/rss"] = (200, XML, rss(links[-len(slugs) :]))
        args = ["watch", *(s.url("/rss") for s in sites), "--once", "--db", db, *QUICK]
        running = subprocess.Popen(
            [STORYLENS, *args], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 180
        while len(article_hits(*sites)) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(running.pid, signal.SIGKILL)
        running.wait()
        with open_store(db) as store:
            stored_first = {a.url for a in store.load_articles(with_analysis=False)}
        assert 0 < len(stored_first) < 8, "the kill did not land mid-run"
        first_hits = len(article_hits(*sites))

        rerun = storylens(*args)
        assert rerun.returncode == 0, rerun.stderr
        second = {h for s in sites for h in _paths_after(s, first_hits, sites)}
        with open_store(db) as store:
            stored = [a.url for a in store.load_articles(with_analysis=False)]
        assert sorted(stored) == sorted(i.link for i in links)  # all, none twice
        assert second == {i.link for i in links} - stored_first


def _paths_after(
    site: Outlet, first_hits: int, sites: tuple[Outlet, ...] | list[Outlet]
) -> set[str]:
    """The article URLs requested after the first `first_hits` article requests (both sites'
    logs together, in arrival order)."""
    hits = sorted(
        ((h.at, s.url(h.path)) for s in sites for h in s.log if h.path.startswith("/news/")),
    )
    return {url for _, url in hits[first_hits:] if url.startswith(site.url(""))}


def test_an_intranet_outlet_named_by_host_needs_allow_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An outlet named by a host name that resolves to a private address is refused, with
    its reason in `watch status`, until the user says the intranet is meant."""
    import socket

    from typer.testing import CliRunner

    from storylens.cli import app
    from storylens.watch import urls

    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host == "news.intranet.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 0))]
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    urls._addresses.cache_clear()
    runner = CliRunner()
    db = str(tmp_path / "watch.db")
    with outlets("intranet") as (intranet,):
        title, paragraphs = story("bridge")
        intranet.page("/news/bridge", article_html(title, paragraphs, "Intranet"))
        link = intranet.url("/news/bridge", "news.intranet.test")
        intranet.routes["/rss"] = (200, XML, rss([Item("bridge", link)]))
        feed = intranet.url("/rss", "news.intranet.test")

        refused = runner.invoke(app, ["watch", feed, "--once", "--db", db, *QUICK])
        assert refused.exit_code == 1
        assert not article_hits(intranet)
        status = runner.invoke(app, ["watch", "status", "--db", db, "--json"])
        [source] = json.loads(status.stdout)
        assert source["state"] == "failing" and "non-public address" in source["reason"], source

        allowed = runner.invoke(
            app, ["watch", feed, "--once", "--allow-private", "--db", db, *QUICK]
        )
        assert allowed.exit_code == 0, allowed.stderr
        assert "1 new article" in allowed.stderr
        assert article_hits(intranet) == ["/news/bridge"]
