"""The HTTP API in-process (FastAPI TestClient), on SQLite and on PostgreSQL.

Our fixture articles (tests/fixtures/serve_articles.jsonl: three reports of a ferry fare
rise, one of a regatta) are ingested through `POST /api/ingest` itself. The PostgreSQL
runs skip without STORYLENS_TEST_PG_URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from serve_support import AUTH, ingest_fixture, served
from storylens.analyse import Analyser
from storylens.cli import app as cli_app
from storylens.config import Settings
from storylens.output.json import SCHEMA_VERSION
from test_store_backends import BACKENDS, database

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser(Settings())


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with database(request.param, tmp_path_factory.mktemp("serve")) as url:
        yield url


@pytest.fixture(scope="module")
def client(db: str, analyser: Analyser) -> Iterator[TestClient]:
    with served(db, analyser) as opened:
        first = ingest_fixture(opened)
        assert (first["stored"], first["already_stored"], first["failed"]) == (4, 0, [])
        assert first["failed_count"] == 0
        yield opened


def stories(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def ferry_story(client: TestClient) -> dict[str, Any]:
    found = stories(client, q="ferry")["stories"]
    assert len(found) == 1
    return found[0]


def assert_error(response: Any, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert words in body["error"]


# -- health, listing ---------------------------------------------------------------------


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["ok"] is True


def test_stories_biggest_first_with_outlets_and_dates(client: TestClient) -> None:
    listed = stories(client)["stories"]
    assert [s["article_count"] for s in listed] == [3, 1]
    ferry, regatta = listed
    assert ferry["outlets"] == ["Harbour Times", "Island Courier", "Valley Post"]
    assert ferry["first_published"][:10] == "2025-05-06"
    assert ferry["last_published"][:10] == "2025-05-08"
    assert "regatta" in regatta["title"]


def test_search_matches_titles_and_outlets_ignoring_case(client: TestClient) -> None:
    assert ferry_story(client)["article_count"] == 3
    by_outlet_text = stories(client, q="northern LEDGER")["stories"]
    assert [s["article_count"] for s in by_outlet_text] == [1]
    assert stories(client, q="no such words anywhere")["stories"] == []


def test_outlet_and_date_filters(client: TestClient) -> None:
    assert [s["article_count"] for s in stories(client, outlet="Valley Post")["stories"]] == [3]
    # Any part of an outlet's name, in any case.
    assert [s["article_count"] for s in stories(client, outlet="valley")["stories"]] == [3]
    assert stories(client, outlet="Valley Gazette")["stories"] == []
    september = stories(client, **{"from": "2025-09-01"})["stories"]
    assert [s["article_count"] for s in september] == [1]
    may = stories(client, **{"from": "2025-05-07", "to": "2025-05-07"})["stories"]
    assert [s["article_count"] for s in may] == [3]  # overlaps 05-06..05-08


def test_sort_by_recency(client: TestClient) -> None:
    listed = stories(client, sort="recent")["stories"]
    assert [s["article_count"] for s in listed] == [1, 3]


@pytest.mark.parametrize("sort", ["size", "recent"])
def test_cursor_paging_visits_every_story_once(client: TestClient, sort: str) -> None:
    everything = [s["id"] for s in stories(client, sort=sort)["stories"]]
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"sort": sort, "limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = stories(client, **params)
        seen += [s["id"] for s in page["stories"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"limit": 0}, "limit must be between 1 and 100"),
        ({"limit": 1000}, "limit must be between 1 and 100"),
        ({"limit": "ten"}, "query parameter limit"),
        ({"sort": "alphabetical"}, "sort must be one of size, recent"),
        ({"from": "2025-13-01"}, "from must be a date as YYYY-MM-DD"),
        ({"to": "yesterday"}, "to must be a date as YYYY-MM-DD"),
        ({"from": "2025-06-01", "to": "2025-05-01"}, "from is after to"),
        ({"cursor": "not-a-cursor"}, "cursor is not one this server handed out"),
        ({"q": "x" * 201}, "query parameter q"),
    ],
)
def test_bad_listing_parameters_are_400(
    client: TestClient, params: dict[str, Any], words: str
) -> None:
    assert_error(client.get("/api/stories", params=params), 400, words)


# -- one story, one article --------------------------------------------------------------


def test_story_json_is_the_cli_report(client: TestClient, db: str) -> None:
    story_id = ferry_story(client)["id"]
    response = client.get(f"/api/stories/{story_id}")
    assert response.status_code == 200
    report = response.json()
    assert report["schema_version"] == SCHEMA_VERSION
    (story,) = report["stories"]
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    assert story["id"] == story_id and len(story["articles"]) == 3
    assert any(claim["shared"] for claim in story["claims"])
    for claim in story["claims"]:
        for span in claim["sources"]:
            assert bodies[span["article"]][span["start"] : span["end"]]
    assert any(len(q["renderings"]) >= 2 for q in story["quotes"]), story["quotes"]
    shown = CliRunner().invoke(cli_app, ["show", story_id, "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == report


def test_story_page_and_json_revalidate_with_their_etag(client: TestClient) -> None:
    story_id = ferry_story(client)["id"]
    for path in (f"/stories/{story_id}", f"/api/stories/{story_id}"):
        first = client.get(path)
        etag = first.headers["etag"]
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        again = client.get(path, headers={"If-None-Match": f'"other", {etag}'})
        assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
        assert client.get(path, headers={"If-None-Match": '"other"'}).content == first.content


def test_story_by_unique_prefix_and_markdown_export(client: TestClient) -> None:
    story_id = ferry_story(client)["id"]
    by_prefix = client.get(f"/api/stories/{story_id[:10]}")
    assert by_prefix.json()["stories"][0]["id"] == story_id
    markdown = client.get(f"/api/stories/{story_id}/report.md")
    assert markdown.status_code == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# ") and "## Quotes" in markdown.text


def test_html_report_export_is_a_self_contained_download(client: TestClient) -> None:
    story_id = ferry_story(client)["id"]
    report = client.get(f"/api/stories/{story_id}/report.html")
    assert report.status_code == 200
    assert report.headers["content-type"].startswith("text/html")
    assert report.headers["content-disposition"].startswith("attachment")
    assert "<script" not in report.text.lower() and "Content-Security-Policy" in report.text


def test_why_explains_two_articles_of_the_story_and_one_outside(client: TestClient) -> None:
    ferry = client.get(f"/api/stories/{ferry_story(client)['id']}").json()["stories"][0]
    regatta = stories(client, q="regatta")["stories"][0]
    regatta_article = client.get(f"/api/stories/{regatta['id']}").json()["stories"][0]
    first, second = ferry["articles"][:2]
    same = client.get(f"/api/stories/{ferry['id']}/why/{first}/{second}")
    assert same.status_code == 200, same.text
    assert same.json()["same_story"] is True and same.json()["decided_by"]
    other = regatta_article["articles"][0]
    apart = client.get(f"/api/stories/{ferry['id']}/why/{first}/{other}").json()
    assert apart["same_story"] is False
    assert apart["pair"]["score"] is None or apart["pair"]["score"] < apart["thresholds"]["join"]
    assert_error(client.get(f"/api/stories/{ferry['id']}/why/{other}/{first}"), 404, "not in")
    missing = client.get(f"/api/stories/{ferry['id']}/why/{first}/ffffffffffffffff")
    assert_error(missing, 404, "no article")


def test_unknown_story_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/stories/ffffffffffffffff"), 404, "no story with id")
    assert_error(client.get("/api/stories/ffffffffffffffff/report.md"), 404, "no story")


def test_article_with_entities_and_quotes(client: TestClient) -> None:
    story = client.get(f"/api/stories/{ferry_story(client)['id']}").json()
    article_id = story["stories"][0]["articles"][0]
    response = client.get(f"/api/articles/{article_id}")
    assert response.status_code == 200
    article = response.json()
    assert article["id"] == article_id and article["outlet"] == "Harbour Times"
    assert article["input_id"] == "sv-1"
    assert any(q["speaker"] == "Lena Marsh" for q in article["quotes"])
    assert {"text", "label", "start", "end"} <= set(article["entities"][0])


def test_unknown_article_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/articles/0000000000000000"), 404, "no article with id")


# -- ingest --------------------------------------------------------------------------------


def test_reingest_stores_nothing_new(client: TestClient) -> None:
    again = ingest_fixture(client)
    assert (again["stored"], again["already_stored"]) == (0, 4)


def test_ingest_needs_the_token(client: TestClient) -> None:
    body = b'{"title": "t", "text": "x"}\n'
    missing = client.post("/api/ingest", content=body)
    assert_error(missing, 401, "send Authorization: Bearer")
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/ingest", content=body, headers={"Authorization": "Bearer nope"})
    assert_error(wrong, 401, "missing or wrong token")


def test_ingest_multipart_files_and_per_item_failures(client: TestClient) -> None:
    page = (
        "HOLM, Oct 2 - The Holm library will open on Sundays from November, the town "
        "council decided on Thursday after a petition signed by 2,300 residents.\n\n"
        '"Reading should not wait for a weekday," librarian Petra Lund said.\n'
    )
    response = client.post(
        "/api/ingest",
        headers=AUTH,
        files=[
            ("files", ("holm-library.txt", page.encode(), "text/plain")),
            ("files", ("broken.jsonl", b'{"title": "unterminated\n', "application/x-ndjson")),
        ],
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["stored"] == 1
    assert result["failed_count"] == 1
    assert [f["source"] for f in result["failed"]] == ["upload:broken.jsonl#1"]
    assert [s["article_count"] for s in stories(client)["stories"]] == [3, 1, 1]


def test_empty_ingest_is_400(client: TestClient) -> None:
    assert_error(client.post("/api/ingest", headers=AUTH), 400, "nothing to ingest")


def test_ingest_refused_when_no_token_was_set(db: str, analyser: Analyser) -> None:
    with served(db, analyser, token=None) as no_token:
        response = no_token.post("/api/ingest", content=b"{}", headers=AUTH)
        assert_error(response, 403, "started without --token")


def test_oversized_uploads_are_413(db: str, analyser: Analyser) -> None:
    with served(db, analyser, max_body_bytes=1000) as small:
        declared = small.post("/api/ingest", content=b"x" * 1001, headers=AUTH)
        assert_error(declared, 413, "over the limit of 1000 bytes")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for _ in range(20):
                yield b"y" * 100

        streamed = small.post("/api/ingest", content=chunks(), headers=AUTH)
        assert_error(streamed, 413, "over the limit of 1000 bytes")


def test_rate_limit_is_429_with_retry_after(db: str, analyser: Analyser) -> None:
    with served(db, analyser, rate_limit=1.0) as limited:
        codes = [limited.get("/healthz").status_code for _ in range(4)]
        assert codes[:2] == [200, 200] and 429 in codes
        refused = limited.get("/healthz")
        assert_error(refused, 429, "too many requests")
        assert int(refused.headers["retry-after"]) >= 1


# -- every response ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/healthz", "/api/stories", "/", "/api/articles/x", "/nope"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_openapi_schema_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"} <= set(paths)
    assert "/api/ingest" in paths and "/healthz" in paths
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN


# -- pages ---------------------------------------------------------------------------------


def test_list_page_searches(client: TestClient) -> None:
    page = client.get("/", params={"q": "regatta"})
    assert page.status_code == 200
    assert "Brenmoor rowing club" in page.text and "Ferry fares" not in page.text
    assert_page_error(client.get("/", params={"sort": "x"}), 400, "sort must be one of")


def test_story_page_has_a_column_per_outlet_and_only_safe_links(client: TestClient) -> None:
    story_id = ferry_story(client)["id"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert page.text.count('class="column"') == 3
    assert 'href="https://valleypost.example/news/ferry-fare-rise"' in page.text
    assert "javascript:" not in page.text
    assert "<script>" not in page.text and "style=" not in page.text


def test_unknown_story_page_is_404(client: TestClient) -> None:
    assert_page_error(client.get("/stories/ffffffffffffffff"), 404, "no story with id")


def assert_page_error(response: Any, status: int, words: str) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text


def test_fixture_is_ours() -> None:
    # The fixture is fictional text written for these tests (outlets use .example).
    for line in (Path(__file__).parent / "fixtures" / "serve_articles.jsonl").open():
        url = json.loads(line)["url"]
        assert ".example/" in url or url.startswith("javascript:")
