"""Layout tables holding the article, and the headline trafilatura leaves at the body's top."""

from __future__ import annotations

import pytest

from storylens.extract import extract
from storylens.extract import html as html_path
from storylens.extract.page_tree import parse_page
from storylens.records import Article, RawDoc

_STORY = [
    "The Thornbury lifeboat crew was called out four times over the holiday weekend, its "
    "coxswain said, twice to walkers cut off by the tide below the chalk cliffs.",
    "All four rescues ended well. The crew asked visitors to check the tide tables before "
    "setting out and to carry a charged phone, since the signal fades under the cliffs.",
    "The station opens its doors to the public on Saturday, when the new boat will be shown.",
]


def _article(page: str) -> Article:
    result = extract(RawDoc("page.html", page, "html"))
    assert isinstance(result, Article), result
    return result


def _table_page() -> str:
    cells = "".join(f"<p>{text}</p>" for text in _STORY)
    return (
        "<html><head><title>Thornbury Bugle</title></head><body><table><tr><td>"
        "<table><tr><td><a href='/'>Home</a></td><td><a href='/n'>News</a></td></tr></table>"
        f"</td></tr><tr><td><table><tr><td>{cells}</td></tr></table></td></tr></table>"
        "</body></html>"
    )


def test_article_inside_a_layout_table_is_kept() -> None:
    body = _article(_table_page()).body
    assert all(text in body for text in _STORY)


@pytest.mark.parametrize(
    ("without_tables", "with_tables", "expected"),
    [
        ("menu", "menu and the whole article text", "menu and the whole article text"),
        ("the article text", "the article text, menu", "the article text"),
    ],
)
def test_layout_page_text_with_tables_only_when_without_loses_most(
    monkeypatch: pytest.MonkeyPatch, without_tables: str, with_tables: str, expected: str
) -> None:
    def fake_run(tree: object, url: object, include_tables: bool) -> str:
        return with_tables if include_tables else without_tables

    monkeypatch.setattr(html_path, "_run_trafilatura", fake_run)
    tree = parse_page(_table_page())
    assert tree is not None
    assert html_path._trafilatura_text(tree, None) == expected


def test_headline_inside_the_post_is_the_title_not_body_text() -> None:
    paragraphs = "".join(f"<p>{text}</p>" for text in _STORY)
    page = (
        "<html><head><title>Thornbury Bugle</title></head><body><div class='post'>"
        f"<h2>Lifeboat crew called out four times</h2>{paragraphs}</div></body></html>"
    )
    result = extract(RawDoc("page.html", page, "html", url="https://thornburybugle.example/a"))
    assert isinstance(result, Article), result
    article = result
    assert article.title == "Lifeboat crew called out four times"
    assert article.body.split("\n\n") == _STORY


def test_body_that_is_only_its_headline_keeps_it() -> None:
    assert html_path._without_headline(["Only line"], "Only line") == ["Only line"]
    assert html_path._without_headline(["News", "Head", "Text"], "Head") == ["News", "Text"]
