"""The public API: dispatch by format, container fields first, failures passed through."""

from __future__ import annotations

from storylens.extract import NO_TEXT, extract, extract_all
from storylens.records import Article, Failure, RawDoc, article_id

BODY = (
    "PARIS, June 6, 2017 (AFP) - The harbour committee of Port Aldric said on Tuesday that "
    "the swing bridge would reopen in the autumn.\n\n"
    "  The committee   chair said the repairs were on schedule.  \n"
)


def test_body_format_keeps_paragraphs_and_reads_the_dateline() -> None:
    article = extract(RawDoc("export.jsonl#3", BODY, "body"))
    assert isinstance(article, Article)
    assert article.body.split("\n\n") == [
        "PARIS, June 6, 2017 (AFP) - The harbour committee of Port Aldric said on Tuesday "
        "that the swing bridge would reopen in the autumn.",
        "The committee chair said the repairs were on schedule.",
    ]
    assert article.published == "2017-06-06"
    assert article.metadata == {
        "extractor": "body",
        "dateline": "PARIS, June 6, 2017 (AFP) -",
        "published_source": "dateline",
        "agency": "AFP",
    }
    assert article.outlet == "AFP"
    assert article.language == "en"
    assert article.id == article_id(outlet="AFP", title=None, url=None, body=article.body)


def test_container_fields_win_over_what_is_inferred() -> None:
    fields = {
        "title": "Bridge to reopen",
        "published": "2017-06-07T09:00:00Z",
        "outlet": "The Larkfield Courier",
        "author": "Staff",  # given by the container: kept as given
        "language": "en-GB",
        "id": "row-17",
    }
    article = extract(
        RawDoc("export.jsonl#3", BODY, "body", url="https://c.example/b", fields=fields)
    )
    assert isinstance(article, Article)
    assert (article.title, article.published, article.outlet) == (
        "Bridge to reopen",
        "2017-06-07",
        "The Larkfield Courier",
    )
    assert (article.author, article.language, article.input_id) == ("Staff", "en", "row-17")
    assert article.metadata["published_source"] == "fields"
    assert article.metadata["agency"] == "AFP"  # still recorded
    assert article.url == "https://c.example/b"


def test_same_input_gives_the_same_id() -> None:
    raw = RawDoc("a.txt", BODY, "body")
    first, second = extract(raw), extract(raw)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id


def test_empty_inputs_are_failures() -> None:
    for fmt in ("html", "text", "body"):
        result = extract(RawDoc("empty", " \n\n ", fmt))  # type: ignore[arg-type]
        assert result == Failure("empty", NO_TEXT)


def test_unknown_format_is_a_failure() -> None:
    result = extract(RawDoc("x.bin", "data", "pdf"))  # type: ignore[arg-type]
    assert isinstance(result, Failure) and "pdf" in result.reason


def test_extract_all_is_lazy_and_passes_failures_through() -> None:
    bad = Failure("broken.gz", "truncated gzip stream")
    results = extract_all(iter([RawDoc("a", BODY, "body"), bad, RawDoc("b", "", "text")]))
    first = next(results)
    assert isinstance(first, Article)
    assert next(results) is bad
    assert next(results) == Failure("b", NO_TEXT)
