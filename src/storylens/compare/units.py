"""The comparable units of a story: verbatim sentence and quote spans, bounded in number."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from storylens.analyse.lexicon import ATTRIBUTING_VERB
from storylens.analyse.quotes import is_title
from storylens.compare.indirect import indirect_quotes
from storylens.compare.lexical import content_words
from storylens.compare.occasions import occasions
from storylens.records import Article, Span

# Sentences read per article. News leads carry the statements other outlets repeat; 80
# sentences covers a long feature while a hostile 10,000-sentence body stays bounded.
MAX_SENTENCES_PER_ARTICLE = 80
# Sentences read per story, shared out between its articles: keeps one embedding call and
# the pairwise comparison bounded (about 20 s of CPU for MiniLM) on stories of hundreds
# of articles, which are then compared on their leads.
MAX_STORY_SENTENCES = 3000
# Every article keeps at least its lead, however many articles the story has.
MIN_UNITS_PER_ARTICLE = 3
MAX_QUOTES_PER_ARTICLE = 40
MAX_STORY_QUOTES = 1000
# Fewer words (with letters) than this is a dateline ("MOSCOW, June 6. /TASS/."), a
# caption or a fragment, not a statement.
MIN_WORDS = 4
MAX_WORDS_CHECKED = 32


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence or quote of one article of the story."""

    article: int  # index of the article in the story's list
    position: int  # order of the unit within its article
    span: Span
    words: frozenset[str]
    speaker: str | None = None
    kind: str = "direct"  # quotes: "direct" (in quote marks) or "indirect" (reported speech)
    occasion: frozenset[str] = frozenset()  # quotes: where it was said (`occasions`)
    # Sentences: someone's quoted words that do not say whose (`unattributed_quote`).
    unattributed: bool = False


def sentence_units(articles: list[Article]) -> list[Unit]:
    """The statements of each article (junk skipped), at most a bounded number per story."""
    limit = _per_article(len(articles), MAX_SENTENCES_PER_ARTICLE, MAX_STORY_SENTENCES)
    units: list[Unit] = []
    for index, article in enumerate(articles):
        spans = (_span(article, s.start, s.end) for s in article.sentences)
        kept = islice((span for span in spans if span and is_statement(span.text)), limit)
        units.extend(
            Unit(
                index,
                position,
                span,
                content_words(span.text, article.language),
                unattributed=unattributed_quote(article, span.start, span.end),
            )
            for position, span in enumerate(kept)
        )
    return units


def unattributed_quote(article: Article, start: int, end: int) -> bool:
    """Whether the sentence is mostly someone's quoted words (half its characters or more
    inside the article's quotes) with no verb of speech outside them: `"Tell me who you
    are."`, or a middle sentence of a long quote. Whose words they are is in another
    sentence, so a reader of it alone cannot know."""
    inside = _quoted_parts(article, start, end)
    if not _half_of(inside, start, end):
        # A quote running over several sentences to the paragraph's end leaves no span
        # behind; its open mark earlier in the paragraph says the same.
        paragraph = article.body.rfind("\n", 0, start) + 1
        return _open_mark(article.body[paragraph:start]) and not ATTRIBUTING_VERB.search(
            article.body[start:end]
        )
    outside, at = [], start
    for a, b in sorted(inside):
        outside.append(article.body[at:a])
        at = max(at, b)
    outside.append(article.body[at:end])
    return ATTRIBUTING_VERB.search(" ".join(outside)) is None


def mostly_quoted(article: Article, start: int, end: int) -> bool:
    """Whether half the characters of `start`..`end` or more lie inside the article's
    quotes."""
    return _half_of(_quoted_parts(article, start, end), start, end)


def _quoted_parts(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    return [
        (max(start, q.start), min(end, q.end))
        for q in article.quotes
        if q.start < end and start < q.end
    ]


def _half_of(parts: list[tuple[int, int]], start: int, end: int) -> bool:
    return 2 * sum(b - a for a, b in parts) >= end - start


def _open_mark(text: str) -> bool:
    """`text` opens a quotation it does not close."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def quote_units(articles: list[Article]) -> list[Unit]:
    """The quotes of each article, one unit per sentence, with their speakers: direct
    quotes first, then reported speech (`indirect_quotes`).

    A quote of several sentences is matched sentence by sentence: one outlet's single quote
    of two statements is often another's two quotes, and each statement must find its own
    rendering.
    """
    limit = _per_article(len(articles), MAX_QUOTES_PER_ARTICLE, MAX_STORY_QUOTES)
    units: list[Unit] = []
    for index, article in enumerate(articles):
        quotes = sorted(article.quotes, key=lambda q: (q.start, q.end))
        spans = (
            (_span(article, start, end), quote)
            for quote in quotes
            for start, end in quote_statements(article, quote.start, quote.end)
        )
        # A title in quote marks ("In God We Trust") is a name, not anyone's statement.
        kept = islice(
            ((s, q) for s, q in spans if s and _has_letters(s.text) and not is_title(s.text)),
            limit,
        )
        units.extend(
            Unit(
                index,
                position,
                span,
                content_words(span.text, article.language),
                _clean(quote.speaker),
                occasion=occasions(article, quote.start, quote.end, quote.speaker),
            )
            for position, (span, quote) in enumerate(kept)
        )
        reported = indirect_quotes(article, limit)
        units.extend(
            Unit(
                index,
                limit + position,
                span,
                content_words(span.text, article.language),
                speaker,
                "indirect",
                occasions(article, span.start, span.end, speaker),
            )
            for position, (span, speaker) in enumerate(reported)
        )
    return units


def quote_statements(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    """The quote's span cut at the article's sentence ends that fall inside it.

    A piece too short to be a statement on its own ("No," he said. "...") stays joined to
    the piece after it.
    """
    cuts = [s.end for s in article.sentences if start < s.end < end]
    pieces: list[tuple[int, int]] = []
    begin = start
    for cut in cuts:
        piece = (begin, cut)
        if is_statement(article.body[begin:cut]):
            pieces.append(piece)
            begin = _skip_space(article.body, cut, end)
    if begin < end:
        pieces.append((begin, end))
    return pieces


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def is_statement(text: str) -> bool:
    """A sentence worth comparing: enough words that have letters in them."""
    words = text.split(maxsplit=MAX_WORDS_CHECKED)[:MAX_WORDS_CHECKED]
    return sum(1 for word in words if any(ch.isalpha() for ch in word)) >= MIN_WORDS


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _per_article(articles: int, per_article: int, per_story: int) -> int:
    if articles == 0:
        return per_article
    return max(MIN_UNITS_PER_ARTICLE, min(per_article, per_story // articles))


def _span(article: Article, start: int, end: int) -> Span | None:
    # Offsets come from an earlier stage: cite only what lies inside the body, and cite
    # the body's own characters so every span shown is verbatim.
    if not 0 <= start < end <= len(article.body):
        return None
    return article.span(start, end)


def _clean(speaker: str | None) -> str | None:
    name = " ".join((speaker or "").split())
    return name or None
