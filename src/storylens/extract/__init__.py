"""Extract: one `RawDoc` in, one `Article` (or a `Failure` saying why not) out.

    html  -> trafilatura for the text (html.py), the page's JSON-LD/<meta>/bylines for the
             metadata (htmlmeta.py), JSON-LD or densest-block fallbacks (fallback.py)
    text  -> our line classifier for flattened pages (lines.py, textdump.py, dumptitle.py),
             the outlet a dump names itself (sitename.py)
    body  -> paragraphs as given, export residue dropped (plain.py)

For text and bodies, datelines, agency credits and date lines are read by textmeta.py
(dateline.py, dates.py). Fields the container gives (`raw.fields`: title, published, outlet,
author, language, id) win over what is inferred (assemble.py).

`metadata` records how each value was found: `extractor` (trafilatura, json-ld,
densest-block, textdump, body), `published_source` (fields, json-ld, meta, htmldate,
dateline, date-line, url), `dateline`, `agency`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storylens.extract.assemble import NO_TEXT, Draft, finish
from storylens.extract.plain import extract_body, extract_dump
from storylens.records import Article, Failure, RawDoc

__all__ = ["NO_TEXT", "extract", "extract_all"]


def extract(raw: RawDoc) -> Article | Failure:
    """The article in `raw`, or a Failure naming the reason it has none."""
    draft: Draft | Failure
    if not raw.content.strip():
        return Failure(raw.source, NO_TEXT)
    if raw.format == "html":
        # Imported for pages only: trafilatura and htmldate take a quarter of a second to
        # load, which a process that reads dumps or only needs `extract.dates` never pays.
        from storylens.extract.html import extract_html

        draft = extract_html(raw)
    elif raw.format == "text":
        draft = extract_dump(raw)
    elif raw.format == "body":
        draft = extract_body(raw)
    else:
        return Failure(raw.source, f"unknown input format {raw.format!r}")
    return draft if isinstance(draft, Failure) else finish(raw, draft)


def extract_all(raws: Iterable[RawDoc | Failure]) -> Iterator[Article | Failure]:
    """`extract` over a stream, lazily; failures from reading are passed through unchanged."""
    for raw in raws:
        yield raw if isinstance(raw, Failure) else extract(raw)
