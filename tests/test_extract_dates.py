"""Dates, datelines, agency credits and date lines."""

from __future__ import annotations

from datetime import date

import pytest

from storylens.extract.dateline import find_credit, parse_date_line, parse_dateline
from storylens.extract.dates import (
    complete_month_day,
    date_from_url,
    iso_date,
    parse_date,
    parse_month_day,
)
from storylens.extract.language import guess_language, normalise_code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-06-06", date(2017, 6, 6)),
        ("2023-10-14T08:30:00+01:00", date(2023, 10, 14)),
        ("Published: 12 March 2024 10:02", date(2024, 3, 12)),
        ("March 12, 2024", date(2024, 3, 12)),
        ("Tuesday, 6th June 2017", date(2017, 6, 6)),
        ("6 de junio de 2017", date(2017, 6, 6)),
        ("3. März 2021", date(2021, 3, 3)),
        ("06.06.2017", date(2017, 6, 6)),
        ("2017/06/06", date(2017, 6, 6)),
        ("2/24/2026", date(2026, 2, 24)),  # US order: 24 cannot be a month
        ("24/2/2026", date(2026, 2, 24)),
        ("3/4/2026", None),  # March 4 or 3 April: not guessed
        ("Updated 31 May, 2023", date(2023, 5, 31)),
        ("June 31, 2017", None),
        ("in 2017", None),
        ("June 6", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_parse_month_day() -> None:
    assert parse_month_day("June 06, 13:24 UTC+3") == (6, 6)
    assert parse_month_day("3. März") == (3, 3)
    assert parse_month_day("Sections 12") is None


def test_month_day_gets_the_year_nearest_its_anchor() -> None:
    assert complete_month_day(6, 6, date(2017, 6, 6)) == date(2017, 6, 6)
    assert complete_month_day(12, 30, date(2018, 1, 2)) == date(2017, 12, 30)
    assert complete_month_day(1, 2, date(2017, 12, 30)) == date(2018, 1, 2)
    assert complete_month_day(2, 29, date(2016, 3, 1)) == date(2016, 2, 29)
    assert complete_month_day(2, 29, date(2017, 3, 1)) is None  # no 29 February near it
    assert complete_month_day(6, 6, date(2017, 12, 31)) is None  # more than half a year off


def test_url_and_iso_dates() -> None:
    assert date_from_url("https://x.example/2017/06/06/kremlin") == date(2017, 6, 6)
    assert date_from_url("https://x.example/news/20170606-kremlin") == date(2017, 6, 6)
    assert date_from_url("https://x.example/news/kremlin") is None
    assert iso_date("Tue, 06 Jun 2017 10:00:00 GMT") == "2017-06-06"
    assert iso_date("soon") is None


@pytest.mark.parametrize(
    ("paragraph", "text", "month_day", "credit", "own_copy"),
    [
        (
            "MOSCOW, June 6. /TASS/. Kremlin Spokesman said",
            "MOSCOW, June 6. /TASS/.",
            (6, 6),
            "TASS",
            True,
        ),
        ("LONDON (Reuters) - Residents voted", "LONDON (Reuters) -", None, "Reuters", False),
        ("BERLIN, 3 March (dpa) – Der Stadtrat", "BERLIN, 3 March (dpa) –", (3, 3), "dpa", False),
        (
            "PARIS, June 6, 2017 (AFP) - The Kremlin",
            "PARIS, June 6, 2017 (AFP) -",
            (6, 6),
            "AFP",
            False,
        ),
        ("WASHINGTON (AP) — The Senate", "WASHINGTON (AP) —", None, "AP", False),
        ("WASHINGTON, June 6 — The Senate voted", "WASHINGTON, June 6 —", (6, 6), None, False),
    ],
)
def test_parse_dateline(
    paragraph: str,
    text: str,
    month_day: tuple[int, int] | None,
    credit: str | None,
    own_copy: bool,
) -> None:
    found = parse_dateline(paragraph)
    assert found is not None
    assert (found.text, found.month_day, found.credit, found.own_copy) == (
        text,
        month_day,
        credit,
        own_copy,
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Kremlin on Tuesday strongly denied a report.",
        "I think (maybe) - that is all.",
        "WORD, other words — and more",
        "",
    ],
)
def test_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_find_credit() -> None:
    assert find_credit(["More from AFP", "- A headline"]) == "AFP"
    assert find_credit(["The minister resigned on Friday. (Reuters)"]) == "Reuters"
    assert find_credit(["© AFP 2017"]) == "AFP"
    assert find_credit(["More from Our Partners", "More from Politics"]) is None
    assert find_credit(["© Vyacheslav Prokofiev/TASS"]) is None  # a photo credit


def test_parse_date_line() -> None:
    assert parse_date_line("date 2017-06-06 Back to Main page") == (date(2017, 6, 6), True)
    assert parse_date_line("Published: 12 March 2024") == (date(2024, 3, 12), True)
    assert parse_date_line("12 March 2024") == (date(2024, 3, 12), False)
    assert parse_date_line("Updated: 13 March 2024") is None
    long_line = "The council said on 12 March 2024 that the road would open in the spring"
    assert parse_date_line(long_line) is None


def test_language_guess_and_codes() -> None:
    assert guess_language("The council said that the road would be open in the spring.") == "en"
    german = "Der Stadtrat hat am Dienstag ein neues Netz für die Stadt und das Land beschlossen."
    assert guess_language(german) == "de"
    assert guess_language("Kremlin") is None
    polish = "Ratownicy nie wiedzą, czy górnicy są cali, ale akcja jest przez to trudna dla nich."
    assert guess_language(polish) == "pl"
    turkish = "Vali, olarak açıklanan kaza için bir ekip kurulduğunu ve daha çok yardım geleceğini"
    assert guess_language(turkish + " söyledi; ancak sonra bu bilgi değil.") == "tr"
    arabic = "وقال المسؤول إن الحادث وقع في الميناء، وإن فرق الإنقاذ كانت على متن العبارة منذ"
    assert guess_language(arabic + " الصباح حتى المساء مع هذه الفرق.") == "ar"
    assert normalise_code("en-GB") == "en"
    assert normalise_code("English") == "en"
    assert normalise_code("x-klingon") is None


def test_unknown_agencies_are_credited_when_their_name_says_so() -> None:
    dateline = parse_dateline("LISBON, March 3 (Meridian Wire) - About 1,400 dockworkers")
    assert dateline is not None and dateline.credit == "Meridian Wire"
    assert find_credit(["More from Meridian Wire"]) == "Meridian Wire"
    assert find_credit(["By Meridian Wire"]) == "Meridian Wire"
    assert find_credit(["— Meridian Wire"]) == "Meridian Wire"
    assert find_credit(["The port reopened on Friday. (Meridian Wire)"]) == "Meridian Wire"
    assert find_credit(["By Tessa Morgan", "More from Valley Post"]) is None


def test_labelled_date_line_may_carry_an_update() -> None:
    line = "Published March 19, 2025 | Updated March 20, 2025, 8:15 a.m."
    assert parse_date_line(line) == (date(2025, 3, 19), True)


def test_polish_turkish_and_arabic_dates_with_arabic_indic_digits() -> None:
    from storylens.extract.dates import parse_date

    assert parse_date("Kalinów, 5 maja 2026") == date(2026, 5, 5)
    assert parse_date("Denizkent, 14 Nisan 2026") == date(2026, 4, 14)
    assert parse_date("١٤ أبريل ٢٠٢٦") == date(2026, 4, 14)
    assert parse_date("۳ مارس ۲۰۲۶") == date(2026, 3, 3)
