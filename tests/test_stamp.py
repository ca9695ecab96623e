"""Date/time stamps where a record's headline belongs, or opening its body (our own records)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from storylens.extract import extract
from storylens.extract.stamp import is_stamp, stamp_date
from storylens.records import Article, RawDoc


def test_stamps_are_dates_and_times_with_their_labels_only() -> None:
    for line in ("Posted 11 / 27 / 2005 7: 21 AM", "MONDAY, MAY 23, 2005", "8:24am:", "APR 28"):
        assert is_stamp(line), line
    for line in ("Quake jolts Tarrow, 12 hurt", "Tarrow: 2005 in review", "Monday", ""):
        assert not is_stamp(line), line
    assert stamp_date("Last Updated: Tuesday, 20 December 2005, 10: 39 GMT") == date(2005, 12, 20)
    assert stamp_date("APR 28") is None  # no year: never guessed


def test_a_stamp_for_a_title_becomes_the_date_and_the_first_line_the_title() -> None:
    body = "Ferry strike halts Portmere crossings\nUnions in Portmere stopped every ferry today."
    fields = {"title": "Friday, March 14, 2025 @ 9: 05 AM"}
    article = extract(RawDoc("rec#1", body, "body", fields=fields))
    assert isinstance(article, Article)
    assert article.title == "Ferry strike halts Portmere crossings"
    assert article.published == "2025-03-14"
    assert article.body == "Unions in Portmere stopped every ferry today."


def test_a_stamp_opening_the_body_is_its_date_not_its_text() -> None:
    body = "Posted: March 14, 2025 9: 05 AM\nUnions in Portmere stopped every ferry today."
    fields = {"title": "Ferry strike halts Portmere crossings"}
    article = extract(RawDoc("rec#2", body, "body", fields=fields))
    assert isinstance(article, Article)
    assert (article.title, article.published) == (fields["title"], "2025-03-14")
    assert article.body == "Unions in Portmere stopped every ferry today."


@given(st.text(max_size=80))
def test_is_stamp_reads_any_text(line: str) -> None:
    if is_stamp(line):
        assert any(char.isdigit() for char in line)
