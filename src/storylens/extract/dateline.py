"""Datelines ("MOSCOW, June 6. /TASS/."), agency credits ("More from AFP") and date lines.

These are the metadata a page flattened to text still carries, and a clean body may too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storylens.extract.dates import parse_date, parse_month_day

# News agencies as they are credited, mapped to the name used as outlet/agency.
AGENCIES: dict[str, str] = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "dpa": "dpa",
    "tass": "TASS",
    "itar-tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "xinhua": "Xinhua",
    "ansa": "ANSA",
    "efe": "EFE",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "pti": "PTI",
    "ians": "IANS",
    "upi": "UPI",
    "apa": "APA",
    "anp": "ANP",
    "bloomberg": "Bloomberg",
    "anadolu": "Anadolu",
    "europa press": "Europa Press",
    "belga": "Belga",
    "sda": "SDA",
    "kna": "KNA",
    "epd": "epd",
}
_AGENCY_ALT = "(?i:" + "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True)) + ")"
# A credited name: a known agency, or one to four capitalised words ("Meridian Wire").
_NAME = rf"(?:{_AGENCY_ALT}|[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){{0,3}})"
# Words that make an unknown name an agency's ("Meridian Wire", "Balkan Press Agency").
_AGENCY_WORDS = re.compile(
    r"\b(?:wire|press|agency|newswire|news service|presse|agentur|agencia|agenzia|агентство)\b",
    re.IGNORECASE,
)

# Place: an upper-case city, optionally with region ("WASHINGTON, D.C.", "SAN JOSE, Calif.").
_PLACE = r"(?P<place>[A-ZÀ-ÖØ-ÞА-Я][A-ZÀ-ÖØ-ÞА-Я.'’ -]{1,40}?)"
_WHEN = r"(?P<when>[^()/\n]{1,40}?)"
_DASH = r"\s*[-–—:]+\s*"
_DATELINES = [
    # MOSCOW, June 6. /TASS/.  — the agency's own copy
    re.compile(rf"^{_PLACE},\s*{_WHEN}\.?\s*/(?P<credit>[A-Za-z][\w .-]{{1,30}}?)/\.?\s*"),
    # BERLIN, 3 March (dpa) –   /   LONDON (Meridian Wire) -   /   (CNN) —
    re.compile(rf"^(?:{_PLACE}(?:,\s*{_WHEN})?\s*)?\((?P<credit>{_NAME})\){_DASH}"),
    # WASHINGTON, June 6 —  (no credit)
    re.compile(rf"^{_PLACE},\s*{_WHEN}{_DASH}"),
]
# Credits around an agency story republished elsewhere: "More from AFP", "(AFP)" ending the
# last paragraph, "© AFP", "— Meridian Wire" under the text, "By Meridian Wire" above it.
_CREDITS = [
    re.compile(rf"^more (?:news |stories )?from (?P<credit>{_NAME})\s*:?$", re.IGNORECASE),
    re.compile(rf"^\(?(?:©|\(c\)|copyright)\s*(?P<credit>{_AGENCY_ALT})\b", re.IGNORECASE),
    re.compile(rf"(?:^|[\s.])[-–—]?\s*\((?P<credit>{_NAME})\)\s*$"),
    re.compile(rf"^[-–—]\s*(?P<credit>{_NAME})\s*$"),
    re.compile(rf"^(?:by|from)\s+(?P<credit>{_NAME})\s*$", re.IGNORECASE),
]
# A date line: the date with at most a label around it ("Published: 12 March 2024 10:02").
_DATE_LABEL = re.compile(
    r"^(?:date|published|publication date|posted|first published|created|"
    r"veröffentlicht|publié le|publicado|pubblicato|опубликовано)\b[\s:,-]*(?:on\s+)?",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"^(?:updated|last updated|modified|aktualisiert|mis à jour)\b", re.IGNORECASE
)
# Date lines are short: the date and a label, a weekday, a time and a zone at most; a line
# that says "Published" may go on ("| Updated March 20, 2025, 8:15 a.m.").
_MAX_DATE_LINE_WORDS = 10
_MAX_LABELLED_WORDS = 16


@dataclass(slots=True, frozen=True)
class Dateline:
    text: str  # the dateline as written, e.g. "MOSCOW, June 6. /TASS/."
    place: str | None
    month_day: tuple[int, int] | None
    credit: str | None  # the agency/outlet named, normalised when known
    own_copy: bool  # `/TASS/` form: the credited agency is the publisher of this text


def agency_name(credit: str) -> str:
    """The usual spelling of a credited agency ("Reuters", "AFP"), else the credit as given."""
    return AGENCIES.get(credit.strip().lower(), credit.strip())


def is_agency(name: str) -> bool:
    """A known news agency, or a name that says it is one ("Meridian Wire")."""
    return name.strip().lower() in AGENCIES or bool(_AGENCY_WORDS.search(name))


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, if it has one."""
    for number, pattern in enumerate(_DATELINES):
        match = pattern.match(paragraph)
        if match is None:
            continue
        groups = match.groupdict()
        place, when, credit = groups.get("place"), groups.get("when"), groups.get("credit")
        if number == 2 and (not when or parse_month_day(when) is None):
            continue  # "WORD, WORD —" without a date is too weak to be a dateline
        return Dateline(
            text=match.group(0).strip(),
            place=place.strip() if place else None,
            month_day=parse_month_day(when) if when else None,
            credit=agency_name(credit) if credit else None,
            own_copy=number == 0,
        )
    return None


def find_credit(lines: list[str]) -> str | None:
    """The agency credited on a line such as "More from AFP", "(AFP)" or "By Meridian Wire"."""
    for line in lines:
        for pattern in _CREDITS:
            match = pattern.search(line.strip())
            if match and is_agency(match["credit"]):
                return agency_name(match["credit"])
    return None


def parse_date_line(line: str) -> tuple[date, bool] | None:
    """(date, labelled) when `line` is a date line; `labelled` when it says "Published"."""
    text = line.strip()
    # Split no further than a date line can go: most lines are paragraphs, refused here.
    count = len(text.split(maxsplit=_MAX_LABELLED_WORDS))
    if not text or count > _MAX_LABELLED_WORDS or _UPDATED_LABEL.match(text):
        return None
    labelled = bool(_DATE_LABEL.match(text))
    if count > (_MAX_LABELLED_WORDS if labelled else _MAX_DATE_LINE_WORDS):
        return None
    found = parse_date(text)
    return (found, labelled) if found is not None else None
