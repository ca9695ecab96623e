"""The line classifier for text dumps: which lines of a flattened page are the article.

1. Every line gets a class from its own shape (`lines.Kind`).
2. The article block is the run of lines with the highest score (prose lines add their words,
   everything else costs a fixed amount): a maximum-sum segment, so a "Read also" list inside
   the article is crossed when prose follows it, and menus around it are left out.
3. Inside the block, prose is kept; link lists (a list heading and the headline-like lines
   after it) are dropped; a lone short line between paragraphs is kept as a subheading, and
   a run of them as the article's own list when its lines are in sentence case.
4. The title is the headline-like line just above the block (`dumptitle`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from storylens.extract.dateline import parse_date_line
from storylens.extract.dumptitle import find_title
from storylens.extract.language import stopwords_for
from storylens.extract.lines import MIN_STOP_RATIO, SIGNATURE, Kind, Line, make_line

# Block scores. A prose line adds its words, capped so that one huge line (a comment dump, a
# legal notice) cannot outweigh a whole article; other lines cost a fixed amount. Swept on the
# bench dumps (846 pages, token F1; the gate is tests/test_extract_bench.py): costs of 4/4
# give 0.913, 5/5 0.914, 6/6 0.914 with news sets (aeb, l3s) gaining and general pages losing
# as costs rise; 5/5 is the middle. Cap 40: 0.917, 60: 0.920, 100: 0.920.
PROSE_CAP = 60
SHORT_COST = 5
JUNK_COST = 5
# A link list inside an article ("Read also" and 3-6 headlines) must not stop the block when
# a paragraph follows it; the list heading already says what the lines are. 0 to 20 for the
# heading and 1 to 3 per headline score within 0.002; these let one paragraph cross a list.
LIST_HEADING_COST = 5
LIST_ITEM_COST = 3
# Reader comments follow a comments heading: the block never runs across one, and after this
# many words of prose (a short news item) the page's article is taken to be above it
# (50 and 100 score the same; the heading cut itself took the bench from 0.915 to 0.920).
COMMENTS_COST = 10_000
ARTICLE_WORDS = 50
# A line seen this often is template, not text; two copies happen in articles (pull quotes,
# a headline repeated as a caption), three do not (2: 0.916, 3: 0.920).
MAX_REPEATS = 3
_DIGITS = re.compile(r"[\d\s.,]+")
# The highest mean share of capitalised words in a run of short lines between paragraphs
# that is kept as the article's own list or headings (bench dumps, 846 pages: 0.920 without
# the rule; 0.4: 0.922, 0.5: 0.922, 0.6: 0.922 with news sets losing as it rises).
MAX_RUN_TITLE = 0.4
# Lines in a run of wrapped lines before it counts as a paragraph (two could be a caption).
WRAPPED_RUN = 3
_CONTINUATION_STARTS = frozenset("0123456789(,;")


@dataclass(slots=True)
class Dump:
    lines: list[Line]  # every input line, blank ones included
    kept: list[Line]  # the article lines, in order
    title: Line | None
    block: tuple[int, int] | None  # input line indices of the article block (inclusive)

    @property
    def paragraphs(self) -> list[str]:
        return [line.text for line in self.kept]


def classify(text: str, language: str | None) -> Dump:
    """Split a text dump into article lines and the rest."""
    stopwords = stopwords_for(language, text)
    lines = [make_line(i, raw, stopwords) for i, raw in enumerate(text.splitlines())]
    _mark_repeats(lines)
    _mark_wrapped(lines)
    content = _before_comments([line for line in lines if line.kind is not Kind.BLANK])
    span = _best_block(content)
    if span is None:
        return Dump(lines, [], None, None)
    start, end = _cut_at_comments(content, *span)
    kept = _keep(content, start, end)
    title = find_title(content, start)
    return Dump(lines, kept, title, (content[start].index, content[end].index))


def _mark_repeats(lines: list[Line]) -> None:
    """Lines printed again and again (a banner per country, a footer per item) are template."""
    keys = [_DIGITS.sub("", line.text.lower()) for line in lines]
    counts = Counter(keys)
    for line, key in zip(lines, keys, strict=True):
        if line.kind in (Kind.PROSE, Kind.SHORT) and counts[key] >= MAX_REPEATS:
            line.kind = Kind.JUNK


def _mark_wrapped(lines: list[Line]) -> None:
    """Hard-wrapped paragraphs (plain-text pages, <pre>): short lines that continue each other.

    A line continues the one above when that one stops mid-sentence and this one starts in
    lower case; a run of such lines is prose even though each line alone is short.
    """
    run: list[Line] = []
    for line in [*lines, None]:
        previous = run[-1] if run else None
        if line is not None and previous is not None and _continues(previous, line):
            run.append(line)
            continue
        if len(run) >= WRAPPED_RUN:
            for member in run:
                if member.kind is Kind.SHORT and member.stop_ratio >= MIN_STOP_RATIO:
                    member.kind = Kind.PROSE
        run = [line] if line is not None and line.kind is Kind.SHORT else []


def _continues(previous: Line, line: Line) -> bool:
    return (
        line.index == previous.index + 1
        and line.kind in (Kind.SHORT, Kind.PROSE)
        and not previous.sentence_end
        and not line.bullet
        and (line.text[:1].islower() or line.text[:1] in _CONTINUATION_STARTS)
    )


def _scores(content: list[Line]) -> list[int]:
    """Each line's contribution to a block; headlines of a link list cost less than menus."""
    scores = []
    in_list = False
    for line in content:
        if line.kind is Kind.PROSE:
            in_list = False
            scores.append(min(line.words, PROSE_CAP))
        elif line.kind is Kind.LIST_HEADING:
            in_list = True
            scores.append(-LIST_HEADING_COST)
        elif line.kind is Kind.COMMENTS:
            scores.append(-COMMENTS_COST)
        elif in_list:
            scores.append(-LIST_ITEM_COST)
        else:
            scores.append(-(JUNK_COST if line.kind is Kind.JUNK else SHORT_COST))
    return scores


def _before_comments(content: list[Line]) -> list[Line]:
    """The lines above the first comments heading that follows an article's worth of prose.

    Readers' comments can hold more prose than the article; a "Comments (3)" link above the
    article must not cut it off, hence the prose needed before a heading counts.
    """
    prose_words = 0
    for position, line in enumerate(content):
        if line.kind is Kind.COMMENTS and prose_words >= ARTICLE_WORDS:
            return content[:position]
        prose_words += line.words if line.kind is Kind.PROSE else 0
    return content


def _best_block(content: list[Line]) -> tuple[int, int] | None:
    """(first, last) positions in `content` of the maximum-sum run of line scores."""
    best, best_span = 0, None
    total, start = 0, 0
    for position, score in enumerate(_scores(content)):
        if total <= 0:
            total, start = 0, position
        total += score
        if total > best:
            best, best_span = total, (start, position)
    return best_span


def _cut_at_comments(content: list[Line], start: int, end: int) -> tuple[int, int]:
    """End the block at the first signature after its prose when it holds several.

    One "Posted by X at 12:02" line is the post's own byline; more of them sign readers'
    comments, which start after the first signature that follows text.
    """
    signatures = [p for p in range(start, end + 1) if SIGNATURE.match(content[p].text)]
    if len(signatures) < 2:
        return start, end
    for position in signatures:
        if position > start:
            last = max(p for p in range(start, position) if content[p].kind is Kind.PROSE)
            return start, last
    return start, end


def _sentence_case_runs(content: list[Line], start: int, end: int) -> set[int]:
    """Positions of short-line runs between two prose lines of the block that read as text.

    Inside an article, runs of short lines are its lists and headings ("Services include:"
    and five items, a numbered step and its bullets); a menu or headline list is Title Case.
    The run is kept whole when its lines are mostly lower case, whatever its length.
    """
    keep: set[int] = set()
    position = start
    while position <= end:
        if content[position].kind is not Kind.SHORT:
            position += 1
            continue
        first = position
        while position <= end and content[position].kind is Kind.SHORT:
            position += 1
        run = content[first:position]
        between_prose = (
            first > start
            and position <= end
            and content[first - 1].kind is Kind.PROSE
            and content[position].kind is Kind.PROSE
        )
        if between_prose and sum(line.title_ratio for line in run) / len(run) <= MAX_RUN_TITLE:
            keep.update(range(first, position))
    return keep


def _keep(content: list[Line], start: int, end: int) -> list[Line]:
    """The article lines of the block: prose and lone subheadings, link lists left out."""
    kept: list[Line] = []
    in_list = False
    in_text = _sentence_case_runs(content, start, end)
    for position in range(start, end + 1):
        line = content[position]
        if line.kind is Kind.LIST_HEADING:
            in_list = True
        elif line.kind is Kind.PROSE:
            in_list = in_list and not line.sentence_end
            if not in_list:
                kept.append(line)
        elif (
            line.kind is Kind.SHORT
            and not in_list
            and (position in in_text or _is_subheading(content, position))
        ):
            kept.append(line)
    return kept


def _is_subheading(content: list[Line], position: int) -> bool:
    """A short line with prose on both sides, not a list item."""
    if not 0 < position < len(content) - 1:
        return False
    line = content[position]
    before, after = content[position - 1], content[position + 1]
    return (
        not line.bullet
        and line.words >= 2
        and before.kind is Kind.PROSE
        and after.kind is Kind.PROSE
        and parse_date_line(line.text) is None
    )


def strip_boilerplate(paragraphs: list[str], language: str | None) -> list[str]:
    """Widget lines and link lists dropped from text that is otherwise article already.

    For trafilatura's output: no block is cut (that costs recall on clean text, measured),
    only lines no article has: "Share", template residue, "Read also" and its headlines.
    """
    stopwords = stopwords_for(language, "\n".join(paragraphs))
    return _without_boilerplate([make_line(i, p, stopwords) for i, p in enumerate(paragraphs)])


def strip_comments_and_boilerplate(paragraphs: list[str], language: str | None) -> list[str]:
    """`strip_boilerplate` for text that may run on into readers' comments (the fast HTML
    path keeps a whole region, and a comment thread under the article often has no class
    that names it): the text ends at a comments heading after an article's worth of prose,
    or at the first of several "Posted by" signatures after it."""
    stopwords = stopwords_for(language, "\n".join(paragraphs))
    content = _before_comments([make_line(i, p, stopwords) for i, p in enumerate(paragraphs)])
    if content:
        _, end = _cut_at_comments(content, 0, len(content) - 1)
        content = content[: end + 1]
    return _without_boilerplate(content)


def _without_boilerplate(lines: list[Line]) -> list[str]:
    kept: list[str] = []
    in_list = False
    for line in lines:
        if line.kind is Kind.LIST_HEADING:
            in_list = True
        elif in_list and line.kind is Kind.PROSE and line.sentence_end:
            in_list = False
        if not in_list and line.kind not in (Kind.JUNK, Kind.LIST_HEADING):
            kept.append(line.text)
    return kept
