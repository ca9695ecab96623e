"""The HTML path: our fast extractor for the text (trafilatura where it is not sure), the
page's own declarations for the metadata.

lxml's tree serves the metadata readers and trafilatura (which works on its own copy); the
fast extractor reads lexbor's tree of the same markup (a parse costs it about a millisecond,
a tenth of lxml's), so that trafilatura, ~35 ms of CPU a page, runs only where the fast path
gives up.
"""

from __future__ import annotations

import logging
from typing import Any

from htmldate import find_date
from lxml.etree import LxmlError
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from storylens.extract.assemble import Draft, host_name
from storylens.extract.authors import page_authors
from storylens.extract.dateline import parse_date_line
from storylens.extract.dates import iso_timestamp, parse_date
from storylens.extract.fallback import densest_paragraphs, has_layout_table, visible_text_chars
from storylens.extract.fastbody import fast_body
from storylens.extract.htmlmeta import PageMeta, read_meta
from storylens.extract.language import guess_language, normalise_code
from storylens.extract.opening import headline_opening
from storylens.extract.page_title import page_headline
from storylens.extract.page_tree import TOO_DEEP, parse_page, too_deep
from storylens.extract.shown_date import choose_date, labelled_month, shown_dates
from storylens.extract.text import paragraphs, squash
from storylens.extract.textdump import strip_boilerplate, strip_comments_and_boilerplate
from storylens.extract.textmeta import apply_text_metadata
from storylens.records import Failure, RawDoc

# trafilatura logs every discarded page at WARNING; our Failure carries the reason instead.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# Options measured on the bench pages (shared split, token F1); see tests/test_extract_bench.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    # Tables are kept (data tables are article text) unless the page lays itself out with
    # tables: then a table holds the article and its menus alike (see has_layout_table).
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
    # Our own reader covers what trafilatura's metadata pass would find (it costs ~30% of the
    # page's time, measured); htmldate runs only when the page declares no date.
    "with_metadata": False,
}
# htmldate: the original (not updated) date, from markup only; its extensive search reads free
# text and can return a copyright year or a date in a teaser.
HTMLDATE_OPTIONS: dict[str, Any] = {"original_date": True, "extensive_search": False}
# Both set by hand (the brief's ~200 characters; "clearly more" as 1.5x), not tuned: with the
# balanced options the fallback fires on 2 of the 846 bench pages.
# Below this many characters trafilatura has likely missed the article (a teaser, a caption);
# the fallback is tried then, and kept when it finds clearly more text.
MIN_TEXT_CHARS = 200
# "Clearly more": the fallback must find this many times what trafilatura kept.
FALLBACK_GAIN = 1.5
# On a page laid out with tables, the text without tables must keep at least this share of
# the text with them; below it the article was in a table. Calibrated on the bench pages with
# nested tables (cleaneval 61, l3s-gn1 216): 0.5 recovers +4.1 F1 points summed on cleaneval
# for -0.7 on l3s; 0.3-0.6 behave alike.
TABLE_TEXT_SHARE = 0.5
# trafilatura's text can exceed our count of the page's text (list dashes, cell separators):
# by at most 1.14x on the bench's 282 layout pages but one (1.5x, a page the rule does not
# touch). With 1.2 the second run is skipped on 119 of them and no page changes.
PAGE_TEXT_MARGIN = 1.2
# Without the tables, trafilatura sometimes falls back to most of the page (menus included)
# while with them it finds the article: its text is then this much longer than the other run's.
# On the bench's layout pages (l3s-gn1 and cleaneval) the text with tables scores better than
# the one without on 10 of the 11 pages where that ratio exceeds 1.15.
WHOLE_PAGE_GAIN = 1.15
# ...and that happens only when the text without tables is most of the page's: at least this
# share of it (with PAGE_TEXT_MARGIN, i.e. 84% of our count; 11 of the 13 such pages are there,
# and 60 of the 282 layout pages in all).
WHOLE_PAGE_SHARE = 0.7
# The body's first lines, where trafilatura leaves the headline when it sits inside the post.
HEADLINE_LINES = 2


def extract_html(raw: RawDoc) -> Draft | Failure:
    """Text and metadata of one HTML page, or a Failure naming what went wrong."""
    try:
        return _extract(raw)
    except (ValueError, TypeError, LxmlError, RecursionError) as error:
        # lxml, trafilatura and htmldate on hostile markup: this page fails with its reason
        # and the batch goes on (none seen on the bench or under Hypothesis; kept as a fence).
        return Failure(raw.source, f"HTML could not be processed: {type(error).__name__}: {error}")


def _extract(raw: RawDoc) -> Draft | Failure:
    tree = parse_page(raw.content)
    if tree is None:
        return Failure(raw.source, "not readable as HTML")
    meta = read_meta(tree)
    paras, extractor, opening = _fast_or_trafilatura(raw, meta, tree)
    if not any(p.strip() for p in paras) and too_deep(tree):
        return Failure(raw.source, TOO_DEEP)  # rather than "no text": say why there is none
    url = raw.url or meta.canonical
    outlet = meta.site_name or host_name(url)
    title = page_headline(meta, tree, opening, [outlet or "", host_name(url) or ""])
    draft = Draft(
        paragraphs=_without_headline(paras, title),
        title=title,
        outlet=outlet,
        author=page_authors(meta, tree, [outlet or "", host_name(url) or ""]),
        language=meta.language,
        url=url,
        metadata={"extractor": extractor},
    )
    _apply_date(draft, meta, tree, url)
    apply_text_metadata(draft, head=[], tail=paras[-2:])
    return draft


def _fast_or_trafilatura(
    raw: RawDoc, meta: PageMeta, tree: HtmlElement
) -> tuple[list[str], str, list[str]]:
    """The fast extractor's paragraphs when it is sure of them and they are more than a teaser,
    else the trafilatura path's (with its own fallbacks); with them, the text the headline
    finder reads (see `page_headline`)."""
    fast = fast_body(raw.content)
    if fast.confident:
        language = normalise_code(meta.language) or guess_language("\n".join(fast.paragraphs))
        # A date alone on its line is the page's dateline, not text (trafilatura leaves it out).
        lines = [line for line in fast.paragraphs if parse_date_line(line) is None]
        paras = strip_comments_and_boilerplate(lines, language)
        if sum(len(paragraph) for paragraph in paras) >= MIN_TEXT_CHARS:
            # The headline finder was built on trafilatura's text, which runs from a little
            # above the article (its date line, its headline) and from there on.
            return paras, "fast", headline_opening(fast)
    paras, extractor = _body(_trafilatura_text(tree, raw.url), meta, tree)
    return paras, extractor, paras


def _trafilatura_text(tree: HtmlElement, url: str | None) -> str:
    """trafilatura's text; on pages laid out with tables, without the tables (their menus)
    unless that loses most of the text (the article itself sits in a layout table) or finds
    clearly more (without the tables trafilatura fell back to the whole page's text)."""
    if not has_layout_table(tree):
        return _run_trafilatura(tree, url, include_tables=True)
    text = _run_trafilatura(tree, url, include_tables=False)
    if not _tables_may_win(len(text), visible_text_chars(tree)):
        return text
    with_tables = _run_trafilatura(tree, url, include_tables=True)
    if len(text) < TABLE_TEXT_SHARE * len(with_tables) or len(text) > WHOLE_PAGE_GAIN * len(
        with_tables
    ):
        return with_tables
    return text


def _tables_may_win(found: int, page: int) -> bool:
    """Whether the run with tables can change the choice, from the text found without them
    and the page's text (the second run costs a whole extraction, so it is skipped when not):
    with the tables trafilatura finds at most about the whole page, and finding clearly more
    without them happens only when it took most of the page."""
    share = found / max(page * PAGE_TEXT_MARGIN, 1)
    return share < TABLE_TEXT_SHARE or share >= WHOLE_PAGE_SHARE


def _run_trafilatura(tree: HtmlElement, url: str | None, include_tables: bool) -> str:
    options = {**TRAFILATURA_OPTIONS, "include_tables": include_tables}
    document = bare_extraction(tree, url=url, **options)
    return getattr(document, "text", None) or ""  # a Document, or None when it found nothing


def _without_headline(paras: list[str], title: str | None) -> list[str]:
    """The body without the headline trafilatura kept at its top: it is the title, not text
    (a section label may come first, so the first lines are looked at). A body that is only
    the headline keeps it."""
    key = squash(title or "")
    for index, paragraph in enumerate(paras[:HEADLINE_LINES]):
        if key and squash(paragraph) == key and len(paras) > 1:
            return paras[:index] + paras[index + 1 :]
    return paras


def _body(text: str, meta: PageMeta, tree: HtmlElement) -> tuple[list[str], str]:
    """trafilatura's paragraphs, or a fallback's when trafilatura clearly missed the text."""
    language = normalise_code(meta.language) or guess_language(text)
    paras = strip_boilerplate(paragraphs(text), language)
    if meta.article_body and len(paras) == 1 and squash(text) in squash(meta.article_body):
        # trafilatura read the JSON-LD body itself and ran its paragraphs together.
        return paragraphs(meta.article_body), "json-ld"
    if len(text) >= MIN_TEXT_CHARS:
        return paras, "trafilatura"
    needed = max(len(text) * FALLBACK_GAIN, 1)
    if meta.article_body and len(meta.article_body) >= needed:
        return paragraphs(meta.article_body), "json-ld"
    dense = densest_paragraphs(tree)
    if sum(len(p) for p in dense) >= needed:
        return dense, "densest-block"
    return paras, "trafilatura"


def _apply_date(draft: Draft, meta: PageMeta, tree: HtmlElement, url: str | None) -> None:
    """The publication date: the declared one and the one printed under the headline weighed
    (see `choose_date`), else htmldate's reading of the markup."""
    declared = parse_date(meta.published) if meta.published else None
    published: str | None
    source: str | None
    chosen = choose_date(declared, shown_dates(tree))
    if chosen is not None:
        day, origin = chosen
        published = day.isoformat()
        source = meta.published_source if origin == "declared" else "shown"
        if origin == "declared" and (moment := iso_timestamp(meta.published)):
            draft.metadata["published_at"] = moment
    else:
        published, source = find_date(tree, url=url, **HTMLDATE_OPTIONS), "htmldate"
    if published is None and (month := labelled_month(tree)) is not None:
        published, source = month.isoformat(), "shown-month"
        draft.metadata["published_precision"] = "month"
    if published is not None:
        draft.published = published
        draft.metadata["published_source"] = source
