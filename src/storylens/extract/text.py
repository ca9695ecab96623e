"""Whitespace, paragraph, title and author clean-up shared by every extraction path."""

from __future__ import annotations

import re
from html import unescape

# Zero-width and byte-order characters carry no text and break token matching downstream.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+")
# What str.isalnum() refuses, as a regex (checked over every Unicode code point): squash runs
# on every heading and title candidate, and a regex is several times faster than a loop.
_NOT_ALNUM = re.compile(r"[\W_]+")

# " | Site", " - Site", " — Site", " :: Site", " > Section": the separators pages put between
# a headline and the site and section names in <title>/og:title.
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-{1,2}|–|—|::?|·|•|»|>)\s+")
# A site or section segment is short; a longer one is part of the headline.
_MAX_SITE_WORDS = 5
# Words that make a short segment a site name ("SBS World News Australia", "Harrow Times").
_SITE_WORDS = re.compile(
    r"\b(?:news|online|times|post|daily|journal|magazine|blog|tv|radio|herald|tribune|"
    r"gazette|press|media|network|channel|today|weekly|\w+\.(?:com|org|net|co|au|uk|de))\b",
    re.IGNORECASE,
)
_LEADING_JUNK = "=>»:|-–—•· "

# Bylines that name a desk, an agency or a role rather than a person.
_NOT_A_PERSON = re.compile(
    r"\b(?:staff|desk|team|editors?|editorial|newsroom|reporters?|correspondents?|agency|"
    r"agencies|wires?|news|press|media|online|digital|admin|administrator|contributors?|"
    r"journal|sentinel|gazette|tribune|herald|magazine|daily|"
    r"reuters|afp|associated press|ap|dpa|tass|xinhua|bloomberg|upi|bbc|cnn)\b",
    re.IGNORECASE,
)
# "By", "Written by", "Von", "Par", "Por", "Di", "Door", "Автор:", "Words:", "Contributors:".
_AUTHOR_PREFIX = re.compile(
    r"^\s*(?:(?:(?:an?\s+)?post|posted|written|published|article|reviewed|edited|words|text|"
    r"story|report|"
    r"analysis|opinion|commentary|column|interview|review|reporting|photos?|video|"
    r"geschrieben|escrito|scritto|écrit|rédigé|geschreven)\s+)?"
    r"(?:by|von|par|por|di|da|door|от|przez|av|af)\b\s*:?\s*|"
    r"^\s*(?:authors?|autor(?:in|es|a)?|auteurs?|autore|auteur\(?e?\)?|автор|writer|words|"
    r"text|texto|testo|contributors?|reporter|redakteur(?:in)?|journaliste?)\s*:\s*|"
    r"^(?-i:(?:By|Author)(?=[A-Z][a-z]))",
    re.IGNORECASE,
)
# The people a byline names after its authors for another part: editors, reviewers, the
# photographer.
_NOT_AUTHORS = re.compile(
    r"(?<=\w)[\s,;|•·]+(?:(?:medically|fact[- ]?)?(?:edited|reviewed|checked|fact[- ]?checked|"
    r"illustrated|illustrations?|photos?|photographs?|graphics?)|lektoriert|redigiert|"
    r"révisé|revisado|revisionato)\s+(?:by|von|par|por|da|door)\b.*$",
    re.IGNORECASE,
)
# Where a byline's segments part ("A | date", "A; B").
_SEGMENT = re.compile(r"\s*[;|]\s*")
# Where one name ends and the next begins: "A; B", "A & B", "A and B", "A und B", "A et B",
# "A y B", "A e B", "A en B", "A och B", "A og B", "A i B", "A и B", "A | B" (one-letter
# words in lower case only: "E" and "I" are initials).
_NAME_SPLIT = re.compile(r"\s*[;&|]\s*|,?\s+(?:(?i:and|und|et|en|och|og)|y|e|i|и|а также)\s+")
# Commas separate names only in a list that ends with a conjunction ("A, B and C"); otherwise
# what follows a comma is a role, an outlet or credentials ("Ann Lee, Valley Post").
_COMMA = re.compile(r"\s*,\s*")
# Credentials after a name ("MS, RD, FAND", "MD", "Jr.", "CEPF®").
_CREDENTIAL = re.compile(r"[A-Z]{2,6}®?|(?:[A-Z]\.){2,3}|Ph\.?D\.?|Jr\.?|Sr\.?|I{2,3}")
# What follows a name in a byline: a date, a separator and what it separates, an update.
_AFTER_NAME = re.compile(
    r"\s+(?:[-|–—•·/]|on|at|in|am|le|el|il|el día)\s+.*$|(?<!\w)\d.*$|"
    r"\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d.*$|"
    r"\s*\b(?i:(?:last\s+)?(?:updated|published|posted|modified|reviewed)|aktualisiert|"
    r"veröffentlicht|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|"
    r"bijgewerkt|gepubliceerd|обновлено|опубликовано)\b.*$"
)
# A role printed after the name ("Irena Kowal Marketing Manager", "Ann Lee Senior Writer"):
# its head noun ends the byline, the words before it that qualify it go with it.
_ROLE_NOUNS = frozenset(
    "writer writers author editor editors reporter reporters correspondent correspondents "
    "columnist journalist contributor contributors manager director founder co-founder "
    "cofounder ceo cto cfo coo president expert specialist analyst strategist producer "
    "photographer host lead head chief officer consultant researcher scientist professor "
    "redakteur redakteurin korrespondent korrespondentin journaliste rédacteur rédactrice "
    "periodista redactor redactora giornalista корреспондент редактор".split()
)
_ROLE_WORDS = frozenset(
    "senior junior staff chief managing executive associate assistant deputy contributing "
    "lead head principal general content marketing sales editorial digital technical "
    "science health business political travel food sports tech technology security "
    "privacy data product growth social media news features opinion and & of the "
    "freelance guest special investigative ap afp upi dpa associated press".split()
)
_CALENDAR_WORDS = frozenset(
    "january february march july september october november december monday tuesday "
    "wednesday thursday friday saturday sunday updated published".split()
)
# A person's name has at most this many words ("Mary Anastasia O'Grady" is 3, "Juan Carlos de
# la Fuente Ruiz" is 6); longer strings are sentences or navigation that leaked into a byline.
_MAX_NAME_WORDS = 6
# A declared name may be one word ("Kristen", a handle): only letters, digits inside it, and
# the marks handles use.
_HANDLE = re.compile(r"[^\W\d_](?:[\w.'’-]*\w)?")


def normalise_line(text: str) -> str:
    """One line with every whitespace run collapsed to one space and invisible chars removed."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    # str.split() splits on exactly the characters regex \s matches (checked over all of
    # Unicode) and is several times faster: this runs on every text piece of every page.
    return " ".join(text.split())


def normalise_lines(text: str) -> list[str]:
    """`normalise_line` of each of the text's lines (split at newlines; empty ones kept), with
    the invisible characters looked for once in the whole text."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return [" ".join(line.split()) for line in text.split("\n")]


def printed_chars(text: str) -> int:
    """How many characters of `text` are neither whitespace nor invisible: what is left of it
    once normalised, less the spaces between its words."""
    bare = "".join(text.split())
    return len(_INVISIBLE.sub("", bare)) if _INVISIBLE.search(bare) else len(bare)


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of `text`, normalised: one paragraph per line."""
    return [line for line in (normalise_line(raw) for raw in text.splitlines()) if line]


def join_paragraphs(paras: list[str]) -> str:
    return "\n\n".join(paras)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def squash(text: str) -> str:
    """Lower-case alphanumerics only: for comparing names that differ in spacing or case."""
    return _NOT_ALNUM.sub("", text.lower())


def clean_title(title: str | None, site_names: list[str]) -> str | None:
    """The headline without the site and section names around it (`Headline | Site`)."""
    if not title:
        return None
    title = normalise_line(unescape(title)).lstrip(_LEADING_JUNK)
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part]
    known = [squash(name) for name in site_names if len(squash(name)) >= 3]
    if len(parts) >= 3:
        # "Headline - World - Sport - Site": a path of names around one headline. The site's
        # self-description can be the longest part ("Breaking Houston News, Weather, Sports").
        return max([p for p in parts if not _is_site(p, known)] or parts, key=len)
    if len(parts) == 2:
        first, last = parts
        # A pipe almost always separates the headline from a site or section name.
        piped = " | " in title and len(last.split()) <= _MAX_SITE_WORDS
        if _is_site(first, known) and not _is_site(last, known) and not _is_minor(last, first):
            return last  # "The Daily News: Sports | Rocket down Eagles": the site comes first
        if piped or _is_site(last, known) or _is_minor(last, first):
            return first
        if _is_site(first, known) or _is_minor(first, last):
            return last
    return title or None


def _is_site(segment: str, known: list[str]) -> bool:
    key = squash(segment)
    if key and any(key in name or name in key for name in known):
        return True
    return len(segment.split()) <= _MAX_SITE_WORDS and bool(_SITE_WORDS.search(segment))


def _is_minor(segment: str, other: str) -> bool:
    """A short tail next to a much longer headline: a site or section name."""
    return len(segment.split()) <= _MAX_SITE_WORDS and len(other) >= 2 * len(segment)


def clean_author(author: str | None, declared: bool = False) -> str | None:
    """Names of people, joined with "; ": bylines naming a desk, an agency or navigation are
    dropped, as are roles, dates and "Updated" after a name.

    `declared`: the page's own statement of its author (JSON-LD, <meta>): a one-word name
    ("Kristen", a handle) or one in lower case counts there; in a byline read from the page
    it needs a "By" before it."""
    if not author:
        return None
    names: list[str] = []
    text = normalise_line(unescape(author)) if "&" in author else normalise_line(author)
    text = text.replace(" ,", ",")
    # "Written by A | Edited by B", "By A, reviewed by B": the editor is not an author.
    text = _NOT_AUTHORS.sub("", text) or text
    if not declared:
        text = _up_to_date(text)
    groups = _NAME_SPLIT.split(_AUTHOR_PREFIX.sub("", text))
    listed = len(groups) > 1
    # "By Kiersten": one word after a "By" is a name; after a comma it is more likely a role.
    prefixed = bool(_AUTHOR_PREFIX.match(text)) and len(groups) == 1 and "," not in text
    for group in groups:
        for position, part in enumerate(_COMMA.split(group)):
            name = _AFTER_NAME.sub("", _AUTHOR_PREFIX.sub("", part)).strip(" ,.:*")
            if not name:
                continue
            # Capitals after a comma are credentials, unless they are an agency ("Ann Lee, AFP").
            if position and names and _CREDENTIAL.fullmatch(name) and not _NOT_A_PERSON.match(name):
                names[-1] = f"{names[-1]}, {name}"  # "Dylan Bailey, MS, RD": letters after it
                continue
            if position and not listed:
                break  # "Ann Lee, Valley Post", "Ann Lee, Transport Reporter"
            name = _without_initials(_without_outlet(_without_role(_once(name))))
            if _is_person(name, declared, prefixed) and name not in names:
                names.append(name)
    return "; ".join(names) or None


def byline_names(line: str) -> str | None:
    """The names on a line that says it is a byline ("By ...", "Written by ...", "Von ...",
    "Author: ..."), or None: other lines are not read (a name alone may be anyone's)."""
    text = normalise_line(line)
    return clean_author(text) if _AUTHOR_PREFIX.match(text) else None


def _without_initials(name: str) -> str:
    """ "CM Craig McCarthy" -> "Craig McCarthy": an avatar's initials printed before the name."""
    first, _, rest = name.partition(" ")
    tokens = rest.split()
    if len(tokens) >= 2 and first.isupper() and first == "".join(t[0] for t in tokens).upper():
        return rest
    return name


def _up_to_date(text: str) -> str:
    """A printed byline up to the segment that dates it: "A | May 2, 2008; 4:38 PM Polls" ->
    "A | May 2, 2008" (what follows the date is the page's furniture, not more names)."""
    segments = _SEGMENT.split(text)
    for index, segment in enumerate(segments):
        if any(ch.isdigit() for ch in segment):
            return " | ".join(segments[: index + 1])
    return text


def _once(name: str) -> str:
    """ "Colin Gray Colin Gray" -> "Colin Gray": a name printed twice (a card's link and its
    caption) read as one line."""
    tokens = name.split()
    half = len(tokens) // 2
    if half >= 2 and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        return " ".join(tokens[:half])
    return name


def _without_outlet(name: str) -> str:
    """ "LOEY LOCKERBY Special to The Star" -> "LOEY LOCKERBY": a name printed in capitals ends
    where the words in ordinary case (the outlet, a role) begin."""
    tokens = name.split()
    capitals = 0
    while capitals < len(tokens) and tokens[capitals].isupper() and len(tokens[capitals]) > 1:
        capitals += 1
    if capitals >= 2 and capitals < len(tokens):
        return " ".join(tokens[:capitals])
    return name


def _without_role(name: str) -> str:
    """The name without a role printed after it ("Ann Lee Senior Writer" -> "Ann Lee")."""
    tokens = name.split()
    for index in range(len(tokens) - 1, 0, -1):
        if tokens[index].lower().strip(",") in _ROLE_NOUNS:
            start = index
            while start > 0 and tokens[start - 1].lower().strip(",") in _ROLE_WORDS:
                start -= 1
            return " ".join(tokens[:start]).strip(" ,")
    return name


def _is_person(name: str, declared: bool = False, prefixed: bool = False) -> bool:
    tokens = name.split()
    if not tokens or len(tokens) > _MAX_NAME_WORDS or _NOT_A_PERSON.search(name):
        return False
    if any(token.lower() in _CALENDAR_WORDS for token in tokens):
        return False
    if declared and len(tokens) == 1 and _HANDLE.fullmatch(name) and not name.isupper():
        return True  # a handle ("rmb8090"): digits in a declared name are part of it
    if any(ch.isdigit() or ch in "@/:=<>{}()[]#" for ch in name):
        return False
    if len(tokens) == 1:
        word = tokens[0]
        if not _HANDLE.fullmatch(word) or len(word) < 2 or word.isupper():
            return False
        return declared or (prefixed and word[:1].isupper())
    if declared:
        return True
    # Names are capitalised; navigation and sentences are mostly not.
    capitals = sum(1 for token in tokens if token[:1].isupper())
    return capitals >= max(2, len(tokens) - 2)
