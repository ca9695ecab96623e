"""Threads: events linked into developing stories, stored, restart-safe, on the CLI.

The fixture (`fixtures/threads/developing.jsonl`) is invented: an arrest, the charges and a
hearing of one (made-up) arson case over ten days, and two earthquakes a week apart in two
made-up towns, each reported by several made-up outlets. Its lines are in publication
order, as a stream brings them: the thread links are sensitive to arrival order near the
rule's bar (the hearing links to the charges at 1.25 in this order, 1.18 when it arrives
before the first quake's reports; bench/results/threads.md judges the rule over orders).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.analyse import Analyser
from storylens.api import extract_articles
from storylens.cli import app
from storylens.config import Settings
from storylens.group import StoryGrouper
from storylens.group.threads import ThreadLinker
from storylens.pipeline import Ingestor, arrival_order, restored_threads
from storylens.records import Article
from storylens.store import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "threads" / "developing.jsonl"
CASE = ("arrest", "charges", "hearing")
runner = CliRunner()


@pytest.fixture(scope="module")
def analysed() -> list[Article]:
    articles = extract_articles([FIXTURE])
    Analyser(Settings()).analyse_lead(articles)
    return articles


def _partition(store_path: Path) -> dict[str, str]:
    """Each fixture article's (input id) thread, from the store."""
    with open_store(str(store_path)) as store:
        found = {}
        for thread in store.list_threads():
            for story in thread.events:
                for article in store.load_articles(story.article_ids, with_analysis=False):
                    found[str(article.input_id)] = thread.id
        return found


def _fresh(articles: list[Article]) -> list[Article]:
    copies = []
    for article in articles:
        copies.append(replace(article, story_id=None, copy_of=None, placement=None))
    return copies


def _ingest(path: Path, articles: list[Article], pieces: int = 1) -> None:
    size = -(-len(articles) // pieces)
    for start in range(0, len(articles), size):
        with open_store(str(path)) as store:  # a new process' worth of state each time
            Ingestor(store, Analyser(Settings()), batch_size=4).ingest(
                articles[start : start + size]
            )


def _kind(input_id: str) -> str:
    return input_id.split("-")[0]


def test_a_case_over_days_is_one_thread_and_two_quakes_are_two(
    tmp_path: Path, analysed: list[Article]
) -> None:
    db = tmp_path / "one.db"
    _ingest(db, _fresh(analysed))
    threads = _partition(db)
    case = {threads[i] for i in threads if _kind(i) in CASE}
    assert len(case) == 1, threads
    quake_a = {threads[i] for i in threads if i.startswith("quake-a")}
    quake_b = {threads[i] for i in threads if i.startswith("quake-b")}
    assert len(quake_a) == len(quake_b) == 1
    assert quake_a != quake_b
    assert not (quake_a | quake_b) & case
    with open_store(str(db)) as store:  # the case has more than one event
        (thread,) = [t for t in store.list_threads() if t.id in case]
        assert len(thread.events) >= 2
        assert thread.first_published == "2025-03-03"
        assert thread.last_published == "2025-03-13"


def test_restart_gives_the_same_threads(tmp_path: Path, analysed: list[Article]) -> None:
    whole, pieces = tmp_path / "whole.db", tmp_path / "pieces.db"
    _ingest(whole, _fresh(analysed))
    _ingest(pieces, _fresh(analysed), pieces=4)
    assert _partition(whole) == _partition(pieces)
    with open_store(str(pieces)) as store:
        linker = restored_threads(store)
        assert linker.differences(store.stored_threads()) == {}


def test_batch_assignment_gives_the_threads_of_a_stream(analysed: list[Article]) -> None:
    from storylens.batch.assign import assign_stories

    grouper = StoryGrouper()
    assignment = assign_stories(_fresh(analysed), grouper)
    batch = {a.input_id: assignment.threads[grouper.story_of[a.id]] for a in assignment.articles}
    streamed_grouper = StoryGrouper()
    linker = ThreadLinker(streamed_grouper)
    ordered = arrival_order(_fresh(analysed))
    for article in ordered:
        streamed_grouper.add(article)
        linker.observe(article)
    streamed = {a.input_id: linker.thread_of[streamed_grouper.story_of[a.id]] for a in ordered}
    assert batch == streamed


def test_cli_threads_show_and_since(tmp_path: Path, analysed: list[Article]) -> None:
    db = tmp_path / "cli.db"
    _ingest(db, _fresh(analysed))
    listed = runner.invoke(app, ["threads", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    threads = json.loads(listed.stdout)
    assert len(threads) == 3
    case = threads[0]
    assert case["events"] >= 2 and "Harbour Times" in case["outlets"]
    text = runner.invoke(app, ["threads", "--db", str(db), "--limit", "1"])
    assert text.exit_code == 0 and case["id"] in text.stdout

    stories = json.loads(runner.invoke(app, ["stories", "--db", str(db), "--json"]).stdout)
    assert {s["thread"] for s in stories} == {t["id"] for t in threads}

    shown = runner.invoke(app, ["show", case["id"][:8], "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    thread = json.loads(shown.stdout)["thread"]
    dates = [e["first_published"] for e in thread["events"]]
    assert dates == sorted(dates) and len(dates) == case["events"]
    later = thread["events"][-1]["changes"]
    assert later["new_facts"] or later["changed_figures"]  # the hearing adds facts

    since = runner.invoke(app, ["show", case["id"], "--db", str(db), "--since", "2025-03-12"])
    assert since.exit_code == 0, since.output
    assert "new since 2025-03-12" in since.stdout
    assert "Imogen Stroud" in since.stdout or "Carrowmoor" in since.stdout
    assert "Police arrest Tobias Renwick" not in since.stdout.split("##", 1)[-1]

    story = runner.invoke(
        app, ["show", stories[0]["id"], "--db", str(db), "--since", "2025-03-12", "--json"]
    )
    assert story.exit_code == 0, story.output
    news = json.loads(story.stdout)["story"]
    assert all(a["published"] >= "2025-03-12" for a in news["articles"])

    first, last = thread["events"][0]["story"], thread["events"][-1]["story"]
    why = runner.invoke(
        app, ["why", _article_of(db, first), _article_of(db, last), "--db", str(db)]
    )
    assert why.exit_code == 0 and "Thread: their events are in the same thread" in why.stdout

    bad = runner.invoke(app, ["show", case["id"], "--db", str(db), "--since", "March"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    unknown = runner.invoke(app, ["show", "tzzzz", "--db", str(db)])
    assert unknown.exit_code == 1 and "no thread" in unknown.output


def test_api_and_page(tmp_path: Path, analysed: list[Article]) -> None:
    from serve_support import served

    db = tmp_path / "api.db"
    _ingest(db, _fresh(analysed))
    with served(str(db), Analyser(Settings())) as client:
        listed = client.get("/api/threads").json()["threads"]
        assert len(listed) == 3
        case = listed[0]
        found = client.get(f"/api/threads/{case['id']}").json()["thread"]
        assert [e["story"] for e in found["events"]] == case["stories"]
        news = client.get(f"/api/threads/{case['id'][:6]}?since=2025-03-12").json()["thread"]
        assert news["since"] == "2025-03-12" and news["events"]
        bad = client.get(f"/api/threads/{case['id']}?since=soon")
        assert bad.status_code == 400 and bad.json()["ok"] is False
        assert client.get("/api/threads/tnothing").status_code == 404
        story = case["stories"][-1]
        since = client.get(f"/api/stories/{story}?since=2025-03-12").json()["story"]
        assert since["articles"] and since["thread"] == case["id"]
        page = client.get(f"/stories/{story}/thread")
        assert page.status_code == 200 and "developing story" in page.text
        assert "Tobias Renwick" in page.text and "<script>" not in page.text
        why = client.get(f"/api/stories/{story}/why/{_article_of(db, story)}/{_quake(db)}").json()
        assert why["thread"]["same_thread"] is False


def _article_of(db: Path, story: str) -> str:
    with open_store(str(db)) as store:
        return store.get_story(story).article_ids[0]


def _quake(db: Path) -> str:
    with open_store(str(db)) as store:
        stored = store.list_stories()
        quake = next(s for s in stored if "earthquake" in (s.title or "").lower())
        return quake.article_ids[0]


def test_the_served_thread_report_is_kept_until_a_member_story_changes(
    tmp_path: Path, analysed: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import storylens.serve.cache as cache
    from serve_support import served

    db = tmp_path / "cached.db"
    fresh = _fresh(analysed)
    held = {"hearing-3", "quake-b3"}  # the last two of the stream, stored later
    _ingest(db, [a for a in fresh if a.input_id not in held])
    reports: list[str] = []
    report_of = cache.report_of

    def counted(thread: object, *args: object) -> dict[str, object]:
        reports.append(str(getattr(thread, "id", "")))
        return report_of(thread, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "report_of", counted)
    with served(str(db), Analyser(Settings())) as client:
        case = client.get("/api/threads").json()["threads"][0]
        path = f"/api/threads/{case['id']}"
        first = client.get(path)
        page = client.get(f"/threads/{case['id']}")
        assert first.status_code == page.status_code == 200
        # Asked again (the JSON, the page, by a prefix): from memory, not recomputed.
        assert client.get(path).content == first.content
        assert client.get(f"/threads/{case['id']}").text == page.text
        assert client.get(path[:-2]).content == first.content
        assert reports == [case["id"]]
        etag = first.headers["etag"]
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
        # Another date is another report.
        client.get(f"{path}?since=2025-03-12")
        assert len(reports) == 2

        # Another process stores the hearing's last report: one event changed.
        _ingest(db, [a for a in fresh if a.input_id in held])
        time.sleep(cache.FRESHNESS_S + 0.1)
        grown = client.get(path)
        assert len(reports) == 3 and grown.headers["etag"] != etag
        before = {e["story"]: e["articles"] for e in first.json()["thread"]["events"]}
        after = {e["story"]: e["articles"] for e in grown.json()["thread"]["events"]}
        assert before.keys() == after.keys()
        assert sum(after.values()) == sum(before.values()) + 1
        assert client.get(path).content == grown.content and len(reports) == 3


def test_a_merge_repoints_the_events_linked_through_the_merged_story() -> None:
    """The grouper merged story c into a: the events linked through c now link through a,
    found without a scan of every story (`ThreadLinker._linked_from`)."""
    linker = ThreadLinker(StoryGrouper())
    linker._join("a", "ta", None)
    linker._join("b", "ta", "a")
    linker._join("c", "tc", None)
    linker._join("d", "tc", "c")
    linker._join("e", "tc", "c")
    linker._story_merged(into="a", other="c")
    assert linker.via == {"a": None, "b": "a", "d": "a", "e": "a"}
    assert set(linker.thread_of.values()) == {"ta"} and "c" not in linker.thread_of
    assert linker.members("ta") == ["a", "b", "d", "e"]
    assert linker._linked_through == {"a": 3}
    assert linker._linked_from == {"a": {"b", "d", "e"}}
    linker._leave("d")
    assert linker._linked_through == {"a": 2} and linker._linked_from == {"a": {"b", "e"}}
