"""Markdown sections for the comparison's conflicts, coverage, entities, timeline and framing.

Every piece of article text goes through `markdown.escape` (one line, no markup).
"""

from __future__ import annotations

from collections.abc import Callable

from storylens.compare.disputes import disputes
from storylens.compare.timeline_events import events
from storylens.records import Article, Comparison, Framing, Span

Escape = Callable[[str], str]
Label = Callable[[str], str]  # article id -> outlet label
# Rows shown per section: the JSON has everything; the page stays readable.
MAX_ROWS = 30


def republished_by(spans: list[Span], label: Label) -> tuple[int, list[str]]:
    """How many copies print the words, and their outlets, once each."""
    return len({s.article for s in spans}), list(dict.fromkeys(label(s.article) for s in spans))


def conflicts_section(comparison: Comparison, escape: Escape, label: Label) -> str:
    """One entry per disputed fact (claim and kind), each value with the outlets stating it,
    then each outlet's sentence once: "number: **Five** (A, B) vs. **Seven** (C)"."""
    if not comparison.conflicts:
        return ""
    lines = []
    for found in disputes(comparison.conflicts, label)[:MAX_ROWS]:
        stated = " vs. ".join(
            f"**{escape(shown)}** ({', '.join(escape(o) for o in outlets)})"
            for shown, outlets in found.values
        )
        lines.append(f"- {found.kind}: {stated}")
        sentences = dict.fromkeys((outlet, text) for outlet, _, text in found.sides)
        lines += [f"  - {escape(text)} [{escape(outlet)}]" for outlet, text in sentences]
    return "## Where outlets disagree\n\n" + "\n".join(lines)


def coverage_section(comparison: Comparison, escape: Escape) -> str:
    if len(comparison.coverage) < 2:
        return ""
    rows = [
        "| Outlet | Claims only it reports | Claims of others it leaves out |",
        "| --- | ---: | ---: |",
    ]
    for entry in comparison.coverage:
        rows.append(f"| {escape(entry.outlet)} | {len(entry.only_here)} | {len(entry.left_out)} |")
    return "## Coverage per outlet\n\n" + "\n".join(rows)


def entities_section(comparison: Comparison, escape: Escape) -> str:
    if not comparison.entities:
        return ""
    rows = ["| Entity | Kind | Also named | Mentions per outlet |", "| --- | --- | --- | --- |"]
    for entity in comparison.entities[:MAX_ROWS]:
        others = ", ".join(escape(v) for v in entity.variants if v != entity.name)
        mentions = ", ".join(f"{escape(o)} {n}" for o, n in entity.mentions.items())
        rows.append(f"| {escape(entity.name)} | {entity.kind} | {others} | {mentions} |")
    return "## Who and what is named\n\n" + "\n".join(rows)


def timeline_section(comparison: Comparison, escape: Escape, label: Label) -> str:
    if not comparison.timeline:
        return ""
    lines = []
    for told in events(comparison.timeline)[:MAX_ROWS]:
        item = told[0]
        how = "" if item.anchor == "explicit" else f", from the {item.anchor} date"
        outlets = ", ".join(dict.fromkeys(escape(label(i.sentence.article)) for i in told))
        lines.append(
            f"- **{_shown_date(item.date, item.precision)}** "
            f"“{escape(item.when.text)}”{how}: {escape(item.sentence.text)} [{outlets}]"
        )
    return "## Timeline\n\n" + "\n".join(lines)


def _shown_date(iso: str, precision: str) -> str:
    """The date as precise as the words were: 2010, 2013-12, week of 2014-01-13."""
    if precision == "year":
        return iso[:4]
    if precision == "month":
        return iso[:7]
    return f"week of {iso}" if precision == "week" else iso


def framing_section(comparison: Comparison, articles: dict[str, Article], escape: Escape) -> str:
    if not comparison.framing:
        return ""
    blocks = [_framing(f, comparison, escape) for f in comparison.framing if f.article in articles]
    return "## How each outlet tells it\n\n" + "\n\n".join(blocks)


def _framing(framing: Framing, comparison: Comparison, escape: Escape) -> str:
    first = "-"
    if framing.first_claim is not None:
        claim = comparison.claims[framing.first_claim]
        first = "a claim several outlets report" if claim.shared else "a claim only it reports"
    verbs = ", ".join(f"{escape(v)} {n}" for v, n in framing.attribution_verbs.items()) or "-"
    return "\n".join(
        [
            f"### {escape(framing.outlet)}",
            "",
            f"- Headline: {escape(framing.headline or '(none)')}",
            f"- Lead: {escape(framing.lead.text) if framing.lead else '-'}",
            f"- Opens with: {first}",
            f"- Attribution verbs: {verbs}",
            f"- Hedges: {_words(framing.hedges, escape)}",
            f"- Loaded words: {_words(framing.loaded, escape)}",
        ]
    )


def _words(spans: list[Span], escape: Escape) -> str:
    return ", ".join(dict.fromkeys(escape(span.text) for span in spans)) or "-"
