"""The story page's view of a comparison: columns, marked bodies, claims, quotes.

Built from the typed records the comparison made (`records.Article`, `records.Comparison`),
the ones storage and the JSON report are derived from, so the page reads no JSON back.
Texts stay plain strings here; the template escapes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from storylens.compare.quotes import diff_bases, reworded, span_languages
from storylens.quotemarks import balanced
from storylens.records import Article, Claim, Comparison, QuoteMatch, Span
from storylens.serve.glance import Glance, glance
from storylens.serve.sections import (
    ConflictView,
    CoverageView,
    EntityView,
    FramingView,
    Sources,
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

QUOTE_MARKS = "\"'“”‘’«»„‚"
# Where each article's text is marked: article id -> (start, end, mark, kind) of each mark.
Marks = dict[str, list[tuple[int, int, str, str]]]


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
    translated: bool  # a copy that translates its original into another language
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
    def copies_phrase(self) -> str:
        """The folded copies in words: "+2 republished: A, B · +1 translated: C"."""
        parts = []
        for translated, word in ((False, "republished"), (True, "translated")):
            outlets = [c.outlet for c in self.copies if c.translated == translated]
            if outlets:
                parts.append(f"+{len(outlets)} {word}: {', '.join(dict.fromkeys(outlets))}")
        return " · ".join(parts)


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
    kind: str  # "shared" (two or more independent outlets) or "single"
    outlets: list[str]
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
    diff: list[tuple[str, str]]  # word diff against the first rendering in its language
    quoted: bool = True  # in the outlet's quote marks; else reported speech or its prose
    # The article's language where the quote's renderings are in several (a translation is
    # shown beside the original, never diffed word by word); "" where they share one.
    language: str = ""


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


def story_view(articles: Sequence[Article], comparison: Comparison) -> StoryView:
    """The page of one compared story: `articles` are the story's (copies included)."""
    sources = Sources({article.id: article for article in articles})
    claims = [_claim_view(i, claim, sources) for i, claim in enumerate(comparison.claims)]
    copies = _copies(comparison, sources)
    marks: Marks = {}
    for claim, view in zip(comparison.claims, claims, strict=True):
        for span in claim.sources:
            _add_mark(marks, span, view.mark, view.kind)
    for mark, span in conflict_spans(comparison):
        _add_mark(marks, span, mark, "conflict")
    anchors = _evidence(comparison.claims, claims, sources)
    quotes = _quote_views(comparison.quotes, sources, marks)
    order = [i for i in comparison.article_ids or list(sources.articles) if i in sources.articles]
    dates = sorted(a.published for a in sources.articles.values() if a.published)
    copied = sum(1 for i in order if i in copies)
    columns = _columns(order, sources, marks, copies, set(comparison.translated), anchors)
    conflicts = conflict_views(comparison, sources)
    _filters(claims, columns, comparison)
    return StoryView(
        id=comparison.story_id,
        title=next((a.title for a in articles if a.title), "Untitled"),
        first=dates[0] if dates else "",
        last=dates[-1] if dates else "",
        columns=columns,
        sources=sources_phrase(len(order), copied),
        glance=glance(
            (len(order), copied),
            [(c.outlet, c.anchor, len(c.copies)) for c in columns if c.articles],
            [claim.outlets for claim in claims],
            len(conflicts),
        ),
        claims=claims,
        quotes=quotes,
        summary=[(span.text, sources.outlet(span.article)) for span in comparison.summary],
        timeline=timeline_rows(comparison, sources),
        conflicts=conflicts,
        entities=entity_views(comparison),
        unconfirmed=[
            UnconfirmedView(
                sources.outlet(item.source.article),
                item.source.text,
                [(sources.outlet(n.article), n.text) for n in item.nearest],
            )
            for item in comparison.unconfirmed
        ],
        coverage=coverage_views(comparison),
        framing=framing_views(comparison, sources),
    )


def _evidence(
    found: list[Claim], claims: list[ClaimView], sources: Sources
) -> dict[str, dict[int, str]]:
    """Each shared claim's evidence: every outlet's own sentence, the span the comparison
    aligned. Returns article -> start -> the id its evidence links to."""
    anchors: dict[str, dict[int, str]] = {}
    for claim, view in zip(found, claims, strict=True):
        if len(claim.sources) < 2:
            continue
        for n, span in enumerate(claim.sources):
            if span.article not in sources.articles:
                continue
            anchor = anchors.setdefault(span.article, {}).setdefault(
                span.start, f"e-{view.mark}-{n}"
            )
            same = " ".join(span.text.split()) == " ".join(view.text.split())
            view.evidence.append(Evidence(sources.outlet(span.article), span.text, anchor, same))
    return anchors


def _filters(claims: list[ClaimView], columns: list[Column], comparison: Comparison) -> None:
    """What each claim's filters keep: its kind, disputed, and its outlets' columns."""
    keys = {c.outlet: c.anchor.replace("outlet-", "o") for c in columns if c.articles}
    disputed: dict[int, list[str]] = {}
    for conflict in comparison.conflicts:
        values = [conflict.first_value.text, conflict.second_value.text]
        question = dispute_question(conflict.kind, values)
        asked = disputed.setdefault(conflict.claim, [])
        if question not in asked:
            asked.append(question)
    for index, claim in enumerate(claims):
        claim.disputed = disputed.get(index, [])
        tokens = ["shared" if len(claim.outlets) > 1 else "single"]
        tokens += ["disputed"] if claim.disputed else []
        tokens += [keys[o] for o in claim.outlets if o in keys]
        claim.filters = " ".join(dict.fromkeys(tokens))


def _republished(spans: list[Span], sources: Sources) -> list[str]:
    """The outlets whose copies print the words, once each."""
    return list(dict.fromkeys(sources.outlet(span.article) for span in spans))


def _claim_view(index: int, claim: Claim, sources: Sources) -> ClaimView:
    return ClaimView(
        mark=f"c{index}",
        text=claim.text,
        kind="shared" if claim.shared else "single",
        outlets=list(claim.outlets),
        republished=_republished(claim.republished, sources),
        facts=" ".join(f"{span.article}:{span.start}" for span in claim.sources),
    )


def _add_mark(marks: Marks, span: Span, mark: str, kind: str) -> None:
    if 0 <= span.start < span.end:
        marks.setdefault(span.article, []).append((span.start, span.end, mark, kind))


def _quote_views(quotes: list[QuoteMatch], sources: Sources, marks: Marks) -> list[QuoteView]:
    views: list[QuoteView] = []
    for i, match in enumerate(quotes):
        languages = span_languages(match.renderings, sources.articles)
        several = len({(language or "")[:2] for language in languages}) > 1
        renderings = []
        for j, (span, base) in enumerate(zip(match.renderings, diff_bases(languages), strict=True)):
            mark = f"q{i}-{j}"
            _add_mark(marks, span, mark, "quote")
            diff = reworded(match.renderings[base].text, span.text) if base is not None else []
            language = (languages[j] or "unknown language") if several else ""
            outlet = sources.outlet(span.article)
            renderings.append(Rendering(mark, outlet, span.text, diff, span.quoted, language))
        speaker = match.speaker or "Unattributed"
        new_speaker = not views or views[-1].speaker != speaker
        views.append(
            QuoteView(speaker, renderings, _republished(match.republished, sources), new_speaker)
        )
    return views


def _copies(comparison: Comparison, sources: Sources) -> dict[str, str]:
    """Copy id -> original id: as the comparison collapsed them, else (a comparison stored
    before it recorded them) as grouping linked them."""
    if comparison.copies:
        return dict(comparison.copies)
    return {
        i: a.copy_of
        for i, a in sources.articles.items()
        if a.copy_of is not None and a.copy_of in sources.articles
    }


def _columns(
    order: list[str],
    sources: Sources,
    marks: Marks,
    copies: dict[str, str],
    translated: set[str],
    anchors: dict[str, dict[int, str]],
) -> list[Column]:
    """One column per independent outlet, in the story's order; a copy goes under the
    column of the outlet it republishes."""
    columns: dict[str, Column] = {}
    for article_id in sorted(order, key=lambda i: copies.get(i) in sources.articles):
        article = sources.articles[article_id]
        original = sources.articles.get(copies.get(article_id, ""))
        home = sources.outlet(original.id if original is not None else article_id)
        if home not in columns:
            columns[home] = Column(home, f"outlet-{len(columns) + 1}")
        view = ArticleView(
            id=article_id,
            outlet=sources.outlet(article_id),
            title=article.title or "(no title)",
            published=article.published or "date unknown",
            link=safe_link(article.url),
            copy_of=home if original is not None else None,
            translated=original is not None and article_id in translated,
            segments=segments(article.body, marks.get(article_id, []), anchors.get(article_id, {})),
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
