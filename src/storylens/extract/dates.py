"""Calendar dates in the forms pages print them, and month/day dates completed from an anchor.

Nothing here looks at the clock: a date without a year is completed only from an anchor date
the document itself gives, else it stays unknown. Relative days ("on Tuesday", "yesterday")
never make a publication date here; analyse resolves them once the publication date is known.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar janvier enero gennaio января январь stycznia styczeń ocak يناير",
        "february feb februar février fevrier febrero febbraio февраля февраль lutego luty "
        "şubat فبراير شباط",
        "march mar märz maerz mars marzo марта март marca marzec mart مارس آذار",
        "april apr avril abril aprile апреля апрель kwietnia kwiecień nisan أبريل ابريل إبريل "
        "نيسان",
        "may mai mayo maggio мая май maja maj mayıs مايو أيار",
        "june jun juni juin junio giugno июня июнь czerwca czerwiec haziran يونيو يونيه حزيران",
        "july jul juli juillet julio luglio июля июль lipca lipiec temmuz يوليو يوليه تموز",
        "august aug août aout agosto августа август sierpnia sierpień ağustos أغسطس اغسطس",
        "september sep sept septembre septiembre settembre сентября сентябрь września "
        "wrzesień eylül سبتمبر أيلول",
        "october oct oktober octobre octubre ottobre октября октябрь października "
        "październik ekim أكتوبر اكتوبر",
        "november nov novembre noviembre ноября ноябрь listopada listopad kasım نوفمبر",
        "december dec dezember décembre decembre diciembre dicembre декабря декабрь grudnia "
        "grudzień aralık ديسمبر",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# Ordered by how unambiguous they are: ISO first, then named months, then numeric D.M.Y/M/D/Y.
_FULL_DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d)"),
    re.compile(rf"\b{_YEAR}/(?P<mnum>\d{{1,2}})/(?P<day>\d{{1,2}})(?!\d)"),
    re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})\.(?P<mnum>\d{{1,2}})\.{_YEAR}\b"),
    # 2/24/2026 (US) or 24/2/2026: read only when one number is over 12 and so must be the day.
    re.compile(rf"(?<![\d/])(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{_YEAR}\b"),
]
_MONTH_DAY_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b"),
    re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_MONTH}\b"),
]
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(\d{2})[/-]?(\d{2})(?:/|[^\d]|$)")
# A month/day date is put in the year that brings it nearest the anchor: at most half a year
# before it ("December 30" in a story of January 2 is last year's), at most a week after it
# (a dateline is written on or before the day the story is published).
# "12/03/2026", "2026-03-12": day and month order need not be known to see a date.
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.](?:\d{2}|\d{4})|\d{4}-\d{2}-\d{2}")
# Arabic-Indic (U+0660-0669) and Eastern Arabic-Indic (U+06F0-06F9) digits.
_ARABIC_DIGITS = str.maketrans(
    {**{0x0660 + n: str(n) for n in range(10)}, **{0x06F0 + n: str(n) for n in range(10)}}
)
_HALF_YEAR = timedelta(days=183)
_WEEK = timedelta(days=7)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_of(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("first"):
        return _slash_month(int(groups["first"]), int(groups["second"]))
    if groups.get("mnum"):
        return int(groups["mnum"])
    return MONTHS.get((groups.get("month") or "").lower().rstrip("."))


def _slash_month(first: int, second: int) -> int | None:
    """The month of `first/second/year`: the number that cannot be a day's (else unknown)."""
    if first <= 12 < second:
        return first
    if second <= 12 < first:
        return second
    return None


def _day_of(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("first"):
        return max(int(groups["first"]), int(groups["second"]))
    return int(groups["day"])


def _may_hold_year(text: str) -> bool:
    """Whether `text` can hold a year of _YEAR: every full date and month-year pattern needs
    one, and most text pieces tried (every short line of a page) hold none, which a
    substring search tells far faster than six regular expressions."""
    return "19" in text or "20" in text


def ascii_digits(text: str) -> str:
    """`text` with Arabic-Indic digits ("٢٠٢٦", "۱۴") as ASCII ones, character for
    character, so offsets into it are offsets into `text`."""
    return text.translate(_ARABIC_DIGITS)


def parse_date(text: str) -> date | None:
    """The first complete calendar date (day, month and year) written in `text`."""
    text = ascii_digits(text)
    if not _may_hold_year(text):
        return None
    for pattern in _FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = _month_of(match)
            if month is not None:
                found = _make(int(match["year"]), month, _day_of(match))
                if found is not None:
                    return found
    return None


def is_date(text: str) -> bool:
    """Whether `text` is a printed date, one whose day and month order is unknown included
    ("12/03/2026" is a date even when it cannot be read)."""
    return bool(_NUMERIC_DATE.fullmatch(text.strip())) or parse_date(text) is not None


def parse_month_day(text: str) -> tuple[int, int] | None:
    """The first `June 6` / `6 June` in `text` as (month, day), when it is a real date."""
    text = ascii_digits(text)
    for pattern in _MONTH_DAY_PATTERNS:
        for match in pattern.finditer(text):
            month = _month_of(match)
            if month is not None and _make(2000, month, int(match["day"])) is not None:
                return month, int(match["day"])
    return None


def parse_month_year(text: str) -> date | None:
    """The first `June 2022` in `text`, as the first day of that month."""
    text = ascii_digits(text)
    if not _may_hold_year(text):
        return None
    for match in _MONTH_YEAR.finditer(text):
        month = _month_of(match)
        if month is not None:
            return date(int(match["year"]), month, 1)
    return None


def complete_month_day(month: int, day: int, anchor: date) -> date | None:
    """`month`/`day` in the year that puts it nearest `anchor` (see `_HALF_YEAR`)."""
    candidates = [_make(anchor.year + shift, month, day) for shift in (-1, 0, 1)]
    near = [
        found
        for found in candidates
        if found is not None and anchor - _HALF_YEAR <= found <= anchor + _WEEK
    ]
    return min(near, key=lambda found: abs(found - anchor), default=None)


def date_from_url(url: str | None) -> date | None:
    """A `/2017/06/06/` or `/20170606` date in a URL path."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    return _make(int(match[1]), int(match[2]), int(match[3])) if match else None


def iso_date(value: str | None) -> str | None:
    """`YYYY-MM-DD` from a date string in any form `parse_date` reads."""
    found = parse_date(value) if value else None
    return found.isoformat() if found else None


# "2025-12-02T23:00:55+00:00", "2025-12-02 23:00:55 +0000", "...Z": a declared moment with its zone.
_TIMESTAMP = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})"
)


def iso_timestamp(value: str | None) -> str | None:
    """The moment `value` declares, ISO 8601 with its own UTC offset (never converted), or None
    when it gives no time or no zone: the day stays the one the page wrote, in its own zone."""
    match = _TIMESTAMP.search(value or "")
    if match is None:
        return None
    zone = "+00:00" if match[3] == "Z" else match[3]
    try:
        moment = datetime.fromisoformat(f"{match[1]}T{match[2]}{zone}")
    except ValueError:
        return None
    return moment.isoformat()
