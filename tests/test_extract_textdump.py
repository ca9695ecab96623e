"""The text-dump path: line classes, the article block, the title, and the dump's metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.extract import extract
from storylens.extract.language import STOPWORDS
from storylens.extract.lines import Kind, make_line
from storylens.extract.textdump import classify, strip_boilerplate
from storylens.records import Article, RawDoc

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _dump(name: str, url: str | None = None) -> tuple[Article, list[str]]:
    text = (FIXTURES / name).read_text("utf-8")
    article = extract(RawDoc(name, text, "text", url=url))
    assert isinstance(article, Article), article
    return article, [line.strip() for line in text.splitlines()]


def _between(lines: list[str], first: str, last: str) -> list[str]:
    """The lines from the one starting with `first` to the one starting with `last`."""
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.startswith(last))
    return [line for line in lines[start : end + 1] if line]


def test_wire_dump_with_reuters_dateline_and_published_line() -> None:
    article, lines = _dump("wire_dump_reuters.txt")
    assert article.title == "Quarry town votes to keep its last railway line open"
    assert article.published == "2024-03-12"
    assert article.metadata["published_source"] == "date-line"
    assert article.metadata["dateline"] == "LONDON (Reuters) -"
    assert article.metadata["agency"] == "Reuters"
    # The dump names itself twice (masthead, "About Northwind Wire"): that is the outlet.
    assert article.outlet == "Northwind Wire"
    assert article.language == "en"
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("LONDON (Reuters) - Residents of the quarry town")
    assert paragraphs[-1].startswith("Turnout in the vote was 61 percent")
    assert len(paragraphs) == 4
    read_also = _between(lines, "Read also", "Canal trust")
    most_read = _between(lines, "Most read", "Storm warning")
    for line in [*read_also, *most_read, "{% if story.related %}", "${story.footerNote}"]:
        assert line not in paragraphs
    assert "{{" not in article.body and "Share" not in paragraphs


def test_dump_naming_no_outlet_gets_the_agency_then_the_host() -> None:
    text = (FIXTURES / "wire_dump_reuters.txt").read_text("utf-8").replace("Northwind Wire", "")
    article = extract(RawDoc("dump.txt", text, "text"))
    assert isinstance(article, Article) and article.outlet == "Reuters"
    article = extract(RawDoc("dump.txt", text, "text", url="https://www.northwind.example/b/1"))
    assert isinstance(article, Article) and article.outlet == "northwind.example"
    assert article.metadata["agency"] == "Reuters"


def test_dpa_dump_in_german_without_a_year_has_no_date() -> None:
    article, lines = _dump("wire_dump_dpa.txt")
    assert article.language == "de"
    assert article.title == "Stadtrat beschließt neues Radwegenetz für die Innenstadt"
    assert article.outlet == "dpa"
    assert article.metadata["dateline"] == "BERLIN, 3. März (dpa) –"
    assert article.published is None  # "3. März" but no year anywhere: never guessed
    paragraphs = article.body.split("\n\n")
    assert paragraphs[-1].startswith("Die Kosten für das Netz")  # after the link list
    for line in _between(lines, "Mehr zum Thema", "Markthalle"):
        assert line not in paragraphs
    assert "Impressum" not in article.body


def test_dump_without_any_date_or_credit() -> None:
    article, lines = _dump("local_dump_nodate.txt")
    assert article.title == "Volunteers clear two tonnes of litter from Brackwater beach"
    assert article.published is None  # "yesterday" is not resolved without an anchor
    assert article.outlet is None
    assert "agency" not in article.metadata
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    for line in _between(lines, "Most popular", "Library to host"):
        assert line not in paragraphs


def test_kept_lines_are_input_lines_in_order() -> None:
    text = (FIXTURES / "wire_dump_reuters.txt").read_text("utf-8")
    dump = classify(text, "en")
    indices = [line.index for line in dump.kept]
    assert indices == sorted(indices)
    source = text.splitlines()
    assert all(source[line.index].strip() == line.text for line in dump.kept)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("{{item.group_date}}", Kind.JUNK),
        ("{% if story.related %}", Kind.JUNK),
        ("${story.footerNote}", Kind.JUNK),
        ("7", Kind.JUNK),
        ("Share", Kind.JUNK),
        ("Show more", Kind.JUNK),
        ("Loading", Kind.JUNK),
        ("1 pages in this article", Kind.JUNK),
        ("© Jane Doe/AGENCY", Kind.JUNK),
        ("Read also", Kind.LIST_HEADING),
        ("More from AFP", Kind.LIST_HEADING),
        ("Latest News", Kind.LIST_HEADING),
        ("Most read", Kind.LIST_HEADING),
        ("TOP STORIES", Kind.LIST_HEADING),
        ("Leave a reply", Kind.COMMENTS),
        ("Ferry timetable changes announced for the winter season", Kind.SHORT),
        ("The council said the bridge would open on the hour, as it did before.", Kind.PROSE),
        ("", Kind.BLANK),
    ],
)
def test_line_kinds(line: str, kind: Kind) -> None:
    assert make_line(0, line, STOPWORDS["en"]).kind is kind


def test_block_crosses_a_link_list_inside_the_article() -> None:
    prose = "The council met on Monday and agreed that the new road will open in the spring."
    friday, mayor = prose.replace("Monday", "Friday"), prose.replace("council", "mayor")
    lines = ["Home", "News", "Sport", "Council approves coast road", prose, friday]
    lines += ["Read also", "Bakery wins award", "Ferry changes timetable"]
    lines += [mayor, "Most read", "1", "Storm warning issued"]
    text = "\n".join(lines)
    dump = classify(text, "en")
    assert [line.text for line in dump.kept] == [prose, friday, mayor]
    assert dump.title is not None and dump.title.text == "Council approves coast road"


def test_hard_wrapped_paragraph_is_kept_line_by_line() -> None:
    wrapped = [
        "The harbour committee met on Thursday evening to discuss",
        "the cost of the repairs, which has risen by a third since",
        "the work began in the spring, and agreed to ask the council",
        "for more money.",
    ]
    dump = classify("\n".join(["Menu", "Home", *wrapped, "Share"]), "en")
    assert dump.paragraphs == wrapped


def test_sentence_case_list_inside_the_article_is_kept_and_a_headline_list_is_not() -> None:
    intro = (
        "The allotment society has published its advice for first-time growers this year, "
        "after a wet spring left many of the new plots on the east field under water."
    )
    outro = "Members can borrow tools from the shed on Saturday mornings without booking ahead."
    middle = (
        "The society also runs a seed swap in the village hall every March, and newcomers "
        "are asked to bring a packet of their own if they have one spare."
    )
    steps = ["* Dig the beds over in early spring", "* Sow beans after the last frost"]
    steps += ["* Water in the evening, not at noon"]
    headlines = ["Harbour Ferry Changes Winter Timetable", "Bakery Wins County Bread Award"]
    text = "\n".join(["Home", "Gardens", intro, *steps, middle, *headlines, outro, "Share"])
    assert classify(text, "en").paragraphs == [intro, *steps, middle, outro]


def test_nested_list_markers_are_bullets_not_wrapped_text() -> None:
    for item in ["+ Garden Tools", "o Seed Swap Rules: What to Bring"]:
        assert make_line(0, item, STOPWORDS["en"]).bullet
    assert not make_line(0, "o que fazer", STOPWORDS["en"]).bullet


def test_comments_after_the_article_are_left_out() -> None:
    prose = (
        "The trust said the pier would be repainted before the summer season starts, and that "
        "volunteers from the town had offered to help with the work at weekends."
    )
    comment = (
        "I walked along the pier yesterday and it looked wonderful, well done to all of the "
        "volunteers who gave up their weekends for it, and thanks to the trust for organising."
    )
    text = "\n".join([prose, prose.replace("trust", "council"), "3 Comments", comment, comment])
    assert classify(text, "en").paragraphs == [prose, prose.replace("trust", "council")]


def test_strip_boilerplate_keeps_text_and_drops_widgets_and_lists() -> None:
    paragraphs = [
        "The bridge reopened on Saturday after eight months of repairs to its deck.",
        "Share",
        "Related stories",
        "Ferry timetable changes announced",
        "Quay market to stay open",
        "Engineers replaced forty metres of decking and rebuilt the lifting ram.",
    ]
    assert strip_boilerplate(paragraphs, "en") == [paragraphs[0], paragraphs[-1]]
