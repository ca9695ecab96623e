"""The two plain-text paths: text dumps (our line classifier) and bodies extracted upstream."""

from __future__ import annotations

from storylens.extract.assemble import Draft
from storylens.extract.language import guess_language, normalise_code
from storylens.extract.sitename import site_name
from storylens.extract.text import paragraphs
from storylens.extract.textdump import classify, strip_boilerplate
from storylens.extract.textmeta import (
    NEAR_LINES,
    apply_text_metadata,
    find_byline,
    find_dated_name,
    last_byline,
    last_dated_name,
)
from storylens.records import RawDoc

# Both set by hand, not tuned (credits sit within a few lines of the article's end).
# Lines below the article searched for a credit ("More from AFP") or a date line.
TAIL_LINES = 12
# Lines at least this long are read for the language guess (menus and headlines are shorter).
PROSE_LINE_WORDS = 8


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
    # The byline sits under the headline: above the article block or among its first lines
    # (the block often starts at the headline's level).
    start = title_at + 1 if dump.title else max(0, first - NEAR_LINES)
    under_title = [line.text for line in dump.lines[start : first + NEAR_LINES] if line.text]
    above = [line.text for line in dump.lines[:first] if line.text and line.index != title_at]
    draft.author = (
        find_byline(under_title)
        or find_dated_name(under_title[:NEAR_LINES])
        # Further up (the headline was not found, or a standfirst sits between): the nearest
        # to the article, menus' "By topic" entries are further up.
        or last_byline(above)
        or last_dated_name(above[-NEAR_LINES:])
    )
    apply_text_metadata(draft, head=head, tail=dump.paragraphs[-2:] + tail)
    return draft


def _dump_language(text: str) -> str | None:
    """The language of a dump's longer lines: menus name sections, not the page's language."""
    long_lines = [line for line in text.splitlines() if len(line.split()) >= PROSE_LINE_WORDS]
    return guess_language("\n".join(long_lines)) or guess_language(text)


def extract_body(raw: RawDoc) -> Draft:
    """A body someone else extracted: paragraphs kept, a dateline still read for metadata."""
    paras = paragraphs(raw.content)
    language = normalise_code(raw.fields.get("language")) or guess_language(raw.content)
    draft = Draft(
        # Exports often end with CMS residue ("Related: …", "© 2025 …"): dropped like widgets.
        paragraphs=strip_boilerplate(paras, language),
        language=language,
        url=raw.url,
        metadata={"extractor": "body"},
    )
    apply_text_metadata(draft, head=[], tail=paras[-TAIL_LINES:])
    return draft
