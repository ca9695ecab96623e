"""The article's opening as the headline finder reads it, from the fast extractor's blocks.

The headline rules (headline.py, styled_headline.py) were built on trafilatura's text, which
runs from a little above the article's first paragraph (its headline, date and byline, when
they sit in the article's container) to its end, one line a paragraph. The fast extractor's
region can start higher (a kicker, a caption, a menu the region holds) or lower (the headline
in a block above it), and keeps a hard-wrapped paragraph's source lines. So the opening is
rebuilt: the few lines just above the first paragraph, wherever they sit, then the region's
text from that paragraph on, a paragraph's lines as one.
"""

from __future__ import annotations

from storylens.extract.fastbody import MAX_LINK_SHARE, Block, FastBody

# The lines above the first paragraph kept: its headline, date, byline. Tune split, title
# token F1 on l3s-gn1 / wcxb with 2, 3, 4 lines: 0.9166 / 0.9514, 0.9235 / 0.9514,
# 0.9197 / 0.9514 (with MIN_ANCHOR_WORDS in headline.py).
LEAD_LINES = 3
# A paragraph has this many words and ends like a sentence...
PARAGRAPH_WORDS = 8
_SENTENCE_ENDS = tuple(".!?\"”’'…)")
# ...or is this long without (an unpunctuated lead).
LONG_PARAGRAPH_WORDS = 25


def headline_opening(fast: FastBody) -> list[str]:
    """The lines the headline finder reads (see the module doc)."""
    chosen = fast.chosen
    if not chosen:
        return []
    first = next((block for block in chosen if _is_paragraph(block)), chosen[0])
    start = next(index for index, block in enumerate(fast.blocks) if block is first)
    above = [line for block in fast.blocks[:start] if _readable(block) for line in block.lines]
    text = [_lines(block) for block in chosen[chosen.index(first) :]]
    return [*above[-LEAD_LINES:], *(line for lines in text for line in lines)]


def _lines(block: Block) -> list[str]:
    """A paragraph as one line (hard-wrapped source lines joined), other blocks line by line."""
    return [" ".join(block.lines)] if _is_paragraph(block) else block.lines


def _is_paragraph(block: Block) -> bool:
    text = " ".join(block.lines)
    count = len(text.split())
    return count >= LONG_PARAGRAPH_WORDS or (
        count >= PARAGRAPH_WORDS and text.endswith(_SENTENCE_ENDS)
    )


def _readable(block: Block) -> bool:
    return not block.away and not block.code_like and block.link_share <= MAX_LINK_SHARE
