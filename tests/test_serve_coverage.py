"""Coverage over time, as JSON, as a page and in a browser, over the hand-made store of
test_serve_listing: Valley Post and Harbour Times report the ferry story (Island Courier
republishes Valley Post's report), Northern Ledger alone reports a regatta, Filler Daily
five stories of its own on five days in April."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from serve_support import running_server, served
from storylens.analyse import Analyser
from storylens.config import Settings
from storylens.serve import ServeOptions, create_app
from test_serve_listing import build_store, visible

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("coverage") / "coverage.db")
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with served(db, Analyser(Settings())) as opened:
        yield opened


def _json(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/coverage", params=params)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_articles_per_outlet_per_week_over_a_long_range(client: TestClient) -> None:
    report = _json(client)
    assert report["articles_per_outlet"] == {
        "Filler Daily": 5,
        "Harbour Times": 1,
        "Island Courier": 1,
        "Northern Ledger": 1,
        "Valley Post": 1,
    }
    # April to September is more days than a page shows: counted per week, none dropped.
    assert report["unit"] == "week"
    assert sum(day["total"] for day in report["days"]) == 9
    assert report["days"][0]["day"] == "2025-03-31"  # the Monday of 1 April's week
    assert report["days"][-1]["day"] == "2025-09-01"


def test_a_short_range_is_counted_per_day(client: TestClient) -> None:
    report = _json(client, **{"from": "2025-05-06", "to": "2025-05-08"})
    assert report["unit"] == "day"
    days = {d["day"]: d["per_outlet"] for d in report["days"]}
    assert days == {
        "2025-05-06": {"Valley Post": 1},
        "2025-05-07": {"Island Courier": 1},
        "2025-05-08": {"Harbour Times": 1},
    }
    ferry = report["stories"][0]
    assert ferry["outlets"] == ["Harbour Times", "Valley Post"]
    assert ferry["copies_only"] == ["Island Courier"]


def test_the_blind_spot_lists_what_the_others_covered(client: TestClient) -> None:
    report = _json(client, outlet=["Valley Post", "Filler Daily"])
    assert report["chosen"] == ["Valley Post", "Filler Daily"]
    assert [s["title"] for s in report["blind_spot"]] == ["The regatta sails on Sunday"]
    # An outlet that only republished a story has it covered too.
    courier = _json(client, outlet="Island Courier")["blind_spot"]
    assert "s-ferry" not in {s["story_id"] for s in courier}


def test_bad_parameters_get_a_400_naming_the_fix(client: TestClient) -> None:
    response = client.get("/api/coverage", params={"from": "May 6"})
    assert response.status_code == 400
    assert "from must be a date as YYYY-MM-DD" in response.text
    reversed_range = client.get("/api/coverage", params={"from": "2025-06-01", "to": "2025-05-01"})
    assert reversed_range.status_code == 400


def test_the_page_shows_the_figures_in_words_and_escapes_outlet_names(client: TestClient) -> None:
    html = client.get("/coverage", params={"outlet": "Northern Ledger"}).text
    text = visible(html)
    assert "Articles per outlet per week" in text
    assert "Filler Daily (5 articles)" in text
    assert "Blind spot of Northern Ledger" in text
    assert "Ferry fares rise by 12 percent from June" in text
    assert "<script" not in html.split("</head>", 1)[1]
    assert 'role="img"' in html and "<title>2025-05-05: 1</title>" in html


def test_the_python_api_gives_the_same_report(db: str, client: TestClient) -> None:
    import storylens

    with storylens.open(db) as opened:
        report = opened.coverage(outlets=["Valley Post"]).to_dict()
    assert report == _json(client, outlet="Valley Post")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_a_reader_picks_outlets_and_sees_their_blind_spot(db: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    options = ServeOptions(rate_limit=0.0, warm=False)
    app = create_app(db, options, analyser=Analyser(Settings()))
    with running_server(app) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(base + "/")
        page.get_by_role("link", name="Coverage").click()
        page.wait_for_url("**/coverage")
        strips = page.get_by_role("img")
        assert strips.count() == 5
        assert "Filler Daily: 5 articles" in (strips.first.get_attribute("aria-label") or "")
        page.get_by_role("checkbox", name="Valley Post").check()
        page.get_by_role("checkbox", name="Filler Daily").check()
        page.get_by_role("button", name="Show").click()
        page.wait_for_url("**/coverage?*outlet=*")
        spot = page.get_by_role("region", name="Blind spot of Filler Daily, Valley Post")
        assert spot.get_by_role("link").all_inner_texts() == ["The regatta sails on Sunday"]
        assert page.get_by_role("checkbox", name="Valley Post").is_checked()
        # The table is reachable by keyboard (a focusable scroll region).
        page.locator("details.day-table summary").click()
        assert page.get_by_role("region", name="Articles per outlet per week, table").count() == 1
        browser.close()
