"""Direct quotes: where the quote marks are, and the quoted words between them.

Marks read: straight `"…"`, curly `“…”`, German `„…“`, guillemets `«…»`, and a curly and
a straight mark mixed (`“…"`), as scraped text has them. Single quotes are
not read as quotes: `'` is mostly an apostrophe, and `‘…’` in news marks scare quotes and
quotes inside quotes, not statements. Quotes are paired within a paragraph (a line); a quote
left open at the end of a paragraph counts only when the next paragraph opens with a quote
mark, the convention for a statement running over several paragraphs, or when the next
paragraph's first mark can only close it: scraped text breaks a line inside a quote
(`“As we’ve re-confirmed our reporting, … inaccurate.` / `We remain confident…," he said.`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The closing marks each opening mark accepts. Scraped text mixes curly and straight marks
# (`“For the record…," she wrote`): a straight mark that can close closes a curly quote.
CLOSERS = {'"': '"”', "“": '”"', "„": "“”", "«": "»"}
OPEN_CONTEXT = "([{—–-/“‘'«"
CLOSE_CONTEXT = ".,;:!?)]}—–-…”’»'"
MARKS = re.compile(r'["“”„«»]')
LINE = re.compile(r"[^\n\r\u2028\u2029]+")
WORD = re.compile(r"\w+")
# A quoted sentence's stop, then the space that belongs after the closing mark.
SPACED_CLOSE = re.compile(r"\w[.!?]\s+$")
# Words a quote must have before such a mark closes it: a sentence, not a stray mark's tail.
MIN_SPACED_WORDS = 4
TITLE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Words a title leaves lowercase ("In God We Trust", "Profiles in Courage").
MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or the to vs with".split()
)
# The comma before the attribution ("…tariff," she said) is punctuation of the sentence
# around the quote, not of the statement.
TRAILING_JUNK = ", \t\u00a0"


@dataclass(slots=True, frozen=True)
class QuoteSpan:
    """A quote: marks from `open` to `close` (exclusive), quoted words `start`..`end`."""

    open: int
    close: int
    start: int
    end: int
    para_start: int
    para_end: int

    def words(self, body: str) -> int:
        return len(WORD.findall(body[self.start : self.end]))


def is_title(text: str) -> bool:
    """Quoted words in title case name something (a motto, a book, a bill, a show): they
    are nobody's statement. Two words at least: one capitalised word may be a quoted name
    or a quoted statement's first word alike."""
    words = TITLE_WORD.findall(text)
    if len(words) < 2 or not words[0][0].isupper() or text.upper() == text:
        return False  # all capitals is a shout or an acronym, not a title
    return all(w[0].isupper() or w.lower() in MINOR_WORDS for w in words)


def find_quotes(body: str) -> list[QuoteSpan]:
    """Every direct quote in `body`, in order."""
    lines = [m.span() for m in LINE.finditer(body)]
    quotes: list[QuoteSpan] = []
    carried: str | None = None  # the opening mark of a quote the line before runs on from
    for index, (lo, hi) in enumerate(lines):
        found, left_open = _line_quotes(body, lo, hi, carried)
        carried = None
        following = lines[index + 1] if index + 1 < len(lines) else None
        if left_open is not None and following is not None:
            opener, opened = left_open
            continued = _opens_with_quote(body, *following)
            if continued or _closes_first(body, *following, opener):
                found.append(_span(body, opened, hi, hi, lo, hi))
                carried = None if continued else opener
        quotes.extend(q for q in found if q.start < q.end)
    return quotes


def _line_quotes(
    body: str, lo: int, hi: int, carried: str | None
) -> tuple[list[QuoteSpan], tuple[str, int] | None]:
    """The line's quotes, and the quote it leaves open (its mark and where it opened).
    `carried`: the line starts inside a quote the line before opened with that mark."""
    quotes = []
    opener, opened = carried, lo - 1
    for mark in MARKS.finditer(body, lo, hi):
        char, at = mark.group(), mark.start()
        role = _straight_role(body, at, lo, hi) if char == '"' else "either"
        if opener is None:
            if char in CLOSERS and role != "close":
                opener, opened = char, at
        elif _closes(body, opener, opened, at, role, hi):
            quotes.append(_span(body, opened, at + 1, at, lo, hi))
            opener = None
        elif char == opener == '"':
            opened = at  # `"` where only an opening fits: the earlier one was stray
    return quotes, (opener, opened) if opener is not None else None


def _opens_with_quote(body: str, lo: int, hi: int) -> bool:
    text = body[lo:hi].lstrip()
    return bool(text) and text[0] in CLOSERS


def _closes_first(body: str, lo: int, hi: int, opener: str) -> bool:
    """Whether the line's first quote mark can only close a quote `opener` opened."""
    mark = MARKS.search(body, lo, hi)
    if mark is None or mark.group() not in CLOSERS[opener]:
        return False
    return mark.group() != '"' or _straight_role(body, mark.start(), lo, hi) == "close"


def _closes(body: str, opener: str, opened: int, at: int, role: str, hi: int) -> bool:
    """Whether the mark at `at` closes the quote opened at `opened` with `opener`."""
    char = body[at]
    if char in CLOSERS[opener] and role != "open":
        return True
    return char == opener == '"' and _spaced_closer(body, opened, at, hi)


def _spaced_closer(body: str, opened: int, at: int, hi: int) -> bool:
    """Whether a `"` that spacing reads as an opening closes the open quote instead: it
    follows a whole quoted sentence and its stop, the space on the wrong side (`is wrong.
    "Perry is referring`: a page whose text lost the space after the mark). Not when the
    line's next `"` can only close: then this one opens that quote and the earlier opening
    was stray (`The "Big Apple name is old. "We love it," she said`)."""
    inside = body[opened + 1 : at]
    if not SPACED_CLOSE.search(inside) or len(WORD.findall(inside)) < MIN_SPACED_WORDS:
        return False
    following = body.find('"', at + 1, hi)
    return following < 0 or _straight_role(body, following, at + 1, hi) != "close"


def _straight_role(body: str, at: int, lo: int, hi: int) -> str:
    """Whether a straight `"` can only open a quote, only close one, or could do either.

    Spacing tells: `said "We` opens, `won," she` closes. A stray mark (`6'2" tall`) would
    otherwise pair with the next real quote and shift every later pair in the paragraph.
    """
    before = body[at - 1] if at > lo else " "
    after = body[at + 1] if at + 1 < hi else " "
    can_open = (before.isspace() or before in OPEN_CONTEXT) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or after in CLOSE_CONTEXT)
    if can_open == can_close:
        return "either"
    return "open" if can_open else "close"


def _span(body: str, opened: int, close: int, inner_end: int, lo: int, hi: int) -> QuoteSpan:
    start, end = opened + 1, inner_end
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in TRAILING_JUNK):
        end -= 1
    if not any(ch.isalnum() for ch in body[start:end]):
        start = end  # marks around nothing worth quoting: dropped by the caller
    return QuoteSpan(opened, close, start, end, lo, hi)
