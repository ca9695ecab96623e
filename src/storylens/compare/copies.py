"""Syndicated copies collapse onto their original: one outlet's report is one source.

A copy (grouping set `copy_of`) repeats its original's sentences; aligned as an outlet of
its own it lists one fact once per copy ("shared" by the wire and the papers that print
it) and one quote five times. Claims and quotes are aligned over the originals only; each
span then names where the copies print the same words, shown as "+N republished".

Grouping links a copy to whichever version arrived first. Here the original of a set of
copies is the outlet the texts credit (a dateline's "(Meridian Wire)", "By Meridian Wire",
"— AFP" under the text) when one member is that outlet, else the earliest published.

A translated copy shares no words with its original, so grouping's MinHash never links it:
here an article is one when it credits another member's outlet, is written in another
language, and most of its sentences have a close counterpart in that member's
(`translated_copies`, on the multilingual sentence vectors).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from storylens.compare.outlets import outlet_label
from storylens.extract.dateline import find_credit, parse_dateline
from storylens.records import Article, Span

# Lines read at each end of a body for a credit line.
CREDIT_LINES = 3
# A sentence of a translated copy and its counterpart in the original: the floor at which
# quotes match as one statement rendered in two languages (`quotes.SAME_SPEAKER_COSINE_MIN`,
# calibrated on translations, on the cosine scale every model is calibrated to); and the
# share of the copy's sentences that must have one (a translator may add or drop a line).
TRANSLATED_SENTENCE_COSINE = 0.5
TRANSLATED_SHARE = 0.6
Embed = Callable[[list[str]], npt.NDArray[np.float32]]


def translated_copies(articles: list[Article], embed: Embed) -> dict[str, str]:
    """Copy id -> original id of the articles that translate another member (module doc)."""
    by_outlet = {outlet_label(a).lower(): a for a in articles}
    found: dict[str, str] = {}
    for article in articles:
        credit = credited(article)
        original = by_outlet.get(credit.lower()) if credit and not article.copy_of else None
        if original is None or original is article or not _languages_differ(article, original):
            continue
        if _sentences_follow(article, original, embed):
            found[article.id] = original.id
    return found


def _languages_differ(first: Article, second: Article) -> bool:
    one, two = (first.language or "")[:2], (second.language or "")[:2]
    return bool(one and two) and one != two


def _sentences_follow(copy: Article, original: Article, embed: Embed) -> bool:
    theirs = [s.text for s in copy.sentences]
    ours = [s.text for s in original.sentences]
    if not theirs or not ours:
        return False
    vectors = embed(theirs + ours)
    best = (vectors[: len(theirs)] @ vectors[len(theirs) :].T).max(axis=1)
    return float((best >= TRANSLATED_SENTENCE_COSINE).mean()) >= TRANSLATED_SHARE


def copies_by_original(articles: list[Article]) -> dict[str, list[Article]]:
    """Each set of copies of the story under its original's id (sets of one left out)."""
    found: dict[str, list[Article]] = {}
    for members in _copy_sets(articles):
        if len(members) > 1:
            original = _original(members)
            found[original.id] = [m for m in members if m is not original]
    return found


def originals(articles: list[Article]) -> list[Article]:
    """The articles that are no copy of another article of the story, in story order."""
    copied = {c.id for copies in copies_by_original(articles).values() for c in copies}
    return [article for article in articles if article.id not in copied]


def republished(spans: Sequence[Span], copies: dict[str, list[Article]]) -> list[Span]:
    """Where the copies of each span's article print the span's words verbatim."""
    found = []
    for span in spans:
        for copy in copies.get(span.article, []):
            start = copy.body.find(span.text)
            if start >= 0:
                found.append(copy.span(start, start + len(span.text)))
    return found


def _copy_sets(articles: list[Article]) -> list[list[Article]]:
    """Articles joined by `copy_of` links inside the story, each set in story order."""
    root = {article.id: article.id for article in articles}

    def find(article_id: str) -> str:
        while root[article_id] != article_id:
            root[article_id] = root[root[article_id]]
            article_id = root[article_id]
        return article_id

    for article in articles:
        if article.copy_of in root:
            root[find(article.id)] = find(article.copy_of)
    sets: dict[str, list[Article]] = {}
    for article in articles:
        sets.setdefault(find(article.id), []).append(article)
    return list(sets.values())


def _original(members: list[Article]) -> Article:
    credits = {c.lower() for c in (credited(m) for m in members) if c}
    for member in members:
        if outlet_label(member).lower() in credits:
            return member
    dated = [m for m in members if m.published]
    if dated:
        return min(dated, key=lambda m: m.published or "")
    return next((m for m in members if m.copy_of not in {x.id for x in members}), members[0])


def credited(article: Article) -> str | None:
    """The agency or outlet the text credits for itself, if it names one."""
    lines = [line for line in article.body.splitlines() if line.strip()]
    if lines:
        dateline = parse_dateline(lines[0])
        if dateline is not None and dateline.credit:
            return dateline.credit
    return find_credit(lines[:CREDIT_LINES] + lines[-CREDIT_LINES:])
