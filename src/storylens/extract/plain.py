"""The two plain-text paths: text dumps (our line classifier) and bodies extracted upstream."""

from __future__ import annotations

from storylens.extract.assemble import Draft
from storylens.extract.language import guess_language, normalise_code
from storylens.extract.sitename import site_name
from storylens.extract.stamp import is_stamp, stamp_date
from storylens.extract.text import paragraphs
from storylens.extract.textdump import classify, strip_boilerplate
from storylens.extract.textmeta import apply_text_metadata
from storylens.records import RawDoc

# Both set by hand, not tuned (credits sit within a few lines of the article's end).
# Lines below the article searched for a credit ("More from AFP") or a date line.
TAIL_LINES = 12
# Lines at least this long are read for the language guess (menus and headlines are shorter).
PROSE_LINE_WORDS = 8
# Date/time stamps opening a body ("Posted 11/27/2005 7:21 AM", then "Updated ..."), at most.
LEADING_STAMPS = 3
# A body's first line is its headline when the record's title is a stamp: a line this short
# (words) above more text. Longer, it is the lead paragraph itself.
HEADLINE_MAX_WORDS = 25


def extract_dump(raw: RawDoc) -> Draft:
    """The article lines of a page flattened to text, and the metadata around them."""
    language = normalise_code(raw.fields.get("language")) or _dump_language(raw.content)
    dump = classify(raw.content, language)
    draft = Draft(
        paragraphs=dump.paragraphs,
        title=dump.title.text if dump.title else None,
        language=language,
        url=raw.url,
        outlet=site_name(raw.content.splitlines()),
        metadata={"extractor": "textdump"},
    )
    if dump.block is None:
        return draft
    first, last = dump.block
    title_at = dump.title.index if dump.title else -1
    head = [line.text for line in dump.lines[:first] if line.text and line.index != title_at]
    tail = [line.text for line in dump.lines[last + 1 :] if line.text][:TAIL_LINES]
    apply_text_metadata(draft, head=head, tail=dump.paragraphs[-2:] + tail)
    return draft


def _dump_language(text: str) -> str | None:
    """The language of a dump's longer lines: menus name sections, not the page's language."""
    long_lines = [line for line in text.splitlines() if len(line.split()) >= PROSE_LINE_WORDS]
    return guess_language("\n".join(long_lines)) or guess_language(text)


def extract_body(raw: RawDoc) -> Draft:
    """A body someone else extracted: paragraphs kept, a dateline still read for metadata.

    Date/time stamps opening the body are its printed date, not its text; when the record
    gives only a stamp where the headline belongs, a short first line above the text is
    the headline.
    """
    paras = paragraphs(raw.content)
    stamps = _leading_stamps(paras)
    paras = paras[len(stamps) :]
    title = None
    if _stamp_for_title(raw) and len(paras) > 1 and len(paras[0].split()) <= HEADLINE_MAX_WORDS:
        title, paras = paras[0], paras[1:]
    language = normalise_code(raw.fields.get("language")) or guess_language(raw.content)
    draft = Draft(
        # Exports often end with CMS residue ("Related: …", "© 2025 …"): dropped like widgets.
        paragraphs=strip_boilerplate(paras, language),
        title=title,
        language=language,
        url=raw.url,
        metadata={"extractor": "body"},
    )
    apply_text_metadata(draft, head=[], tail=paras[-TAIL_LINES:])
    printed = next(filter(None, map(stamp_date, stamps)), None)
    if draft.published is None and printed is not None:
        draft.published = printed.isoformat()
        draft.metadata["published_source"] = "stamp"
    return draft


def _leading_stamps(paras: list[str]) -> list[str]:
    """The date/time stamps opening a body (never all of it)."""
    count = 0
    while count < min(LEADING_STAMPS, len(paras) - 1) and is_stamp(paras[count]):
        count += 1
    return paras[:count]


def _stamp_for_title(raw: RawDoc) -> bool:
    """Whether the record gives a date stamp where its headline belongs."""
    title = raw.fields.get("title")
    return title is not None and is_stamp(title)
