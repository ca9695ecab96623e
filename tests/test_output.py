"""Output: the JSON report contract and the Markdown report, on hand-built comparisons."""

from __future__ import annotations

import json
import re

import pytest

from storylens.output.json import compare_report, comparison_to_dict
from storylens.output.markdown import comparison_to_markdown, escape, render_diff
from storylens.quotemarks import balanced
from storylens.records import Article, Claim, Comparison, QuoteMatch, QuoteRendering, Span

WIRE_BODY = (
    "The bridge over the Alder river reopened on Sunday after three weeks of repairs. "
    "“Traffic can flow again from tonight,” said mayor Petra Holm."
)
LOCAL_BODY = (
    "Drivers crossed the repaired Alder bridge again on Sunday, three weeks after it shut. "
    "“From tonight the traffic can flow again,” Mayor Petra Holm said. "
    "Repairs cost 2.1 million euros."
)


def span(article: Article, text: str) -> Span:
    start = article.body.index(text)
    return article.span(start, start + len(text))


@pytest.fixture
def story() -> tuple[list[Article], Comparison]:
    wire = Article(
        id="w1",
        source="wire.html",
        body=WIRE_BODY,
        title="Alder bridge reopens",
        outlet="Wire",
        published="2024-05-12",
        story_id="s1",
    )
    local = Article(id="l2", source="local.txt", body=LOCAL_BODY, outlet=None, story_id="s1")
    copy = Article(
        id="c3", source="copy.html", body=WIRE_BODY, outlet="Reprint", copy_of="w1", story_id="s1"
    )
    articles = [wire, local, copy]
    lead = [span(wire, WIRE_BODY[:80]), span(local, LOCAL_BODY[:84]), span(copy, WIRE_BODY[:80])]
    cost = span(local, "Repairs cost 2.1 million euros.")
    wire_quote = span(wire, "Traffic can flow again from tonight,")
    comparison = Comparison(
        story_id="s1",
        article_ids=["w1", "l2", "c3"],
        claims=[
            Claim(lead[0].text, lead, ["Wire", "unknown outlet (local.txt)", "Reprint"], True),
            Claim(cost.text, [cost], ["unknown outlet (local.txt)"], False),
        ],
        quotes=[
            QuoteMatch(
                "Petra Holm",
                [
                    QuoteRendering.of(wire_quote),
                    QuoteRendering.of(span(local, "From tonight the traffic can flow again,")),
                    QuoteRendering.of(span(copy, "Traffic can flow again from tonight,")),
                ],
            )
        ],
        summary=[lead[0], cost],
        copies={"c3": "w1"},
    )
    return articles, comparison


# --- JSON ------------------------------------------------------------------------------------

ARTICLE_KEYS = ["id", "source", "outlet", "title", "published", "body"]
ARTICLE_EXTRAS = {"input_id", "url", "author", "language", "copy_of", "story"}


def test_report_follows_the_contract_keys_in_order(story) -> None:  # type: ignore[no-untyped-def]
    articles, comparison = story
    report = json.loads(json.dumps(compare_report(articles, [comparison])))
    assert list(report) == ["articles", "stories", "schema_version"]
    assert report["schema_version"] == 2
    for article in report["articles"]:
        assert list(article)[:6] == ARTICLE_KEYS
        assert set(list(article)[6:]) <= ARTICLE_EXTRAS
    (entry,) = report["stories"]
    # Version 2 only adds keys after version 1's.
    assert list(entry)[:5] == ["id", "articles", "summary", "claims", "quotes"]
    assert list(entry)[5:] == [
        "conflicts",
        "entities",
        "timeline",
        "framing",
        "coverage",
        "unconfirmed",
        "copies",
        "translated",
    ]
    assert entry["articles"] == ["w1", "l2", "c3"]
    for item in entry["summary"]:
        assert list(item) == ["text", "article", "start", "end"]
    for claim in entry["claims"]:
        assert list(claim)[:3] == ["text", "shared", "sources"]
        assert set(list(claim)[3:]) <= {"outlets", "republished"}
        assert isinstance(claim["shared"], bool)
        for source in claim["sources"]:
            assert list(source) == ["article", "start", "end", "language"]
    for quote in entry["quotes"]:
        assert list(quote) == ["speaker", "renderings", "republished"]
        for rendering in quote["renderings"]:
            assert list(rendering) == [
                "article",
                "text",
                "start",
                "end",
                "language",
                "kind",
                "diff",
            ]


def test_report_spans_point_into_the_bodies(story) -> None:  # type: ignore[no-untyped-def]
    articles, comparison = story
    report = compare_report(articles, [comparison])
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    (entry,) = report["stories"]
    cited = [*entry["summary"], *(r for q in entry["quotes"] for r in q["renderings"])]
    for item in cited:
        assert bodies[item["article"]][item["start"] : item["end"]] == item["text"]
    first = entry["claims"][0]
    source = first["sources"][0]
    assert bodies[source["article"]][source["start"] : source["end"]] == first["text"]
    copy = next(a for a in report["articles"] if a["id"] == "c3")
    assert copy["copy_of"] == "w1" and copy["story"] == "s1"


def test_a_span_that_is_not_verbatim_is_refused(story) -> None:  # type: ignore[no-untyped-def]
    articles, comparison = story
    comparison.summary.append(Span("w1", 0, 10, "not there"))
    with pytest.raises(ValueError, match="not verbatim"):
        comparison_to_dict(comparison, {a.id: a for a in articles})


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_report_has_every_section(story) -> None:  # type: ignore[no-untyped-def]
    articles, comparison = story
    text = comparison_to_markdown(comparison, {a.id: a for a in articles})
    assert text.startswith("# Alder bridge reopens\n")
    assert "Story s1: 2 independent sources (+1 republished)." in text
    assert "| Wire | 2024-05-12 | Alder bridge reopens |  |" in text
    assert "| Reprint | unknown | (no title) | republishes Wire |" in text
    assert "## Summary" in text and "[unknown outlet (local.txt)]" in text
    assert "## Reported by several outlets" in text
    # Each outlet's own sentence is shown under the fact: the evidence.
    lead = comparison.claims[0]
    assert f"- {lead.sources[0].text} [Wire]" in text
    assert f"  - {lead.sources[1].text} [unknown outlet (local.txt)]" in text
    assert "## Only in unknown outlet (local.txt)\n\n- Repairs cost 2.1 million euros." in text
    assert "### Petra Holm" in text
    # The copy's identical rendering is listed without a diff; the other one is diffed.
    assert text.count("wording vs. the first") == 1
    assert "**From tonight the**" in text and "~~from tonight,~~" in text


def test_single_source_claims_name_their_copies(story) -> None:  # type: ignore[no-untyped-def]
    articles, comparison = story
    wire, _, copy = articles
    only = span(wire, "said mayor Petra Holm.")
    comparison.claims.append(
        Claim(only.text, [only, span(copy, "said mayor Petra Holm.")], ["Wire", "Reprint"], False)
    )
    text = comparison_to_markdown(comparison, {a.id: a for a in articles})
    assert "## Only in Wire\n\n- said mayor Petra Holm. (also in copies: Reprint)" in text


HOSTILE = (
    "<script>alert(1)</script> Read [this](javascript:alert(1)) now | *loud* _quiet_ "
    "`code` ~~gone~~ ![img](x.png) &lt;b&gt;\n# Injected heading\n- injected item"
)


def test_markdown_escapes_hostile_article_text() -> None:
    body = "Intro sentence here. " + HOSTILE
    article = Article(
        id="h", source="h.html", body=body, title=HOSTILE, outlet="Evil | <b>Outlet</b>"
    )
    hostile = article.span(21, len(body))
    comparison = Comparison(
        story_id="s<x>",
        article_ids=["h"],
        claims=[Claim(hostile.text, [hostile], ["Evil | <b>Outlet</b>"], False)],
        quotes=[QuoteMatch("Mallory <i>", [QuoteRendering.of(hostile)])],
        summary=[hostile],
    )
    text = comparison_to_markdown(comparison, {"h": article})
    assert "<" not in text and ">" not in text
    assert not re.search(r"(?<!\\)\]\(", text)  # no link or image can form
    assert not re.search(r"^(# Injected|- injected)", text, re.MULTILINE)
    table_row = next(line for line in text.splitlines() if line.startswith("| Evil"))
    assert len(re.findall(r"(?<!\\)\|", table_row)) == 5  # four cells, pipes escaped

    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "<a " not in html and "<img" not in html and "<code>" not in html
    assert "<em>" not in html and "<s>" not in html
    assert html.count("<h1>") == 1 and "<h1>" in html.splitlines()[0]
    assert html.count("<td>") == 4
    assert "&amp;lt;b&amp;gt;" in html  # an entity in the text stays literal text


def test_escape_neutralises_block_markers_and_collapses_lines() -> None:
    assert escape("- item") == "\\- item"
    assert escape("12. item") == "12\\. item"
    assert escape("a\nb\r\n\tc\u2028d") == "a b c d"
    assert escape("> quote") == "&gt; quote"


def test_render_diff_marks_deletions_and_insertions() -> None:
    rendered = render_diff("absolutely do not reflect", "absolutely does not conform")
    assert rendered == "absolutely ~~do~~ **does** not ~~reflect~~ **conform**"
    assert render_diff("a *b*", "a _c_") == "a ~~\\*b\\*~~ **\\_c\\_**"


def test_html_report_counts_independent_sources_and_republished_copies(story) -> None:  # type: ignore[no-untyped-def]
    from storylens.output.html import report_html

    articles, comparison = story
    page = report_html([comparison], {a.id: a for a in articles})
    assert "Story s1: 2 independent sources (+1 republished).</p>" in page


def test_markdown_lists_a_disagreement_once_per_fact_with_who_says_what(story) -> None:  # type: ignore[no-untyped-def]
    from storylens.records import Conflict

    articles, comparison = story
    wire, local, _copy = articles
    three = Article(id="t3", source="t.txt", body="It took four weeks.", outlet="Third")
    sunday = span(wire, "Sunday")
    weeks = [span(wire, "three weeks"), span(local, "three weeks"), span(three, "four weeks")]

    def conflict(first: Span, second: Span) -> Conflict:
        return Conflict("number", 0, first, second, first, second)

    comparison.conflicts = [conflict(weeks[0], weeks[2]), conflict(weeks[1], weeks[2])]
    text = comparison_to_markdown(comparison, {a.id: a for a in [*articles, three]})
    section = text.split("## Where outlets disagree\n\n")[1].split("\n\n")[0]
    assert section.splitlines()[0] == (
        "- number: **three weeks** (Wire, unknown outlet (local.txt)) vs. **four weeks** (Third)"
    )
    assert section.count("- number:") == 1 and sunday.text not in section


def test_markdown_and_html_reports_open_with_the_pages_glance_line(story) -> None:  # type: ignore[no-untyped-def]
    from storylens.output.html import report_html

    articles, comparison = story
    by_id = {a.id: a for a in articles}
    line = (
        "At a glance: 2 independent sources (+1 republished) · 1 fact all report · none disputed"
        " · 1 reported by one source."
    )
    assert line in comparison_to_markdown(comparison, by_id).split("\n\n")[:3]
    assert f"<p>{line}</p>" in report_html([comparison], by_id)


def test_a_sentence_cut_from_a_longer_quote_is_shown_with_the_mark_it_lacks() -> None:
    assert balanced("“This is not a paperwork problem.") == "“This is not a paperwork problem.”"
    assert balanced("It is a climate problem,” said Vera Ruiz.") == (
        "“It is a climate problem,” said Vera Ruiz."
    )
    assert balanced('"When the dust settles, he will be cleared.') == (
        '"When the dust settles, he will be cleared."'
    )
    assert balanced('off this balcony."') == '"off this balcony."'
    assert balanced("« Nous restons ouverts.") == "« Nous restons ouverts.»"
    # Balanced already, or no quote at all: unchanged.
    for text in ("He said “yes” twice.", 'She called it "a gift".', "No quote here."):
        assert balanced(text) == text


def test_reports_show_a_claim_cut_from_a_quote_with_its_closing_mark() -> None:
    body = "“Half the shops hang by a thread. We need the lanes,” said Ana Ruiz."
    article = Article(id="q", source="q.html", body=body, outlet="Ledger")
    first = article.span(0, body.index(" We"))
    comparison = Comparison(
        story_id="s",
        article_ids=["q"],
        claims=[Claim(first.text, [first], ["Ledger"], False)],
        quotes=[],
        summary=[first],
    )
    markdown = comparison_to_markdown(comparison, {"q": article})
    assert "- “Half the shops hang by a thread.” [Ledger]" in markdown
    assert comparison_to_dict(comparison, {"q": article})["claims"][0]["text"] == first.text


def test_markdown_shows_a_wording_diff_only_where_the_words_differ() -> None:
    quoted = Article(id="q", source="q.txt", body="Fees were a gift to the pier", outlet="Courier")
    prose = Article(id="p", source="p.txt", body="fees were a gift to the pier.", outlet="Ledger")
    other = Article(id="o", source="o.txt", body="Fees were a loan to the pier.", outlet="Post")
    renderings = [QuoteRendering.of(a.span(0, len(a.body))) for a in (quoted, prose, other)]
    comparison = Comparison(
        story_id="s",
        article_ids=["q", "p", "o"],
        claims=[],
        quotes=[QuoteMatch("Ana Ruiz", renderings)],
        summary=[],
    )
    text = comparison_to_markdown(comparison, {a.id: a for a in (quoted, prose, other)})
    assert text.count("wording vs. the first") == 1
    assert "~~gift~~ **loan**" in text
