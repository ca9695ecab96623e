"""Coverage over time: who published how much each day, which outlets cover which stories,
and, for a chosen set of outlets, the stories the others covered and they did not (their
"blind spot").

Computed from the grouping alone (each article's story, outlet and date), so it needs no
comparison and no model. Syndicated copies count as articles of the outlet that printed
them, but a story covered only through copies is marked so: the outlet ran the wire's text.

    >>> from storylens.store.coverage import CoverageRow as Row
    >>> rows = [Row("s1", "Courier", "2026-03-02", False), Row("s1", "Ledger", "2026-03-02", False),
    ...         Row("s2", "Ledger", "2026-03-03", False)]
    >>> report = coverage_report(rows, {"s1": "Dam opens", "s2": "Bridge shut"}, ["Courier"])
    >>> [(d.day, d.total) for d in report.days]
    [('2026-03-02', 2), ('2026-03-03', 1)]
    >>> [s.title for s in report.blind_spot]
    ['Bridge shut']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from storylens.store.coverage import CoverageRow

UNKNOWN_OUTLET = "(outlet unknown)"
# Periods shown at most: a longer range is counted per week, then per month.
MAX_PERIODS = 92
# Stories listed in the who-covers-what table and in the blind spot.
MAX_STORIES = 50


@dataclass(slots=True)
class Day:
    day: str  # ISO date: the day, or the first day of the week (a Monday) or month
    total: int
    per_outlet: dict[str, int]


@dataclass(slots=True)
class StoryCoverage:
    story_id: str
    title: str | None
    first_day: str | None
    articles: int
    outlets: list[str]  # outlets with an article of their own in the story
    copies_only: list[str]  # outlets that ran only syndicated copies in it


@dataclass(slots=True)
class CoverageReport:
    since: str | None
    until: str | None
    outlets: list[str]  # every outlet in the range, most articles first
    articles_per_outlet: dict[str, int]
    unit: str  # what one entry of `days` counts: day, week or month
    days: list[Day]
    undated: dict[str, int]  # articles per outlet with no known date (shown apart)
    stories: list[StoryCoverage]  # most outlets first
    chosen: list[str] = field(default_factory=list)
    blind_spot: list[StoryCoverage] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def coverage_report(
    rows: Iterable[CoverageRow],
    titles: dict[str, str | None],
    chosen: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> CoverageReport:
    """The report over `rows`; `chosen` names the outlets whose blind spot is wanted."""
    rows = list(rows)
    per_outlet = Counter(_outlet(row) for row in rows)
    outlets = sorted(per_outlet, key=lambda o: (-per_outlet[o], o.casefold()))
    stories = _stories(rows, titles)
    picked = [o for o in dict.fromkeys(chosen) if o in per_outlet]
    unit, days = _periods(rows)
    return CoverageReport(
        since=since,
        until=until,
        outlets=outlets,
        articles_per_outlet={o: per_outlet[o] for o in outlets},
        unit=unit,
        days=days,
        undated=dict(Counter(_outlet(r) for r in rows if not _dated(r))),
        stories=stories[:MAX_STORIES],
        chosen=picked,
        blind_spot=_blind_spot(stories, set(picked)) if picked else [],
    )


def _outlet(row: CoverageRow) -> str:
    return row.outlet or UNKNOWN_OUTLET


def _periods(rows: list[CoverageRow]) -> tuple[str, list[Day]]:
    """Counts per day; per week or per month when there are more days than fit a page,
    so a long range is summed up, never cut. Each period is named by its first day."""
    dated = [
        (date.fromisoformat(r.published), _outlet(r))
        for r in rows
        if r.published and _is_date(r.published)
    ]
    if not dated:
        return "day", []
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    for unit, start in (("day", _same_day), ("week", _monday), ("month", _first_of_month)):
        periods = _every_period(start(first), last, unit)
        if len(periods) <= MAX_PERIODS or unit == "month":
            break
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for day, outlet in dated:
        counts[start(day).isoformat()][outlet] += 1
    return unit, [Day(p, sum(counts[p].values()), dict(counts[p])) for p in periods]


def _every_period(first: date, last: date, unit: str) -> list[str]:
    """Every period from `first` to `last`, quiet ones too."""
    periods, current = [], first
    while current <= last:
        periods.append(current.isoformat())
        if unit == "day":
            current += timedelta(days=1)
        elif unit == "week":
            current += timedelta(days=7)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return periods


def _same_day(day: date) -> date:
    return day


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _dated(row: CoverageRow) -> bool:
    return bool(row.published) and _is_date(row.published or "")


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _stories(rows: list[CoverageRow], titles: dict[str, str | None]) -> list[StoryCoverage]:
    members: dict[str, list[CoverageRow]] = defaultdict(list)
    for row in rows:
        members[row.story_id].append(row)
    found = []
    for story_id, story_rows in members.items():
        own = {_outlet(r) for r in story_rows if not r.copy}
        printed = {_outlet(r) for r in story_rows}
        dates = sorted(r.published for r in story_rows if r.published)
        found.append(
            StoryCoverage(
                story_id,
                titles.get(story_id),
                dates[0] if dates else None,
                len(story_rows),
                sorted(own, key=str.casefold),
                sorted(printed - own, key=str.casefold),
            )
        )
    found.sort(key=lambda s: (-len(s.outlets) - len(s.copies_only), -s.articles, s.story_id))
    return found


def _blind_spot(stories: list[StoryCoverage], chosen: set[str]) -> list[StoryCoverage]:
    """Stories the other outlets covered and none of `chosen` did, most covered first."""
    missed = [s for s in stories if not chosen & {*s.outlets, *s.copies_only}]
    return missed[:MAX_STORIES]
