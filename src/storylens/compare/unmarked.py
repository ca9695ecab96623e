"""Quotes one outlet prints without quote marks: another outlet's quote, word for word.

A press release or a statement is often quoted by one outlet ("…to 'Smiles for Life,'" the
press release said) and printed as plain prose by another. The prose sentence is a rendering
of the same statement, so it joins the quote's renderings (as reported speech: it does not
say whose words they are); a reader then sees that the two outlets carry the same words.
"""

from __future__ import annotations

import re

from storylens.compare.units import MAX_QUOTES_PER_ARTICLE, Unit, mostly_quoted
from storylens.records import Article

# Consecutive words a sentence must share with another outlet's quote. Eight words in the
# same order are a copied text, not a coincidence of phrasing ("said in a statement on").
RUN_WORDS = 8
# Words read of each sentence and quote: a copied statement shows in its first words, and a
# hostile 100,000-word "sentence" must not become 100,000 runs.
MAX_WORDS_READ = 200
MAX_CHARS_READ = 4000
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def unmarked_quotes(
    articles: list[Article], sentences: list[Unit], quotes: list[Unit]
) -> list[Unit]:
    """Sentences, mostly outside quote marks in their own article, that run `RUN_WORDS`
    words or more word for word in a direct quote of another article."""
    quoted: dict[tuple[str, ...], set[int]] = {}  # a run of words -> the articles quoting it
    for quote in quotes:
        if quote.kind == "direct" and quote.speaker is not None:
            for run in _runs(quote.span.text):
                quoted.setdefault(run, set()).add(quote.article)
    if not quoted:
        return []
    found: list[Unit] = []
    for sentence in sentences:
        span = sentence.span
        # Half of it or more in its own quote marks: a quote unit already (a name in marks,
        # "to 'Smiles for Life'", leaves it prose).
        if mostly_quoted(articles[sentence.article], span.start, span.end):
            continue
        if any(quoted.get(run, set()) - {sentence.article} for run in _runs(span.text)):
            found.append(_as_reported(sentence, len(found)))
    return found


def _runs(text: str) -> set[tuple[str, ...]]:
    """Its runs of `RUN_WORDS` words, lowercase, in its first `MAX_WORDS_READ` words."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[:MAX_CHARS_READ])]
    words = words[:MAX_WORDS_READ]
    return {tuple(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)}


def _as_reported(sentence: Unit, index: int) -> Unit:
    # After the article's direct and reported quotes in its order of units.
    position = 2 * MAX_QUOTES_PER_ARTICLE + index
    return Unit(sentence.article, position, sentence.span, sentence.words, kind="indirect")
