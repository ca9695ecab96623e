"""The HTML report: self-contained, and hostile article text comes out as inert text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from storylens.output.html import report_html
from storylens.records import (
    Article,
    Claim,
    Comparison,
    Conflict,
    Framing,
    QuoteMatch,
    QuoteRendering,
    StoryEntity,
    TimelineItem,
)

HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(2)> '
    "<a href=\"javascript:alert(3)\">click</a> ' onmouseover='alert(4) "
    '<style>body{display:none}</style> <iframe src="https://evil.example/"></iframe>'
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)


def _hostile_story() -> tuple[Comparison, dict[str, Article]]:
    body = f"Officials said {HOSTILE} on Tuesday. Five people were hurt."
    other = f"Police said {HOSTILE} on Monday. Seven people were hurt."
    first = Article(
        id="a1",
        source="a.html",
        body=body,
        title=HOSTILE,
        outlet=HOSTILE,
        url="javascript:alert(5)",
        published="2025-06-11",
    )
    second = Article(id="b2", source="b.html", body=other, title="Fine", outlet="Ledger")
    whole_a, whole_b = first.span(0, len(body)), second.span(0, len(other))
    hostile = first.span(15, 15 + len(HOSTILE))
    comparison = Comparison(
        story_id="s<1>",
        article_ids=["a1", "b2"],
        claims=[Claim(whole_a.text, [whole_a, whole_b], [HOSTILE, "Ledger"], True)],
        quotes=[
            QuoteMatch(
                HOSTILE, [QuoteRendering.of(whole_a), QuoteRendering.of(whole_b, "indirect")]
            )
        ],
        summary=[whole_a, whole_b],
        conflicts=[Conflict("number", 0, whole_a, whole_b, hostile, hostile)],
        entities=[StoryEntity(HOSTILE, "person", [HOSTILE, "x"], {HOSTILE: 2}, [hostile])],
        timeline=[TimelineItem("2025-06-10", "day", "published", hostile, whole_a)],
        framing=[Framing("a1", HOSTILE, HOSTILE, whole_a, 0, {HOSTILE: 1}, [hostile], [hostile])],
    )
    return comparison, {"a1": first, "b2": second}


def test_hostile_text_is_inert_and_the_page_is_self_contained() -> None:
    comparison, articles = _hostile_story()
    page = report_html([comparison], articles)
    parsed = _Collector()
    parsed.feed(page)
    # Only our own tags: article text never becomes an element or an attribute.
    assert set(parsed.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "section",
        "h1",
        "h2",
        "h3",
        "p",
        "table",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "span",
        "b",
        "br",
        "hr",
        "del",
        "ins",
    }
    assert parsed.tags.count("style") == 1 and "script" not in parsed.tags
    assert all(
        name in {"charset", "http-equiv", "content", "name", "lang", "class"}
        for name, _ in parsed.attributes
    )
    assert "javascript:" not in " ".join(v or "" for _, v in parsed.attributes)
    # No external asset or link of any kind: no src, href or action attribute above, and
    # the only URL-like text is the escaped article text.
    assert "<img" not in page and "<a " not in page and "<iframe" not in page
    # The hostile text is there, escaped, for the reader to see.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    # A CSP forbids scripts and remote loads should escaping ever fail.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None and "default-src 'none'" in csp.group(1)
    assert "script-src" not in csp.group(1)


def test_quote_renderings_show_a_word_diff() -> None:
    comparison, articles = _hostile_story()
    page = report_html([comparison], articles)
    assert "<del>Officials</del>" in page and "<ins>Police</ins>" in page
    # The second rendering is reported speech: shown as such, not in quote marks.
    assert '<span class="reported">reported:</span> ' in page
