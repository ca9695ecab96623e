"""The story page's views of a comparison's sections: conflicts, timeline, entities,
coverage and framing, in words a reader reads (counts and sentences, never claim numbers).

Built from the typed records (`records.Comparison`), like the rest of the page (`view.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storylens.compare.conflicts import CURRENCIES
from storylens.compare.disputes import disputes
from storylens.compare.outlets import outlet_label
from storylens.compare.timeline_events import events
from storylens.records import Article, Claim, Comparison, Span, TimelineItem


@dataclass(frozen=True, slots=True)
class Sources:
    """The story's articles by id, and the outlet a reader sees named for each."""

    articles: dict[str, Article]

    def outlet(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        return outlet_label(article) if article is not None else "unknown outlet"


# The question a reader asks, for each kind of disagreement the comparison finds.
DISPUTE_WORDS = {
    "number": "How many",
    "date": "When",
    "name": "Who",
    "attribution": "Who said it",
    "place": "Where",
}


def dispute_question(kind: str, values: list[str]) -> str:
    """What is disputed, as a reader asks it: "How many", "How much" (money), "When", …"""
    if kind == "number" and any(value.lstrip().startswith(CURRENCIES) for value in values):
        return "How much"  # an amount of money (`compare.conflicts`)
    return DISPUTE_WORDS.get(kind, kind.capitalize() or "Disputed")


@dataclass(slots=True)
class ConflictView:
    mark: str
    kind: str  # what differs: number, date, name, attribution
    values: list[tuple[str, list[str]]]  # each value stated, with the outlets stating it
    sides: list[tuple[str, str, str]]  # (outlet, value, sentence), each once

    @property
    def question(self) -> str:
        """What is disputed, as a reader asks it ("How many")."""
        return dispute_question(self.kind, [value for value, _ in self.values])

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


def conflict_views(comparison: Comparison, sources: Sources) -> list[ConflictView]:
    """One entry per disputed fact, not per pair of articles: "Five — Daily Courier, Lakeshore
    Gazette · Seven — Northern Ledger"."""
    return [
        ConflictView(f"x{index}", found.kind, found.values, found.sides)
        for index, found in enumerate(disputes(comparison.conflicts, sources.outlet))
    ]


def conflict_spans(comparison: Comparison) -> list[tuple[str, Span]]:
    """(mark, span) for both sides of every conflict, to highlight them in the bodies."""
    return [
        (f"x{index}", span)
        for index, found in enumerate(disputes(comparison.conflicts, str))
        for conflict in found.conflicts
        for span in (conflict.first, conflict.second)
    ]


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


def timeline_rows(comparison: Comparison, sources: Sources) -> list[TimelineRow]:
    """One row per event (the comparison numbers each dated sentence with its event), in
    date order. When it dates nothing, the articles' publication dates stand in."""
    if not comparison.timeline:
        dated = sorted(
            (a for a in sources.articles.values() if a.published), key=lambda a: a.published or ""
        )
        return [
            TimelineRow(day, day, a.title or "", [outlet_label(a)])
            for a in dated
            for day in [(a.published or "")[:10]]
        ]
    order = {article: n for n, article in enumerate(comparison.article_ids)}
    rows = [
        _event_row(items, sources, comparison.copies, order)
        for items in events(comparison.timeline)
    ]
    return sorted(rows, key=lambda row: row.date)


def _event_row(
    items: list[TimelineItem], sources: Sources, copies: dict[str, str], order: dict[str, int]
) -> TimelineRow:
    """An event's row: an independent outlet's words first, each outlet once."""

    def article(item: TimelineItem) -> str:
        return item.sentence.article

    items = sorted(items, key=lambda i: (article(i) in copies, order.get(article(i), len(order))))
    first = items[0]
    text = first.sentence.text
    outlets: dict[str, str] = {}  # independent outlet -> its words
    reprinted: dict[str, None] = {}
    for item in items:
        outlet = sources.outlet(article(item))
        if article(item) in copies:
            reprinted[outlet] = None
        else:
            outlets.setdefault(outlet, item.sentence.text)
    if not outlets:  # only copies print it
        outlets = dict.fromkeys(reprinted, text)
    return TimelineRow(
        first.date,
        _when(first.date, first.precision),
        text,
        list(outlets),
        [o for o in reprinted if o not in outlets],
        [(o, t) for o, t in outlets.items() if _words(t) != _words(text)],
    )


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


def entity_views(comparison: Comparison) -> list[EntityView]:
    return [
        EntityView(
            name=entity.name,
            kind=entity.kind,
            variants=[v for v in entity.variants if v != entity.name],
            mentions=sorted(entity.mentions.items(), key=lambda item: (-item[1], item[0])),
        )
        for entity in comparison.entities
    ]


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


def coverage_views(comparison: Comparison) -> list[CoverageView]:
    return [
        CoverageView(entry.outlet, len(entry.only_here), len(entry.left_out))
        for entry in comparison.coverage
    ]


def framing_views(comparison: Comparison, sources: Sources) -> list[FramingView]:
    return [
        FramingView(
            outlet=entry.outlet or sources.outlet(entry.article),
            headline=entry.headline or "",
            opens_with=_opening(entry.first_claim, comparison.claims),
            verbs=list(entry.attribution_verbs.items()),
            hedges=[span.text for span in entry.hedges],
            loaded=[span.text for span in entry.loaded],
        )
        for entry in comparison.framing
    ]


def _opening(index: int | None, claims: list[Claim]) -> str:
    if index is None or not 0 <= index < len(claims):
        return "a sentence not compared"
    return "a fact several outlets report" if claims[index].shared else "a fact only it reports"
