"""The story list as a reader sees it (in-process, no model): outlet filter by any part of
the name in any case, the result count, clear filters, previous and next pages, and each
story's independent sources and disputed facts.

The store holds hand-made articles: a ferry story of three articles (one a republished
copy) whose stored comparison has two outlets disagreeing on one fact (twice: two pairs),
a regatta story compared with no disagreement, and five one-article stories not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from serve_support import served
from storylens.analyse import Analyser
from storylens.compare import COMPARISON_VERSION
from storylens.config import Settings
from storylens.pipeline import describe_story
from storylens.records import Article, Claim, Comparison, Conflict
from storylens.serve.listing import list_view, story_query
from storylens.store import open_store

FERRY = "Ferry fares rise by 12 percent from June, the Portmere port authority said."
FERRY_TOO = "Ferry fares rise by 15 percent from June, Portmere port officials said."


def _article(ident: str, body: str, outlet: str, day: str, copy_of: str | None = None) -> Article:
    return Article(
        id=ident,
        source=ident,
        body=body,
        title=body.split(",")[0],
        outlet=outlet,
        published=day,
        copy_of=copy_of,
    )


def _conflict(first: Article, second: Article) -> Conflict:
    a, b = first.body.index("12"), second.body.index("15")
    return Conflict(
        kind="number",
        claim=0,
        first=first.span(0, len(first.body)),
        second=second.span(0, len(second.body)),
        first_value=first.span(a, a + 2),
        second_value=second.span(b, b + 2),
    )


def _comparison(story_id: str, members: list[Article], conflicts: list[Conflict]) -> Comparison:
    first = members[0]
    claim = Claim(first.body, [first.span(0, len(first.body))], [first.outlet or ""], False)
    return Comparison(story_id, [a.id for a in members], [claim], [], [], conflicts=conflicts)


def build_store(db: str) -> None:
    ferry = [
        _article("ferry-a", FERRY, "Valley Post", "2025-05-06"),
        _article("ferry-b", FERRY, "Island Courier", "2025-05-07", copy_of="ferry-a"),
        _article("ferry-c", FERRY_TOO, "Harbour Times", "2025-05-08"),
    ]
    regatta = [
        _article(
            "regatta-a",
            "The regatta sails on Sunday, organisers said.",
            "Northern Ledger",
            "2025-09-01",
        )
    ]
    fillers = [
        [
            _article(
                f"filler-{n}",
                f"Filler report number {n}, a clerk said.",
                "Filler Daily",
                f"2025-04-0{n + 1}",
            )
        ]
        for n in range(5)
    ]
    groups = {"s-ferry": ferry, "s-regatta": regatta} | {
        f"s-filler-{n}": f for n, f in enumerate(fillers)
    }
    with open_store(db) as store:
        articles = [a for members in groups.values() for a in members]
        stories = [describe_story(sid, [a.id for a in m], m) for sid, m in groups.items()]
        store.write_batch(articles, stories)
        twice = [_conflict(ferry[0], ferry[2]), _conflict(ferry[1], ferry[2])]
        assert store.save_comparison(_comparison("s-ferry", ferry, twice), COMPARISON_VERSION)
        assert store.save_comparison(_comparison("s-regatta", regatta, []), COMPARISON_VERSION)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = str(tmp_path_factory.mktemp("listing") / "listing.db")
    build_store(db)
    with served(db, Analyser(Settings())) as opened:
        yield opened


def visible(html: str) -> str:
    """The page's text as a reader reads it: tags dropped, whitespace collapsed."""
    body = re.sub(r"<(script|style|datalist)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def page(client: TestClient, **params: Any) -> str:
    response = client.get("/", params=params)
    assert response.status_code == 200, response.text
    return response.text


def items(html: str) -> list[str]:
    found = re.findall(r'<li class="story-item"[^>]*>.*?</li>', html, re.S)
    return [visible(item) for item in found]


def ids(html: str) -> list[str]:
    return re.findall(r'class="story-link" href="/stories/([^"]+)"', html)


def link(html: str, css: str) -> str | None:
    found = re.search(rf'<a class="{css}"[^>]* href="([^"]+)"', html)
    return unescape(found.group(1)) if found else None


def test_outlet_filter_matches_part_of_the_name_in_any_case(client: TestClient) -> None:
    for typed in ("valley post", "VALLEY", "ley po", "  harbour "):
        shown = items(page(client, outlet=typed))
        assert len(shown) == 1 and shown[0].startswith("Ferry fares rise by 12 percent"), typed
    assert "No story matches these filters." in visible(page(client, outlet="Nowhere Gazette"))
    api = client.get("/api/stories", params={"outlet": "island"}).json()
    assert [s["id"] for s in api["stories"]] == ["s-ferry"]


def test_outlet_field_suggests_the_stored_outlets(client: TestClient) -> None:
    html = page(client)
    suggested = re.findall(
        r'<option value="([^"]+)">', html.split("<datalist")[1].split("</datalist>")[0]
    )
    assert suggested == [
        "Filler Daily",
        "Harbour Times",
        "Island Courier",
        "Northern Ledger",
        "Valley Post",
    ]
    assert 'list="outlet-names"' in html


def test_the_count_says_how_many_stories_match(client: TestClient) -> None:
    assert "7 stories." in visible(page(client))
    assert "1 story matches the filters." in visible(page(client, outlet="ledger"))
    assert "5 stories match the filters." in visible(page(client, outlet="filler"))
    assert "Stories 1–3 of 7." in visible(page(client, limit=3))
    assert "Stories 1–2 of 5 that match the filters." in visible(
        page(client, outlet="filler", limit=2)
    )


def test_clear_filters_goes_back_to_every_story(client: TestClient) -> None:
    assert link(page(client), "clear") is None  # nothing to clear
    html = page(client, q="ferry", outlet="valley", sort="recent", limit=50)
    assert "Clear filters" in visible(html)
    cleared = link(html, "clear")
    assert cleared == "/?sort=recent&limit=50"
    again = client.get(cleared)
    assert "7 stories." in visible(again.text)
    assert 'value="ferry"' not in again.text and 'value="valley"' not in again.text


def test_previous_and_next_pages_walk_the_list_both_ways(client: TestClient) -> None:
    forward, url = [], "/?limit=2&outlet=filler"
    pages = []
    while url:
        html = client.get(url).text
        pages.append(html)
        forward.append(ids(html))
        url = link(html, "next")
    assert [len(p) for p in forward] == [2, 2, 1]
    assert "Story 5 of 5 that match the filters." in visible(pages[-1])
    assert link(pages[0], "previous") is None
    backward, url = [], link(pages[-1], "previous")
    while url:
        html = client.get(url).text
        backward.append(ids(html))
        assert "outlet=filler" in url and "limit=2" in url  # the filters stay
        url = link(html, "previous")
    assert backward == forward[-2::-1]
    assert "Previous page" in visible(pages[1]) and "Next page" in visible(pages[1])


def test_each_story_says_its_sources_and_disagreements(client: TestClient) -> None:
    html = page(client)
    shown = dict(zip(ids(html), items(html), strict=True))
    ferry = shown["s-ferry"]
    # Three articles, one a copy: two independent sources; two pairs disagree on one fact.
    assert "2 independent sources (+1 republished)" in ferry
    assert "1 disputed fact" in ferry and "facts" not in ferry
    assert "3 articles · 3 outlets" in ferry
    regatta = shown["s-regatta"]
    assert "1 independent source no disagreements" in regatta
    assert "1 article · 1 outlet ·" in regatta  # never "1 articles", "1 outlets"
    filler = shown["s-filler-0"]
    assert "not compared yet" in filler


def test_list_view_counts_and_pages_without_the_server(tmp_path: Path) -> None:
    db = str(tmp_path / "view.db")
    build_store(db)
    with open_store(db) as store:

        def view(**given: Any) -> Any:
            params: dict[str, Any] = {
                "q": None,
                "outlet": None,
                "date_from": None,
                "date_to": None,
                "sort": "size",
                "cursor": None,
                "limit": 3,
            } | given
            return list_view(store, story_query(**params))

        first = view()
        assert (first.total, first.first, first.previous_cursor) == (7, 1, None)
        second = view(cursor=first.next_cursor)
        assert (second.first, second.previous_cursor) == (4, "")
        third = view(cursor=second.next_cursor)
        assert third.first == 7 and third.next_cursor is None
        assert view(cursor=third.previous_cursor).first == 4
        assert [s.story.id for s in view(outlet="HARBOUR").stories] == ["s-ferry"]
