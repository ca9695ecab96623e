"""The analyse stage: sentences, entities, quotes and a lead embedding for each article.

    analyser = Analyser(settings)
    analyser.analyse(articles)  # fills the fields in place, all articles in one batch

Every span is a character offset into `article.body`. Only the first `MAX_ANALYSED_CHARS`
characters of a body are analysed, so that a hostile input costs a bounded amount of work;
real articles are a small fraction of that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import numpy as np

from storylens.analyse.embeddings import Embedder, Vectors
from storylens.analyse.entities import entities_from_doc
from storylens.analyse.models import load_spacy_for_analysis
from storylens.analyse.quotes import find_quotes
from storylens.analyse.sentences import sentence_starts, split_sentences
from storylens.analyse.speakers import SpeakerResolver
from storylens.config import Settings
from storylens.records import Article, Quote

__all__ = ["MAX_ANALYSED_CHARS", "Analyser", "lead_text"]

MAX_ANALYSED_CHARS = 100_000
LEAD_SENTENCES = 3
SPACY_BATCH = 16
# spaCy's tokenizer and the embedding tokenizer both reject lone surrogates (text decoded with
# `surrogateescape`); one replacement character each keeps every offset where it was.
SURROGATE = re.compile(r"[\ud800-\udfff]")
# spaCy's tokenizer splits affixes off a run of non-space characters in quadratic time: 4,000
# quote marks in a row take 2 s, 100,000 about 20 min. A space every RUN_LIMIT characters
# (replacing a character, so offsets stay put) bounds it; no word or name is that long.
LONG_RUN = re.compile(r"\S{64,}")
RUN_LIMIT = 64


class Analyser:
    """Runs the analyse stage with one set of models, loaded on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._embedder = Embedder(settings.embedding_model)

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    def embed_sentences(self, texts: list[str]) -> Vectors:
        """One unit vector per text (see `Embedder.embed`)."""
        return self._embedder.embed([_clean(t) for t in texts])

    def analyse(self, articles: list[Article]) -> None:
        """Fill `sentences`, `entities`, `quotes` and `embedding` of each article in place."""
        if not articles:
            return
        for article, doc in zip(articles, self._docs(articles), strict=True):
            _fill(article, doc)
        vectors = self._embedder.embed([lead_text(a) for a in articles])
        for article, vector in zip(articles, vectors, strict=True):
            article.embedding = [float(x) for x in np.asarray(vector, dtype=np.float32)]

    def _docs(self, articles: list[Article]) -> Iterator[Any]:
        nlp = load_spacy_for_analysis(self.settings.spacy_model)
        texts = (_for_spacy(a.body[:MAX_ANALYSED_CHARS]) for a in articles)
        return iter(nlp.pipe(texts, batch_size=SPACY_BATCH))


def _fill(article: Article, doc: Any) -> None:
    """Sentences, entities and quotes of one article from its spaCy doc."""
    body = article.body[:MAX_ANALYSED_CHARS]
    article.sentences = split_sentences(body, sentence_starts(doc))
    article.entities = entities_from_doc(doc, body)
    spans = find_quotes(body)
    speakers = SpeakerResolver(body, article.sentences, article.entities, spans).resolve_all()
    article.quotes = [
        Quote(body[q.start : q.end], q.start, q.end, speaker)
        for q, speaker in zip(spans, speakers, strict=True)
    ]


def lead_text(article: Article) -> str:
    """What an article is about: its title and first sentences (the news lead)."""
    lead = " ".join(s.text for s in article.sentences[:LEAD_SENTENCES])
    if not lead:
        lead = article.body[:500].strip()
    title = (article.title or "").strip().rstrip(".")
    return _clean(f"{title}. {lead}" if title and lead else title or lead)


def _clean(text: str) -> str:
    return SURROGATE.sub("\ufffd", text)


def _for_spacy(text: str) -> str:
    """`text` as spaCy can read it in linear time, every character at its offset."""
    return LONG_RUN.sub(_break_run, _clean(text))


def _break_run(run: re.Match[str]) -> str:
    chars = list(run.group())
    chars[RUN_LIMIT - 1 :: RUN_LIMIT] = " " * len(chars[RUN_LIMIT - 1 :: RUN_LIMIT])
    return "".join(chars)
