"""A self-contained HTML report of compared stories, safe to mail to a colleague.

One file: no script, no external asset, no link followed. Every piece of article text goes
through `esc` (`html.escape` with quotes), so it can only ever be text; a Content Security
Policy forbids scripts, remote loads and form posts should an escaping bug let markup in.
Article URLs are shown as text, never as links.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from storylens.compare.outlets import outlet_label
from storylens.compare.quotes import diff_bases, quote_diff, span_languages
from storylens.compare.timeline_events import events
from storylens.output.markdown import glance_line
from storylens.output.sections import republished_by
from storylens.quotemarks import balanced
from storylens.records import Article, Comparison, QuoteMatch, Span, TimelineItem
from storylens.wording import sources_phrase

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "form-action 'none'; base-uri 'none'"
)
STYLE = """
body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
.src{color:#666;font-size:.85em}del{background:#fdd}ins{background:#dfd;text-decoration:none}
.conflict b{background:#ffe08a}
"""
MAX_ROWS = 40
Label = Callable[[str], str]  # article id -> outlet label


def esc(text: object) -> str:
    """Text as inert HTML: markup characters and both quote marks escaped."""
    return escape(str(text), quote=True)


def report_html(comparisons: list[Comparison], articles: dict[str, Article]) -> str:
    """The whole document: one section per story."""
    title = "storylens comparison"
    body = "\n".join(_story(comparison, articles) for comparison in comparisons)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def _story(comparison: Comparison, articles: dict[str, Article]) -> str:
    story = [articles[i] for i in comparison.article_ids if i in articles]

    def label(article_id: str) -> str:
        article = articles.get(article_id)
        return outlet_label(article) if article else f"article {article_id}"

    heading = next((a.title for a in story if a.title), None) or f"Story {comparison.story_id}"
    parts = [
        f"<section><h1>{esc(heading)}</h1>",
        f"<p>Story {esc(comparison.story_id)}: "
        f"{esc(sources_phrase(len(story), len(comparison.copies)))}.</p>",
        f"<p>At a glance: {esc(glance_line(comparison, story))}.</p>",
        _outlets(story),
        _list(
            "Summary",
            [f"{esc(balanced(s.text))} {_src(label(s.article))}" for s in comparison.summary],
        ),
        _list(
            "Reported by several outlets",
            [
                "<br>".join(f"{esc(balanced(s.text))} {_src(label(s.article))}" for s in c.sources)
                + _republished(c.republished, label)
                for c in comparison.claims
                if c.shared
            ],
        ),
        _list(
            "Where outlets disagree",
            [
                f'<span class="conflict">{esc(c.kind)}: <b>{esc(c.first_value.text)}</b> '
                f"{_src(label(c.first.article))} vs. <b>{esc(c.second_value.text)}</b> "
                f"{_src(label(c.second.article))}</span><br>{esc(c.first.text)}<br>"
                f"{esc(c.second.text)}"
                for c in comparison.conflicts
            ],
        ),
        _list(
            "Reported by one outlet only",
            [
                f"{esc(balanced(c.text))} {_src(', '.join(c.outlets))}"
                + _republished(c.republished, label)
                for c in comparison.claims
                if not c.shared
            ],
        ),
        _list(
            "Not confirmed either way (compare the nearest sentences yourself)",
            [
                f"{esc(u.source.text)} {_src(label(u.source.article))}"
                + "".join(f"<br>nearest: {esc(n.text)} {_src(label(n.article))}" for n in u.nearest)
                for u in comparison.unconfirmed
            ],
        ),
        _quotes(comparison.quotes, label, articles),
        _list(
            "Timeline",
            [_event(told, label) for told in events(comparison.timeline)],
        ),
        _entities(comparison),
        _framing(comparison),
        "</section>",
    ]
    return "\n".join(part for part in parts if part)


def _event(told: list[TimelineItem], label: Label) -> str:
    """One event: its date, the first outlet's sentence, and every outlet that dates it."""
    item = told[0]
    outlets = ", ".join(dict.fromkeys(label(t.sentence.article) for t in told))
    return (
        f"<b>{esc(item.date)}</b> ({esc(item.precision)}, “{esc(item.when.text)}”, "
        f"{esc(item.anchor)}): {esc(item.sentence.text)} {_src(outlets)}"
    )


def _republished(spans: list[Span], label: Label) -> str:
    if not spans:
        return ""
    count, names = republished_by(spans, label)
    return f' <span class="src">(+{count} republished: {esc(", ".join(names))})</span>'


def _src(outlet: str) -> str:
    return f'<span class="src">[{esc(outlet)}]</span>'


def _list(heading: str, items: list[str]) -> str:
    if not items:
        return ""
    rows = "".join(f"<li>{item}</li>" for item in items[:MAX_ROWS])
    return f"<h2>{esc(heading)}</h2><ul>{rows}</ul>"


def _outlets(story: list[Article]) -> str:
    rows = "".join(
        f"<tr><td>{esc(outlet_label(a))}</td><td>{esc(a.published or 'unknown')}</td>"
        f"<td>{esc(a.title or '(no title)')}</td><td>{esc(a.url or '')}</td></tr>"
        for a in story
    )
    return (
        f"<table><tr><th>Outlet</th><th>Published</th><th>Title</th><th>URL</th></tr>{rows}</table>"
    )


def _quotes(matches: list[QuoteMatch], label: Label, articles: dict[str, Article]) -> str:
    blocks = []
    for match in matches[:MAX_ROWS]:
        items = []
        languages = span_languages(match.renderings, articles)
        # Diffed against the first rendering in its language; another language side by side.
        for span, base in zip(match.renderings, diff_bases(languages), strict=True):
            first = match.renderings[base].text if base is not None else ""
            shown = esc(span.text) if base is None else _diff(first, span.text)
            # Words the outlet prints without quote marks are shown without them too.
            shown = (
                f"“{shown}”" if span.quoted else f'<span class="reported">reported:</span> {shown}'
            )
            items.append(f"<li>{_src(label(span.article))} {shown}</li>")
        blocks.append(f"<h3>{esc(match.speaker or 'Unattributed')}</h3><ul>{''.join(items)}</ul>")
    return "<h2>Quotes</h2>" + "".join(blocks) if blocks else ""


def _diff(first: str, second: str) -> str:
    parts = []
    for op, words in quote_diff(first, second):
        tag = {"delete": "del", "insert": "ins"}.get(op)
        parts.append(f"<{tag}>{esc(words)}</{tag}>" if tag else esc(words))
    return " ".join(parts)


def _entities(comparison: Comparison) -> str:
    if not comparison.entities:
        return ""
    rows = "".join(
        f"<tr><td>{esc(e.name)}</td><td>{esc(e.kind)}</td>"
        f"<td>{esc(', '.join(v for v in e.variants if v != e.name))}</td>"
        f"<td>{esc(', '.join(f'{o} {n}' for o, n in e.mentions.items()))}</td></tr>"
        for e in comparison.entities[:MAX_ROWS]
    )
    return (
        "<h2>Who and what is named</h2><table><tr><th>Entity</th><th>Kind</th>"
        f"<th>Also named</th><th>Mentions</th></tr>{rows}</table>"
    )


def _framing(comparison: Comparison) -> str:
    cells = []
    for f in comparison.framing:
        verbs = ", ".join(f"{v} {n}" for v, n in f.attribution_verbs.items())
        cells.append(
            f"<td><b>{esc(f.outlet)}</b><br>{esc(f.headline or '(no headline)')}<hr>"
            f"{esc(f.lead.text if f.lead else '')}<hr>Attribution: {esc(verbs or '-')}<br>"
            f"Hedges: {esc(', '.join(dict.fromkeys(s.text for s in f.hedges)) or '-')}<br>"
            f"Loaded: {esc(', '.join(dict.fromkeys(s.text for s in f.loaded)) or '-')}</td>"
        )
    if not cells:
        return ""
    return f"<h2>How each outlet tells it</h2><table><tr>{''.join(cells)}</tr></table>"
