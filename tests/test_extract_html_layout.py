"""HTML rules: fragments and broken page heads are still read; tables kept unless they lay out
the page. Fictional pages only."""

from __future__ import annotations

from lxml.html import document_fromstring

from storylens.extract import extract
from storylens.extract.fallback import has_layout_table, visible_text_chars
from storylens.extract.html import _tables_may_win
from storylens.records import Article, RawDoc

PARAGRAPHS = [
    "The harbour council of Velmora voted on Tuesday to rebuild the old lighthouse pier, "
    "ending a debate that had divided the fishing town for more than three years.",
    "Councillor Ansel Brook said the new pier would open to walkers next spring and that "
    "the fishing fleet would keep its moorings on the eastern side during the works.",
    "Residents who opposed the plan had argued that the money should go to the school roof, "
    "which has leaked through two winters and was patched only last month.",
]


def _article(markup: str) -> Article:
    result = extract(RawDoc("page", markup, "html"))
    assert isinstance(result, Article), result
    return result


def test_a_bare_fragment_without_a_page_head_is_still_read() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    fragment = f'\n\n<div class="holder"><div id="outer">{paras}</div></div>'
    body = _article(fragment).body
    assert "lighthouse pier" in body and "school roof" in body


def test_a_broken_doctype_does_not_lose_the_page() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = f'<!DOCTYPE htm\n  <div id="header"><a href="/">Logo</a></div><article>{paras}</article>'
    assert "fishing fleet" in _article(page).body


def test_a_table_inside_a_table_is_page_layout() -> None:
    nested = "<html><body><table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>"
    assert has_layout_table(document_fromstring(nested))


def test_a_single_data_table_is_not_layout() -> None:
    data = "<html><body><p>text</p><table><tr><th>Year</th><td>2031</td></tr></table></body>"
    assert not has_layout_table(document_fromstring(data))
    assert not has_layout_table(document_fromstring("<html><body><p>no tables</p></body>"))


def test_a_data_table_in_the_article_is_kept() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    table = (
        "<table><tr><th>Phase</th><th>Cost in marks</th></tr>"
        "<tr><td>Pier deck rebuilt</td><td>4100000</td></tr></table>"
    )
    page = f"<html><body><article><h1>Pier vote</h1>{paras}{table}</article></body></html>"
    assert "4100000" in _article(page).body


def test_page_text_count_leaves_scripts_out_and_bounds_the_table_rerun() -> None:
    tree = document_fromstring(
        "<html><body><p>Twelve chars</p><script>var x = 'not text at all';</script>"
        "<table><tr><td>cell</td></tr></table></body></html>"
    )
    assert visible_text_chars(tree) == len("Twelve chars") + 1 + len("cell") + 1
    page = 1000  # characters of page text
    assert _tables_may_win(100, page)  # little found: the article may sit in a table
    assert not _tables_may_win(700, page)  # already most of what the tables could add
    assert _tables_may_win(1000, page)  # nearly the whole page: a fall-back, maybe menus
