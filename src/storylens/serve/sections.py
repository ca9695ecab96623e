"""The story page's views of the report's version 2 sections: conflicts, timeline, entities,
coverage and framing, in words a reader reads (counts and sentences, never claim numbers).

Read from the report dict like the rest of the page (`view.py`); a report without these
keys (version 1) gives empty sections, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from storylens.compare.conflicts import CURRENCIES

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


def timeline_rows(
    story: dict[str, Any], articles: ArticleIndex, outlet_of: OutletOf
) -> list[TimelineRow]:
    """One row per event (the report numbers each dated sentence with its event), in date
    order. When the report has no timeline, the articles' publication dates stand in."""
    events: dict[Any, list[dict[str, Any]]] = {}
    for item in _dicts(story.get("timeline")):
        if isinstance(item.get("sentence"), dict):
            events.setdefault(item.get("event", id(item)), []).append(item)
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
    order = {article: n for n, article in enumerate(story.get("articles") or [])}
    rows = [_event_row(items, articles, outlet_of, copies, order) for items in events.values()]
    return sorted(rows, key=lambda row: row.date)


def _event_row(
    items: list[dict[str, Any]],
    articles: ArticleIndex,
    outlet_of: OutletOf,
    copies: dict[str, str],
    order: dict[str, int],
) -> TimelineRow:
    """An event's row: an independent outlet's words first, each outlet once."""

    def article(item: dict[str, Any]) -> str:
        return str(item["sentence"].get("article"))

    items = sorted(items, key=lambda i: (article(i) in copies, order.get(article(i), len(order))))
    first = items[0]
    text = str(first["sentence"].get("text", ""))
    outlets: dict[str, str] = {}  # independent outlet -> its words
    reprinted: dict[str, None] = {}
    for item in items:
        outlet = outlet_of(articles.get(article(item), {}))
        if article(item) in copies:
            reprinted[outlet] = None
        else:
            outlets.setdefault(outlet, str(item["sentence"].get("text", "")))
    if not outlets:  # only copies print it
        outlets = dict.fromkeys(reprinted, text)
    date = str(first.get("date") or "")
    return TimelineRow(
        date,
        _when(date, str(first.get("precision") or "day")),
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
