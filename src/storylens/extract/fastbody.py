"""The article text found fast: text blocks on lexbor's tree, the best-scoring region kept.

The page is cut into text blocks at block-level tags (a paragraph, a cell, a list item, the text
of a <div> between its child blocks). Each block scores its prose characters, less its link
text; blocks in regions that are never the article (menus, footers, comments, share bars: by
tag or by class/id) score against. The element whose blocks sum to the highest score is the
article's container: a region that adds more menu than prose to it lowers its score. It
narrows to a child that holds nearly all its prose; the prose blocks there, in page order, are
the text.

One pass of Python over lexbor's tree: about 5 ms of CPU a page on the bench pages (of which
lexbor's own iteration is about 0.6 ms), a seventh of trafilatura's time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from storylens.extract.text import normalise_lines

# Removed with their content before the walk: never text a reader sees.
_INVISIBLE = [
    "script",
    "style",
    "noscript",
    "svg",
    "iframe",
    "template",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
    "head",
]
# Deeper than lxml reads (it stops at 255 levels): no article nests so deep, and the walk is
# recursive (two frames a level at most, within Python's default limit of 1,000).
MAX_DEPTH = 255
# Elements the page does not show (microdata copies, collapsed menus).
# (Not the `hidden` attribute: streamed pages hide the article's markup there until it runs.)
_HIDDEN = '[style*="display:none"], [style*="display: none"], [aria-hidden="true"]'
# Tags that end a text block (their text is a block of its own).
_BLOCKS = frozenset(
    "p div li dd dt dl blockquote pre section article main h1 h2 h3 h4 h5 h6 ul ol "
    "table tr tbody thead tfoot caption header footer nav aside form figure figcaption address "
    "center fieldset hr details summary body html".split()
)
_CELLS = frozenset(("td", "th"))
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Regions that are never the article, by their tag.
_AWAY_TAGS = frozenset("nav aside footer header figure figcaption".split())
# ... and by their class or id (readability's and boilerpipe's lists, with share bars,
# cookie banners and newsletter boxes that today's pages add). Both lists are searched in
# lower-cased names: with re.IGNORECASE instead, a search cost five times as much (~2 ms a
# page, measured on the bench pages' 38,773 distinct names).
_AWAY_NAMES = re.compile(
    r"comment|disqus|sidebar|(?:right|left|side)-?rail|\bnav|menu|footer|\bfoot|breadcrumb|"
    r"related|share|sharing|social|promo|newsletter|subscri|advert|\bads?\b|\bad-|sponsor|"
    r"cookie|consent|popup|modal|outbrain|taboola|recommend|most-?read|popular|trending|"
    r"pagination|pager|masthead|byline|caption|\btags?\b|author|signup|login|toolbar|"
    r"shoutbox|combx"
)
# Words that name the article itself (see _is_away).
_ARTICLE_NAMES = re.compile(r"article|story|entry|post-?body|main-?content|content")

# The thresholds below without a measurement beside them were set by hand, not tuned.
# A block shorter than this (characters) is a label, a date or a button, not a paragraph.
MIN_PROSE_CHARS = 20
# Above this share of link text a block is a link list (boilerpipe's 0.33; menus sit near 1).
MAX_LINK_SHARE = 0.5
# A region named as never the article but holding more than this share of the page's prose is
# the page's wrapper, whatever its name says.
WRAPPER_SHARE = 0.5
# Script text: more than this share of code characters (prose has a few parentheses at most).
_CODE_CHARS = "{};=<>"
MAX_CODE_SHARE = 0.03
# What text in such regions, and link lists, costs a region per character: below 1, a region
# whose menus are filtered out of the text anyway may still hold the article (tune split:
# 0.3 / 0.6 / 1.0 give token F1 0.930 / 0.935 / 0.933).
BAD_WEIGHT = 0.6
# A block this short that ends without a sentence's punctuation is a teaser's headline or a
# label: it counts as one (article subheadings are in heading tags). Tune split: 20 / 80 / 130
# give token F1 0.935 / 0.940 / 0.940 (the headline lists of news pages stop winning).
TITLE_CHARS = 100
_SENTENCE_ENDS = tuple(".!?:;\"”’'…)")
# A prose block whose words (numbers aside) recur this many times on the page is a template's.
# Tune split: the whole block as key at 3 repeats gains wcxb +0.009 but costs cleaneval 0.008
# (tables of entries that repeat a phrase); the last 8 words at 5 repeats gains wcxb +0.012 and
# loses on no set.
MAX_REPEATS = 5
REPEAT_KEY_WORDS = 8
_LETTERS = re.compile(r"[^\W\d_]+")
# One block holding at least this share of the page's prose is the article (see confident).
ONE_BLOCK_SHARE = 0.9
# A line of script: a statement's keyword, a brace or "//" first, or one assignment
# ("tip.width=w"); or a brace or ");" last.
_CODE_START = re.compile(
    r"(?:var|let|const|function|if ?\(|else|return|document\.|window\.)\b|[{}]|//|"
    r"[\w.$]+ ?= ?\S+$"
)
_CODE_ENDS = ("{", "}", ");")
# A teaser ends in a link to the story ("... More", "Read more »").
_TEASER_END = re.compile(
    r"\b(?:more|details|read more|continue reading|full story)\s*[»›>]?$|[»›]$", re.IGNORECASE
)
# The chosen region narrows to a child holding at least this share of its prose (see _core).
# Tune split: 0.8 / 0.85 / 0.9 / 0.95 / off give token F1 0.952 / 0.952 / 0.951 / 0.950 / 0.949.
CORE_SHARE = 0.85
# What a label-sized block costs its region: many of them make a menu.
SHORT_BLOCK_COST = 5


@dataclass(slots=True)
class Block:
    lines: list[str]
    chars: int
    linked: int
    path: tuple[int, ...]  # ids of the block-level elements above it, outermost first
    tag: str
    regions: tuple[int, ...]  # ids of the elements above it named as never the article
    code_like: bool  # script text the markup let through (a script in a comment, a broken tag)
    away: bool = False  # inside such a region (one that is not the page's wrapper)

    @property
    def link_share(self) -> float:
        return self.linked / max(self.chars, 1)

    def score(self) -> int:
        if self.away or self.link_share > MAX_LINK_SHARE or self.code_like:
            return -int(BAD_WEIGHT * self.chars)
        last = self.lines[-1]
        if self.tag not in _HEADINGS and (
            self.chars < MIN_PROSE_CHARS
            or (self.chars < TITLE_CHARS and not last.endswith(_SENTENCE_ENDS))
            or _TEASER_END.search(last[-20:])
        ):
            return -SHORT_BLOCK_COST
        return self.chars - 2 * self.linked


@dataclass(slots=True)
class _Walk:
    blocks: list[Block] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    linked: int = 0
    path: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    regions: list[int] = field(default_factory=list)
    has_text: bool = False  # a piece that is not only whitespace since the last flush
    # The block-level elements in page order, each with the one it sits in (for the totals).
    elements: list[tuple[int, int | None]] = field(default_factory=list)

    def add_text(self, text: str, in_link: bool) -> None:
        if not text or text.isspace():
            self.pieces.append(" ")  # between two inline elements: a word break
            return
        # A line break in the source is kept as one: hard-wrapped old pages read better line
        # by line (tune split: as spaces, cleaneval loses 0.008).
        self.pieces.append(text)
        self.has_text = True
        if in_link:
            self.linked += len(text.strip())

    def flush(self) -> None:
        if not self.has_text:
            self.pieces.clear()
            self.linked = 0
            return
        in_pre = self.tags[-1:] == ["pre"]
        lines = [
            line
            for line in normalise_lines("".join(self.pieces))
            if line and (in_pre or not _is_code_line(line))
        ]
        self.pieces.clear()
        self.has_text = False
        if lines:
            chars = sum(map(len, lines))
            tag = self.tags[-1] if self.tags else "body"
            linked = min(self.linked, chars)
            path, regions = tuple(self.path), tuple(self.regions)
            self.blocks.append(
                Block(lines, chars, linked, path, tag, regions, _is_code(lines, tag))
            )
        self.linked = 0


@dataclass(slots=True)
class FastBody:
    paragraphs: list[str]
    blocks: list[Block]
    chosen: list[Block]  # the blocks of the chosen region kept as text

    @property
    def prose_share(self) -> float:
        """The share of the page's prose (outside away regions and link lists) kept."""
        kept = sum(block.chars for block in self.chosen if block.chars >= MIN_PROSE_CHARS)
        prose = sum(block.chars for block in self.blocks if _is_prose(block))
        return kept / max(prose, 1)

    @property
    def confident(self) -> bool:
        """Whether the result can be taken as it is. A region of one block is where the fast
        path fails (a page whose text is not in blocks, a caption that outscored a thin page),
        unless that block is nearly all the page's prose. Tune split, when it was set: with
        trafilatura on the other 2% of pages, token F1 0.942, where the fast path alone got
        0.940 and trafilatura on every page 0.938; requiring more (3 blocks, 80% of the prose)
        lost F1."""
        return len(self.chosen) > 1 or self.prose_share >= ONE_BLOCK_SHARE


def fast_body(html: str) -> FastBody:
    """The article's paragraphs by the best region of lexbor's tree (see the module doc)."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(_INVISIBLE)
    for hidden in tree.css(_HIDDEN):
        hidden.decompose()
    root = tree.body or tree.root
    walk = _Walk()
    if root is not None:
        _visit_block(root, root.tag or "body", walk)
    _mark_away(walk.blocks)
    _mark_repeats(walk.blocks)
    chosen = _chosen_blocks(walk.blocks, walk.elements)
    paras = [line for block in chosen for line in block.lines]
    return FastBody(paras, walk.blocks, chosen)


def _is_code_line(line: str) -> bool:
    return line.endswith(_CODE_ENDS) or _CODE_START.match(line) is not None


def _is_code(lines: list[str], tag: str) -> bool:
    if tag == "pre":
        return False  # a code listing the article shows
    text = "".join(lines)
    return sum(map(text.count, _CODE_CHARS)) > MAX_CODE_SHARE * len(text)


def _visit(node: LexborNode, walk: _Walk, in_link: bool, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        return  # markup built to hurt parsers; the page goes to trafilatura's path
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            walk.add_text(child.text_content or "", in_link)
        elif tag == "br":
            walk.pieces.append("\n")
        elif tag in _CELLS:
            walk.pieces.append(" | ")  # a row is one block: its cells read as one line
            _visit(child, walk, in_link, depth + 1)
        elif tag in _BLOCKS:
            _visit_block(child, tag, walk, depth + 1)
        elif tag and tag[0] != "-":
            only = child.first_child
            if only is not None and only.next is None and only.tag == "-text":
                # an inline element around one piece of text (most links): no walk needed
                walk.add_text(only.text_content or "", in_link or tag == "a")
            else:
                _visit(child, walk, in_link or tag == "a", depth + 1)


def _visit_block(node: LexborNode, tag: str, walk: _Walk, depth: int = 0) -> None:
    walk.flush()
    element = node.mem_id
    walk.elements.append((element, walk.path[-1] if walk.path else None))
    walk.path.append(element)
    walk.tags.append(tag)
    away = _is_away(node, tag)
    if away:
        walk.regions.append(element)
    _visit(node, walk, False, depth)
    walk.flush()
    walk.path.pop()
    walk.tags.pop()
    if away:
        walk.regions.pop()


def _is_away(node: LexborNode, tag: str) -> bool:
    """Whether the element is a region that is never the article: by its tag, or by a class or
    id word ("comment-content", "article-footer": any away word makes a word away) unless
    another of its words names the article alone ("has-sidebar page-content")."""
    if tag in ("body", "html"):
        return False
    if tag in _AWAY_TAGS:
        return True
    attributes = node.attributes
    return _names_away(f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower())


@lru_cache(maxsize=4096)  # a page's templates repeat the same few class names many times
def _names_away(names: str) -> bool:
    """Whether lower-cased class and id `names` mark a region away (see _is_away)."""
    if len(names) < 3 or _AWAY_NAMES.search(names) is None:
        return False
    return not any(
        _ARTICLE_NAMES.search(word) and not _AWAY_NAMES.search(word) for word in names.split()
    )


def _is_prose(block: Block) -> bool:
    return (
        block.chars >= MIN_PROSE_CHARS
        and not block.away
        and not block.code_like
        and block.link_share <= MAX_LINK_SHARE
    )


def _mark_away(blocks: list[Block]) -> None:
    """Blocks inside a region named as never the article, unless that region holds most of the
    page's prose: then its name describes the page's wrapper ("has-sidebar", "page-nav-open")."""
    prose: dict[int, int] = {}
    total = 0
    for block in blocks:
        if block.chars >= MIN_PROSE_CHARS and block.link_share <= MAX_LINK_SHARE:
            total += block.chars
            for region in block.regions:
                prose[region] = prose.get(region, 0) + block.chars
    wrappers = {region for region, chars in prose.items() if chars > WRAPPER_SHARE * total}
    for block in blocks:
        block.away = any(region not in wrappers for region in block.regions)


def _mark_repeats(blocks: list[Block]) -> None:
    """Blocks that end in the same words many times on the page (numbers aside) are a
    template's ("Free shipping on orders $40+. For more information ... visit our page" for
    every country), not the article: marked away."""
    keys = [
        " ".join(_LETTERS.findall(block.lines[-1].lower())[-REPEAT_KEY_WORDS:])
        if block.chars >= MIN_PROSE_CHARS
        else ""
        for block in blocks
    ]
    counts = Counter(keys)
    for block, key in zip(blocks, keys, strict=True):
        if key and counts[key] >= MAX_REPEATS:
            block.away = True


def _chosen_blocks(blocks: list[Block], elements: list[tuple[int, int | None]]) -> list[Block]:
    """The prose blocks of the element whose blocks score highest together."""
    totals = _totals(blocks, elements)
    if not totals:
        return []
    best = _core(max(totals, key=totals.__getitem__), blocks)
    return [
        block
        for block in blocks
        if best in block.path
        and not block.away
        and block.link_share <= MAX_LINK_SHARE
        and not block.code_like
    ]


def _totals(blocks: list[Block], elements: list[tuple[int, int | None]]) -> dict[int, int]:
    """Each element's blocks' summed score, for the elements holding any block, in page order:
    each block scored on its innermost element, the sums then carried up from the deepest
    elements (rather than adding every block to every element above it)."""
    totals = dict.fromkeys((element for element, _ in elements), 0)
    holds = dict.fromkeys(totals, False)
    for block in blocks:
        totals[block.path[-1]] += block.score()
        holds[block.path[-1]] = True
    for element, parent in reversed(elements):
        if parent is not None:
            totals[parent] += totals[element]
            holds[parent] = holds[parent] or holds[element]
    return {element: total for element, total in totals.items() if holds[element]}


def _core(best: int, blocks: list[Block]) -> int:
    """The element inside `best` that holds nearly all of its prose: what is left around it
    (an "about this blog" box, a teaser with a sentence) is not the article's."""
    prose = [block for block in blocks if best in block.path and block.score() > 0]
    while True:
        inside: dict[int, int] = {}
        for block in prose:
            position = block.path.index(best)
            if position + 1 < len(block.path):
                child = block.path[position + 1]
                inside[child] = inside.get(child, 0) + block.chars
        if not inside:
            return best
        child = max(inside, key=inside.__getitem__)
        if inside[child] < CORE_SHARE * sum(block.chars for block in prose):
            return best
        best, prose = child, [block for block in prose if child in block.path]
