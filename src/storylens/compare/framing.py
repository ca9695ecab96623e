"""Framing: how each outlet tells the story, shown side by side and never scored.

Per article: its headline and lead, the verbs it attributes statements with ("said" is
neutral; "claimed", "admitted", "insisted" colour them), its hedges ("reportedly",
"allegedly"), its loaded words, and which claim it puts first. The word lists are short
and plain on purpose: a reader sees each hit in its sentence and judges it.
"""

from __future__ import annotations

import re
from collections import Counter

from storylens.analyse.lexicon import SPEECH_VERB
from storylens.compare.outlets import outlet_label
from storylens.compare.units import Unit
from storylens.records import Article, Claim, Framing, Span

HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|apparently|purportedly|supposedly|possibly|perhaps|"
    r"unconfirmed|unverified|it is (?:believed|thought|understood)|appears? to|seem(?:s|ed)? to|"
    r"may have|might have|could have|is said to|are said to|sources? (?:said|say)|"
    r"according to (?:unnamed|anonymous) sources?)\b",
    re.IGNORECASE,
)
LOADED = re.compile(
    r"\b(?:slam(?:s|med)?|blast(?:s|ed)?|lash(?:es|ed)? out|rant(?:s|ed)?|radical|extremists?|"
    r"regime|propaganda|scandal|outrage(?:ous)?|shocking|disgrace(?:ful)?|chaos|chaotic|"
    r"draconian|notorious|controversial|so-called|embattled|disastrous|catastrophic|"
    r"brutal|thugs?|witch hunt|hoax|fake|smear|meddling|crackdown|sham)\b",
    re.IGNORECASE,
)
# Hits listed per article: enough to see a pattern, bounded on a hostile body.
MAX_HITS = 20
# Characters of a body searched for framing words (analysis reads no further either).
MAX_CHARS = 100_000


def framing(articles: list[Article], units: list[Unit], claims: list[Claim]) -> list[Framing]:
    """One entry per article, in story order."""
    claim_of = {
        (span.article, span.start): index
        for index, claim in enumerate(claims)
        for span in claim.sources
    }
    leads: dict[int, Span] = {}
    for unit in units:
        # A body that opens with its headline: the lead is the sentence after it.
        title = " ".join((articles[unit.article].title or "").split())
        if " ".join(unit.span.text.split()) != title:
            leads.setdefault(unit.article, unit.span)
    return [
        _article_framing(i, article, leads.get(i), claim_of) for i, article in enumerate(articles)
    ]


def _article_framing(
    index: int, article: Article, lead: Span | None, claim_of: dict[tuple[str, int], int]
) -> Framing:
    body = article.body[:MAX_CHARS]
    verbs = Counter(m.group().lower() for m in SPEECH_VERB.finditer(body))
    return Framing(
        article=article.id,
        outlet=outlet_label(article),
        headline=article.title,
        lead=lead,
        first_claim=claim_of.get((lead.article, lead.start)) if lead else None,
        attribution_verbs=dict(verbs.most_common()),
        hedges=_hits(article, HEDGES, body),
        loaded=_hits(article, LOADED, body),
    )


def _hits(article: Article, pattern: re.Pattern[str], body: str) -> list[Span]:
    hits = []
    for match in pattern.finditer(body):
        hits.append(article.span(match.start(), match.end()))
        if len(hits) == MAX_HITS:
            break
    return hits
