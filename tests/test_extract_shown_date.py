"""The date printed beside the headline, weighed against the page's declared date."""

from __future__ import annotations

from datetime import date

import pytest
from trafilatura.utils import load_html

from storylens.extract import extract
from storylens.extract.dates import iso_timestamp, parse_month_year
from storylens.extract.shown_date import ShownDate, choose_date, labelled_month, shown_dates
from storylens.records import Article, RawDoc

_STORY = (
    "<p>The Brackenhollow ferry will run twice an hour from next week, the harbour board said, "
    "after a summer in which queues stretched along the quay and past the old fish market.</p>"
    "<p>Board members agreed the change on Tuesday evening. A second boat, leased from a "
    "yard on the far side of the bay, joins the crossing once its crew has been trained.</p>"
    "<p>Fares stay as they are until the spring, when the board reviews its budget again.</p>"
)


def _page(head: str = "", header: str = "", footer: str = "") -> str:
    return (
        f"<html><head><title>Ferry doubles its crossings | Bay Notes</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <span>March 3, 2020</span></nav>"
        f"<article><header><h1>Ferry doubles its crossings</h1>{header}</header>{_STORY}"
        f"</article><footer>{footer}</footer></body></html>"
    )


def _article(page: str) -> Article:
    result = extract(RawDoc("page.html", page, "html"))
    assert isinstance(result, Article), result
    return result


_TEMPLATE_DATE = '<meta property="article:published_time" content="2025-06-24T09:00:00+00:00">'


def test_printed_date_wins_over_a_contradicting_declared_one() -> None:
    # The site builder stamps every post with its export day; the byline says otherwise.
    article = _article(
        _page(
            _TEMPLATE_DATE,
            "<div class='meta'>By Ilse Marrow</div><div class='when'>August 25, 2024</div>",
        )
    )
    assert article.published == "2024-08-25"
    assert article.metadata["published_source"] == "shown"


def test_declared_date_kept_when_printed_one_is_the_same_moment_in_another_zone() -> None:
    # 23:00 UTC on the 2nd is the 3rd where the outlet prints it: the declared day is kept.
    head = '<meta property="article:published_time" content="2025-12-02T23:00:55+00:00">'
    article = _article(_page(head, "<p class='date'>Published: 03 Dec 2025</p>"))
    assert article.published == "2025-12-02"
    assert article.metadata["published_source"] == "meta"
    assert article.metadata["published_at"] == "2025-12-02T23:00:55+00:00"


def test_updated_date_never_replaces_a_declared_publication_date() -> None:
    head = '<meta property="article:published_time" content="2024-12-03">'
    article = _article(_page(head, "<small>Updated December 19, 2025</small>"))
    assert article.published == "2024-12-03"


def test_printed_published_label_wins_and_its_updated_neighbour_does_not() -> None:
    header = (
        "<div class='info'>Published&ensp;<span>Apr 26, 2023</span></div>"
        "<div class='info'>Updated&ensp;<span>Aug 20, 2025</span></div>"
    )
    article = _article(_page(_TEMPLATE_DATE, header))
    assert article.published == "2023-04-26"


def test_updated_date_taken_when_the_page_gives_no_other() -> None:
    article = _article(_page(header="<span>Updated on <!-- --> December 11, 2025</span>"))
    assert article.published == "2025-12-11"
    assert article.metadata["published_source"] == "shown"


def test_dates_in_menus_and_footers_are_not_the_articles() -> None:
    tree = load_html(_page(footer="<p>Site updated: January 9, 2026</p>"))
    assert shown_dates(tree) == []  # neither the menu's March 3 nor the footer's January 9
    assert labelled_month(load_html(_page(footer="<p>Updated: June 2022</p>"))) is None


def test_month_only_date_as_last_resort_is_marked_as_such() -> None:
    article = _article(
        _page().replace(
            "</article>", "<div class='row'><b>Last Updated: </b>June 2022</div></article>"
        )
    )
    assert article.published == "2022-06-01"
    assert article.metadata["published_precision"] == "month"


def test_labelled_month_is_the_first_in_page_order_whatever_its_markup() -> None:
    # The label and the month sit in different elements; a script's "updated" is not text.
    page = _page(footer="").replace(
        "</article>",
        "<script>var updated = 'May 2019';</script><p><span>Posted</span> <i>March 2021</i>"
        "</p><p>Updated: April 2021</p></article>",
    )
    assert labelled_month(load_html(page)) == date(2021, 3, 1)


def test_microdata_published_on_a_visible_element_is_declared() -> None:
    header = (
        "<div itemprop='datePublished' content='2022-11-08T10:47:56-04:00'>"
        "<span itemprop='dateModified' content='2025-09-06'>Updated on September 06, 2025"
        "</span></div>"
    )
    article = _article(_page(header=header))
    assert article.published == "2022-11-08"
    assert article.metadata["published_at"] == "2022-11-08T10:47:56-04:00"


def test_shown_dates_are_nearest_first_with_their_labels() -> None:
    tree = load_html(
        _page(
            header="<p><time datetime='2021-05-02'>2 May 2021</time></p><p>Revised 4 May 2021</p>"
        )
    )
    found = shown_dates(tree)
    assert [(s.day, s.label) for s in found] == [
        (date(2021, 5, 2), "plain"),
        (date(2021, 5, 4), "updated"),
    ]
    assert found[0].distance < found[1].distance


def test_no_headline_no_shown_date() -> None:
    assert shown_dates(load_html("<html><body><p>May 2, 2021</p></body></html>")) == []


@pytest.mark.parametrize(
    ("declared", "shown", "expected"),
    [
        (None, [], None),
        (date(2020, 1, 1), [], (date(2020, 1, 1), "declared")),
        (None, [ShownDate(date(2020, 2, 2), "updated", 3)], (date(2020, 2, 2), "shown")),
        (
            date(2020, 1, 1),
            [ShownDate(date(2020, 2, 2), "updated", 3)],
            (date(2020, 1, 1), "declared"),
        ),
        (
            date(2020, 1, 1),
            [ShownDate(date(2020, 1, 2), "plain", 3)],
            (date(2020, 1, 1), "declared"),
        ),
        (date(2020, 1, 1), [ShownDate(date(2019, 5, 2), "plain", 3)], (date(2019, 5, 2), "shown")),
    ],
)
def test_choose_date(
    declared: date | None, shown: list[ShownDate], expected: tuple[date, str] | None
) -> None:
    assert choose_date(declared, shown) == expected


def test_iso_timestamp_keeps_the_written_zone() -> None:
    assert iso_timestamp("2025-12-02 23:00:55 +0000") == "2025-12-02T23:00:55+00:00"
    assert iso_timestamp("2024-05-09T08:15Z") == "2024-05-09T08:15:00+00:00"
    assert iso_timestamp("2022-11-08T10:47:56-04:00") == "2022-11-08T10:47:56-04:00"
    assert iso_timestamp("2022-11-08") is None  # a day only: no moment to keep
    assert iso_timestamp(None) is None


def test_month_year() -> None:
    assert parse_month_year("Last Updated: June 2022") == date(2022, 6, 1)
    assert parse_month_year("in 2022") is None
    assert labelled_month(load_html("<html><body><p>June 2022</p></body></html>")) is None
