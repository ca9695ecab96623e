"""The seed example: a TASS page dump and an AFP report of the same denial (read from ../shared)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storylens.cli import app

pytestmark = [pytest.mark.models, pytest.mark.shared]


@pytest.fixture(scope="module")
def report(kremlin_files: list[Path]) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["compare", *map(str, kremlin_files), "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _by_outlet(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["outlet"]: a for a in report["articles"]}


def test_one_story_of_two_articles_from_tass_and_afp(report: dict[str, Any]) -> None:
    assert len(report["stories"]) == 1
    assert len(report["stories"][0]["articles"]) == 2
    articles = _by_outlet(report)
    assert set(articles) == {"TASS", "AFP"}
    assert articles["TASS"]["published"] == "2017-06-06"
    assert articles["AFP"]["published"] in (None, "2017-06-06")


def test_bodies_are_free_of_navigation_and_headline_lists(
    report: dict[str, Any], kremlin_files: list[Path]
) -> None:
    articles = _by_outlet(report)
    tass_lines = kremlin_files[0].read_text("utf-8").splitlines()
    # Lines of the dump after "Most read" and the menu at its top are never article text.
    chrome = tass_lines[1:12] + tass_lines[tass_lines.index("Most read") :]
    for line in filter(None, (text.strip() for text in chrome)):
        if len(line) > 3:
            assert line not in articles["TASS"]["body"].splitlines(), line
    assert "{{" not in articles["TASS"]["body"]
    afp_lines = kremlin_files[1].read_text("utf-8").splitlines()
    lists = afp_lines[afp_lines.index("More from AFP") :]
    for line in lists:
        assert line.lstrip("- ") not in articles["AFP"]["body"], line


def test_the_spokesman_statements_are_matched_across_translations(report: dict[str, Any]) -> None:
    story = report["stories"][0]
    paired = [q for q in story["quotes"] if len({r["article"] for r in q["renderings"]}) == 2]
    assert len(paired) >= 2
    for quote in paired:
        assert quote["speaker"] == "Dmitry Peskov"
    words = [" ".join(r["text"] for r in q["renderings"]).lower() for q in paired]
    assert any("reality" in w for w in words)
    assert any("deny" in w for w in words)


def test_the_shared_facts_are_found_and_the_leads_shown_side_by_side(
    report: dict[str, Any],
) -> None:
    """Both Peskov quotes and the leaked report are shared. The two leads (the denial) word
    it too differently to be matched on their words, and two leads no longer pair for being
    leads (on stories nobody tuned on that was wrong half the time): each is shown as
    unconfirmed with the other beside it, for the reader to compare."""
    story = report["stories"][0]
    shared = [
        " / ".join(_text(report, s) for s in c["sources"]) for c in story["claims"] if c["shared"]
    ]
    assert any("do not reflect the reality" in t for t in shared)
    assert any("strongly deny" in t for t in shared)
    assert any("National Security Agency" in t for t in shared)
    leads = [u for u in story["unconfirmed"] if "strongly rejected" in _text(report, u["source"])]
    assert leads and any("strongly denied" in _text(report, n) for n in leads[0]["nearest"])
    # The summary opens on the core event: the Kremlin rejected / denied the report.
    opening = story["summary"][0]["text"]
    assert "strongly denied" in opening or "strongly rejected" in opening


def _text(report: dict[str, Any], source: dict[str, Any]) -> str:
    body = next(a["body"] for a in report["articles"] if a["id"] == source["article"])
    return str(body[source["start"] : source["end"]])


def test_claims_are_shared_and_single_source_with_verbatim_spans(report: dict[str, Any]) -> None:
    story = report["stories"][0]
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    assert any(c["shared"] for c in story["claims"])
    single = [c for c in story["claims"] if not c["shared"]]
    unconfirmed = [u["source"]["article"] for u in story["unconfirmed"]]
    assert {c["sources"][0]["article"] for c in single} | set(unconfirmed) == set(bodies)
    spans = [s for c in story["claims"] for s in c["sources"]] + story["summary"]
    spans += [r for q in story["quotes"] for r in q["renderings"]]
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(bodies[span["article"]])
        if "text" in span:
            assert bodies[span["article"]][span["start"] : span["end"]] == span["text"]


def test_version_2_items_cite_verbatim_spans(report: dict[str, Any]) -> None:
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    (story,) = report["stories"]
    spans = [
        *(
            c[k]
            for c in story["conflicts"]
            for k in ("first", "second", "first_value", "second_value")
        ),
        *(s for e in story["entities"] for s in e["spans"]),
        *(t[k] for t in story["timeline"] for k in ("when", "sentence")),
        *(f["lead"] for f in story["framing"] if f["lead"]),
        *(s for f in story["framing"] for s in [*f["hedges"], *f["loaded"]]),
    ]
    assert spans
    for span in spans:
        assert bodies[span["article"]][span["start"] : span["end"]] == span["text"]
    peskov = next(e for e in story["entities"] if e["name"] == "Dmitry Peskov")
    assert "Peskov" in peskov["variants"] and len(peskov["mentions"]) == 2
    # The TASS dateline "June 6" resolves against TASS's date; AFP's "on Tuesday" has no
    # anchor (its page gives no date), so it is left out rather than guessed.
    dates = {(t["when"]["text"], t["date"]) for t in story["timeline"]}
    assert ("June 6", "2017-06-06") in dates
    assert not any(t["when"]["text"] == "Tuesday" for t in story["timeline"])
    (first, *others) = story["quotes"][0]["renderings"]
    assert first["diff"] is None and all(r["diff"] for r in others)
