"""The records that flow through storylens' stages.

One `Article` travels from extract to store; each stage fills in its own fields and never
reaches back into an earlier stage. Spans are always character offsets into `Article.body`
(`body[start:end]` is exactly the text cited), so every fact shown can be traced to its source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

RawFormat = Literal["html", "text", "body"]
"""`html`: a web page; `text`: a page flattened to text (menus and lists still in it);
`body`: an article body already extracted upstream (a JSON export's `text`/`body`)."""


@dataclass(slots=True)
class RawDoc:
    """One input document as read, decoded but not yet extracted."""

    source: str  # input path, or `path#record` for an item inside a container (JSONL, WARC)
    content: str  # decoded text: HTML markup, a text dump, or a clean body
    format: RawFormat
    url: str | None = None
    # Metadata the container already carries (JSON fields, WARC headers): title, published,
    # outlet, author, language, id. Extraction prefers these over what it infers.
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Failure:
    """An item that could not be processed, and why. Reported as `SOURCE: reason`."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True, frozen=True)
class Span:
    """A verbatim span of one article: `article.body[start:end] == text`."""

    article: str
    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Entity:
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, DATE, CARDINAL...
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Quote:
    """A direct quote: `text` is the quoted words without the quote marks."""

    text: str
    start: int  # span of the quoted words in the body
    end: int
    speaker: str | None  # fullest name the article gives the speaker, if it names one


@dataclass(slots=True, frozen=True)
class Placement:
    """Where the grouper put an article when it arrived, kept so that a restarted grouper
    replays the same steps (see `StoryGrouper.replay`): its place in the grouping order,
    the story it joined then (a later merge may have moved it since) and the stories its
    arrival merged into that one."""

    order: int
    story_id: str
    merged: tuple[str, ...] = ()


@dataclass(slots=True)
class Article:
    """An extracted article and, once analysed, its sentences, entities, quotes and vectors."""

    id: str
    source: str
    body: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or None when unknown
    author: str | None = None
    language: str | None = None
    url: str | None = None
    input_id: str | None = None  # the id the input gave this article (a JSONL `id`)
    metadata: dict[str, Any] = field(default_factory=dict)
    # Filled in by analyse:
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    embedding: list[float] | None = None  # title + lead, unit length
    # How far analyse went: "none", "lead" (the embedding grouping reads, at ingest) or
    # "full-N" (sentences, entities and quotes of the whole body, when a story is compared,
    # by version N of that analysis: `storylens.analyse.FULL`).
    analysis: str = "none"
    # Filled in by group:
    story_id: str | None = None
    copy_of: str | None = None  # id of the article this one is a syndicated copy of
    placement: Placement | None = None
    # The body's MinHash signature (storylens.signatures) where a worker computed it, so
    # the serial grouping pass only reads it; None: grouping computes it. Not stored.
    minhash: bytes | None = field(default=None, compare=False, repr=False)

    def span(self, start: int, end: int) -> Span:
        return Span(self.id, start, end, self.body[start:end])


def article_id(*, outlet: str | None, title: str | None, url: str | None, body: str) -> str:
    """Stable content hash: the same article read twice gets the same id (idempotent ingest)."""
    digest = hashlib.sha256()
    for part in (outlet or "", title or "", url or "", body):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class Claim:
    """A statement aligned across articles: one span per article that makes it."""

    text: str  # the representative wording (the first source's sentence)
    sources: list[Span]
    outlets: list[str]  # distinct outlets, syndicated copies counted once
    shared: bool  # made by two or more independent outlets
    # The same words where syndicated copies of the sources print them (not sources).
    republished: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Unconfirmed:
    """A sentence no other outlet was matched with, but one that another outlet's sentence
    comes near: it may state the same fact in other words, so it is neither called shared
    nor single-source. `nearest` shows the reader those sentences to judge for themselves."""

    source: Span
    nearest: list[Span]  # the closest sentence of each other outlet that comes near


@dataclass(slots=True, frozen=True)
class QuoteRendering(Span):
    """One article's words of a quote: "direct" (in its quote marks) or "indirect" (reported
    speech, `X said that …`, or the words printed as the outlet's own prose)."""

    kind: str = "direct"

    @classmethod
    def of(cls, span: Span, kind: str = "direct") -> QuoteRendering:
        return cls(span.article, span.start, span.end, span.text, kind)

    @property
    def quoted(self) -> bool:
        """Whether the outlet prints these words in quote marks."""
        return self.kind == "direct"


@dataclass(slots=True)
class QuoteMatch:
    """The same statement of one speaker as rendered by each article that quotes it."""

    speaker: str | None
    renderings: list[QuoteRendering]
    # The same words where syndicated copies of the renderings' articles print them.
    republished: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Conflict:
    """Two outlets state one claim with different numbers, dates, names or attributions."""

    kind: Literal["number", "date", "name", "attribution"]
    claim: int  # index into `Comparison.claims`
    first: Span  # the sentence of one outlet...
    second: Span  # ...and of the other
    first_value: Span  # the words that differ, as each sentence writes them
    second_value: Span


@dataclass(slots=True)
class StoryEntity:
    """A person, organisation or place, one entry across the story's name variants."""

    name: str  # the fullest variant
    kind: Literal["person", "organisation", "place"]
    variants: list[str]
    mentions: dict[str, int]  # outlet -> mentions (syndicated copies counted once)
    spans: list[Span]  # the first mention in each article


@dataclass(slots=True)
class TimelineItem:
    """A dated statement: `date` resolved from the words in `when` against `anchor`."""

    date: str  # ISO date (YYYY-MM-DD); for a week, a month or a year, its first day
    precision: Literal["day", "week", "month", "year"]
    anchor: Literal["explicit", "published", "dateline"]
    when: Span  # the date words ("on Tuesday", "June 6")
    sentence: Span  # the sentence stating what happened
    # The event it dates: items of one event (the same date and fact, told by several
    # outlets or printed by copies) share this number (`compare.timeline.number_events`).
    event: int = 0


@dataclass(slots=True)
class Framing:
    """How one article tells the story: shown side by side, not scored."""

    article: str
    outlet: str
    headline: str | None
    lead: Span | None
    first_claim: int | None  # index into `Comparison.claims` of the lead's claim
    attribution_verbs: dict[str, int]  # "said" -> 4, "claimed" -> 1
    hedges: list[Span]
    loaded: list[Span]


@dataclass(slots=True)
class Coverage:
    """Per outlet: the claims it alone makes, and the claims of others it leaves out."""

    outlet: str
    only_here: list[int]  # indices into `Comparison.claims`
    left_out: list[int]


@dataclass(slots=True)
class Comparison:
    """What every outlet says about one story."""

    story_id: str
    article_ids: list[str]
    claims: list[Claim]
    quotes: list[QuoteMatch]
    summary: list[Span]
    conflicts: list[Conflict] = field(default_factory=list)
    entities: list[StoryEntity] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    unconfirmed: list[Unconfirmed] = field(default_factory=list)
    # Each syndicated copy's original, as the comparison collapsed them (`compare.copies`).
    copies: dict[str, str] = field(default_factory=dict)
    # Of `copies`, the ids of those that translate their original into another language.
    translated: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    id: str
    article_ids: list[str]
    title: str | None = None  # the headline of the story's first article
    first_published: str | None = None
    last_published: str | None = None
    outlets: list[str] = field(default_factory=list)
    # The developing story (thread) this event belongs to (`group.threads`); None until
    # a thread linker has seen it.
    thread_id: str | None = None


@dataclass(slots=True)
class StoryThread:
    """A developing story: its events (stories), earliest first."""

    id: str
    events: list[Story]
    title: str | None = None  # the headline of its biggest event
    first_published: str | None = None
    last_published: str | None = None
    outlets: list[str] = field(default_factory=list)
    article_count: int = 0


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: counts, and the first failures whole (the first 20; `failed`
    counts them all). `Ingestor.ingest` and `Database.ingest` return it."""

    stored: int = 0
    already_stored: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
