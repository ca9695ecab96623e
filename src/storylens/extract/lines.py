"""Shallow features of one line of a text dump, and the line classes built from them.

The classes follow jusText/boilerpipe: what a line *is* (prose, short, boilerplate) is read
from its own shape; where it sits (inside the article block or not) is decided in `textdump`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from storylens.extract.text import normalise_line

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{.*?\}|\{\{|\}\}")
_NUMERIC = re.compile(r"^[\d\s.,:;/()+%#-]+$")
_BULLET = re.compile(r"^(?:[-*+•·–—▪►»]|o(?= [A-Z\d])|\d{1,2}[.)])\s+")
# A sentence ends with . ! ? (maybe inside quotes/brackets); "..." and "…" end teasers instead.
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][\"'”’»)\]]*$|[:;][\"'”’»]?$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")

# Headings that open a list of links to other pages, not part of the article.
LIST_HEADING = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related(?: \w+){0,2}|more (?:from|on|in|"
    r"news|stories|articles|headlines|videos?)\b.*|latest(?: \w+){0,2}|most (?:read|popular|"
    r"viewed|shared|commented|emailed)(?: \w+){0,2}|top (?:stories|news|headlines|articles)|"
    r"popular(?: \w+){0,2}|trending(?: \w+){0,2}|recommended(?: \w+){0,2}|you (?:may|might) "
    r"(?:also )?(?:like|enjoy|be interested in).*|editor'?s'? picks?|don'?t miss|further "
    r"reading|what to read next|around the web|sponsored(?: \w+){0,2}|promoted(?: \w+){0,2}|"
    r"in other media|infographics|topics|tags|featured(?: \w+){0,2}|in case you missed it|"
    r"читайте также|см\. также|lesen sie auch|mehr zum thema|à lire aussi|lire aussi|"
    r"leer más|lee también|lea también|ver también|te puede interesar|lo más (?:leído|visto)|"
    r"más noticias|leggi anche|i più letti|les plus lus|meistgelesen|"
    r"trending now|more on this(?: story| topic)?)\s*:?$",
    re.IGNORECASE,
)
# Widgets, sharing and template lines that are never article text, whatever their length.
_WIDGET = re.compile(
    r"^(?:share(?: (?:this|on \w+|article|story))?|tweet|print|e-?mail(?: this)?(?: article)?|"
    r"loading\.*|show more|show less|load more|read more|see more|"
    r"view (?:more|all|comments)|subscribe(?: now)?|sign (?:in|up)|log ?in|log ?out|register|"
    r"advertisement|advertising|ad|sponsored|реклама|anzeige|publicité|publicidad|pubblicità|"
    r"back to (?:top|main page)|skip to (?:main )?content|menu|search|close|next|previous|"
    r"previous article|next article|home|follow us|follow|like|reply|report|"
    r"\d+ pages? in this article|(?:photo|image|video|source)s?:.*|click here.*|"
    r"all rights reserved.*|accept(?: all)?(?: cookies)?|ok|okay|got it|"
    r"(?:e-?mail|send|tell|refer|share)(?: this)?(?: story| article| page)?(?: with| to) a friend|"
    r"(?:print|save|bookmark|recommend)(?: this)?(?: story| article| page)?|text size|font size|"
    r"(?:a\s*\|\s*)+a|digg(?: this)?|del\.icio\.us|reddit|facebook|twitter|x|linkedin|"
    r"whatsapp|telegram|rss(?: feeds?)?|permalink|trackback|submit (?:a )?news(?: item)?|"
    r"listen to this article.*|(?:compartir|teilen|partager|condividi|поделиться)(?: \w+){0,2}|"
    r"enviar por correo|imprimir|drucken|imprimer|stampa)\s*[.!]?$",
    re.IGNORECASE,
)
# A cookie banner's line, wherever the words sit in it: searched only in lines that say
# "cookie" (as a branch of _WIDGET, ".*" before it made every line cost several times more).
_COOKIE_BANNER = re.compile(
    r"\b(?:uses? cookies|cookie (?:policy|settings|preferences|consent)|accept cookies)\b",
    re.IGNORECASE,
)
# Where reader comments begin: the article is over.
_COMMENTS_START = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|thoughts)(?:\s*\(\d+\))?"
    r"(?: (?:to|on)\b.{0,40})?:?$|"
    r"^(?:leave|post|add|write|submit) (?:a|your) (?:comment|reply|response)\b.*|"
    r"^(?:join|start) the (?:discussion|conversation)\b.*|^comments are closed\.?$|"
    r"^(?:reader|user|readers'?) comments\b.*|^have your say\b.*|"
    r"^kommentare?\b.*|^commentaires?\b.*|^comentarios?\b.*",
    re.IGNORECASE,
)
# "Posted by NAME on 01/13/08 at 12:02PM": the signature of a post or of a reader's comment.
SIGNATURE = re.compile(
    r"^(?:posted|written|submitted|comment(?:ed)?|added|reply)(?: by| on)\b.{0,80}\d{1,2}:\d{2}",
    re.IGNORECASE,
)
# Legal and site notices, whatever their length: they read like prose but are page furniture.
_NOTICE = re.compile(
    r"all rights reserved|may not be (?:re)?(?:produced|published|distributed|copied)|"
    r"(?:is|are) (?:subject to|protected by) copyright|prior written (?:permission|consent)|"
    r"terms of (?:use|service)|privacy (?:policy|notice|statement)|"
    r"cookie (?:policy|settings|preferences)|(?:use|using) (?:of )?this (?:site|website)|"
    r"(?:sign up|subscribe) (?:for|to) (?:our|the) (?:free )?(?:newsletter|daily|weekly)|"
    r"enable javascript|javascript (?:is )?(?:disabled|required)|"
    r"community (?:rules|guidelines|standards) apply|affiliate (?:link|commission)",
    re.IGNORECASE,
)
# Promotions: "Subscribe to the Gazette for $1 a week", "Sign up to our morning briefing".
_PROMO = re.compile(r"^(?:subscribe|sign up|register|download (?:our|the) app)\b", re.IGNORECASE)
# The most words a promotion line has; longer lines starting so are text ("Subscribers to...").
PROMO_WORDS = 15
_CREDIT_LINE = re.compile(r"^(?:©|\(c\)|copyright\b|photo\s*(?:by|credit)|getty images)", re.I)
_PHOTO_CREDIT = re.compile(r"^[\w .'’-]{2,60}/\s*[\w .'’-]{2,30}$")


class Kind(Enum):
    BLANK = "blank"
    PROSE = "prose"  # sentence-like text: the stuff articles are made of
    SHORT = "short"  # a heading, a headline, a menu item: article text only in context
    JUNK = "junk"  # widgets, template residue, ranks, credits: never article text
    LIST_HEADING = "list-heading"  # "Read also", "Most read": a link list follows
    COMMENTS = "comments"  # "Leave a reply", "12 comments": reader comments follow


# Widget and credit patterns are read on short lines only (a cookie banner is a sentence or
# two); notices on lines up to a paragraph: a longer line that mentions "privacy policy" is
# a text that happens to, and a page flattened into one line must not be dropped whole.
WIDGET_WORDS = 40
NOTICE_WORDS = 80
# Thresholds below were swept one at a time on the bench dumps (846 pages, shared split, token
# F1 of the whole classifier, 0.920 at these values); the optimum is flat, so round values
# in the middle of it were kept. Re-run the sweep after changing any of them.
# A line this long is prose even without a final full stop (standfirsts, unpunctuated leads);
# 15 keeps headline lists as prose (0.917), 20-25 do not (0.920-0.921).
LONG_LINE_WORDS = 20
# A punctuated sentence needs this many words; shorter punctuated lines are captions, labels
# or menu entries about as often as text ("Sign up now."). 5: 0.920, 7: 0.920, 9: 0.919.
SENTENCE_WORDS = 7
# Prose is mostly lower-case; lists of names, menus and Title Case headlines are not.
# 0.6-0.8 score alike (0.904 when measured); 1.0 (no limit) is worse.
MAX_TITLE_RATIO = 0.7
# At least this share of stop words (the language's list, or the page's own commonest short
# words): prose is full of them, headline runs and lists of names have few. jusText uses 0.30;
# names-heavy news sentences need less: 0.10: 0.921, 0.15: 0.920, 0.20: 0.917.
MIN_STOP_RATIO = 0.15


@dataclass(slots=True)
class Line:
    index: int  # position in the input's lines
    text: str  # normalised text
    words: int
    stop_ratio: float
    title_ratio: float  # share of words that start with a capital
    sentence_end: bool
    bullet: bool
    kind: Kind


# Every _NOTICE match holds one of these words: the regex, slow on long lines, runs only then.
_NOTICE_WORDS = (
    "reserved", "may not be", "copyright", "written", "terms of", "privacy", "cookie",
    "this site", "this website", "newsletter", "daily", "weekly", "javascript", "community",
    "affiliate",
)  # fmt: skip
_CLOSERS = "\"'”’»)]"


_NOTICE_HINT = re.compile("|".join(map(re.escape, _NOTICE_WORDS)))


def _has_notice(text: str) -> bool:
    return _NOTICE_HINT.search(text.lower()) is not None and bool(_NOTICE.search(text))


def _is_widget(text: str) -> bool:
    return bool(_WIDGET.match(text) or _CREDIT_LINE.match(text)) or (
        "cookie" in text.lower() and _COOKIE_BANNER.search(text) is not None
    )


def _ends_sentence(text: str) -> bool:
    """`_SENTENCE_END.search(text)`, read from the end (the regex search tries every start)."""
    bare = text.rstrip(_CLOSERS)
    if bare.endswith((".", "!", "?")) and not bare[:-1].endswith(".."):
        return True
    return text.endswith((":", ";")) or (
        len(text) > 1 and text[-1] in _CLOSERS[:-2] and text[-2] in ":;"
    )


def _kind(line: Line) -> Kind:
    text, n_words = line.text, line.words
    if not text:
        return Kind.BLANK
    if _TEMPLATE.search(text) or _NUMERIC.match(text) or n_words == 0:
        return Kind.JUNK
    if _COMMENTS_START.match(text):
        return Kind.COMMENTS
    if LIST_HEADING.match(text):
        return Kind.LIST_HEADING
    label, colon, rest = text.partition(":")
    if colon and rest.strip() and n_words <= WIDGET_WORDS and LIST_HEADING.match(label):
        return Kind.JUNK  # "Related: Rail fares to rise" — a link with its label
    if n_words <= WIDGET_WORDS and _is_widget(text):
        return Kind.JUNK
    if n_words <= NOTICE_WORDS and _has_notice(text):
        return Kind.JUNK
    if n_words <= PROMO_WORDS and _PROMO.match(text):
        return Kind.JUNK
    if (n_words <= 6 and "©" in text) or (n_words <= 8 and _PHOTO_CREDIT.match(text)):
        return Kind.JUNK
    wordy = line.stop_ratio >= MIN_STOP_RATIO and line.title_ratio <= MAX_TITLE_RATIO
    long_enough = n_words >= LONG_LINE_WORDS or (n_words >= SENTENCE_WORDS and line.sentence_end)
    return Kind.PROSE if wordy and long_enough else Kind.SHORT


def make_line(index: int, raw: str, stopwords: frozenset[str]) -> Line:
    """The features and class of one input line."""
    text = normalise_line(raw)
    tokens = _WORD.findall(text)
    n_words = len(tokens)
    stops = sum(map(stopwords.__contains__, map(str.lower, tokens)))
    capitals = sum(1 for token in tokens if token[0].isupper())
    stop_ratio = stops / n_words if n_words else 0.0
    sentence_end = _ends_sentence(text) and not _ELLIPSIS_END.search(text)
    line = Line(
        index=index,
        text=text,
        words=n_words,
        stop_ratio=stop_ratio,
        title_ratio=capitals / n_words if n_words else 0.0,
        sentence_end=sentence_end,
        bullet=bool(_BULLET.match(text)),
        kind=Kind.BLANK,
    )
    line.kind = _kind(line)
    return line
