"""The story page's view of a comparison report: columns, marked bodies, claims, quotes.

Everything is read from the report dict (the JSON the API serves), so keys the compare
stage adds later are shown generically instead of breaking the page. Texts stay plain
strings here; the template escapes them.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from storylens.compare.quotes import reworded
from storylens.quotemarks import balanced
from storylens.serve.glance import Glance, glance
from storylens.serve.sections import (
    ConflictView,
    CoverageView,
    EntityView,
    FramingView,
    TimelineRow,
    conflict_spans,
    conflict_views,
    coverage_views,
    dispute_question,
    entity_views,
    framing_views,
    timeline_rows,
)
from storylens.serve.security import safe_link
from storylens.wording import sources_phrase

KNOWN_STORY_KEYS = {
    "id",
    "articles",
    "summary",
    "claims",
    "quotes",
    "conflicts",
    "timeline",
    "entities",
    "unconfirmed",
    "coverage",
    "framing",
    "copies",
}
CLAIM_KINDS = ("shared", "single", "conflict")
QUOTE_MARKS = "\"'“”‘’«»„‚"
# Extra values longer than this are cut on the page (the JSON export keeps them whole).
MAX_EXTRA_CHARS = 300


@dataclass(slots=True)
class Segment:
    text: str
    marks: list[str]  # ids of the claims / quote renderings covering this text
    kind: str  # "" (unmarked), or the strongest claim kind covering it, or "quote"
    anchor: str = ""  # the id a claim's evidence links to, where a claim's sentence starts


@dataclass(slots=True)
class ArticleView:
    id: str
    outlet: str
    title: str
    published: str
    link: str | None
    copy_of: str | None  # the outlet of the original it republishes
    segments: list[Segment]


@dataclass(slots=True)
class Column:
    """One independent outlet: its own articles, and the copies other outlets printed of
    them (collapsed on the page)."""

    outlet: str
    anchor: str  # the column's id on the page
    articles: list[ArticleView] = field(default_factory=list)
    copies: list[ArticleView] = field(default_factory=list)

    @property
    def copy_outlets(self) -> list[str]:
        return list(dict.fromkeys(copy.outlet for copy in self.copies))


@dataclass(slots=True)
class Evidence:
    """One outlet's own sentence under a claim, verbatim, and the id of its span in that
    outlet's text."""

    outlet: str
    text: str
    anchor: str
    same: bool  # the very words of the claim as the page shows it

    @property
    def opens_quoted(self) -> bool:
        """The sentence, as shown, opens with a quotation mark (the page adds none around
        it)."""
        return balanced(self.text)[:1] in QUOTE_MARKS


@dataclass(slots=True)
class ClaimView:
    mark: str
    text: str
    kind: str
    outlets: list[str]
    extras: list[tuple[str, str]]
    republished: list[str] = field(default_factory=list)  # outlets printing a copy
    evidence: list[Evidence] = field(default_factory=list)  # each outlet's sentence, if shared
    disputed: list[str] = field(default_factory=list)  # what the outlets disagree on in it
    filters: str = ""  # the filters that keep it: "shared disputed o1 o2"
    # Where its sentences are ("article:start" of each source): the page tells a fact new
    # since a reader's last visit by none of these having been shown before (storylive.js).
    facts: str = ""

    @property
    def evidence_shown(self) -> list[Evidence]:
        """The evidence a reader sees at once: the claim's own words (named in a line) and
        the first outlet's that differ; the rest are folded."""
        same = [e for e in self.evidence if e.same][:1]
        other = [e for e in self.evidence if not e.same][:1]
        return [e for e in self.evidence if e in same or e in other]

    @property
    def evidence_folded(self) -> list[Evidence]:
        shown = self.evidence_shown
        return [e for e in self.evidence if e not in shown]


@dataclass(slots=True)
class UnconfirmedView:
    """A sentence neither matched nor single-source, beside the nearest of other outlets."""

    outlet: str
    text: str
    nearest: list[tuple[str, str]]  # (outlet, sentence)


@dataclass(slots=True)
class Rendering:
    mark: str
    outlet: str
    text: str
    diff: list[tuple[str, str]]  # word diff against the first rendering; empty for it
    quoted: bool = True  # in the outlet's quote marks; else reported speech or its prose


@dataclass(slots=True)
class QuoteView:
    speaker: str
    renderings: list[Rendering]
    republished: list[str] = field(default_factory=list)
    # False when the quote before it has the same speaker: the page names a speaker once
    # over their run of quotes (a statement quoted sentence by sentence reads as one).
    new_speaker: bool = True


@dataclass(slots=True)
class StoryView:
    id: str
    title: str
    first: str
    last: str
    columns: list[Column]
    claims: list[ClaimView]
    quotes: list[QuoteView]
    summary: list[tuple[str, str]]  # (sentence, outlet)
    timeline: list[TimelineRow]  # one row per event
    conflicts: list[ConflictView]
    entities: list[EntityView]
    extras: list[tuple[str, list[list[tuple[str, str]]]]]  # (key, items of (field, value))
    unconfirmed: list[UnconfirmedView] = field(default_factory=list)
    sources: str = ""  # "2 independent sources (+4 republished)"
    coverage: list[CoverageView] = field(default_factory=list)
    framing: list[FramingView] = field(default_factory=list)
    glance: Glance = field(default_factory=lambda: Glance("", []))

    @property
    def claim_groups(self) -> list[tuple[str, list[ClaimView]]]:
        """The claims as a reader looks for them: those several outlets report, then those
        only one does, outlet by outlet; each claim once."""
        groups: dict[str, list[ClaimView]] = {}
        for claim in self.claims:
            alone = claim.kind == "single" and len(claim.outlets) <= 1
            title = f"Only in {claim.outlets[0]}" if alone and claim.outlets else ""
            title = title or ("Reported by one outlet" if alone else "Reported by several outlets")
            groups.setdefault(title, []).append(claim)
        return list(groups.items())

    @property
    def filters(self) -> list[tuple[str, str, int]]:
        """(key, label, claims it keeps) of the claim filters worth offering: by kind, then
        by independent outlet; none where every claim would stay."""
        total = len(self.claims)
        found = []
        for key, label in (
            ("shared", "Several outlets"),
            ("single", "One outlet"),
            ("disputed", "Disputed"),
        ):
            kept = sum(1 for claim in self.claims if key in claim.filters.split())
            if kept > 0:
                found.append((key, label, kept))
        return found if len(self.claims) > 1 and any(n < total for _, _, n in found) else []

    @property
    def outlet_filters(self) -> list[tuple[str, str, int]]:
        """(key, outlet, claims it reports) for each independent outlet's filter."""
        if sum(1 for c in self.columns if c.articles) < 2:
            return []
        return [
            (key, column.outlet, sum(1 for c in self.claims if key in c.filters.split()))
            for column in self.columns
            if column.articles
            for key in [column.anchor.replace("outlet-", "o")]
        ]


def outlet_of(article: dict[str, Any]) -> str:
    # The same label as compare.outlet_label, read from the report's article dict.
    outlet = str(article.get("outlet") or "").strip()
    return outlet or f"unknown outlet ({article.get('source')})"


def claim_kind(claim: dict[str, Any]) -> str:
    """shared / single / conflict, from an explicit kind or the report's flags."""
    kind = claim.get("kind") or claim.get("status")
    if kind in CLAIM_KINDS:
        return str(kind)
    if claim.get("conflict") or claim.get("conflicts"):
        return "conflict"
    return "shared" if claim.get("shared") else "single"


def story_view(report: dict[str, Any]) -> StoryView:
    story = report["stories"][0]
    articles = {a["id"]: a for a in report["articles"]}
    claims = [_claim_view(i, claim, articles) for i, claim in enumerate(story.get("claims") or [])]
    copies = _copies(story, articles)
    marks: dict[str, list[tuple[int, int, str, str]]] = {}
    for claim, view in zip(story.get("claims") or [], claims, strict=True):
        for source in claim.get("sources") or []:
            _add_mark(marks, source, view.mark, view.kind)
    for mark, span in conflict_spans(story):
        _add_mark(marks, span, mark, "conflict")
    anchors = _evidence(story.get("claims") or [], claims, articles)
    quotes = _quote_views(story.get("quotes") or [], articles, marks)
    dates = sorted(str(a["published"]) for a in articles.values() if a.get("published"))
    order = story.get("articles") or list(articles)
    columns = _columns(order, articles, marks, copies, anchors)
    conflicts = conflict_views(story, articles, outlet_of)
    _filters(claims, columns, story)
    present = [i for i in order if i in articles]
    return StoryView(
        id=str(story["id"]),
        title=next((str(a["title"]) for a in articles.values() if a.get("title")), "Untitled"),
        first=dates[0] if dates else "",
        last=dates[-1] if dates else "",
        columns=columns,
        sources=_sources(order, copies),
        glance=glance(
            (len(present), sum(1 for i in present if i in copies)),
            [(c.outlet, c.anchor, len(c.copies)) for c in columns if c.articles],
            [claim.outlets for claim in claims],
            len(conflicts),
        ),
        claims=claims,
        quotes=quotes,
        summary=[
            (str(s.get("text", "")), outlet_of(articles.get(s.get("article"), {})))
            for s in story.get("summary") or []
        ],
        timeline=timeline_rows(story, articles, outlet_of),
        conflicts=conflicts,
        entities=entity_views(story),
        extras=[(k, _items(v)) for k, v in story.items() if k not in KNOWN_STORY_KEYS],
        unconfirmed=_unconfirmed_views(story.get("unconfirmed") or [], articles),
        coverage=coverage_views(story),
        framing=framing_views(story, outlet_of, articles),
    )


def _evidence(
    found: list[dict[str, Any]], claims: list[ClaimView], articles: dict[str, dict[str, Any]]
) -> dict[str, dict[int, str]]:
    """Each shared claim's evidence: every outlet's own sentence, read from its text (the
    span the comparison aligned). Returns article -> start -> the id its evidence links to."""
    anchors: dict[str, dict[int, str]] = {}
    for claim, view in zip(found, claims, strict=True):
        spans = [s for s in claim.get("sources") or [] if isinstance(s, dict)]
        if len(spans) < 2:
            continue
        for n, span in enumerate(spans):
            article = articles.get(str(span.get("article")))
            start, end = span.get("start"), span.get("end")
            body = str((article or {}).get("body") or "")
            if article is None or not isinstance(start, int) or not isinstance(end, int):
                continue
            if not 0 <= start < end <= len(body):
                continue
            at = anchors.setdefault(str(span.get("article")), {})
            anchor = at.setdefault(start, f"e-{view.mark}-{n}")
            text = body[start:end]
            same = " ".join(text.split()) == " ".join(view.text.split())
            view.evidence.append(Evidence(outlet_of(article), text, anchor, same))
    return anchors


def _filters(claims: list[ClaimView], columns: list[Column], story: dict[str, Any]) -> None:
    """What each claim's filters keep: its kind, disputed, and its outlets' columns."""
    keys = {c.outlet: c.anchor.replace("outlet-", "o") for c in columns if c.articles}
    disputed: dict[int, list[str]] = {}
    for conflict in story.get("conflicts") or []:
        if isinstance(conflict, dict) and isinstance(conflict.get("claim"), int):
            values = [
                str((conflict.get(f"{side}_value") or {}).get("text", ""))
                for side in ("first", "second")
            ]
            question = dispute_question(str(conflict.get("kind")), values)
            asked = disputed.setdefault(conflict["claim"], [])
            if question not in asked:
                asked.append(question)
    for index, claim in enumerate(claims):
        claim.disputed = disputed.get(index, [])
        several = len(claim.outlets) > 1
        tokens = ["shared" if several else "single"]
        tokens += ["disputed"] if claim.disputed or claim.kind == "conflict" else []
        tokens += [keys[o] for o in claim.outlets if o in keys]
        claim.filters = " ".join(dict.fromkeys(tokens))


def _unconfirmed_views(
    items: list[dict[str, Any]], articles: dict[str, dict[str, Any]]
) -> list[UnconfirmedView]:
    def outlet(span: dict[str, Any]) -> str:
        return outlet_of(articles.get(str(span.get("article")), {}))

    return [
        UnconfirmedView(
            outlet(item.get("source") or {}),
            str((item.get("source") or {}).get("text", "")),
            [(outlet(n), str(n.get("text", ""))) for n in item.get("nearest") or []],
        )
        for item in items
        if isinstance(item, dict)
    ]


def _republished(spans: Any, articles: dict[str, dict[str, Any]]) -> list[str]:
    """The outlets whose copies print the words, once each."""
    if not isinstance(spans, list):
        return []
    names = (
        outlet_of(articles.get(str(s.get("article")), {})) for s in spans if isinstance(s, dict)
    )
    return list(dict.fromkeys(names))


def _claim_view(
    index: int, claim: dict[str, Any], articles: dict[str, dict[str, Any]]
) -> ClaimView:
    known = {"text", "shared", "sources", "outlets", "kind", "status", "republished"}
    return ClaimView(
        mark=f"c{index}",
        text=str(claim.get("text", "")),
        kind=claim_kind(claim),
        outlets=[str(o) for o in claim.get("outlets") or []],
        extras=[(k, _short(v)) for k, v in claim.items() if k not in known],
        republished=_republished(claim.get("republished"), articles),
        facts=" ".join(
            f"{span.get('article')}:{span.get('start')}"
            for span in claim.get("sources") or []
            if isinstance(span, dict) and isinstance(span.get("start"), int)
        ),
    )


def _add_mark(
    marks: dict[str, list[tuple[int, int, str, str]]], span: dict[str, Any], mark: str, kind: str
) -> None:
    start, end = span.get("start"), span.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        marks.setdefault(str(span.get("article")), []).append((start, end, mark, kind))


def _quote_views(
    quotes: list[dict[str, Any]],
    articles: dict[str, dict[str, Any]],
    marks: dict[str, list[tuple[int, int, str, str]]],
) -> list[QuoteView]:
    views: list[QuoteView] = []
    for i, match in enumerate(quotes):
        renderings = []
        spans = match.get("renderings") or []
        first = str(spans[0].get("text", "")) if spans else ""
        for j, span in enumerate(spans):
            mark, text = f"q{i}-{j}", str(span.get("text", ""))
            _add_mark(marks, span, mark, "quote")
            diff = reworded(first, text) if j else []
            outlet = outlet_of(articles.get(span.get("article"), {}))
            quoted = span.get("kind", "direct") == "direct"
            renderings.append(Rendering(mark, outlet, text, diff, quoted))
        speaker = str(match.get("speaker") or "Unattributed")
        views.append(
            QuoteView(
                speaker,
                renderings,
                _republished(match.get("republished"), articles),
                not views or views[-1].speaker != speaker,
            )
        )
    return views


def _copies(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Copy id -> original id: as the comparison collapsed them, else (a report without
    `copies`) as grouping linked them."""
    found = story.get("copies")
    if isinstance(found, dict):
        return {str(k): str(v) for k, v in found.items()}
    return {i: str(a["copy_of"]) for i, a in articles.items() if a.get("copy_of") in articles}


def _sources(order: list[str], copies: dict[str, str]) -> str:
    return sources_phrase(len(order), sum(1 for i in order if i in copies))


def _columns(
    order: list[str],
    articles: dict[str, dict[str, Any]],
    marks: dict[str, list[tuple[int, int, str, str]]],
    copies: dict[str, str],
    anchors: dict[str, dict[int, str]] | None = None,
) -> list[Column]:
    """One column per independent outlet, in the story's order; a copy goes under the
    column of the outlet it republishes."""
    columns: dict[str, Column] = {}
    placed = [i for i in order if i in articles]
    for article_id in sorted(placed, key=lambda i: copies.get(i) in articles):
        article = articles[article_id]
        original = articles.get(copies.get(article_id, ""))
        home = outlet_of(original if original is not None else article)
        if home not in columns:
            columns[home] = Column(home, f"outlet-{len(columns) + 1}")
        view = ArticleView(
            id=article_id,
            outlet=outlet_of(article),
            title=str(article.get("title") or "(no title)"),
            published=str(article.get("published") or "date unknown"),
            link=safe_link(article.get("url")),
            copy_of=home if original is not None else None,
            segments=segments(
                str(article.get("body") or ""),
                marks.get(article_id, []),
                (anchors or {}).get(article_id, {}),
            ),
        )
        (columns[home].copies if original is not None else columns[home].articles).append(view)
    return list(columns.values())


# A segment covered by several marks takes the strongest kind's colour.
_RANK = {"": 0, "quote": 1, "single": 2, "shared": 3, "conflict": 4}


def segments(
    body: str, marks: list[tuple[int, int, str, str]], anchors: dict[int, str] | None = None
) -> list[Segment]:
    """`body` cut at every mark boundary; each piece lists the marks covering it, and the
    id evidence links to where `anchors` has one for its start."""
    cuts = sorted({0, len(body)} | {min(p, len(body)) for s, e, _, _ in marks for p in (s, e)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        if start >= end:
            continue
        covering = [(m, k) for s, e, m, k in marks if s <= start and end <= e]
        kind = max((k for _, k in covering), key=_RANK.__getitem__, default="")
        anchor = (anchors or {}).get(start, "") if covering else ""
        pieces.append(Segment(body[start:end], [m for m, _ in covering], kind, anchor))
    return pieces


def _items(value: Any) -> list[list[tuple[str, str]]]:
    """A value the page does not know, as items of (field, text) pairs."""
    values = value if isinstance(value, list) else [value]
    items = []
    for item in values:
        if isinstance(item, dict):
            items.append([(str(k), _short(v)) for k, v in item.items()])
        else:
            items.append([("", _short(item))])
    return items


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_EXTRA_CHARS else text[: MAX_EXTRA_CHARS - 1] + "…"
