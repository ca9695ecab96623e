"""The story page's views of the report's version 2 sections: conflicts, timeline, entities,
coverage and framing, in words a reader reads (counts and sentences, never claim numbers).

Read from the report dict like the rest of the page (`view.py`); a report without these
keys (version 1) gives empty sections, never an error.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ArticleIndex = dict[str, dict[str, Any]]
OutletOf = Callable[[dict[str, Any]], str]
# The question a reader asks, for each kind of disagreement the comparison finds.
DISPUTE_WORDS = {
    "number": "How many",
    "date": "When",
    "name": "Who",
    "attribution": "Who said it",
    "place": "Where",
}


@dataclass(slots=True)
class ConflictView:
    mark: str
    kind: str  # what differs: number, date, name, attribution
    values: list[tuple[str, list[str]]]  # each value stated, with the outlets stating it
    sides: list[tuple[str, str, str]]  # (outlet, value, sentence), each once

    @property
    def question(self) -> str:
        """What is disputed, as a reader asks it ("How many")."""
        return DISPUTE_WORDS.get(self.kind, self.kind.capitalize() or "Disputed")

    @property
    def marked_sides(self) -> list[tuple[str, str, str, str]]:
        """(outlet, before, value, after): each side's sentence cut around its value."""
        marked = []
        for outlet, value, sentence in self.sides:
            at = sentence.find(value) if value else -1
            if at < 0:
                marked.append((outlet, sentence, "", ""))
            else:
                end = at + len(value)
                marked.append((outlet, sentence[:at], value, sentence[end:]))
        return marked


@dataclass(slots=True)
class EntityView:
    name: str
    kind: str
    variants: list[str]
    mentions: list[tuple[str, int]]  # (outlet, count), most first


def conflict_views(
    story: dict[str, Any], articles: ArticleIndex, outlet_of: OutletOf
) -> list[ConflictView]:
    """One entry per disputed fact, not per pair of articles: "Five — Daily Courier, Lakeshore
    Gazette · Seven — Northern Ledger"."""
    views = []
    for index, conflicts in enumerate(_conflict_groups(story)):
        values: dict[str, tuple[str, list[str]]] = {}  # "five" -> ("Five", outlets)
        sides: dict[tuple[str, str, str], None] = {}
        for conflict in conflicts:
            for side in ("first", "second"):
                span = conflict.get(side) or {}
                value = str((conflict.get(f"{side}_value") or {}).get("text", ""))
                outlet = outlet_of(articles.get(str(span.get("article")), {}))
                _, named = values.setdefault(value.lower(), (value, []))
                if outlet not in named:
                    named.append(outlet)
                sides[(outlet, value, str(span.get("text", "")))] = None
        kind = str(conflicts[0].get("kind") or "")
        views.append(ConflictView(f"x{index}", kind, list(values.values()), list(sides)))
    return views


def conflict_spans(story: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(mark, span) for both sides of every conflict, to highlight them in the bodies."""
    return [
        (f"x{index}", conflict[side])
        for index, conflicts in enumerate(_conflict_groups(story))
        for conflict in conflicts
        for side in ("first", "second")
        if isinstance(conflict.get(side), dict)
    ]


def _conflict_groups(story: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The report's conflicts (one per pair of articles) grouped per fact: claim and kind."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for conflict in _dicts(story.get("conflicts")):
        key = (str(conflict.get("claim")), str(conflict.get("kind")))
        groups.setdefault(key, []).append(conflict)
    return list(groups.values())


@dataclass(slots=True)
class TimelineRow:
    """One event of the story: a date and the fact told of it, once however many outlets and
    copies tell it."""

    date: str  # ISO, for <time datetime>
    when: str  # as a reader reads it, at the date's precision: "2023", "3 March 2025"
    text: str  # the sentence, as an independent outlet wrote it where one did
    outlets: list[str]  # the independent outlets telling it
    republished: list[str] = field(default_factory=list)  # outlets of copies printing it
    wordings: list[tuple[str, str]] = field(default_factory=list)  # (outlet, its own words)


_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_WORDS = re.compile(r"\w+")
# Two dated sentences of an original and its copy are one event when this share of their
# words is common (an agency's copy trims a dateline or a credit, not the fact).
COPY_OVERLAP = 0.6


def timeline_rows(
    story: dict[str, Any], articles: ArticleIndex, outlet_of: OutletOf
) -> list[TimelineRow]:
    """One row per event, in date order: the report's dated sentences (one per article that
    prints them) merged when they carry the same date and tell the same fact: the same
    words, sentences of one claim, or a copy's sentence and its original's. When the report
    has no timeline, the articles' publication dates stand in."""
    events = [e for e in _dicts(story.get("timeline")) if isinstance(e.get("sentence"), dict)]
    if not events:
        dated = sorted((a for a in articles.values() if a.get("published")), key=_published)
        return [
            TimelineRow(
                _published(a)[:10], _published(a)[:10], str(a.get("title") or ""), [outlet_of(a)]
            )
            for a in dated
        ]
    found = story.get("copies")
    copies = {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}
    claim_of = _claim_spans(story)
    facts = []
    for event in events:
        sentence = event["sentence"]
        article, text = str(sentence.get("article")), str(sentence.get("text", ""))
        facts.append(
            _Dated(
                str(event.get("date") or ""),
                str(event.get("precision") or "day"),
                article,
                text,
                _words(text),
                _claim_at(claim_of, article, sentence.get("start"), sentence.get("end")),
                copies.get(article, article),
            )
        )
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(facts)), 2):
        if facts[i].same_event(facts[j]):
            parent[root(j)] = root(i)
    merged: dict[int, list[_Dated]] = {}
    for i, fact in enumerate(facts):
        merged.setdefault(root(i), []).append(fact)
    order = {article: n for n, article in enumerate(story.get("articles") or [])}
    rows = []
    for members in merged.values():
        members.sort(key=lambda f: (f.article in copies, order.get(f.article, len(order))))
        first = members[0]
        outlets: dict[str, str] = {}  # independent outlet -> its words
        reprinted: dict[str, None] = {}
        for fact in members:
            outlet = outlet_of(articles.get(fact.article, {}))
            if fact.article in copies:
                reprinted[outlet] = None
            else:
                outlets.setdefault(outlet, fact.text)
        if not outlets:  # only copies print it
            outlets = dict.fromkeys(reprinted, first.text)
        rows.append(
            TimelineRow(
                first.date,
                _when(first.date, first.precision),
                first.text,
                list(outlets),
                [o for o in reprinted if o not in outlets],
                [(o, t) for o, t in outlets.items() if _words(t) != first.words],
            )
        )
    return sorted(rows, key=lambda row: row.date)


@dataclass(slots=True)
class _Dated:
    """A dated sentence of the report's timeline, as the merging reads it."""

    date: str
    precision: str
    article: str
    text: str
    words: tuple[str, ...]
    claim: int | None  # the claim its sentence belongs to, if any
    original: str  # the article it is, or the original it copies

    def same_event(self, other: _Dated) -> bool:
        """The same date and the same fact: one claim's sentences, the same words, or an
        original's sentence and its copy's (or two copies') with most words in common."""
        if self.date != other.date:
            return False
        if (self.claim is not None and self.claim == other.claim) or self.words == other.words:
            return True
        if self.original != other.original or not self.words or not other.words:
            return False
        mine, theirs = set(self.words), set(other.words)
        return len(mine & theirs) >= COPY_OVERLAP * max(len(mine), len(theirs))


def _claim_spans(story: dict[str, Any]) -> dict[str, list[tuple[int, int, int]]]:
    """article -> (start, end, claim) of every sentence a claim aligned, copies included."""
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for index, claim in enumerate(_dicts(story.get("claims"))):
        for span in [*_dicts(claim.get("sources")), *_dicts(claim.get("republished"))]:
            start, end = span.get("start"), span.get("end")
            if isinstance(start, int) and isinstance(end, int):
                spans.setdefault(str(span.get("article")), []).append((start, end, index))
    return spans


def _claim_at(
    spans: dict[str, list[tuple[int, int, int]]], article: str, start: Any, end: Any
) -> int | None:
    """The claim whose sentence overlaps the span most, if any does."""
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    best, overlap = None, 0
    for s, e, claim in spans.get(article, []):
        common = min(e, end) - max(s, start)
        if common > overlap:
            best, overlap = claim, common
    return best


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(text.lower()))


def _when(day: str, precision: str) -> str:
    """The date at its precision, as a reader reads it."""
    try:
        year, month, date = (int(part) for part in day[:10].split("-"))
        name = _MONTH_NAMES[month - 1]
    except (ValueError, IndexError):
        return day
    if precision == "year":
        return str(year)
    if precision == "month":
        return f"{name} {year}"
    if precision == "week":
        return f"week of {date} {name} {year}"
    return f"{date} {name} {year}"


def entity_views(story: dict[str, Any]) -> list[EntityView]:
    views = []
    for entity in _dicts(story.get("entities")):
        found = entity.get("mentions")
        mentions: dict[str, Any] = found if isinstance(found, dict) else {}
        counts = sorted(
            ((str(outlet), int(n)) for outlet, n in mentions.items() if isinstance(n, int)),
            key=lambda item: (-item[1], item[0]),
        )
        views.append(
            EntityView(
                name=str(entity.get("name") or ""),
                kind=str(entity.get("kind") or ""),
                variants=[str(v) for v in entity.get("variants") or [] if v != entity.get("name")],
                mentions=counts,
            )
        )
    return views


@dataclass(slots=True)
class CoverageView:
    outlet: str
    only_here: int  # facts this outlet alone reports
    left_out: int  # facts others report that it does not


@dataclass(slots=True)
class FramingView:
    outlet: str
    headline: str
    opens_with: str  # in words: what its lead is
    verbs: list[tuple[str, int]]
    hedges: list[str]
    loaded: list[str]


def coverage_views(story: dict[str, Any]) -> list[CoverageView]:
    return [
        CoverageView(
            str(entry.get("outlet") or ""),
            len(_list(entry.get("only_here"))),
            len(_list(entry.get("left_out"))),
        )
        for entry in _dicts(story.get("coverage"))
    ]


def framing_views(
    story: dict[str, Any], outlet_of: OutletOf, articles: ArticleIndex
) -> list[FramingView]:
    claims = _dicts(story.get("claims"))
    views = []
    for entry in _dicts(story.get("framing")):
        verbs = entry.get("attribution_verbs")
        views.append(
            FramingView(
                outlet=str(
                    entry.get("outlet") or outlet_of(articles.get(str(entry.get("article")), {}))
                ),
                headline=str(entry.get("headline") or ""),
                opens_with=_opening(entry.get("first_claim"), claims),
                verbs=[(str(v), n) for v, n in verbs.items() if isinstance(n, int)]
                if isinstance(verbs, dict)
                else [],
                hedges=[str(h.get("text", "")) for h in _dicts(entry.get("hedges"))],
                loaded=[str(w.get("text", "")) for w in _dicts(entry.get("loaded"))],
            )
        )
    return views


def _opening(index: Any, claims: list[dict[str, Any]]) -> str:
    if not isinstance(index, int) or not 0 <= index < len(claims):
        return "a sentence not compared"
    return (
        "a fact several outlets report" if claims[index].get("shared") else "a fact only it reports"
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _published(article: dict[str, Any]) -> str:
    return str(article["published"])


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
