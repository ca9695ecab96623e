"""The peers storylens is measured against, run in this process on the same pages.

Each peer is called the way the shared anchor runner (`../shared/bench/run_extraction_anchors.py`)
calls it, so the text and the timing match that runner's; only the extraction call is timed.
Peers that report a title, a date or authors (trafilatura, newspaper4k, readability's title)
have them read after the timed call: trafilatura's metadata pass is separate from its text
extraction, so counting it would slow trafilatura down unfairly.
"""

from __future__ import annotations

import html as htmlmod
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

# The Python module each peer needs; a peer whose module is missing is skipped.
MODULES = {
    "trafilatura": "trafilatura",
    "readability": "readability",
    "newspaper4k": "newspaper",
    "boilerpy3": "boilerpy3",
    "justext": "justext",
    "lines>12 words": None,
    "whole dump": None,
}
PEERS = {
    "html": ["trafilatura", "readability", "newspaper4k", "boilerpy3", "justext"],
    "dump": ["trafilatura", "readability", "boilerpy3", "justext", "lines>12 words", "whole dump"],
}
# The trivial floor on dumps (issue 4): keep the lines of more than this many words.
FLOOR_WORDS = 12


@dataclass(slots=True)
class PeerOutput:
    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None  # names as the tool gives them ("A; B", "A, B and C")


Extractor = Callable[[str, str | None], PeerOutput]
# Reads the metadata a peer found, outside the timed call: (page html, output so far).
MetaReader = Callable[[str, PeerOutput], None]


def installed(tool: str) -> bool:
    module = MODULES[tool]
    return module is None or importlib.util.find_spec(module) is not None


def load_module(path: Path) -> ModuleType:
    """A script of the shared bench folder (scorer, anchor runner) as a module."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path.name}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wrap_dump(dump: str) -> str:
    """A dump as HTML for the HTML tools: one <p> per line (as the anchor runner does)."""
    body = "".join(f"<p>{htmlmod.escape(line)}</p>\n" for line in dump.splitlines() if line.strip())
    return f"<html><head><title></title></head><body>\n{body}</body></html>"


def make_peer(tool: str, anchors: ModuleType) -> tuple[Extractor, MetaReader | None]:
    """The peer's timed extraction call and, where it has one, its metadata reader."""
    if tool == "trafilatura":
        return _trafilatura()
    if tool == "newspaper4k":
        return _newspaper()
    if tool == "readability":
        return _readability(anchors)
    if tool == "lines>12 words":
        return _floor, None
    if tool == "whole dump":
        return (lambda page, url: PeerOutput(page)), None
    text_only, _version = anchors.make_tool(tool)
    return (lambda page, url: PeerOutput(text_only(page, url) or "")), None


def _trafilatura() -> tuple[Extractor, MetaReader]:
    import trafilatura
    from trafilatura.metadata import extract_metadata

    def run(page: str, url: str | None) -> PeerOutput:
        text = trafilatura.extract(page, include_comments=False, include_tables=True)
        return PeerOutput(text or "")

    def meta(page: str, out: PeerOutput) -> None:
        found = extract_metadata(page)
        if found is not None:
            out.title, out.date, out.author = found.title, found.date, found.author

    return run, meta


def _newspaper() -> tuple[Extractor, None]:
    from newspaper import Article, Config

    config = Config()
    config.fetch_images = False
    config.memorize_articles = False
    config.request_timeout = 1

    def run(page: str, url: str | None) -> PeerOutput:
        article: Any = Article(url or "http://example.com/article", config=config)
        article.download(input_html=page)  # input_html: no network access
        article.parse()
        published = article.publish_date
        return PeerOutput(
            article.text or "",
            article.title or None,
            published.isoformat() if published else None,
            "; ".join(article.authors) or None,
        )

    return run, None


def _readability(anchors: ModuleType) -> tuple[Extractor, None]:
    from readability import Document

    def run(page: str, url: str | None) -> PeerOutput:
        document = Document(page)
        text = anchors.fragment_to_text(document.summary(html_partial=True))
        return PeerOutput(text, document.short_title() or None)

    return run, None


def _floor(page: str, url: str | None) -> PeerOutput:
    kept = [line for line in page.splitlines() if len(line.split()) > FLOOR_WORDS]
    return PeerOutput("\n".join(kept))
