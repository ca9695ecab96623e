"""Sentence boundaries with exact character offsets into the article body.

spaCy's statistical boundaries (`senter`) are the base. News prose trips them in known ways,
fixed here by rules over character offsets, so every sentence stays a verbatim slice:

- a line break always ends a sentence: paragraphs are lines (a headline without a final
  full stop is its own sentence, and no sentence runs on into the next paragraph);
- a break after an abbreviation ("Mr.", "Jan.", "U.S. Senate", "J. K. Alvarez") or before a
  lowercase word is undone; so is a break inside a clause with no final punctuation;
- a break spaCy misses is added after a closing quote that ends a sentence (`... "unfunded."
  Critics ...`), after a lowercase word with a full stop, and after a number with one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from storylens.analyse.lexicon import MAYBE_FINAL, NEVER_FINAL, SENTENCE_OPENERS, SPEECH_VERBS
from storylens.extract.dates import MONTHS
from storylens.records import Sentence

LINE = re.compile(r"[^\n\r\u2028\u2029]+")
TERMINAL = re.compile(r"[.!?؟…][\"'”’»)\]]*$")
OPENING_MARKS = "\"“«„‘'("
CLOSING_MARKS = "”’»"
# A clause with no final punctuation longer than this is not glued back together: it is not
# prose (a list, a table flattened to text) and must not become one huge sentence.
MAX_UNPUNCTUATED = 600

LOWER_WORD_END = re.compile(r"(?<![\w.'’-])([a-z]{2,})[.!?]\s+(?=[\"“«„]?[A-Z])")
# A day's number with a full stop before a month is a German date ("am 14. April 2026"), not
# a sentence's end.
_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 2), key=len, reverse=True))
ORDINAL_DATE = re.compile(rf"(?<![\d.])\d{{1,2}}\.\s+(?:{_MONTH_NAMES})\b", re.IGNORECASE)
NUMBER_END = re.compile(rf"(?<=\d)[.!?]\s+(?=[\"“«„]?[A-Z])(?!(?i:{_MONTH_NAMES})\b)")
# Arabic has no capitals to show where a sentence starts, nor abbreviations with a full
# stop: a full stop or question mark ("؟") between two Arabic words ends a sentence.
ARABIC_END = re.compile(r"(?<=[\u0621-\u06ff])[.!?؟…]+\s+(?=[«\"“]?[\u0621-\u064a])")
QUOTE_END = re.compile(r"([.!?…])[\"”’»]+\s+(?=[\"“«„]?[A-Z])")
# `"Is it fair?" Mayor Tom Reyes asked.`: the attribution belongs to the quoted question.
ATTRIBUTION_AHEAD = re.compile(rf"(?:[\w.'’-]+\s+){{0,5}}?(?:{SPEECH_VERBS})\b")
ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def sentence_starts(doc: object) -> list[int]:
    """Where spaCy starts sentences in `doc`; empty when the pipeline sets no boundaries."""
    has_annotation = getattr(doc, "has_annotation", None)
    if has_annotation is None or not has_annotation("SENT_START"):
        return []
    return [sent.start_char for sent in doc.sents]  # type: ignore[attr-defined]


def split_sentences(body: str, soft_starts: Iterable[int]) -> list[Sentence]:
    """Sentences of `body`, given spaCy's sentence starts (character offsets) as hints."""
    starts = sorted(set(soft_starts))
    sentences: list[Sentence] = []
    for line in LINE.finditer(body):
        lo, hi = line.span()
        soft = starts[bisect.bisect_right(starts, lo) : bisect.bisect_left(starts, hi)]
        cuts = _kept_soft_cuts(body, lo, hi, soft) | _hard_cuts(body, lo, hi)
        sentences.extend(_segments(body, [lo, *sorted(cuts), hi]))
    return sentences


def _kept_soft_cuts(body: str, lo: int, hi: int, soft: list[int]) -> set[int]:
    kept: set[int] = set()
    segment_start = lo
    for raw in soft:
        cut = _normalise_cut(body, raw, hi)
        if cut <= segment_start or cut >= hi:
            continue
        if not _false_break(body[segment_start:cut], body[cut:hi]):
            kept.add(cut)
            segment_start = cut
    return kept


def _normalise_cut(body: str, cut: int, hi: int) -> int:
    """Move a cut past leading spaces and a closing quote mark spaCy put on the wrong side."""
    while cut < hi and body[cut].isspace():
        cut += 1
    if cut < hi and (
        body[cut] in CLOSING_MARKS or (body[cut] == '"' and (cut + 1 == hi or body[cut + 1] == " "))
    ):
        cut += 1
        while cut < hi and body[cut].isspace():
            cut += 1
    return cut


def _false_break(before: str, after: str) -> bool:
    """Whether a boundary between `before` and `after` is a segmentation error."""
    head, tail = before.rstrip(), after.lstrip()
    if not head or not tail or tail[0].islower():
        return True
    if not TERMINAL.search(head):
        return len(head) <= MAX_UNPUNCTUATED
    if not head.endswith("."):
        return False
    if ORDINAL_DATE.match(head.split()[-1] + " " + tail):
        return True
    token = head.split()[-1].lstrip(OPENING_MARKS)[:-1]
    if token in NEVER_FINAL:
        return True
    if token in MAYBE_FINAL or ACRONYM.fullmatch(token) or re.fullmatch(r"[A-Z]", token):
        return not _opens_sentence(tail)
    return False


def _opens_sentence(text: str) -> bool:
    if text[0] in OPENING_MARKS:
        return True
    first = re.match(r"[\w'’-]+", text)
    return first is not None and first.group() in SENTENCE_OPENERS


def _hard_cuts(body: str, lo: int, hi: int) -> set[int]:
    text = body[lo:hi]
    cuts = {lo + m.end() for m in LOWER_WORD_END.finditer(text) if m.group(1) not in NEVER_FINAL}
    for m in NUMBER_END.finditer(text):
        if not text[: m.start()].strip().isdigit():  # "1. First point": a list marker
            cuts.add(lo + m.end())
    cuts.update(lo + m.end() for m in ARABIC_END.finditer(text))
    for m in QUOTE_END.finditer(text):
        if m.group(1) == "." or not ATTRIBUTION_AHEAD.match(text, m.end()):
            cuts.add(lo + m.end())
    return cuts


def _segments(body: str, bounds: list[int]) -> list[Sentence]:
    sentences = []
    for start, end in itertools.pairwise(bounds):
        piece = body[start:end]
        left = start + len(piece) - len(piece.lstrip())
        right = end - (len(piece) - len(piece.rstrip()))
        if left < right and any(ch.isalnum() for ch in body[left:right]):
            sentences.append(Sentence(left, right, body[left:right]))
    return sentences
