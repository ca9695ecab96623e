"""A readable Markdown report of one compared story.

Article text is hostile: every piece of it (titles, outlets, sentences, quotes) goes
through `escape`, which collapses it to one line and neutralises HTML and Markdown
syntax, so a page cannot inject a tag, a link, a heading or a table cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storylens.compare.outlets import outlet_label
from storylens.compare.quotes import diff_bases, quote_diff, reworded, span_languages
from storylens.output.sections import (
    MAX_ROWS,
    conflicts_section,
    coverage_section,
    entities_section,
    framing_section,
    republished_by,
    timeline_section,
)
from storylens.quotemarks import balanced
from storylens.records import Article, Claim, Comparison, QuoteMatch, Span
from storylens.wording import sources_phrase, story_glance

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~!#])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NUMBERED = re.compile(r"\d+(?=[.)])")


def escape(text: str) -> str:
    """One line of literal text: whitespace collapsed, HTML and Markdown syntax escaped."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _neutralise_start(_MARKDOWN_SPECIAL.sub(r"\\\1", flat))


def _neutralise_start(text: str) -> str:
    # Text opening with "- ", "+ " or "1." would start a list nested inside our item.
    if text[:1] in ("-", "+"):
        return "\\" + text
    number = _NUMBERED.match(text)
    return f"{text[: number.end()]}\\{text[number.end() :]}" if number else text


def comparison_to_markdown(comparison: Comparison, articles: dict[str, Article]) -> str:
    """The report: headline, outlets, summary, claims, conflicts, coverage, quotes, timeline,
    entities and framing."""
    story = [articles[i] for i in comparison.article_ids if i in articles]

    def label(article_id: str) -> str:
        return _label(article_id, articles)

    sections = [
        _headline(comparison, story),
        _outlets_table(story, articles, comparison.copies),
        _summary(comparison, articles),
        _shared_claims(comparison.claims, label),
        conflicts_section(comparison, escape, label),
        *_single_source_claims(comparison.claims, articles),
        _unconfirmed(comparison, label),
        coverage_section(comparison, escape),
        _quotes(comparison.quotes, articles),
        timeline_section(comparison, escape, label),
        entities_section(comparison, escape),
        framing_section(comparison, articles, escape),
    ]
    return "\n\n".join(section for section in sections if section)


def _label(article_id: str, articles: dict[str, Article]) -> str:
    article = articles.get(article_id)
    return outlet_label(article) if article else f"article {article_id}"


def _headline(comparison: Comparison, story: list[Article]) -> str:
    title = next((a.title for a in story if a.title and a.title.strip()), None)
    heading = escape(title) if title else f"Story {escape(comparison.story_id)}"
    phrase = sources_phrase(len(story), len(comparison.copies))
    glance = escape(glance_line(comparison, story))
    return (
        f"# {heading}\n\nStory {escape(comparison.story_id)}: {phrase}.\n\nAt a glance: {glance}."
    )


def glance_line(comparison: Comparison, story: list[Article]) -> str:
    """ "2 independent sources (+4 republished) · 4 facts all report · …", as the page says."""
    independent = [outlet_label(a) for a in story if a.id not in comparison.copies]
    return story_glance(
        (len(story), len(comparison.copies)),
        independent,
        [claim.outlets for claim in comparison.claims],
        len({(c.claim, c.kind) for c in comparison.conflicts}),
    )


def _outlets_table(
    story: list[Article], articles: dict[str, Article], copies: dict[str, str]
) -> str:
    rows = ["| Outlet | Published | Title | Note |", "| --- | --- | --- | --- |"]
    for article in story:
        note = ""
        if article.id in copies:
            note = f"republishes {escape(_label(copies[article.id], articles))}"
        rows.append(
            f"| {escape(outlet_label(article))} | {escape(article.published or 'unknown')} "
            f"| {escape(article.title or '(no title)')} | {note} |"
        )
    return "\n".join(rows)


def _summary(comparison: Comparison, articles: dict[str, Article]) -> str:
    if not comparison.summary:
        return ""
    lines = [
        f"- {escape(balanced(span.text))} [{escape(_label(span.article, articles))}]"
        for span in comparison.summary
    ]
    return "## Summary\n\n" + "\n".join(lines)


def _shared_claims(claims: list[Claim], label: Callable[[str], str]) -> str:
    """Each shared fact with every outlet's own sentence: the evidence, not one wording."""
    lines = []
    for claim in claims:
        if not claim.shared:
            continue
        lines.append(
            f"- {escape(balanced(claim.text))} [{escape(label(claim.sources[0].article))}]"
            f"{_republished(claim.republished, label)}"
        )
        lines += [
            f"  - {escape(balanced(span.text))} [{escape(label(span.article))}]"
            for span in claim.sources[1:]
        ]
    return "## Reported by several outlets\n\n" + "\n".join(lines) if lines else ""


def _republished(spans: list[Span], label: Callable[[str], str]) -> str:
    if not spans:
        return ""
    count, names = republished_by(spans, label)
    return f" (+{count} republished: {', '.join(escape(n) for n in names)})"


def _unconfirmed(comparison: Comparison, label: Callable[[str], str]) -> str:
    """Sentences another outlet's sentence comes near without a match: the reader judges."""
    if not comparison.unconfirmed:
        return ""
    lines = []
    for item in comparison.unconfirmed[:MAX_ROWS]:
        lines.append(f"- {escape(item.source.text)} [{escape(label(item.source.article))}]")
        lines += [
            f"  - nearest in {escape(label(s.article))}: {escape(s.text)}" for s in item.nearest
        ]
    return (
        "## Not confirmed either way\n\n"
        "Neither matched with another outlet nor clearly reported by one alone: compare the "
        "nearest sentences yourself.\n\n" + "\n".join(lines)
    )


def _single_source_claims(claims: list[Claim], articles: dict[str, Article]) -> list[str]:
    by_outlet: dict[str, list[str]] = {}
    for claim in claims:
        if claim.shared:
            continue
        origin, copies = _origin(claim, articles)
        copies += [_label(s.article, articles) for s in claim.republished]
        copies = list(dict.fromkeys(copies))
        line = f"- {escape(balanced(claim.text))}"
        if copies:
            line += f" (also in copies: {', '.join(escape(c) for c in copies)})"
        by_outlet.setdefault(origin, []).append(line)
    return [
        f"## Only in {escape(outlet)}\n\n" + "\n".join(lines) for outlet, lines in by_outlet.items()
    ]


def _origin(claim: Claim, articles: dict[str, Article]) -> tuple[str, list[str]]:
    """The outlet that made a single-source claim, and the outlets that copied it."""
    cited = {span.article for span in claim.sources}
    originals: list[str] = []
    copies: list[str] = []
    for span in claim.sources:
        article = articles.get(span.article)
        is_copy = article is not None and article.copy_of in cited
        (copies if is_copy else originals).append(_label(span.article, articles))
    first = originals[0] if originals else copies[0]
    return first, [c for c in dict.fromkeys(copies) if c != first]


def _quotes(matches: list[QuoteMatch], articles: dict[str, Article]) -> str:
    if not matches:
        return ""
    blocks = [_quote(match, articles) for match in matches]
    return "## Quotes\n\n" + "\n\n".join(blocks)


def _quote(match: QuoteMatch, articles: dict[str, Article]) -> str:
    lines = [f"### {escape(match.speaker or 'Unattributed')}", ""]
    shown: set[str] = set()
    bases = diff_bases(
        span_languages(match.renderings, articles)
    )  # another language is shown beside, never diffed
    for span, base in zip(match.renderings, bases, strict=True):
        text = f"“{escape(span.text)}”" if span.quoted else f"(reported) {escape(span.text)}"
        lines.append(f"- [{escape(_label(span.article, articles))}] {text}")
        first = match.renderings[base].text if base is not None else span.text
        runs = reworded(first, span.text) if span.text not in shown else []
        if runs:
            lines.append(f"  - wording vs. the first: {_render_runs(runs)}")
        shown.add(span.text)
    if match.republished:
        lines.append(f"-{_republished(match.republished, lambda i: _label(i, articles))}")
    return "\n".join(lines)


def render_diff(first: str, second: str) -> str:
    """Word diff of two renderings: ~~only in the first~~ **only in the second**."""
    return _render_runs(quote_diff(first, second))


def _render_runs(runs: list[tuple[str, str]]) -> str:
    parts = []
    for op, words in runs:
        text = escape(words)
        parts.append(f"~~{text}~~" if op == "delete" else f"**{text}**" if op == "insert" else text)
    return " ".join(parts)
